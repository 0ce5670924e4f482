// `npm run bench`: how fast the serving simulator runs standard scenarios on this machine (Node, one thread).
// Speed targets live here, not in timed tests: 10,000 chat requests ≤ 0.5 s; 1,000 requests ≤ 50 ms.
import { type Arrival, type ScenarioInput, simulate } from '../src/engine/sim/index.ts';

interface Case {
  name: string;
  target_ms?: number;
  scenario: ScenarioInput;
}

const chat = (requests: number, arrival: Arrival): ScenarioInput => ({
  model: 'llama-3.1-8b',
  gpu: 'h100-sxm',
  workload: { shape: 'chat', requests, arrival },
});

const CASES: Case[] = [
  {
    name: '10,000 chat, Llama-3.1-8B, H100, continuous, Poisson 10 req/s',
    target_ms: 500,
    scenario: chat(10_000, { kind: 'poisson', rate: 10 }),
  },
  {
    name: '10,000 chat, closed loop, 64 users',
    target_ms: 500,
    scenario: chat(10_000, { kind: 'closed', concurrency: 64 }),
  },
  {
    name: '1,000 chat, Poisson 4 req/s (the playground default)',
    target_ms: 50,
    scenario: chat(1000, { kind: 'poisson', rate: 4 }),
  },
];

function timeIt(s: ScenarioInput, runs: number): { best: number; median: number; requests: number } {
  const times: number[] = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = simulate(s);
    times.push(performance.now() - t0);
    requests = r.results.completed + r.results.failed;
  }
  times.sort((a, b) => a - b);
  return { best: times[0] as number, median: times[Math.floor(times.length / 2)] as number, requests };
}

simulate(chat(2000, { kind: 'poisson', rate: 8 })); // warm the JIT once, as a page that has run before would be
console.log('scenario'.padEnd(64), 'median ms', '  best ms', '  sim req/s', '  target');
for (const c of CASES) {
  const { best, median, requests } = timeIt(c.scenario, 7);
  const ok = c.target_ms === undefined ? '' : median <= c.target_ms ? `≤ ${c.target_ms} ms ✓` : `> ${c.target_ms} ms ✗`;
  console.log(
    c.name.padEnd(64),
    median.toFixed(1).padStart(9),
    best.toFixed(1).padStart(9),
    Math.round(requests / (median / 1000))
      .toLocaleString('en-US')
      .padStart(11),
    ` ${ok}`,
  );
}
