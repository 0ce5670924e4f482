import { describe, expect, it } from 'vitest';
import { costView, HOURS_PER_MONTH } from '../../src/components/cost-calculator/cost-view.ts';
import { BATCH_CURVE, CALCULATOR_DEFAULTS, cost } from '../../src/course/facts/cost.ts';
import { usdPerMillionTokens } from '../../src/engine/cost.ts';
import { InputError } from '../../src/engine/errors.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

describe('$/MTok', () => {
  it("reproduces the manual's epilogue figures that the errata checked ($8.424/h: $7.80 at 300 tok/s, $2.34 at 1,000)", () => {
    expect(usdPerMillionTokens(8.424, 300)).toBeCloseTo(7.8, 6);
    expect(usdPerMillionTokens(8.424, 1000)).toBeCloseTo(2.34, 6);
    expect(cost.realGap).toBe('3.33');
    expect(cost.scaledFast).toBe('$2.40');
  });

  it('matches a hand calculation: $2/h at 5,000 tok/s is $2 ÷ 18,000,000 tokens × 10⁶', () => {
    expect(usdPerMillionTokens(2, 5000)).toBeCloseTo(2 / 18, 12);
  });
});

describe('the cost calculator', () => {
  const base = {
    usdPerGpuHour: 2,
    gpus: 4,
    outputTokS: 4000,
    prefillTokS: 40000,
    utilization: 0.5,
    goodShare: 0.8,
    promptTokens: 2000,
    outputTokens: 250,
  };

  it('multiplies the price by the GPUs, divides by utilization and by the good share', () => {
    const v = costView(base).figures;
    expect(v.replicaUsdPerHour).toBe(8);
    expect(v.usdPerMTokFull).toBeCloseTo((8 / (4000 * 3600)) * 1e6, 9);
    expect(v.usdPerMTokEffective).toBeCloseTo(v.usdPerMTokFull * 2, 9);
    expect(v.usdPerGoodMTok).toBeCloseTo(v.usdPerMTokEffective / 0.8, 9);
    expect(v.monthlyUsd).toBe(8 * HOURS_PER_MONTH);
  });

  it('splits a request into prefill and decode machine time', () => {
    const v = costView(base).figures;
    expect(v.prefillUsd).toBeCloseTo((2000 / 40000) * (8 / 3600), 12);
    expect(v.decodeUsd).toBeCloseTo((250 / 4000) * (8 / 3600), 12);
    expect(v.requestUsdEffective).toBeCloseTo((v.prefillUsd + v.decodeUsd) / 0.5, 12);
  });

  it('says plainly when no request meets the SLOs', () => {
    const v = costView({ ...base, goodShare: 0 });
    expect(v.figures.usdPerGoodMTok).toBeNull();
    expect(v.rows.find((r) => r.id === 'good')?.value).toMatch(/waste/);
  });

  it('rejects bad input by field, also through the worker', async () => {
    expect(() => costView({ ...base, utilization: 0 })).toThrow(InputError);
    const reply = await engineApi.cost({ ...base, usdPerGpuHour: -1 });
    expect(!reply.ok && reply.issues[0]?.field).toBe('usdPerGpuHour');
    expect((await engineApi.cost(CALCULATOR_DEFAULTS)).ok).toBe(true);
  });
});

describe('the cost chapter', () => {
  it('gets cheaper per token and slower per token as the batch grows', () => {
    for (let k = 1; k < BATCH_CURVE.length; k++) {
      const [a, b] = [BATCH_CURVE[k - 1], BATCH_CURVE[k]] as [(typeof BATCH_CURVE)[0], (typeof BATCH_CURVE)[0]];
      expect(b.usdPerMTok).toBeLessThan(a.usdPerMTok);
      expect(b.tpotMs).toBeGreaterThan(a.tpotMs);
    }
  });

  it('chat is decode-heavy and retrieval prefill-heavy, as the prose says', () => {
    expect(Number(cost.decodeSharePct)).toBeGreaterThan(50);
    expect(Number(cost.ragPrefillSharePct)).toBeGreaterThan(50);
  });
});
