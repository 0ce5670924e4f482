// Template by template: parameters stay realistic, and answers match references derived independently of the
// engine (from the raw config.json fields, the datasheet figures or the definitions), over 200 seeds.

import { describe, expect, it } from 'vitest';
import { generate, getTemplate, grade, referenceAnswer } from '../../graders/questions/bank.ts';
import { fromCanonical } from '../../graders/questions/units.ts';
import { CHEAT_ROWS } from '../../src/course/cheat-sheet.ts';
import { CATALOG_MODELS, getGpu } from '../../src/engine/catalog/index.ts';
import { Random } from '../../src/engine/random.ts';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 104729 + 13);
const BYTES = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 } as const;
type P = keyof typeof BYTES;

// biome-ignore lint/suspicious/noExplicitAny: parameters differ per template; each test reads the fields it knows.
const params = (id: string, seed: number): any => getTemplate(id).generate(new Random(seed));
/** The reference answer in canonical units (bytes, seconds, …). */
function truth(id: string, seed: number): number {
  const q = generate(id, seed);
  if (q.answer.kind !== 'number') throw new Error(`${id} is not numeric`);
  const [num] = referenceAnswer(q).split(' ');
  return Number(num) * (q.answer.unit ? Number(fromCanonical(q.answer.quantity, 1, q.answer.unit)) ** -1 : 1);
}
const config = (id: string) => {
  const c = CATALOG_MODELS.find((m) => m.id === id)?.config as Record<string, number>;
  const heads = c.num_attention_heads as number;
  return {
    layers: c.num_hidden_layers as number,
    kvHeads: (c.num_key_value_heads ?? heads) as number,
    headDim: (c.head_dim ?? (c.hidden_size as number) / heads) as number,
  };
};
/** KV bytes per token from the raw config.json, by the definition 2 × layers × KV heads × head dim × bytes. */
const kvPerToken = (id: string, p: P) => {
  const c = config(id);
  return 2 * c.layers * c.kvHeads * c.headDim * BYTES[p];
};
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.abs(b);

describe('KV templates against the definition', () => {
  it('kv/long-context-request is 2 × 80 × 8 × 128 × 2 = 327,680 bytes per token, exactly (source 001, errata #1)', () => {
    for (const seed of SEEDS) {
      const { context } = params('kv/long-context-request', seed);
      expect(close(truth('kv/long-context-request', seed), 327_680 * context)).toBe(true);
    }
    // The lecture's own two cases, in MB: 32K and 256K tokens.
    expect((327_680 * 32 * 1024) / 1e6).toBeCloseTo(10_737.418, 3);
    expect((327_680 * 256 * 1024) / 1e6).toBeCloseTo(85_899.346, 3);
  });

  it('kv/per-token and kv/batch-total follow the raw config.json fields', () => {
    for (const seed of SEEDS) {
      const a = params('kv/per-token', seed);
      expect(close(truth('kv/per-token', seed), kvPerToken(a.modelId, a.kvPrecision))).toBe(true);
      const b = params('kv/batch-total', seed);
      expect(close(truth('kv/batch-total', seed), b.batch * b.context * kvPerToken(b.modelId, b.kvPrecision))).toBe(
        true,
      );
    }
  });

  it('kv/sliding-window keeps at most the window per layer (Mistral 7B v0.1: 4,096)', () => {
    for (const seed of SEEDS) {
      const p = params('kv/sliding-window', seed);
      const kept = Math.min(p.context, 4096);
      expect(close(truth('kv/sliding-window', seed), kept * kvPerToken('mistral-7b-v0.1', p.kvPrecision))).toBe(true);
    }
  });
});

describe('memory and fit templates', () => {
  it('units/card-memory converts nvidia-smi MiB by 2^20 and then to GB (10^9) or GiB (2^30)', () => {
    for (const seed of SEEDS) {
      const p = params('units/card-memory', seed);
      expect(close(truth('units/card-memory', seed), getGpu(p.gpuId).memoryBytes)).toBe(true);
      expect(getGpu(p.gpuId).memoryBytes % 2 ** 20).toBe(0);
    }
  });

  it('fits/weights-on-card says "fits" exactly when the weights fit in 90% of the card, never near the line', () => {
    for (const seed of SEEDS) {
      const p = params('fits/weights-on-card', seed);
      const q = generate('fits/weights-on-card', seed);
      const v = grade(q, referenceAnswer(q));
      const w = v.options?.find((o) => o.correct)?.label;
      const weights = Number(v.solution[0]?.match(/= ([\d.,]+) GB/)?.[1]?.replace(/,/g, '')) * 1e9;
      const usable = 0.9 * getGpu(p.gpuId).memoryBytes;
      expect(w).toBe(weights <= usable ? 'Yes' : 'No');
      expect(Math.abs(weights / usable - 1)).toBeGreaterThan(0.04);
    }
  });

  it('fits/min-gpus asks for 2 to 16 cards and the answer really is the fewest', () => {
    for (const seed of SEEDS) {
      const n = truth('fits/min-gpus', seed);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(16);
      expect(Number.isInteger(n)).toBe(true);
    }
  });

  it('fits/kv-room leaves a realistic pool: between ten thousand and fifty million tokens', () => {
    for (const seed of SEEDS) {
      const n = truth('fits/kv-room', seed);
      expect(n).toBeGreaterThan(1e4);
      expect(n).toBeLessThan(5e7);
    }
  });

  it('units/fits-trap uses realistic free memory and mostly springs the GB/GiB trap', () => {
    let traps = 0;
    for (const seed of SEEDS) {
      const p = params('units/fits-trap', seed);
      expect(p.freeMiB).toBeGreaterThan(512);
      expect(p.freeMiB).toBeLessThan(200_000);
      const q = generate('units/fits-trap', seed);
      const stated = Number(q.text.match(/take ([\d.,]+) GB/)?.[1]?.replace(/,/g, ''));
      const fits =
        referenceAnswer(q) ===
        (q.answer.kind === 'choice' ? q.answer.options.find((o) => o.label.startsWith('Yes'))?.id : '');
      // The trap: the weights fit, yet the GB figure exceeds free MiB ÷ 1024.
      if (fits && stated > p.freeMiB / 1024) traps++;
      expect(fits).toBe(stated * 1e9 <= p.freeMiB * 2 ** 20 * (1 + 0.005 / stated));
    }
    expect(traps).toBeGreaterThan(60);
  });
});

describe('MoE templates against the definitions', () => {
  it('moe/experts-touched is 1 − (1 − k/E)^batch', () => {
    for (const seed of SEEDS) {
      const p = params('moe/experts-touched', seed);
      expect(close(truth('moe/experts-touched', seed), 1 - (1 - p.perToken / p.experts) ** p.batch)).toBe(true);
    }
  });

  it('moe/active-params: active = total − experts + k/E × experts, below the total, in a realistic range', () => {
    for (const seed of SEEDS) {
      const q = generate('moe/active-params', seed);
      const p = params('moe/active-params', seed);
      const [total, experts] = [...q.text.matchAll(/([\d.]+) B/g)].map((m) => Number(m[1]) * 1e9);
      const active = truth('moe/active-params', seed);
      expect(active).toBeLessThan(total as number);
      // Stated figures are rounded to 0.01 B; allow that.
      expect(Math.abs(active - ((total as number) - (experts as number) * (1 - p.perToken / p.experts)))).toBeLessThan(
        2e7,
      );
      expect(total).toBeGreaterThan(2e9);
      expect(total).toBeLessThan(1.5e12);
    }
  });
});

describe('decode templates against the datasheets', () => {
  it('decode/gpu-ratio is the ratio of memory bandwidths, and always above 1', () => {
    for (const seed of SEEDS) {
      const p = params('decode/gpu-ratio', seed);
      const r = getGpu(p.to).bandwidthBytesPerS / getGpu(p.from).bandwidthBytesPerS;
      expect(close(truth('decode/gpu-ratio', seed), r, 1e-12)).toBe(true);
      expect(r).toBeGreaterThan(1);
    }
  });

  it('ridge/ridge-point is dense peak ÷ bandwidth (H100 SXM BF16 ≈ 295 FLOP/B, errata table)', () => {
    for (const seed of SEEDS) {
      const p = params('ridge/ridge-point', seed);
      const g = getGpu(p.gpuId);
      const rate = p.precision === 'fp8' ? 'fp8' : p.precision === 'int8' ? 'int8' : 'bf16';
      expect(close(truth('ridge/ridge-point', seed), (g.denseOpsPerS[rate] as number) / g.bandwidthBytesPerS)).toBe(
        true,
      );
    }
    expect(getGpu('h100-sxm').denseOpsPerS.bf16 / getGpu('h100-sxm').bandwidthBytesPerS).toBeCloseTo(295.3, 1);
  });

  it('decode/achieved-bandwidth stays between 40% and 95% of peak', () => {
    for (const seed of SEEDS) {
      const share = truth('decode/achieved-bandwidth', seed);
      expect(share).toBeGreaterThan(0.4);
      expect(share).toBeLessThan(0.95);
    }
  });

  it('precision/int4-batch1-speedup is (W16 + KV) ÷ (W4 + KV) and lies between 1 and 4', () => {
    for (const seed of SEEDS) {
      const p = params('precision/int4-batch1-speedup', seed);
      const s = truth('precision/int4-batch1-speedup', seed);
      expect(s).toBeGreaterThan(1);
      expect(s).toBeLessThan(4);
      const kv = p.context * kvPerToken(p.modelId, 'bf16');
      // W16 + KV = 4·W4 + KV, so s·(W4 + KV) = 4·W4 + KV gives W4; it must be a quarter of the BF16 weights.
      const w4 = (kv * (s - 1)) / (4 - s);
      expect(w4).toBeGreaterThan(0);
    }
  });
});

describe('metric templates against the definitions', () => {
  /** numpy's default percentile, written out independently of the engine. */
  const numpyPercentile = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    const h = (s.length - 1) * (p / 100);
    const f = Math.floor(h);
    return (s[f] as number) + (h - f) * ((s[Math.min(f + 1, s.length - 1)] as number) - (s[f] as number));
  };

  it('percentiles/from-trace matches numpy.percentile(…, method="linear")', () => {
    for (const seed of SEEDS) {
      const p = params('percentiles/from-trace', seed);
      expect(close(truth('percentiles/from-trace', seed), numpyPercentile(p.values, p.p) / 1e3, 1e-12)).toBe(true);
    }
    // numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0
    expect(numpyPercentile([15, 20, 35, 40, 50], 40)).toBe(29);
  });

  it('percentiles/tpot is (E2E − TTFT) ÷ (n − 1), and the trace is realistic', () => {
    for (const seed of SEEDS) {
      const p = params('percentiles/tpot', seed);
      expect(p.e2e).toBeGreaterThan(p.ttft);
      expect(close(truth('percentiles/tpot', seed), (p.e2e - p.ttft) / (p.tokens - 1) / 1e3, 1e-12)).toBe(true);
    }
  });

  it('percentiles/goodput counts requests meeting both SLOs, and some meet them while some do not', () => {
    for (const seed of SEEDS) {
      const p = params('percentiles/goodput', seed);
      const good = p.requests.filter(
        (r: { ttft: number; e2e: number; tokens: number }) =>
          r.ttft <= p.sloTtft && (r.e2e - r.ttft) / (r.tokens - 1) <= p.sloTpot,
      ).length;
      expect(good).toBeGreaterThan(0);
      expect(good).toBeLessThan(p.requests.length);
      expect(close(truth('percentiles/goodput', seed), good / p.duration)).toBe(true);
    }
  });

  it('percentiles/median-not-mean offers the median as the answer, never the mean', () => {
    for (const seed of SEEDS) {
      const q = generate('percentiles/median-not-mean', seed);
      const p = params('percentiles/median-not-mean', seed);
      const label = q.answer.kind === 'choice' ? q.answer.options.find((o) => o.id === referenceAnswer(q))?.label : '';
      expect(label).toMatch(/the median$/);
      expect(Number(label?.split(' ')[0])).toBeCloseTo(numpyPercentile(p.values, 50), 1);
    }
  });
});

describe('the corrected cheat sheet (errata #7)', () => {
  const lowThroughput =
    CHEAT_ROWS.find((r) => r.signal === 'throughput and cost' && /throughput/i.test(r.symptom))?.symptom ?? '';
  it('has a low-throughput row to check', () => expect(lowThroughput.length).toBeGreaterThan(10));

  it('never offers "speculative decoding" as the fix for low throughput, nor pipeline parallelism for latency', () => {
    for (const seed of SEEDS) {
      for (const id of ['cheat-sheet/technique', 'cheat-sheet/true-statement']) {
        const q = generate(id, seed);
        const v = grade(q, referenceAnswer(q));
        const right = v.options?.find((o) => o.correct)?.label ?? '';
        if (q.text.includes(lowThroughput)) expect(right).not.toMatch(/^speculative/i);
        if (/^speculative/i.test(right)) expect(right).not.toMatch(/throughput/i);
        expect(right).not.toMatch(/pipeline parallelism across (servers|nodes) cuts/i);
      }
    }
  });
});

describe('templates on the engine’s newer models, against independent formulations', () => {
  it('speculative: tokens per step is the geometric sum 1 + α + … + α^γ, speed-up divides by 1 + γc, break-even gives 1×', () => {
    for (const seed of SEEDS) {
      const p = params('speculative/expected-tokens', seed);
      let sum = 0;
      for (let i = 0; i <= p.draftTokens; i++) sum += p.acceptance ** i;
      expect(close(truth('speculative/expected-tokens', seed), sum, 1e-12)).toBe(true);
      const s = params('speculative/speedup', seed);
      let e = 0;
      for (let i = 0; i <= s.draftTokens; i++) e += s.acceptance ** i;
      expect(close(truth('speculative/speedup', seed), e / (1 + s.draftTokens * s.draftCost), 1e-12)).toBe(true);
      const b = params('speculative/break-even', seed);
      const a = truth('speculative/break-even', seed);
      let at = 0;
      for (let i = 0; i <= b.draftTokens; i++) at += a ** i;
      expect(at / (1 + b.draftTokens * b.draftCost)).toBeCloseTo(1, 6);
    }
    // Errata E004-32: γ = 5, c = 0.1 breaks even near α ≈ 0.33.
    let lo = 0;
    let hi = 1;
    for (let n = 0; n < 60; n++) {
      const mid = (lo + hi) / 2;
      const e = (1 - mid ** 6) / (1 - mid) / 1.5;
      if (e < 1) lo = mid;
      else hi = mid;
    }
    expect(lo).toBeCloseTo(0.33, 1);
  });

  it('cost: $/MTok = $/h ÷ (tok/s × 3,600) × 10⁶, and a request costs its GPU-seconds at the hourly rate', () => {
    for (const seed of SEEDS) {
      const p = params('cost/per-million-tokens', seed);
      expect(
        close(truth('cost/per-million-tokens', seed), ((p.gpus * p.usdPerGpuHour) / (p.tokensPerS * 3600)) * 1e6),
      ).toBe(true);
      const r = params('cost/per-request', seed);
      const seconds = r.promptTokens / r.prefillTokensPerS + r.outputTokens / r.decodeTokensPerS;
      expect(close(truth('cost/per-request', seed), (seconds * r.usdPerHour) / 3600)).toBe(true);
      const s = params('cost/prefill-share', seed);
      const pre = s.promptTokens / s.prefillTokensPerS;
      expect(close(truth('cost/prefill-share', seed), pre / (pre + s.outputTokens / s.decodeTokensPerS))).toBe(true);
    }
  });

  it('parallelism: the bubble is (p − 1) ÷ (m + p − 1); each rank holds max(1, KV heads ÷ tp) heads', () => {
    for (const seed of SEEDS) {
      const b = params('parallel/pipeline-bubble', seed);
      expect(close(truth('parallel/pipeline-bubble', seed), (b.stages - 1) / (b.microbatches + b.stages - 1))).toBe(
        true,
      );
      const k = params('parallel/kv-per-rank', seed);
      const c = config(k.modelId);
      expect(
        close(truth('parallel/kv-per-rank', seed), 2 * c.layers * Math.max(1, c.kvHeads / k.tp) * c.headDim * 2),
      ).toBe(true);
    }
  });

  it('MLA caches layers × (kv_lora_rank + qk_rope_head_dim) × bytes per token, from the raw config.json', () => {
    for (const seed of SEEDS) {
      const p = params('kv/mla', seed);
      const c = CATALOG_MODELS.find((m) => m.id === p.modelId)?.config as Record<string, number>;
      const perToken = (c.num_hidden_layers as number) * ((c.kv_lora_rank as number) + (c.qk_rope_head_dim as number));
      expect(close(truth('kv/mla', seed), perToken * BYTES[p.kvPrecision as P] * p.context)).toBe(true);
    }
  });

  it('hybrid windows: gpt-oss-20b at 8,192 tokens holds 12 full layers of 8,192 and 12 windowed layers of 128', () => {
    const seed = SEEDS.find((s) => {
      const p = params('kv/hybrid-window', s);
      return p.modelId === 'gpt-oss-20b' && p.context === 8192;
    });
    expect(seed).toBeDefined();
    // 2 (K, V) × 8 KV heads × 64 dims × 2 bytes per token per layer (gpt-oss-20b config.json).
    expect(truth('kv/hybrid-window', seed as number)).toBe((12 * 8192 + 12 * 128) * 2 * 8 * 64 * 2);
  });

  it('capacity: KV tokens are the whole 16-token blocks that fit the logged pool, and every setup serves at least two full-length requests', () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const q = generate('capacity/kv-tokens', seed);
      const p = params('capacity/kv-tokens', seed);
      const gib = Number(q.text.match(/logs ([\d.,]+) GiB/)?.[1]?.replace(/,/g, ''));
      const block = 16 * kvPerToken(p.modelId, 'bf16');
      // The pool is printed to 0.01 GiB; the engine uses the exact bytes.
      const approx = Math.floor((gib * 2 ** 30) / block) * 16;
      expect(Math.abs(truth('capacity/kv-tokens', seed) - approx) / approx).toBeLessThan(0.001);
      expect(truth('capacity/max-concurrency', seed)).toBeGreaterThanOrEqual(2);
    }
  });

  it('prefill: at least the matrix FLOPs at peak, and a realistic time for the prompt', () => {
    for (const seed of SEEDS.slice(0, 80)) {
      const q = generate('prefill/time', seed);
      const p = params('prefill/time', seed);
      const active = Number(q.text.match(/\(([\d.]+) B parameters/)?.[1]) * 1e9;
      const peak = Number(q.text.match(/\(([\d.,]+) dense/)?.[1]?.replace(/,/g, '')) * 1e12;
      const t = truth('prefill/time', seed);
      expect(t).toBeGreaterThanOrEqual((0.999 * 2 * active * p.prompt) / peak);
      expect(t).toBeGreaterThan(1e-3);
      expect(t).toBeLessThan(60);
    }
  });
});

describe("source 001's self-check", () => {
  // Reworded, each as a template: 1 metrics to commit to, 2 disaggregation and $/MTok, 3 KV at 32K/256K (exact),
  // 4 the number to require before shipping FP8, 5 the ordered checks for a gap to the bandwidth ceiling.
  const FIVE = {
    'metrics/commit-to': 'choice',
    'cost/disaggregation-chat': 'choice',
    'kv/long-context-request': 'number',
    'parity/ship-gate': 'choice',
    'diagnostic-flow/ceiling-gap': 'order',
  } as const;

  it('has all five questions in the bank, with the numeric one graded to ±0.1%', () => {
    for (const [id, kind] of Object.entries(FIVE)) expect(generate(id, 1).answer.kind).toBe(kind);
    const q = generate('kv/long-context-request', 1);
    expect(q.answer.kind === 'number' && q.answer.tolerance).toBe(0.001);
  });

  it('asks question 3 at the lecture’s own lengths, and accepts 10,737.4 MB or 10,240 MiB at 32K', () => {
    const contexts = new Set(SEEDS.map((s) => params('kv/long-context-request', s).context));
    expect(contexts.has(32768)).toBe(true);
    expect(contexts.has(262144)).toBe(true);
    const seed = SEEDS.find((s) => params('kv/long-context-request', s).context === 32768) as number;
    const q = generate('kv/long-context-request', seed);
    expect(grade(q, '10737.4 MB').correct).toBe(true);
    expect(grade(q, '10240 MiB').correct).toBe(true);
    expect(grade(q, '10240 MB').unitSlip).toBe(true);
    // The multi-head mistake (2.6 MB per token) is 8× off and marked wrong.
    expect(grade(q, `${(2 * 80 * 8192 * 2 * 32768) / 1e6} MB`).correct).toBe(false);
  });
});
