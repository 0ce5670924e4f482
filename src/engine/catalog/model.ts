import { z } from 'zod';
import { Precision } from '../precision.ts';
import { Quantization } from '../quantization.ts';

const count = z.number().int().positive();
const nonNegative = z.number().int().nonnegative();

/** Multi-head latent attention (DeepSeek-V2/V3): one compressed latent plus a shared RoPE key is cached per layer. */
export const Mla = z.object({
  kvLoraRank: count,
  qkRopeHeadDim: count,
  qkNopeHeadDim: count,
  vHeadDim: count,
  /** Rank of the query compression; null where queries use a full projection (V2-Lite). */
  qLoraRank: count.nullable(),
});
export type Mla = z.infer<typeof Mla>;

export const Moe = z.object({
  experts: count,
  expertsPerToken: count,
  expertIntermediateSize: count,
  /** Total width of the always-on shared expert MLP (DeepSeek: n_shared_experts × moe_intermediate_size). */
  sharedExpertIntermediateSize: nonNegative.optional(),
  /** A scalar sigmoid gate on the shared expert (Qwen-MoE). */
  sharedExpertGate: z.boolean().optional(),
  /** Layers whose MLP is dense rather than routed (DeepSeek first_k_dense_replace, Qwen mlp_only_layers). */
  denseLayers: z.array(nonNegative).optional(),
  /** Router with a bias (gpt-oss). */
  routerBias: z.boolean().optional(),
  /** Biases inside each expert's projections (gpt-oss). */
  expertBias: z.boolean().optional(),
  /** DeepSeek-V3's per-expert score-correction bias on the router. */
  routerCorrectionBias: z.boolean().optional(),
});
export type Moe = z.infer<typeof Moe>;

/** A model's architecture in the engine's own terms, independent of any config dialect. */
export const Model = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  modelType: z.string(),
  layers: count,
  hiddenSize: count,
  heads: count,
  /** KV heads of a standard attention layer; for MLA models the config's value (equal to heads). */
  kvHeads: count,
  /** Query/key head dimension (MLA: nope + rope part). */
  headDim: count,
  /** Width of a dense MLP (for MoE models, of their dense layers). */
  intermediateSize: count,
  vocabSize: count,
  tiedEmbeddings: z.boolean(),
  maxContext: count,
  /** Biases on the q, k and v projections (Qwen2) and on the output projection (Llama with attention_bias). */
  qkvBias: z.boolean(),
  oBias: z.boolean(),
  /** Per-head RMSNorm on queries and keys (Qwen3, Gemma 3). */
  qkNorm: z.boolean(),
  /** Attention window per layer in tokens; null means the layer attends to the whole context. */
  layerWindows: z.array(count.nullable()),
  moe: Moe.nullable(),
  /** Precision the checkpoint's unquantized tensors are stored in (torch_dtype). */
  dtype: Precision,
  /** Interpretations the engine made of the config (e.g. a missing key read the way transformers reads it). */
  assumptions: z.array(z.string()),
  /** RMSNorms per decoder layer: 2 in Llama-style blocks, 4 in Gemma 2/3 (pre and post norms). */
  normsPerLayer: count.optional(),
  /** Biases on the gate/up/down projections (Llama mlp_bias). */
  mlpBias: z.boolean().optional(),
  /** One learned attention-sink logit per head (gpt-oss); adds parameters, never KV. */
  attentionSinks: z.boolean().optional(),
  mla: Mla.nullable().optional(),
  /** Gemma 2's tanh soft-capping of final logits (an extra pass over the logits when sampling). */
  logitSoftcapping: z.boolean().optional(),
  /** Image encoder and projector of a multimodal checkpoint, counted as 16-bit weights. */
  vision: z.object({ params: nonNegative, projector: nonNegative, kind: z.string() }).nullable().optional(),
  /** How the checkpoint quantizes its matrices; null for a plain 16/32-bit checkpoint. */
  quantization: Quantization.nullable().optional(),
});
export type Model = z.infer<typeof Model>;
