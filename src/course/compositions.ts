// Figures the KV-cache and precision chapters need that the engine does not compute yet, composed here only from
// engine primitives. Each is listed in the hand-over report as a candidate to move into src/engine/.
import { createRng } from '../../graders/questions/rng.ts';
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes, weightBytesReadPerStep } from '../engine/memory.ts';
import { mean, percentile } from '../engine/metrics.ts';
import { paramCounts } from '../engine/params.ts';
import type { Precision } from '../engine/precision.ts';
import { decodeStep, flopsPerToken } from '../engine/roofline.ts';

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

/** Weight storage schemes the precision chapters compare (the INT4 ones are weight-only, W4A16). */
export const WEIGHT_SCHEMES = {
  bf16: { label: 'BF16', bits: 16, group: 0, scaleBytes: 0, zeroPoints: false },
  fp8: { label: 'FP8, one scale per tensor', bits: 8, group: 0, scaleBytes: 0, zeroPoints: false },
  int8: { label: 'INT8, one scale per output channel', bits: 8, group: -1, scaleBytes: 2, zeroPoints: false },
  'int4-g128': { label: 'INT4 g128, scales only (GPTQ)', bits: 4, group: 128, scaleBytes: 2, zeroPoints: false },
  'int4-g128-zp': { label: 'INT4 g128, scales + zeros (AWQ)', bits: 4, group: 128, scaleBytes: 2, zeroPoints: true },
} as const;
export type WeightScheme = keyof typeof WEIGHT_SCHEMES;

/**
 * Stored weight bytes under a scheme: the linear matrices quantized with their scales (and zero points, stored at the
 * weight width), embeddings and output head kept at 16 bits. Norms are counted with the matrices (a 0.002% error).
 */
export function schemeWeightBytes(m: Model, scheme: WeightScheme) {
  const s = WEIGHT_SCHEMES[scheme];
  const { total, embedding } = paramCounts(m);
  const matrices = scheme === 'bf16' ? 0 : total - embedding;
  const kept = (total - matrices) * 2;
  const payload = (matrices * s.bits) / 8;
  const groupWidth = s.group === -1 ? m.hiddenSize : s.group;
  const groups = groupWidth > 0 ? matrices / groupWidth : 0;
  const meta = groups * (s.scaleBytes + (s.zeroPoints ? s.bits / 8 : 0));
  return { payload, meta, kept, total: payload + meta + kept };
}

/** Average stored bits per quantized weight: b + (scale bits + zero bits) / group. */
export function effectiveBits(scheme: WeightScheme, hiddenSize = 4096): number {
  const s = WEIGHT_SCHEMES[scheme];
  const groupWidth = s.group === -1 ? hiddenSize : s.group;
  if (groupWidth <= 0) return s.bits;
  return s.bits + (8 * s.scaleBytes + (s.zeroPoints ? s.bits : 0)) / groupWidth;
}

/** Items of a paired eval, split by which system got each one right. */
export interface PairedCounts {
  n: number;
  /** Right before and after. */
  bothRight: number;
  /** Right before (baseline), wrong after (candidate). */
  lost: number;
  /** Wrong before, right after. */
  gained: number;
}

/**
 * Paired bootstrap of the accuracy difference (candidate − baseline): resample the n items with replacement and take
 * the middle `level` of the differences with the engine's percentile. Seeded, so a page and its tests agree.
 */
export function pairedBootstrap(c: PairedCounts, opts: { replicates?: number; seed?: number; level?: number } = {}) {
  const replicates = opts.replicates ?? 4000;
  const level = opts.level ?? 0.95;
  const rng = createRng(opts.seed ?? 1);
  const pLost = c.lost / c.n;
  const pGained = c.gained / c.n;
  const deltas = new Array<number>(replicates);
  for (let r = 0; r < replicates; r++) {
    let lost = 0;
    let gained = 0;
    for (let k = 0; k < c.n; k++) {
      const u = rng.next();
      if (u < pLost) lost++;
      else if (u < pLost + pGained) gained++;
    }
    deltas[r] = (gained - lost) / c.n;
  }
  const tail = ((1 - level) / 2) * 100;
  return {
    delta: (c.gained - c.lost) / c.n,
    low: percentile(deltas, tail),
    high: percentile(deltas, 100 - tail),
    bootstrapMean: mean(deltas),
  };
}

/** Bootstrap interval of one accuracy, k right out of n. */
export function accuracyBootstrap(
  n: number,
  k: number,
  opts: { replicates?: number; seed?: number; level?: number } = {},
) {
  const r = pairedBootstrap({ n, bothRight: 0, lost: 0, gained: k }, opts);
  return { accuracy: k / n, low: r.low, high: r.high };
}

/** Non-inferiority verdict: pass when the whole interval sits above −margin, fail when it sits below. */
export function parityVerdict(low: number, high: number, margin: number): 'pass' | 'fail' | 'inconclusive' {
  if (low >= -margin) return 'pass';
  if (high < -margin) return 'fail';
  return 'inconclusive';
}

export interface FormatSteps {
  batch: number;
  bf16: number;
  /** Weight-only 4-bit (W4A16): 4-bit bytes with scales and zeros, 16-bit math. */
  int4: number;
  /** FP8 weights and activations (W8A8): 8-bit bytes, FP8 math. */
  fp8: number;
}

/**
 * Decode step time of one batch in three weight formats. BF16 and FP8 come straight from the engine's decodeStep;
 * W4A16 is the slower of streaming its stored bytes (scales, zeros and 16-bit embeddings included) and the engine's
 * BF16 compute time. No dequantization cost is modelled here.
 */
export function formatSteps(m: Model, gpu: Gpu, batch: number, context: number): FormatSteps {
  const bf16 = decodeStep(m, gpu, { weightPrecision: 'bf16', batch, context });
  const fp8 = decodeStep(m, gpu, { weightPrecision: 'fp8', batch, context });
  const w4Read = schemeWeightBytes(m, 'int4-g128-zp').total * (bf16.weightBytesRead / weightBytes(m, 'bf16'));
  const int4 = Math.max((w4Read + bf16.kvBytesRead) / gpu.bandwidthBytesPerS, bf16.computeTimeS);
  return { batch, bf16: bf16.stepTimeS, int4, fp8: fp8.stepTimeS };
}

/** Smallest batch (1–4,096) at which `slower` is no faster than `faster`; null if it never happens. */
export function crossoverBatch(m: Model, gpu: Gpu, context: number, format: 'bf16' | 'fp8'): number | null {
  for (let b = 1; b <= 4096; b++) {
    const s = formatSteps(m, gpu, b, context);
    if (s.int4 >= s[format]) return b;
  }
  return null;
}
