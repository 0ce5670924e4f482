import { describe, expect, it } from 'vitest';
import { CANARY_GATE, canaryView } from '../../src/components/canary/canary-view.ts';
import { diagnosticFlow } from '../../src/course/facts/diagnostic-flow.ts';
import { canarySamples } from '../../src/course/traces/canary.ts';
import { InputError } from '../../src/engine/errors.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

/** numpy's "linear" percentile, written independently of the engine. */
function numpyLinear(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * (p / 100);
  const f = Math.floor(h);
  return (s[f] as number) + (h - f) * ((s[Math.min(f + 1, s.length - 1)] as number) - (s[f] as number));
}
const num = (s: string) => Number(s.replace(/[^0-9.]/g, '')) * (s.includes('−') ? -1 : 1);

describe('the synthetic canary experiment', () => {
  it('is deterministic for a seed and keeps the baseline when only the slow share moves', () => {
    const a = canarySamples({ samples: 300, slowShare: 0.02, seed: 7 });
    expect(canarySamples({ samples: 300, slowShare: 0.02, seed: 7 })).toEqual(a);
    expect(canarySamples({ samples: 300, slowShare: 0.1, seed: 7 }).baseline).toEqual(a.baseline);
  });

  it('with no slow path, the canary is faster on every statistic', () => {
    const v = canaryView(canarySamples({ samples: 2000, slowShare: 0, seed: 3 }));
    for (const r of v.rows) expect(r.changeFraction, r.stat).toBeLessThan(0);
    expect(v.verdict).toMatch(/passes/);
  });

  it('a small slow path leaves the mean near flat but fails the gate on p99 (what the chapter claims)', () => {
    const v = canaryView(canarySamples({ samples: 1000, slowShare: 0.02, seed: 1 }));
    const by = Object.fromEntries(v.rows.map((r) => [r.stat, r]));
    expect(Math.abs(by.mean?.changeFraction ?? 1)).toBeLessThan(CANARY_GATE);
    expect(by.p99?.changeFraction).toBeGreaterThan(0.5);
    expect(v.verdict).toMatch(/fails the gate.*mean alone/);
    expect(num(diagnosticFlow.canaryP99Change)).toBeGreaterThan(50);
    expect(Math.abs(num(diagnosticFlow.canaryMeanChange))).toBeLessThan(CANARY_GATE * 100);
  });

  it('reports percentiles that match an independent numpy-style computation', () => {
    const s = canarySamples({ samples: 777, slowShare: 0.05, seed: 11 });
    const v = canaryView(s);
    const p99 = v.rows.find((r) => r.stat === 'p99');
    expect(num(p99?.baselineMs ?? '')).toBeCloseTo(numpyLinear(s.baseline, 99), -1);
    expect(num(p99?.canaryMs ?? '')).toBeCloseTo(numpyLinear(s.canary, 99), -1);
  });

  it('p99 of a small run wobbles more than that of a large one', () => {
    const width = (lo: string, hi: string) => num(hi) - num(lo);
    expect(width(diagnosticFlow.p99SmallLo, diagnosticFlow.p99SmallHi)).toBeGreaterThan(
      width(diagnosticFlow.p99LargeLo, diagnosticFlow.p99LargeHi),
    );
  });

  it('rejects impossible settings by field name, also through the worker API', async () => {
    expect(() => canarySamples({ samples: 10, slowShare: 0, seed: 1 })).toThrow(InputError);
    const reply = await engineApi.canary({ samples: 200, slowShare: 0.5, seed: 1 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.issues[0]?.field).toBe('slowShare');
    const ok = await engineApi.canary({ samples: 200, slowShare: 0.01, seed: 1 });
    expect(ok.ok && ok.value.svg.startsWith('<')).toBe(true);
  });
});
