// The sanity laws of issue 4: each checks the simulator against something computed another way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStep, GPUS, getGpu, getModel, InputError, MODELS, prefillTime } from '../../src/engine/index.ts';
import { type ScenarioInput, simulate } from '../../src/engine/sim/index.ts';
import { runRaw } from './helpers.ts';

describe('at batch 1 with no queue, the inter-token gap is the engine step time', () => {
  it('equals decodeStep() at every context, for any catalog model, GPU and precision that fits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS.map((m) => m.id)),
        fc.constantFrom(...GPUS.map((g) => g.id)),
        fc.constantFrom('bf16', 'fp8', 'int8', 'int4' as const),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (model, gpu, precision, prompt, output, eff, overheadMs) => {
          const input: ScenarioInput = {
            model,
            gpu,
            weightPrecision: precision,
            kvPrecision: 'bf16',
            hardware: { bandwidthEfficiency: eff, stepOverheadMs: overheadMs },
            kv: { maxModelLen: 4096 },
            workload: { trace: [{ arrivalS: 0.5, promptTokens: prompt, outputTokens: output }] },
          };
          let raw: ReturnType<typeof runRaw>;
          try {
            raw = runRaw(input);
          } catch (e) {
            fc.pre(!(e instanceof InputError)); // the weights do not fit this GPU: not a batch-1 case
            throw e;
          }
          const gaps = raw.record.itlValues;
          expect(gaps.length).toBe(output - 1);
          for (let j = 1; j < output; j++) {
            // Decode step j feeds the j-th output token; the cache then holds the prompt and j − 1 outputs.
            const ref = decodeStep(getModel(model), getGpu(gpu), {
              weightPrecision: precision,
              kvPrecision: 'bf16',
              batch: 1,
              context: prompt + j - 1,
              bandwidthEfficiency: eff,
            });
            expect(gaps[j - 1]).toBeCloseTo(ref.stepTimeS + overheadMs / 1000, 12);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('holds when requests are spaced far apart (each finds an idle replica)', () => {
    const r = simulate({
      hardware: { stepOverheadMs: 0 },
      workload: {
        trace: [0, 100, 200].map((t) => ({ arrivalS: t, promptTokens: 1000, outputTokens: 50 })),
      },
    });
    const first = decodeStep(getModel('llama-3.1-8b'), getGpu('h100-sxm'), {
      weightPrecision: 'bf16',
      batch: 1,
      context: 1000,
      bandwidthEfficiency: 0.8,
    }).stepTimeS;
    expect(r.results.itl_ms.p50).toBeGreaterThan(first * 1000);
    expect(r.results.itl_ms.p50).toBeLessThan(first * 1000 * 1.01); // context grows by 49 tokens at most
    expect(r.stages.queue_ms.p99).toBe(0);
  });
});

describe('a lone prompt takes the engine prefill time to its first token', () => {
  it('matches prefillTime() within 1% for compute-bound prompts, for any catalog model, GPU and precision that fits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS.map((m) => m.id)),
        fc.constantFrom(...GPUS.map((g) => g.id)),
        fc.constantFrom('bf16', 'fp8', 'int4' as const),
        fc.integer({ min: 1024, max: 4096 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (model, gpu, precision, prompt, mfu) => {
          const input: ScenarioInput = {
            model,
            gpu,
            weightPrecision: precision,
            kvPrecision: 'bf16',
            hardware: { computeEfficiency: mfu, stepOverheadMs: 0 },
            kv: { maxModelLen: 4200 },
            scheduler: { kind: 'continuous', maxNumBatchedTokens: 8192 },
            workload: { trace: [{ arrivalS: 0, promptTokens: prompt, outputTokens: 2 }] },
          };
          let ttftMs: number;
          try {
            ttftMs = simulate(input).results.ttft_ms.p50;
          } catch (e) {
            fc.pre(!(e instanceof InputError));
            throw e;
          }
          const ref = prefillTime(getModel(model), getGpu(gpu), {
            promptTokens: prompt,
            weightPrecision: precision,
            kvPrecision: 'bf16',
            computeEfficiency: mfu,
            bandwidthEfficiency: 0.8,
          });
          fc.pre(ref.regime === 'compute-bound');
          expect(Math.abs(ttftMs / 1000 / ref.timeS - 1)).toBeLessThan(0.01);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('throughput stops rising once the KV pool or the token budget is the limit', () => {
  const fixed = (concurrency: number, extra: ScenarioInput = {}): ScenarioInput => ({
    ...extra,
    workload: {
      requests: 300,
      arrival: { kind: 'closed', concurrency },
      prompt: { kind: 'fixed', tokens: 1000 },
      output: { kind: 'fixed', tokens: 200 },
    },
  });
  const tput = (s: ScenarioInput) => simulate(s).results.output_throughput_tok_s;

  it('KV pool: 2 GiB holds about 13 sequences of 1,200 tokens; beyond that, more users add nothing', () => {
    const small = { hardware: { kvCacheGiB: 2 } };
    const t = [1, 2, 4, 8, 16, 32, 64].map((c) => tput(fixed(c, small)));
    expect(t[1] as number).toBeGreaterThan(1.5 * (t[0] as number));
    expect(t[3] as number).toBeGreaterThan(1.3 * (t[2] as number));
    const plateau = Math.max(t[4] as number, t[5] as number);
    expect(t[6] as number).toBeLessThanOrEqual(plateau * 1.03);
    // Capacity by hand: 2 GiB ÷ (2 × 32 layers × 8 KV heads × 128 × 2 B) = 16,384 tokens.
    const r = simulate(fixed(64, small));
    expect(r.setup.kv_pool_tokens).toBe(16_384);
    expect(r.kv.peak_used).toBeGreaterThan(0.97);
    expect(r.batch.peak_seqs).toBeLessThanOrEqual(Math.ceil(16_384 / 1000));
  });

  it('token budget: with 32 tokens per step, decode-heavy traffic stops gaining beyond 32 users', () => {
    const capped = { scheduler: { kind: 'continuous' as const, maxNumBatchedTokens: 32 } };
    const short = (n: number): ScenarioInput => ({
      ...capped,
      workload: {
        requests: 300,
        arrival: { kind: 'closed', concurrency: n },
        prompt: { kind: 'fixed', tokens: 16 },
        output: { kind: 'fixed', tokens: 400 },
      },
    });
    const [t8, t16, t32, t64, t128] = [8, 16, 32, 64, 128].map((n) => tput(short(n))) as number[];
    expect(t16 as number).toBeGreaterThan(1.8 * (t8 as number));
    expect(Math.abs((t64 as number) / (t32 as number) - 1)).toBeLessThan(0.03);
    expect(Math.abs((t128 as number) / (t32 as number) - 1)).toBeLessThan(0.03);
    expect(simulate(short(128)).batch.mean_tokens).toBeLessThanOrEqual(32);
  });

  it('sequence limit: with max_num_seqs 8, 8, 16 and 64 users give the same throughput', () => {
    const capped = { scheduler: { kind: 'continuous' as const, maxNumSeqs: 8 } };
    const [a, b, c] = [8, 16, 64].map((n) => tput(fixed(n, capped))) as [number, number, number];
    expect(Math.abs(b / a - 1)).toBeLessThan(0.03);
    expect(Math.abs(c / a - 1)).toBeLessThan(0.03);
    expect(tput(fixed(4, capped))).toBeLessThan(a * 0.8);
  });
});

describe("Little's law: mean requests in system = throughput × mean latency", () => {
  it('holds within 2% on a long open-loop run, measuring occupancy from the step series', () => {
    const input: ScenarioInput = { seed: 3, workload: { requests: 3000, arrival: { kind: 'poisson', rate: 6 } } };
    const { record } = runRaw(input);
    const r = simulate(input);
    const s = record.series;
    let area = 0;
    for (let i = 0; i < s.startS.length; i++) area += (s.inSystem[i] as number) * (s.durationS[i] as number);
    const meanInSystem = area / r.results.duration_s;
    const lambdaW = r.results.request_throughput_req_s * (r.results.e2e_ms.mean / 1000);
    expect(Math.abs(meanInSystem / lambdaW - 1)).toBeLessThan(0.02);
    expect(meanInSystem).toBeGreaterThan(5); // a loaded system, not a trivial one
  });

  it('holds for a closed loop, where the number in system is the number of users', () => {
    const input: ScenarioInput = { workload: { requests: 1500, arrival: { kind: 'closed', concurrency: 24 } } };
    const r = simulate(input);
    const lambdaW = r.results.request_throughput_req_s * (r.results.e2e_ms.mean / 1000);
    // Users send their next request the instant one completes, so 24 are always in the system (until the end).
    expect(Math.abs(lambdaW / 24 - 1)).toBeLessThan(0.02);
  });
});

describe('no request is lost or double-counted', () => {
  it('every request completes once with exactly its output tokens, also under heavy preemption', () => {
    const input: ScenarioInput = {
      hardware: { kvCacheGiB: 1.5 },
      workload: { requests: 400, arrival: { kind: 'poisson', rate: 5 } },
    };
    const { record, kv } = runRaw(input);
    const seqs = record.seqs;
    expect(record.totals.preemptions).toBeGreaterThan(20);
    expect(new Set(seqs.map((q) => q.id)).size).toBe(400);
    let expectedComputed = 0;
    let expectedGaps = 0;
    for (const q of seqs) {
      expect(q.state).toBe('finished');
      expect(q.generated).toBe(q.outputTokens);
      expect(q.firstScheduledS).toBeGreaterThanOrEqual(q.arrivalS);
      expect(q.firstTokenS).toBeGreaterThan(q.firstScheduledS);
      expect(q.finishS).toBeGreaterThanOrEqual(q.firstTokenS);
      expectedComputed += q.promptTokens + q.outputTokens - 1;
      expectedGaps += q.outputTokens - 1;
    }
    // Every token position is computed once, plus what preemption threw away and recomputed.
    expect(record.totals.computedTokens).toBe(expectedComputed + record.totals.recomputedTokens);
    let gaps = 0;
    for (const c of record.itlCounts) gaps += c;
    expect(gaps).toBe(expectedGaps);
    expect(kv.usedBlocks()).toBe(0); // every block given back
    const r = simulate(input);
    expect(r.results.completed + r.results.failed).toBe(400);
    expect(r.output_tokens).toBe(seqs.reduce((s, q) => s + q.outputTokens, 0));
  });

  it('rejects requests longer than maxModelLen as failed, once, and serves the rest', () => {
    const r = simulate({
      kv: { maxModelLen: 2048 },
      workload: {
        trace: [
          { arrivalS: 0, promptTokens: 1000, outputTokens: 100 },
          { arrivalS: 0.1, promptTokens: 2000, outputTokens: 100 },
          { arrivalS: 0.2, promptTokens: 500, outputTokens: 10 },
        ],
      },
    });
    expect(r.results.completed).toBe(2);
    expect(r.results.failed).toBe(1);
    expect(r.failures[0]?.reason).toMatch(/exceed maxModelLen \(2048\)/);
  });
});

describe('determinism', () => {
  it('same scenario and seed give an identical result; another seed gives another', () => {
    const s: ScenarioInput = {
      seed: 11,
      workload: { requests: 200, arrival: { kind: 'gamma', rate: 5, burstiness: 0.5 } },
    };
    expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(simulate(s)));
    expect(simulate({ ...s, seed: 12 }).results.e2e_ms.mean).not.toBe(simulate(s).results.e2e_ms.mean);
  });
});
