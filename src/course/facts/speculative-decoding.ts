// Every figure the speculative-decoding chapter prints: expected tokens per step, speed-up and break-even from the
// engine (Leviathan et al.), a draft/target pair on a real GPU, where the speed-up fades as the batch grows (the
// simulator's step-cost model), and the simulator's low- and high-load comparisons.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { weightBytes } from '../../engine/memory.ts';
import { decodeStep } from '../../engine/roofline.ts';
import {
  getPreset,
  METRICS,
  type MetricKey,
  prepare,
  presetScenarios,
  type SimResult,
  simulate,
} from '../../engine/sim/index.ts';
import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../../engine/speculative.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/**
 * The errata's worked example of the Leviathan et al. model (errata E004-32: γ = 5 and c = 0.1 break even near
 * α = 0.33; α = 0.8 gives 2.46×), recomputed below by the engine; and illustrative acceptance rates for the
 * worked example (acceptance depends on the model pair and the text, so these are inputs, not measurements).
 */
export const ASSUMED = {
  errata: { draftTokens: 5, draftCost: 0.1, acceptance: 0.8 },
  acceptances: [0.5, 0.6, 0.7, 0.8],
  pairTokens: 4,
  context: 2048,
} as const;

const x2 = (s: number) => fixed(s, 2);

// The errata's example.
const errataBreakEven = breakEvenAcceptance(ASSUMED.errata.draftTokens, ASSUMED.errata.draftCost);
const errataSpeedup = speculativeSpeedup(ASSUMED.errata);

// Speed-up against acceptance for a few draft lengths, at the errata's draft cost (chart).
const GAMMAS = [2, 4, 8];
export const speedupCurves = GAMMAS.flatMap((g) =>
  Array.from({ length: 21 }, (_, i) => {
    const acceptance = i / 20;
    return {
      gamma: g,
      acceptance,
      speedup: speculativeSpeedup({ acceptance, draftTokens: g, draftCost: ASSUMED.errata.draftCost }),
    };
  }),
);
export const breakEvens = GAMMAS.map((g) => ({
  gamma: g,
  alpha: breakEvenAcceptance(g, ASSUMED.errata.draftCost),
}));

// A real pair: Llama 3.3 70B verified, Llama 3.1 8B drafting, both in FP8 on one H200.
const h200 = getGpu('h200');
const h100 = getGpu('h100-sxm');
const target = getModel('llama-3.3-70b');
const draft = getModel('llama-3.1-8b');
const stepOf = (m: typeof target) =>
  decodeStep(m, h200, { weightPrecision: 'fp8', batch: 1, context: ASSUMED.context });
const targetStep = stepOf(target);
const draftStep = stepOf(draft);
/** c: one draft step as a share of one target step, both memory-bound at batch 1 (a ratio of engine step times). */
const pairCost = draftStep.stepTimeS / targetStep.stepTimeS;
const pairBreakEven = breakEvenAcceptance(ASSUMED.pairTokens, pairCost);
export const pairRows = ASSUMED.acceptances.map((acceptance) => {
  const speedup = speculativeSpeedup({ acceptance, draftTokens: ASSUMED.pairTokens, draftCost: pairCost });
  return {
    acceptance: x2(acceptance),
    expected: x2(expectedTokensPerStep(acceptance, ASSUMED.pairTokens)),
    speedup: x2(speedup),
    tpotMs: x2((targetStep.stepTimeS * 1e3) / speedup),
  };
});
const pairWeights = weightBytes(target, 'fp8') + weightBytes(draft, 'fp8');

// The simulator's presets at low and high load.
const low = getPreset('speculative-low-load');
const high = getPreset('speculative-high-load');
const [lowA, lowB] = presetScenarios(low).map((s) => simulate(s)) as [SimResult, SimResult];
const [highA, highB] = presetScenarios(high).map((s) => simulate(s)) as [SimResult, SimResult];
const metric = (r: SimResult, k: MetricKey) => METRICS[k].get(r);
const spec = lowB.scenario.speculative;

/**
 * Speed-up against batch size in the simulator's step-cost model: the target verifies γ + 1 positions per sequence
 * (free while memory-bound, costly once compute-bound) and the draft adds γ × c plain steps.
 */
const setup = prepare(presetScenarios(low)[0]);
const sweepContext = 512;
const stepSeconds = (batch: number, positions: number) => {
  const k = setup.cost;
  return k.seconds(
    batch * positions,
    k.weightBytesRead(batch * positions) + batch * k.kvBytesRead(sweepContext),
    batch * k.flops(sweepContext, positions),
  );
};
const expectedSim = expectedTokensPerStep(spec.acceptance, spec.tokens);
export const batchRows = [1, 8, 32, 64, 128, 192, 256, 384].map((batch) => {
  const plain = stepSeconds(batch, 1);
  const verify = stepSeconds(batch, spec.tokens + 1);
  return {
    batch,
    verifyRatio: verify / plain,
    speedup: (expectedSim * plain) / (verify + spec.tokens * spec.draftCost * plain),
  };
});
const firstLoss = batchRows.find((r) => r.speedup < 1);

export const speculative = {
  errata: {
    gamma: ASSUMED.errata.draftTokens,
    cost: x2(ASSUMED.errata.draftCost),
    alpha: x2(ASSUMED.errata.acceptance),
    breakEven: x2(errataBreakEven),
    speedup: x2(errataSpeedup),
    expected: x2(expectedTokensPerStep(ASSUMED.errata.acceptance, ASSUMED.errata.draftTokens)),
  },
  breakEvens: breakEvens.map((b) => `γ = ${b.gamma}: ${x2(b.alpha)}`).join(', '),
  expectedTex: String.raw`\mathbb{E}[\text{tokens}] = \frac{1 - ${x2(ASSUMED.errata.acceptance)}^{${ASSUMED.errata.draftTokens + 1}}}{1 - ${x2(ASSUMED.errata.acceptance)}} = ${x2(expectedTokensPerStep(ASSUMED.errata.acceptance, ASSUMED.errata.draftTokens))}`,
  speedupTex: String.raw`\text{speed-up} = \frac{${x2(expectedTokensPerStep(ASSUMED.errata.acceptance, ASSUMED.errata.draftTokens))}}{${ASSUMED.errata.draftTokens} \times ${x2(ASSUMED.errata.draftCost)} + 1} = ${x2(errataSpeedup)}`,
  pair: {
    target: target.name,
    draft: draft.name,
    gpu: h200.name,
    h100: h100.name,
    context: int(ASSUMED.context),
    targetMs: x2(targetStep.stepTimeS * 1e3),
    draftMs: x2(draftStep.stepTimeS * 1e3),
    cost: fixed(pairCost, 3),
    gamma: ASSUMED.pairTokens,
    breakEven: x2(pairBreakEven),
    weightsGB: formatBytes(pairWeights, 'GB', 1),
    h200GB: formatBytes(h200.memoryBytes, 'GB', 1),
    h100GB: formatBytes(h100.memoryBytes, 'GB', 1),
    h100Share: fixed((pairWeights / h100.memoryBytes) * 100, 0),
    /** Raw values for the calculator's first state. */
    calculator: {
      acceptance: 0.7,
      draftTokens: ASSUMED.pairTokens,
      draftCost: Number(pairCost.toFixed(3)),
      plainTpotMs: Number((targetStep.stepTimeS * 1e3).toFixed(2)),
    },
    costTex: String.raw`c = \frac{${x2(draftStep.stepTimeS * 1e3)}\ \text{ms}}{${x2(targetStep.stepTimeS * 1e3)}\ \text{ms}} = ${fixed(pairCost, 3)}`,
  },
  sim: {
    tokens: spec.tokens,
    acceptance: x2(spec.acceptance),
    draftCost: x2(spec.draftCost),
    model: getModel(lowA.scenario.model).name,
    gpu: lowA.setup.gpu,
    lowUsers: int((lowA.scenario.workload.arrival as { concurrency: number }).concurrency),
    highUsers: int((highA.scenario.workload.arrival as { concurrency: number }).concurrency),
    low: {
      tpotA: x2(metric(lowA, 'tpot_p50')),
      tpotB: x2(metric(lowB, 'tpot_p50')),
      tpotCut: fixed((1 - metric(lowB, 'tpot_p50') / metric(lowA, 'tpot_p50')) * 100, 0),
      itlA: x2(metric(lowA, 'itl_p50')),
      itlB: x2(metric(lowB, 'itl_p50')),
      tpsA: int(metric(lowA, 'output_tps')),
      tpsB: int(metric(lowB, 'output_tps')),
      tokensPerStep: x2(lowB.speculative?.tokens_per_step ?? 0),
      acceptance: x2(lowB.speculative?.acceptance_rate ?? 0),
    },
    high: {
      tpsA: int(metric(highA, 'output_tps')),
      tpsB: int(metric(highB, 'output_tps')),
      tpsChange: fixed((metric(highB, 'output_tps') / metric(highA, 'output_tps') - 1) * 100, 0),
      tpotA: x2(metric(highA, 'tpot_p50')),
      tpotB: x2(metric(highB, 'tpot_p50')),
      batchA: fixed(metric(highA, 'mean_batch'), 0),
    },
    expected: x2(expectedSim),
    sweepContext: int(sweepContext),
    firstLossBatch: firstLoss ? int(firstLoss.batch) : 'none shown',
    batch1Speedup: x2(batchRows[0]?.speedup ?? 0),
  },
};

/** The runs and curves behind the chapter's claims, for tests that check direction and size. */
export const runs = { lowA, lowB, highA, highB, errataBreakEven, errataSpeedup, pairCost, batchRows };
