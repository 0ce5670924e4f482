// Lab 9: speculative decoding break-even.
// α (acceptance): chance the target model accepts each drafted token. γ (draftTokens): tokens drafted per step.
// c (draftCost): time of one draft step as a fraction of one target step.

/** Tokens produced per target step, in expectation. */
export function expectedTokensPerStep(acceptance: number, draftTokens: number): number {
  return 1;
}

/** Wall-clock speed-up over decoding without a draft model. */
export function speedup(acceptance: number, draftTokens: number, draftCost: number): number {
  return 1;
}

/** The acceptance rate at which speculation neither helps nor hurts: 0 if it always pays, 1 if it never can. */
export function breakEvenAcceptance(draftTokens: number, draftCost: number): number {
  return 0;
}

/** The number of draft tokens (1 to maxDraftTokens) with the highest speed-up. */
export function bestDraftLength(acceptance: number, draftCost: number, maxDraftTokens: number): number {
  return 1;
}
