import { z } from 'zod';
import { parseInput } from './errors.ts';

/**
 * Percentile by linear interpolation between order statistics — numpy's default ("linear") and what vLLM's
 * `bench serve` reports. p in [0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within 0..100 (got ${p})`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export const Summary = z.object({ p50: z.number(), p95: z.number(), p99: z.number(), mean: z.number() });
export type Summary = z.infer<typeof Summary>;

/** p50/p95/p99/mean of a sample; all zeros for an empty one (a run where nothing completed). */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, mean: 0 };
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), mean: mean(values) };
}

export const Slo = z.object({
  ttftMs: z.number().positive().optional(),
  tpotMs: z.number().positive().optional(),
  e2eMs: z.number().positive().optional(),
});
export type Slo = z.infer<typeof Slo>;

export interface RequestTiming {
  ttftMs: number;
  /** (E2E − TTFT) / (output tokens − 1); undefined for outputs of fewer than 2 tokens. */
  tpotMs?: number | undefined;
  e2eMs: number;
}

/** Does one request meet every stated SLO? A missing SLO does not constrain; a single-token output has no TPOT. */
export function meetsSlo(r: RequestTiming, slo: Slo): boolean {
  const s = parseInput(Slo, slo, 'SLO');
  if (s.ttftMs !== undefined && r.ttftMs > s.ttftMs) return false;
  if (s.tpotMs !== undefined && r.tpotMs !== undefined && r.tpotMs > s.tpotMs) return false;
  if (s.e2eMs !== undefined && r.e2eMs > s.e2eMs) return false;
  return true;
}

/** Goodput: completed requests per second whose TTFT, TPOT and E2E all meet the SLOs. */
export function goodput(requests: readonly RequestTiming[], slo: Slo, durationS: number): number {
  if (!(durationS > 0)) throw new RangeError(`duration must be positive (got ${durationS})`);
  return requests.filter((r) => meetsSlo(r, slo)).length / durationS;
}

/** TPOT per DESIGN.md: (E2E − TTFT) / (output tokens − 1), for outputs of two or more tokens. */
export function tpotMs(e2eMs: number, ttftMs: number, outputTokens: number): number | undefined {
  return outputTokens >= 2 ? (e2eMs - ttftMs) / (outputTokens - 1) : undefined;
}
