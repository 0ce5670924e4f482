// Deliberately wrong (a test fixture): shares of the summed per-stage p95s. Each stage's p95 comes from different
// requests, so these shares describe no real request and can point at the wrong stage.
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
  const tail = trace.filter((_, i) => (e2e[i] as number) >= p95Ms);
  // The mistake: each stage's own p95, as a share of their sum.
  const stageP95 = STAGES.map((s) =>
    percentile(
      trace.map((r) => r[s]),
      95,
    ),
  );
  const sum = stageP95.reduce((a, b) => a + b, 0);
  const shares = { queue: 0, tokenize: 0, transfer: 0, kernels: 0, gaps: 0, post: 0 };
  for (const [k, s] of STAGES.entries()) shares[s] = (stageP95[k] as number) / sum;
  return { p95Ms, requests: tail.length, meanMs: mean(tail.map(endToEnd)), shares };
}

export function pointsTo(shares: Record<Stage, number>): Change {
  let top: Stage = 'queue';
  for (const s of STAGES) if (shares[s] > shares[top]) top = s;
  if (top === 'queue') return 'configuration';
  if (top === 'kernels') return 'model';
  return 'runtime';
}
