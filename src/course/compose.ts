// Figures the chapters need that the engine does not offer as such, composed ONLY from engine primitives (no new
// physics). maxBatchInMemory, paddingWaste and weightBytesAtBits should move into src/engine/ if
// other parts need them.
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, weightBytes } from '../engine/memory.ts';
import { paramCounts } from '../engine/params.ts';
import { bytesPerElement, mathRateFor, type Precision } from '../engine/precision.ts';
import { type Prefill, prefillTime } from '../engine/prefill.ts';
import { ridgePoint } from '../engine/roofline.ts';

export interface PrefillEstimate extends Prefill {
  arithmeticIntensity: number;
  ridgePoint: number;
}

/** The engine's prefill of one prompt on the roofline, with the intensity and ridge point the chapters plot. */
export function prefillEstimate(m: Model, gpu: Gpu, p: Precision, promptTokens: number): PrefillEstimate {
  const e = prefillTime(m, gpu, { promptTokens, weightPrecision: p });
  return { ...e, arithmeticIntensity: e.flops / e.bytes, ridgePoint: ridgePoint(gpu, mathRateFor(p)) };
}

/**
 * The largest batch whose KV caches fit beside the weights, each sequence at `context` tokens: a crude upper bound that
 * ignores activations, CUDA graphs and the runtime's reserve (vLLM's real pool is smaller). 0 when the weights alone
 * do not fit.
 */
export function maxBatchInMemory(m: Model, gpu: Gpu, p: Precision, context: number, kvPrecision: Precision = 'bf16') {
  const free = gpu.memoryBytes - weightBytes(m, p);
  if (free <= 0) return 0;
  const perSeq = kvBytesForContext(m, Math.max(1, context), kvPrecision);
  return Math.floor(free / perSeq);
}

// Parts 6–8: padding waste of fixed-shape batching, and weight bytes at an arbitrary bit width.

export interface PaddingWaste {
  longest: number;
  usefulTokens: number;
  paddedTokens: number;
  /** Share of the batch's token slots that hold padding. */
  waste: number;
}

/**
 * Fixed-shape batching pads every sequence to the longest in the batch; the padded slots are computed and thrown
 * away. (Iteration-level batching in LLM engines packs ragged sequences and has no such padding.)
 */
export function paddingWaste(lengths: readonly number[]): PaddingWaste {
  if (lengths.length === 0 || lengths.some((n) => !(Number.isInteger(n) && n > 0)))
    throw new RangeError(`lengths must be positive whole numbers (got ${lengths.join(', ')})`);
  const longest = Math.max(...lengths);
  const usefulTokens = lengths.reduce((a, b) => a + b, 0);
  const paddedTokens = longest * lengths.length;
  return { longest, usefulTokens, paddedTokens, waste: 1 - usefulTokens / paddedTokens };
}

/**
 * Weight bytes a decode step reads when the linear layers are stored at `bitsPerWeight` effective bits (scales and
 * zero points included) and the embedding table and output head stay in BF16, as quantized checkpoints keep them.
 * Dense models only: for MoE the share of experts a batch touches would also enter.
 */
export function weightBytesAtBits(m: Model, bitsPerWeight: number): number {
  if (!(bitsPerWeight > 0 && bitsPerWeight <= 32))
    throw new RangeError(`bits per weight must be within (0, 32] (got ${bitsPerWeight})`);
  const c = paramCounts(m);
  return (c.total - c.embedding) * (bitsPerWeight / 8) + c.embedding * bytesPerElement('bf16');
}
