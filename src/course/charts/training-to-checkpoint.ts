// Build-time chart for the training-to-checkpoint chapter: what training holds against what serving needs.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed } from '../../engine/units.ts';
import { trainingToCheckpoint as f, memoryRows } from '../facts/training-to-checkpoint.ts';

const rows = memoryRows.map((r) => ({ ...r, label: `${r.model} — ${r.what}`, GB: r.bytes / 1e9 }));
const h100 = Number(f.h100GB.replace(/[^\d.]/g, ''));

export const memoryChart = renderPlot({
  height: 300,
  marginLeft: 360,
  marginRight: 70,
  x: { type: 'log', label: 'GB (log scale) →', grid: true },
  y: { label: null, domain: rows.map((r) => r.label) },
  color: { domain: ['training', 'serving'], range: ['#c0504d', '#2f6fdf'] },
  marks: [
    Plot.barX(rows, {
      y: 'label',
      x1: 1,
      x2: 'GB',
      fill: (r: { what: string }) => (r.what.startsWith('training') ? 'training' : 'serving'),
    }),
    Plot.text(rows, {
      y: 'label',
      x: 'GB',
      text: (r: { GB: number }) => `${fixed(r.GB, 0)} GB`,
      dx: 4,
      textAnchor: 'start',
    }),
    Plot.ruleX([h100], { stroke: '#888', strokeDasharray: '4,3' }),
  ],
});

export const memoryChartAlt = `Bar chart on a log scale: ${rows.map((r) => `${r.label}: ${fixed(r.GB, 0)} GB`).join('; ')}. A dashed line marks one H100's ${f.h100GB}.`;
