// Observable Plot figures of simulated runs. Each builder returns Plot options, so the same figure is drawn at
// build time (renderPlot, no JavaScript on the page) and in the browser (Plot.plot with the real DOM).
import * as Plot from '@observablehq/plot';
import { formatMetric, METRICS, type MetricKey } from '../../engine/sim/report.ts';
import type { SimResult } from '../../engine/sim/result.ts';

export interface LabelledRun {
  label: string;
  /** A short name for axes ("A", "B"); the label goes in legends and captions. */
  short?: string;
  result: SimResult;
}

const shortOf = (r: LabelledRun) => r.short ?? r.label;

export type LatencyKey = 'ttft_ms' | 'tpot_ms' | 'itl_ms' | 'e2e_ms';

export const LATENCY_LABEL: Record<LatencyKey, string> = {
  ttft_ms: 'Time to first token',
  tpot_ms: 'Time per output token',
  itl_ms: 'Inter-token latency',
  e2e_ms: 'End-to-end latency',
};

/** A, then B: blue and orange, readable in both themes and by most colour-blind readers. */
export const RUN_COLORS = ['#2f6fdf', '#e8883a'];
export const STAGES = ['queue', 'prefill', 'decode', 'recompute'] as const;
export const STAGE_COLORS = ['#9aa0a6', '#2f6fdf', '#2e9e5b', '#c0504d'];

const base = { width: 640, height: 260, style: { fontSize: '12px' } } satisfies Plot.PlotOptions;

/** Cumulative distribution of one latency, one line per run. */
export function cdfChart(runs: readonly LabelledRun[], key: LatencyKey): Plot.PlotOptions {
  const data = runs.flatMap((r) => r.result.cdf[key].map((x, p) => ({ x, p: p / 100, run: r.label })));
  const positive = data.length > 0 && data.every((d) => d.x > 0);
  return {
    ...base,
    marginLeft: 48,
    x: { type: positive ? 'log' : 'linear', label: `${LATENCY_LABEL[key]} (ms) →`, grid: true },
    y: { label: '↑ share of requests at or below', tickFormat: '%', domain: [0, 1] },
    color: { domain: runs.map((r) => r.label), range: RUN_COLORS, legend: runs.length > 1 },
    marks: [
      Plot.ruleY([0.5, 0.99], { stroke: 'currentColor', strokeOpacity: 0.2, strokeDasharray: '3,3' }),
      Plot.line(data, { x: 'x', y: 'p', stroke: 'run', strokeWidth: 2, curve: 'step-after' }),
    ],
  };
}

/** Batch size and queue length over time for one run. */
export function batchChart(run: LabelledRun): Plot.PlotOptions {
  const s = run.result.series;
  const data = s.t_s.flatMap((t, i) => [
    { t, value: s.batch_seqs[i] as number, what: 'sequences per step' },
    { t, value: s.waiting[i] as number, what: 'waiting' },
  ]);
  return {
    ...base,
    height: 200,
    marginLeft: 48,
    x: { label: 'time (s) →' },
    y: { label: '↑ requests', grid: true },
    color: { domain: ['sequences per step', 'waiting'], range: ['#2e9e5b', '#c0504d'], legend: true },
    marks: [Plot.line(data, { x: 't', y: 'value', stroke: 'what' }), Plot.ruleY([0])],
  };
}

/** Batch composition: tokens per step spent on decoding and on prompts, stacked, over time. */
export function compositionChart(run: LabelledRun): Plot.PlotOptions {
  const s = run.result.series;
  const data = s.t_s.flatMap((t, i) => [
    { t, value: s.decode_tokens[i] as number, what: 'decode' },
    { t, value: s.prefill_tokens[i] as number, what: 'prefill' },
  ]);
  return {
    ...base,
    height: 200,
    marginLeft: 56,
    x: { label: 'time (s) →' },
    y: { label: '↑ tokens per step', grid: true },
    color: { domain: ['decode', 'prefill'], range: ['#2e9e5b', '#2f6fdf'], legend: true },
    marks: [Plot.areaY(data, { x: 't', y: 'value', fill: 'what', fillOpacity: 0.8 }), Plot.ruleY([0])],
  };
}

/** Share of the KV pool in use (blocks held) and actually filled with tokens, over time. */
export function kvChart(run: LabelledRun): Plot.PlotOptions {
  const s = run.result.series;
  const data = s.t_s.flatMap((t, i) => [
    { t, value: s.kv_used[i] as number, what: 'blocks held' },
    { t, value: s.kv_filled[i] as number, what: 'filled with tokens' },
  ]);
  return {
    ...base,
    height: 200,
    marginLeft: 48,
    x: { label: 'time (s) →' },
    y: { label: '↑ share of the KV pool', tickFormat: '%', domain: [0, 1], grid: true },
    color: { domain: ['blocks held', 'filled with tokens'], range: ['#8e6fd8', '#2f6fdf'], legend: true },
    marks: [
      Plot.areaY(
        data.filter((d) => d.what === 'blocks held'),
        { x: 't', y: 'value', fill: '#8e6fd8', fillOpacity: 0.25 },
      ),
      Plot.line(data, { x: 't', y: 'value', stroke: 'what' }),
    ],
  };
}

/** The first requests as bars: queued, prefilling, decoding, and recovering from preemption. */
export function timelineChart(run: LabelledRun): Plot.PlotOptions {
  const segments: { id: number; x1: number; x2: number; stage: string }[] = [];
  for (const r of run.result.timeline) {
    if (r.failed || Number.isNaN(r.start_s)) continue;
    segments.push({ id: r.id, x1: r.arrival_s, x2: r.start_s, stage: 'queue' });
    segments.push({ id: r.id, x1: r.start_s, x2: r.first_token_s, stage: 'prefill' });
    segments.push({ id: r.id, x1: r.first_token_s, x2: r.finish_s, stage: 'decode' });
    for (const [a, b] of r.preempted) segments.push({ id: r.id, x1: a, x2: b, stage: 'recompute' });
  }
  return {
    ...base,
    height: Math.max(160, 14 * run.result.timeline.length + 60),
    marginLeft: 40,
    x: { label: 'time (s) →', grid: true },
    y: { label: 'request', type: 'band', tickFormat: (d: number) => (d % 5 === 0 ? String(d) : '') },
    color: { domain: [...STAGES], range: STAGE_COLORS, legend: true },
    marks: [Plot.barX(segments, { x1: 'x1', x2: 'x2', y: 'id', fill: 'stage', insetTop: 1, insetBottom: 1 })],
  };
}

/** Where the slowest 5% of requests spent their time, one stacked bar per run. */
export function stagesChart(runs: readonly LabelledRun[]): Plot.PlotOptions {
  const data = runs.flatMap((r) => {
    const t = r.result.stages.tail;
    const shares = [t.queue_share, t.prefill_share, t.decode_share, t.recompute_share];
    return STAGES.map((stage, i) => ({ run: shortOf(r), stage, share: shares[i] as number }));
  });
  return {
    ...base,
    height: 70 + 40 * runs.length,
    marginLeft: 30,
    x: { label: 'share of the slowest 5%’s end-to-end time →', tickFormat: '%', domain: [0, 1] },
    y: { label: null, domain: runs.map(shortOf) },
    color: { domain: [...STAGES], range: STAGE_COLORS, legend: true },
    marks: [Plot.barX(data, { x: 'share', y: 'run', fill: 'stage', order: [...STAGES] })],
  };
}

/** One metric for each run, as labelled bars. */
export function metricChart(runs: readonly LabelledRun[], key: MetricKey): Plot.PlotOptions {
  const m = METRICS[key];
  const data = runs.map((r) => ({ run: shortOf(r), label: r.label, value: m.get(r.result) }));
  return {
    ...base,
    height: 70 + 40 * runs.length,
    marginLeft: 30,
    marginRight: 90,
    x: { label: `${m.label} →`, grid: true, ...(m.unit === 'share' ? { tickFormat: '%' } : {}) },
    y: { label: null, domain: runs.map(shortOf) },
    color: { domain: runs.map((r) => r.label), range: RUN_COLORS, legend: true },
    marks: [
      Plot.barX(data, { x: 'value', y: 'run', fill: 'label' }),
      Plot.text(data, {
        x: 'value',
        y: 'run',
        text: (d: { value: number }) => formatMetric(key, d.value),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0]),
    ],
  };
}

/** The latency a metric key belongs to, if any (for choosing a CDF to show beside it). */
export function latencyOf(key: MetricKey): LatencyKey | null {
  if (key.startsWith('ttft')) return 'ttft_ms';
  if (key.startsWith('tpot')) return 'tpot_ms';
  if (key.startsWith('itl')) return 'itl_ms';
  if (key.startsWith('e2e')) return 'e2e_ms';
  return null;
}

/** Sequences per step over time, one line per run. */
export function batchCompareChart(runs: readonly LabelledRun[]): Plot.PlotOptions {
  const data = runs.flatMap((r) =>
    r.result.series.t_s.map((t, i) => ({ t, value: r.result.series.batch_seqs[i] as number, run: r.label })),
  );
  return {
    ...base,
    height: 220,
    marginLeft: 48,
    x: { label: 'time (s) →' },
    y: { label: '↑ sequences per step', grid: true },
    color: { domain: runs.map((r) => r.label), range: RUN_COLORS, legend: true },
    marks: [Plot.line(data, { x: 't', y: 'value', stroke: 'run' }), Plot.ruleY([0])],
  };
}
