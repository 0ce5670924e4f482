import { z } from 'zod';
import { InputError, parseInput } from '../errors.ts';
import { Precision } from '../precision.ts';

const count = z.number().int().positive();

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
  max_position_embeddings: count.optional(),
  attention_bias: z.boolean().optional(),
  sliding_window: count.nullable().optional(),
  use_sliding_window: z.boolean().optional(),
  max_window_layers: z.number().int().nonnegative().optional(),
  num_local_experts: count.optional(),
  num_experts_per_tok: count.optional(),
  torch_dtype: z.string().optional(),
});
export type HfConfig = z.infer<typeof HfConfig>;

/** A model's architecture in the engine's own terms, independent of any config dialect. */
export const Model = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  modelType: z.string(),
  layers: count,
  hiddenSize: count,
  heads: count,
  kvHeads: count,
  headDim: count,
  intermediateSize: count,
  vocabSize: count,
  tiedEmbeddings: z.boolean(),
  maxContext: count,
  /** Biases on the q, k and v projections (Qwen2) and on the output projection (Llama with attention_bias). */
  qkvBias: z.boolean(),
  oBias: z.boolean(),
  /** Per-head RMSNorm on queries and keys (Qwen3). */
  qkNorm: z.boolean(),
  /** Attention window per layer in tokens; null means the layer attends to the whole context. */
  layerWindows: z.array(count.nullable()),
  moe: z
    .object({
      experts: count,
      expertsPerToken: count,
      expertIntermediateSize: count,
    })
    .nullable(),
  /** Precision the checkpoint is stored in. */
  dtype: Precision,
  /** Interpretations the engine made of the config (e.g. a missing key read the way transformers reads it). */
  assumptions: z.array(z.string()),
});
export type Model = z.infer<typeof Model>;

const SUPPORTED = ['llama', 'mistral', 'mixtral', 'qwen2', 'qwen3'] as const;

function dtypeOf(torchDtype: string | undefined, assumptions: string[]): Precision {
  switch (torchDtype) {
    case 'bfloat16':
      return 'bf16';
    case 'float16':
      return 'fp16';
    case 'float32':
      return 'fp32';
    case undefined:
      assumptions.push('torch_dtype is absent: weights assumed bf16');
      return 'bf16';
    default:
      throw new InputError('config.json', [
        {
          field: 'torch_dtype',
          message: `unsupported value ${JSON.stringify(torchDtype)}; expected bfloat16, float16 or float32`,
        },
      ]);
  }
}

function need<T>(value: T | undefined, field: string, modelType: string): T {
  if (value === undefined) {
    throw new InputError('config.json', [{ field, message: `is required for model_type "${modelType}" but missing` }]);
  }
  return value;
}

/** Read a Hugging Face config.json into a Model. Unsupported or incomplete configs throw an InputError naming the field. */
export function modelFromConfig(raw: unknown, meta: { id: string; name: string }): Model {
  const c = parseInput(HfConfig, raw, 'config.json');
  const t = c.model_type;
  if (!(SUPPORTED as readonly string[]).includes(t)) {
    throw new InputError('config.json', [
      { field: 'model_type', message: `"${t}" is not supported yet; supported: ${SUPPORTED.join(', ')}` },
    ]);
  }
  const assumptions: string[] = [];
  const hiddenSize = need(c.hidden_size, 'hidden_size', t);
  const heads = need(c.num_attention_heads, 'num_attention_heads', t);
  const layers = need(c.num_hidden_layers, 'num_hidden_layers', t);
  let kvHeads = c.num_key_value_heads;
  if (kvHeads === undefined) {
    // transformers reads a missing num_key_value_heads as multi-head attention.
    kvHeads = heads;
    assumptions.push(
      'num_key_value_heads is absent: read as multi-head attention (one KV head per query head), as transformers does',
    );
  }
  if (heads % kvHeads !== 0) {
    throw new InputError('config.json', [
      { field: 'num_key_value_heads', message: `${kvHeads} does not divide num_attention_heads (${heads})` },
    ]);
  }
  let headDim = c.head_dim;
  if (headDim === undefined) {
    if (hiddenSize % heads !== 0) {
      throw new InputError('config.json', [
        {
          field: 'head_dim',
          message: `is missing and hidden_size (${hiddenSize}) is not a multiple of num_attention_heads (${heads})`,
        },
      ]);
    }
    headDim = hiddenSize / heads;
  }

  let window: number | null = null;
  const windows: (number | null)[] = [];
  if (t === 'mistral' || t === 'mixtral') {
    window = c.sliding_window ?? null;
    for (let i = 0; i < layers; i++) windows.push(window);
  } else if ((t === 'qwen2' || t === 'qwen3') && c.use_sliding_window === true) {
    // Qwen applies the window to layers at or above max_window_layers.
    const w = need(c.sliding_window ?? undefined, 'sliding_window', t);
    const from = need(c.max_window_layers, 'max_window_layers', t);
    for (let i = 0; i < layers; i++) windows.push(i >= from ? w : null);
  } else {
    for (let i = 0; i < layers; i++) windows.push(null);
  }

  const moe =
    t === 'mixtral'
      ? {
          experts: need(c.num_local_experts, 'num_local_experts', t),
          expertsPerToken: need(c.num_experts_per_tok, 'num_experts_per_tok', t),
          expertIntermediateSize: need(c.intermediate_size, 'intermediate_size', t),
        }
      : null;

  return Model.parse({
    id: meta.id,
    name: meta.name,
    modelType: t,
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    intermediateSize: need(c.intermediate_size, 'intermediate_size', t),
    vocabSize: need(c.vocab_size, 'vocab_size', t),
    tiedEmbeddings: c.tie_word_embeddings ?? false,
    maxContext: need(c.max_position_embeddings, 'max_position_embeddings', t),
    qkvBias: t === 'qwen2' || c.attention_bias === true,
    oBias: t === 'llama' && c.attention_bias === true,
    qkNorm: t === 'qwen3',
    layerWindows: windows,
    moe,
    dtype: dtypeOf(c.torch_dtype, assumptions),
    assumptions,
  });
}
