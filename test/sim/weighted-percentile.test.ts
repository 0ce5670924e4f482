import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../src/engine/metrics.ts';
import { WeightedSample } from '../../src/engine/sim/weighted-percentile.ts';

describe('WeightedSample', () => {
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
          const sample = new WeightedSample(
            Float64Array.from(pairs.map((x) => x[0])),
            Float64Array.from(pairs.map((x) => x[1])),
          );
          const got = sample.summary();
          const want = summarize(expanded);
          for (const k of ['p50', 'p95', 'p99', 'mean'] as const) expect(got[k]).toBeCloseTo(want[k], 9);
          expect(sample.percentile(p)).toBeCloseTo(percentile(expanded, p), 9);
        },
      ),
    );
  });

  it('is all zeros for an empty sample, like summarize', () => {
    expect(new WeightedSample(new Float64Array(), new Float64Array()).summary()).toEqual(summarize([]));
  });
});
