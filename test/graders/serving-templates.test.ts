// Part 5's question templates against references worked out independently of the code that solves them.
import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../graders/questions/bank.ts';
import type { NumericTemplate } from '../../graders/questions/template.ts';
import { getGpu } from '../../src/engine/index.ts';
import { Random } from '../../src/engine/random.ts';
import { simulate } from '../../src/engine/sim/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

const SEEDS = Array.from({ length: 60 }, (_, i) => i * 104_729 + 3);
// biome-ignore lint/suspicious/noExplicitAny: parameters differ per template; each test reads the fields it knows.
const draw = (id: string, seed: number): { t: NumericTemplate<any>; p: any } => {
  const t = getTemplate(id);
  if (t.kind === 'choice' || t.kind === 'order') throw new Error(`${id} is not a numeric template`);
  return { t, p: t.generate(new Random(seed)) };
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('continuous-batching templates', () => {
  it('padding share: the hand count agrees with the simulator’s static scheduler running the same batch', () => {
    for (const seed of SEEDS.slice(0, 25)) {
      const { t, p } = draw('continuous-batching/padding-share', seed);
      const trace = p.prompts.map((promptTokens: number, i: number) => ({
        arrivalS: 0,
        promptTokens,
        outputTokens: p.outputs[i],
      }));
      const run = simulate({ workload: { trace }, scheduler: { kind: 'static', batchSize: trace.length } });
      expect(t.solve(p).value).toBeCloseTo(100 * run.padding_waste, 6);
    }
  });

  it('slot share: useful slot-steps over batch × longest', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('continuous-batching/slot-share', seed);
      expect(t.solve(p).value).toBeCloseTo((100 * sum(p.outputs)) / (p.outputs.length * Math.max(...p.outputs)), 9);
    }
  });

  it('door wait: (longest − 1) memory-bound steps of weights plus the batch’s caches, for Llama 3.1 8B', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('continuous-batching/door-wait', seed);
      if (p.modelId !== 'llama-3.1-8b') continue;
      const ref = PARAMS['llama-3.1-8b'];
      const bytes = 2 * ref.total + p.batch * p.context * ref.kv;
      const step = bytes / getGpu(p.gpuId).bandwidthBytesPerS;
      expect(t.solve(p).value).toBeCloseTo((p.longest - 1) * step, 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('chunked-prefill templates', () => {
  it('stall: Llama 3.1 8B BF16 on an H100, compute time by hand at 989.4 TFLOP/s', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('chunked-prefill/stall', seed);
      if (p.modelId !== 'llama-3.1-8b' || p.gpuId !== 'h100-sxm') continue;
      const P = p.prompt;
      const attention = 32 * 4 * 32 * 128 * ((P * (P + 1)) / 2);
      expect(t.solve(p).value).toBeCloseTo((2 * PARAMS['llama-3.1-8b'].total * P + attention) / 989.4e12, 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('steps: counting chunks one step at a time gives the same number', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('chunked-prefill/steps', seed);
      let left = p.prompt;
      let n = 0;
      while (left > 0) {
        left -= p.budget - p.decodes;
        n++;
      }
      expect(t.solve(p).value).toBe(n);
    }
  });

  it('min chunk: within 3% of the ridge point × bytes per parameter ÷ 2, and compute-bound from there on', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const { t, p } = draw('chunked-prefill/min-chunk', seed);
      const g = getGpu(p.gpuId);
      const bytes = p.precision === 'bf16' ? 2 : 1;
      const peak = p.precision === 'bf16' ? g.denseOpsPerS.bf16 : (g.denseOpsPerS.fp8 ?? g.denseOpsPerS.bf16);
      const ridge = peak / g.bandwidthBytesPerS;
      const c = t.solve(p).value;
      expect(c / ((ridge * bytes) / 2)).toBeGreaterThan(0.97);
      expect(c / ((ridge * bytes) / 2)).toBeLessThan(1.03);
    }
  });
});

describe('speculative-decoding templates', () => {
  const series = (a: number, g: number) => {
    let e = 0;
    for (let k = 0; k <= g; k++) e += a ** k;
    return e;
  };

  it('expected tokens: the series 1 + α + … + α^γ summed term by term', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('speculative-decoding/expected-tokens', seed);
      expect(t.solve(p).value).toBeCloseTo(series(p.acceptance, p.draftTokens), 9);
    }
  });

  it('speed-up: the series over the round’s cost in target steps', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('speculative-decoding/speedup', seed);
      expect(t.solve(p).value).toBeCloseTo(series(p.acceptance, p.draftTokens) / (p.draftTokens * p.draftCost + 1), 9);
    }
  });

  it('break-even: at the answer the round yields exactly its cost; a little above, speculation pays', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('speculative-decoding/break-even', seed);
      const a = t.solve(p).value;
      const cost = p.draftTokens * p.draftCost + 1;
      expect(series(a, p.draftTokens)).toBeCloseTo(cost, 6);
      expect(series(Math.min(1, a + 0.01), p.draftTokens)).toBeGreaterThan(cost);
    }
  });

  it('draft cost: c is the ratio of bytes each model reads (Llama pair, by hand)', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('speculative-decoding/draft-cost', seed);
      if (p.targetId !== 'llama-3.3-70b') continue;
      const bytesPer = p.precision === 'bf16' ? 2 : 1;
      const read = (m: 'llama-3.1-8b' | 'llama-3.3-70b') => bytesPer * PARAMS[m].total + p.context * PARAMS[m].kv;
      const c = read('llama-3.1-8b') / read('llama-3.3-70b');
      expect(t.solve(p).value).toBeCloseTo(series(p.acceptance, p.draftTokens) / (p.draftTokens * c + 1), 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('parallelism templates', () => {
  it('weights per rank: about 2 bytes (BF16) or 1 byte (FP8) × parameters ÷ degree for the Llama models', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('parallelism/weights-per-rank', seed);
      if (p.modelId !== 'llama-3.3-70b' && p.modelId !== 'llama-3.1-8b') continue;
      const bytes = (p.precision === 'bf16' ? 2 : 1) * PARAMS[p.modelId as 'llama-3.1-8b'].total;
      expect(t.solve(p).value / (bytes / p.tp)).toBeCloseTo(1, 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('all-reduce time: 2 × layers × (8 µs + ring bytes ÷ link), by hand for Llama 3.3 70B', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('parallelism/allreduce-time', seed);
      if (p.modelId !== 'llama-3.3-70b') continue;
      const link = { nvlink4: 450e9, nvlink3: 300e9, pcie5: 64e9, pcie4: 32e9 }[p.link as 'nvlink4'];
      const sent = ((2 * (p.tp - 1)) / p.tp) * p.tokens * 8192 * 2;
      expect(t.solve(p).value).toBeCloseTo(160 * (8e-6 + sent / link), 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('bubble: counting idle stage-slots in a GPipe schedule gives the same share', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('parallelism/bubble', seed);
      const slots = p.micro + p.stages - 1;
      let idle = 0;
      for (let s = 0; s < p.stages; s++) for (let k = 0; k < slots; k++) if (!(k - s >= 0 && k - s < p.micro)) idle++;
      expect(t.solve(p).value).toBeCloseTo((100 * idle) / (p.stages * slots), 9);
    }
  });
});

describe('disaggregation templates', () => {
  it('kv transfer: prompt × KV bytes per token ÷ link, by hand for the Llama models', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('disaggregation/kv-transfer', seed);
      if (p.modelId !== 'llama-3.3-70b' && p.modelId !== 'llama-3.1-8b') continue;
      const link = { nvlink4: 450e9, nvlink3: 300e9, pcie5: 64e9, pcie4: 32e9 }[p.link as 'nvlink4'];
      expect(t.solve(p).value).toBeCloseTo((p.prompt * PARAMS[p.modelId as 'llama-3.1-8b'].kv) / link, 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('pool ratio: decode bytes over bandwidth against prefill FLOPs over peak, by hand on the H100', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const { t, p } = draw('disaggregation/pool-ratio', seed);
      if (p.gpuId !== 'h100-sxm') continue;
      const n = PARAMS['llama-3.1-8b'].total;
      const kv = PARAMS['llama-3.1-8b'].kv;
      const P = p.prompt;
      const prefill = (2 * n * P + 32 * 4 * 32 * 128 * ((P * (P + 1)) / 2)) / 989.4e12;
      const step = (2 * n + p.batch * (P + p.output / 2) * kv) / 3350e9;
      expect(t.solve(p).value).toBeCloseTo((p.output * step) / p.batch / prefill, 6);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('split cost: twice the price over the new throughput, in dollars per million', () => {
    for (const seed of SEEDS) {
      const { t, p } = draw('disaggregation/split-cost', seed);
      expect(t.solve(p).value).toBeCloseTo(((2 * p.price) / (p.colocatedTps * p.gain * 3600)) * 1e6, 9);
    }
  });
});
