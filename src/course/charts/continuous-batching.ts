// Build-time chart for the continuous-batching chapter: output throughput of static and continuous batching as
// closed-loop users grow, from the simulator runs in the facts module.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { int } from '../../engine/units.ts';
import { sweepRows } from '../facts/continuous-batching.ts';

const points = sweepRows.flatMap((r) => [
  { users: r.users, tps: r.staticTps, scheduler: 'static batches (padded)' },
  { users: r.users, tps: r.continuousTps, scheduler: 'continuous batching' },
]);

export const throughputByUsers = renderPlot({
  height: 300,
  marginLeft: 60,
  x: { type: 'log', base: 2, label: 'concurrent users (closed loop) →', ticks: sweepRows.map((r) => r.users) },
  y: { label: '↑ output tokens/s', grid: true },
  color: { legend: true, domain: ['static batches (padded)', 'continuous batching'], range: ['#c0504d', '#2f6fdf'] },
  marks: [Plot.line(points, { x: 'users', y: 'tps', stroke: 'scheduler', marker: 'circle' }), Plot.ruleY([0])],
});

export const throughputByUsersAlt = `Line chart of simulated output throughput against concurrent users. ${sweepRows
  .map(
    (r) =>
      `${r.users} users: static ${int(r.staticTps)} tokens/s with ${int(r.padding * 100)}% padding, continuous ${int(r.continuousTps)} tokens/s`,
  )
  .join('; ')}.`;
