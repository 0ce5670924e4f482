// Compositions of engine primitives that the engine does not offer yet. Each is listed in the hand-over report
// so that it can move into src/engine once the engine grows the function; chapters import them from here only.
import type { Gpu } from '../../engine/catalog/gpu.ts';
import type { Model } from '../../engine/catalog/model.ts';
import { weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { bytesPerElement, mathRateFor, type Precision } from '../../engine/precision.ts';
import { flopsPerToken, peakOpsPerS } from '../../engine/roofline.ts';

/** vLLM's default share of GPU memory the engine may use (docs.vllm.ai, engine args: gpu_memory_utilization=0.9). */
export const VLLM_DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/**
 * Bytes left for the KV cache on one GPU: memory × utilization − weights. Ignores the activation peak and
 * CUDA/NCCL overhead, so it is an upper bound on what vLLM reports at startup.
 */
export function kvPoolBytes(
  m: Model,
  gpu: Gpu,
  weightPrecision: Precision,
  utilization = VLLM_DEFAULT_GPU_MEMORY_UTILIZATION,
): number {
  return gpu.memoryBytes * utilization - weightBytes(m, weightPrecision);
}

/**
 * FLOPs to prefill an n-token prompt: token i attends to i earlier tokens, and flopsPerToken is affine in the
 * context for full-attention models, so the sum equals n × flopsPerToken at the mean context (n − 1) / 2.
 * (For sliding-window layers this slightly overstates the attention term.)
 */
export function prefillFlops(m: Model, promptTokens: number): number {
  return promptTokens * flopsPerToken(m, (promptTokens - 1) / 2);
}

/** Prefill time if the tensor cores ran at their dense peak: a floor, since real prefill reaches a fraction of it. */
export function prefillSecondsAtPeak(m: Model, gpu: Gpu, promptTokens: number, weightPrecision: Precision): number {
  return prefillFlops(m, promptTokens) / peakOpsPerS(gpu, mathRateFor(weightPrecision));
}

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
 * $/MTok = $/h ÷ (tokens/s × 3600) × 10⁶. A stand-in with the signature of the engine's usdPerMillionTokens
 * (src/engine/cost.ts, landing from the engine branch); the chapters switch to the engine's when it reaches main.
 */
export function usdPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number {
  if (!(usdPerHour > 0) || !(tokensPerSecond > 0))
    throw new RangeError(`price and throughput must be positive (got ${usdPerHour}, ${tokensPerSecond})`);
  return (usdPerHour / (tokensPerSecond * 3600)) * 1e6;
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
