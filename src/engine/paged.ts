// Paged KV blocks: what a block holds, how many a sequence takes, and what sharing a prefix saves in memory and reads.

import type { Model } from './catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytesReadPerStep } from './memory.ts';
import type { Precision } from './precision.ts';

/** Bytes one block of `blockSize` tokens holds across all layers. */
export function blockBytes(m: Model, blockSize: number, kv: Precision = 'bf16'): number {
  return blockSize * kvBytesPerToken(m, kv);
}

/** Blocks a sequence of `tokens` occupies: its last block may be partly empty. */
export function blocksFor(tokens: number, blockSize: number): number {
  return Math.ceil(tokens / blockSize);
}

export interface PrefixScenario {
  /** Blocks every request holds when nothing is shared. */
  blocksEach: number;
  /** Full blocks of the prefix, stored once when shared. */
  sharedBlocks: number;
  /** Tokens at the end of the prefix that do not fill a block, kept per request. */
  tailTokens: number;
  blocksSeparate: number;
  blocksShared: number;
  /** KV memory held: the prefix's full blocks (N copies, or one), and what every request holds for itself. */
  held: { prefixSeparate: number; prefixShared: number; own: number };
  /** KV a decode step reads: the prefix N times (standard paged kernel) or once (shared-prefix kernel), plus each own part. */
  read: { prefixStandard: number; prefixCascade: number; own: number };
  weightBytesRead: number;
}

/**
 * N requests sharing a P-token prefix and adding U tokens each, in B-token blocks: memory held with and without
 * sharing, and the KV a decode step reads with a standard paged kernel and with a shared-prefix (cascade) kernel.
 */
export function prefixScenario(
  m: Model,
  s: { prefix: number; unique: number; requests: number; blockSize: number; kv?: Precision; weights?: Precision },
): PrefixScenario {
  const kv = s.kv ?? 'bf16';
  const block = blockBytes(m, s.blockSize, kv);
  const blocksEach = blocksFor(s.prefix + s.unique, s.blockSize);
  const sharedBlocks = Math.floor(s.prefix / s.blockSize);
  const whole = kvBytesForContext(m, s.prefix + s.unique, kv);
  const prefixOnly = kvBytesForContext(m, s.prefix, kv);
  return {
    blocksEach,
    sharedBlocks,
    tailTokens: s.prefix - sharedBlocks * s.blockSize,
    blocksSeparate: s.requests * blocksEach,
    blocksShared: sharedBlocks + s.requests * (blocksEach - sharedBlocks),
    held: {
      prefixSeparate: s.requests * sharedBlocks * block,
      prefixShared: sharedBlocks * block,
      own: s.requests * (blocksEach - sharedBlocks) * block,
    },
    read: {
      prefixStandard: s.requests * prefixOnly,
      prefixCascade: prefixOnly,
      own: s.requests * (whole - prefixOnly),
    },
    weightBytesRead: weightBytesReadPerStep(m, s.weights ?? m.dtype, s.requests),
  };
}
