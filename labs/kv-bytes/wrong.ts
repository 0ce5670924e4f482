// Deliberately wrong (a test fixture): multi-head attention everywhere. It caches K and V for every query head,
// as tutorials that write 2 × layers × hidden_size do, so GQA and MQA models come out several times too large.

export interface ModelConfig {
  model_type: string;
  num_hidden_layers: number;
  hidden_size: number;
  num_attention_heads: number;
  num_key_value_heads?: number;
  head_dim?: number;
  kv_lora_rank?: number;
  qk_rope_head_dim?: number;
  layer_types?: string[];
  sliding_window?: number | null;
  [field: string]: unknown;
}

export function kvHeads(config: ModelConfig): number {
  // The mistake: query heads, not KV heads.
  return config.num_attention_heads;
}

/** Bytes one token adds to one layer. */
function perLayer(config: ModelConfig, bytesPerElement: number): number {
  if (config.kv_lora_rank !== undefined) {
    // MLA caches a compressed latent plus the shared RoPE key, not K and V per head.
    return (config.kv_lora_rank + (config.qk_rope_head_dim ?? 0)) * bytesPerElement;
  }
  const headDim = config.head_dim ?? config.hidden_size / config.num_attention_heads;
  return 2 * kvHeads(config) * headDim * bytesPerElement;
}

export function kvBytesPerToken(config: ModelConfig, bytesPerElement: number): number {
  return config.num_hidden_layers * perLayer(config, bytesPerElement);
}

export function kvBytesForContext(config: ModelConfig, context: number, bytesPerElement: number): number {
  let tokens = 0;
  for (let layer = 0; layer < config.num_hidden_layers; layer++) {
    const sliding = config.layer_types?.[layer] === 'sliding_attention';
    tokens += sliding ? Math.min(context, config.sliding_window ?? context) : context;
  }
  return tokens * perLayer(config, bytesPerElement);
}
