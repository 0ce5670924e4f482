// A synthetic serving-path trace: per request, the time spent in each stage from arrival to the last byte.
// Load comes in bursts, and a burst lengthens both the queue and the kernels (bigger batches), so the stages of
// one request are correlated — the reason per-stage p95s do not add up to the end-to-end p95.
// Illustrative data, shaped like a dynamic-batching service under production concurrency; not a measurement.
import { z } from 'zod';
import { parseInput } from '../../engine/errors.ts';
import { Random } from '../../engine/random.ts';
import { logNormal, normal } from './random.ts';

export const STAGES = ['queue', 'tokenize', 'transfer', 'kernels', 'gaps', 'post'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABEL: Record<Stage, string> = {
  queue: 'Pre-batch queue',
  tokenize: 'Tokenize (CPU)',
  transfer: 'Host → device copy',
  kernels: 'GPU kernels',
  gaps: 'Gaps between kernels',
  post: 'Detokenize and send',
};

interface StageShape {
  /** Median milliseconds before load and length scale it. */
  medianMs: number;
  /** Log-space noise of the stage itself. */
  sigma: number;
  /** How strongly the stage follows the burst load the request arrives into (0: not at all). */
  loadExponent: number;
  /** How strongly it follows the request's prompt length. */
  lengthExponent: number;
  /** Share of requests that hit a rare stall in this stage (a preemption, a pause), and its median length. */
  stallShare: number;
  stallMs: number;
}

export interface TraceShape {
  label: string;
  loadSigma: number;
  lengthSigma: number;
  stages: Record<Stage, StageShape>;
}

const stage = (medianMs: number, sigma: number, more: Partial<StageShape> = {}): StageShape => ({
  medianMs,
  sigma,
  loadExponent: 0,
  lengthExponent: 0,
  stallShare: 0,
  stallMs: 0,
  ...more,
});

/**
 * Two service shapes. "bursty": load bursts lengthen the queue and, through bigger batches, the kernels, so the
 * stages of one request move together. "stalls": a calm service where a few percent of requests hit a rare stall,
 * each in a different stage (a preemption in the kernels, a pause in the gaps, a burst in the queue).
 */
export const TRACE_SHAPES = {
  bursty: {
    label: 'Bursty load: stages move together',
    loadSigma: 0.5,
    lengthSigma: 0.45,
    stages: {
      queue: stage(40, 0.4, { loadExponent: 2.2 }),
      tokenize: stage(18, 0.15, { lengthExponent: 1 }),
      transfer: stage(9, 0.15, { lengthExponent: 1 }),
      kernels: stage(70, 0.1, { loadExponent: 0.4, lengthExponent: 1 }),
      gaps: stage(16, 0.3, { loadExponent: 0.3 }),
      post: stage(7, 0.3),
    },
  },
  stalls: {
    label: 'Calm service, rare stalls in different stages',
    loadSigma: 0,
    lengthSigma: 0.2,
    stages: {
      queue: stage(30, 0.3, { stallShare: 0.035, stallMs: 300 }),
      tokenize: stage(18, 0.15, { lengthExponent: 1 }),
      transfer: stage(9, 0.15, { lengthExponent: 1 }),
      kernels: stage(70, 0.1, { lengthExponent: 1, stallShare: 0.035, stallMs: 250 }),
      gaps: stage(16, 0.3, { stallShare: 0.03, stallMs: 150 }),
      post: stage(7, 0.3),
    },
  },
} as const satisfies Record<string, TraceShape>;
export type TraceShapeId = keyof typeof TRACE_SHAPES;

export const TraceInput = z.object({
  shape: z.enum(['bursty', 'stalls'], { error: 'must be bursty or stalls' }),
  requests: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(50_000, 'must be at most 50,000'),
  seed: z.number().int().nonnegative(),
});
export type TraceInput = z.infer<typeof TraceInput>;

export type StageTimes = Record<Stage, number>;

/** One row per request: milliseconds per stage. */
export function servingTrace(input: TraceInput): StageTimes[] {
  const i = parseInput(TraceInput, input, 'serving trace');
  const shape: TraceShape = TRACE_SHAPES[i.shape];
  const rng = new Random(i.seed);
  return Array.from({ length: i.requests }, () => {
    const load = Math.exp(shape.loadSigma * normal(rng));
    const length = Math.exp(shape.lengthSigma * normal(rng));
    const row = {} as StageTimes;
    for (const name of STAGES) {
      const s = shape.stages[name];
      // Every variate is drawn for every request, so the same seed gives the same requests in both shapes' logic.
      const base = logNormal(rng, s.medianMs, s.sigma) * load ** s.loadExponent * length ** s.lengthExponent;
      const stall = logNormal(rng, s.stallMs || 1, 0.3);
      row[name] = base + (rng.next() < s.stallShare ? stall : 0);
    }
    return row;
  });
}

export const Change = z.object({
  /** Kernels run this many times faster (a runtime or model change). */
  kernelSpeedup: z.number({ error: 'must be a number' }).min(1, 'must be at least 1×').max(10, 'must be at most 10×'),
  /** The queue shrinks to this share of itself (a shorter batching window: a configuration change). */
  queueFactor: z.number({ error: 'must be a number' }).min(0.05, 'must be at least 5%').max(1, 'must be at most 100%'),
});
export type Change = z.infer<typeof Change>;

/** The same requests after a change: each stage scaled, nothing else redrawn — a counterfactual re-measurement. */
export function applyChange(trace: readonly StageTimes[], change: Change): StageTimes[] {
  const c = parseInput(Change, change, 'change');
  return trace.map((r) => ({ ...r, kernels: r.kernels / c.kernelSpeedup, queue: r.queue * c.queueFactor }));
}

export function endToEnd(r: StageTimes): number {
  let t = 0;
  for (const s of STAGES) t += r[s];
  return t;
}
