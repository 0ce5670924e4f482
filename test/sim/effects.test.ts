// The effects the course claims, each against a figure worked out independently of the simulator's code.
import { describe, expect, it } from 'vitest';
import { GiB, getModel, kvBytesPerToken } from '../../src/engine/index.ts';
import { generateWorkload, Scenario, type ScenarioInput, simulate } from '../../src/engine/sim/index.ts';
import { change, runRaw } from './helpers.ts';

describe('static batching shows padding waste that continuous batching removes', () => {
  it('pads prompts to the longest and outputs to the longest, exactly', () => {
    const P = [300, 1200, 700, 50];
    const O = [20, 5, 60, 33];
    const trace = P.map((p, i) => ({ arrivalS: 0, promptTokens: p, outputTokens: O[i] as number }));
    const { record } = runRaw({ scheduler: { kind: 'static', batchSize: 4 }, workload: { trace } });
    const maxP = Math.max(...P);
    const maxO = Math.max(...O);
    // Prefill pads every prompt to the longest; a finished sequence pads one slot per step until the longest ends.
    const padding = P.reduce((s, p) => s + maxP - p, 0) + O.reduce((s, o) => s + maxO - o, 0);
    const useful = P.reduce((s, p) => s + p, 0) + O.reduce((s, o) => s + o - 1, 0);
    expect(record.totals.paddingTokens).toBe(padding);
    expect(record.totals.computedTokens).toBe(useful);
  });

  it('on chat traffic: a large share of static work is padding, none of continuous; latency drops', () => {
    const w: ScenarioInput = { workload: { requests: 300, arrival: { kind: 'poisson', rate: 1.5 } } };
    const st = simulate({ ...w, scheduler: { kind: 'static', batchSize: 16 } });
    const co = simulate(w);
    expect(st.padding_waste).toBeGreaterThan(0.25);
    expect(co.padding_waste).toBe(0);
    expect(co.results.e2e_ms.p50).toBeLessThan(st.results.e2e_ms.p50 * 0.5);
  });
});

describe('chunked prefill lowers p99 inter-token latency under a long-prompt burst', () => {
  it('cuts p99 ITL by more than half when 8 × 7,000-token prompts land on busy chat traffic', () => {
    const w = {
      requests: 500,
      arrival: { kind: 'poisson' as const, rate: 3 },
      bursts: [{ atS: 50, count: 8, promptTokens: 7000, outputTokens: 32 }],
    };
    const whole = simulate({
      workload: w,
      scheduler: { kind: 'continuous', chunkedPrefill: false, maxNumBatchedTokens: 8192 },
    });
    const chunked = simulate({
      workload: w,
      scheduler: { kind: 'continuous', chunkedPrefill: true, maxNumBatchedTokens: 512 },
    });
    expect(chunked.results.itl_ms.p99).toBeLessThan(whole.results.itl_ms.p99 * 0.5);
    // A step holding a whole 7,000-token prompt takes its prefill time, and decoders wait for it.
    expect(whole.results.itl_ms.p99).toBeGreaterThan(50);
    expect(chunked.results.completed).toBe(whole.results.completed);
  });
});

describe('paged allocation admits more sequences than contiguous reservation at the same memory', () => {
  it('contiguous runs pool ÷ maxModelLen sequences; paged runs pool ÷ (sequence length rounded up to blocks)', () => {
    const common: ScenarioInput = {
      hardware: { kvCacheGiB: 4 },
      workload: {
        requests: 200,
        arrival: { kind: 'closed', concurrency: 64 },
        prompt: { kind: 'fixed', tokens: 1000 },
        output: { kind: 'fixed', tokens: 100 },
      },
    };
    const contiguous = simulate({ ...common, kv: { allocation: 'contiguous', maxModelLen: 8192 } });
    const paged = simulate({ ...common, kv: { allocation: 'paged', blockSize: 16, maxModelLen: 8192 } });
    const poolTokens = Math.floor((4 * GiB) / kvBytesPerToken(getModel('llama-3.1-8b'), 'bf16'));
    expect(poolTokens).toBe(32_768); // 4 GiB ÷ 128 KiB per token
    expect(contiguous.batch.peak_seqs).toBe(Math.floor(poolTokens / 8192));
    // Each sequence ends at 1,100 tokens = 69 blocks of 16: 32,768 ÷ 1,104 ≈ 29.7 fit at their longest.
    expect(paged.batch.peak_seqs).toBeGreaterThanOrEqual(Math.floor(poolTokens / 1104));
    expect(paged.results.output_throughput_tok_s).toBeGreaterThan(2 * contiguous.results.output_throughput_tok_s);
  });
});

describe('prefix caching cuts TTFT on a shared system prompt', () => {
  it('reuses the shared blocks: hit rate matches the prefix share of the prompts, and TTFT falls', () => {
    const input: ScenarioInput = { workload: { shape: 'agent', requests: 400, arrival: { kind: 'poisson', rate: 6 } } };
    const off = simulate(input);
    const on = simulate({ ...input, kv: { prefixCaching: true } });
    expect(on.results.ttft_ms.mean).toBeLessThan(off.results.ttft_ms.mean * 0.5);
    // Expected hits by hand: every request after the first finds the 1,536-token catalogue (96 full blocks).
    const s = Scenario.parse(input);
    const { seqs } = generateWorkload(s.workload, s.seed);
    const prompts = seqs.reduce((t, q) => t + q.promptTokens, 0);
    const expected = (1536 * (seqs.length - 1)) / prompts;
    expect(on.prefix_cache_hit_rate).toBeGreaterThan(expected - 0.02);
    expect(on.prefix_cache_hit_rate).toBeLessThanOrEqual(expected + 1e-9);
    expect(off.prefix_cache_hit_rate).toBeNull();
  });
});

describe('speculative decoding', () => {
  it('emits (1 − α^(k+1)) / (1 − α) tokens per step on average (Leviathan et al. 2023, eq. 1)', () => {
    for (const [k, alpha] of [
      [4, 0.7],
      [2, 0.5],
      [6, 0.9],
    ] as const) {
      const r = simulate({
        speculative: { tokens: k, acceptance: alpha },
        workload: {
          requests: 40,
          arrival: { kind: 'poisson', rate: 0.2 },
          prompt: { kind: 'fixed', tokens: 500 },
          output: { kind: 'fixed', tokens: 2000 },
        },
      });
      const expected = (1 - alpha ** (k + 1)) / (1 - alpha);
      expect(Math.abs((r.speculative?.tokens_per_step ?? 0) / expected - 1)).toBeLessThan(0.02);
      expect(r.output_tokens).toBe(40 * 2000);
    }
  });

  it('speeds up decoding at low load and stops paying at high load on short contexts (errata #7)', () => {
    const w = (concurrency: number, tokens: number): ScenarioInput => ({
      speculative: { tokens },
      workload: {
        requests: 800,
        arrival: { kind: 'closed', concurrency },
        prompt: { kind: 'fixed', tokens: 200 },
        output: { kind: 'fixed', tokens: 200 },
      },
    });
    const low = change(simulate(w(2, 0)).results.tpot_ms.p50, simulate(w(2, 4)).results.tpot_ms.p50);
    const high = change(
      simulate(w(256, 0)).results.output_throughput_tok_s,
      simulate(w(256, 4)).results.output_throughput_tok_s,
    );
    expect(low).toBeLessThan(-0.35);
    expect(high).toBeLessThan(0);
  });
});
