// Part 5's simulator comparisons show the effects their chapters claim: each preset (and chapter-specific scenario)
// is run, and the direction and rough size of the effect the prose states are checked.
import { describe, expect, it } from 'vitest';
import { CHEAT_ROWS, getRow, SIGNALS } from '../../src/course/cheat-sheet.ts';
import { runs as csRuns, EVIDENCE } from '../../src/course/facts/cheat-sheet.ts';
import { runs as cpRuns } from '../../src/course/facts/chunked-prefill.ts';
import { runs as cbRuns, continuousBatching, sweepRows } from '../../src/course/facts/continuous-batching.ts';
import { runs as dgRuns, poolRows } from '../../src/course/facts/disaggregation.ts';
import { runs as parRuns } from '../../src/course/facts/parallelism.ts';
import { runs as sdRuns } from '../../src/course/facts/speculative-decoding.ts';
import { OUTLINE } from '../../src/course/outline.ts';
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

describe('chapter 22: speculative decoding at low and high load', () => {
  const { lowA, lowB, highA, highB, batchRows } = sdRuns;

  it('the errata’s example: γ = 5, c = 0.1 breaks even near α = 0.33; α = 0.8 gives 2.46×', () => {
    expect(sdRuns.errataBreakEven).toBeCloseTo(0.334, 2);
    // (1 − 0.8⁶) ÷ (0.2 × 1.5), by hand.
    expect(sdRuns.errataSpeedup).toBeCloseTo((1 - 0.8 ** 6) / (0.2 * 1.5), 9);
    expect(sdRuns.errataSpeedup).toBeCloseTo(2.46, 2);
  });

  it('low load: the comparison reveals "lower" median TPOT, cut by about half', () => {
    expect(presetOutcome(getPreset('speculative-low-load'), lowA, lowB)).toBe('lower');
    const ratio = lowB.results.tpot_ms.p50 / lowA.results.tpot_ms.p50;
    expect(ratio).toBeLessThan(0.6);
    expect(ratio).toBeGreaterThan(0.4);
  });

  it('low load: tokens per round match the formula; chunks arrive further apart (ITL up)', () => {
    expect(lowB.speculative?.tokens_per_step).toBeGreaterThan(2.5);
    expect(lowB.speculative?.tokens_per_step).toBeLessThan(3.0);
    expect(lowB.results.itl_ms.p50).toBeGreaterThan(lowA.results.itl_ms.p50);
    // Accepted ÷ drafted = (E − 1) ÷ γ with independent acceptance, well below α = 0.7.
    expect(lowB.speculative?.acceptance_rate).toBeLessThan(0.5);
  });

  it('high load: output throughput falls (errata #7), and median TPOT rises', () => {
    expect(presetOutcome(getPreset('speculative-high-load'), highA, highB)).not.toBe('higher');
    expect(highB.results.output_throughput_tok_s).toBeLessThan(0.95 * highA.results.output_throughput_tok_s);
    expect(highB.results.tpot_ms.p50).toBeGreaterThan(highA.results.tpot_ms.p50);
  });

  it('the speed-up fades with batch: flat while memory-bound, below 1 at large batch', () => {
    expect(batchRows[0]?.verifyRatio).toBeCloseTo(1, 6);
    for (let i = 1; i < batchRows.length; i++)
      expect(batchRows[i]?.speedup).toBeLessThanOrEqual((batchRows[i - 1]?.speedup ?? 0) + 1e-9);
    expect(batchRows.at(-1)?.speedup).toBeLessThan(1);
  });

  it('draft cost of Llama 3.1 8B for Llama 3.3 70B in FP8 is the ratio of bytes read (bandwidth cancels)', () => {
    const kv = 2048;
    const bytes = (m: 'llama-3.1-8b' | 'llama-3.3-70b') => PARAMS[m].total + kv * PARAMS[m].kv;
    expect(sdRuns.pairCost).toBeCloseTo(bytes('llama-3.1-8b') / bytes('llama-3.3-70b'), 9);
  });
});

describe('chapter 23: parallelism', () => {
  const { tpRows, tp2, replica, single, fullStep, commRows, tpAcross, handoffBytes } = parRuns;
  const row = (tp: number) => tpRows.find((r) => r.tp === tp);

  it('70B BF16 on H100s: one GPU cannot load it, two load without room for a request, four and eight serve', () => {
    expect(row(1)?.kvTokens).toBe(0);
    expect(row(2)?.starts).toBe(false);
    expect(row(2)?.kvTokens).toBeGreaterThan(0);
    expect(row(4)?.starts).toBe(true);
    expect(row(8)?.starts).toBe(true);
    // Weights per rank ≈ 2 bytes × 70.55B ÷ N (plus small replicated tensors).
    expect((row(4)?.weightsPerRank ?? 0) / ((2 * PARAMS['llama-3.3-70b'].total) / 4)).toBeCloseTo(1, 2);
  });

  it('doubling the degree from 4 to 8 speeds each token up, but by less than 2×, and each GPU does less', () => {
    const t4 = row(4)?.tpotMs ?? 0;
    const t8 = row(8)?.tpotMs ?? 0;
    expect(t8).toBeLessThan(t4);
    expect(t4 / t8).toBeLessThan(2);
    expect(t4 / t8).toBeGreaterThan(1.4);
    expect((row(8)?.tps ?? 0) / 8).toBeLessThan((row(4)?.tps ?? 0) / 4);
  });

  it('the prediction: tensor parallelism gives lower TPOT than two replicas; replicas are as slow as one GPU', () => {
    expect(tp2.results.tpot_ms.p50).toBeLessThan(0.75 * replica.results.tpot_ms.p50);
    expect(Math.abs(replica.results.tpot_ms.p50 / single.results.tpot_ms.p50 - 1)).toBeLessThan(0.05);
  });

  it('a pipeline at batch 1 takes the whole model’s memory time per token, several times TP-4’s TPOT', () => {
    const bytes = 2 * PARAMS['llama-3.3-70b'].total + 512 * PARAMS['llama-3.3-70b'].kv;
    expect(fullStep.stepTimeS).toBeCloseTo(bytes / (3350e9 * 0.8), 9);
    expect(fullStep.stepTimeS * 1e3).toBeGreaterThan(3 * (row(4)?.tpotMs ?? Infinity));
  });

  it('the link matters for prefill, hardly for decode; across nodes TP traffic dwarfs a pipeline hand-off', () => {
    const at = (link: string, tp: number) => commRows.find((r) => r.link.startsWith(link) && r.tp === tp);
    expect((at('PCIe', 4)?.prefillMs ?? 0) / (at('NVLink', 4)?.prefillMs ?? 1)).toBeGreaterThan(5);
    expect((at('PCIe', 4)?.decodeMs ?? 0) / (at('NVLink', 4)?.decodeMs ?? 1)).toBeLessThan(1.3);
    expect(tpAcross.commTimePerStepS / (handoffBytes / 50e9)).toBeGreaterThan(100);
  });
});

describe('chapter 24: disaggregated prefill and decode', () => {
  it('the prediction: splitting a concurrency-8 chat deployment raises $/MTok (001 self-check 2; errata #12)', () => {
    // Even the bound on the split side (pure decode steps, never waiting) cannot make two GPUs pay for themselves.
    expect(dgRuns.splitBound).toBeLessThan(2 * dgRuns.colocated.results.output_throughput_tok_s);
    expect(dgRuns.costSplit / dgRuns.costColocated).toBeGreaterThan(1.2);
  });

  it('the bound really is a bound: the colocated run, which also prefills, decodes more slowly than pure decode', () => {
    expect(dgRuns.colocated.results.tpot_ms.p50).toBeGreaterThan(dgRuns.pureDecode.stepTimeS * 1e3);
  });

  it('the hand-off of an 8,192-token Llama 3.3 70B prompt: 8,192 × 327,680 B, a few percent of its prefill over InfiniBand', () => {
    expect(dgRuns.midKv).toBe(8192 * PARAMS['llama-3.3-70b'].kv);
    const share = dgRuns.midKv / 50e9 / dgRuns.midPrefill.timeS;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.2);
  });

  it('pool sizing: long-document traffic needs far more prefill per decode GPU than chat', () => {
    const chat = Number(poolRows[0]?.ratio);
    const rag = Number(poolRows[1]?.ratio);
    expect(rag).toBeLessThan(chat / 2);
  });
});

describe('chapter 25: the cheat sheet, corrected', () => {
  const r = csRuns;

  it('every row names a chapter of the outline, at least one layer and one setting; evidence belongs to real rows', () => {
    const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    expect(new Set(CHEAT_ROWS.map((x) => x.id)).size).toBe(CHEAT_ROWS.length);
    for (const row of CHEAT_ROWS) {
      expect(slugs.has(row.chapter), `${row.id} → ${row.chapter}`).toBe(true);
      expect(row.layers.length).toBeGreaterThan(0);
      expect(row.settings.length).toBeGreaterThan(0);
      expect(SIGNALS.map((g) => g.id)).toContain(row.signal);
    }
    for (const id of Object.keys(EVIDENCE)) expect(() => getRow(id)).not.toThrow();
    expect(() => getRow('nope')).toThrow(/known: queue-idle-gpu/);
  });

  it('the inverted mappings are corrected: speculation is a latency tool, pipelines are not', () => {
    expect(getRow('slow-stream-light-load').correction).toBeDefined();
    expect(getRow('low-throughput').technique).toMatch(/not speculative decoding/);
    expect(getRow('does-not-fit-node').correction?.says).toMatch(/latency/);
    expect(getRow('latency-model-fits').technique).toMatch(/not .*pipeline/);
  });

  it('each measured effect points the way the row claims', () => {
    expect(r.contRun.results.ttft_ms.p50).toBeLessThan(r.staticRun.results.ttft_ms.p50);
    expect(r.chunkRun.results.itl_ms.p99).toBeLessThan(r.wholeRun.results.itl_ms.p99);
    expect(r.chunkRun.results.ttft_ms.p99).toBeGreaterThanOrEqual(r.wholeRun.results.ttft_ms.p99);
    expect(r.prefix.results.ttft_ms.p50).toBeLessThan(r.noPrefix.results.ttft_ms.p50);
    expect(r.smallPool.preemptions).toBeGreaterThan(r.bigPool.preemptions);
    expect(r.smallPool.results.e2e_ms.p99).toBeGreaterThan(r.bigPool.results.e2e_ms.p99);
    expect(r.lowOn.results.tpot_ms.p50).toBeLessThan(r.lowOff.results.tpot_ms.p50);
    expect(r.highOn.results.output_throughput_tok_s).toBeLessThan(r.highOff.results.output_throughput_tok_s);
    // An FP8 cache stores one byte per element instead of two: about twice the tokens in the pool.
    expect(r.kvFp8.kvTokens / r.kvBf16.kvTokens).toBeCloseTo(2, 1);
  });
});
