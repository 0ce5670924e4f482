import { describe, expect, it } from 'vitest';
import {
  getModel,
  InputError,
  kvBytesForContext,
  kvBytesPerToken,
  modelFromConfig,
  paramCounts,
} from '../../src/engine/index.ts';
import {
  DEEPSEEK_V2_LITE,
  DEEPSEEK_V3,
  GEMMA2_9B,
  GEMMA3_12B,
  GPT_OSS,
  LLAMA2_7B,
  PUBLISHED,
  QWEN3_30B_A3B,
  QWEN15_MOE,
} from '../fixtures/reference.ts';

const within = (value: number, reference: number, share: number) =>
  expect(Math.abs(value / reference - 1)).toBeLessThanOrEqual(share);

describe('parameter counts from config.json, every family', () => {
  it('match the hand-derived totals exactly', () => {
    expect(paramCounts(getModel('llama-2-7b')).total).toBe(LLAMA2_7B.total);
    expect(paramCounts(getModel('gemma-2-9b-it')).total).toBe(GEMMA2_9B.total);
    expect(paramCounts(getModel('gpt-oss-120b')).total).toBe(GPT_OSS['120b'].total);
    expect(paramCounts(getModel('gpt-oss-20b')).total).toBe(GPT_OSS['20b'].total);
    expect(paramCounts(getModel('deepseek-v3')).total).toBe(DEEPSEEK_V3.total);
    expect(paramCounts(getModel('deepseek-v2-lite')).total).toBe(DEEPSEEK_V2_LITE.total);
    expect(paramCounts(getModel('qwen1.5-moe-a2.7b')).total).toBe(QWEN15_MOE.total);
    expect(paramCounts(getModel('qwen3-30b-a3b')).total).toBe(QWEN3_30B_A3B.total);
  });

  it('count MoE active parameters as shared + k experts (DeepSeek-V3 ≈ 37B, not 671/256 × 8 ≈ 21B)', () => {
    const ds = paramCounts(getModel('deepseek-v3'));
    expect(ds.active).toBe(DEEPSEEK_V3.active);
    expect(ds.active / 1e9).toBeGreaterThan(36);
    expect(ds.active / 1e9).toBeLessThan(38);
    expect(Math.abs((ds.total / 256) * 8 - ds.active)).toBeGreaterThan(15e9);
    expect(paramCounts(getModel('qwen1.5-moe-a2.7b')).active).toBe(QWEN15_MOE.active);
    expect(paramCounts(getModel('qwen3-30b-a3b')).active).toBe(QWEN3_30B_A3B.active);
    expect(paramCounts(getModel('gpt-oss-120b')).activeExcludingEmbedding).toBe(GPT_OSS['120b'].activeWithoutEmbedding);
  });

  it('agree with the totals the model makers publish', () => {
    for (const [id, ref] of Object.entries(PUBLISHED)) {
      const c = paramCounts(getModel(id));
      within(c.total, ref.total, 0.01);
      if (ref.active !== undefined) {
        within(ref.activeCountsEmbedding ? c.active : c.activeExcludingEmbedding, ref.active, 0.03);
      }
    }
  });

  it('count the Gemma 3 vision tower (SigLIP) and keep it out of the active parameters', () => {
    const c = paramCounts(getModel('gemma-3-12b-it'));
    expect(c.total).toBe(GEMMA3_12B.text + GEMMA3_12B.vision);
    expect(c.active).toBe(GEMMA3_12B.text);
    expect(GEMMA3_12B.siglip).toBe(416_866_032);
  });
});

describe('KV bytes per token are exact for every family', () => {
  it('standard attention: 2 × layers × KV heads × head_dim × bytes', () => {
    expect(kvBytesPerToken(getModel('llama-2-7b'))).toBe(LLAMA2_7B.kv);
    expect(kvBytesPerToken(getModel('gemma-2-9b-it'))).toBe(GEMMA2_9B.kv);
    expect(kvBytesPerToken(getModel('qwen1.5-moe-a2.7b'))).toBe(QWEN15_MOE.kv);
    expect(kvBytesPerToken(getModel('qwen3-30b-a3b'))).toBe(QWEN3_30B_A3B.kv);
  });

  it('MLA: layers × (kv_lora_rank + qk_rope_head_dim) × bytes, 70,272 B for DeepSeek-V3', () => {
    expect(kvBytesPerToken(getModel('deepseek-v3'))).toBe(DEEPSEEK_V3.kv);
    expect(kvBytesPerToken(getModel('deepseek-v2-lite'))).toBe(DEEPSEEK_V2_LITE.kv);
    expect(kvBytesPerToken(getModel('deepseek-v3'), 'fp8')).toBe(DEEPSEEK_V3.kv / 2);
  });

  it('hybrid local/global layers: Gemma 2 alternates 4,096-token windows, Gemma 3 keeps 1 in 6 layers global', () => {
    const g2 = getModel('gemma-2-9b-it');
    expect(kvBytesForContext(g2, 8192)).toBe((21 * 8192 + 21 * GEMMA2_9B.window) * (GEMMA2_9B.kv / 42));
    const g3 = getModel('gemma-3-12b-it');
    expect(g3.layerWindows.filter((w) => w === null)).toHaveLength(GEMMA3_12B.fullLayers);
    expect(g3.layerWindows[5]).toBeNull();
    expect(g3.layerWindows[0]).toBe(GEMMA3_12B.window);
    expect(kvBytesForContext(g3, 32768)).toBe((8 * 32768 + 40 * 1024) * GEMMA3_12B.kvFull);
  });

  it('gpt-oss: 18 full layers plus 18 layers capped at 128 tokens (model-configs.json formula)', () => {
    const m = getModel('gpt-oss-120b');
    const per = GPT_OSS['120b'].kvPerLayer;
    for (const ctx of [0, 1, 100, 128, 129, 4096, 131072]) {
      expect(kvBytesForContext(m, ctx)).toBe(18 * per * ctx + 18 * per * Math.min(ctx, 128));
    }
  });

  it('per rank under tensor parallelism: KV heads split, replicated past the head count; MLA whole on every rank', () => {
    const l70 = getModel('llama-3.3-70b'); // 8 KV heads
    expect(kvBytesPerToken(l70, 'bf16', { tp: 4 })).toBe(327_680 / 4);
    expect(kvBytesPerToken(l70, 'bf16', { tp: 8 })).toBe(327_680 / 8);
    expect(kvBytesPerToken(l70, 'bf16', { tp: 16 })).toBe(327_680 / 8);
    expect(kvBytesPerToken(getModel('deepseek-v3'), 'bf16', { tp: 8 })).toBe(DEEPSEEK_V3.kv);
  });
});

describe('reading configs', () => {
  it('reads the wrapped text_config of a multimodal checkpoint and records the transformers defaults it used', () => {
    const m = getModel('gemma-3-12b-it');
    expect(m.headDim).toBe(256);
    expect(m.vocabSize).toBe(262208);
    expect(m.assumptions.some((a) => a.startsWith('head_dim is absent'))).toBe(true);
    expect(m.assumptions.some((a) => a.startsWith('sliding_window_pattern is absent'))).toBe(true);
  });

  it('records when it leaves part of a checkpoint out (DeepSeek-V3 MTP layer)', () => {
    expect(getModel('deepseek-v3').assumptions.join(' ')).toMatch(/multi-token-prediction/);
  });

  it('names the missing field of an incomplete MLA or MoE config', () => {
    const base = {
      model_type: 'deepseek_v3',
      hidden_size: 1024,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      vocab_size: 1000,
      max_position_embeddings: 4096,
      intermediate_size: 2048,
      moe_intermediate_size: 256,
      n_routed_experts: 8,
      num_experts_per_tok: 2,
      qk_rope_head_dim: 64,
      qk_nope_head_dim: 128,
      v_head_dim: 128,
      q_lora_rank: null,
    };
    expect(() => modelFromConfig(base, { id: 'x', name: 'x' })).toThrow(/kv_lora_rank: is required/);
    const { n_routed_experts: _, ...noExperts } = { ...base, kv_lora_rank: 512 };
    expect(() => modelFromConfig(noExperts, { id: 'x', name: 'x' })).toThrow(/n_routed_experts: is required/);
  });

  it('refuses attention layer types it cannot size', () => {
    const cfg = {
      model_type: 'gpt_oss',
      hidden_size: 64,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      head_dim: 16,
      vocab_size: 100,
      max_position_embeddings: 1024,
      intermediate_size: 64,
      num_local_experts: 4,
      num_experts_per_tok: 2,
      sliding_window: 128,
      layer_types: ['sliding_attention', 'linear_attention'],
    };
    expect(() => modelFromConfig(cfg, { id: 'x', name: 'x' })).toThrow(
      /layer_types\.1: "linear_attention" is not supported/,
    );
    expect(() => modelFromConfig({ ...cfg, layer_types: ['full_attention'] }, { id: 'x', name: 'x' })).toThrow(
      InputError,
    );
  });

  it('refuses a quantization method it cannot size rather than guessing', () => {
    const cfg = { ...getModel('llama-3.1-8b') };
    expect(cfg).toBeTruthy();
    const raw = {
      model_type: 'llama',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      vocab_size: 128256,
      max_position_embeddings: 8192,
      torch_dtype: 'bfloat16',
      quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true },
    };
    expect(() => modelFromConfig(raw, { id: 'x', name: 'x' })).toThrow(
      /quantization_config\.quant_method: "bitsandbytes" is not supported/,
    );
    expect(() =>
      modelFromConfig(
        { ...raw, quantization_config: { quant_method: 'awq', bits: 3, group_size: 128 } },
        { id: 'x', name: 'x' },
      ),
    ).toThrow(/bits: must be 4 or 8/);
  });
});

describe('families sized like a supported one', () => {
  it('Gemma (v1) 7B: 8.54B parameters, multi-head KV of 16 heads × 256', () => {
    const m = modelFromConfig(
      {
        model_type: 'gemma',
        hidden_size: 3072,
        intermediate_size: 24576,
        num_hidden_layers: 28,
        num_attention_heads: 16,
        num_key_value_heads: 16,
        head_dim: 256,
        vocab_size: 256000,
        max_position_embeddings: 8192,
        torch_dtype: 'bfloat16',
      },
      { id: 'gemma-7b', name: 'Gemma 7B' },
    );
    const hand = 28 * (4 * 3072 * 4096 + 3 * 3072 * 24576 + 2 * 3072) + 256000 * 3072 + 3072;
    expect(paramCounts(m).total).toBe(hand);
    expect(kvBytesPerToken(m)).toBe(28 * 2 * 16 * 256 * 2);
  });

  it('Phi-4 (phi3 model_type, fused projections): 14.66B parameters as a Mistral-style block', () => {
    const m = modelFromConfig(
      {
        model_type: 'phi3',
        hidden_size: 5120,
        intermediate_size: 17920,
        num_hidden_layers: 40,
        num_attention_heads: 40,
        num_key_value_heads: 10,
        vocab_size: 100352,
        max_position_embeddings: 16384,
        tie_word_embeddings: false,
        torch_dtype: 'bfloat16',
        sliding_window: null,
      },
      { id: 'phi-4', name: 'Phi-4' },
    );
    const hand = 40 * (5120 * 5120 * 2 + 2 * 5120 * 1280 + 3 * 5120 * 17920 + 2 * 5120) + 2 * 100352 * 5120 + 5120;
    expect(paramCounts(m).total).toBe(hand);
    expect(hand / 1e9).toBeCloseTo(14.66, 2);
    expect(kvBytesPerToken(m)).toBe(40 * 2 * 10 * 128 * 2);
  });

  it('Qwen2.5-VL reads as Qwen2 and says its vision tower is not counted', () => {
    const m = modelFromConfig(
      {
        model_type: 'qwen2_5_vl',
        hidden_size: 3584,
        intermediate_size: 18944,
        num_hidden_layers: 28,
        num_attention_heads: 28,
        num_key_value_heads: 4,
        vocab_size: 152064,
        max_position_embeddings: 128000,
        tie_word_embeddings: false,
        torch_dtype: 'bfloat16',
        vision_config: { model_type: 'qwen2_5_vl', depth: 32, hidden_size: 1280 },
      },
      { id: 'vl', name: 'vl' },
    );
    expect(paramCounts(m).total).toBe(paramCounts(getModel('qwen2.5-7b')).total);
    expect(m.assumptions.join(' ')).toMatch(/vision encoder .* not counted/);
  });
});
