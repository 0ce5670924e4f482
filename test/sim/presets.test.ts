// Every chapter comparison shows the effect its chapter claims: direction and rough size, on its own seed.
import { describe, expect, it } from 'vitest';
import { OUTLINE } from '../../src/course/outline.ts';
import {
  getPreset,
  METRICS,
  type MetricKey,
  PRESETS,
  presetOutcome,
  presetScenarios,
  type SimResult,
  simulate,
} from '../../src/engine/sim/index.ts';

const runs = new Map<string, [SimResult, SimResult]>();
function run(id: string): [SimResult, SimResult] {
  let r = runs.get(id);
  if (!r) {
    const [a, b] = presetScenarios(getPreset(id));
    r = [simulate(a), simulate(b)];
    runs.set(id, r);
  }
  return r;
}
const rel = (id: string, key: MetricKey) => {
  const [a, b] = run(id);
  return METRICS[key].get(b) / METRICS[key].get(a);
};

describe('simulator presets', () => {
  it('each names a chapter of the outline, a headline metric among its figures, and valid scenarios', () => {
    const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    for (const p of PRESETS) {
      expect(slugs.has(p.chapter), `${p.id} → ${p.chapter}`).toBe(true);
      expect(p.metrics).not.toContain(p.headline);
      expect(new Set(PRESETS.map((x) => x.id)).size).toBe(PRESETS.length);
      const [a, b] = run(p.id);
      expect(a.results.completed).toBeGreaterThan(0);
      expect(b.results.completed).toBeGreaterThan(0);
      expect(a.scenario.seed).toBe(b.scenario.seed);
    }
  });

  it('static → continuous: median E2E falls by more than half; padding goes from a large share to none', () => {
    expect(rel('static-vs-continuous', 'e2e_p50')).toBeLessThan(0.5);
    const [a, b] = run('static-vs-continuous');
    expect(a.padding_waste).toBeGreaterThan(0.2);
    expect(b.padding_waste).toBe(0);
    expect(presetOutcome(getPreset('static-vs-continuous'), a, b)).toBe('lower');
  });

  it('whole prompts → chunked prefill under a burst: p99 ITL falls by more than half', () => {
    expect(rel('chunked-prefill-burst', 'itl_p99')).toBeLessThan(0.5);
  });

  it('prefix caching on: median TTFT falls by more than half, most prompt tokens hit', () => {
    expect(rel('prefix-caching', 'ttft_p50')).toBeLessThan(0.5);
    expect(run('prefix-caching')[1].prefix_cache_hit_rate).toBeGreaterThan(0.6);
  });

  it('speculation at low load: median TPOT falls by a third or more', () => {
    expect(rel('speculative-low-load', 'tpot_p50')).toBeLessThan(0.67);
  });

  it('speculation at high load: output throughput does not improve (errata #7)', () => {
    expect(rel('speculative-high-load', 'output_tps')).toBeLessThan(1);
    const [a, b] = run('speculative-high-load');
    expect(presetOutcome(getPreset('speculative-high-load'), a, b)).not.toBe('higher');
  });

  it('contiguous → paged: at least twice as many sequences run at once', () => {
    expect(rel('paged-vs-contiguous', 'peak_batch')).toBeGreaterThanOrEqual(2);
    expect(rel('paged-vs-contiguous', 'output_tps')).toBeGreaterThan(1.2);
  });

  it('KV pressure: preemptions appear and the p99 end-to-end latency rises by more than 10%', () => {
    const [a, b] = run('preemption-kv-pressure');
    expect(a.preemptions).toBe(0);
    expect(b.preemptions).toBeGreaterThan(20);
    expect(rel('preemption-kv-pressure', 'e2e_p99')).toBeGreaterThan(1.1);
  });

  it('getPreset names the known presets when asked for an unknown one', () => {
    expect(() => getPreset('nope')).toThrow(/known: static-vs-continuous/);
  });
});
