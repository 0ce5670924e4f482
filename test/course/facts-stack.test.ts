// What the stack chapters claim in prose, checked against the numbers their facts modules print.
import { describe, expect, it } from 'vitest';
import { CASES, diagnosing, SCENARIO } from '../../src/course/facts/diagnosing.ts';
import { layers } from '../../src/course/facts/layers.ts';
import { LAYER_IDS } from '../../src/course/stack/layers.ts';
import { MiB } from '../../src/engine/units.ts';

const num = (s: string | number) => Number(String(s).replace(/[^0-9.]/g, ''));

describe('Layers L0–L6 facts', () => {
  it('sizes the pool below the naive 0.9 × memory − weights bound, and counts requests that fit from it', () => {
    // Llama 3.1 8B: 8,030,261,248 parameters, 131,072 B of BF16 KV per token (shared/course/model-configs.json).
    const naive = (0.9 * 81559 * MiB - 2 * 8_030_261_248) / 131072;
    const tokens = num(layers.poolTokens);
    expect(tokens).toBeLessThan(naive);
    expect(tokens).toBeGreaterThan(0.9 * naive);
    expect(layers.fitAtMax).toBe(Math.floor(tokens / 131072));
    expect(num(layers.fitAtCap)).toBeGreaterThan(layers.fitAtMax * 10);
  });

  it('the stateless client does T(T+1)/2 ÷ T times the prefill work', () => {
    const T = layers.turns;
    expect(num(layers.statelessRatio)).toBeCloseTo((T + 1) / 2, 1);
  });
});

describe('Diagnosing by layer facts', () => {
  it('case 1 sits below the band real kernels reach, case 2 inside it (as the prose says)', () => {
    expect(num(diagnosing.achievedPct)).toBeLessThan(num(diagnosing.effLow));
    expect(num(diagnosing.achievedAfterPct)).toBeGreaterThanOrEqual(num(diagnosing.effLow));
    expect(num(diagnosing.achievedAfterPct)).toBeLessThanOrEqual(num(diagnosing.effHigh));
    expect(num(diagnosing.predictedMs)).toBeLessThan(SCENARIO.slowDecode.afterFixTpotMs);
  });

  it('a whole-prompt prefill stalls streams for many decode steps, a chunk for far less', () => {
    expect(num(diagnosing.stallRatio)).toBeGreaterThan(10);
    expect(num(diagnosing.chunkMs)).toBeLessThan(num(diagnosing.prefillMs) / 5);
  });

  it('FP8 KV halves bytes per token and doubles the pool', () => {
    expect(num(diagnosing.kvFp8) * 2).toBe(num(diagnosing.kvBf16));
    expect(Math.abs(num(diagnosing.fp8Tokens) - 2 * num(diagnosing.bf16Tokens))).toBeLessThanOrEqual(1);
  });

  it('every case names a real layer and has observations and an explanation', () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(LAYER_IDS).toContain(c.layer);
      expect(c.observations.length).toBeGreaterThan(1);
      expect(c.explanation.length).toBeGreaterThan(40);
    }
  });
});
