// Reference solution for lab 4 (percentiles and goodput).

export interface RequestRecord {
  ttftMs: number;
  e2eMs: number;
  outputTokens: number;
}

export interface Slo {
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function summarize(values: readonly number[]): { p50: number; p95: number; p99: number; mean: number } {
  let sum = 0;
  for (const v of values) sum += v;
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: sum / values.length,
  };
}

export function tpotMs(r: RequestRecord): number | undefined {
  return r.outputTokens >= 2 ? (r.e2eMs - r.ttftMs) / (r.outputTokens - 1) : undefined;
}

function meets(r: RequestRecord, slo: Slo): boolean {
  const tpot = tpotMs(r);
  if (slo.ttftMs !== undefined && r.ttftMs > slo.ttftMs) return false;
  if (slo.tpotMs !== undefined && tpot !== undefined && tpot > slo.tpotMs) return false;
  if (slo.e2eMs !== undefined && r.e2eMs > slo.e2eMs) return false;
  return true;
}

export function goodput(trace: readonly RequestRecord[], slo: Slo, durationS: number): number {
  return trace.filter((r) => meets(r, slo)).length / durationS;
}
