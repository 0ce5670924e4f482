// Build-time charts for the memory-wall chapter (numbers from the facts module, i.e. the engine).
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { hardwareRows } from '../facts/memory-wall.ts';

const rows = hardwareRows.map((r) => ({
  ...r,
  tps: Number(r.ceiling.replace(/,/g, '')),
  fitLabel: r.fits ? 'weights fit' : 'does not fit',
}));

/** Batch-1 ceiling per GPU for 70B INT8, bars coloured by whether the weights fit at all. */
export const ceilingByGpu = renderPlot({
  marginLeft: 140,
  height: 260,
  x: { label: 'batch-1 decode ceiling (tokens/s) →', grid: true },
  y: { label: null },
  color: { domain: ['weights fit', 'does not fit'], range: ['#2f6fdf', '#c0504d'], legend: true },
  marks: [
    Plot.barX(rows, { y: 'name', x: 'tps', fill: 'fitLabel', sort: { y: '-x' } }),
    Plot.text(rows, { y: 'name', x: 'tps', text: (d: (typeof rows)[number]) => d.ceiling, dx: 4, textAnchor: 'start' }),
    Plot.ruleX([0]),
  ],
});

/** The chart in words, for screen readers. */
export const ceilingByGpuAlt = `Bar chart of batch-1 decode ceilings: ${[...rows]
  .sort((a, b) => b.tps - a.tps)
  .map((r) => `${r.name} ${r.ceiling} tokens/s${r.fits ? '' : ' (weights do not fit)'}`)
  .join('; ')}.`;
