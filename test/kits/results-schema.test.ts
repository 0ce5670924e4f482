import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/engine/errors.ts';
import { BenchResult, compareRuns, goodputKnee, ProbeResult, workloadKey } from '../../src/engine/results.ts';
import { benchLine, probeLine } from './lines.ts';

describe('probe-result/v1', () => {
  it('accepts a measured line of each kind and a dry run', () => {
    for (const kind of ['hbm_bandwidth', 'matmul', 'decode_step'] as const) {
      expect(ProbeResult.safeParse(probeLine(kind)).success).toBe(true);
      expect(ProbeResult.safeParse(probeLine(kind, 'planned')).success).toBe(true);
      expect(ProbeResult.safeParse(probeLine(kind, 'skipped')).success).toBe(true);
    }
  });

  it('names the field when an "ok" line lacks its figure', () => {
    const line = { ...probeLine('hbm_bandwidth'), gb_s_median: null };
    expect(() => parseInput(ProbeResult, line, 'probe line')).toThrow(/gb_s_median: a measurement with status "ok"/);
  });

  it('refuses a dry run that claims a measurement, and a skip without a reason', () => {
    expect(() => parseInput(ProbeResult, { ...probeLine('matmul'), dry_run: true }, 'probe line')).toThrow(
      /status: a dry run only plans/,
    );
    expect(() => parseInput(ProbeResult, { ...probeLine('matmul', 'skipped'), reason: null }, 'probe line')).toThrow(
      /reason/,
    );
  });

  it('refuses an unknown kind, naming the field', () => {
    expect(() => parseInput(ProbeResult, { ...probeLine('matmul'), kind: 'flops' }, 'probe line')).toThrow(/kind/);
  });
});

describe('bench-result/v1 additions', () => {
  it('keeps failures, token counts and parity answers', () => {
    const line = {
      ...benchLine(),
      failures: { http: 1, timeout: 0, stream: 2, other: 0, examples: ['HTTP 500'] },
      tokens: { prompt_mean: 511.5, output_mean: 128, prompt_total: 51150, output_total: 12800 },
      parity: { eval: 'goodput-parity-v1', n: 2, accuracy: 0.5, agreement: null, answers: ['4', null] },
    };
    expect(parseInput(BenchResult, line, 'line')).toEqual(line);
  });
});

describe('compareRuns (the ±5% reproducibility check)', () => {
  it('is within exactly when every metric moved by at most the tolerance (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1.5, noNaN: true }).filter((f) => Math.abs(Math.abs(f - 1) - 0.05) > 1e-9),
        fc.integer({ min: 1, max: 256 }),
        (f, c) => {
          const cmp = compareRuns([benchLine({ concurrency: c })], [benchLine({ concurrency: c, scale: f })]);
          expect(cmp.levels).toHaveLength(1);
          for (const d of cmp.levels[0]?.diffs ?? []) expect(d.relative).toBeCloseTo(f - 1, 9);
          return cmp.within === Math.abs(f - 1) <= 0.05;
        },
      ),
    );
  });

  it('matches lines by workload, uses the latest line per workload and skips incomplete ones', () => {
    const a = [benchLine({ concurrency: 1 }), benchLine({ concurrency: 4, scale: 2 }), benchLine({ concurrency: 4 })];
    const b = [
      benchLine({ concurrency: 4 }),
      benchLine({ concurrency: 16 }),
      benchLine({ concurrency: 4, scale: 3, incomplete: true }),
    ];
    const cmp = compareRuns(a, b);
    expect(cmp.levels.map((l) => l.a.workload.concurrency)).toEqual([4]);
    expect(cmp.within).toBe(true);
    expect(cmp.onlyInA.map((l) => l.workload.concurrency)).toEqual([1]);
    expect(cmp.onlyInB.map((l) => l.workload.concurrency)).toEqual([16]);
    expect(cmp.skippedIncomplete).toBe(1);
  });

  it('is not within when nothing matched, and treats 0 → nonzero as an infinite change', () => {
    expect(compareRuns([benchLine({ concurrency: 1 })], [benchLine({ concurrency: 2 })]).within).toBe(false);
    const zero = benchLine();
    zero.results.goodput_req_s = 0;
    const cmp = compareRuns([zero], [benchLine()]);
    const g = cmp.levels[0]?.diffs.find((d) => d.id === 'goodput_req_s');
    expect(g?.relative).toBe(Number.POSITIVE_INFINITY);
    expect(g?.within).toBe(false);
  });

  it('keys differ when the load or lengths differ', () => {
    const a = benchLine();
    const b = benchLine();
    b.workload.output_tokens = 256;
    expect(workloadKey(a)).not.toBe(workloadKey(b));
  });
});

describe('goodputKnee', () => {
  it('picks the highest goodput, lowest load on ties, ignoring zero-goodput levels (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 512 }), { minLength: 0, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 12, maxLength: 12 }),
        (xs, gs) => {
          const points = xs.map((x, i) => ({ x, goodput: gs[i] ?? 0 }));
          const reference = [...points]
            .filter((p) => p.goodput > 0)
            .sort((p, q) => q.goodput - p.goodput || p.x - q.x)[0];
          return goodputKnee(points) === reference;
        },
      ),
    );
  });
});
