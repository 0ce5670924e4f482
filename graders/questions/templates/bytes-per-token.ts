import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

const KV_PRECISIONS: Precision[] = ['bf16', 'fp8'];
const CONTEXTS = [1024, 2048, 4000, 8192, 16_384, 32_768];

/** The config fields a learner needs, plus hidden_size as the classic distractor. */
function configLine(m: Model): string {
  const windows = m.layerWindows.filter((w) => w !== null);
  const window =
    windows.length > 0
      ? `, sliding_window=${int(windows[0] as number)} on ${windows.length === m.layers ? 'every layer' : `${windows.length} layers`}`
      : '';
  if (m.mla) {
    return `num_hidden_layers=${m.layers}, hidden_size=${m.hiddenSize}, num_attention_heads=${m.heads}, kv_lora_rank=${m.mla.kvLoraRank}, qk_rope_head_dim=${m.mla.qkRopeHeadDim} (multi-head latent attention)`;
  }
  return `num_hidden_layers=${m.layers}, hidden_size=${m.hiddenSize}, num_attention_heads=${m.heads}, num_key_value_heads=${m.kvHeads}, head_dim=${m.headDim}${window}`;
}

function perTokenStep(m: Model, p: Precision): string {
  if (m.mla) {
    return `MLA caches one latent and one RoPE key per layer, shared by all heads: ${m.layers} layers × (${m.mla.kvLoraRank} + ${m.mla.qkRopeHeadDim}) × ${bytesPerElement(p)} B = ${int(kvBytesPerToken(m, p))} B.`;
  }
  return `KV per token = 2 (K and V) × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} × ${bytesPerElement(p)} B = ${int(kvBytesPerToken(m, p))} B. The attention-head count and hidden_size do not enter.`;
}

interface PerTokenParams {
  modelId: string;
  kv: Precision;
}

export const kvPerToken: NumericTemplate<PerTokenParams> = {
  id: 'bytes-per-token/kv-per-token',
  topic: 'kv-bytes',
  title: 'KV bytes per token from a config',
  spec: { quantity: 'bytes', unit: 'KB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(BASE_MODELS).id, kv: rng.pick(KV_PRECISIONS) };
  },
  text(p) {
    const m = getModel(p.modelId);
    return `A model's config.json says: ${configLine(m)}. With a ${PRECISION_LABEL[p.kv]} KV cache, how many bytes does each new token add to the cache across all layers (while the context is shorter than any window)? Answer in KB (10³ bytes) or another byte unit. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const value = kvBytesPerToken(m, p.kv);
    return {
      value,
      steps: [
        m.mla
          ? `With MLA, the cache holds a compressed latent instead of per-head keys and values.`
          : `Each layer stores one key and one value vector per KV head; ${m.heads} query heads share ${m.kvHeads} KV heads.`,
        perTokenStep(m, p.kv),
        `That is ${fixed(value / 1e3, 2)} KB (${fixed(value / 2 ** 10, 2)} KiB).`,
      ],
    };
  },
};

interface BatchParams extends PerTokenParams {
  batch: number;
  context: number;
}

export const batchKv: NumericTemplate<BatchParams> = {
  id: 'bytes-per-token/batch-kv',
  topic: 'kv-bytes',
  title: 'KV cache of a batch',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(BASE_MODELS);
      const context = rng.pick(CONTEXTS);
      if (context > m.maxContext) continue;
      return { modelId: m.id, kv: rng.pick(KV_PRECISIONS), batch: rng.pick([1, 4, 8, 10, 16, 32, 64]), context };
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    return `${m.name} (${configLine(m)}) serves ${p.batch} sequence${p.batch > 1 ? 's' : ''} of ${int(p.context)} tokens each with a ${PRECISION_LABEL[p.kv]} KV cache. How much memory does the cache hold? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const perSeq = kvBytesForContext(m, p.context, p.kv);
    const value = p.batch * perSeq;
    const full = kvBytesPerToken(m, p.kv) * p.context;
    return {
      value,
      steps: [
        perTokenStep(m, p.kv),
        perSeq < full
          ? `Windowed layers keep at most their window, so one sequence holds ${formatBytes(perSeq, 'GB', 3)} rather than ${formatBytes(full, 'GB', 3)}.`
          : `One sequence: ${int(p.context)} tokens × ${int(kvBytesPerToken(m, p.kv))} B = ${formatBytes(perSeq, 'GB', 3)}.`,
        `The batch: ${p.batch} × ${formatBytes(perSeq, 'GB', 3)} = ${formatBytes(value, 'GB', 3)} (${formatBytes(value, 'GiB', 3)}).`,
      ],
    };
  },
};

interface FitParams extends PerTokenParams {
  context: number;
  gpuId: string;
  weights: Precision;
}

function fitCount(p: FitParams): { room: number; perSeq: number; count: number; weights: number; gpu: Gpu } {
  const m = getModel(p.modelId);
  const gpu = getGpu(p.gpuId);
  const weights = weightBytes(m, p.weights);
  const room = gpu.memoryBytes - weights;
  const perSeq = kvBytesForContext(m, p.context, p.kv);
  return { room, perSeq, count: Math.floor(room / perSeq), weights, gpu };
}

export const sequencesThatFit: NumericTemplate<FitParams> = {
  id: 'bytes-per-token/sequences-that-fit',
  topic: 'kv-capacity',
  title: 'Sequences that fit beside the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(BASE_MODELS);
      const gpu = rng.pick(GPUS);
      const weights = rng.pick<Precision>(['bf16', 'fp8', 'int8']);
      const context = rng.pick(CONTEXTS);
      const p = { modelId: m.id, gpuId: gpu.id, weights, kv: rng.pick(KV_PRECISIONS), context };
      if (context > m.maxContext) continue;
      const { count } = fitCount(p);
      if (count >= 2 && count <= 5000) return p;
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    const { gpu } = fitCount(p);
    return `${m.name} (${configLine(m)}) runs with ${PRECISION_LABEL[p.weights]} weights and a ${PRECISION_LABEL[p.kv]} KV cache on an ${gpu.name} (${formatBytes(gpu.memoryBytes, 'GiB')}). Ignoring the runtime's own reserve and activations, how many sequences of ${int(p.context)} tokens can the memory the weights leave hold at once? (a whole number, ±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const { room, perSeq, count, weights, gpu } = fitCount(p);
    return {
      value: count,
      steps: [
        `Weights: ${formatBytes(weights, 'GB')} (${PRECISION_LABEL[p.weights]}); the ${gpu.name} has ${formatBytes(gpu.memoryBytes, 'GB')}, leaving ${formatBytes(room, 'GB')}.`,
        `One sequence of ${int(p.context)} tokens holds ${formatBytes(perSeq, 'GB', 3)} of ${PRECISION_LABEL[p.kv]} KV (${int(kvBytesPerToken(m, p.kv))} B per token).`,
        `${formatBytes(room, 'GB')} ÷ ${formatBytes(perSeq, 'GB', 3)} = ${fixed(room / perSeq, 2)}, so ${int(count)} whole sequences fit.`,
      ],
    };
  },
};

export const BYTES_PER_TOKEN_TEMPLATES = [kvPerToken, batchKv, sequencesThatFit];
