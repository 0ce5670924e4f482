// Reference solution for lab 11 (per-stage attribution).
import { mean, percentile } from 'goodput';

export type Stage = 'queue' | 'tokenize' | 'transfer' | 'kernels' | 'gaps' | 'post';
export const STAGES: readonly Stage[] = ['queue', 'tokenize', 'transfer', 'kernels', 'gaps', 'post'];
export type StageTimes = Record<Stage, number>;

export interface TailBreakdown {
  p95Ms: number;
  requests: number;
  meanMs: number;
  shares: Record<Stage, number>;
}

export type Change = 'configuration' | 'runtime' | 'model';

export function endToEnd(r: StageTimes): number {
  let total = 0;
  for (const s of STAGES) total += r[s];
  return total;
}

export function tailBreakdown(trace: readonly StageTimes[]): TailBreakdown {
  const e2e = trace.map(endToEnd);
  const p95Ms = percentile(e2e, 95);
  // Ask the slow requests themselves: per-stage p95s come from different requests and do not add up.
  const tail = trace.filter((_, i) => (e2e[i] as number) >= p95Ms);
  const tailTotal = tail.reduce((sum, r) => sum + endToEnd(r), 0);
  const shares = { queue: 0, tokenize: 0, transfer: 0, kernels: 0, gaps: 0, post: 0 };
  for (const s of STAGES) shares[s] = tail.reduce((sum, r) => sum + r[s], 0) / tailTotal;
  return { p95Ms, requests: tail.length, meanMs: mean(tail.map(endToEnd)), shares };
}

export function pointsTo(shares: Record<Stage, number>): Change {
  let top: Stage = 'queue';
  for (const s of STAGES) if (shares[s] > shares[top]) top = s;
  if (top === 'queue') return 'configuration';
  if (top === 'kernels') return 'model';
  return 'runtime';
}
