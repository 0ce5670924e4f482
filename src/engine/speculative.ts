import { z } from 'zod';
import { parseInput } from './errors.ts';

export const SpeculativeInput = z.object({
  /** Probability that the target model accepts a drafted token (Leviathan et al.'s α). */
  acceptance: z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(1, 'must be at most 1'),
  /** Tokens drafted per step (γ, vLLM's num_speculative_tokens). */
  draftTokens: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(64),
  /** Cost of one draft step relative to one target step (c). */
  draftCost: z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(10, 'must be at most 10'),
});
export type SpeculativeInput = z.input<typeof SpeculativeInput>;

/** Expected tokens produced per target step: (1 − α^(γ+1)) / (1 − α); γ + 1 when every draft is accepted. */
export function expectedTokensPerStep(acceptance: number, draftTokens: number): number {
  const i = parseInput(SpeculativeInput, { acceptance, draftTokens, draftCost: 0 }, 'speculative decoding');
  if (i.acceptance === 1) return i.draftTokens + 1;
  return (1 - i.acceptance ** (i.draftTokens + 1)) / (1 - i.acceptance);
}

/**
 * Walltime speed-up over plain decoding (Leviathan, Kalman & Matias 2023, Theorem 3.8):
 * (1 − α^(γ+1)) / ((1 − α)(γc + 1)). Assumes the target step costs the same with γ + 1 tokens as with one,
 * which holds while decode is memory-bound.
 */
export function speculativeSpeedup(input: SpeculativeInput): number {
  const i = parseInput(SpeculativeInput, input, 'speculative decoding');
  return expectedTokensPerStep(i.acceptance, i.draftTokens) / (i.draftTokens * i.draftCost + 1);
}

/** Acceptance rate at which speculation stops paying (speed-up = 1); 0 when it always pays, 1 when it never can. */
export function breakEvenAcceptance(draftTokens: number, draftCost: number): number {
  const at = (acceptance: number) => speculativeSpeedup({ acceptance, draftTokens, draftCost });
  if (at(0) >= 1) return 0;
  if (at(1) < 1) return 1;
  // The speed-up rises monotonically with α, so bisection finds the single crossing.
  let lo = 0;
  let hi = 1;
  for (let n = 0; n < 60; n++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
