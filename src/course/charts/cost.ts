// Build-time chart for the cost chapter: $/MTok falls as the batch grows, while time per output token rises.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed } from '../../engine/units.ts';
import { BATCH_CURVE } from '../facts/cost.ts';

export const costByBatch = renderPlot({
  height: 260,
  marginLeft: 60,
  x: {
    label: 'batch size (sequences per decode step) →',
    type: 'log',
    base: 2,
    ticks: BATCH_CURVE.map((d) => d.batch),
    tickFormat: 'd',
  },
  y: { label: '↑ $ per million output tokens', type: 'log', grid: true },
  marks: [
    Plot.line(BATCH_CURVE, { x: 'batch', y: 'usdPerMTok', stroke: '#2f6fdf', marker: 'circle' }),
    Plot.text(BATCH_CURVE, {
      x: 'batch',
      y: 'usdPerMTok',
      text: (d: (typeof BATCH_CURVE)[number]) => `${fixed(d.tpotMs, 0)} ms`,
      dy: -10,
      fill: '#666',
    }),
  ],
});

export const costByBatchAlt = `Line chart, log scales: dollars per million output tokens against batch size. ${BATCH_CURVE.map(
  (d) => `Batch ${d.batch}: $${fixed(d.usdPerMTok, 3)} per million tokens at ${fixed(d.tpotMs, 1)} ms per token`,
).join('; ')}.`;
