import type { Seq } from './seq.ts';

/**
 * Hands out KV-cache memory to sequences. The pool is `totalBlocks` blocks of `blockSize` tokens; a paged
 * allocator gives blocks on demand, a contiguous one reserves a whole max-length slot (one big block) per
 * sequence. Write your own in a few dozen lines: `grow` and `release` are all the replica needs; the two
 * optional methods add prefix caching.
 */
export interface KvAllocator {
  /** Tokens per block. */
  readonly blockSize: number;
  /** Blocks in the pool. */
  readonly totalBlocks: number;
  /** Blocks held by sequences now. Cached blocks that no sequence holds count as free. */
  usedBlocks(): number;
  /**
   * Make `seq` able to hold `tokens` tokens in all, adding blocks as needed. Returns false, changing nothing,
   * when there are not enough free blocks. Called before every step the sequence takes part in.
   */
  grow(seq: Seq, tokens: number): boolean;
  /** Give back every block `seq` holds: it finished, or was preempted and will recompute later. */
  release(seq: Seq): void;
  /**
   * Prefix caching: how many tokens at the start of `seq` are already in cached blocks (a multiple of
   * `blockSize`; compare blocks with `seq.blockKey`). The next `grow` for `seq` must reuse those blocks.
   * Without this method nothing is ever cached.
   */
  cachedTokens?(seq: Seq): number;
  /** Prefix caching: the first `tokens` tokens of `seq` are now computed, so its full blocks may be shared. */
  markComputed?(seq: Seq, tokens: number): void;
}

/** What a KV allocator is built from; the replica computes it from the scenario. */
export interface KvAllocatorOptions {
  /** Tokens the whole pool holds. */
  poolTokens: number;
  blockSize: number;
  /** Longest sequence allowed (prompt + output). */
  maxModelLen: number;
  prefixCaching: boolean;
}

export type KvAllocatorFactory = (options: KvAllocatorOptions) => KvAllocator;
