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
  return interpolatedPercentile(p, sorted.length, (k) => sorted[k] as number);
}

/** numpy's "linear" rule: the value at rank p/100 × (n − 1), between the order statistics either side of it. */
function interpolatedPercentile(p: number, n: number, orderStatistic: (k: number) => number): number {
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const a = orderStatistic(lo);
  const b = orderStatistic(Math.ceil(rank));
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

/**
 * A sample given as distinct values with repeat counts — the simulator's inter-token gaps come this way, since
 * every sequence in a step sees the same gap. Percentiles are those of the expanded list with numpy's linear
 * interpolation between order statistics (what `percentile` gives), without expanding it.
 */
export class WeightedSample {
  /** Values in increasing order, and how many of the expanded sample lie at or below each. */
  readonly #values: Float64Array;
  readonly #cumulative: Float64Array;
  readonly size: number;
  readonly mean: number;

  constructor(values: Float64Array, counts: Float64Array) {
    const m = values.length;
    const order = new Uint32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    this.#values = new Float64Array(m);
    this.#cumulative = new Float64Array(m);
    let n = 0;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const i = order[j] as number;
      const c = counts[i] as number;
      n += c;
      sum += c * (values[i] as number);
      this.#values[j] = values[i] as number;
      this.#cumulative[j] = n;
    }
    this.size = n;
    this.mean = n > 0 ? sum / n : 0;
  }

  /** The k-th smallest value of the expanded sample (0-based). */
  orderStatistic(k: number): number {
    let lo = 0;
    let hi = this.#values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] as number) > k) hi = mid;
      else lo = mid + 1;
    }
    return this.#values[lo] as number;
  }

  /** Percentile p in [0, 100]; 0 for an empty sample. */
  percentile(p: number): number {
    if (this.size === 0) return 0;
    return interpolatedPercentile(p, this.size, (k) => this.orderStatistic(k));
  }

  /** p50/p95/p99/mean, as `summarize` reports them (all zeros when empty). */
  summary(): Summary {
    return { p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99), mean: this.mean };
  }
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
