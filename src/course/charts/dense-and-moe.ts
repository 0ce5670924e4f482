// Build-time chart for the dense-and-MoE chapter: weight bytes a Mixtral decode step reads as the batch grows.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { denseAndMoe as f, touchedRows } from '../facts/dense-and-moe.ts';

const rows = touchedRows.map((r) => ({ batch: r.batch, GB: r.readBytes / 1e9 }));
const total = Number(f.bf16GB.replace(/[^\d.]/g, ''));
const active = Number(f.activeGB.replace(/[^\d.]/g, ''));
const refs = [
  { GB: total, label: `all experts: ${f.bf16GB}` },
  { GB: active, label: `active only: ${f.activeGB}` },
];

export const readChart = renderPlot({
  height: 280,
  marginLeft: 50,
  marginRight: 20,
  x: { type: 'log', base: 2, label: 'batch size →', grid: true },
  y: { label: '↑ GB of weights read per step', grid: true, domain: [0, total * 1.1] },
  marks: [
    Plot.ruleY(refs, { y: 'GB', stroke: '#999', strokeDasharray: '4,3' }),
    Plot.text(refs, { y: 'GB', frameAnchor: 'right', text: 'label', dy: -7, textAnchor: 'end', fill: '#777' }),
    Plot.line(rows, { x: 'batch', y: 'GB', stroke: '#2f6fdf', strokeWidth: 2 }),
    Plot.dot(rows, { x: 'batch', y: 'GB', fill: '#2f6fdf', r: 4 }),
  ],
});

export const readChartAlt = `Line chart of weight bytes a ${f.mix} decode step reads in BF16: ${touchedRows
  .map((r) => `batch ${r.batch}: ${r.readGB} GB (${r.touched}% of experts touched)`)
  .join(
    '; ',
  )}. It starts at the active-parameter floor of ${f.activeGB} and reaches the full ${f.bf16GB} by batch ${f.b32.batch}.`;
