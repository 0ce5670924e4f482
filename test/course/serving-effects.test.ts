// Part 5's simulator comparisons show the effects their chapters claim: each preset (and chapter-specific scenario)
// is run, and the direction and rough size of the effect the prose states are checked.
import { describe, expect, it } from 'vitest';
import { runs as cbRuns, continuousBatching, sweepRows } from '../../src/course/facts/continuous-batching.ts';
import { getPreset, presetOutcome } from '../../src/engine/sim/index.ts';

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
