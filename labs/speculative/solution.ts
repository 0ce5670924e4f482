// Reference solution for lab 9 (speculative decoding, Leviathan, Kalman and Matias 2023).

export function expectedTokensPerStep(acceptance: number, draftTokens: number): number {
  if (acceptance === 1) return draftTokens + 1;
  // 1 + α + … + α^γ: the i-th draft counts only if every draft before it was accepted.
  return (1 - acceptance ** (draftTokens + 1)) / (1 - acceptance);
}

export function speedup(acceptance: number, draftTokens: number, draftCost: number): number {
  return expectedTokensPerStep(acceptance, draftTokens) / (draftTokens * draftCost + 1);
}

export function breakEvenAcceptance(draftTokens: number, draftCost: number): number {
  const at = (a: number) => speedup(a, draftTokens, draftCost);
  if (at(0) >= 1) return 0;
  if (at(1) < 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let n = 0; n < 60; n++) {
    const mid = (lo + hi) / 2;
    if (at(mid) < 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function bestDraftLength(acceptance: number, draftCost: number, maxDraftTokens: number): number {
  let best = 1;
  for (let g = 2; g <= maxDraftTokens; g++)
    if (speedup(acceptance, g, draftCost) > speedup(acceptance, best, draftCost)) best = g;
  return best;
}
