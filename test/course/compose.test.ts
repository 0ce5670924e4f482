// The chapter-level compositions of engine primitives, checked against independent formulations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kvPoolBytes, prefillFlops, prefillSecondsAtPeak } from '../../src/course/facts/compose.ts';
import { getGpu, getModel, MODELS } from '../../src/engine/catalog/index.ts';
import { flopsPerToken } from '../../src/engine/roofline.ts';
import { GiB, MiB } from '../../src/engine/units.ts';

const fullAttention = MODELS.filter((m) => m.layerWindows.every((w) => w === null));

describe('prefillFlops', () => {
  it('equals the token-by-token sum of FLOPs per token (full attention)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fullAttention), fc.integer({ min: 1, max: 3000 }), (m, n) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += flopsPerToken(m, i);
        return Math.abs(prefillFlops(m, n) - sum) / sum < 1e-9;
      }),
      { numRuns: 60 },
    );
  });

  it('matches the hand formula 2·P·n + 4·heads·head_dim·layers·n(n−1)/2 for Llama 3.1 8B', () => {
    // shared/course/model-configs.json: 8,030,261,248 parameters, 32 layers, 32 heads × 128.
    const n = 32768;
    const hand = 2 * 8_030_261_248 * n + 4 * 32 * 128 * 32 * ((n * (n - 1)) / 2);
    expect(prefillFlops(getModel('llama-3.1-8b'), n) / hand).toBeCloseTo(1, 9);
  });

  it('turns FLOPs into time at the dense peak of the weight format', () => {
    const m = getModel('llama-3.1-8b');
    const h100 = getGpu('h100-sxm');
    expect(prefillSecondsAtPeak(m, h100, 4096, 'bf16')).toBeCloseTo(prefillFlops(m, 4096) / 989.4e12, 12);
    expect(prefillSecondsAtPeak(m, h100, 4096, 'fp8')).toBeCloseTo(prefillFlops(m, 4096) / 1978.9e12, 12);
  });
});

describe('kvPoolBytes', () => {
  it('is 0.9 of nvidia-smi memory minus the weights (Llama 3.1 8B BF16 on an H100 SXM)', () => {
    const pool = kvPoolBytes(getModel('llama-3.1-8b'), getGpu('h100-sxm'), 'bf16');
    expect(pool).toBeCloseTo(0.9 * 81559 * MiB - 2 * 8_030_261_248, 0);
    expect(pool / GiB).toBeGreaterThan(56);
    expect(pool / GiB).toBeLessThan(57);
  });

  it('shrinks when the utilization share does', () => {
    const m = getModel('qwen3-8b');
    const g = getGpu('l40s');
    expect(kvPoolBytes(m, g, 'bf16', 0.8)).toBeLessThan(kvPoolBytes(m, g, 'bf16'));
  });
});
