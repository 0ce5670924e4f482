import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_MODELS,
  computeBoundBatch,
  decodeStep,
  GPUS,
  getGpu,
  getModel,
  prefillTime,
  smallestComputeBoundPrompt,
} from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

describe('computeBoundBatch: where decode turns compute-bound', () => {
  it('matches the closed form b > R·W / (F − R·K·c) for dense Llamas (hand-counted parameters, no decodeStep)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('llama-3.1-8b', 'llama-3.3-70b') as fc.Arbitrary<'llama-3.1-8b' | 'llama-3.3-70b'>,
        fc.constantFrom(...GPUS),
        fc.integer({ min: 1, max: 1024 }),
        (id, gpu, context) => {
          const m = getModel(id);
          const ref = PARAMS[id];
          // 2 FLOPs per parameter plus QKᵀ and AV (4 × heads × head_dim per attended position per layer).
          const F = 2 * ref.total + 4 * m.layers * m.heads * m.headDim * context;
          const W = ref.total * 2;
          const Kc = ref.kv * context;
          const R = gpu.denseOpsPerS.bf16 / gpu.bandwidthBytesPerS;
          const got = computeBoundBatch(m, gpu, { weightPrecision: 'bf16', context });
          // compute-bound when b·F/peak > (W + b·Kc)/bw, i.e. b·(F − R·Kc) > R·W.
          const expected = F > R * Kc ? Math.floor((R * W) / (F - R * Kc)) + 1 : Number.POSITIVE_INFINITY;
          if (expected > 4096) expect(got).toBeNull();
          else expect(Math.abs((got as number) - expected)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns a batch that is compute-bound while the one before it is not', () => {
    const m = getModel('mixtral-8x7b');
    const g = getGpu('h100-sxm');
    const b = computeBoundBatch(m, g, { weightPrecision: 'bf16', context: 128 }) as number;
    expect(b).toBeGreaterThan(1);
    expect(decodeStep(m, g, { weightPrecision: 'bf16', batch: b, context: 128 }).regime).toBe('compute-bound');
    expect(decodeStep(m, g, { weightPrecision: 'bf16', batch: b - 1, context: 128 }).regime).toBe('memory-bound');
  });

  it('is null when long contexts keep every batch memory-bound', () => {
    expect(
      computeBoundBatch(getModel('llama-3.1-8b'), getGpu('h100-sxm'), { weightPrecision: 'bf16', context: 32_768 }),
    ).toBeNull();
  });
});

describe('smallestComputeBoundPrompt: the shortest compute-bound prefill', () => {
  it('is the boundary: that prompt is compute-bound and one token fewer is not, for every base model on an H100', () => {
    const g = getGpu('h100-sxm');
    for (const m of BASE_MODELS) {
      const n = smallestComputeBoundPrompt(m, g, { weightPrecision: 'bf16' });
      expect(n, m.id).not.toBeNull();
      const at = (promptTokens: number) => prefillTime(m, g, { weightPrecision: 'bf16', promptTokens }).regime;
      expect(at(n as number), m.id).toBe('compute-bound');
      if ((n as number) > 1) expect(at((n as number) - 1), m.id).toBe('memory-bound');
    }
  });

  it('comes at a shorter prompt when sustained compute falls further below peak than bandwidth does', () => {
    const m = getModel('llama-3.1-8b');
    const g = getGpu('h100-sxm');
    const peak = smallestComputeBoundPrompt(m, g, { weightPrecision: 'bf16' }) as number;
    const sustained = smallestComputeBoundPrompt(m, g, {
      weightPrecision: 'bf16',
      computeEfficiency: 0.5,
      bandwidthEfficiency: 0.9,
    }) as number;
    expect(sustained).toBeLessThan(peak);
  });
});
