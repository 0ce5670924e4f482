import { fixed } from '../units.ts';
import type { SimResult } from './result.ts';

export type MetricUnit = 'ms' | 'tok/s' | 'req/s' | 'share' | 'count' | 'seqs';

export interface MetricDef {
  label: string;
  unit: MetricUnit;
  /** Which way is better for the learner's users (or budget). */
  better: 'lower' | 'higher';
  get(r: SimResult): number;
}

/** The figures the playground and chapter comparisons show, each read from a simulated result. */
export const METRICS = {
  ttft_p50: { label: 'TTFT p50', unit: 'ms', better: 'lower', get: (r) => r.results.ttft_ms.p50 },
  ttft_p99: { label: 'TTFT p99', unit: 'ms', better: 'lower', get: (r) => r.results.ttft_ms.p99 },
  tpot_p50: { label: 'TPOT p50', unit: 'ms', better: 'lower', get: (r) => r.results.tpot_ms.p50 },
  tpot_p99: { label: 'TPOT p99', unit: 'ms', better: 'lower', get: (r) => r.results.tpot_ms.p99 },
  itl_p50: { label: 'Inter-token latency p50', unit: 'ms', better: 'lower', get: (r) => r.results.itl_ms.p50 },
  itl_p99: { label: 'Inter-token latency p99', unit: 'ms', better: 'lower', get: (r) => r.results.itl_ms.p99 },
  e2e_p50: { label: 'End-to-end p50', unit: 'ms', better: 'lower', get: (r) => r.results.e2e_ms.p50 },
  e2e_p99: { label: 'End-to-end p99', unit: 'ms', better: 'lower', get: (r) => r.results.e2e_ms.p99 },
  output_tps: {
    label: 'Output throughput',
    unit: 'tok/s',
    better: 'higher',
    get: (r) => r.results.output_throughput_tok_s,
  },
  req_s: {
    label: 'Requests per second',
    unit: 'req/s',
    better: 'higher',
    get: (r) => r.results.request_throughput_req_s,
  },
  goodput: { label: 'Goodput (within SLOs)', unit: 'req/s', better: 'higher', get: (r) => r.results.goodput_req_s },
  mean_batch: {
    label: 'Mean batch (sequences per step)',
    unit: 'seqs',
    better: 'higher',
    get: (r) => r.batch.mean_seqs,
  },
  peak_batch: { label: 'Most sequences in one step', unit: 'seqs', better: 'higher', get: (r) => r.batch.peak_seqs },
  padding_waste: { label: 'Padding waste', unit: 'share', better: 'lower', get: (r) => r.padding_waste },
  prefix_hit: {
    label: 'Prefix-cache hit rate',
    unit: 'share',
    better: 'higher',
    get: (r) => r.prefix_cache_hit_rate ?? 0,
  },
  preemptions: { label: 'Preemptions', unit: 'count', better: 'lower', get: (r) => r.preemptions },
  kv_peak: { label: 'Peak KV blocks in use', unit: 'share', better: 'lower', get: (r) => r.kv.peak_used },
  recompute_tail: {
    label: 'Recompute share of the slowest 5%',
    unit: 'share',
    better: 'lower',
    get: (r) => r.stages.tail.recompute_share,
  },
} satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof METRICS;

/** A metric's value as the UI prints it, with its unit. */
export function formatMetric(key: MetricKey, value: number): string {
  const unit = METRICS[key].unit;
  switch (unit) {
    case 'ms':
      return `${fixed(value, value < 100 ? 1 : 0)} ms`;
    case 'tok/s':
      return `${fixed(value, 0)} tok/s`;
    case 'req/s':
      return `${fixed(value, 2)} req/s`;
    case 'share':
      return `${fixed(value * 100, 1)}%`;
    case 'count':
      return fixed(value, 0);
    case 'seqs':
      return fixed(value, value < 10 ? 1 : 0);
  }
}

/** B relative to A: "−42%" style change, and whether it is an improvement. */
export function compareMetric(key: MetricKey, a: number, b: number): { change: number | null; better: boolean | null } {
  if (a === 0 && b === 0) return { change: 0, better: null };
  if (a === 0) return { change: null, better: METRICS[key].better === 'higher' ? b > 0 : b < 0 };
  const change = (b - a) / Math.abs(a);
  return { change, better: change === 0 ? null : change < 0 === (METRICS[key].better === 'lower') };
}
