import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/engine/metrics.ts';
import { weightedSummary } from '../../src/engine/sim/weighted-percentile.ts';

describe('weightedSummary', () => {
  it('equals summarize() of the expanded sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 20 })), {
          minLength: 1,
          maxLength: 40,
        }),
        (pairs) => {
          const expanded = pairs.flatMap(([v, c]) => new Array(c).fill(v) as number[]);
          const got = weightedSummary(
            Float64Array.from(pairs.map((p) => p[0])),
            Float64Array.from(pairs.map((p) => p[1])),
          );
          const want = summarize(expanded);
          for (const k of ['p50', 'p95', 'p99', 'mean'] as const) expect(got[k]).toBeCloseTo(want[k], 9);
        },
      ),
    );
  });

  it('is all zeros for an empty sample, like summarize', () => {
    expect(weightedSummary(new Float64Array(), new Float64Array())).toEqual(summarize([]));
  });
});
