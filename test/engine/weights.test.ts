import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  effectiveBitsPerWeight,
  getGpu,
  getModel,
  InputError,
  MODELS,
  moduleMatches,
  paramCounts,
  quantizedMatrixBytes,
  vllmCapacity,
  weightBytes,
  weightMemory,
} from '../../src/engine/index.ts';
import { LOADED_WEIGHTS_GIB } from '../fixtures/reference.ts';

const GiB = 2 ** 30;

describe('quantized matrix bytes', () => {
  it('AWQ 4-bit g128 with fp16 scales and packed zeros: 0.5 + 2/128 + 0.5/128 bytes per weight', () => {
    const awq = getModel('qwen2.5-7b-instruct-awq').quantization;
    if (!awq) throw new Error('AWQ checkpoint lost its quantization');
    // A 4096 × 4096 matrix: 8,388,608 B of 4-bit weights, 32 × 4096 scales × 2 B, 32 × 4096 zeros × 0.5 B.
    expect(quantizedMatrixBytes(4096, 4096, 1, awq)).toBe(8_388_608 + 262_144 + 65_536);
    expect(effectiveBitsPerWeight(awq)).toBeCloseTo(4.15625, 10);
  });

  it('FP8 in 128 × 128 blocks: one fp32 scale per block (DeepSeek-V3)', () => {
    const q = getModel('deepseek-v3').quantization;
    if (!q) throw new Error('DeepSeek-V3 lost its quantization');
    expect(quantizedMatrixBytes(2048, 7168, 256, q)).toBe(256 * (2048 * 7168 + 16 * 56 * 4));
    expect(quantizedMatrixBytes(576, 7168, 1, q)).toBe(576 * 7168 + 5 * 56 * 4); // 576 rows round up to 5 blocks
  });

  it('GPTQ stores qzeros and a 32-bit g_idx row index even when symmetric', () => {
    const q = getModel('qwen1.5-moe-a2.7b-gptq-int4').quantization;
    if (!q) throw new Error('GPTQ checkpoint lost its quantization');
    expect(quantizedMatrixBytes(1408, 2048, 1, q)).toBe(1408 * 1024 + 1408 * 16 * 2 + 1408 * 16 * 0.5 + 2048 * 4);
  });

  it('MXFP4: 4-bit values and one E8M0 exponent per 32 (4.25 bits)', () => {
    const q = getModel('gpt-oss-120b').quantization;
    if (!q) throw new Error('gpt-oss lost its quantization');
    expect(effectiveBitsPerWeight(q)).toBe(4.25);
  });
});

describe('which modules stay 16-bit', () => {
  it('matches the three pattern dialects', () => {
    expect(moduleMatches('model.layers.3.self_attn.q_proj', 'model.layers.*.self_attn')).toBe(true);
    expect(moduleMatches('model.layers.3.mlp.router', 'model.layers.*.self_attn')).toBe(false);
    expect(moduleMatches('model.layers.0.mlp.gate', 're:.*mlp\\.gate$')).toBe(true);
    expect(moduleMatches('model.layers.0.mlp.gate_proj', 're:.*mlp\\.gate$')).toBe(false);
    expect(moduleMatches('lm_head', 'lm_head')).toBe(true);
    // Whole path segments, as transformers matches them: "gate" is the router, not gate_proj.
    expect(moduleMatches('model.layers.1.mlp.gate', 'model.layers.1.mlp.gate')).toBe(true);
    expect(moduleMatches('model.layers.1.mlp.gate_proj', 'model.layers.1.mlp.gate')).toBe(false);
    expect(moduleMatches('model.layers.0.mlp.down_proj', 'layers.0.')).toBe(true);
    expect(moduleMatches('model.layers.10.mlp.down_proj', 'layers.1')).toBe(false);
  });

  it('gpt-oss quantizes only the experts: attention, router, embeddings and head stay bf16', () => {
    const w = weightMemory(getModel('gpt-oss-120b'));
    expect(w.keptHighPrecision).toEqual(expect.arrayContaining(['attention', 'router', 'lmHead', 'embedding']));
    expect(w.keptHighPrecision).not.toContain('expert');
  });

  it('an ignore list keeps the named module 16-bit and nothing else', () => {
    const m = getModel('qwen3-8b-fp8');
    const plain = weightMemory(m);
    const ignored = weightMemory({
      ...m,
      quantization: m.quantization && { ...m.quantization, ignore: ['model.layers.0.mlp.down_proj'] },
    });
    // One 12288 × 4096 matrix moves from 1 byte (+ 96 × 32 fp32 block scales) to 2 bytes per weight.
    expect(ignored.totalBytes - plain.totalBytes).toBe(12288 * 4096 - 96 * 32 * 4);
  });

  it('GPTQ modules_in_block_to_quantize leaves the router and shared-expert gate in fp16', () => {
    const m = getModel('qwen1.5-moe-a2.7b-gptq-int4');
    const w = weightMemory(m);
    expect(w.keptHighPrecision).toContain('router');
    expect(w.byKind.router).toBe(24 * (60 * 2048 + 2048) * 2);
  });
});

describe('weight bytes as a server loads them', () => {
  it('land within 1% of what vLLM logged after loading', () => {
    expect(weightMemory(getModel('gemma-2-9b-it')).totalBytes / GiB).toBeCloseTo(
      LOADED_WEIGHTS_GIB['gemma-2-9b-it'],
      1,
    );
    expect(
      Math.abs(weightMemory(getModel('llama-3.1-8b')).totalBytes / GiB / LOADED_WEIGHTS_GIB['llama-3.1-8b'] - 1),
    ).toBeLessThan(0.01);
    // vLLM pads gpt-oss's 2,880-wide experts to 3,072 for its MXFP4 kernels; the capacity model says so.
    const perRank = vllmCapacity(getModel('gpt-oss-120b'), getGpu('h100-sxm'), {
      maxModelLen: 4096,
    }).weightBytesPerRank;
    expect(Math.abs(perRank / GiB / LOADED_WEIGHTS_GIB['gpt-oss-120b'] - 1)).toBeLessThan(0.01);
  });

  it('4-bit checkpoints keep embeddings and head in 16-bit: Qwen2.5-7B AWQ is ~5.2 GiB, not 7.6B × 0.5 B', () => {
    const m = getModel('qwen2.5-7b-instruct-awq');
    const w = weightMemory(m);
    const c = paramCounts(m);
    expect(w.totalBytes).toBeGreaterThan(c.total * 0.5 + c.embedding * 1.5);
    expect(w.totalBytes / GiB).toBeGreaterThan(5.1);
    expect(w.totalBytes / GiB).toBeLessThan(5.3);
  });

  it('a precision override stores every matrix that way; 16-bit overrides equal params × bytes', () => {
    for (const m of MODELS) {
      expect(weightMemory(m, { precision: 'bf16' }).totalBytes).toBe(weightBytes(m, 'bf16'));
      expect(weightMemory(m, { precision: 'int4' }).totalBytes).toBeLessThan(weightBytes(m, 'bf16') / 2);
    }
  });

  it('per rank: matrices split, norms and routers replicated, so per-rank × tp ≥ total and close to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.constantFrom(1, 2, 4, 8), (m, tp) => {
        if (m.heads % tp !== 0 || (!m.mla && m.kvHeads % tp !== 0 && tp % m.kvHeads !== 0)) return true;
        const w = weightMemory(m, { tp });
        return w.perRankBytes * tp >= w.totalBytes - 1 && w.perRankBytes * tp <= w.totalBytes * 1.1;
      }),
    );
  });

  it('refuses a tensor-parallel degree that does not divide the heads', () => {
    expect(() => weightMemory(getModel('llama-3.1-8b'), { tp: 3 })).toThrow(InputError);
    expect(() => weightMemory(getModel('qwen2.5-7b'), { tp: 8 })).toThrow(
      /tp: 8 does not divide num_attention_heads \(28\)/,
    );
  });
});
