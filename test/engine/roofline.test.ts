import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeStep,
  GPUS,
  getGpu,
  getModel,
  InputError,
  MODELS,
  PRECISIONS,
  ridgePoint,
} from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

describe('decode ceiling', () => {
  it('reproduces the bandwidth arithmetic for Llama 3.3 70B INT8 on an H100 SXM', () => {
    const s = decodeStep(getModel('llama-3.3-70b'), getGpu('h100-sxm'), {
      weightPrecision: 'int8',
      batch: 1,
      context: 0,
    });
    const expected = PARAMS['llama-3.3-70b'].total / 3350e9;
    expect(s.stepTimeS).toBeCloseTo(expected, 12);
    expect(s.tokensPerSecondTotal).toBeCloseTo(1 / expected, 6);
    expect(s.regime).toBe('memory-bound');
  });

  it('matches the errata table: 70 GB weights + GQA KV at t=4000, b=10 take 24.8 ms', () => {
    const m = getModel('llama-3.3-70b');
    const s = decodeStep(m, getGpu('h100-sxm'), { weightPrecision: 'int8', batch: 10, context: 4000 });
    expect(s.kvBytesRead).toBe(10 * 4000 * 327_680);
    // The errata uses a rounded 70 GB of weights; the exact 70.55 GB adds 0.16 ms.
    expect((70e9 + s.kvBytesRead) / 3350e9).toBeCloseTo(0.0248, 4);
    expect(s.stepTimeS).toBeCloseTo((PARAMS['llama-3.3-70b'].total + s.kvBytesRead) / 3350e9, 12);
  });

  it('says plainly that 70B INT8 weights do not fit a 24 GB RTX 4090', () => {
    const s = decodeStep(getModel('llama-3.3-70b'), getGpu('rtx-4090'), {
      weightPrecision: 'int8',
      batch: 1,
      context: 0,
    });
    expect(s.weightsFit).toBe(false);
    const h = decodeStep(getModel('llama-3.3-70b'), getGpu('h100-sxm'), {
      weightPrecision: 'int8',
      batch: 1,
      context: 0,
    });
    expect(h.weightsFit).toBe(true);
  });

  it('tensor utilization at batch 1 is under 1%, and rises with batch', () => {
    const m = getModel('llama-3.3-70b');
    const g = getGpu('h100-sxm');
    const u1 = decodeStep(m, g, { weightPrecision: 'bf16', batch: 1, context: 1000 }).tensorUtilization;
    const u10 = decodeStep(m, g, { weightPrecision: 'bf16', batch: 10, context: 1000 }).tensorUtilization;
    expect(u1).toBeLessThan(0.01);
    expect(u10).toBeGreaterThan(5 * u1);
  });

  it('more bandwidth never lowers the ceiling (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.constantFrom(...GPUS),
        fc.constantFrom(...PRECISIONS),
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 32768 }),
        (m, g, p, factor, batch, context) => {
          const faster = { ...g, bandwidthBytesPerS: g.bandwidthBytesPerS * factor };
          const a = decodeStep(m, g, { weightPrecision: p, batch, context });
          const b = decodeStep(m, faster, { weightPrecision: p, batch, context });
          return b.tokensPerSecondTotal >= a.tokensPerSecondTotal;
        },
      ),
    );
  });

  it('refuses hostile inputs with validation errors, never a number', () => {
    const m = getModel('llama-3.1-8b');
    const g = getGpu('h100-sxm');
    const hostile = [
      { weightPrecision: 'bf16', batch: 0, context: 10 },
      { weightPrecision: 'bf16', batch: Number.NaN, context: 10 },
      { weightPrecision: 'bf16', batch: 1, context: Number.POSITIVE_INFINITY },
      { weightPrecision: 'bf16', batch: 1.5, context: 10 },
      { weightPrecision: 'bf16', batch: 1e12, context: 10 },
      { weightPrecision: 'int3', batch: 1, context: 10 },
      { weightPrecision: 'bf16', batch: '4', context: 10 },
    ];
    for (const input of hostile) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types.
      expect(() => decodeStep(m, g, input as any)).toThrow(InputError);
    }
  });
});

describe('ridge point', () => {
  it('is peak FLOPs over bandwidth (H100 SXM BF16 ≈ 295 FLOP/B)', () => {
    const g = getGpu('h100-sxm');
    expect(ridgePoint(g)).toBeCloseTo(989.4e12 / 3350e9, 9);
    expect(ridgePoint(g)).toBeGreaterThan(295);
    expect(ridgePoint(g)).toBeLessThan(296);
  });

  it('falls back to the BF16 rate where a GPU lacks FP8', () => {
    const a100 = getGpu('a100-sxm-80gb');
    expect(ridgePoint(a100, 'fp8')).toBe(ridgePoint(a100, 'bf16'));
  });
});
