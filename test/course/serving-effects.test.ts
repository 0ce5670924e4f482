// Part 5's simulator comparisons show the effects their chapters claim: each preset (and chapter-specific scenario)
// is run, and the direction and rough size of the effect the prose states are checked.
import { describe, expect, it } from 'vitest';
import { runs as cpRuns } from '../../src/course/facts/chunked-prefill.ts';
import { runs as cbRuns, continuousBatching, sweepRows } from '../../src/course/facts/continuous-batching.ts';
import { getPreset, presetOutcome } from '../../src/engine/sim/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

const num = (s: string) => Number(s.replace(/,/g, ''));

describe('chapter 20: static vs continuous batching', () => {
  const { runA, runB } = cbRuns;

  it('the comparison reveals "lower" for median E2E, and the prose says it falls several-fold', () => {
    expect(presetOutcome(getPreset('static-vs-continuous'), runA, runB)).toBe('lower');
    expect(runB.results.e2e_ms.p50).toBeLessThan(runA.results.e2e_ms.p50 / 2);
    expect(num(continuousBatching.e2eRatio)).toBeGreaterThan(2);
  });

  it('most of a static request’s life is waiting: TTFT falls by an order of magnitude', () => {
    expect(runB.results.ttft_ms.p50).toBeLessThan(runA.results.ttft_ms.p50 / 10);
  });

  it('static batches waste a large share on padding; continuous batching none', () => {
    expect(runA.padding_waste).toBeGreaterThan(0.2);
    expect(runB.padding_waste).toBe(0);
  });

  it('below saturation, throughput barely moves (the prose says the win is latency and goodput)', () => {
    const ratio = runB.results.output_throughput_tok_s / runA.results.output_throughput_tok_s;
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
    expect(runB.results.goodput_req_s).toBeGreaterThan(5 * runA.results.goodput_req_s);
  });

  it('the worked batch: the simulator pads exactly as the hand count in the prose', () => {
    // Prompts 600/1800/1000/300 and outputs 40/400/90/150, counted again here by hand.
    const pad = 1200 + 0 + 800 + 1500 + (360 + 0 + 310 + 250);
    const useful = 600 + 1800 + 1000 + 300 + (39 + 399 + 89 + 149);
    expect(cbRuns.padShareByHand).toBeCloseTo(pad / (pad + useful), 12);
    expect(cbRuns.toyStatic.padding_waste).toBeCloseTo(pad / (pad + useful), 9);
    expect(cbRuns.toyContinuous.padding_waste).toBe(0);
  });

  it('at saturation continuous batching serves more than twice the tokens; with one user both are the same', () => {
    const first = sweepRows[0];
    const last = sweepRows.at(-1);
    expect(first?.users).toBe(1);
    expect(first?.continuousTps).toBeCloseTo(first?.staticTps ?? 0, 6);
    expect(first?.padding).toBe(0);
    expect((last?.continuousTps ?? 0) / (last?.staticTps ?? 1)).toBeGreaterThan(2);
    // Padding grows with the batch: more rows, a longer longest reply.
    for (let i = 2; i < sweepRows.length; i++)
      expect(sweepRows[i]?.padding).toBeGreaterThan(sweepRows[i - 1]?.padding ?? 1);
  });
});

describe('chapter 21: chunked prefill under a long-prompt burst', () => {
  const { runA, runB, budgetRows } = cpRuns;
  const long = (r: typeof runA) =>
    (r.requests ?? []).filter((q) => q.prompt_tokens === 7000).map((q) => q.ttft_ms ?? 0);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

  it('reveals "lower" p99 ITL, by more than three times (the prose reports the ratio)', () => {
    expect(presetOutcome(getPreset('chunked-prefill-burst'), runA, runB)).toBe('lower');
    expect(runA.results.itl_ms.p99 / runB.results.itl_ms.p99).toBeGreaterThan(3);
  });

  it('median ITL and output throughput barely move: chunking reorders the same work', () => {
    expect(Math.abs(runB.results.itl_ms.p50 / runA.results.itl_ms.p50 - 1)).toBeLessThan(0.05);
    expect(Math.abs(runB.results.output_throughput_tok_s / runA.results.output_throughput_tok_s - 1)).toBeLessThan(
      0.01,
    );
  });

  it('the long prompts pay: their TTFT and the p99 TTFT rise, modestly', () => {
    expect(runB.results.ttft_ms.p99).toBeGreaterThan(runA.results.ttft_ms.p99);
    expect(runB.results.ttft_ms.p99).toBeLessThan(1.2 * runA.results.ttft_ms.p99);
    expect(median(long(runB))).toBeGreaterThan(median(long(runA)));
  });

  it('the budget trades ITL against the long prompts’ TTFT; tiny chunks are memory-bound and slow the prefill', () => {
    for (let i = 1; i < budgetRows.length - 1; i++)
      expect(budgetRows[i]?.itlP99).toBeGreaterThan(budgetRows[i - 1]?.itlP99 ?? 0);
    const small = budgetRows[0];
    const chosen = budgetRows.find((r) => r.budget === 512);
    expect(small?.regime).toBe('memory-bound');
    expect(chosen?.regime).toBe('compute-bound');
    expect(small?.longTtft).toBeGreaterThan(1.5 * (chosen?.longTtft ?? 0));
  });

  it('a whole 7,000-token prompt of Llama 3.1 8B: compute time by hand at 60% of the H100’s 989.4 TFLOP/s', () => {
    const P = 7000;
    const n = PARAMS['llama-3.1-8b'].total;
    // Causal attention: each of 32 layers, 32 heads × 128 dims, QKᵀ and AV (4 FLOPs per head-dim) over t positions.
    const attention = 32 * 4 * 32 * 128 * ((P * (P + 1)) / 2);
    expect(cpRuns.whole.timeS).toBeCloseTo((2 * n * P + attention) / (989.4e12 * 0.6), 9);
  });

  it('the first compute-bound chunk sits at the ridge point (16-bit weights: intensity ≈ tokens)', () => {
    expect(cpRuns.minChunkPeak / cpRuns.ridge).toBeGreaterThan(0.97);
    expect(cpRuns.minChunkPeak / cpRuns.ridge).toBeLessThan(1.03);
    expect(cpRuns.minChunkSim).toBeLessThan(cpRuns.minChunkPeak);
  });
});
