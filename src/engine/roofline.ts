import { z } from 'zod';
import type { Gpu } from './catalog/gpu.ts';
import type { Model } from './catalog/model.ts';
import { parseInput } from './errors.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes, weightBytesReadPerStep } from './memory.ts';
import { paramCounts } from './params.ts';
import { type MathRate, mathRateFor, Precision } from './precision.ts';

/** Peak dense tensor throughput for a kind of math; formats a GPU lacks fall back to its BF16 rate. */
export function peakOpsPerS(gpu: Gpu, rate: MathRate): number {
  return gpu.denseOpsPerS[rate] ?? gpu.denseOpsPerS.bf16;
}

/** FLOP per byte at which a GPU turns from memory-bound to compute-bound. */
export function ridgePoint(gpu: Gpu, rate: MathRate = 'bf16'): number {
  return peakOpsPerS(gpu, rate) / gpu.bandwidthBytesPerS;
}

/**
 * FLOPs of attention per token per attended position in one layer: QKᵀ (2 × heads × qk dim) and AV (2 × heads ×
 * v dim). Standard attention: 4 × heads × head_dim. MLA counted in its expanded form (192-wide keys, 128-wide values).
 */
export function attentionFlopsPerPosition(m: Model): number {
  if (m.mla) return 2 * m.heads * (m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim + m.mla.vHeadDim);
  return 4 * m.heads * m.headDim;
}

/** Positions one token attends to across all layers at a context length (sliding-window layers capped). */
export function attendedPositions(m: Model, context: number): number {
  let attended = 0;
  for (const w of m.layerWindows) attended += w === null ? context : Math.min(context, w);
  return attended;
}

/** FLOPs to produce one token: 2 per active parameter, plus attention over the context (QKᵀ and AV). */
export function flopsPerToken(m: Model, context: number): number {
  return 2 * paramCounts(m).active + attentionFlopsPerPosition(m) * attendedPositions(m, context);
}

export const DecodeInput = z.object({
  weightPrecision: Precision,
  kvPrecision: Precision.default('bf16'),
  batch: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(4096, 'must be at most 4,096'),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(10_000_000, 'must be at most 10,000,000'),
  /** Share of peak bandwidth the kernels reach; 1 gives the ceiling. */
  bandwidthEfficiency: z
    .number({ error: 'must be a number' })
    .gt(0, 'must be above 0')
    .max(1, 'must be at most 1')
    .default(1),
  /** Share of peak tensor throughput the kernels reach; 1 gives the ceiling. */
  computeEfficiency: z
    .number({ error: 'must be a number' })
    .gt(0, 'must be above 0')
    .max(1, 'must be at most 1')
    .default(1),
  /** Count the KV entries the step writes (one token per sequence) in the bytes moved; tiny next to the reads. */
  includeKvWrite: z.boolean().default(false),
});
export type DecodeInput = z.input<typeof DecodeInput>;

export interface DecodeStep {
  weightBytesRead: number;
  kvBytesRead: number;
  /** KV bytes the step appends (one token per sequence); part of bytesPerStep only with includeKvWrite. */
  kvBytesWritten: number;
  bytesPerStep: number;
  flopsPerStep: number;
  arithmeticIntensity: number;
  ridgePoint: number;
  regime: 'memory-bound' | 'compute-bound';
  memoryTimeS: number;
  computeTimeS: number;
  /** Roofline step time: the slower of moving the bytes and doing the math. */
  stepTimeS: number;
  tokensPerSecondPerSequence: number;
  tokensPerSecondTotal: number;
  /** Share of the tensor cores' peak the step uses. */
  tensorUtilization: number;
  weightBytesTotal: number;
  weightsFit: boolean;
  gpuMemoryBytes: number;
}

/**
 * One decode step for `batch` sequences at `context` tokens each: every weight the batch needs is read once,
 * each sequence reads its own KV cache, and the step takes the longer of the memory and compute times.
 */
export function decodeStep(m: Model, gpu: Gpu, input: DecodeInput): DecodeStep {
  const i = parseInput(DecodeInput, input, 'decode input');
  const weightBytesRead = weightBytesReadPerStep(m, i.weightPrecision, i.batch);
  const kvBytesRead = i.batch * kvBytesForContext(m, i.context, i.kvPrecision);
  const kvBytesWritten = i.batch * kvBytesPerToken(m, i.kvPrecision);
  const bytesPerStep = weightBytesRead + kvBytesRead + (i.includeKvWrite ? kvBytesWritten : 0);
  const flopsPerStep = i.batch * flopsPerToken(m, i.context);
  const rate = mathRateFor(i.weightPrecision);
  const peak = peakOpsPerS(gpu, rate);
  const memoryTimeS = bytesPerStep / (gpu.bandwidthBytesPerS * i.bandwidthEfficiency);
  const computeTimeS = flopsPerStep / (peak * i.computeEfficiency);
  const stepTimeS = Math.max(memoryTimeS, computeTimeS);
  const intensity = flopsPerStep / bytesPerStep;
  const ridge = ridgePoint(gpu, rate);
  const total = weightBytes(m, i.weightPrecision);
  return {
    weightBytesRead,
    kvBytesRead,
    kvBytesWritten,
    bytesPerStep,
    flopsPerStep,
    arithmeticIntensity: intensity,
    ridgePoint: ridge,
    regime: computeTimeS > memoryTimeS ? 'compute-bound' : 'memory-bound',
    memoryTimeS,
    computeTimeS,
    stepTimeS,
    tokensPerSecondPerSequence: 1 / stepTimeS,
    tokensPerSecondTotal: i.batch / stepTimeS,
    tensorUtilization: flopsPerStep / (peak * stepTimeS),
    weightBytesTotal: total,
    weightsFit: total <= gpu.memoryBytes,
    gpuMemoryBytes: gpu.memoryBytes,
  };
}

/**
 * The smallest batch (1–4,096) at which a decode step turns compute-bound, or null when none does. A linear scan,
 * not a bisection: for MoE the weight bytes a step reads grow with the batch, so the regime need not flip once.
 */
export function computeBoundBatch(m: Model, gpu: Gpu, input: Omit<DecodeInput, 'batch'>): number | null {
  for (let batch = 1; batch <= 4096; batch++) {
    if (decodeStep(m, gpu, { ...input, batch }).regime === 'compute-bound') return batch;
  }
  return null;
}

/** Batch-1 decode ceiling from bytes alone: bandwidth ÷ bytes read per token. */
export function decodeCeilingTokensPerS(bytesPerStep: number, bandwidthBytesPerS: number): number {
  return bandwidthBytesPerS / bytesPerStep;
}

/**
 * Share of peak HBM bandwidth that production decode kernels sustain, as a range for "expect about".
 * Source: shared/course/errata.md #2 ("real engines get about 70–85% of peak"); Hazy Research's megakernel
 * post reports ≤50% for vLLM/SGLang on a 1B model, where launch gaps dominate.
 */
export const TYPICAL_BANDWIDTH_EFFICIENCY = { low: 0.7, high: 0.85 } as const;
