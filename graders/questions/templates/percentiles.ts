// Percentiles, TPOT and goodput from small traces, computed the way the course's metrics module (and vLLM's
// benchmark) does: linear interpolation between order statistics.
import { goodput, mean, percentile, tpotMs } from '../../../src/engine/metrics.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';

/** Latencies with a realistic shape: most near a typical value, a few slow ones in the tail. */
function trace(rng: Random, n: number, typical: number): number[] {
  return Array.from({ length: n }, () => {
    const slow = rng.next() < 0.15;
    return Math.round(typical * (slow ? 2 + 3 * rng.next() : 0.7 + 0.6 * rng.next()));
  });
}

const list = (xs: readonly number[]) => xs.map((x) => int(x)).join(', ');

interface PctParams {
  values: number[];
  p: number;
}

export const tracePercentile: NumericTemplate<PctParams> = {
  id: 'percentiles/from-trace',
  topic: 'percentiles',
  title: 'A percentile from a trace',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.005 },
  generate(rng) {
    const n = rng.int(10, 21);
    return { values: trace(rng, n, rng.pick([80, 150, 300, 600])), p: rng.pick([50, 90, 95, 99]) };
  },
  text(q) {
    return `Time to first token, in ms, for ${q.values.length} requests: ${list(q.values)}. What is the p${q.p}, using linear interpolation between sorted values (numpy's default, as vLLM's benchmark reports)? (±0.5%)`;
  },
  solve(q) {
    const sorted = [...q.values].sort((a, b) => a - b);
    const rank = (q.p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const v = percentile(q.values, q.p);
    return {
      value: v / 1e3,
      steps: [
        `Sorted: ${list(sorted)}.`,
        `Rank = ${q.p}/100 × (${sorted.length} − 1) = ${fixed(rank, 2)}, between positions ${lo} and ${lo + 1} (counting from 0).`,
        `p${q.p} = ${int(sorted[lo] ?? 0)} + ${fixed(rank - lo, 2)} × (${int(sorted[lo + 1] ?? sorted[lo] ?? 0)} − ${int(sorted[lo] ?? 0)}) = ${fixed(v, 2)} ms.`,
      ],
    };
  },
};

interface MedianParams {
  values: number[];
}

export const medianNotMean: ChoiceTemplate<MedianParams> = {
  kind: 'choice',
  id: 'percentiles/median-not-mean',
  topic: 'percentiles',
  title: 'p50 is the median, not the mean',
  generate(rng) {
    for (;;) {
      const values = trace(rng, rng.pick([9, 11, 13]), rng.pick([40, 120, 250]));
      // A trace whose mean and median differ clearly, as tails make them.
      if (mean(values) > 1.15 * percentile(values, 50)) return { values };
    }
  },
  text(q) {
    return `End-to-end latencies, in ms, of ${q.values.length} requests: ${list(q.values)}. A dashboard labelled "p50" should show which value?`;
  },
  options(q) {
    const p50 = percentile(q.values, 50);
    const avg = mean(q.values);
    const p95 = percentile(q.values, 95);
    return [
      {
        label: `${fixed(p50, 1)} ms, the median`,
        correct: true,
        explanation: 'p50 is the value half the requests beat: the middle of the sorted list.',
      },
      {
        label: `${fixed(avg, 1)} ms, the mean`,
        correct: false,
        explanation: `The mean is pulled up by the slow requests; calling it p50 hides exactly the tail you need to see.`,
      },
      {
        label: `${fixed(p95, 1)} ms, the tail`,
        correct: false,
        explanation: 'That is p95, the latency 95% of requests beat.',
      },
    ];
  },
  solve(q) {
    const sorted = [...q.values].sort((a, b) => a - b);
    return {
      steps: [
        `Sorted: ${list(sorted)}; the middle value is ${fixed(percentile(q.values, 50), 1)} ms.`,
        `The mean is ${fixed(mean(q.values), 1)} ms: ${fixed(mean(q.values) / percentile(q.values, 50), 2)}× the median, because a few slow requests drag it up.`,
      ],
    };
  },
};

interface RankParams {
  n: number;
  p: number;
}

const ordinal = (k: number) => {
  const teen = k % 100 >= 11 && k % 100 <= 13;
  return `${k}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th')}`;
};

export const tailRank: ChoiceTemplate<RankParams> = {
  kind: 'choice',
  id: 'percentiles/tail-rank',
  topic: 'percentiles',
  title: 'Where p95 and p99 sit in a run',
  generate(rng) {
    return { n: rng.pick([100, 200, 400, 1000]), p: rng.pick([95, 99]) };
  },
  text(q) {
    return `A benchmark sends ${int(q.n)} requests. Roughly which request, counted from the slowest, sets the p${q.p} latency?`;
  },
  options(q) {
    // With linear interpolation, p lies between sorted positions floor(r) and floor(r)+1 (0-based, fastest first).
    const r = (q.p / 100) * (q.n - 1);
    const fromSlowest = q.n - Math.floor(r) - 1;
    return [
      {
        label: `About the ${ordinal(fromSlowest)} slowest`,
        correct: true,
        explanation: `${100 - q.p}% of ${int(q.n)} is ${(q.n * (100 - q.p)) / 100} requests slower than it; interpolation puts it between the ${ordinal(fromSlowest + 1)} and ${ordinal(fromSlowest)} slowest.`,
      },
      {
        label: `The ${ordinal(q.p)} slowest`,
        correct: false,
        explanation: `That would be the p${fixed(100 - (100 * q.p) / q.n, 1)} latency; "p${q.p}" is the value ${q.p}% of requests beat, not a rank from the top.`,
      },
      {
        label: `About the ${ordinal(q.n - Math.floor((q.p / 100) * (q.n - 1)) - 1)} fastest`,
        correct: false,
        explanation: 'That counts from the wrong end: the fastest requests set the low percentiles.',
      },
      {
        label: 'The median request',
        correct: false,
        explanation: 'The median is p50.',
      },
    ];
  },
  solve(q) {
    const r = (q.p / 100) * (q.n - 1);
    return {
      steps: [
        `Sorted fastest first, p${q.p} sits at rank ${q.p}/100 × (${q.n} − 1) = ${fixed(r, 2)}.`,
        `So about ${(q.n * (100 - q.p)) / 100} requests are slower: it is near the ${ordinal(q.n - Math.floor(r) - 1)} slowest.`,
      ],
    };
  },
};

interface TpotParams {
  ttft: number;
  e2e: number;
  tokens: number;
}

export const tpot: NumericTemplate<TpotParams> = {
  id: 'percentiles/tpot',
  topic: 'percentiles',
  title: 'Time per output token from one request',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    const tokens = rng.int(20, 800);
    const ttft = rng.int(80, 2500);
    const perToken = 8 + 60 * rng.next();
    return { ttft, tokens, e2e: Math.round(ttft + perToken * (tokens - 1)) };
  },
  text(q) {
    return `A streamed request got its first token after ${int(q.ttft)} ms and its last after ${int(q.e2e)} ms, and the server reported ${int(q.tokens)} output tokens. What is its time per output token (TPOT), in ms? (±1%)`;
  },
  solve(q) {
    const v = tpotMs(q.e2e, q.ttft, q.tokens) ?? Number.NaN;
    return {
      value: v / 1e3,
      steps: [
        'TPOT = (E2E − TTFT) ÷ (output tokens − 1): the first token belongs to TTFT, and n tokens leave n − 1 gaps.',
        `(${int(q.e2e)} − ${int(q.ttft)}) ÷ (${int(q.tokens)} − 1) = ${fixed(v, 2)} ms.`,
      ],
    };
  },
};

interface GoodputParams {
  requests: { ttft: number; e2e: number; tokens: number }[];
  sloTtft: number;
  sloTpot: number;
  duration: number;
}

export const traceGoodput: NumericTemplate<GoodputParams> = {
  id: 'percentiles/goodput',
  topic: 'percentiles',
  title: 'Goodput from a small trace',
  spec: { quantity: 'requests', unit: 'req/s', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const n = rng.int(6, 10);
      const requests = Array.from({ length: n }, () => {
        const tokens = rng.int(20, 300);
        const ttft = rng.int(100, 1500);
        const per = rng.int(15, 60);
        return { ttft, tokens, e2e: ttft + per * (tokens - 1) };
      });
      const q = {
        requests,
        sloTtft: rng.pick([500, 800, 1000]),
        sloTpot: rng.pick([30, 40, 50]),
        duration: rng.pick([4, 5, 8, 10]),
      };
      // Some requests meet the SLOs and some miss, so goodput differs from both zero and throughput.
      const good = requests.filter(
        (r) => r.ttft <= q.sloTtft && (tpotMs(r.e2e, r.ttft, r.tokens) ?? 0) <= q.sloTpot,
      ).length;
      if (good > 0 && good < n) return q;
    }
  },
  text(q) {
    const rows = q.requests
      .map((r, i) => `#${i + 1}: TTFT ${int(r.ttft)} ms, E2E ${int(r.e2e)} ms, ${r.tokens} tokens`)
      .join('; ');
    return `A ${q.duration}-second benchmark completed these requests — ${rows}. The SLOs are TTFT ≤ ${q.sloTtft} ms and TPOT ≤ ${q.sloTpot} ms. What is the goodput, in requests per second? (±1%)`;
  },
  solve(q) {
    const timings = q.requests.map((r) => ({ ttftMs: r.ttft, e2eMs: r.e2e, tpotMs: tpotMs(r.e2e, r.ttft, r.tokens) }));
    const slo = { ttftMs: q.sloTtft, tpotMs: q.sloTpot };
    const g = goodput(timings, slo, q.duration);
    const good = timings.filter((t) => t.ttftMs <= q.sloTtft && (t.tpotMs ?? 0) <= q.sloTpot).length;
    return {
      value: g,
      steps: [
        ...timings.map(
          (t, i) =>
            `#${i + 1}: TPOT = (${int(t.e2eMs)} − ${int(t.ttftMs)}) ÷ (${q.requests[i]?.tokens} − 1) = ${fixed(t.tpotMs ?? 0, 1)} ms; ${t.ttftMs > q.sloTtft ? 'misses the TTFT SLO' : (t.tpotMs ?? 0) > q.sloTpot ? 'misses the TPOT SLO' : 'meets both SLOs'}.`,
        ),
        `${good} of ${q.requests.length} requests meet every SLO: goodput = ${good} ÷ ${q.duration} s = ${fixed(g, 2)} requests/s (throughput counts all ${q.requests.length}: ${fixed(q.requests.length / q.duration, 2)}).`,
      ],
    };
  },
};

export const PERCENTILE_TEMPLATES = [tracePercentile, medianNotMean, tailRank, tpot, traceGoodput];
