import { z } from 'zod';
import { InputError, parseInput } from '../errors.ts';

// Bounds far above any real model, so absurd values are refused instead of producing absurd numbers.
const count = z.number().int().positive().max(10_000_000, 'is implausibly large (over 10,000,000)');
const nonNegative = z.number().int().nonnegative().max(10_000_000, 'is implausibly large (over 10,000,000)');
const positions = z.number().int().positive().max(1_000_000_000, 'is implausibly large (over 1,000,000,000)');

/**
 * The fields of a Hugging Face config.json the engine reads. Unknown fields pass through:
 * real configs carry many keys that do not change memory or compute.
 */
export const HfConfig = z.looseObject({
  model_type: z.string({ error: 'model_type is required (e.g. "llama")' }),
  architectures: z.array(z.string()).optional(),
  hidden_size: count.optional(),
  intermediate_size: count.optional(),
  num_hidden_layers: count.optional(),
  num_attention_heads: count.optional(),
  num_key_value_heads: count.optional(),
  head_dim: count.optional(),
  vocab_size: count.optional(),
  tie_word_embeddings: z.boolean().optional(),
  max_position_embeddings: positions.optional(),
  attention_bias: z.boolean().optional(),
  mlp_bias: z.boolean().optional(),
  sliding_window: count.nullable().optional(),
  use_sliding_window: z.boolean().optional(),
  max_window_layers: nonNegative.optional(),
  sliding_window_pattern: count.optional(),
  layer_types: z.array(z.string()).optional(),
  num_local_experts: count.optional(),
  num_experts: nonNegative.optional(),
  num_experts_per_tok: count.optional(),
  experts_per_token: count.optional(),
  moe_intermediate_size: count.optional(),
  shared_expert_intermediate_size: nonNegative.optional(),
  decoder_sparse_step: count.optional(),
  mlp_only_layers: z.array(nonNegative).optional(),
  n_routed_experts: count.optional(),
  n_shared_experts: nonNegative.nullable().optional(),
  first_k_dense_replace: nonNegative.optional(),
  moe_layer_freq: count.optional(),
  topk_method: z.string().optional(),
  kv_lora_rank: count.optional(),
  q_lora_rank: count.nullable().optional(),
  qk_rope_head_dim: count.optional(),
  qk_nope_head_dim: count.optional(),
  v_head_dim: count.optional(),
  num_nextn_predict_layers: nonNegative.optional(),
  final_logit_softcapping: z.number().nullable().optional(),
  torch_dtype: z.string().nullable().optional(),
  dtype: z.string().nullable().optional(),
  quantization_config: z.looseObject({}).nullable().optional(),
  text_config: z.looseObject({}).optional(),
  vision_config: z.looseObject({}).optional(),
});
export type HfConfig = z.infer<typeof HfConfig>;

/** Keys a multimodal wrapper keeps at its top level that apply to the language model inside it. */
const INHERITED = ['torch_dtype', 'dtype', 'quantization_config', 'tie_word_embeddings'] as const;

/**
 * Multimodal checkpoints (Gemma 3, Llama 4, Qwen-VL…) nest the language model in `text_config`. Read that,
 * with the wrapper's dtype, quantization and tying when the inner config lacks them; the vision part comes back
 * separately so its parameters can be counted.
 */
export function flattenConfig(raw: unknown): {
  config: HfConfig;
  wrapperType: string | null;
  vision: Record<string, unknown> | null;
} {
  const outer = parseInput(HfConfig, raw, 'config.json');
  if (!outer.text_config) return { config: outer, wrapperType: null, vision: outer.vision_config ?? null };
  const inner: Record<string, unknown> = { ...outer.text_config };
  for (const key of INHERITED) if (inner[key] === undefined && outer[key] !== undefined) inner[key] = outer[key];
  if (typeof inner.model_type !== 'string') {
    throw new InputError('config.json', [
      { field: 'text_config.model_type', message: 'is required when the language model is nested in text_config' },
    ]);
  }
  const config = parseInput(HfConfig, inner, 'config.json text_config');
  return { config, wrapperType: outer.model_type, vision: outer.vision_config ?? null };
}
