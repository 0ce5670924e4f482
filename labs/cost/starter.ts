// Lab 5: $/MTok and cost per stage.
// Prices are US dollars per hour for the whole deployment; throughputs are tokens per second for the whole deployment.

/** Dollars per million tokens for a deployment that produces `tokensPerSecond` tokens while billed `usdPerHour`. */
export function usdPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number {
  return 0;
}

/** $/MTok of output when every decode step takes `stepMs` milliseconds for a batch of `batch` sequences. */
export function usdPerMillionAtBatch(usdPerHour: number, stepMs: number, batch: number): number {
  return 0;
}

export interface RequestCostInput {
  usdPerHour: number;
  promptTokens: number;
  outputTokens: number;
  /** Prompt tokens per second the deployment prefills (all requests together). */
  prefillTokensPerS: number;
  /** Output tokens per second the deployment decodes (all requests together). */
  decodeTokensPerS: number;
}

/** What one request costs, split into its prefill and decode stages. */
export function requestCost(input: RequestCostInput): { prefillUsd: number; decodeUsd: number; totalUsd: number } {
  return { prefillUsd: 0, decodeUsd: 0, totalUsd: 0 };
}
