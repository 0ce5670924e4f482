// Plot specifications for the explorers: the same options draw the build-time SVG (renderPlot, linkedom) and the
// browser's redraw (Plot.plot with the real DOM), and each comes with its description in words for screen readers.
import * as Plot from '@observablehq/plot';
import { fixed } from '../../engine/units.ts';
import type { BatchingData, ExplorerData, LatencyData, RooflineData, TrafficData } from './series.ts';

const BLUE = '#2f6fdf';
const ORANGE = '#e8883a';
const RED = '#c0504d';
const GREY = '#8a8f98';

const tflops = (x: number) => x / 1e12;
const gb = (x: number) => x / 1e9;
const num = (x: number, d = 0) => fixed(x, d);

function rooflineChart(d: RooflineData): Plot.PlotOptions {
  const pts = d.points.map((p) => ({ ...p, tf: tflops(p.flopsPerS) }));
  return {
    height: 320,
    marginLeft: 60,
    marginRight: 20,
    x: { type: 'log', label: 'arithmetic intensity (FLOP per byte) →', grid: true, ticks: 7 },
    y: { type: 'log', label: '↑ attainable TFLOP/s', grid: true, ticks: 5 },
    color: { domain: ['decode', 'prefill'], range: [BLUE, ORANGE], legend: true },
    marks: [
      Plot.line(d.roof, {
        x: 'intensity',
        y: (r: { flopsPerS: number }) => tflops(r.flopsPerS),
        stroke: 'currentColor',
        strokeWidth: 2,
      }),
      Plot.ruleX([d.ridge], { stroke: GREY, strokeDasharray: '4,3' }),
      Plot.text([d.ridge], {
        x: (v: number) => v,
        y: tflops(d.peakFlopsPerS) / 40,
        text: () => `ridge ${num(d.ridge)} FLOP/B`,
        dx: 6,
        textAnchor: 'start',
        fill: GREY,
      }),
      Plot.dot(pts, { x: 'intensity', y: 'tf', fill: 'phase', r: 5 }),
      Plot.text(pts, { x: 'intensity', y: 'tf', text: 'label', dy: -10, fill: 'phase' }),
    ],
  };
}

function rooflineAlt(d: RooflineData): string {
  return `Roofline of ${d.title}: attainable throughput rises with arithmetic intensity along the bandwidth slope until the ridge point at ${num(d.ridge)} FLOP per byte, then stays flat at ${num(tflops(d.peakFlopsPerS), 1)} TFLOP/s. ${d.points
    .map((p) => `${p.label}: ${num(p.intensity, 1)} FLOP/B, ${p.regime}`)
    .join('; ')}.`;
}

function trafficChart(d: TrafficData): Plot.PlotOptions {
  const long = d.rows.flatMap((r) => [
    { context: r.context, part: 'weights', GB: gb(r.weights) },
    { context: r.context, part: 'KV cache', GB: gb(r.kv) },
  ]);
  return {
    height: 300,
    marginLeft: 60,
    x: { label: 'context per sequence (tokens) →', grid: true },
    y: { label: '↑ GB read per decode step', grid: true },
    color: { domain: ['weights', 'KV cache'], range: [BLUE, ORANGE], legend: true },
    marks: [
      Plot.areaY(long, { x: 'context', y: 'GB', fill: 'part', order: ['weights', 'KV cache'] }),
      Plot.ruleY([gb(d.capacityBytes)], { stroke: RED, strokeDasharray: '5,3' }),
      Plot.text([gb(d.capacityBytes)], {
        x: d.rows[0]?.context ?? 0,
        y: (v: number) => v,
        text: () => 'GPU memory',
        dy: -6,
        textAnchor: 'start',
        fill: RED,
      }),
      Plot.ruleY([0]),
    ],
  };
}

function trafficAlt(d: TrafficData): string {
  const cross =
    d.crossover === null
      ? 'The KV cache never outweighs the weights in this range.'
      : `The KV cache outweighs the weights from about ${num(d.crossover)} tokens per sequence.`;
  return `Stacked area chart for ${d.title}: weights stay at ${num(gb(d.weightBytes), 1)} GB per step while the KV cache grows with context, reaching ${num(d.end.kvShare * 100, 0)}% of ${num(gb(d.end.bytes), 1)} GB at ${num(d.end.context)} tokens. ${cross} GPU memory is ${num(gb(d.capacityBytes), 1)} GB.`;
}

function batchingChart(d: BatchingData): Plot.PlotOptions {
  const long = d.rows.flatMap((r) => [
    { batch: r.batch, series: 'all sequences together', tps: r.totalTps, fits: r.fits },
    { batch: r.batch, series: 'each sequence', tps: r.perSeqTps, fits: r.fits },
  ]);
  const marks: Plot.Markish[] = [
    Plot.line(long, { x: 'batch', y: 'tps', stroke: 'series' }),
    Plot.dot(long, {
      x: 'batch',
      y: 'tps',
      stroke: 'series',
      fill: (r: { fits: boolean; series: string }) => (r.fits ? r.series : 'none'),
      r: 3.5,
    }),
  ];
  if (d.maxBatch >= 1) {
    marks.push(
      Plot.ruleX([d.maxBatch], { stroke: RED, strokeDasharray: '5,3' }),
      Plot.text([d.maxBatch], {
        x: (v: number) => v,
        frameAnchor: 'top',
        text: () => `memory full at batch ${num(d.maxBatch)}`,
        dx: -4,
        dy: 8,
        textAnchor: 'end',
        fill: RED,
      }),
    );
  }
  return {
    height: 320,
    marginLeft: 60,
    x: { type: 'log', base: 2, label: 'batch size (sequences) →', grid: true, tickFormat: (v: number) => num(v) },
    y: { type: 'log', label: '↑ tokens per second', grid: true },
    color: { domain: ['all sequences together', 'each sequence'], range: [BLUE, ORANGE], legend: true },
    marks,
  };
}

function batchingAlt(d: BatchingData): string {
  const first = d.rows[0];
  const last = d.rows.at(-1);
  if (!first || !last) return `Batching curve for ${d.title}.`;
  return `Batching curve for ${d.title}: aggregate decode throughput rises from ${num(first.totalTps)} tokens/s at batch 1 to ${num(last.totalTps)} at batch ${num(last.batch)}, while each sequence's speed falls from ${num(first.perSeqTps, 1)} to ${num(last.perSeqTps, 1)} tokens/s. ${d.maxBatch >= 1 ? `The KV caches fill the card at batch ${num(d.maxBatch)}; hollow points beyond it do not fit.` : 'Not even one sequence fits beside the weights.'}`;
}

function latencyChart(d: LatencyData): Plot.PlotOptions {
  const n = d.ttftSorted.length;
  const ecdf = d.ttftSorted.map((ms, i) => ({ ms, share: (i + 1) / n }));
  const marks = [
    { label: 'p50', ms: d.ttft.p50 },
    { label: 'mean', ms: d.ttft.mean },
    { label: 'p95', ms: d.ttft.p95 },
    { label: 'p99', ms: d.ttft.p99 },
  ];
  return {
    height: 300,
    marginLeft: 50,
    x: { type: 'log', label: 'time to first token (ms) →', grid: true },
    y: { label: '↑ share of requests at or below', grid: true, tickFormat: '%' },
    marks: [
      Plot.line(ecdf, { x: 'ms', y: 'share', stroke: BLUE, strokeWidth: 2, curve: 'step-after' }),
      Plot.ruleX(marks, { x: 'ms', stroke: GREY, strokeDasharray: '3,3' }),
      Plot.text(marks, {
        x: 'ms',
        y: (_: unknown, i: number) => 0.15 + 0.12 * i,
        text: (m: { label: string; ms: number }) => `${m.label} ${num(m.ms)} ms`,
        dx: -4,
        textAnchor: 'end',
        fill: 'currentColor',
      }),
      Plot.ruleX([d.sloTtftMs], { stroke: RED, strokeWidth: 2 }),
      Plot.text([d.sloTtftMs], {
        x: (v: number) => v,
        frameAnchor: 'top',
        text: () => 'TTFT SLO',
        dy: 10,
        dx: -4,
        textAnchor: 'end',
        fill: RED,
      }),
    ],
  };
}

function latencyAlt(d: LatencyData): string {
  return `Cumulative distribution of time to first token for ${d.title}: p50 ${num(d.ttft.p50)} ms, mean ${num(d.ttft.mean)} ms, p95 ${num(d.ttft.p95)} ms, p99 ${num(d.ttft.p99)} ms, against a TTFT SLO of ${num(d.sloTtftMs)} ms.`;
}

/** Plot options for an explorer's data. */
export function chartOptions(d: ExplorerData): Plot.PlotOptions {
  switch (d.kind) {
    case 'roofline':
      return rooflineChart(d);
    case 'traffic':
      return trafficChart(d);
    case 'batching':
      return batchingChart(d);
    case 'latency':
      return latencyChart(d);
  }
}

/** The chart in words. */
export function chartAlt(d: ExplorerData): string {
  switch (d.kind) {
    case 'roofline':
      return rooflineAlt(d);
    case 'traffic':
      return trafficAlt(d);
    case 'batching':
      return batchingAlt(d);
    case 'latency':
      return latencyAlt(d);
  }
}

export { Plot };
