// Self-check for "The benchmark template": the ±5% criterion, TPOT as the kit defines it, and how thin the tail of
// a benchmark is.
import { tpotMs } from '../../../src/engine/metrics.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

const METRICS = [
  { label: 'p50 TTFT', unit: 'ms', lo: 40, hi: 900 },
  { label: 'p95 TPOT', unit: 'ms', lo: 8, hi: 80 },
  { label: 'output throughput', unit: 'tok/s', lo: 300, hi: 9000 },
  { label: 'goodput', unit: 'req/s', lo: 2, hi: 60 },
] as const;

interface DiffParams {
  metric: number;
  a: number;
  b: number;
}

export const relativeDifference: NumericTemplate<DiffParams> = {
  id: 'benchmark-template/relative-difference',
  topic: 'percentiles',
  title: 'Did the second run reproduce the first?',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate(rng) {
    const three = (x: number) => Number(x.toPrecision(3));
    for (;;) {
      const metric = rng.int(0, METRICS.length - 1);
      const m = METRICS[metric] as (typeof METRICS)[number];
      const a = three(m.lo + rng.next() * (m.hi - m.lo));
      const b = three(a * (1 + rng.pick([-0.11, -0.07, -0.04, -0.02, 0.03, 0.06, 0.09, 0.14])));
      // Rounding to three digits must not erase the difference the question is about.
      if (Math.abs(b - a) / a >= 0.01) return { metric, a, b };
    }
  },
  text(p) {
    const m = METRICS[p.metric] as (typeof METRICS)[number];
    return `Your run reports ${m.label} = ${p.a} ${m.unit}; a colleague's run of the same workload on the same GPU reports ${p.b} ${m.unit}. By how many percent does their figure differ from yours, as the kit's compare command measures it (relative to yours, sign ignored)? (in %, ±2% of the answer)`;
  },
  solve(p) {
    const value = (Math.abs(p.b - p.a) / p.a) * 100;
    return {
      value: value / 100,
      steps: [
        `|b − a| ÷ a = |${p.b} − ${p.a}| ÷ ${p.a} = ${fixed(value, 2)}%.`,
        value <= 5
          ? 'Within ±5%: on this metric the run reproduced.'
          : 'Outside ±5%: not reproduced on this metric — check the pinned setup, or run more iterations if it is a tail percentile.',
      ],
    };
  },
};

interface TpotParams {
  ttftMs: number;
  e2eMs: number;
  outputTokens: number;
}

export const tpotFromTimes: NumericTemplate<TpotParams> = {
  id: 'benchmark-template/tpot',
  topic: 'percentiles',
  title: 'TPOT as the kit measures it',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    const ttftMs = rng.int(60, 1500);
    const outputTokens = rng.int(16, 600);
    const gap = rng.int(8, 70);
    return { ttftMs, outputTokens, e2eMs: ttftMs + gap * (outputTokens - 1) + rng.int(0, 40) };
  },
  text(p) {
    return `A streamed request produced ${p.outputTokens} output tokens (the server's usage count). Its first text chunk arrived ${int(p.ttftMs)} ms after sending and its last ${int(p.e2eMs)} ms after sending. What is its TPOT, as vLLM's bench serve and the course's kit define it? (ms, ±1%)`;
  },
  solve(p) {
    const value = (tpotMs(p.e2eMs, p.ttftMs, p.outputTokens) ?? 0) / 1e3;
    return {
      value,
      steps: [
        'TPOT = (end-to-end − TTFT) ÷ (output tokens − 1): the first token belongs to TTFT.',
        `(${int(p.e2eMs)} − ${int(p.ttftMs)}) ÷ ${p.outputTokens - 1} = ${fixed(value * 1e3, 2)} ms.`,
        'Dividing by all output tokens, or including TTFT, would understate or overstate it.',
      ],
    };
  },
};

interface TailParams {
  iterations: number;
  p: number;
}

export const samplesBeyond: NumericTemplate<TailParams> = {
  id: 'benchmark-template/iterations-for-tail',
  topic: 'percentiles',
  title: 'How many samples a tail percentile rests on',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return { iterations: rng.pick([50, 100, 200, 500, 1000, 2000]), p: rng.pick([90, 95, 99]) };
  },
  text(p) {
    return `A benchmark level measured ${int(p.iterations)} requests after warm-up. About how many of them lie beyond its p${p.p}, the samples that estimate rests on? (number only, ±1%)`;
  },
  solve(p) {
    const value = (1 - p.p / 100) * p.iterations;
    return {
      value,
      steps: [
        `A share of 1 − ${p.p}/100 = ${fixed((1 - p.p / 100) * 100, 0)}% lies beyond p${p.p}.`,
        `${fixed((1 - p.p / 100) * 100, 0)}% of ${int(p.iterations)} = ${fixed(value, 1)} requests.`,
        value < 10
          ? 'Too few to pin the percentile down: expect it to move from run to run; measure more before comparing.'
          : 'Enough for a steadier estimate, though the tail still moves more than the median.',
      ],
    };
  },
};

export const BENCHMARK_TEMPLATE_TEMPLATES = [relativeDifference, tpotFromTimes, samplesBeyond];
