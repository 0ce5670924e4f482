// Hidden tests for lab 11: the learner's tail breakdown against one computed with the engine's percentile and mean
// (the definition the simulator's stage breakdown uses: requests at or above the E2E p95, and the share of their time
// in each stage), on traces generated for every run with a known culprit stage.
import { expectClose, expectEqual, fail, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { mean, percentile } from '../../src/engine/metrics.ts';
import type { Random } from '../../src/engine/random.ts';

type Mod = Record<string, unknown>;
const STAGES = ['queue', 'tokenize', 'transfer', 'kernels', 'gaps', 'post'] as const;
type Stage = (typeof STAGES)[number];
type StageTimes = Record<Stage, number>;
type Change = 'configuration' | 'runtime' | 'model';

/** The change each stage points to, as chapter 29 teaches it. */
const CHANGE: Record<Stage, Change> = {
  queue: 'configuration',
  tokenize: 'runtime',
  transfer: 'runtime',
  kernels: 'model',
  gaps: 'runtime',
  post: 'runtime',
};

/** Typical milliseconds per stage for a healthy request. */
const MEDIAN: StageTimes = { queue: 30, tokenize: 18, transfer: 9, kernels: 70, gaps: 16, post: 7 };

function normal(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

interface Trace {
  rows: StageTimes[];
  culprit: Stage;
  label: string;
}

/** A trace where a few percent of requests stall in one stage; with `bursty`, load also stretches queue and kernels. */
function generate(rng: Random, culprit: Stage): StageTimes[] {
  const n = rng.int(400, 3000);
  const stallShare = 0.03 + rng.next() * 0.05;
  const stallMs = (culprit === 'kernels' ? 250 : 200) + rng.next() * 600;
  const bursty = rng.next() < 0.5;
  return Array.from({ length: n }, () => {
    const load = bursty ? Math.exp(0.3 * normal(rng)) : 1;
    const length = Math.exp(0.25 * normal(rng));
    const row = {} as StageTimes;
    for (const s of STAGES) {
      let t = MEDIAN[s] * Math.exp(0.25 * normal(rng));
      if (s === 'queue') t *= load ** 1.5;
      if (s === 'kernels') t *= load ** 0.3 * length;
      if (s === 'tokenize' || s === 'transfer') t *= length;
      if (s === culprit && rng.next() < stallShare) t += stallMs * Math.exp(0.3 * normal(rng));
      row[s] = Math.round(t * 1000) / 1000;
    }
    return row;
  });
}

const e2eOf = (r: StageTimes) => STAGES.reduce((sum, s) => sum + r[s], 0);

/** The reference: engine percentile and mean over per-request rows. */
function reference(rows: readonly StageTimes[]) {
  const e2e = rows.map(e2eOf);
  const p95Ms = percentile(e2e, 95);
  const tail = rows.filter((_, i) => (e2e[i] as number) >= p95Ms);
  const total = tail.reduce((sum, r) => sum + e2eOf(r), 0);
  const shares = Object.fromEntries(STAGES.map((s) => [s, tail.reduce((sum, r) => sum + r[s], 0) / total])) as Record<
    Stage,
    number
  >;
  return { p95Ms, requests: tail.length, meanMs: mean(tail.map(e2eOf)), shares };
}

const top = (shares: Record<Stage, number>): Stage =>
  STAGES.reduce((best, s) => (shares[s] > shares[best] ? s : best), 'queue' as Stage);

/** A trace whose tail is clearly dominated by its culprit (a margin of 5 points over the runner-up). */
function trace(rng: Random): Trace {
  for (;;) {
    const culprit = rng.pick(STAGES);
    const rows = generate(rng, culprit);
    const { shares } = reference(rows);
    const sorted = STAGES.map((s) => shares[s]).sort((a, b) => b - a);
    if (top(shares) === culprit && (sorted[0] as number) - (sorted[1] as number) > 0.05)
      return { rows, culprit, label: `${rows.length} requests` };
  }
}

const copy = (rows: readonly StageTimes[]) => rows.map((r) => ({ ...r }));

export const tests: LabTest<Mod>[] = [
  {
    name: 'endToEnd: the sum of every stage',
    run(mod, { rng }) {
      const f = fn<(r: StageTimes) => number>(mod, 'endToEnd');
      for (const r of generate(rng, rng.pick(STAGES)).slice(0, 100))
        expectClose(f({ ...r }), e2eOf(r), 1e-12, `endToEnd(${JSON.stringify(r)})`);
    },
  },
  {
    name: 'tailBreakdown: the p95 and the requests at or above it',
    run(mod, { rng }) {
      const f = fn<(t: readonly StageTimes[]) => { p95Ms: number; requests: number; meanMs: number }>(
        mod,
        'tailBreakdown',
      );
      for (let n = 0; n < 6; n++) {
        const t = trace(rng);
        const ref = reference(t.rows);
        const got = f(copy(t.rows)) ?? {};
        expectClose(got.p95Ms, ref.p95Ms, 1e-12, `p95Ms (${t.label})`);
        expectEqual(
          got.requests,
          ref.requests,
          `requests in the tail (${t.label}; E2E at or above ${ref.p95Ms.toFixed(1)} ms)`,
        );
        expectClose(got.meanMs, ref.meanMs, 1e-12, `meanMs of the tail (${t.label})`);
      }
    },
  },
  {
    name: 'tailBreakdown: what the slowest requests spent their time on',
    run(mod, { rng }) {
      const f = fn<(t: readonly StageTimes[]) => { shares: Record<Stage, number> }>(mod, 'tailBreakdown');
      for (let n = 0; n < 6; n++) {
        const t = trace(rng);
        const ref = reference(t.rows);
        const shares = f(copy(t.rows))?.shares ?? ({} as Record<Stage, number>);
        const p95s = STAGES.map((s) =>
          percentile(
            t.rows.map((r) => r[s]),
            95,
          ),
        );
        const sumP95 = p95s.reduce((a, b) => a + b, 0);
        const naive = STAGES.every((s, k) => Math.abs((shares[s] ?? Number.NaN) - (p95s[k] as number) / sumP95) < 1e-9);
        const hint = naive
          ? `These are shares of the summed per-stage p95s. The requests behind each stage's p95 are different requests, so the shares describe no real request (the per-stage p95s add up to ${sumP95.toFixed(0)} ms, the E2E p95 is ${ref.p95Ms.toFixed(0)} ms). Take the requests at or above the E2E p95 and split their time.`
          : undefined;
        for (const s of STAGES)
          expectClose(shares[s], ref.shares[s], 1e-9, `share of ${s} in the tail (${t.label})`, hint);
      }
    },
  },
  {
    name: 'pointsTo: configuration, runtime or model, from the stage that dominates the tail',
    run(mod, { rng }) {
      const f = fn<(s: Record<Stage, number>) => Change>(mod, 'pointsTo');
      for (let n = 0; n < 6; n++) {
        const t = trace(rng);
        const { shares } = reference(t.rows);
        expectEqual(
          f({ ...shares }),
          CHANGE[t.culprit],
          `pointsTo (the tail of ${t.label} is ${(shares[t.culprit] * 100).toFixed(0)}% ${t.culprit})`,
        );
      }
      for (let n = 0; n < 200; n++) {
        const raw = STAGES.map(() => rng.next());
        const sum = raw.reduce((a, b) => a + b, 0);
        const shares = Object.fromEntries(STAGES.map((s, k) => [s, (raw[k] as number) / sum])) as Record<Stage, number>;
        const expected = CHANGE[top(shares)];
        const got = f({ ...shares });
        if (got !== expected)
          fail(
            `pointsTo(${STAGES.map((s) => `${s} ${(shares[s] * 100).toFixed(0)}%`).join(', ')}): expected "${expected}" (${top(shares)} dominates), got ${JSON.stringify(got)}.`,
          );
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'shares of the summed per-stage p95s instead of the tail requests’ own time',
  message: /requests behind each stage's p95 are different requests/,
};
