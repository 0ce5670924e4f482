import { describe, expect, it } from 'vitest';
import { Random, subSeed } from '../../src/engine/random.ts';

const sample = (n: number, f: () => number) => Array.from({ length: n }, f);
const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const varOf = (xs: number[]) => {
  const m = meanOf(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('Random', () => {
  it('draws exponential, normal and gamma with the right mean and variance', () => {
    const r = new Random(1);
    const e = sample(40_000, () => r.exponential(4));
    expect(meanOf(e)).toBeCloseTo(0.25, 2);
    const z = sample(40_000, () => r.normal());
    expect(meanOf(z)).toBeCloseTo(0, 1);
    expect(varOf(z)).toBeCloseTo(1, 1);
    // Gamma(k, θ): mean kθ, variance kθ². Shapes below and above 1 take different paths.
    for (const [k, theta] of [
      [0.5, 2],
      [3, 0.1],
    ] as const) {
      const g = sample(40_000, () => r.gamma(k, theta));
      expect(Math.abs(meanOf(g) / (k * theta) - 1)).toBeLessThan(0.03);
      expect(Math.abs(varOf(g) / (k * theta * theta) - 1)).toBeLessThan(0.06);
      expect(Math.min(...g)).toBeGreaterThan(0);
    }
  });

  it('derives different, stable sub-seeds per purpose', () => {
    expect(subSeed(1, 'arrivals')).toBe(subSeed(1, 'arrivals'));
    expect(subSeed(1, 'arrivals')).not.toBe(subSeed(1, 'lengths'));
    expect(subSeed(1, 'arrivals')).not.toBe(subSeed(2, 'arrivals'));
  });
});
