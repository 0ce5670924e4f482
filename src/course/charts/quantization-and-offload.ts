// Build-time chart for the KV quantization/offload chapter: reload one cache over host links vs recompute it.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { HOST_LINKS } from '../../engine/catalog/host-links.ts';
import { getModel } from '../../engine/catalog/index.ts';
import { fixed, int } from '../../engine/units.ts';
import { reloadAndRecompute } from '../facts/quantization-and-offload.ts';

const CTX = 8192;
const MODEL_IDS = ['llama-3.3-70b', 'llama-3.1-8b', 'qwen2.5-7b', 'mixtral-8x7b'];
const WAYS = [HOST_LINKS.pcie4.label, HOST_LINKS.pcie5.label, 'recompute at peak BF16'];

const rows = MODEL_IDS.flatMap((id) => {
  const r = reloadAndRecompute(id, CTX);
  const name = getModel(id).name;
  return [
    { model: name, way: WAYS[0] as string, ms: r.links.pcie4 * 1e3 },
    { model: name, way: WAYS[1] as string, ms: r.links.pcie5 * 1e3 },
    { model: name, way: WAYS[2] as string, ms: r.recomputeS * 1e3 },
  ];
});

export const reloadVsRecompute = renderPlot({
  height: 300,
  marginLeft: 160,
  marginRight: 60,
  x: { type: 'log', label: 'milliseconds (log scale) →', grid: true, tickFormat: ',' },
  y: { axis: null },
  fy: { label: null, axis: 'left' },
  color: { legend: true, domain: WAYS, range: ['#9db8e8', '#2f6fdf', '#c0504d'] },
  marks: [
    Plot.barX(rows, { fy: 'model', y: 'way', x1: 1, x2: 'ms', fill: 'way' }),
    Plot.text(rows, {
      fy: 'model',
      y: 'way',
      x: 'ms',
      text: (d: { ms: number }) => `${fixed(d.ms, 0)} ms`,
      dx: 4,
      textAnchor: 'start',
    }),
  ],
});

export const reloadVsRecomputeAlt = `Bar chart, log scale, for one ${int(CTX)}-token sequence: ${MODEL_IDS.map((id) => {
  const r = reloadAndRecompute(id, CTX);
  return `${getModel(id).name}: reload ${fixed(r.links.pcie4 * 1e3, 0)} ms over PCIe 4.0, ${fixed(r.links.pcie5 * 1e3, 0)} ms over PCIe 5.0, recompute ${fixed(r.recomputeS * 1e3, 0)} ms`;
}).join('; ')}.`;
