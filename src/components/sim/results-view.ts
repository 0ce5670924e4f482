// The results panel as an HTML string, from one or two runs. The same function renders it at build time (charts
// drawn by renderPlot) and in the browser (charts drawn by Plot with the real DOM), so the two never differ.
import type * as Plot from '@observablehq/plot';
import { compareMetric, formatMetric, METRICS, type MetricKey } from '../../engine/sim/report.ts';
import {
  batchChart,
  cdfChart,
  compositionChart,
  kvChart,
  LATENCY_LABEL,
  type LabelledRun,
  type LatencyKey,
  stagesChart,
  timelineChart,
} from './charts.ts';
import {
  batchSummary,
  cdfSummary,
  compositionSummary,
  kvSummary,
  runHeadline,
  stagesSummary,
  timelineSummary,
} from './summaries.ts';

export const TABLE_METRICS: readonly MetricKey[] = [
  'ttft_p50',
  'ttft_p99',
  'tpot_p50',
  'itl_p99',
  'e2e_p50',
  'e2e_p99',
  'output_tps',
  'req_s',
  'goodput',
  'mean_batch',
  'peak_batch',
  'kv_peak',
  'preemptions',
  'prefix_hit',
  'padding_waste',
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A signed relative change, "+12%" or "−40%", or "" when there is nothing to compare. */
export function formatChange(change: number | null): string {
  if (change === null) return 'new';
  if (Math.abs(change) < 0.005) return '±0%';
  return `${change > 0 ? '+' : '−'}${Math.round(Math.abs(change) * 100)}%`;
}

/** The metrics table: one column per run, and the change from A to B when there are two. */
export function metricsTable(runs: readonly LabelledRun[], keys: readonly MetricKey[], caption: string): string {
  const two = runs.length === 2;
  const head = `<tr><th scope="col">Metric</th>${runs.map((r) => `<th scope="col">${escapeHtml(r.label)}</th>`).join('')}${two ? '<th scope="col">B vs A</th>' : ''}</tr>`;
  const rows = keys.map((key) => {
    const values = runs.map((r) => METRICS[key].get(r.result));
    let delta = '';
    if (two) {
      const c = compareMetric(key, values[0] as number, values[1] as number);
      const cls = c.better === null ? '' : c.better ? ' class="gp-ok"' : ' class="gp-bad"';
      const word = c.better === null ? '' : c.better ? ' (better)' : ' (worse)';
      delta = `<td${cls} data-change>${formatChange(c.change)}<span class="gp-visually-hidden">${word}</span></td>`;
    }
    return `<tr data-metric="${key}"><th scope="row">${escapeHtml(METRICS[key].label)}</th>${values.map((v) => `<td>${escapeHtml(formatMetric(key, v))}</td>`).join('')}${delta}</tr>`;
  });
  return `<table class="gp-sim-table"><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

let figureSeq = 0;

/** A chart with its summary as caption; the drawing is announced by that caption. */
export function figure(svg: string, summary: string, name: string): string {
  const id = `gp-sim-fig-${++figureSeq}`;
  return `<figure class="gp-sim-figure" data-chart="${name}"><div role="img" aria-labelledby="${id}">${svg}</div><figcaption id="${id}">${escapeHtml(summary)}</figcaption></figure>`;
}

export interface ResultsOptions {
  /** Which latency the CDF shows. */
  cdf: LatencyKey;
}

/** The whole results panel for one run, or two runs side by side. */
export function resultsHtml(
  runs: readonly LabelledRun[],
  draw: (options: Plot.PlotOptions) => string,
  o: ResultsOptions,
): string {
  const perRun = (f: (r: LabelledRun) => string) =>
    `<div class="gp-sim-cols" data-cols="${runs.length}">${runs.map(f).join('')}</div>`;
  return [
    perRun(
      (r) =>
        `<p class="gp-sim-headline" data-headline="${escapeHtml(r.label)}"><strong>${escapeHtml(r.label)}:</strong> ${escapeHtml(runHeadline(r.result))}</p>`,
    ),
    metricsTable(
      runs,
      TABLE_METRICS,
      'Simulated results (percentiles interpolate linearly between order statistics, as numpy does)',
    ),
    `<h3>${escapeHtml(LATENCY_LABEL[o.cdf])}</h3>`,
    figure(draw(cdfChart(runs, o.cdf)), cdfSummary(runs, o.cdf), 'cdf'),
    '<h3>Where the slowest 5% spent their time</h3>',
    figure(draw(stagesChart(runs)), stagesSummary(runs), 'stages'),
    '<h3>Batch size and queue</h3>',
    perRun((r) => figure(draw(batchChart(r)), batchSummary(r), 'batch')),
    '<h3>Batch composition</h3>',
    perRun((r) => figure(draw(compositionChart(r)), compositionSummary(r), 'composition')),
    '<h3>KV cache use</h3>',
    perRun((r) => figure(draw(kvChart(r)), kvSummary(r), 'kv')),
    '<h3>Request timeline</h3>',
    perRun((r) => figure(draw(timelineChart(r)), timelineSummary(r), 'timeline')),
  ].join('\n');
}
