// Weight storage schemes the precision chapters compare, and decode step time in BF16, W4A16 and FP8 across batches.

import type { Gpu } from './catalog/gpu.ts';
import type { Model } from './catalog/model.ts';
import type { Precision } from './precision.ts';
import { effectiveBitsPerWeight, type Quantization } from './quantization.ts';
import { decodeStep } from './roofline.ts';
import { compareWeightOnlyInt4 } from './weight-only-quant.ts';
import { overrideQuantization, type WeightMemory, weightMemory } from './weights.ts';

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
