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
    expect(s.scheduler).toEqual({
      kind: 'continuous',
      maxNumSeqs: 256,
      maxNumBatchedTokens: 2048,
      chunkedPrefill: true,
    });
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
    [{ model: 'llama-3.3-70b', tensorParallel: 3 }, 'tensorParallel', /does not divide the model's 64 attention heads/],
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

  it('shards weights over tensor parallel ranks: 70B in BF16 fits two H100s, not one', () => {
    expect(issue({ model: 'llama-3.3-70b' }).field).toBe('model');
    const r = simulate({ model: 'llama-3.3-70b', tensorParallel: 2, workload: { requests: 20 } });
    expect(r.setup.weight_gib_per_gpu).toBeCloseTo((70_553_706_496 * 2) / 2 / 2 ** 30, 6);
    expect(r.results.completed).toBe(20);
  });
});
