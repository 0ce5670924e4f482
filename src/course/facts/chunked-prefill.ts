// Every figure the chunked-prefill chapter prints: what one long prefill costs every decoding user, the simulator's
// burst comparison, a sweep of the per-step token budget, and where a chunk stops being compute-bound.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { percentile } from '../../engine/metrics.ts';
import { mathRateFor } from '../../engine/precision.ts';
import { prefillTime, smallestComputeBoundPrompt } from '../../engine/prefill.ts';
import { ridgePoint } from '../../engine/roofline.ts';
import {
  getPreset,
  METRICS,
  type MetricKey,
  mergeScenario,
  presetScenarios,
  simulate,
} from '../../engine/sim/index.ts';
import { fixed, int } from '../../engine/units.ts';

const preset = getPreset('chunked-prefill-burst');
const [scenarioA, scenarioB] = presetScenarios(preset);
const runA = simulate(scenarioA, {}, { requests: true });
const runB = simulate(scenarioB, {}, { requests: true });
const metric = (r: typeof runA, k: MetricKey) => METRICS[k].get(r);

const burst = runA.scenario.workload.bursts[0] as { atS: number; count: number; promptTokens: number };
const arrival = runA.scenario.workload.arrival as { rate: number };
const hw = runA.scenario.hardware;
const model = getModel(runA.scenario.model);
const gpu = getGpu(runA.scenario.gpu);
const budgetA = (runA.scenario.scheduler as { maxNumBatchedTokens: number }).maxNumBatchedTokens;
const budgetB = (runB.scenario.scheduler as { maxNumBatchedTokens: number }).maxNumBatchedTokens;

/** Prefill of `tokens` prompt tokens at the simulator's sustained efficiencies (or at peak). */
const prefill = (tokens: number, peak = false) =>
  prefillTime(model, gpu, {
    promptTokens: tokens,
    weightPrecision: runA.scenario.weightPrecision,
    computeEfficiency: peak ? 1 : hw.computeEfficiency,
    bandwidthEfficiency: peak ? 1 : hw.bandwidthEfficiency,
  });
const whole = prefill(burst.promptTokens);
const wholePeak = prefill(burst.promptTokens, true);

/** Median TTFT of the burst's long prompts in a run. */
const longTtft = (r: typeof runA) => {
  const t = (r.requests ?? []).filter((q) => q.prompt_tokens === burst.promptTokens).map((q) => q.ttft_ms ?? 0);
  return t.length ? percentile(t, 50) : 0;
};

/** The same burst with chunked prefill at a range of per-step token budgets. */
const BUDGETS = [128, 256, 512, 1024, 2048, 4096];
export const budgetRows = BUDGETS.map((budget) => {
  const r =
    budget === budgetB
      ? runB
      : simulate(
          mergeScenario(preset.base, {
            scheduler: { kind: 'continuous', chunkedPrefill: true, maxNumBatchedTokens: budget },
          }),
          {},
          { requests: true },
        );
  const chunk = prefill(budget);
  return {
    budget,
    itlP99: r.results.itl_ms.p99,
    longTtft: longTtft(r),
    chunkMs: chunk.timeS * 1e3,
    chunkRate: budget / chunk.timeS,
    regime: chunk.regime,
  };
});

/** Smallest chunk whose prefill is compute-bound, at peak and at the simulator's sustained rates (bisection). */
function smallestComputeBound(peak: boolean): number {
  const n = smallestComputeBoundPrompt(model, gpu, {
    weightPrecision: runA.scenario.weightPrecision,
    computeEfficiency: peak ? 1 : hw.computeEfficiency,
    bandwidthEfficiency: peak ? 1 : hw.bandwidthEfficiency,
  });
  if (n === null) throw new Error('no compute-bound prefill up to 1,000,000 tokens');
  return n;
}
const minChunkPeak = smallestComputeBound(true);
const minChunkSim = smallestComputeBound(false);
const ridge = ridgePoint(gpu, mathRateFor(runA.scenario.weightPrecision));

const ms = (x: number) => fixed(x, x < 100 ? 1 : 0);
const decodersInChunk = 32;
const texInt = (x: number) => int(x).replace(/,/g, '{,}');
const first = budgetRows[0] as (typeof budgetRows)[number];
const chosen = budgetRows.find((r) => r.budget === budgetB) as (typeof budgetRows)[number];

export const chunkedPrefill = {
  model: model.name,
  gpu: gpu.name,
  rate: fixed(arrival.rate, 0),
  burstCount: int(burst.count),
  burstPrompt: int(burst.promptTokens),
  burstAtS: int(burst.atS),
  computeEff: fixed(hw.computeEfficiency * 100, 0),
  bandwidthEff: fixed(hw.bandwidthEfficiency * 100, 0),
  wholeMs: ms(whole.timeS * 1e3),
  wholePeakMs: ms(wholePeak.timeS * 1e3),
  wholeRegime: whole.regime,
  freezeS: fixed(burst.count * whole.timeS, 1),
  budgetA: int(budgetA),
  budgetB: int(budgetB),
  a: {
    itlP99: ms(metric(runA, 'itl_p99')),
    itlP50: ms(metric(runA, 'itl_p50')),
    tpotP99: ms(metric(runA, 'tpot_p99')),
    ttftP50: ms(metric(runA, 'ttft_p50')),
    ttftP99: ms(metric(runA, 'ttft_p99')),
    tps: int(metric(runA, 'output_tps')),
    longTtft: ms(longTtft(runA)),
    meanBatch: fixed(metric(runA, 'mean_batch'), 1),
  },
  b: {
    itlP99: ms(metric(runB, 'itl_p99')),
    itlP50: ms(metric(runB, 'itl_p50')),
    tpotP99: ms(metric(runB, 'tpot_p99')),
    ttftP50: ms(metric(runB, 'ttft_p50')),
    ttftP99: ms(metric(runB, 'ttft_p99')),
    tps: int(metric(runB, 'output_tps')),
    longTtft: ms(longTtft(runB)),
  },
  itlRatio: fixed(metric(runA, 'itl_p99') / metric(runB, 'itl_p99'), 1),
  ttftP99Change: fixed((metric(runB, 'ttft_p99') / metric(runA, 'ttft_p99') - 1) * 100, 0),
  chunkStepMs: ms(prefill(budgetB).timeS * 1e3),
  decodersInChunk,
  chunksTex: String.raw`\left\lceil \frac{${texInt(burst.promptTokens)}}{${texInt(budgetB)} - ${decodersInChunk}} \right\rceil = ${Math.ceil(burst.promptTokens / (budgetB - decodersInChunk))}\ \text{steps}`,
  chunksNoDecode: int(Math.ceil(burst.promptTokens / budgetB)),
  ridge: int(ridge),
  minChunkPeak: int(minChunkPeak),
  minChunkSim: int(minChunkSim),
  smallBudget: int(first.budget),
  smallBudgetTtft: ms(first.longTtft),
  smallBudgetItl: ms(first.itlP99),
  smallBudgetRate: int(first.chunkRate),
  chosenRate: int(chosen.chunkRate),
  wholeRate: int(burst.promptTokens / whole.timeS),
};

export const budgetTable = budgetRows.map((r) => ({
  budget: int(r.budget),
  chunkMs: ms(r.chunkMs),
  regime: r.regime,
  rate: int(r.chunkRate),
  itlP99: ms(r.itlP99),
  longTtft: ms(r.longTtft),
}));

/** The simulator runs behind the chapter's claims, for tests that check direction and size. */
export const runs = { runA, runB, whole, budgetRows, minChunkPeak, minChunkSim, ridge };
