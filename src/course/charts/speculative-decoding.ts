// Build-time charts for the speculative-decoding chapter: speed-up against acceptance (engine), and speed-up against
// batch size in the simulator's step-cost model. Numbers come from the facts module.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed, int } from '../../engine/units.ts';
import { ASSUMED, batchRows, breakEvens, speedupCurves } from '../facts/speculative-decoding.ts';

const label = (g: number) => `γ = ${g} draft tokens`;
const curves = speedupCurves.map((p) => ({ ...p, series: label(p.gamma) }));
const colours = ['#8a63d2', '#2f6fdf', '#e8883a'];

export const speedupByAcceptance = renderPlot({
  height: 300,
  marginLeft: 50,
  x: { label: 'acceptance rate α →', domain: [0, 1] },
  y: { label: '↑ speed-up over plain decoding', grid: true },
  color: { legend: true, domain: breakEvens.map((b) => label(b.gamma)), range: colours },
  marks: [
    Plot.ruleY([1], { stroke: 'currentColor', strokeDasharray: '4 3' }),
    Plot.line(curves, { x: 'acceptance', y: 'speedup', stroke: 'series' }),
    Plot.dot(
      breakEvens.map((b) => ({ acceptance: b.alpha, speedup: 1, series: label(b.gamma) })),
      { x: 'acceptance', y: 'speedup', fill: 'series', r: 4 },
    ),
  ],
});

export const speedupByAcceptanceAlt = `Line chart of speculative speed-up against acceptance rate at a draft cost of ${fixed(ASSUMED.errata.draftCost, 2)}. ${breakEvens
  .map((b) => {
    const top = speedupCurves.filter((p) => p.gamma === b.gamma).at(-2);
    return `${label(b.gamma)}: breaks even at α = ${fixed(b.alpha, 2)}, ${fixed(top?.speedup ?? 0, 2)}× at α = ${fixed(top?.acceptance ?? 0, 2)}`;
  })
  .join('; ')}. A dashed line marks a speed-up of 1.`;

export const speedupByBatch = renderPlot({
  height: 280,
  marginLeft: 50,
  x: { type: 'log', base: 2, label: 'sequences in the batch →', ticks: batchRows.map((r) => r.batch) },
  y: { label: '↑ speed-up per sequence', grid: true, domain: [0, Math.max(...batchRows.map((r) => r.speedup)) * 1.1] },
  marks: [
    Plot.ruleY([1], { stroke: 'currentColor', strokeDasharray: '4 3' }),
    Plot.line(batchRows, { x: 'batch', y: 'speedup', stroke: '#2f6fdf', marker: 'circle' }),
  ],
});

export const speedupByBatchAlt = `Line chart of the speed-up per sequence from speculation against batch size, in the simulator's step-cost model. ${batchRows
  .map(
    (r) => `batch ${int(r.batch)}: ${fixed(r.speedup, 2)}× (verification costs ${fixed(r.verifyRatio, 2)} plain steps)`,
  )
  .join('; ')}.`;
