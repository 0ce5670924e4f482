import { describe, expect, it } from 'vitest';
import { bitsView } from '../../src/components/bits-explorer/bits-view.ts';
import { principles } from '../../src/course/facts/principles.ts';
import { getModel } from '../../src/engine/catalog/index.ts';
import { InputError } from '../../src/engine/errors.ts';
import { weightBytesAtBits } from '../../src/engine/weights.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

const num = (s: string | undefined) => Number((s ?? '').replace(/[^0-9.]/g, ''));

describe('weightBytesAtBits', () => {
  it('keeps embeddings in BF16 and scales the rest (Llama 3.3 70B: 70,553,706,496 params, 2 × 128,256 × 8,192 embedding)', () => {
    // shared/course/model-configs.json; untied embedding and lm_head.
    const embedding = 2 * 128_256 * 8192;
    const rest = 70_553_706_496 - embedding;
    expect(weightBytesAtBits(getModel('llama-3.3-70b'), 4.25)).toBeCloseTo(rest * (4.25 / 8) + embedding * 2, 0);
    expect(weightBytesAtBits(getModel('llama-3.3-70b'), 16)).toBeCloseTo(70_553_706_496 * 2, 0);
  });

  it('rejects impossible bit widths', () => {
    expect(() => weightBytesAtBits(getModel('llama-3.1-8b'), 0)).toThrow(RangeError);
  });
});

describe('the bits explorer', () => {
  const base = { model: 'llama-3.3-70b', gpu: 'h100-sxm', bits: 2.25, batch: 1, context: 4096 };

  it('gains less than the byte ratio, and less still when the KV cache is large', () => {
    const small = bitsView(base).rows.find((r) => r.bits === 2.25);
    const large = bitsView({ ...base, batch: 32 }).rows.find((r) => r.bits === 2.25);
    expect(num(small?.speedup)).toBeLessThan(16 / 2.25);
    expect(num(large?.speedup)).toBeLessThan(num(small?.speedup));
    expect(num(large?.kvSharePct)).toBeGreaterThan(num(small?.kvSharePct));
  });

  it('says when the step turns compute-bound, where fewer bits stop helping', () => {
    const v = bitsView({ ...base, model: 'llama-3.1-8b', batch: 1024, context: 0 });
    expect(v.computeBound).toBe(true);
    const rows = v.rows.filter((r) => r.bits <= 8);
    expect(new Set(rows.map((r) => r.tokS)).size).toBe(1);
  });

  it('refuses MoE models and bad fields by name, also through the worker', async () => {
    expect(() => bitsView({ ...base, model: 'mixtral-8x7b' })).toThrow(InputError);
    const reply = await engineApi.bits({ ...base, batch: 0 });
    expect(!reply.ok && reply.issues[0]?.field).toBe('batch');
  });
});

describe('the principles chapter', () => {
  it('matches the errata on decode FLOP/s and the fusion bound', () => {
    // E004-37: 2 × 70e9 × 47.9 ≈ 6.7 TFLOPS at batch 1; 30 TFLOPS needs batch ≈ 4.5 or more.
    expect(num(principles.b1Tflops)).toBeCloseTo(6.7, 1);
    expect(principles.batchForLow).toBe(5);
    // Errata #8: activations ≈ 0.02% of weights; megakernel 78% vs 50% ⇒ > 1.5×.
    expect(principles.activationSharePct).toBe('0.02');
    expect(num(principles.megakernelGain)).toBeGreaterThan(1.5);
  });

  it('decode dominates a short-prompt request and not a long-prompt one', () => {
    expect(num(principles.shortDecodePct)).toBeGreaterThan(80);
    expect(num(principles.longDecodePct)).toBeLessThan(60);
  });

  it('batching multiplies throughput by less than the batch, and slows each stream a little', () => {
    expect(num(principles.b4Gain)).toBeLessThan(4);
    expect(num(principles.b4Gain)).toBeGreaterThan(3);
    expect(num(principles.b4StepMs)).toBeGreaterThan(num(principles.b1StepMs));
  });
});
