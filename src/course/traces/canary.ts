// A synthetic canary experiment: latencies of a baseline build and of a canary whose common path is faster but
// whose rare slow path (a preemption and recompute, say) is much slower. Illustrative data, not a measurement.
import { z } from 'zod';
import { parseInput } from '../../engine/errors.ts';
import { Random } from '../../engine/random.ts';
import { logNormal } from './random.ts';

/** The synthetic workload's shape: TTFT-like latencies in milliseconds. */
export const CANARY_SHAPE = {
  medianMs: 180,
  sigma: 0.35,
  /** The canary's common path takes this share of the baseline's time. */
  canaryBodyFactor: 0.92,
  /** Median extra time on the canary's slow path. */
  slowExtraMs: 600,
  slowSigma: 0.25,
} as const;

export const CanaryInput = z.object({
  samples: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(20, 'must be at least 20')
    .max(20_000, 'must be at most 20,000'),
  /** Share of canary requests that take the slow path, 0–1. */
  slowShare: z.number({ error: 'must be a number' }).min(0, 'must be at least 0%').max(0.2, 'must be at most 20%'),
  seed: z.number().int().nonnegative(),
});
export type CanaryInput = z.infer<typeof CanaryInput>;

export interface CanarySamples {
  baseline: number[];
  canary: number[];
}

/** Draw both runs; the baseline and canary use independent streams so changing the slow share keeps the baseline. */
export function canarySamples(input: CanaryInput): CanarySamples {
  const i = parseInput(CanaryInput, input, 'canary experiment');
  const s = CANARY_SHAPE;
  const a = new Random(i.seed * 2 + 1);
  const b = new Random(i.seed * 2 + 2);
  const baseline = Array.from({ length: i.samples }, () => logNormal(a, s.medianMs, s.sigma));
  const canary = Array.from({ length: i.samples }, () => {
    // Draw every variate for every request, so moving the slow share changes which requests are slow, not the rest.
    const body = s.canaryBodyFactor * logNormal(b, s.medianMs, s.sigma);
    const stall = logNormal(b, s.slowExtraMs, s.slowSigma);
    return b.next() < i.slowShare ? body + stall : body;
  });
  return { baseline, canary };
}
