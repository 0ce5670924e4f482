import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getModel, InputError, kvBytesPerToken, modelFromConfig, paramCounts } from '../../src/engine/index.ts';

const LLAMA = {
  model_type: 'llama',
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 131072,
  torch_dtype: 'bfloat16',
};
const FIELDS = Object.keys(LLAMA).filter((k) => k !== 'model_type' && k !== 'torch_dtype') as (keyof typeof LLAMA)[];
const HOSTILE = [
  -1,
  0,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e12,
  '4096',
  null,
  [],
  {},
  true,
];

describe('hostile config.json values produce validation errors, not numbers', () => {
  it('any architecture field set to a hostile value is refused, naming the field (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), fc.constantFrom(...HOSTILE), (field, value) => {
        try {
          modelFromConfig({ ...LLAMA, [field]: value }, { id: 'h', name: 'h' });
          return false;
        } catch (e) {
          return e instanceof InputError && e.message.includes(field);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a config that is not an object at all is refused', () => {
    for (const raw of [null, 42, 'llama', [], undefined])
      expect(() => modelFromConfig(raw, { id: 'h', name: 'h' })).toThrow(InputError);
  });

  it('valid random GQA configs give finite, positive figures (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(64, 96, 128, 256),
        (layers, kvHeads, group, headDim) => {
          const m = modelFromConfig(
            {
              ...LLAMA,
              num_hidden_layers: layers,
              num_key_value_heads: kvHeads,
              num_attention_heads: kvHeads * group,
              head_dim: headDim,
            },
            { id: 'r', name: 'r' },
          );
          const kv = kvBytesPerToken(m);
          const p = paramCounts(m);
          return (
            Number.isFinite(kv) && kv === 2 * layers * kvHeads * headDim * 2 && Number.isFinite(p.total) && p.total > 0
          );
        },
      ),
    );
  });

  it('existing catalog models still read', () => {
    expect(getModel('llama-3.1-8b').layers).toBe(32);
  });
});
