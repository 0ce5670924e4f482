// The engine's seeded generator against mulberry32 written independently with BigInt arithmetic, and the question
// bank's streams against it: certificates regenerate questions from seeds, so a seed must keep giving the same
// numbers, picks and questions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../graders/questions/bank.ts';
import { Random } from '../../src/engine/random.ts';

const M32 = (1n << 32n) - 1n;
/** mulberry32 (Tommy Ettinger's public-domain generator) in unbounded integers, masked to 32 bits by hand. */
function referenceStream(seed: number) {
  let state = BigInt(seed >>> 0);
  const next = () => {
    state = (state + 0x6d2b79f5n) & M32;
    let t = state;
    t = ((t ^ (t >> 15n)) * (t | 1n)) & M32;
    t = t ^ ((t + (((t ^ (t >> 7n)) * (t | 61n)) & M32)) & M32);
    return Number((t ^ (t >> 14n)) & M32) / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('Random is mulberry32', () => {
  it('next() equals the BigInt reference for any seed (property, 40 draws each)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const a = new Random(seed);
        const b = referenceStream(seed);
        for (let k = 0; k < 40; k++) expect(a.next()).toBe(b.next());
      }),
      { numRuns: 500 },
    );
  });

  it('int() and pick() draw as the reference does', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    fc.assert(
      fc.property(seeds, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 1000 }), (seed, lo, span) => {
        const a = new Random(seed);
        const b = referenceStream(seed);
        for (let k = 0; k < 10; k++) {
          expect(a.int(lo, lo + span)).toBe(b.int(lo, lo + span));
          expect(a.pick(items)).toBe(b.pick(items));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pick() from an empty list is an error, not undefined', () => {
    expect(() => new Random(1).pick([])).toThrow(/empty/);
  });
});

describe('the question bank draws from the engine generator', () => {
  it('every template draws the same parameters from the engine generator as from the reference (300 seeds each)', () => {
    for (const t of TEMPLATES)
      for (let s = 0; s < 300; s++) {
        const seed = s * 7919 + 11;
        expect(t.generate(new Random(seed) as never), `${t.id} seed ${seed}`).toEqual(
          t.generate(referenceStream(seed) as never),
        );
      }
  });
});
