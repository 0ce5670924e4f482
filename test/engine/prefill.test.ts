import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeStep,
  flopsPerToken,
  getGpu,
  getModel,
  InputError,
  MODELS,
  paramCounts,
  prefillTime,
} from '../../src/engine/index.ts';

describe('prefill', () => {
  const m = getModel('llama-3.1-8b');
  const g = getGpu('h100-sxm');

  it('FLOPs = 2 × active params × tokens + causal attention 4 × heads × head_dim × layers × P(P+1)/2', () => {
    const p = prefillTime(m, g, { promptTokens: 1000, weightPrecision: 'bf16' });
    const attention = 4 * 32 * 128 * 32 * ((1000 * 1001) / 2);
    expect(p.attentionFlops).toBe(attention);
    expect(p.flops).toBe(2 * paramCounts(m).active * 1000 + attention);
    expect(p.regime).toBe('compute-bound');
    expect(p.timeS).toBeCloseTo(p.flops / 989.4e12, 12);
  });

  it('sliding-window layers cap the attention each token pays (Mistral 7B, window 4,096)', () => {
    const mistral = getModel('mistral-7b-v0.1');
    const p = prefillTime(mistral, g, { promptTokens: 8192, weightPrecision: 'bf16' });
    const perLayer = (4096 * 4097) / 2 + (8192 - 4096) * 4096;
    expect(p.attentionFlops).toBe(4 * 32 * 128 * 32 * perLayer);
  });

  it('a one-token prompt is memory-bound like a decode step', () => {
    const p = prefillTime(m, g, { promptTokens: 1, weightPrecision: 'bf16' });
    expect(p.regime).toBe('memory-bound');
  });

  it('takes longer for longer prompts and shorter with a faster card (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.integer({ min: 1, max: 50_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        (model, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const t = (n: number, gpu = g) => prefillTime(model, gpu, { promptTokens: n, weightPrecision: 'bf16' }).timeS;
          return t(lo) <= t(hi) && t(hi, getGpu('b200')) <= t(hi);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects hostile inputs', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) {
      expect(() => prefillTime(m, g, { promptTokens: bad, weightPrecision: 'bf16' })).toThrow(InputError);
    }
    expect(() => prefillTime(m, g, { promptTokens: 10, weightPrecision: 'bf16', computeEfficiency: 0 })).toThrow(
      InputError,
    );
  });
});

describe('decode additions', () => {
  it('attention FLOPs grow with context: errata E001-2 — at 131,072 tokens Llama-3.3-70B attention exceeds 2P', () => {
    const m = getModel('llama-3.3-70b');
    const attention = flopsPerToken(m, 131072) - flopsPerToken(m, 0);
    expect(attention).toBe(4 * 80 * 131072 * 8192);
    expect(attention).toBeGreaterThan(flopsPerToken(m, 0));
  });

  it('MLA attention counts 192-wide keys and 128-wide values per head', () => {
    const m = getModel('deepseek-v3');
    expect(flopsPerToken(m, 1) - flopsPerToken(m, 0)).toBe(61 * 2 * 128 * (192 + 128));
  });

  it('counts the KV written only when asked, and compute efficiency slows the math', () => {
    const m = getModel('llama-3.1-8b');
    const g = getGpu('h100-sxm');
    const base = decodeStep(m, g, { weightPrecision: 'bf16', batch: 4, context: 100 });
    const withWrite = decodeStep(m, g, { weightPrecision: 'bf16', batch: 4, context: 100, includeKvWrite: true });
    expect(withWrite.bytesPerStep - base.bytesPerStep).toBe(4 * 131_072);
    expect(base.kvBytesWritten).toBe(4 * 131_072);
    const slow = decodeStep(m, g, { weightPrecision: 'bf16', batch: 4, context: 100, computeEfficiency: 0.5 });
    expect(slow.computeTimeS).toBeCloseTo(2 * base.computeTimeS, 15);
  });
});
