// Every figure the "diagnostic flow" chapter prints, computed by the engine at build time.
import { canaryView } from '../../components/canary/canary-view.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { percentile } from '../../engine/metrics.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';
import { CANARY_SHAPE, canarySamples } from '../traces/canary.ts';
import { SCENARIO as CASES } from './diagnosing.ts';

/** Claims the chapter corrects, quoted from source 004 (ch. 5.3 and the epilogue). */
export const QUOTED = { averageIsP50: 'the average (p50)', p95Rank: 'the 95th slowest user' } as const;

/** The observation the walkthrough starts from: the previous chapter's slow decode, against a target. */
export const SCENARIO = { targetTpotMs: 30, canarySamples: 1000, canarySlowShare: 0.02, drawsForNoise: 20 } as const;

const qwen = getModel('qwen3-8b');
const l40s = getGpu('l40s');
const step = decodeStep(qwen, l40s, { weightPrecision: 'bf16', batch: 1, context: CASES.slowDecode.context });

// How many samples sit beyond the 99th percentile, and where linear interpolation reads it.
/** Benchmark sizes the chapter compares. */
const SIZES = { small: 50, mid: 200, large: 1000, noiseLarge: 5000 } as const;
const tail = (n: number) => (1 - 0.99) * n;
// 1-based position of the 99th percentile among n sorted samples (numpy's linear method).
const rank = (n: number) => 1 + 0.99 * (n - 1);

// The canary walkthrough at the component's defaults.
const canary = canaryView(
  canarySamples({ samples: SCENARIO.canarySamples, slowShare: SCENARIO.canarySlowShare, seed: 1 }),
);
const row = (stat: string) => canary.rows.find((r) => r.stat === stat);

// Noise of p99 itself: the same baseline drawn again and again, at a small and a large sample size.
function p99Range(n: number) {
  const values = Array.from({ length: SCENARIO.drawsForNoise }, (_, i) =>
    percentile(canarySamples({ samples: n, slowShare: 0, seed: 100 + i }).baseline, 99),
  );
  return { lo: fixed(Math.min(...values), 0), hi: fixed(Math.max(...values), 0) };
}
const small = p99Range(SIZES.small);
const large = p99Range(SIZES.noiseLarge);

export const diagnosticFlow = {
  model: qwen.name,
  gpu: l40s.name,
  measuredMs: CASES.slowDecode.measuredTpotMs,
  targetMs: SCENARIO.targetTpotMs,
  predictedMs: fixed(step.stepTimeS * 1e3, 1),
  intensity: fixed(step.arithmeticIntensity, 1),
  ridge: fixed(step.ridgePoint, 0),
  regime: step.regime,
  afterMs: CASES.slowDecode.afterFixTpotMs,
  nSmall: int(SIZES.small),
  nMid: int(SIZES.mid),
  nLarge: int(SIZES.large),
  tailSmall: fixed(tail(SIZES.small), 1),
  tailMid: fixed(tail(SIZES.mid), 0),
  tailLarge: fixed(tail(SIZES.large), 0),
  rankLo: Math.floor(rank(SIZES.mid)),
  rankHi: Math.ceil(rank(SIZES.mid)),
  rankTex: String.raw`h = 1 + \frac{p}{100}\,(n-1) = 1 + 0.99 \times (${SIZES.mid} - 1) = ${fixed(rank(SIZES.mid), 2)} \;\Rightarrow\; p_{99} = x_{(${Math.floor(rank(SIZES.mid))})} + ${fixed(rank(SIZES.mid) - Math.floor(rank(SIZES.mid)), 2)}\,\bigl(x_{(${Math.ceil(rank(SIZES.mid))})} - x_{(${Math.floor(rank(SIZES.mid))})}\bigr)`,
  canarySamples: int(SCENARIO.canarySamples),
  canarySlowPct: fixed(SCENARIO.canarySlowShare * 100, 0),
  canaryBodyPct: fixed((1 - CANARY_SHAPE.canaryBodyFactor) * 100, 0),
  canaryMeanChange: row('mean')?.change ?? '',
  canaryP50Change: row('p50')?.change ?? '',
  canaryP99Change: row('p99')?.change ?? '',
  canaryP99Base: row('p99')?.baselineMs ?? '',
  canaryP99Canary: row('p99')?.canaryMs ?? '',
  draws: SCENARIO.drawsForNoise,
  noiseLarge: int(SIZES.noiseLarge),
  p99SmallLo: small.lo,
  p99SmallHi: small.hi,
  p99LargeLo: large.lo,
  p99LargeHi: large.hi,
};
