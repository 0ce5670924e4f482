// Build-time chart for the parallelism chapter: tensor-parallel all-reduce time per step against the tokens in the
// step, over NVLink and PCIe (engine figures from the facts module).
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed, int } from '../../engine/units.ts';
import { commCurve } from '../facts/parallelism.ts';

const links = [...new Set(commCurve.map((p) => p.link))];

export const commByTokens = renderPlot({
  height: 300,
  marginLeft: 60,
  x: {
    type: 'log',
    label: 'tokens in the step (decode batch or prompt chunk) →',
    ticks: commCurve.map((p) => p.tokens),
  },
  y: { type: 'log', label: '↑ all-reduce time per step (ms)', grid: true },
  color: { legend: true, domain: links, range: ['#2f6fdf', '#c0504d'] },
  marks: [Plot.line(commCurve, { x: 'tokens', y: 'ms', stroke: 'link', marker: 'circle' })],
});

export const commByTokensAlt = `Line chart, both axes logarithmic: all-reduce time per step for Llama 3.3 70B at tensor-parallel degree 4. ${links
  .map(
    (l) =>
      `${l}: ${commCurve
        .filter((p) => p.link === l)
        .map((p) => `${int(p.tokens)} tokens ${fixed(p.ms, 2)} ms`)
        .join(', ')}`,
  )
  .join('; ')}.`;
