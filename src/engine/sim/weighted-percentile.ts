import type { Summary } from '../metrics.ts';

/**
 * p50/p95/p99/mean of a sample given as distinct values with repeat counts — what `summarize` in metrics.ts
 * gives for the expanded list (numpy's linear interpolation between order statistics), without expanding it.
 * The simulator's inter-token gaps come this way: every sequence in a step sees the same gap.
 */
export function weightedSummary(values: Float64Array, counts: Float64Array): Summary {
  const m = values.length;
  let n = 0;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const c = counts[i] as number;
    n += c;
    sum += c * (values[i] as number);
  }
  if (n === 0) return { p50: 0, p95: 0, p99: 0, mean: 0 };
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  // Value of the k-th order statistic (0-based) of the expanded sample.
  const at = (k: number): number => {
    let seen = 0;
    for (let j = 0; j < m; j++) {
      const i = order[j] as number;
      seen += counts[i] as number;
      if (seen > k) return values[i] as number;
    }
    return values[order[m - 1] as number] as number;
  };
  const pct = (p: number): number => {
    const rank = (p / 100) * (n - 1);
    const lo = Math.floor(rank);
    const a = at(lo);
    const b = at(Math.ceil(rank));
    return a + (b - a) * (rank - lo);
  };
  return { p50: pct(50), p95: pct(95), p99: pct(99), mean: sum / n };
}
