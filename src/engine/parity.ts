// Accuracy parity of an optimized model against its baseline: paired bootstrap intervals and a non-inferiority verdict.

import { mean, percentile } from './metrics.ts';
import { Random } from './random.ts';

/** Items of a paired eval, split by which system got each one right. */
export interface PairedCounts {
  n: number;
  /** Right before and after. */
  bothRight: number;
  /** Right before (baseline), wrong after (candidate). */
  lost: number;
  /** Wrong before, right after. */
  gained: number;
}

/**
 * Paired bootstrap of the accuracy difference (candidate − baseline): resample the n items with replacement and take
 * the middle `level` of the differences with the engine's percentile. Seeded, so a page and its tests agree.
 */
export function pairedBootstrap(c: PairedCounts, opts: { replicates?: number; seed?: number; level?: number } = {}) {
  const replicates = opts.replicates ?? 4000;
  const level = opts.level ?? 0.95;
  const rng = new Random(opts.seed ?? 1);
  const pLost = c.lost / c.n;
  const pGained = c.gained / c.n;
  const deltas = new Array<number>(replicates);
  for (let r = 0; r < replicates; r++) {
    let lost = 0;
    let gained = 0;
    for (let k = 0; k < c.n; k++) {
      const u = rng.next();
      if (u < pLost) lost++;
      else if (u < pLost + pGained) gained++;
    }
    deltas[r] = (gained - lost) / c.n;
  }
  const tail = ((1 - level) / 2) * 100;
  return {
    delta: (c.gained - c.lost) / c.n,
    low: percentile(deltas, tail),
    high: percentile(deltas, 100 - tail),
    bootstrapMean: mean(deltas),
  };
}

/** Bootstrap interval of one accuracy, k right out of n (the paired bootstrap against an all-wrong baseline). */
export function accuracyBootstrap(
  n: number,
  k: number,
  opts: { replicates?: number; seed?: number; level?: number } = {},
) {
  const r = pairedBootstrap({ n, bothRight: 0, lost: 0, gained: k }, opts);
  return { accuracy: k / n, low: r.low, high: r.high };
}

/** Non-inferiority verdict: pass when the whole interval sits above −margin, fail when it sits below. */
export function parityVerdict(low: number, high: number, margin: number): 'pass' | 'fail' | 'inconclusive' {
  if (low >= -margin) return 'pass';
  if (high < -margin) return 'fail';
  return 'inconclusive';
}
