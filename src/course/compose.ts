// Figures the chapters need that the engine does not offer as such, composed ONLY from engine primitives (no new
// physics). trainingStateBytes and maxBatchInMemory should move into src/engine/ if other parts need them.
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { kvBytesForContext, weightBytes } from '../engine/memory.ts';
import { mathRateFor, type Precision } from '../engine/precision.ts';
import { type Prefill, prefillTime } from '../engine/prefill.ts';
import { ridgePoint } from '../engine/roofline.ts';

/**
 * Memory for mixed-precision Adam training state: 16-bit weights and gradients plus FP32 master weights and the two
 * FP32 Adam moments (ZeRO, arXiv:1910.02054 §3.1: 2Ψ + 2Ψ + 12Ψ), before activations.
 */
export function trainingStateBytes(m: Model): number {
  return 2 * weightBytes(m, 'bf16') + 3 * weightBytes(m, 'fp32');
}

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
