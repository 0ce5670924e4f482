// Lab 11: per-stage attribution of a serving trace.
// Each row of a trace is one request: milliseconds spent in each stage from arrival to the last byte sent.
// You may import percentile and mean from 'goodput'.

export type Stage = 'queue' | 'tokenize' | 'transfer' | 'kernels' | 'gaps' | 'post';
export const STAGES: readonly Stage[] = ['queue', 'tokenize', 'transfer', 'kernels', 'gaps', 'post'];
export type StageTimes = Record<Stage, number>;

export interface TailBreakdown {
  /** p95 of end-to-end time, ms. */
  p95Ms: number;
  /** Requests at or above that p95. */
  requests: number;
  /** Their mean end-to-end time, ms. */
  meanMs: number;
  /** Share of those requests' time spent in each stage (the shares add up to 1). */
  shares: Record<Stage, number>;
}

export type Change = 'configuration' | 'runtime' | 'model';

/** A request's end-to-end time: all its stages. */
export function endToEnd(r: StageTimes): number {
  return 0;
}

/** Where the slowest 5% of requests spend their time. */
export function tailBreakdown(trace: readonly StageTimes[]): TailBreakdown {
  const shares = { queue: 0, tokenize: 0, transfer: 0, kernels: 0, gaps: 0, post: 0 };
  return { p95Ms: 0, requests: 0, meanMs: 0, shares };
}

/** The kind of change the breakdown points to. */
export function pointsTo(shares: Record<Stage, number>): Change {
  return 'model';
}
