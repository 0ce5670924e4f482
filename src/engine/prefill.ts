import { z } from 'zod';
import type { Gpu } from './catalog/gpu.ts';
import type { Model } from './catalog/model.ts';
import { parseInput } from './errors.ts';
import { groupParams, weightInventory } from './inventory.ts';
import { kvBytesForContext } from './memory.ts';
import { expertFractionTouched, paramCounts } from './params.ts';
import { bytesPerElement, mathRateFor, Precision } from './precision.ts';
import { attentionFlopsPerPosition, peakOpsPerS, ridgePoint } from './roofline.ts';

const efficiency = z
  .number({ error: 'must be a number' })
  .gt(0, 'must be above 0')
  .max(1, 'must be at most 1')
  .default(1);

export const PrefillInput = z.object({
  promptTokens: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000'),
  /** Prompts prefilled together in one pass. */
  batch: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(4096).default(1),
  weightPrecision: Precision,
  kvPrecision: Precision.default('bf16'),
  computeEfficiency: efficiency,
  bandwidthEfficiency: efficiency,
});
export type PrefillInput = z.input<typeof PrefillInput>;

export interface Prefill {
  flops: number;
  /** FLOPs of the causal attention scores and values alone (grows with the square of the prompt). */
  attentionFlops: number;
  bytes: number;
  kvBytesWritten: number;
  computeTimeS: number;
  memoryTimeS: number;
  /** The slower of the two: the time to first token if nothing else queues ahead. */
  timeS: number;
  regime: 'memory-bound' | 'compute-bound';
  tokensPerSecond: number;
  tensorUtilization: number;
}

/** Attended positions summed over a causal prompt: token t sees min(t, window) positions in each layer. */
function causalPositions(m: Model, prompt: number): number {
  let total = 0;
  for (const w of m.layerWindows) {
    if (w === null || w >= prompt) total += (prompt * (prompt + 1)) / 2;
    else total += (w * (w + 1)) / 2 + (prompt - w) * w;
  }
  return total;
}

/**
 * Prefill of a prompt: 2 FLOPs per active parameter per token plus causal attention, against streaming every weight
 * the batch's tokens route to once and writing the prompt's KV cache. Long prompts are compute-bound.
 */
export function prefillTime(m: Model, gpu: Gpu, input: PrefillInput): Prefill {
  const i = parseInput(PrefillInput, input, 'prefill input');
  const tokens = i.promptTokens * i.batch;
  const attentionFlops = i.batch * attentionFlopsPerPosition(m) * causalPositions(m, i.promptTokens);
  const flops = 2 * paramCounts(m).active * tokens + attentionFlops;
  let shared = 0;
  let experts = 0;
  for (const g of weightInventory(m)) {
    if (g.kind === 'vision') continue;
    if (g.kind === 'expert') experts += groupParams(g);
    else shared += groupParams(g);
  }
  const weights = (shared + experts * expertFractionTouched(m, tokens)) * bytesPerElement(i.weightPrecision);
  const kvBytesWritten = i.batch * kvBytesForContext(m, i.promptTokens, i.kvPrecision);
  const bytes = weights + kvBytesWritten;
  const peak = peakOpsPerS(gpu, mathRateFor(i.weightPrecision));
  const computeTimeS = flops / (peak * i.computeEfficiency);
  const memoryTimeS = bytes / (gpu.bandwidthBytesPerS * i.bandwidthEfficiency);
  const timeS = Math.max(computeTimeS, memoryTimeS);
  return {
    flops,
    attentionFlops,
    bytes,
    kvBytesWritten,
    computeTimeS,
    memoryTimeS,
    timeS,
    regime: computeTimeS > memoryTimeS ? 'compute-bound' : 'memory-bound',
    tokensPerSecond: tokens / timeS,
    tensorUtilization: flops / (peak * timeS),
  };
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
 * The shortest prompt (1–1,000,000 tokens) whose prefill is compute-bound under `input`'s precision and efficiencies:
 * the smallest prefill chunk that still keeps the tensor cores the bottleneck. Bisection; null when none is.
 */
export function smallestComputeBoundPrompt(
  m: Model,
  gpu: Gpu,
  input: Omit<PrefillInput, 'promptTokens'>,
): number | null {
  const bound = (promptTokens: number) => prefillTime(m, gpu, { ...input, promptTokens }).regime === 'compute-bound';
  let lo = 1;
  let hi = 1_000_000;
  if (!bound(hi)) return null;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (bound(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
