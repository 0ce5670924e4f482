// Figures the KV-cache and precision chapters need that the engine does not compute as such, composed here only from
// engine functions. Each is listed in the hand-over report as a candidate to move into src/engine/.

import { CapacityInput } from '../engine/capacity.ts';
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytesReadPerStep } from '../engine/memory.ts';
import { mean, percentile } from '../engine/metrics.ts';
import type { Precision } from '../engine/precision.ts';
import { effectiveBitsPerWeight, type Quantization } from '../engine/quantization.ts';
import { Random } from '../engine/random.ts';
import { decodeStep } from '../engine/roofline.ts';
import { compareWeightOnlyInt4 } from '../engine/weight-only-quant.ts';
import { overrideQuantization, type WeightMemory, weightMemory } from '../engine/weights.ts';

/** vLLM's default gpu_memory_utilization, as the engine's capacity model defaults it. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = CapacityInput.parse({}).gpuMemoryUtilization;

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

/** 4-bit, groups of 128, FP16 scales and no zero points: symmetric GPTQ as Marlin keeps it in memory. */
const INT4_SYMMETRIC: Quantization = { ...overrideQuantization('int4'), method: 'gptq', zeroPoints: false };

/** Weight storage schemes the precision chapters compare (the INT4 ones are weight-only, W4A16). */
export const WEIGHT_SCHEMES = {
  bf16: { label: 'BF16', precision: 'bf16' },
  fp8: { label: 'FP8, one scale per tensor', precision: 'fp8' },
  int8: { label: 'INT8, one scale per output channel', precision: 'int8' },
  'int4-g128': { label: 'INT4 g128, scales only (symmetric GPTQ)', precision: null },
  'int4-g128-zp': { label: 'INT4 g128, scales + zeros (AWQ)', precision: 'int4' },
} as const satisfies Record<string, { label: string; precision: Precision | null }>;
export type WeightScheme = keyof typeof WEIGHT_SCHEMES;

/** The engine's quantization description of a scheme; null for plain 16-bit. */
export function schemeQuantization(scheme: WeightScheme): Quantization | null {
  const p = WEIGHT_SCHEMES[scheme].precision;
  if (p === null) return INT4_SYMMETRIC;
  return p === 'bf16' ? null : overrideQuantization(p);
}

/** Stored weight bytes under a scheme, from the engine's per-tensor inventory (embeddings and norms stay 16-bit). */
export function schemeWeights(m: Model, scheme: WeightScheme): WeightMemory {
  const p = WEIGHT_SCHEMES[scheme].precision;
  if (p === null) return weightMemory({ ...m, quantization: INT4_SYMMETRIC });
  return weightMemory(m, { precision: p });
}

/** Average stored bits per quantized weight, scales and zero points included. */
export function effectiveBits(scheme: WeightScheme): number {
  const q = schemeQuantization(scheme);
  return q === null ? 16 : effectiveBitsPerWeight(q);
}

export interface FormatSteps {
  batch: number;
  bf16: number;
  /** Weight-only 4-bit (W4A16), with the engine's dequantization cost. */
  int4: number;
  /** FP8 weights and activations (W8A8): 8-bit bytes, FP8 math. */
  fp8: number;
}

export interface FormatCurves {
  rows: FormatSteps[];
  /** The engine's batch from which W4A16 is no faster than BF16. */
  crossoverBf16: number | null;
  /** Smallest batch (1–4,096) from which FP8 W8A8 steps are at least as fast as W4A16, and the step time there. */
  crossoverFp8: number | null;
  crossoverFp8StepS: number | null;
  /** 16-bit ÷ 4-bit weight bytes: the batch-1 ceiling of the speed-up. */
  bytesRatio: number;
}

const ALL_BATCHES = Array.from({ length: 4096 }, (_, i) => i + 1);

/**
 * Decode step time in three weight formats across batch sizes: BF16 and W4A16 from the engine's weight-only INT4
 * comparison, FP8 W8A8 from the engine's decode step at the FP8 rate.
 */
export function formatCurves(m: Model, gpu: Gpu, context: number, batches: readonly number[]): FormatCurves {
  const w = compareWeightOnlyInt4(m, gpu, { batches: ALL_BATCHES, context });
  const fp8 = (batch: number) => decodeStep(m, gpu, { weightPrecision: 'fp8', batch, context }).stepTimeS;
  let crossoverFp8: number | null = null;
  let crossoverFp8StepS: number | null = null;
  for (const r of w.rows) {
    const f = fp8(r.batch);
    if (r.int4StepS >= f) {
      crossoverFp8 = r.batch;
      crossoverFp8StepS = f;
      break;
    }
  }
  const rows = batches.map((batch) => {
    const r = w.rows[batch - 1];
    if (!r) throw new RangeError(`batch ${batch} is outside 1–4,096`);
    return { batch, bf16: r.bf16StepS, int4: r.int4StepS, fp8: fp8(batch) };
  });
  return { rows, crossoverBf16: w.crossoverBatch, crossoverFp8, crossoverFp8StepS, bytesRatio: w.bytesRatio };
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
  const rng = new Random(opts.seed ?? 1);
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

/** Bootstrap interval of one accuracy, k right out of n (the paired bootstrap against an all-wrong baseline). */
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
