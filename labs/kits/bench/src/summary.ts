// A result line in one or two readable lines for the terminal.
import type { BenchResult } from '../../../../src/engine/results.ts';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function formatSummary(l: BenchResult): string {
  const r = l.results;
  const w = l.workload;
  const load = w.concurrency !== null ? `c=${w.concurrency}` : `rate=${w.rate_req_s}/s`;
  const head = `${load}${l.incomplete ? ' (incomplete)' : ''}: ${r.completed} done, ${r.failed} failed in ${r.duration_s.toFixed(1)} s`;
  const lat =
    w.shape === 'embedding'
      ? `  latency p50 ${ms(r.e2e_ms.p50)} p99 ${ms(r.e2e_ms.p99)} ms`
      : `  TTFT p50 ${ms(r.ttft_ms.p50)} p99 ${ms(r.ttft_ms.p99)} ms | TPOT p50 ${ms(r.tpot_ms.p50)} p99 ${ms(r.tpot_ms.p99)} ms | ITL p50 ${ms(r.itl_ms.p50)} ms | E2E p50 ${ms(r.e2e_ms.p50)} ms`;
  const tput = `  ${r.output_throughput_tok_s.toFixed(1)} output tok/s, ${r.request_throughput_req_s.toFixed(2)} req/s, goodput ${r.goodput_req_s.toFixed(2)} req/s`;
  return [head, lat, tput].join('\n');
}
