// What a chapter comparison shows once revealed: the headline metric, one chart that explains it, the table and
// the verdict sentence. Used at build time and by the lazy "another seed" re-run.
import type * as Plot from '@observablehq/plot';
import { type Outcome, presetOutcome, type SimPreset } from '../../engine/sim/presets.ts';
import { compareMetric, formatMetric, METRICS } from '../../engine/sim/report.ts';
import type { SimResult } from '../../engine/sim/result.ts';
import { batchCompareChart, cdfChart, type LabelledRun, latencyOf, metricChart } from './charts.ts';
import { figure, formatChange, metricsTable } from './results-view.ts';
import { batchCompareSummary, cdfSummary } from './summaries.ts';

export const OUTCOME_WORDS: Record<Outcome, string> = {
  lower: 'goes down',
  same: 'stays about the same (within ±10%)',
  higher: 'goes up',
};

/** "End-to-end p50 goes from 5,501 ms to 1,317 ms (−76%)." */
export function verdictSentence(p: SimPreset, a: SimResult, b: SimResult): string {
  const m = METRICS[p.headline];
  const va = m.get(a);
  const vb = m.get(b);
  const { change } = compareMetric(p.headline, va, vb);
  return `${m.label} ${OUTCOME_WORDS[presetOutcome(p, a, b)]}: from ${formatMetric(p.headline, va)} to ${formatMetric(p.headline, vb)} (${formatChange(change)}).`;
}

export function compareHtml(p: SimPreset, a: SimResult, b: SimResult, draw: (o: Plot.PlotOptions) => string): string {
  const runs: LabelledRun[] = [
    { label: `A: ${p.a.label}`, short: 'A', result: a },
    { label: `B: ${p.b.label}`, short: 'B', result: b },
  ];
  const latency = latencyOf(p.headline);
  const m = METRICS[p.headline];
  const headline = figure(
    draw(metricChart(runs, p.headline)),
    `${m.label}: ${runs.map((r) => `${r.label} ${formatMetric(p.headline, m.get(r.result))}`).join('; ')}.`,
    'headline',
  );
  const detail = latency
    ? figure(draw(cdfChart(runs, latency)), cdfSummary(runs, latency), 'cdf')
    : figure(draw(batchCompareChart(runs)), batchCompareSummary(runs), 'batch');
  const table = metricsTable(
    runs,
    [p.headline, ...p.metrics],
    `Same requests, seed ${a.scenario.seed}; percentiles interpolate linearly between order statistics`,
  );
  return `${headline}${detail}${table}`;
}
