// Build-time chart for the what-we-ship chapter: GPU time one request of each shape costs, split by phase.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed } from '../../engine/units.ts';
import { shapeRows } from '../facts/what-we-ship.ts';

const long = shapeRows.flatMap((r) => [
  { shape: r.label, phase: 'prefill', ms: r.prefillMs },
  { shape: r.label, phase: 'decode (its share of each step)', ms: r.gpuDecodeMs },
]);

export const shapeChart = renderPlot({
  height: 220,
  marginLeft: 170,
  x: { label: 'GPU milliseconds per request →', grid: true },
  y: { label: null, domain: shapeRows.map((r) => r.label) },
  color: { domain: ['prefill', 'decode (its share of each step)'], range: ['#e8883a', '#2f6fdf'], legend: true },
  marks: [Plot.barX(long, { y: 'shape', x: 'ms', fill: 'phase' }), Plot.ruleX([0])],
});

export const shapeChartAlt = `Stacked bars of GPU time per request: ${shapeRows
  .map(
    (r) =>
      `${r.label}: ${fixed(r.prefillMs, 1)} ms of prefill and ${fixed(r.gpuDecodeMs, 1)} ms of decode, prefill ${fixed(r.gpuPrefillShare * 100, 0)}%`,
  )
  .join('; ')}.`;
