// The playground's pure parts: the form ↔ scenario ↔ URL mapping, the results panel, the worker's API.
import { describe, expect, it } from 'vitest';
import { renderPlot } from '../../src/components/plot/render.ts';
import { compareHtml, verdictSentence } from '../../src/components/sim/compare-view.ts';
import {
  CONTROLS,
  controlForField,
  decodeQuery,
  encodeQuery,
  isShown,
  scenarioFromValues,
  valuesFromScenario,
} from '../../src/components/sim/controls.ts';
import { resultsHtml } from '../../src/components/sim/results-view.ts';
import { getPreset, PRESETS, prepare, presetScenarios, simulate } from '../../src/engine/sim/index.ts';
import { simApi } from '../../src/worker/sim-api.ts';

const defaults = valuesFromScenario(prepare({}).scenario, {});

describe('playground controls', () => {
  it('round-trip every preset: scenario → form values → scenario resolves to the same thing', () => {
    for (const p of PRESETS) {
      for (const input of presetScenarios(p)) {
        const resolved = prepare(input).scenario;
        const again = prepare(scenarioFromValues(valuesFromScenario(resolved, input))).scenario;
        expect(again, p.id).toEqual(resolved);
      }
    }
  });

  it('leave vLLM-default limits empty, so they follow the GPU', () => {
    expect(defaults.seqs).toBe('');
    expect(defaults.budget).toBe('');
    const onL40s = prepare(scenarioFromValues({ ...defaults, gpu: 'l40s' })).scenario.scheduler;
    expect(onL40s).toMatchObject({ maxNumSeqs: 256, maxNumBatchedTokens: 2048 });
  });

  it('encode only what differs, and B only where it differs from A; decoding gives the same values back', () => {
    const a = { ...defaults, rate: '9', pc: '1' };
    const b = { ...a, chunked: '0', budget: '8192' };
    const q = encodeQuery(defaults, a, b);
    expect(q).toBe('rate=9&pc=1&compare=1&b.budget=8192&b.chunked=0');
    expect(decodeQuery(defaults, q)).toEqual({ a, b });
    expect(decodeQuery(defaults, 'rate=2&nonsense=1')).toEqual({ a: { ...defaults, rate: '2' }, b: null });
  });

  it('show a control only when it applies, and route every scenario field error to its control', () => {
    const rate = CONTROLS.find((c) => c.name === 'rate');
    const users = CONTROLS.find((c) => c.name === 'users');
    const longLen = CONTROLS.find((c) => c.name === 'longLen');
    if (!rate || !users || !longLen) throw new Error('controls missing');
    expect(isShown(rate, defaults)).toBe(true);
    expect(isShown(users, defaults)).toBe(false);
    expect(isShown(users, { ...defaults, arrival: 'closed' })).toBe(true);
    expect(isShown(longLen, defaults)).toBe(false);
    expect(isShown(longLen, { ...defaults, longN: '3' })).toBe(true);
    expect(controlForField('workload.arrival.rate')).toBe('rate');
    expect(new Set(CONTROLS.map((c) => c.name)).size).toBe(CONTROLS.length);
  });
});

describe('results views', () => {
  const a = simulate({ workload: { requests: 150 } });
  const b = simulate({ workload: { requests: 150 }, kv: { prefixCaching: true } });

  it('draw every chart with a caption that states its figures', () => {
    const html = resultsHtml(
      [
        { label: 'A', result: a },
        { label: 'B', result: b },
      ],
      renderPlot,
      { cdf: 'e2e_ms' },
    );
    for (const chart of ['cdf', 'stages', 'batch', 'composition', 'kv', 'timeline'])
      expect(html, chart).toMatch(new RegExp(`data-chart="${chart}"[^]*?<svg`));
    expect((html.match(/role="img" aria-labelledby=/g) ?? []).length).toBe(10); // 2 shared + 4 per run × 2
    expect(html).toContain(`p50 ${Math.round(a.results.e2e_ms.p50).toLocaleString('en-US')} ms`);
    expect(html).toContain('B vs A');
  });

  it('state a comparison verdict from the numbers, never from the preset text', () => {
    const p = getPreset('prefix-caching');
    const [sa, sb] = presetScenarios(p);
    const [ra, rb] = [simulate(sa), simulate(sb)];
    const v = verdictSentence(p, ra, rb);
    expect(v).toMatch(/^TTFT p50 goes down: from [\d.,]+ ms to [\d.,]+ ms \(−\d+%\)\.$/);
    expect(compareHtml(p, ra, rb, renderPlot)).toContain('data-chart="cdf"');
  });
});

describe('simulator worker API', () => {
  it('returns the result with its wall time, or the validation issues as data', () => {
    const ok = simApi.simulate({ workload: { requests: 20 } });
    expect(ok.ok && ok.value.result.results.completed).toBe(20);
    expect(ok.ok && ok.value.wallMs).toBeGreaterThan(0);
    const bad = simApi.simulate({ workload: { requests: -3 } });
    expect(bad).toEqual({
      ok: false,
      issues: [{ field: 'workload.requests', message: 'must be at least 1 (got -3)' }],
    });
  });
});
