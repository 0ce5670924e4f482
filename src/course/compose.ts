// Figures the chapters need before the engine offers them, composed ONLY from engine primitives (no new physics).
// Each one should move into src/engine/ when the engine grows it (prefill time, capacity, training memory);
// the chapters, templates and explorers then switch to the engine's version.
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, weightBytes, weightBytesReadPerStep } from '../engine/memory.ts';
import { mathRateFor, type Precision } from '../engine/precision.ts';
import { flopsPerToken, peakOpsPerS, ridgePoint } from '../engine/roofline.ts';

/**
 * Memory for mixed-precision Adam training state: 16-bit weights and gradients plus FP32 master weights and the two
 * FP32 Adam moments (ZeRO, arXiv:1910.02054 §3.1: 2Ψ + 2Ψ + 12Ψ), before activations.
 */
export function trainingStateBytes(m: Model): number {
  return 2 * weightBytes(m, 'bf16') + 3 * weightBytes(m, 'fp32');
}

/**
 * FLOPs to prefill a prompt: token i attends to the i tokens before it, so the total is Σ flopsPerToken(m, i).
 * flopsPerToken is linear in the context between window edges, so each linear stretch sums exactly as
 * (count × value at its midpoint) — the engine's own per-token formula, summed without a per-token loop.
 */
export function prefillFlops(m: Model, promptTokens: number): number {
  if (!Number.isInteger(promptTokens) || promptTokens < 1)
    throw new RangeError('promptTokens must be a whole number ≥ 1');
  const edges = [...new Set(m.layerWindows.filter((w): w is number => w !== null && w < promptTokens - 1))].sort(
    (a, b) => a - b,
  );
  let total = 0;
  let start = 0;
  for (const edge of [...edges, promptTokens - 1]) {
    const count = edge - start + 1;
    if (count > 0) total += count * flopsPerToken(m, (start + edge) / 2);
    start = edge + 1;
  }
  return total;
}

export interface PrefillEstimate {
  flops: number;
  /** Weights read once for the whole prompt (MoE: the experts the prompt's tokens route to) plus the KV written. */
  bytes: number;
  computeTimeS: number;
  memoryTimeS: number;
  /** Roofline lower bound: the slower of doing the math and moving the bytes, at 100% of both peaks. */
  timeS: number;
  arithmeticIntensity: number;
  ridgePoint: number;
  regime: 'memory-bound' | 'compute-bound';
}

/** A prompt processed in one forward pass, on the roofline: the time to first token before queueing and overheads. */
export function prefillEstimate(m: Model, gpu: Gpu, p: Precision, promptTokens: number): PrefillEstimate {
  const flops = prefillFlops(m, promptTokens);
  const bytes = weightBytesReadPerStep(m, p, promptTokens) + kvBytesForContext(m, promptTokens);
  const rate = mathRateFor(p);
  const computeTimeS = flops / peakOpsPerS(gpu, rate);
  const memoryTimeS = bytes / gpu.bandwidthBytesPerS;
  return {
    flops,
    bytes,
    computeTimeS,
    memoryTimeS,
    timeS: Math.max(computeTimeS, memoryTimeS),
    arithmeticIntensity: flops / bytes,
    ridgePoint: ridgePoint(gpu, rate),
    regime: computeTimeS > memoryTimeS ? 'compute-bound' : 'memory-bound',
  };
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
