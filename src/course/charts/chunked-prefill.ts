// Build-time chart for the chunked-prefill chapter: the per-step token budget trades everyone's p99 inter-token
// latency against the long prompts' own time to first token (simulator runs from the facts module).
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed, int } from '../../engine/units.ts';
import { budgetRows } from '../facts/chunked-prefill.ts';

const ITL = 'p99 inter-token latency, all users';
const TTFT = 'median TTFT of the long prompts';
const points = budgetRows.flatMap((r) => [
  { budget: r.budget, ms: r.itlP99, series: ITL },
  { budget: r.budget, ms: r.longTtft, series: TTFT },
]);

export const budgetTradeoff = renderPlot({
  height: 300,
  marginLeft: 60,
  x: {
    type: 'log',
    base: 2,
    label: 'max_num_batched_tokens (chunk budget per step) →',
    ticks: budgetRows.map((r) => r.budget),
  },
  y: { type: 'log', label: '↑ milliseconds (log scale)', grid: true },
  color: { legend: true, domain: [ITL, TTFT], range: ['#2f6fdf', '#c0504d'] },
  marks: [Plot.line(points, { x: 'budget', y: 'ms', stroke: 'series', marker: 'circle' })],
});

export const budgetTradeoffAlt = `Line chart, both axes logarithmic, of the simulated long-prompt burst at different chunk budgets. ${budgetRows
  .map(
    (r) =>
      `Budget ${int(r.budget)}: p99 inter-token latency ${fixed(r.itlP99, 1)} ms, long prompts' median TTFT ${int(r.longTtft)} ms`,
  )
  .join('; ')}.`;
