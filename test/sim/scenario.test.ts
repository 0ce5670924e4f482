import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/engine/index.ts';
import { prepare, type ScenarioInput, simulate } from '../../src/engine/sim/index.ts';

function issue(input: unknown): { field: string; message: string } {
  try {
    prepare(input as ScenarioInput);
  } catch (e) {
    if (e instanceof InputError) return e.issues[0] as { field: string; message: string };
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('scenario validation names the field, the value and what is allowed', () => {
  it('fills every default from an empty scenario', () => {
    const s = prepare({}).scenario;
    expect(s.model).toBe('llama-3.1-8b');
    expect(s.weightPrecision).toBe('bf16');
    expect(s.kv.maxModelLen).toBe(8192);
    // vllm serve's defaults for a card of 70 GiB or more (the engine's capacity model): 8,192 tokens, 1,024 sequences.
    expect(s.scheduler).toEqual({
      kind: 'continuous',
      maxNumSeqs: 1024,
      maxNumBatchedTokens: 8192,
      chunkedPrefill: true,
    });
    expect(prepare({ gpu: 'l40s' }).scenario.scheduler).toMatchObject({ maxNumSeqs: 256, maxNumBatchedTokens: 2048 });
    // Without chunked prefill the budget rises so any prompt fits a step.
    const whole = prepare({ kv: { maxModelLen: 16_384 }, scheduler: { kind: 'continuous', chunkedPrefill: false } });
    expect(whole.scenario.scheduler).toMatchObject({ maxNumBatchedTokens: 16_384 });
    expect(s.workload.arrival).toEqual({ kind: 'poisson', rate: 4 });
  });

  it.each([
    [{ model: 'gpt-9' }, 'model', /unknown id "gpt-9"/],
    [{ workload: { arrival: { kind: 'poisson', rate: -1 } } }, 'workload.arrival.rate', /above 0 \(got -1\)/],
    [{ workload: { arrival: { kind: 'sometimes' } } }, 'workload.arrival.kind', /poisson, gamma, closed/],
    [{ workload: { requests: 0 } }, 'workload.requests', /at least 1/],
    [{ kv: { blockSize: 1.5 } }, 'kv.blockSize', /whole number/],
    [{ kv: { maxModelLen: 200_000 } }, 'kv.maxModelLen', /exceeds Llama 3.1 8B's context of 131072/],
    [{ hardware: { kvCacheGiB: 0.01 } }, 'kv.maxModelLen', /do not fit the KV pool of 81 tokens/],
    [
      { scheduler: { kind: 'continuous', chunkedPrefill: false, maxNumBatchedTokens: 2048 } },
      'scheduler.maxNumBatchedTokens',
      /without chunked prefill a whole prompt must fit/,
    ],
    [{ model: 'llama-3.3-70b', gpu: 'l40s' }, 'model', /needs 131\.\d\d GiB of weights per GPU/],
    [{ model: 'llama-3.3-70b', tensorParallel: 3 }, 'tensorParallel', /3 does not divide num_attention_heads \(64\)/],
    [{ weightPrecision: 'fp6' }, 'weightPrecision', /one of fp32, bf16/],
    [
      { workload: { trace: [{ arrivalS: 0, promptTokens: 10, outputTokens: 5, prefixId: 1, prefixTokens: 10 }] } },
      'workload.trace.0.prefixTokens',
      /must be below promptTokens/,
    ],
    [{ speculative: { tokens: 4, acceptance: 1.2 } }, 'speculative.acceptance', /at most 1/],
  ])('%j → %s', (input, field, message) => {
    const i = issue(input);
    expect(i.field).toBe(field);
    expect(i.message).toMatch(message);
  });

  it('shards weights over tensor-parallel ranks: 70B in BF16 loads on two H100s but leaves too little KV; four serve', () => {
    expect(issue({ model: 'llama-3.3-70b' }).field).toBe('model');
    expect(issue({ model: 'llama-3.3-70b', tensorParallel: 2 })).toMatchObject({
      field: 'kv.maxModelLen',
      message: expect.stringMatching(/do not fit the KV pool of [\d,]+ tokens/),
    });
    const r = simulate({ model: 'llama-3.3-70b', tensorParallel: 4, workload: { requests: 20 } });
    // Each GPU holds a quarter of the 70,553,706,496 BF16 parameters (norms, a few MB, are replicated).
    expect(Math.abs(r.setup.weight_gib_per_gpu / ((70_553_706_496 * 2) / 4 / 2 ** 30) - 1)).toBeLessThan(0.001);
    expect(r.results.completed).toBe(20);
  });
});
