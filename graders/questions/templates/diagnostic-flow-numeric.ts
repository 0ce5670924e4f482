// Numeric self-check for "The diagnostic flow": an interpolated percentile, benchmark size for a tail statistic,
// and goodput from a small trace. (The ordering and which-step questions live in diagnostic-flow.ts.)
import { goodput, percentile, type RequestTiming, tpotMs } from '../../../src/engine/metrics.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface PercentileParams {
  values: number[];
  p: number;
}

export const percentileFromList: NumericTemplate<PercentileParams> = {
  id: 'diagnostic-flow/percentile',
  topic: 'percentiles',
  title: 'An interpolated percentile from a short benchmark',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    const n = rng.int(8, 16);
    const values = Array.from({ length: n }, () => rng.int(40, 160));
    // One or two slow outliers, as real latency samples have.
    for (let k = rng.int(1, 2); k > 0; k--) values[rng.int(0, n - 1)] = rng.int(250, 900);
    return { values, p: rng.pick([75, 90, 95]) };
  },
  text(p) {
    return `A benchmark recorded these ${p.values.length} TTFTs in milliseconds: ${p.values.join(', ')}. What is p${p.p}, computed by linear interpolation between sorted samples (numpy's default)? (ms, ±1%)`;
  },
  solve(p) {
    const sorted = [...p.values].sort((a, b) => a - b);
    const h = (p.p / 100) * (sorted.length - 1);
    const lo = Math.floor(h);
    const value = percentile(p.values, p.p) / 1e3;
    return {
      value,
      steps: [
        `Sorted: ${sorted.join(', ')}.`,
        `Position (0-based) = ${p.p}/100 × (${sorted.length} − 1) = ${fixed(h, 2)}: between the values at positions ${lo} and ${Math.ceil(h)}, ${sorted[lo]} and ${sorted[Math.ceil(h)]}.`,
        `p${p.p} = ${sorted[lo]} + ${fixed(h - lo, 2)} × (${sorted[Math.ceil(h)]} − ${sorted[lo]}) = ${fixed(value * 1e3, 2)} ms.`,
      ],
    };
  },
};

interface TailParams {
  p: number;
  beyond: number;
}

export const tailSamples: NumericTemplate<TailParams> = {
  id: 'diagnostic-flow/tail-samples',
  topic: 'percentiles',
  title: 'How many iterations a tail percentile needs',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return { p: rng.pick([90, 95, 99, 99.9]), beyond: rng.pick([10, 20, 25, 50, 100]) };
  },
  text(p) {
    return `Your SLO is on p${p.p} latency. You want at least ${p.beyond} measured requests to lie beyond that percentile, so the estimate does not rest on a handful of samples. How many measured iterations (after warm-up) does the benchmark need? (number only, ±1%)`;
  },
  solve(p) {
    const share = 1 - p.p / 100;
    const value = p.beyond / share;
    return {
      value,
      steps: [
        `A share of 1 − ${p.p}/100 = ${fixed(share * 100, 1)}% of the samples lies beyond p${p.p}.`,
        `Iterations = ${p.beyond} ÷ ${fixed(share, 3)} = ${int(value)}.`,
        'Warm-up requests come on top: they pay for compilation, graph capture and cold caches and are not counted.',
      ],
    };
  },
};

interface TraceRequest {
  ttftMs: number;
  e2eMs: number;
  outputTokens: number;
}

interface GoodputParams {
  requests: TraceRequest[];
  sloTtftMs: number;
  sloTpotMs: number;
  durationS: number;
}

function drawRequest(rng: Random): TraceRequest {
  const ttftMs = rng.int(120, 900);
  const outputTokens = rng.int(20, 200);
  const tpot = rng.int(15, 60);
  return { ttftMs, outputTokens, e2eMs: ttftMs + tpot * (outputTokens - 1) };
}

const timing = (r: TraceRequest): RequestTiming => ({
  ttftMs: r.ttftMs,
  e2eMs: r.e2eMs,
  tpotMs: tpotMs(r.e2eMs, r.ttftMs, r.outputTokens),
});

export const goodputFromTrace: NumericTemplate<GoodputParams> = {
  id: 'diagnostic-flow/goodput',
  topic: 'percentiles',
  title: 'Goodput from a small trace',
  spec: { quantity: 'requests', unit: 'req/s', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const requests = Array.from({ length: rng.int(6, 9) }, () => drawRequest(rng));
      const p = {
        requests,
        sloTtftMs: rng.pick([300, 500, 800]),
        sloTpotMs: rng.pick([25, 40, 50]),
        durationS: rng.int(2, 8),
      };
      // Keep traces where the SLO actually separates requests: some pass, some fail.
      const good = requests.filter((r) => {
        const t = timing(r);
        return t.ttftMs <= p.sloTtftMs && (t.tpotMs ?? 0) <= p.sloTpotMs;
      }).length;
      if (good > 0 && good < requests.length) return p;
    }
  },
  text(p) {
    const list = p.requests
      .map((r, i) => `#${i + 1}: TTFT ${r.ttftMs} ms, end-to-end ${int(r.e2eMs)} ms, ${r.outputTokens} output tokens`)
      .join('; ');
    return `A ${p.durationS}-second benchmark completed these requests — ${list}. The SLOs are TTFT ≤ ${p.sloTtftMs} ms and TPOT ≤ ${p.sloTpotMs} ms, with TPOT = (end-to-end − TTFT) ÷ (output tokens − 1). What is the goodput? (req/s, ±1%)`;
  },
  solve(p) {
    const slo = { ttftMs: p.sloTtftMs, tpotMs: p.sloTpotMs };
    const value = goodput(p.requests.map(timing), slo, p.durationS);
    const lines = p.requests.map((r, i) => {
      const t = timing(r);
      const ok = t.ttftMs <= p.sloTtftMs && (t.tpotMs ?? 0) <= p.sloTpotMs;
      return `#${i + 1}: TPOT = (${int(r.e2eMs)} − ${r.ttftMs}) ÷ ${r.outputTokens - 1} = ${fixed(t.tpotMs ?? 0, 1)} ms → ${ok ? 'meets' : 'misses'} the SLOs.`;
    });
    return {
      value,
      steps: [
        ...lines,
        `Goodput = ${fixed(value * p.durationS, 0)} good requests ÷ ${p.durationS} s = ${fixed(value, 3)} req/s.`,
      ],
    };
  },
};

export const DIAGNOSTIC_FLOW_NUMERIC_TEMPLATES = [percentileFromList, tailSamples, goodputFromTrace];
