// Self-check for chapter 2 (the metrics that decide): percentiles, TPOT, goodput and dollars per million tokens.
import { usdPerMillionTokens } from '../../../src/engine/cost.ts';
import { goodput, percentile, type RequestTiming, tpotMs } from '../../../src/engine/metrics.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface PercentileParams {
  values: number[];
  p: number;
}

/** Latencies with a body and, sometimes, a slow tail: the shape real traces have. */
function latencies(rng: Random, n: number): number[] {
  return Array.from({ length: n }, () => (rng.next() < 0.15 ? rng.int(400, 2500) : rng.int(40, 220)));
}

export const percentileTemplate: NumericTemplate<PercentileParams> = {
  id: 'metrics/percentile',
  topic: 'percentiles-goodput',
  title: 'A percentile by linear interpolation',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    return { values: latencies(rng, rng.int(8, 16)), p: rng.pick([50, 90, 95, 99]) };
  },
  text(p) {
    return `${p.values.length} requests had these times to first token, in milliseconds: ${p.values.join(', ')}. Using linear interpolation between sorted values (numpy's default), what is the p${p.p}? (±1%)`;
  },
  solve(p) {
    const sorted = [...p.values].sort((a, b) => a - b);
    const rank = (p.p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const value = percentile(p.values, p.p);
    return {
      value: value / 1e3,
      steps: [
        `Sorted: ${sorted.join(', ')} (n = ${sorted.length}).`,
        `Rank r = ${p.p}/100 × (${sorted.length} − 1) = ${fixed(rank, 2)}: between position ${lo} and ${Math.ceil(rank)} (counting from 0).`,
        `p${p.p} = ${sorted[lo]} + ${fixed(rank - lo, 2)} × (${sorted[Math.ceil(rank)]} − ${sorted[lo]}) = ${fixed(value, 2)} ms.`,
      ],
    };
  },
};

interface TpotParams {
  e2eMs: number;
  ttftMs: number;
  tokens: number;
}

export const tpotTemplate: NumericTemplate<TpotParams> = {
  id: 'metrics/tpot',
  topic: 'percentiles-goodput',
  title: 'Time per output token from one request',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    const tokens = rng.int(20, 800);
    const ttftMs = rng.int(80, 2000);
    return { tokens, ttftMs, e2eMs: ttftMs + (tokens - 1) * rng.int(8, 60) + rng.int(0, 500) };
  },
  text(p) {
    return `A streamed request took ${fixed(p.e2eMs / 1e3, 3)} s from send to last token, its first token arrived after ${int(p.ttftMs)} ms, and it produced ${p.tokens} output tokens. What was its time per output token, in milliseconds? (±1%)`;
  },
  solve(p) {
    const value = tpotMs(p.e2eMs, p.ttftMs, p.tokens) as number;
    return {
      value: value / 1e3,
      steps: [
        'TPOT = (E2E − TTFT) ÷ (output tokens − 1): the first token belongs to TTFT.',
        `(${int(p.e2eMs)} − ${int(p.ttftMs)}) ms ÷ ${p.tokens - 1} = ${fixed(value, 3)} ms.`,
      ],
    };
  },
};

interface GoodputParams {
  requests: { ttftMs: number; tpotMs: number }[];
  sloTtft: number;
  sloTpot: number;
  durationS: number;
}

export const goodputTemplate: NumericTemplate<GoodputParams> = {
  id: 'metrics/goodput',
  topic: 'percentiles-goodput',
  title: 'Goodput from a small trace',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    const sloTtft = rng.pick([200, 300, 500]);
    const sloTpot = rng.pick([20, 30, 50]);
    for (;;) {
      const requests = Array.from({ length: rng.int(8, 12) }, () => ({
        ttftMs: rng.next() < 0.3 ? rng.int(sloTtft + 1, sloTtft * 4) : rng.int(50, sloTtft),
        tpotMs: rng.next() < 0.25 ? rng.int(sloTpot + 1, sloTpot * 3) : rng.int(5, sloTpot),
      }));
      const p = { requests, sloTtft, sloTpot, durationS: rng.pick([2, 4, 5, 10]) };
      if (goodputOf(p) > 0) return p;
    }
  },
  text(p) {
    return `In ${p.durationS} s a server completed these requests (TTFT ms / TPOT ms): ${p.requests.map((r) => `${r.ttftMs}/${r.tpotMs}`).join(', ')}. The SLOs are TTFT ≤ ${p.sloTtft} ms and TPOT ≤ ${p.sloTpot} ms. What is the goodput, in requests per second? Give the number only. (±1%)`;
  },
  solve(p) {
    const ok = p.requests.filter((r) => r.ttftMs <= p.sloTtft && r.tpotMs <= p.sloTpot).length;
    const value = goodputOf(p);
    return {
      value,
      steps: [
        `A request counts only if it meets both targets: ${ok} of ${p.requests.length} do.`,
        `Goodput = ${ok} ÷ ${p.durationS} s = ${fixed(value, 2)} requests/s (throughput was ${fixed(p.requests.length / p.durationS, 2)}).`,
      ],
    };
  },
};

function goodputOf(p: GoodputParams): number {
  const timings: RequestTiming[] = p.requests.map((r) => ({ ttftMs: r.ttftMs, tpotMs: r.tpotMs, e2eMs: 0 }));
  return goodput(timings, { ttftMs: p.sloTtft, tpotMs: p.sloTpot }, p.durationS);
}

interface CostParams {
  usdPerHour: number;
  tokensPerS: number;
}

export const usdPerMtok: NumericTemplate<CostParams> = {
  id: 'metrics/usd-per-mtok',
  topic: 'cost',
  title: 'Dollars per million output tokens',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return {
      usdPerHour: rng.pick([0.8, 1.2, 2, 2.5, 3.5, 6, 12, 25]),
      tokensPerS: rng.pick([40, 150, 600, 1800, 4000, 9000, 20000]),
    };
  },
  text(p) {
    return `A deployment costs $${fixed(p.usdPerHour, 2)} per hour and produces ${int(p.tokensPerS)} output tokens per second, fully used. What does a million output tokens cost, in dollars? Give the number only. (±1%)`;
  },
  solve(p) {
    const value = usdPerMillionTokens(p.usdPerHour, p.tokensPerS);
    return {
      value,
      steps: [
        `Tokens per hour: ${int(p.tokensPerS)} × 3,600 = ${int(p.tokensPerS * 3600)}.`,
        `$/MTok = $${fixed(p.usdPerHour, 2)} ÷ ${int(p.tokensPerS * 3600)} × 10⁶ = $${fixed(value, 4)}.`,
        'Idle hours still cost money: a half-used deployment pays twice this per token.',
      ],
    };
  },
};

export const METRICS_TEMPLATES = [percentileTemplate, tpotTemplate, goodputTemplate, usdPerMtok];
