// Seeded random streams for anything that must replay exactly: same seed, same numbers, on every machine.

/** A seeded stream of pseudo-random numbers (mulberry32) with the distributions the simulator draws from. */
export class Random {
  #state: number;
  #spareNormal = Number.NaN;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  #open(): number {
    return 1 - this.next();
  }

  /** Whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One item of a list, each equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponential with the given rate (mean 1 / rate): gaps between Poisson arrivals. */
  exponential(rate: number): number {
    return -Math.log(this.#open()) / rate;
  }

  /** Standard normal by the Box–Muller transform; the second value of each pair is kept for the next call. */
  normal(): number {
    if (!Number.isNaN(this.#spareNormal)) {
      const z = this.#spareNormal;
      this.#spareNormal = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.#open()));
    const theta = 2 * Math.PI * this.next();
    this.#spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Log-normal: exp(mu + sigma · Z). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /**
   * Gamma with shape k and scale θ (mean kθ), by Marsaglia and Tsang's method (ACM TOMS 26(3), 2000);
   * shapes below 1 use the boost Gamma(k) = Gamma(k + 1) · U^(1/k).
   */
  gamma(shape: number, scale: number): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * this.#open() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.#open();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }
}

/** Derive an independent seed for a named purpose, so one scenario seed feeds several streams that never interfere. */
export function subSeed(seed: number, purpose: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
