// The results page's charts as data: Observable Plot options, a caption, the chart in words (for screen readers)
// and the table of numbers behind it. Pure functions of the view; Plot is passed in once loaded.
import type * as PlotModule from '@observablehq/plot';
import { fmt } from './dom.ts';
import type { DecodePoint, ResultsView } from './view-model.ts';

type Plot = typeof PlotModule;

export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  alt: string;
  plot(Plot: Plot): PlotModule.PlotOptions;
  columns: string[];
  rows: string[][];
  numeric: number[];
}

/** Log scale (base 2) when the load levels span a factor of 8 or more, as concurrency sweeps usually do. */
function xScale(xs: number[], label: string): PlotModule.ScaleOptions {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo > 0 && hi / lo >= 8 ? { type: 'log', base: 2, label, ticks: [...new Set(xs)] } : { label };
}

/** "series: from A at x₀ to B at x₁" for each series: what the lines do, in words. */
function describe<T>(points: T[], series: (p: T) => string, x: (p: T) => number, y: (p: T) => number, unit: string) {
  const groups = new Map<string, T[]>();
  for (const p of points) groups.set(series(p), [...(groups.get(series(p)) ?? []), p]);
  return [...groups]
    .map(([name, ps]) => {
      const sorted = [...ps].sort((a, b) => x(a) - x(b));
      const first = sorted[0] as T;
      const last = sorted[sorted.length - 1] as T;
      return `${name}: ${fmt(y(first))} ${unit} at ${x(first)} to ${fmt(y(last))} ${unit} at ${x(last)}`;
    })
    .join('; ');
}

function percentileChart(view: ResultsView, metric: 'TTFT' | 'TPOT'): ChartSpec | null {
  const data = view.percentiles.filter((p) => p.metric === metric);
  if (data.length === 0) return null;
  const name = metric === 'TTFT' ? 'Time to first token' : 'Time per output token';
  return {
    id: `percentiles-${metric.toLowerCase()}`,
    title: `${name} by concurrency`,
    caption: `p50, p95 and p99 of ${metric} (ms) at each concurrency level, one line per run.`,
    alt: `${name} percentiles by concurrency. ${describe(
      data.filter((d) => d.stat === 'p99'),
      (d) => `${d.series} p99`,
      (d) => d.concurrency,
      (d) => d.ms,
      'ms',
    )}.`,
    plot: (Plot) => ({
      height: 280,
      marginRight: 20,
      x: xScale(
        data.map((d) => d.concurrency),
        'concurrency →',
      ),
      y: { label: `↑ ${metric} (ms)`, grid: true, zero: true },
      fx: { label: null, domain: ['p50', 'p95', 'p99'] },
      color: { legend: true },
      marks: [
        Plot.lineY(data, { x: 'concurrency', y: 'ms', fx: 'stat', stroke: 'series', marker: 'circle' }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    }),
    columns: ['Run', 'Concurrency', 'Percentile', `${metric} (ms)`],
    rows: data.map((d) => [d.series, String(d.concurrency), d.stat, fmt(d.ms)]),
    numeric: [1, 3],
  };
}

function throughputChart(view: ResultsView): ChartSpec | null {
  const data = view.throughput;
  if (data.length === 0) return null;
  return {
    id: 'throughput',
    title: 'Output throughput by concurrency',
    caption: 'Output tokens per second at each concurrency level, one line per run.',
    alt: `Output throughput by concurrency. ${describe(
      data,
      (d) => d.series,
      (d) => d.concurrency,
      (d) => d.outputTokS,
      'tokens/s',
    )}.`,
    plot: (Plot) => ({
      height: 280,
      x: xScale(
        data.map((d) => d.concurrency),
        'concurrency →',
      ),
      y: { label: '↑ output tokens/s', grid: true, zero: true },
      color: { legend: true },
      marks: [
        Plot.ruleX(view.knees, { x: 'concurrency', stroke: 'series', strokeDasharray: '2 4' }),
        Plot.lineY(data, { x: 'concurrency', y: 'outputTokS', stroke: 'series', marker: 'circle' }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    }),
    columns: ['Run', 'Concurrency', 'Output tok/s'],
    rows: data.map((d) => [
      `${d.series}${d.incomplete ? ' (incomplete)' : ''}`,
      String(d.concurrency),
      fmt(d.outputTokS),
    ]),
    numeric: [1, 2],
  };
}

function goodputChart(view: ResultsView): ChartSpec | null {
  const data = view.throughput;
  if (data.length === 0) return null;
  return {
    id: 'goodput',
    title: 'Goodput and its knee',
    caption:
      'Requests per second that met every SLO. The star marks each run’s knee: the concurrency with the most goodput; past it, more load may still raise raw throughput (dotted lines above) but fewer requests meet the SLOs.',
    alt: `Goodput by concurrency. ${describe(
      data,
      (d) => d.series,
      (d) => d.concurrency,
      (d) => d.goodputReqS,
      'req/s',
    )}. Knees: ${view.knees.map((k) => `${k.series} at concurrency ${k.concurrency} (${fmt(k.goodputReqS)} req/s)`).join('; ') || 'none: no request met the SLOs'}.`,
    plot: (Plot) => ({
      height: 300,
      marginTop: 36,
      x: xScale(
        data.map((d) => d.concurrency),
        'concurrency →',
      ),
      y: { label: '↑ goodput (req/s)', grid: true, zero: true },
      color: { legend: true },
      marks: [
        Plot.lineY(data, { x: 'concurrency', y: 'goodputReqS', stroke: 'series', marker: 'circle' }),
        Plot.dot(view.knees, {
          x: 'concurrency',
          y: 'goodputReqS',
          symbol: 'star',
          r: 9,
          fill: 'series',
          stroke: 'currentColor',
        }),
        Plot.text(view.knees, { x: 'concurrency', y: 'goodputReqS', text: () => 'knee', dy: -14 }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    }),
    columns: ['Run', 'Concurrency', 'Goodput (req/s)', 'Knee'],
    rows: data.map((d) => [
      `${d.series}${d.incomplete ? ' (incomplete)' : ''}`,
      String(d.concurrency),
      fmt(d.goodputReqS),
      view.knees.some((k) => k.series === d.series && k.concurrency === d.concurrency) ? 'knee' : '',
    ]),
    numeric: [1, 2],
  };
}

function decodeChart(view: ResultsView): ChartSpec | null {
  const measured = view.decode.filter((d) => d.kind === 'measured');
  if (measured.length === 0) return null;
  const roofline = view.decode.filter((d) => d.kind === 'roofline');
  const all: DecodePoint[] = [...measured, ...roofline];
  return {
    id: 'decode',
    title: 'Decode step time against the roofline',
    caption:
      'Dots: measured time per decode step (the probe’s step time, or a bench run’s TPOT p50 at each concurrency, which also carries the prefills of arriving requests). Lines: the engine’s roofline step time for the same model, GPU and context, the fastest the step could be.',
    alt: `Decode step time by batch. Measured: ${describe(
      measured,
      (d) => d.series,
      (d) => d.batch,
      (d) => d.ms,
      'ms',
    )}. Roofline: ${
      describe(
        roofline,
        (d) => d.series,
        (d) => d.batch,
        (d) => d.ms,
        'ms',
      ) || 'not drawn (model or GPU not recognised)'
    }.`,
    plot: (Plot) => ({
      height: 320,
      x: xScale(
        all.map((d) => d.batch),
        'batch (sequences per step) →',
      ),
      y: { label: '↑ ms per step', grid: true, zero: true },
      color: { legend: true },
      marks: [
        Plot.line(roofline, { x: 'batch', y: 'ms', stroke: 'series', strokeDasharray: '6 3' }),
        Plot.dot(measured, { x: 'batch', y: 'ms', stroke: 'series', fill: 'series', r: 4 }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    }),
    columns: ['Series', 'Batch', 'ms per step', 'Kind'],
    rows: all.map((d) => [d.series, String(d.batch), fmt(d.ms), d.kind]),
    numeric: [1, 2],
  };
}

export function chartSpecs(view: ResultsView): ChartSpec[] {
  return [
    percentileChart(view, 'TTFT'),
    percentileChart(view, 'TPOT'),
    throughputChart(view),
    goodputChart(view),
    decodeChart(view),
  ].filter((c): c is ChartSpec => c !== null);
}
