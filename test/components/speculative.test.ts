import { describe, expect, it } from 'vitest';
import { speculativeReport } from '../../src/components/speculative/report.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

const base = { acceptance: 0.8, draftTokens: 5, draftCost: 0.1, plainTpotMs: 20 };

describe('speculative calculator', () => {
  it('the errata example: 3.69 tokens per round, 2.46× and 8.13 ms per token from 20 ms; break-even near 0.33', () => {
    const r = speculativeReport(base);
    // By hand: (1 − 0.8⁶) ÷ 0.2 = 3.68928; ÷ 1.5 = 2.45952.
    expect(r.expectedTokens).toBeCloseTo(3.68928, 9);
    expect(r.speedup).toBeCloseTo(2.45952, 9);
    expect(r.tpotMs).toBeCloseTo(20 / 2.45952, 9);
    expect(r.breakEven).toBeCloseTo(0.334, 2);
    expect(r.verdict).toBe('pays');
    expect(r.rows.every((row) => !/NaN|Infinity|undefined/.test(row.value))).toBe(true);
  });

  it('below break-even it says speculation loses; the best draft length is the argmax over 1–16', () => {
    const r = speculativeReport({ ...base, acceptance: 0.2 });
    expect(r.speedup).toBeLessThan(1);
    expect(r.verdict).toBe('loses');
    const hand = (g: number) => (1 - 0.2 ** (g + 1)) / (0.8 * (g * 0.1 + 1));
    const best = Array.from({ length: 16 }, (_, i) => i + 1).reduce((a, g) => (hand(g) > hand(a) ? g : a), 1);
    expect(r.bestTokens).toBe(best);
  });

  it('the worker names the bad field, the value and the limit', () => {
    const reply = engineApi.speculative({ ...base, acceptance: 1.4, draftTokens: 0 });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    const fields = reply.issues.map((i) => i.field).sort();
    expect(fields).toEqual(['acceptance', 'draftTokens']);
    expect(reply.issues.find((i) => i.field === 'acceptance')?.message).toMatch(/at most 1.*1\.4/);
    const nan = engineApi.speculative({ ...base, plainTpotMs: Number.NaN });
    expect(nan.ok).toBe(false);
  });
});
