// Figures the KV-cache and precision chapters need that the engine does not compute yet, composed here only from
// engine primitives. Each is listed in the hand-over report as a candidate to move into src/engine/.
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes, weightBytesReadPerStep } from '../engine/memory.ts';
import type { Precision } from '../engine/precision.ts';
import { flopsPerToken } from '../engine/roofline.ts';

/**
 * vLLM's defaults, quoted: gpu_memory_utilization 0.9 and block_size 16.
 * Source: docs.vllm.ai "Engine arguments" and "Optimization and Tuning"; shared/course/errata.md E000-4.
 */
export const VLLM_DEFAULTS = { gpuMemoryUtilization: 0.9, blockSize: 16 } as const;

/** KV pool of a vLLM-style server: the utilization share of the card minus the weights (activation peak ignored). */
export function kvPoolBytes(m: Model, gpu: Gpu, weights: Precision, util: number = VLLM_DEFAULTS.gpuMemoryUtilization) {
  return gpu.memoryBytes * util - weightBytes(m, weights);
}

/** Bytes one block of `blockSize` tokens holds across all layers. */
export function blockBytes(m: Model, blockSize: number, kv: Precision = 'bf16'): number {
  return blockSize * kvBytesPerToken(m, kv);
}

/** Blocks a sequence of `tokens` occupies: its last block may be partly empty. */
export function blocksFor(tokens: number, blockSize: number): number {
  return Math.ceil(tokens / blockSize);
}

/**
 * FLOPs to prefill `tokens` tokens from scratch: the sum of flopsPerToken over positions 0..T−1. flopsPerToken is
 * affine in the context between sliding-window sizes, so each stretch sums exactly as count × value at its midpoint.
 */
export function prefillFlops(m: Model, tokens: number): number {
  const breaks = [...new Set(m.layerWindows.filter((w): w is number => w !== null && w < tokens))].sort(
    (a, b) => a - b,
  );
  let total = 0;
  let start = 0;
  for (const end of [...breaks, tokens]) {
    const count = end - start;
    if (count > 0) total += count * flopsPerToken(m, (start + end - 1) / 2);
    start = end;
  }
  return total;
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

/**
 * Host links a KV cache can be offloaded over, in GB/s per direction unless stated. Spec figures, not measurements;
 * the GPU catalog does not carry them yet.
 */
export const HOST_LINKS = {
  pcie4: {
    label: 'PCIe 4.0 ×16',
    gbps: 32,
    source: 'PCI-SIG: 16 GT/s × 16 lanes, 128b/130b ≈ 31.5 GB/s per direction',
  },
  pcie5: { label: 'PCIe 5.0 ×16', gbps: 64, source: 'PCI-SIG: 32 GT/s × 16 lanes, 128b/130b ≈ 63 GB/s per direction' },
  c2c: {
    label: 'NVLink-C2C (GH200)',
    gbps: 900,
    source: 'NVIDIA Grace Hopper Superchip: 900 GB/s total CPU–GPU bandwidth',
  },
  nvme: { label: 'PCIe 4.0 NVMe SSD', gbps: 7, source: 'e.g. Samsung 990 PRO datasheet: 7,450 MB/s sequential read' },
} as const;
export type HostLink = keyof typeof HOST_LINKS;
