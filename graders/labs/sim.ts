// Grading by outcome: run the learner's policy in the simulator on a fixed-seed scenario, beside a baseline, and
// judge what happened to the requests. Shared by the simulator labs (6–8).
import {
  type KvAllocatorFactory,
  prepare,
  type ScenarioInput,
  type Scheduler,
  SchedulerError,
  type SimPlugins,
  type SimResult,
  simulate,
} from '../../src/engine/sim/index.ts';
import { type Comparison, fail, LearnerError, learnerCall } from './harness.ts';

/** The limits a scenario gives its scheduler (what vLLM calls max_num_seqs and max_num_batched_tokens). */
export interface SchedulerLimits {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
}

export function schedulerLimits(scenario: ScenarioInput): SchedulerLimits {
  const s = prepare(scenario).scenario.scheduler;
  if (s.kind !== 'continuous') throw new Error('scheduler labs need a continuous-batching scenario');
  return { maxNumSeqs: s.maxNumSeqs, maxNumBatchedTokens: s.maxNumBatchedTokens };
}

/** Run a scenario; a rule the learner's policy broke becomes a failure that names the rule. */
export function run(scenario: ScenarioInput, plugins: SimPlugins = {}): SimResult {
  try {
    return simulate(scenario, plugins);
  } catch (e) {
    if (e instanceof LearnerError && e.original instanceof SchedulerError)
      fail(`The simulator stopped your policy: ${e.original.message}.`);
    if (e instanceof SchedulerError) fail(`The simulator stopped your policy: ${e.message}.`);
    throw e;
  }
}

export interface AuditedScheduler {
  scheduler: Scheduler;
  /** The first steps that broke the limits, in words. */
  violations: string[];
}

/** Wrap a learner's scheduler: errors it throws are the learner's, and every step is checked against the limits. */
export function auditScheduler(learner: unknown, limits: SchedulerLimits): AuditedScheduler {
  const s = learner as Partial<Scheduler> | null;
  if (!s || typeof s.schedule !== 'function')
    fail(`createScheduler must return an object with a schedule(ctx) method (got ${typeof learner}).`);
  const violations: string[] = [];
  let step = 0;
  const schedule = s.schedule.bind(s);
  return {
    violations,
    scheduler: {
      name: typeof s.name === 'string' ? s.name : 'yours',
      schedule(ctx) {
        step++;
        learnerCall(() => schedule(ctx));
        if (violations.length >= 3) return;
        if (ctx.scheduledTokens > limits.maxNumBatchedTokens)
          violations.push(
            `step ${step} scheduled ${ctx.scheduledTokens} tokens; the budget is ${limits.maxNumBatchedTokens}`,
          );
        if (ctx.running.length > limits.maxNumSeqs)
          violations.push(`step ${step} left ${ctx.running.length} sequences running; the cap is ${limits.maxNumSeqs}`);
      },
    },
  };
}

/** The learner's allocator factory, with what it throws marked as the learner's. */
export function learnerAllocatorFactory(create: (o: unknown) => unknown): KvAllocatorFactory {
  return (options) => learnerCall(() => create(options)) as ReturnType<KvAllocatorFactory>;
}

const total = (r: SimResult) => r.results.completed + r.results.failed;

/** Every request must finish: the failure names how many did not and why the first one failed. */
export function expectNoLostRequests(r: SimResult, hint = ''): void {
  if (r.results.failed === 0) return;
  const first = r.failures[0];
  fail(
    `${r.results.failed} of ${total(r)} requests never finished${first ? ` (request ${first.id}: ${first.reason})` : ''}.${hint ? ` ${hint}` : ''}`,
  );
}

const fmt = (x: number, digits = 3) => Number(x.toPrecision(digits)).toLocaleString('en-US');

export interface Figure {
  metric: string;
  unit: string;
  get(r: SimResult): number;
}

export const FIGURES = {
  completed: { metric: 'requests completed', unit: '', get: (r: SimResult) => r.results.completed },
  goodput: { metric: 'goodput', unit: 'req/s', get: (r: SimResult) => r.results.goodput_req_s },
  itlP99: { metric: 'p99 inter-token latency', unit: 'ms', get: (r: SimResult) => r.results.itl_ms.p99 },
  ttftP50: { metric: 'median time to first token', unit: 'ms', get: (r: SimResult) => r.results.ttft_ms.p50 },
  e2eP50: { metric: 'median end-to-end latency', unit: 'ms', get: (r: SimResult) => r.results.e2e_ms.p50 },
  preemptions: { metric: 'preemptions', unit: '', get: (r: SimResult) => r.preemptions },
  prefixHit: {
    metric: 'prefix-cache hit rate',
    unit: '',
    get: (r: SimResult) => r.prefix_cache_hit_rate ?? 0,
  },
  peakBatch: { metric: 'peak running batch', unit: 'seqs', get: (r: SimResult) => r.batch.peak_seqs },
} satisfies Record<string, Figure>;

/** One row of the table shown beside the verdict. */
export function row(
  f: Figure,
  yours: SimResult,
  baseline: SimResult,
  target: { text: string; ok: boolean },
): Comparison {
  const v = (r: SimResult) => `${fmt(f.get(r))}${f.unit ? ` ${f.unit}` : ''}`;
  return { metric: f.metric, yours: v(yours), baseline: v(baseline), target: target.text, ok: target.ok };
}

/** `yours` must be at least `share` of the baseline's figure (higher is better). */
export function atLeast(f: Figure, yours: SimResult, baseline: SimResult, share = 1): Comparison {
  const need = f.get(baseline) * share;
  const text = share === 1 ? '≥ baseline' : `≥ ${Math.round(share * 100)}% of baseline (${fmt(need)})`;
  return row(f, yours, baseline, { text, ok: f.get(yours) >= need });
}

/** `yours` must be at most `limit` (lower is better). */
export function atMost(f: Figure, yours: SimResult, baseline: SimResult, limit: number, label: string): Comparison {
  return row(f, yours, baseline, {
    text: `≤ ${fmt(limit)}${f.unit ? ` ${f.unit}` : ''} (${label})`,
    ok: f.get(yours) <= limit,
  });
}

export function allRequests(yours: SimResult, baseline: SimResult): Comparison {
  return row(FIGURES.completed, yours, baseline, { text: `all ${total(yours)}`, ok: yours.results.failed === 0 });
}

/** Fail with the rows that missed, after the table has been reported. */
export function expectMet(rows: Comparison[], hint = ''): void {
  const missed = rows.filter((r) => !r.ok);
  if (missed.length === 0) return;
  fail(
    `${missed.map((r) => `${r.metric}: yours ${r.yours}, needed ${r.target}`).join('; ')}.${hint ? ` ${hint}` : ''}`,
  );
}
