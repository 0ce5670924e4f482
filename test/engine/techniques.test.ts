import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakEvenAcceptance,
  compareWeightOnlyInt4,
  expectedTokensPerStep,
  getGpu,
  getModel,
  INTERCONNECTS,
  InputError,
  pipelineBubbleFraction,
  requestCost,
  speculativeSpeedup,
  tensorParallelCost,
  usdPerMillionTokens,
} from '../../src/engine/index.ts';

describe('speculative decoding (Leviathan et al. 2023)', () => {
  it('reproduces the errata: γ = 5, c = 0.1 breaks even at α ≈ 0.33; α = 0.8 gives 2.46×', () => {
    expect(breakEvenAcceptance(5, 0.1)).toBeCloseTo(0.334, 2);
    expect(speculativeSpeedup({ acceptance: 0.8, draftTokens: 5, draftCost: 0.1 })).toBeCloseTo(2.46, 2);
  });

  it('expected tokens per step is the geometric sum 1 + α + … + α^γ', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 16 }), (a, k) => {
        let sum = 0;
        for (let i = 0; i <= k; i++) sum += a ** i;
        return Math.abs(expectedTokensPerStep(a, k) - sum) < 1e-9 * sum;
      }),
    );
    expect(expectedTokensPerStep(1, 4)).toBe(5);
    expect(expectedTokensPerStep(0, 4)).toBe(1);
  });

  it('speed-up rises with acceptance and is exactly 1 at the break-even point (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (k, c) => {
        const be = breakEvenAcceptance(k, c);
        const lo = speculativeSpeedup({ acceptance: Math.max(0, be - 0.05), draftTokens: k, draftCost: c });
        const hi = speculativeSpeedup({ acceptance: Math.min(1, be + 0.05), draftTokens: k, draftCost: c });
        const at = speculativeSpeedup({ acceptance: be, draftTokens: k, draftCost: c });
        return lo <= hi && (be === 0 || be === 1 || Math.abs(at - 1) < 1e-6);
      }),
    );
  });

  it('rejects impossible acceptance rates', () => {
    expect(() => speculativeSpeedup({ acceptance: 1.2, draftTokens: 5, draftCost: 0.1 })).toThrow(InputError);
    expect(() => expectedTokensPerStep(Number.NaN, 5)).toThrow(InputError);
    expect(() => speculativeSpeedup({ acceptance: 0.5, draftTokens: 0, draftCost: 0.1 })).toThrow(InputError);
  });
});

describe('weight-only INT4 against 16-bit', () => {
  const m = getModel('llama-3.3-70b');
  const g = getGpu('h100-sxm');
  const r = compareWeightOnlyInt4(m, g, { batches: [1, 4, 16, 64, 256, 1024, 4096] });

  it('wins by close to the bytes ratio at batch 1: dequantization hides under the loads (errata #4)', () => {
    const one = r.rows[0];
    expect(one?.int4Limit).toBe('memory');
    expect(one?.speedup).toBeGreaterThan(0.98 * r.bytesRatio);
    // A 4-bit g128 checkpoint with 16-bit embeddings streams ~3.5× fewer bytes than BF16 (Marlin's ideal is 3.87×
    // for the linear layers alone).
    expect(r.bytesRatio).toBeGreaterThan(3.4);
    expect(r.bytesRatio).toBeLessThan(3.87);
  });

  it('loses to 16-bit once the math dominates, and reports the crossover batch', () => {
    expect(r.rows.at(-1)?.speedup).toBeLessThan(1);
    expect(r.crossoverBatch).not.toBeNull();
    const at = compareWeightOnlyInt4(m, g, { batches: [r.crossoverBatch ?? 1, (r.crossoverBatch ?? 2) - 1] });
    expect(at.rows[0]?.speedup).toBeLessThanOrEqual(1);
    expect(at.rows[1]?.speedup).toBeGreaterThan(1);
  });

  it('is largest at batch 1 and stays at or below 1 beyond the crossover (every batch to 4,096)', () => {
    const all = compareWeightOnlyInt4(m, g, { batches: Array.from({ length: 4096 }, (_, i) => i + 1) });
    const speeds = all.rows.map((x) => x.speedup);
    expect(Math.max(...speeds)).toBe(speeds[0]);
    for (const row of all.rows)
      if (row.batch >= (all.crossoverBatch ?? Number.POSITIVE_INFINITY)) expect(row.speedup).toBeLessThanOrEqual(1);
  });
});

describe('parallelism', () => {
  it('a ring all-reduce sends 2 (tp − 1)/tp of the message per GPU, twice per layer', () => {
    const m = getModel('llama-3.3-70b');
    const c = tensorParallelCost(m, {
      tp: 4,
      batch: 8,
      linkBytesPerS: INTERCONNECTS.nvlink4.bytesPerS,
      allReduceLatencyS: 0,
    });
    expect(c.allReducesPerStep).toBe(160);
    expect(c.messageBytes).toBe(8 * 8192 * 2);
    expect(c.bytesSentPerGpu).toBe((2 * 3 * 8 * 8192 * 2) / 4);
    expect(c.commTimePerStepS).toBeCloseTo((160 * c.bytesSentPerGpu) / 450e9, 15);
    expect(c.kvBytesPerTokenPerRank).toBe(327_680 / 4);
    expect(tensorParallelCost(m, { tp: 1, linkBytesPerS: 1e9 }).commTimePerStepS).toBe(0);
  });

  it('pipeline bubbles: (p − 1)/(m + p − 1); one micro-batch idles all stages but one', () => {
    expect(pipelineBubbleFraction(4, 1)).toBe(0.75);
    expect(pipelineBubbleFraction(4, 13)).toBe(3 / 16);
    expect(pipelineBubbleFraction(1, 1)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 512 }), (p, mb) => {
        const b = pipelineBubbleFraction(p, mb);
        return b >= 0 && b < 1 && pipelineBubbleFraction(p, mb + 1) <= b;
      }),
    );
    expect(() => pipelineBubbleFraction(0, 4)).toThrow(InputError);
  });
});

describe('money', () => {
  it('$/MTok = price per hour ÷ (tokens/s × 3,600) × 10⁶', () => {
    // $2.49/h at 1,500 tokens/s: 2.49 / 5,400,000 × 10⁶ = $0.4611.
    expect(usdPerMillionTokens(2.49, 1500)).toBeCloseTo(0.461111, 6);
    // Errata E004-43: on the same hardware $/MTok scales with 1/throughput: $8 at 300 tok/s → $2.40 at 1,000.
    const price = (8 * 300 * 3600) / 1e6;
    expect(usdPerMillionTokens(price, 1000)).toBeCloseTo(2.4, 10);
  });

  it('cost per request splits into prefill and decode shares of the machine', () => {
    const c = requestCost({
      usdPerHour: 3.6,
      promptTokens: 2000,
      outputTokens: 500,
      prefillTokensPerS: 10_000,
      decodeTokensPerS: 1000,
    });
    expect(c.prefillUsd).toBeCloseTo(0.2 * 0.001, 12);
    expect(c.decodeUsd).toBeCloseTo(0.5 * 0.001, 12);
    expect(c.totalUsd).toBeCloseTo(c.prefillUsd + c.decodeUsd, 15);
  });

  it('doubling throughput halves $/MTok (property) and hostile prices are refused', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (p, t) =>
          Math.abs(usdPerMillionTokens(p, 2 * t) * 2 - usdPerMillionTokens(p, t)) < 1e-9 * usdPerMillionTokens(p, t),
      ),
    );
    for (const [p, t] of [
      [0, 100],
      [-1, 100],
      [2, 0],
      [Number.NaN, 1],
      [2, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(() => usdPerMillionTokens(p, t)).toThrow(InputError);
    }
  });
});
