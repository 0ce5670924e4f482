// Deliberately wrong (a test fixture): an hourly price divided by a per-second rate, so every cost is 3,600 times
// too high.

export function usdPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number {
  // The mistake: no conversion from seconds to hours.
  return (usdPerHour / tokensPerSecond) * 1e6;
}

export function usdPerMillionAtBatch(usdPerHour: number, stepMs: number, batch: number): number {
  // Each step yields one token per sequence in the batch.
  return usdPerMillionTokens(usdPerHour, batch / (stepMs / 1000));
}

export interface RequestCostInput {
  usdPerHour: number;
  promptTokens: number;
  outputTokens: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
}

export function requestCost(input: RequestCostInput): { prefillUsd: number; decodeUsd: number; totalUsd: number } {
  const perSecond = input.usdPerHour;
  const prefillUsd = (input.promptTokens / input.prefillTokensPerS) * perSecond;
  const decodeUsd = (input.outputTokens / input.decodeTokensPerS) * perSecond;
  return { prefillUsd, decodeUsd, totalUsd: prefillUsd + decodeUsd };
}
