// Hidden tests for lab 4: percentiles, TPOT and goodput against the engine's metrics (numpy-style interpolation,
// vLLM bench-serve definitions) on traces generated afresh for every run.
import { expectClose, expectEqual, fail, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { goodput, percentile, type Slo, summarize, tpotMs } from '../../src/engine/metrics.ts';
import type { Random } from '../../src/engine/random.ts';

type Mod = Record<string, unknown>;
interface RequestRecord {
  ttftMs: number;
  e2eMs: number;
  outputTokens: number;
}

/** Long-tailed latencies, with ties, as real traces have. */
function latencies(rng: Random, n: number): number[] {
  const median = 20 + rng.next() * 500;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const v = median * Math.exp(0.6 * z);
    out.push(rng.next() < 0.1 && out.length > 0 ? rng.pick(out) : Math.round(v * 1000) / 1000);
  }
  return out;
}

function trace(rng: Random, n: number): RequestRecord[] {
  return Array.from({ length: n }, () => {
    const ttftMs = 20 + rng.next() * 2000;
    const outputTokens = rng.next() < 0.08 ? 1 : rng.int(2, 1000);
    const perToken = 5 + rng.next() * 80;
    return { ttftMs, outputTokens, e2eMs: ttftMs + perToken * (outputTokens - 1) + rng.next() * 50 };
  });
}

function slo(rng: Random): Slo {
  const s: Slo = {};
  if (rng.next() < 0.8) s.ttftMs = rng.pick([200, 500, 1000, 1500]);
  if (rng.next() < 0.8) s.tpotMs = rng.pick([15, 30, 50, 80]);
  if (rng.next() < 0.4) s.e2eMs = rng.pick([5000, 20_000, 60_000]);
  return s;
}

/** The nearest-rank percentile: the most common alternative definition, and a frequent source of disagreement. */
function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

function percentileHint(got: unknown, values: number[], p: number): string | undefined {
  if (typeof got !== 'number') return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  if (got === nearestRank(sorted, p) && got !== percentile(values, p))
    return `${got} is one of the samples: the nearest-rank method. Interpolate between the order statistics either side of rank = p/100 × (n − 1), as numpy and vLLM's benchmark do.`;
  const unsorted = values[Math.round((p / 100) * (values.length - 1))];
  if (got === unsorted) return 'That value was picked from the trace in arrival order: sort (a copy) first.';
  return undefined;
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'percentile: linear interpolation between order statistics',
    run(mod, { rng }) {
      const f = fn<(v: readonly number[], p: number) => number>(mod, 'percentile');
      for (let n = 0; n < 300; n++) {
        const values = latencies(rng, rng.pick([1, 2, 3, rng.int(4, 30), rng.int(30, 400)]));
        const p = rng.pick([0, 50, 90, 95, 99, 99.9, 100, Math.round(rng.next() * 10000) / 100]);
        const got = f([...values], p);
        expectClose(
          got,
          percentile(values, p),
          1e-12,
          `percentile(${values.length} values, p${p})`,
          percentileHint(got, values, p),
        );
      }
    },
  },
  {
    name: "percentile: leaves the caller's array as it was",
    run(mod, { rng }) {
      const f = fn<(v: readonly number[], p: number) => number>(mod, 'percentile');
      for (let n = 0; n < 20; n++) {
        const values = latencies(rng, rng.int(5, 50));
        const copy = [...values];
        f(values, 95);
        if (values.some((v, i) => v !== copy[i]))
          fail(
            'percentile reordered the array it was given. The caller still needs its trace in arrival order: sort a copy ([...values].sort((a, b) => a - b)).',
          );
      }
    },
  },
  {
    name: 'summarize: p50, p95, p99 and the mean',
    run(mod, { rng }) {
      const f = fn<(v: readonly number[]) => Record<string, number>>(mod, 'summarize');
      for (let n = 0; n < 100; n++) {
        const values = latencies(rng, rng.int(1, 300));
        const got = f([...values]) ?? {};
        const ref = summarize(values);
        for (const key of ['p50', 'p95', 'p99', 'mean'] as const) {
          const p = key === 'mean' ? undefined : Number(key.slice(1));
          const hint = p === undefined ? undefined : percentileHint(got[key], values, p);
          expectClose(got[key], ref[key], 1e-12, `summarize(${values.length} values).${key}`, hint);
        }
      }
    },
  },
  {
    name: 'tpotMs: (E2E − TTFT) / (output tokens − 1), none for one token',
    run(mod, { rng }) {
      const f = fn<(r: RequestRecord) => number | undefined>(mod, 'tpotMs');
      for (const r of trace(rng, 300)) {
        const got = f({ ...r });
        const ref = tpotMs(r.e2eMs, r.ttftMs, r.outputTokens);
        const what = `tpotMs(TTFT ${r.ttftMs.toFixed(1)} ms, E2E ${r.e2eMs.toFixed(1)} ms, ${r.outputTokens} tokens)`;
        if (ref === undefined) {
          expectEqual(got, undefined, what, 'A one-token reply has no time between tokens: return undefined.');
          continue;
        }
        const hint =
          typeof got === 'number' && Math.abs(got - (r.e2eMs - r.ttftMs) / r.outputTokens) < 1e-9
            ? 'The first token is in TTFT already: divide by the tokens after it (output tokens − 1).'
            : typeof got === 'number' && Math.abs(got - r.e2eMs / r.outputTokens) < 1e-9
              ? 'That spreads the whole E2E over the tokens; TPOT leaves out the wait for the first token.'
              : undefined;
        expectClose(got, ref, 1e-12, what, hint);
      }
    },
  },
  {
    name: 'goodput: requests per second that met every SLO',
    run(mod, { rng }) {
      const f = fn<(t: readonly RequestRecord[], s: Slo, d: number) => number>(mod, 'goodput');
      for (let n = 0; n < 150; n++) {
        const t = trace(rng, rng.int(1, 400));
        const s = slo(rng);
        const duration = 1 + rng.next() * 600;
        const timings = t.map((r) => ({
          ttftMs: r.ttftMs,
          e2eMs: r.e2eMs,
          tpotMs: tpotMs(r.e2eMs, r.ttftMs, r.outputTokens),
        }));
        const expected = goodput(timings, s, duration);
        const got = f(
          t.map((r) => ({ ...r })),
          { ...s },
          duration,
        );
        const met = Math.round(expected * duration);
        const hint =
          typeof got === 'number' && Math.abs(got - met) < 1e-9 && duration !== 1
            ? 'That is a count of requests; goodput is a rate: divide by the duration in seconds.'
            : typeof got === 'number' && Math.abs(got - met / t.length) < 1e-9
              ? 'That is the share of requests that met the SLOs; goodput is requests per second.'
              : undefined;
        expectClose(
          got,
          expected,
          1e-12,
          `goodput(${t.length} requests, SLO ${JSON.stringify(s)}, ${duration.toFixed(1)} s)`,
          hint,
        );
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'nearest-rank instead of interpolated percentile',
  message: /nearest-rank method/,
};
