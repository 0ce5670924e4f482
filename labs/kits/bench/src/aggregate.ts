// Per-request records → the `results` of a bench-result/v1 line, with the course engine's metric functions.
import { goodput, type RequestTiming, type Slo, summarize, tpotMs } from '../../../../src/engine/metrics.ts';
import type { BenchResult, RunResults } from '../../../../src/engine/results.ts';
import type { FailureKind, RequestRecord } from './request.ts';

/** A finished request's metrics, in milliseconds (DESIGN.md "Metric definitions"). */
export interface RequestMetrics extends RequestTiming {
  itlMs: number[];
  promptTokens: number;
  outputTokens: number;
}

/** Metrics of a successful request; null for failed or aborted ones. */
export function requestMetrics(r: RequestRecord): RequestMetrics | null {
  if (r.failure || r.aborted || r.textTimes.length === 0) return null;
  const first = r.textTimes[0] as number;
  const last = r.textTimes[r.textTimes.length - 1] as number;
  const ttftMs = first - r.sentAt;
  const e2eMs = last - r.sentAt;
  const outputTokens = r.outputTokens ?? 0;
  const itlMs: number[] = [];
  for (let i = 1; i < r.textTimes.length; i++) itlMs.push((r.textTimes[i] as number) - (r.textTimes[i - 1] as number));
  return {
    ttftMs,
    e2eMs,
    tpotMs: tpotMs(e2eMs, ttftMs, outputTokens),
    itlMs,
    promptTokens: r.promptTokens ?? 0,
    outputTokens,
  };
}

export interface Aggregate {
  results: RunResults;
  failures: NonNullable<BenchResult['failures']>;
  tokens: NonNullable<BenchResult['tokens']>;
  /** How many successful requests reported no usage (their output was counted in chunks). */
  withoutUsage: number;
}

/**
 * Summarize a level. `durationS` runs from the first measured send to the last measured reply, as in vLLM's
 * benchmark duration; throughputs divide by it.
 */
export function aggregate(records: readonly RequestRecord[], slo: Slo): Aggregate {
  const measured = records.filter((r) => !r.aborted);
  const ok: RequestMetrics[] = [];
  const failures = { http: 0, timeout: 0, stream: 0, other: 0, examples: [] as string[] };
  let withoutUsage = 0;
  for (const r of measured) {
    const m = requestMetrics(r);
    if (m) {
      ok.push(m);
      if (r.tokensFrom === 'chunks') withoutUsage++;
    } else if (r.failure) {
      failures[r.failure.kind as FailureKind]++;
      if (failures.examples.length < 5 && !failures.examples.includes(r.failure.message))
        failures.examples.push(r.failure.message);
    }
  }
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const r of measured) {
    start = Math.min(start, r.sentAt);
    end = Math.max(end, r.endedAt);
  }
  const durationS = measured.length > 0 ? Math.max(end - start, 0) / 1e3 : 0;
  const per = (n: number) => (durationS > 0 ? n / durationS : 0);
  let promptTotal = 0;
  let outputTotal = 0;
  for (const m of ok) {
    promptTotal += m.promptTokens;
    outputTotal += m.outputTokens;
  }
  const tpots = ok.flatMap((m) => (m.tpotMs === undefined ? [] : [m.tpotMs]));
  return {
    results: {
      completed: ok.length,
      failed: failures.http + failures.timeout + failures.stream + failures.other,
      duration_s: durationS,
      ttft_ms: summarize(ok.map((m) => m.ttftMs)),
      tpot_ms: summarize(tpots),
      itl_ms: summarize(ok.flatMap((m) => m.itlMs)),
      e2e_ms: summarize(ok.map((m) => m.e2eMs)),
      output_throughput_tok_s: per(outputTotal),
      total_token_throughput_tok_s: per(promptTotal + outputTotal),
      request_throughput_req_s: per(ok.length),
      goodput_req_s: durationS > 0 ? goodput(ok, slo, durationS) : 0,
    },
    failures,
    tokens: {
      prompt_mean: ok.length ? promptTotal / ok.length : 0,
      output_mean: ok.length ? outputTotal / ok.length : 0,
      prompt_total: promptTotal,
      output_total: outputTotal,
    },
    withoutUsage,
  };
}
