// Hidden tests for lab 7: the learner's chunked-prefill scheduler on fixed-seed bursts of long prompts, graded by
// outcome. Baseline: the simulator's scheduler with whole-prompt prefill (the setting chunked prefill replaces). The
// p99 inter-token latency target is 1.5 × what the simulator's own chunked scheduler achieves on the same scenario.
import { type Comparison, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import {
  allRequests,
  atLeast,
  atMost,
  auditScheduler,
  expectMet,
  expectNoLostRequests,
  FIGURES,
  run,
  type SchedulerLimits,
  schedulerLimits,
} from '../../graders/labs/sim.ts';
import {
  getPreset,
  mergeScenario,
  presetScenarios,
  type ScenarioInput,
  type SimResult,
} from '../../src/engine/sim/index.ts';

type Mod = Record<string, unknown>;

const [wholeBurst, chunkedBurst] = presetScenarios(getPreset('chunked-prefill-burst'));
/** A second burst: more, slightly shorter documents under heavier chat traffic, with a larger step budget. */
const chunkedSecond: ScenarioInput = mergeScenario(chunkedBurst, {
  scheduler: { kind: 'continuous', chunkedPrefill: true, maxNumBatchedTokens: 1024 },
  workload: {
    arrival: { kind: 'poisson', rate: 4 },
    bursts: [{ atS: 40, count: 20, promptTokens: 6000, outputTokens: 32 }],
  },
});
const wholeSecond: ScenarioInput = mergeScenario(chunkedSecond, {
  scheduler: { kind: 'continuous', chunkedPrefill: false, maxNumBatchedTokens: 8192 },
});

const ITL_SLACK = 1.5;

function lostHint(r: SimResult): string {
  return r.results.completed === 0 || r.failures.some((f) => /never served/.test(f.reason))
    ? 'Prompts longer than the step budget can never run whole: run a waiting or running sequence with fewer tokens than it wants (a chunk), and it will ask for the rest next step.'
    : '';
}

const ITL_HINT =
  'While the long prompts prefill, running streams wait for their next token. Give every decoding sequence its token first in each step, and let prompt chunks use only the budget that is left.';

function limitsRow(violations: string[]): Comparison {
  return {
    metric: 'steps over a limit',
    yours: violations.length === 0 ? 'none' : `${violations.length}${violations.length >= 3 ? ' or more' : ''}`,
    baseline: 'none',
    target: 'none',
    ok: violations.length === 0,
  };
}

function burstTest(name: string, whole: ScenarioInput, chunked: ScenarioInput): LabTest<Mod> {
  return {
    name,
    run(mod, { report }) {
      const baseline = run(whole);
      const reference = run(chunked);
      const limits = schedulerLimits(chunked);
      const create = fn<(l: SchedulerLimits) => unknown>(mod, 'createScheduler');
      const audited = auditScheduler(create({ ...limits }), limits);
      const result = run(chunked, { scheduler: audited.scheduler });
      const target = FIGURES.itlP99.get(reference) * ITL_SLACK;
      const rows = [
        allRequests(result, baseline),
        atMost(FIGURES.itlP99, result, baseline, target, `${ITL_SLACK} × the simulator's chunked scheduler`),
        atLeast(FIGURES.goodput, result, baseline, 0.95),
        limitsRow(audited.violations),
      ];
      report(rows);
      expectNoLostRequests(result, lostHint(result));
      expectMet(
        rows,
        rows[1]?.ok === false ? ITL_HINT : audited.violations.length > 0 ? `First: ${audited.violations[0]}.` : '',
      );
    },
  };
}

export const tests: LabTest<Mod>[] = [
  burstTest(
    'Twelve 7,000-token documents land in chat traffic (budget 512): streams keep flowing',
    wholeBurst,
    chunkedBurst,
  ),
  burstTest(
    'Twenty 6,000-token documents under heavier traffic (budget 1,024): streams keep flowing',
    wholeSecond,
    chunkedSecond,
  ),
];

export const mistake: Mistake = {
  what: 'prompt chunks scheduled before the decoding sequences',
  message: /Give every decoding sequence its token first/,
};
