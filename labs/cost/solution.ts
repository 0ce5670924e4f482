// Reference solution for lab 5 ($/MTok and cost per stage).

export function usdPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number {
  const tokensPerHour = tokensPerSecond * 3600;
  return (usdPerHour / tokensPerHour) * 1e6;
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
  const perSecond = input.usdPerHour / 3600;
  const prefillUsd = (input.promptTokens / input.prefillTokensPerS) * perSecond;
  const decodeUsd = (input.outputTokens / input.decodeTokensPerS) * perSecond;
  return { prefillUsd, decodeUsd, totalUsd: prefillUsd + decodeUsd };
}
