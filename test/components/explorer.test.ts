import { describe, expect, it } from 'vitest';
import { chartAlt, chartOptions } from '../../src/components/explorer/charts.ts';
import { FIELDS } from '../../src/components/explorer/fields.ts';
import { type ExplorerData, explore } from '../../src/components/explorer/series.ts';
import { readout } from '../../src/components/explorer/view.ts';
import { renderPlot } from '../../src/components/plot/render.ts';
import { InputError } from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

const DEFAULTS = {
  roofline: { model: 'llama-3.1-8b', gpu: 'h100-sxm', weightPrecision: 'bf16', batch: 32, prompt: 2048 },
  traffic: { model: 'llama-3.3-70b', gpu: 'h100-sxm', weightPrecision: 'int8', batch: 10, maxContext: 32768 },
  batching: { model: 'llama-3.1-8b', gpu: 'h100-sxm', weightPrecision: 'bf16', context: 2048 },
  latency: { ttftSloMs: 250, tpotSloMs: 10, stuckPercent: 3 },
} as const;

const run = <K extends keyof typeof DEFAULTS>(kind: K, over: Record<string, unknown> = {}) =>
  explore({ kind, ...DEFAULTS[kind], ...over }) as Extract<ExplorerData, { kind: K }>;

function issuesOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => i.field);
    throw e;
  }
  return [];
}

describe('explorers', () => {
  it('every field an explorer shows is one its request accepts, and every kind draws an SVG and says it in words', () => {
    for (const kind of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      expect(FIELDS[kind].map((f) => f.name).sort()).toEqual(Object.keys(DEFAULTS[kind]).sort());
      const d = run(kind);
      expect(renderPlot(chartOptions(d))).toMatch(/<svg/);
      expect(chartAlt(d).length).toBeGreaterThan(40);
      expect(readout(d).every((r) => !/NaN|Infinity|undefined/.test(r.value))).toBe(true);
    }
  });

  it('names the field of bad input', () => {
    expect(issuesOf(() => run('batching', { context: -1 }))).toEqual(['context']);
    expect(issuesOf(() => run('roofline', { batch: 0 }))).toEqual(['batch']);
    expect(issuesOf(() => run('traffic', { model: 'gpt-5' }))).toEqual(['model']);
    expect(issuesOf(() => run('latency', { stuckPercent: Number.NaN }))).toEqual(['stuckPercent']);
  });

  it('roofline: decode at batch 1 sits near 1 FLOP/B for BF16 and prefill of a long prompt is compute-bound', () => {
    const d = run('roofline');
    const b1 = d.points.find((p) => p.label === 'decode, batch 1');
    // 2 FLOP per parameter over 2 bytes per parameter; attention over the context adds a few percent either way.
    expect(b1?.intensity).toBeGreaterThan(0.95);
    expect(b1?.intensity).toBeLessThan(1.1);
    expect(d.points.find((p) => p.phase === 'prefill')?.regime).toBe('compute-bound');
    expect(d.ridge).toBeCloseTo(989.4e12 / 3350e9, 6);
  });

  it('traffic: KV reads overtake 70B INT8 weights at batch 10 where 10 × 327,680 B × context = the weights', () => {
    const d = run('traffic');
    expect(d.crossover).toBe(Math.ceil(PARAMS['llama-3.3-70b'].total / (10 * PARAMS['llama-3.3-70b'].kv)));
    expect(d.end.fits).toBe(false);
    expect(run('traffic', { maxContext: 4096 }).crossover).toBeNull();
  });

  it('batching: aggregate throughput never falls and per-sequence speed never rises as the batch doubles', () => {
    for (const model of ['llama-3.1-8b', 'mixtral-8x7b', 'qwen3-4b']) {
      const d = run('batching', { model });
      for (let i = 1; i < d.rows.length; i++) {
        const [a, b] = [d.rows[i - 1], d.rows[i]] as const;
        if (!a || !b) continue;
        expect(b.totalTps).toBeGreaterThanOrEqual(a.totalTps * 0.999999);
        expect(b.perSeqTps).toBeLessThanOrEqual(a.perSeqTps * 1.000001);
      }
      expect(d.rows.filter((r) => r.fits).every((r) => r.batch <= d.maxBatch)).toBe(true);
    }
  });

  it('latency: more requests stuck behind a long prompt move p99 a lot and p50 hardly at all', () => {
    const calm = run('latency', { stuckPercent: 0 });
    const stuck = run('latency', { stuckPercent: 10 });
    expect(calm.ttft.p50).toBeLessThanOrEqual(calm.ttft.p95);
    expect(calm.ttft.p95).toBeLessThanOrEqual(calm.ttft.p99);
    expect(stuck.ttft.p99).toBeGreaterThan(3 * calm.ttft.p99);
    expect(stuck.ttft.p50).toBeLessThan(1.3 * calm.ttft.p50);
    expect(stuck.goodputReqS).toBeLessThanOrEqual(stuck.throughputReqS);
    expect(stuck.goodputReqS).toBeLessThan(calm.goodputReqS);
  });
});
