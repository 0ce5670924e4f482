// Lab 4: percentiles and goodput from a trace.
// Latencies are in milliseconds; durations in seconds. The trace holds completed requests.

export interface RequestRecord {
  /** Time to first token. */
  ttftMs: number;
  /** Time to the last token. */
  e2eMs: number;
  /** Tokens generated (the server's usage.completion_tokens). */
  outputTokens: number;
}

export interface Slo {
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

/** The p-th percentile (0–100) with linear interpolation between order statistics, as numpy does by default. */
export function percentile(values: readonly number[], p: number): number {
  return 0;
}

/** p50, p95, p99 and the mean. */
export function summarize(values: readonly number[]): { p50: number; p95: number; p99: number; mean: number } {
  return { p50: 0, p95: 0, p99: 0, mean: 0 };
}

/** Time per output token after the first; undefined when there is no second token. */
export function tpotMs(r: RequestRecord): number | undefined {
  return undefined;
}

/** Requests per second that met every SLO that is set. */
export function goodput(trace: readonly RequestRecord[], slo: Slo, durationS: number): number {
  return trace.length / durationS;
}
