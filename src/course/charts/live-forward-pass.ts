// Build-time chart for the live-forward-pass chapter: what each decode step reads, scenario by scenario.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { liveForwardPass as f, scenarioRows } from '../facts/live-forward-pass.ts';

const label = (r: (typeof scenarioRows)[number]) => `${r.context} tokens × batch ${r.batch}`;
const long = scenarioRows.flatMap((r) => [
  { scenario: label(r), part: 'weights', GB: r.weightsBytes / 1e9 },
  { scenario: label(r), part: 'KV cache', GB: r.kvBytes / 1e9 },
]);
const memory = Number(f.memGB.replace(/[^\d.]/g, ''));

/** Stacked bars of weights and KV bytes per step, with the card's memory as a line. */
export const trafficBars = renderPlot({
  height: 240,
  marginLeft: 170,
  x: { label: 'GB read per decode step →', grid: true },
  y: { label: null, domain: scenarioRows.map(label) },
  color: { domain: ['weights', 'KV cache'], range: ['#2f6fdf', '#e8883a'], legend: true },
  marks: [
    Plot.barX(long, { y: 'scenario', x: 'GB', fill: 'part', order: ['weights', 'KV cache'] }),
    Plot.ruleX([memory], { stroke: '#c0504d', strokeDasharray: '5,3' }),
    Plot.text([memory], {
      x: (v: number) => v,
      frameAnchor: 'top',
      text: () => 'H100 memory',
      dy: -8,
      dx: 4,
      textAnchor: 'start',
      fill: '#c0504d',
    }),
    Plot.ruleX([0]),
  ],
});

export const trafficBarsAlt = `Stacked bars of bytes read per decode step for ${f.model} in INT8 on an ${f.gpu}: ${scenarioRows
  .map(
    (r) =>
      `${label(r)}: ${f.weightsGB} of weights plus ${r.kvGB} GB of KV cache, ${r.totalGB} GB in all${r.fits ? '' : ', more than the card holds'}`,
  )
  .join('; ')}. The card's memory, ${f.memGB}, is marked.`;
