// Seeded draws for the course's synthetic traces (same seed ⇒ same trace), built on the engine's mulberry32.
import type { Random } from '../../engine/random.ts';

/** A standard normal draw (Box–Muller). */
export function normal(rng: Random): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal draw with the given median and log-space spread: the usual shape of service latencies. */
export function logNormal(rng: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}
