// Build-time chart for the weights-in-memory chapter: every catalog model at three precisions against card sizes.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed } from '../../engine/units.ts';
import { gpuLines, weightChartRows } from '../facts/weights-in-memory.ts';

export const weightsChart = renderPlot({
  height: 320,
  marginLeft: 160,
  marginTop: 40,
  marginRight: 60,
  x: { type: 'log', label: 'weights (GB, log scale) →', grid: true },
  y: { label: null },
  color: { domain: ['BF16', 'INT8', 'INT4'], range: ['#2f6fdf', '#e8883a', '#3a9d5d'], legend: true },
  marks: [
    Plot.ruleX(gpuLines, { x: 'GB', stroke: '#999', strokeDasharray: '4,3' }),
    Plot.text(gpuLines, {
      x: 'GB',
      frameAnchor: 'top',
      text: 'name',
      rotate: -20,
      dy: -12,
      textAnchor: 'start',
      fill: '#777',
      fontSize: 9,
    }),
    Plot.ruleY(weightChartRows, Plot.groupY({ x1: 'min', x2: 'max' }, { y: 'model', x: 'GB', stroke: '#bbb' })),
    Plot.dot(weightChartRows, { y: 'model', x: 'GB', fill: 'precision', r: 5 }),
  ],
});

export const weightsChartAlt = `Dot chart of weight memory on a log scale, with dashed lines at ${gpuLines
  .map((g) => `${g.name} (${fixed(g.GB, 1)} GB)`)
  .join(', ')}: ${weightChartRows.map((r) => `${r.model} ${r.precision} ${fixed(r.GB, 1)} GB`).join('; ')}.`;
