// Hidden tests for lab 6: the learner's scheduler runs fixed-seed scenarios in the simulator and is graded by what
// happens to the requests, beside a baseline: static batching for the first, the simulator's own vLLM-style
// continuous batching for the others.
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

/** What to fix, judged from how the run ended. */
function lostHint(r: SimResult): string {
  if (r.results.completed === 0 && r.preemptions === 0)
    return 'Your scheduler never ran anything: admit waiting sequences with ctx.run(seq, tokens), starting from ctx.waiting.at(0).';
  return 'When ctx.run returns false the KV pool is full: preempt the newest running sequence (ctx.preempt) so the others can go on, and try again.';
}

/** The learner's scheduler on `scenario`, audited against its limits. */
function yours(mod: Mod, scenario: ScenarioInput, limits = schedulerLimits(scenario)) {
  const create = fn<(l: SchedulerLimits) => unknown>(mod, 'createScheduler');
  const audited = auditScheduler(create({ ...limits }), limits);
  const result = run(scenario, { scheduler: audited.scheduler });
  return { result, violations: audited.violations };
}

const [staticChat, continuousChat] = presetScenarios(getPreset('static-vs-continuous'));
const squeezed = presetScenarios(getPreset('preemption-kv-pressure'))[1];
const tight: ScenarioInput = mergeScenario(continuousChat, {
  scheduler: { kind: 'continuous', maxNumSeqs: 8, maxNumBatchedTokens: 8192 },
  workload: { arrival: { kind: 'poisson', rate: 5 } },
});

/** A row for the limit checks: none of the audited steps may break them. */
function limitsRow(violations: string[]): Comparison {
  return {
    metric: 'steps over a limit',
    yours: violations.length === 0 ? 'none' : `${violations.length}${violations.length >= 3 ? ' or more' : ''}`,
    baseline: 'none',
    target: 'none',
    ok: violations.length === 0,
  };
}

const firstViolation = (v: string[]) => (v.length > 0 ? `First: ${v[0]}.` : '');

export const tests: LabTest<Mod>[] = [
  {
    name: 'Chat traffic: beats static batching on goodput and median latency, loses nothing',
    run(mod, { report }) {
      const baseline = run(staticChat);
      const { result, violations } = yours(mod, continuousChat);
      const rows = [
        allRequests(result, baseline),
        atLeast(FIGURES.goodput, result, baseline),
        atMost(FIGURES.e2eP50, result, baseline, FIGURES.e2eP50.get(baseline), 'static batching'),
        limitsRow(violations),
      ];
      report(rows);
      expectNoLostRequests(result, lostHint(result));
      expectMet(rows, firstViolation(violations));
    },
  },
  {
    name: 'A squeezed KV pool: preempts instead of stalling, keeps 90% of the baseline’s goodput',
    run(mod, { report }) {
      const baseline = run(squeezed);
      const { result, violations } = yours(mod, squeezed);
      const rows = [
        allRequests(result, baseline),
        atLeast(FIGURES.goodput, result, baseline, 0.9),
        { ...atLeast(FIGURES.preemptions, result, baseline), target: 'as needed', ok: true },
        limitsRow(violations),
      ];
      report(rows);
      expectNoLostRequests(result, lostHint(result));
      expectMet(rows, firstViolation(violations));
    },
  },
  {
    name: 'Limits: never more than max_num_seqs running or max_num_batched_tokens in a step',
    run(mod, { report }) {
      const baseline = run(tight);
      const { result, violations } = yours(mod, tight);
      const rows = [
        allRequests(result, baseline),
        atLeast(FIGURES.goodput, result, baseline, 0.9),
        limitsRow(violations),
      ];
      report(rows);
      expectNoLostRequests(result, lostHint(result));
      expectMet(rows, firstViolation(violations));
    },
  },
];

export const mistake: Mistake = {
  what: 'no preemption when the KV pool runs out',
  message: /preempt the newest running sequence/,
};
