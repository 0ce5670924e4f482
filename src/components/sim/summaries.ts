// Every chart in words: screen readers read these, and sighted readers get the key figures without hovering.
import { formatMetric } from '../../engine/sim/report.ts';
import type { SimResult } from '../../engine/sim/result.ts';
import { fixed, formatPercent } from '../../engine/units.ts';
import { LATENCY_LABEL, type LabelledRun, type LatencyKey } from './charts.ts';

const ms = (x: number) => `${fixed(x, x < 100 ? 1 : 0)} ms`;

export function cdfSummary(runs: readonly LabelledRun[], key: LatencyKey): string {
  const parts = runs.map((r) => {
    const s = r.result.results[key];
    return `${r.label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}`;
  });
  return `${LATENCY_LABEL[key]}, cumulative distribution. ${parts.join('; ')}.`;
}

const max = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);

export function batchSummary(run: LabelledRun): string {
  const r = run.result;
  return `${run.label}: batch size and queue over ${fixed(r.results.duration_s, 0)} s. Mean ${fixed(r.batch.mean_seqs, 1)} and peak ${fixed(r.batch.peak_seqs)} sequences per step; up to about ${fixed(max(r.series.waiting), 0)} requests waiting.`;
}

export function compositionSummary(run: LabelledRun): string {
  const s = run.result.series;
  const busy = run.result.batch.busy_share;
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : 0);
  return `${run.label}: tokens per step, decode and prefill stacked. Averaged over time: ${fixed(mean(s.decode_tokens), 0)} decode and ${fixed(mean(s.prefill_tokens), 0)} prefill tokens per step; prefill peaks near ${fixed(max(s.prefill_tokens), 0)}. The GPU was busy ${formatPercent(busy)} of the time.`;
}

export function kvSummary(run: LabelledRun): string {
  const r = run.result;
  return `${run.label}: KV pool of ${fixed(r.setup.kv_pool_tokens)} tokens. Peak ${formatPercent(r.kv.peak_used)} of blocks held, mean ${formatPercent(r.kv.mean_used)}; ${formatPercent(r.kv.mean_filled_of_used)} of held space filled with tokens; ${fixed(r.preemptions)} preemptions.`;
}

export function timelineSummary(run: LabelledRun): string {
  const rows = run.result.timeline;
  const preempted = rows.filter((x) => x.preempted.length > 0).length;
  const waits = rows.filter((x) => !x.failed).map((x) => (x.start_s - x.arrival_s) * 1000);
  const longest = max(waits);
  return `${run.label}: timeline of the first ${rows.length} requests (queued, prefilling, decoding, recovering from preemption). Longest queue wait ${ms(longest)}; ${preempted} of them preempted.`;
}

export function stagesSummary(runs: readonly LabelledRun[]): string {
  return `Where the slowest 5% of requests spent their time. ${runs
    .map((r) => {
      const t = r.result.stages.tail;
      return `${r.label}: queue ${formatPercent(t.queue_share)}, prefill ${formatPercent(t.prefill_share)}, decode ${formatPercent(t.decode_share)}, recompute ${formatPercent(t.recompute_share)} of a mean ${ms(t.e2e_ms)}`;
    })
    .join('; ')}.`;
}

/** The headline line under the controls: what ran and the four numbers most people look at first. */
export function runHeadline(r: SimResult): string {
  const x = r.results;
  return `${fixed(x.completed)} completed, ${fixed(x.failed)} failed in ${fixed(x.duration_s, 1)} s · TTFT p99 ${formatMetric('ttft_p99', x.ttft_ms.p99)} · ITL p99 ${formatMetric('itl_p99', x.itl_ms.p99)} · ${formatMetric('output_tps', x.output_throughput_tok_s)} · goodput ${formatMetric('goodput', x.goodput_req_s)}`;
}

export function batchCompareSummary(runs: readonly LabelledRun[]): string {
  return `Sequences per step over time. ${runs
    .map((r) => `${r.label}: mean ${fixed(r.result.batch.mean_seqs, 1)}, peak ${fixed(r.result.batch.peak_seqs)}`)
    .join('; ')}.`;
}
