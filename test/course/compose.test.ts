import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxBatchInMemory, prefillEstimate, prefillFlops, trainingStateBytes } from '../../src/course/compose.ts';
import { flopsPerToken, getGpu, getModel, MODELS } from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

describe('compositions the chapters use until the engine has them', () => {
  it('training state is 16 bytes per parameter (errata #3: 1,129 GB for the exact 70B)', () => {
    const bytes = trainingStateBytes(getModel('llama-3.3-70b'));
    expect(bytes).toBe(16 * PARAMS['llama-3.3-70b'].total);
    expect(bytes / 1e9).toBeCloseTo(1128.86, 2);
  });

  it('prefill FLOPs match the closed form for a full-attention model: 2·P·N + 4·L·h·d·N(N−1)/2', () => {
    // Llama 3.1 8B: 32 layers, 32 heads × 128 dims, dense, every layer attends to everything before it.
    for (const n of [1, 2, 17, 1000, 4096]) {
      const expected = 2 * PARAMS['llama-3.1-8b'].total * n + 4 * 32 * 32 * 128 * ((n * (n - 1)) / 2);
      expect(prefillFlops(getModel('llama-3.1-8b'), n) / expected).toBeCloseTo(1, 12);
    }
  });

  it('prefill FLOPs equal the token-by-token sum, sliding windows included (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.integer({ min: 1, max: 9000 }), (m, n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += flopsPerToken(m, i);
        return Math.abs(prefillFlops(m, n) - sum) <= 1e-9 * sum;
      }),
      { numRuns: 60 },
    );
  });

  it('a long prefill is compute-bound and a one-token prefill is memory-bound', () => {
    const m = getModel('llama-3.1-8b');
    const g = getGpu('h100-sxm');
    expect(prefillEstimate(m, g, 'bf16', 4096).regime).toBe('compute-bound');
    const one = prefillEstimate(m, g, 'bf16', 1);
    expect(one.regime).toBe('memory-bound');
    expect(one.timeS).toBeCloseTo((2 * PARAMS['llama-3.1-8b'].total + PARAMS['llama-3.1-8b'].kv) / 3350e9, 12);
  });

  it('max batch by hand: Llama 3.1 8B BF16 on an H100 at 4,096 tokens per sequence', () => {
    const free = 81559 * 2 ** 20 - 2 * PARAMS['llama-3.1-8b'].total;
    const expected = Math.floor(free / (PARAMS['llama-3.1-8b'].kv * 4096));
    expect(maxBatchInMemory(getModel('llama-3.1-8b'), getGpu('h100-sxm'), 'bf16', 4096)).toBe(expected);
    expect(maxBatchInMemory(getModel('llama-3.3-70b'), getGpu('rtx-4090'), 'int8', 1000)).toBe(0);
  });
});
