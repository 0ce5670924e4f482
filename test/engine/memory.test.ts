import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesPerElement,
  getModel,
  kvBytesForContext,
  kvBytesPerToken,
  MODELS,
  modelFromConfig,
  paramCounts,
  weightBytes,
  weightBytesReadPerStep,
} from '../../src/engine/index.ts';
import { LLAMA_8B_PER_LAYER, PARAMS } from '../fixtures/reference.ts';

describe('parameter counts', () => {
  it('match the hand-derived totals', () => {
    expect(paramCounts(getModel('llama-3.1-8b')).total).toBe(PARAMS['llama-3.1-8b'].total);
    expect(paramCounts(getModel('llama-3.3-70b')).total).toBe(PARAMS['llama-3.3-70b'].total);
    expect(32 * LLAMA_8B_PER_LAYER + 2 * 128256 * 4096 + 4096).toBe(PARAMS['llama-3.1-8b'].total);
  });

  it('count MoE active parameters as shared + k experts, not total / E × k', () => {
    const m = getModel('mixtral-8x7b');
    const c = paramCounts(m);
    expect(c.total).toBe(PARAMS['mixtral-8x7b'].total);
    expect(c.active).toBe(PARAMS['mixtral-8x7b'].active);
    // The naive formula is off by over a billion parameters.
    expect(Math.abs((c.total / 8) * 2 - c.active)).toBeGreaterThan(1e9);
  });
});

describe('KV bytes per token', () => {
  it('uses KV heads (GQA), matching the hand-derived figure for every catalog model', () => {
    for (const [id, ref] of Object.entries(PARAMS)) expect(kvBytesPerToken(getModel(id))).toBe(ref.kv);
  });

  it('is 8x smaller than the MHA formula for Llama 3.3 70B (0.33 MB, not 2.6 MB)', () => {
    const m = getModel('llama-3.3-70b');
    const mha = 2 * m.layers * m.hiddenSize * 2;
    expect(mha / kvBytesPerToken(m)).toBe(8);
  });

  it('scales with KV precision', () => {
    const m = getModel('llama-3.1-8b');
    expect(kvBytesPerToken(m, 'fp8')).toBe(kvBytesPerToken(m) / 2);
  });

  it('caps sliding-window layers at the window', () => {
    const m = getModel('mistral-7b-v0.1');
    expect(kvBytesForContext(m, 4096)).toBe(4096 * kvBytesPerToken(m));
    expect(kvBytesForContext(m, 32768)).toBe(4096 * kvBytesPerToken(m));
  });

  it('grows with context and never shrinks (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.nat(200_000), fc.nat(200_000), (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return kvBytesForContext(m, lo) <= kvBytesForContext(m, hi);
      }),
    );
  });

  it('matches an independent per-layer sum on random GQA configs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(64, 80, 128, 256),
        (layers, kvHeads, group, headDim) => {
          const heads = kvHeads * group;
          const m = modelFromConfig(
            {
              model_type: 'llama',
              hidden_size: heads * headDim,
              intermediate_size: 1024,
              num_hidden_layers: layers,
              num_attention_heads: heads,
              num_key_value_heads: kvHeads,
              vocab_size: 1000,
              max_position_embeddings: 4096,
              torch_dtype: 'bfloat16',
            },
            { id: 'r', name: 'r' },
          );
          let perLayer = 0;
          for (let i = 0; i < layers; i++) perLayer += 2 * kvHeads * headDim * 2; // K and V, bf16
          return kvBytesPerToken(m) === perLayer;
        },
      ),
    );
  });
});

describe('weights', () => {
  it('are parameters × bytes per element', () => {
    const m = getModel('llama-3.3-70b');
    expect(weightBytes(m, 'int8')).toBe(PARAMS['llama-3.3-70b'].total);
    expect(weightBytes(m, 'bf16')).toBe(2 * PARAMS['llama-3.3-70b'].total);
    expect(weightBytes(m, 'int4')).toBe(PARAMS['llama-3.3-70b'].total * bytesPerElement('int4'));
  });

  it('an MoE decode step reads more experts as the batch grows (1 − (1 − k/E)^B)', () => {
    const m = getModel('mixtral-8x7b');
    const b1 = weightBytesReadPerStep(m, 'bf16', 1);
    expect(b1).toBe(PARAMS['mixtral-8x7b'].active * 2);
    const b16 = weightBytesReadPerStep(m, 'bf16', 16);
    expect(b16 / weightBytes(m, 'bf16')).toBeGreaterThan(0.98);
  });
});
