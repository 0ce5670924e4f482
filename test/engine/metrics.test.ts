import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goodput, meetsSlo, percentile, summarize, tpotMs, WeightedSample } from '../../src/engine/index.ts';

describe('percentile (linear interpolation, numpy default)', () => {
  it('matches numpy on hand-worked cases', () => {
    // numpy.percentile([1, 2, 3, 4], 50) == 2.5; ([10, 20, 30, 40, 50], 95) == 48.0; ([5], 99) == 5
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([50, 10, 40, 20, 30], 95)).toBeCloseTo(48, 12);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBeCloseTo(9.91, 12);
  });

  it('differs from nearest-rank where interpolation matters', () => {
    // Nearest rank would give 10 for p95 of 1..10; interpolation gives 9.55.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55, 12);
  });

  it('lies between min and max and is monotone in p (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.nat(100),
        fc.nat(100),
        (xs, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pl = percentile(xs, lo);
          const ph = percentile(xs, hi);
          return pl <= ph + 1e-9 && pl >= Math.min(...xs) - 1e-9 && ph <= Math.max(...xs) + 1e-9;
        },
      ),
    );
  });

  it('rejects empty input and p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('summarize gives p50/p95/p99/mean', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({
      p50: 2.5,
      p95: percentile([1, 2, 3, 4], 95),
      p99: percentile([1, 2, 3, 4], 99),
      mean: 2.5,
    });
  });
});

describe('goodput', () => {
  const reqs = [
    { ttftMs: 100, tpotMs: 20, e2eMs: 2000 },
    { ttftMs: 900, tpotMs: 20, e2eMs: 2800 },
    { ttftMs: 100, tpotMs: 60, e2eMs: 6000 },
    { ttftMs: 100, e2eMs: 100 },
  ];
  it('counts only requests meeting every SLO', () => {
    expect(goodput(reqs, { ttftMs: 500, tpotMs: 50 }, 2)).toBe(1); // first and single-token last: 2 / 2 s
    expect(goodput(reqs, {}, 4)).toBe(1);
    expect(meetsSlo(reqs[1] as (typeof reqs)[number], { ttftMs: 500 })).toBe(false);
  });
  it('TPOT excludes the first token and is undefined for one-token outputs', () => {
    expect(tpotMs(1100, 100, 11)).toBe(100);
    expect(tpotMs(100, 100, 1)).toBeUndefined();
  });
  it('rejects a non-positive duration and invalid SLOs', () => {
    expect(() => goodput(reqs, {}, 0)).toThrow(RangeError);
    expect(() => goodput(reqs, { ttftMs: -1 }, 1)).toThrow(/ttftMs/);
  });
});

describe('WeightedSample (values with repeat counts)', () => {
  const sample = (pairs: [number, number][]) =>
    new WeightedSample(Float64Array.from(pairs.map((x) => x[0])), Float64Array.from(pairs.map((x) => x[1])));

  it('matches numpy on the expanded list, worked by hand', () => {
    // numpy.percentile([10, 10, 10, 10, 50], [50, 95, 99]) == [10, 42, 48.4]; mean 18.
    const s = sample([
      [50, 1],
      [10, 4],
    ]);
    expect(s.percentile(50)).toBe(10);
    expect(s.percentile(95)).toBeCloseTo(42, 12);
    expect(s.percentile(99)).toBeCloseTo(48.4, 12);
    expect(s.mean).toBe(18);
    expect(s.size).toBe(5);
  });

  it('equals summarize() and percentile() of the expanded sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 20 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (pairs, p) => {
          const expanded = pairs.flatMap(([v, c]) => new Array(c).fill(v) as number[]);
          const got = sample(pairs).summary();
          const want = summarize(expanded);
          for (const k of ['p50', 'p95', 'p99', 'mean'] as const) expect(got[k]).toBeCloseTo(want[k], 9);
          expect(sample(pairs).percentile(p)).toBeCloseTo(percentile(expanded, p), 9);
        },
      ),
    );
  });

  it('is all zeros for an empty sample, like summarize', () => {
    expect(sample([]).summary()).toEqual(summarize([]));
  });
});
