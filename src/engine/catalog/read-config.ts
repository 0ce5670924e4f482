import { InputError } from '../errors.ts';
import type { Precision } from '../precision.ts';
import { flattenConfig, type HfConfig } from './hf-config.ts';
import { type Mla, Model, type Moe } from './model.ts';
import { quantizationFromConfig } from './quant-config.ts';
import { isSiglip, siglipParams } from './vision.ts';

const SUPPORTED = [
  'llama',
  'gemma',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen3',
  'qwen2_moe',
  'qwen3_moe',
  'gemma2',
  'gemma3_text',
  'gpt_oss',
  'deepseek_v2',
  'deepseek_v3',
] as const;
type Family = (typeof SUPPORTED)[number];

/**
 * model_types whose language model is sized exactly like a supported family: Granite is Llama with scaling
 * multipliers; Phi-3/Phi-4 fuse q/k/v and gate/up but count the same as Mistral, window included; the text
 * models of Qwen2-VL, Qwen2.5-VL and Qwen3-VL are Qwen2/Qwen3 (their vision towers are not counted, and say so).
 */
const SAME_AS: Record<string, Family> = {
  granite: 'llama',
  phi3: 'mistral',
  qwen3_vl_text: 'qwen3',
  qwen2_vl: 'qwen2',
  qwen2_5_vl: 'qwen2',
  qwen2_vl_text: 'qwen2',
  qwen2_5_vl_text: 'qwen2',
};

/**
 * Values transformers uses when a key is absent, for keys real checkpoints omit (google/gemma-3-*-it's
 * text_config lists only what differs from Gemma3TextConfig). Each use is recorded as an assumption.
 * Sources: transformers configuration_gemma3.py, configuration_gemma2.py, configuration_deepseek_v2.py.
 */
const TRANSFORMERS_DEFAULTS: Partial<Record<Family, Partial<Record<keyof HfConfig, unknown>>>> = {
  gemma3_text: {
    head_dim: 256,
    vocab_size: 262208,
    max_position_embeddings: 131072,
    sliding_window: 4096,
    sliding_window_pattern: 6,
  },
  deepseek_v2: { q_lora_rank: 1536 },
};

/** transformers' default for tie_word_embeddings, by family (the Gemmas tie; the others do not). */
const TIED_BY_DEFAULT: Record<Family, boolean> = {
  llama: false,
  gemma: true,
  mistral: false,
  mixtral: false,
  qwen2: false,
  qwen3: false,
  qwen2_moe: false,
  qwen3_moe: false,
  gemma2: true,
  gemma3_text: true,
  gpt_oss: false,
  deepseek_v2: false,
  deepseek_v3: false,
};

function fail(field: string, message: string): never {
  throw new InputError('config.json', [{ field, message }]);
}

class Reader {
  readonly assumptions: string[] = [];
  readonly c: HfConfig;
  readonly family: Family;
  constructor(c: HfConfig, family: Family) {
    this.c = c;
    this.family = family;
  }

  /** A required key; a documented transformers default is used (and recorded) only where real configs omit it. */
  need<K extends keyof HfConfig>(key: K): NonNullable<HfConfig[K]> {
    const value = this.c[key];
    if (value !== undefined && value !== null) return value as NonNullable<HfConfig[K]>;
    const fallback = TRANSFORMERS_DEFAULTS[this.family]?.[key];
    if (fallback !== undefined && value === undefined) {
      this.assumptions.push(`${String(key)} is absent: read as ${JSON.stringify(fallback)}, transformers' default`);
      return fallback as NonNullable<HfConfig[K]>;
    }
    return fail(String(key), `is required for model_type "${this.family}" but missing`);
  }

  /** An optional key that has a transformers default (recorded when used). */
  orDefault<K extends keyof HfConfig>(key: K): HfConfig[K] {
    const value = this.c[key];
    if (value !== undefined) return value;
    const fallback = TRANSFORMERS_DEFAULTS[this.family]?.[key];
    if (fallback !== undefined) {
      this.assumptions.push(`${String(key)} is absent: read as ${JSON.stringify(fallback)}, transformers' default`);
      return fallback as HfConfig[K];
    }
    return undefined;
  }
}

function dtypeOf(r: Reader): Precision {
  const d = r.c.torch_dtype ?? r.c.dtype ?? undefined;
  switch (d) {
    case 'bfloat16':
      return 'bf16';
    case 'float16':
      return 'fp16';
    case 'float32':
      return 'fp32';
    case undefined:
      r.assumptions.push('torch_dtype is absent: unquantized tensors assumed bf16');
      return 'bf16';
    default:
      return fail('torch_dtype', `unsupported value ${JSON.stringify(d)}; expected bfloat16, float16 or float32`);
  }
}

/** Attention window per layer from layer_types or each family's own rule; null = full attention. */
function layerWindows(r: Reader, layers: number): (number | null)[] {
  const { c, family } = r;
  const windowOf = () => r.need('sliding_window');
  if (c.layer_types) {
    if (c.layer_types.length !== layers) {
      fail('layer_types', `has ${c.layer_types.length} entries but num_hidden_layers is ${layers}`);
    }
    return c.layer_types.map((type, i) => {
      if (type === 'full_attention') return null;
      if (type === 'sliding_attention') return windowOf();
      return fail(`layer_types.${i}`, `"${type}" is not supported; expected full_attention or sliding_attention`);
    });
  }
  const all = (f: (i: number) => boolean) => Array.from({ length: layers }, (_, i) => (f(i) ? windowOf() : null));
  switch (family) {
    case 'mistral':
    case 'mixtral':
      return c.sliding_window ? all(() => true) : all(() => false);
    case 'qwen2':
    case 'qwen3':
    case 'qwen2_moe':
    case 'qwen3_moe': {
      if (c.use_sliding_window !== true) return all(() => false);
      // Qwen applies the window to layers at or above max_window_layers.
      const from = r.need('max_window_layers');
      return all((i) => i >= from);
    }
    case 'gemma2':
    case 'gpt_oss':
      // Even-numbered layers use the local window (transformers Gemma2Attention, gpt-oss AttentionBlock).
      return all((i) => i % 2 === 0);
    case 'gemma3_text': {
      const pattern = r.need('sliding_window_pattern');
      return all((i) => (i + 1) % pattern !== 0);
    }
    default:
      return all(() => false);
  }
}

function moeOf(r: Reader, layers: number): Moe | null {
  const { c, family } = r;
  switch (family) {
    case 'mixtral':
      return {
        experts: r.need('num_local_experts'),
        expertsPerToken: r.need('num_experts_per_tok'),
        expertIntermediateSize: r.need('intermediate_size'),
      };
    case 'gpt_oss':
      return {
        experts: r.need('num_local_experts'),
        expertsPerToken: c.num_experts_per_tok ?? r.need('experts_per_token'),
        expertIntermediateSize: r.need('intermediate_size'),
        routerBias: true,
        expertBias: true,
      };
    case 'qwen2_moe':
    case 'qwen3_moe': {
      const experts = r.need('num_experts');
      if (experts === 0) return null;
      const step = c.decoder_sparse_step ?? 1;
      const only = new Set(c.mlp_only_layers ?? []);
      const dense: number[] = [];
      for (let i = 0; i < layers; i++) if (only.has(i) || (i + 1) % step !== 0) dense.push(i);
      const moe: Moe = {
        experts,
        expertsPerToken: r.need('num_experts_per_tok'),
        expertIntermediateSize: r.need('moe_intermediate_size'),
        denseLayers: dense,
      };
      if (family === 'qwen2_moe') {
        moe.sharedExpertIntermediateSize = r.need('shared_expert_intermediate_size');
        moe.sharedExpertGate = true;
      }
      return moe;
    }
    case 'deepseek_v2':
    case 'deepseek_v3': {
      const firstDense = c.first_k_dense_replace ?? 0;
      const freq = c.moe_layer_freq ?? 1;
      const dense: number[] = [];
      for (let i = 0; i < layers; i++) if (i < firstDense || i % freq !== 0) dense.push(i);
      const expertWidth = r.need('moe_intermediate_size');
      return {
        experts: r.need('n_routed_experts'),
        expertsPerToken: r.need('num_experts_per_tok'),
        expertIntermediateSize: expertWidth,
        sharedExpertIntermediateSize: (c.n_shared_experts ?? 0) * expertWidth,
        denseLayers: dense,
        routerCorrectionBias: c.topk_method === 'noaux_tc',
      };
    }
    default:
      return null;
  }
}

function mlaOf(r: Reader): Mla | null {
  if (r.family !== 'deepseek_v2' && r.family !== 'deepseek_v3') return null;
  const q = r.orDefault('q_lora_rank');
  return {
    kvLoraRank: r.need('kv_lora_rank'),
    qkRopeHeadDim: r.need('qk_rope_head_dim'),
    qkNopeHeadDim: r.need('qk_nope_head_dim'),
    vHeadDim: r.need('v_head_dim'),
    qLoraRank: q ?? null,
  };
}

/** Read a Hugging Face config.json into a Model. Unsupported or incomplete configs throw an InputError naming the field. */
export function modelFromConfig(raw: unknown, meta: { id: string; name: string }): Model {
  const { config: c, wrapperType, vision } = flattenConfig(raw);
  const t = c.model_type;
  const family = SAME_AS[t] ?? ((SUPPORTED as readonly string[]).includes(t) ? (t as Family) : undefined);
  if (family === undefined) {
    return fail(
      'model_type',
      `"${t}" is not supported yet; supported: ${[...SUPPORTED, ...Object.keys(SAME_AS)].join(', ')}, and multimodal wrappers of them`,
    );
  }
  const r = new Reader(c, family);
  const hiddenSize = r.need('hidden_size');
  const heads = r.need('num_attention_heads');
  const layers = r.need('num_hidden_layers');
  let kvHeads = c.num_key_value_heads;
  if (kvHeads === undefined) {
    // transformers reads a missing num_key_value_heads as multi-head attention.
    kvHeads = heads;
    r.assumptions.push(
      'num_key_value_heads is absent: read as multi-head attention (one KV head per query head), as transformers does',
    );
  }
  if (heads % kvHeads !== 0) {
    fail('num_key_value_heads', `${kvHeads} does not divide num_attention_heads (${heads})`);
  }
  const mla = mlaOf(r);
  let headDim = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : r.orDefault('head_dim');
  if (headDim === undefined) {
    if (hiddenSize % heads !== 0) {
      fail(
        'head_dim',
        `is missing and hidden_size (${hiddenSize}) is not a multiple of num_attention_heads (${heads})`,
      );
    }
    headDim = hiddenSize / heads;
  }
  const moe = moeOf(r, layers);
  const intermediateSize =
    moe && (moe.denseLayers?.length ?? 0) === 0 && family !== 'mixtral' && family !== 'gpt_oss'
      ? (c.intermediate_size ?? moe.expertIntermediateSize)
      : r.need('intermediate_size');
  let tied = c.tie_word_embeddings;
  if (tied === undefined) {
    tied = TIED_BY_DEFAULT[family];
    r.assumptions.push(`tie_word_embeddings is absent: read as ${tied}, the ${family} default in transformers`);
  }
  if ((c.num_nextn_predict_layers ?? 0) > 0) {
    r.assumptions.push(
      `the ${c.num_nextn_predict_layers} multi-token-prediction layer(s) are not counted: servers load them only for speculative decoding`,
    );
  }
  let visionPart: { params: number; projector: number; kind: string } | null = null;
  if (vision) {
    if (isSiglip(vision)) {
      visionPart = { ...siglipParams(vision, hiddenSize), kind: String(vision.model_type) };
    } else {
      r.assumptions.push(
        `the vision encoder (${String(vision.model_type ?? t)}) is not counted: only SigLIP towers are modelled`,
      );
    }
  }
  const isGemma = family === 'gemma2' || family === 'gemma3_text';
  const attentionBias = c.attention_bias === true;
  const dtype = dtypeOf(r);
  const quantization = c.quantization_config ? quantizationFromConfig(c.quantization_config) : null;
  const windows = layerWindows(r, layers);
  return Model.parse({
    id: meta.id,
    name: meta.name,
    modelType: wrapperType ?? t,
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    intermediateSize,
    vocabSize: r.need('vocab_size'),
    tiedEmbeddings: tied,
    maxContext: r.need('max_position_embeddings'),
    qkvBias:
      family === 'qwen2' || family === 'qwen2_moe' || ((family === 'llama' || family === 'gpt_oss') && attentionBias),
    oBias: (family === 'llama' || family === 'gpt_oss') && attentionBias,
    qkNorm: family === 'qwen3' || family === 'qwen3_moe' || family === 'gemma3_text',
    layerWindows: windows,
    moe,
    dtype,
    assumptions: r.assumptions,
    normsPerLayer: isGemma ? 4 : 2,
    mlpBias: family === 'llama' && c.mlp_bias === true,
    attentionSinks: family === 'gpt_oss',
    mla,
    logitSoftcapping: family === 'gemma2' && c.final_logit_softcapping != null,
    vision: visionPart,
    quantization,
  });
}
