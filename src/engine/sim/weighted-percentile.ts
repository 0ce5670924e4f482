import type { Summary } from '../metrics.ts';

/**
 * A sample given as distinct values with repeat counts — the simulator's inter-token gaps come this way, since
 * every sequence in a step sees the same gap. Percentiles are those of the expanded list with numpy's linear
 * interpolation between order statistics (what `percentile` in metrics.ts gives), without expanding it.
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
    const rank = (p / 100) * (this.size - 1);
    const lo = Math.floor(rank);
    const a = this.orderStatistic(lo);
    const b = this.orderStatistic(Math.ceil(rank));
    return a + (b - a) * (rank - lo);
  }

  /** p50/p95/p99/mean, as `summarize` in metrics.ts reports them (all zeros when empty). */
  summary(): Summary {
    return { p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99), mean: this.mean };
  }
}
