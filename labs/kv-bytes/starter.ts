// Lab 1: KV bytes per token from a config.json.
// Fill in the three functions. `config` is a model's Hugging Face config.json, parsed; the fields you need are
// typed below, and real configs carry many more. Bytes per element: 2 for BF16/FP16, 1 for FP8, 4 for FP32.

export interface ModelConfig {
  model_type: string;
  num_hidden_layers: number;
  hidden_size: number;
  num_attention_heads: number;
  /** Absent in older multi-head configs. */
  num_key_value_heads?: number;
  /** Absent when it equals hidden_size / num_attention_heads. */
  head_dim?: number;
  /** Multi-head latent attention (DeepSeek-V2/V3): width of the cached latent. */
  kv_lora_rank?: number;
  /** Multi-head latent attention: width of the RoPE key that is cached beside the latent. */
  qk_rope_head_dim?: number;
  /** Per layer: "full_attention" or "sliding_attention". Absent means every layer attends to the whole context. */
  layer_types?: string[];
  /** Tokens a sliding-attention layer keeps. */
  sliding_window?: number | null;
  [field: string]: unknown;
}

/** Key-value heads of one attention layer (a standard-attention config). */
export function kvHeads(config: ModelConfig): number {
  return config.num_attention_heads;
}

/** Bytes of KV cache one token adds across all layers. */
export function kvBytesPerToken(config: ModelConfig, bytesPerElement: number): number {
  return 0;
}

/** Bytes of KV cache one sequence holds at `context` tokens (sliding-window layers keep at most their window). */
export function kvBytesForContext(config: ModelConfig, context: number, bytesPerElement: number): number {
  return 0;
}
