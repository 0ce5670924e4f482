// Every figure the continuous-batching chapter prints: the simulator's static-vs-continuous comparison, a four-request
// static batch worked by hand and by the simulator, and a sweep of both schedulers from one user to many.
import { getModel } from '../../engine/catalog/index.ts';
import {
  getPreset,
  METRICS,
  type MetricKey,
  presetScenarios,
  type SimResult,
  simulate,
} from '../../engine/sim/index.ts';
import { fixed, int } from '../../engine/units.ts';

const preset = getPreset('static-vs-continuous');
const [scenarioA, scenarioB] = presetScenarios(preset);
const runA = simulate(scenarioA);
const runB = simulate(scenarioB);
const metric = (r: SimResult, k: MetricKey) => METRICS[k].get(r);

/**
 * The worked example's four requests, arriving together (illustrative inputs chosen for the example, not a
 * measurement): prompt and output lengths in tokens.
 */
export const ASSUMED = {
  toy: [
    { prompt: 600, output: 40 },
    { prompt: 1800, output: 400 },
    { prompt: 1000, output: 90 },
    { prompt: 300, output: 150 },
  ],
} as const;

const toyTrace = ASSUMED.toy.map((r) => ({ arrivalS: 0, promptTokens: r.prompt, outputTokens: r.output }));
const toyStatic = simulate(
  { workload: { trace: toyTrace }, scheduler: { kind: 'static', batchSize: toyTrace.length } },
  {},
  { requests: true },
);
const toyContinuous = simulate({ workload: { trace: toyTrace } }, {}, { requests: true });

// The same padding counted by hand, to set beside the simulator's figure in the prose.
const prompts = ASSUMED.toy.map((r) => r.prompt);
const outputs = ASSUMED.toy.map((r) => r.output);
const maxP = Math.max(...prompts);
const maxO = Math.max(...outputs);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const padPrompt = sum(prompts.map((p) => maxP - p));
const padOutput = sum(outputs.map((o) => maxO - o));
// The first output token comes out of the prefill pass, so a sequence decodes (output − 1) steps.
const usefulPrompt = sum(prompts);
const usefulDecode = sum(outputs.map((o) => o - 1));
const padShareByHand = (padPrompt + padOutput) / (padPrompt + padOutput + usefulPrompt + usefulDecode);
const slotShare = sum(outputs) / (outputs.length * maxO);

/** Closed-loop chat users, each sending the next request when the last one finishes, under both schedulers. */
const SWEEP = [1, 2, 4, 8, 16, 32, 64];
const sweepRun = (users: number, kind: 'static' | 'continuous') =>
  simulate({
    seed: 7,
    workload: { shape: 'chat', requests: Math.max(200, 4 * users), arrival: { kind: 'closed', concurrency: users } },
    scheduler: kind === 'static' ? { kind: 'static', batchSize: users, timeoutMs: 100 } : { kind: 'continuous' },
  });
export const sweepRows = SWEEP.map((users) => {
  const st = sweepRun(users, 'static');
  const co = sweepRun(users, 'continuous');
  return {
    users,
    staticTps: st.results.output_throughput_tok_s,
    continuousTps: co.results.output_throughput_tok_s,
    padding: st.padding_waste,
    staticE2e: st.results.e2e_ms.p50,
    continuousE2e: co.results.e2e_ms.p50,
  };
});
const top = sweepRows.at(-1) as (typeof sweepRows)[number];

const ms = (x: number) => int(x);
const pct = (x: number) => fixed(x * 100, 0);
const texInt = (x: number) => int(x).replace(/,/g, '{,}');

const staticBatch = (scenarioA.scheduler as { batchSize: number }).batchSize;
const arrival = scenarioA.workload?.arrival as { rate: number };

export const continuousBatching = {
  model: getModel(runA.scenario.model).name,
  gpu: runA.setup.gpu,
  staticBatch,
  timeoutMs: int((scenarioA.scheduler as { timeoutMs: number }).timeoutMs),
  rate: fixed(arrival.rate, 0),
  requests: int(runA.results.completed),
  ttftSloMs: int(runA.scenario.slo.ttftMs ?? 0),
  tpotSloMs: int(runA.scenario.slo.tpotMs ?? 0),
  a: {
    e2eP50: ms(metric(runA, 'e2e_p50')),
    e2eP99: ms(metric(runA, 'e2e_p99')),
    ttftP50: ms(metric(runA, 'ttft_p50')),
    tps: int(metric(runA, 'output_tps')),
    padding: pct(metric(runA, 'padding_waste')),
    goodput: fixed(metric(runA, 'goodput'), 2),
    meanBatch: fixed(metric(runA, 'mean_batch'), 1),
  },
  b: {
    e2eP50: ms(metric(runB, 'e2e_p50')),
    e2eP99: ms(metric(runB, 'e2e_p99')),
    ttftP50: ms(metric(runB, 'ttft_p50')),
    tps: int(metric(runB, 'output_tps')),
    goodput: fixed(metric(runB, 'goodput'), 2),
    meanBatch: fixed(metric(runB, 'mean_batch'), 1),
  },
  e2eRatio: fixed(metric(runA, 'e2e_p50') / metric(runB, 'e2e_p50'), 1),
  tpsChange: fixed((metric(runB, 'output_tps') / metric(runA, 'output_tps') - 1) * 100, 0),
  toy: {
    n: ASSUMED.toy.length,
    prompts: prompts.map(int).join(', '),
    outputs: outputs.map(int).join(', '),
    maxP: int(maxP),
    maxO: int(maxO),
    padPrompt: int(padPrompt),
    padOutput: int(padOutput),
    useful: int(usefulPrompt + usefulDecode),
    padShare: pct(padShareByHand),
    simPadShare: fixed(toyStatic.padding_waste * 100, 1),
    slotShare: pct(slotShare),
    shortestDoneMs: ms(Math.min(...(toyStatic.requests ?? []).map((r) => r.e2e_ms ?? Number.POSITIVE_INFINITY))),
    batchDoneMs: ms(Math.max(...(toyStatic.requests ?? []).map((r) => r.e2e_ms ?? 0))),
    staticTtftMs: ms(toyStatic.results.ttft_ms.p50),
    continuousTtftMs: ms(toyContinuous.results.ttft_ms.p50),
    paddingTex: String.raw`\text{padding share} = \frac{${texInt(padPrompt)} + ${texInt(padOutput)}}{${texInt(padPrompt)} + ${texInt(padOutput)} + ${texInt(usefulPrompt)} + ${texInt(usefulDecode)}} = ${fixed(padShareByHand * 100, 1)}\%`,
    slotTex: String.raw`\frac{\sum_i o_i}{B \cdot \max_i o_i} = \frac{${texInt(sum(outputs))}}{${ASSUMED.toy.length} \times ${texInt(maxO)}} = ${fixed(slotShare * 100, 1)}\%`,
  },
  sweep: {
    first: SWEEP[0] as number,
    last: top.users,
    staticTps: int(top.staticTps),
    continuousTps: int(top.continuousTps),
    ratio: fixed(top.continuousTps / top.staticTps, 1),
    padding: pct(top.padding),
    staticE2e: fixed(top.staticE2e / 1000, 1),
    continuousE2e: fixed(top.continuousE2e / 1000, 1),
  },
};

/** The simulator runs behind the chapter's claims, for tests that check direction and size. */
export const runs = { runA, runB, toyStatic, toyContinuous, padShareByHand };
