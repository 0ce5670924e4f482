// Self-check for chapter 8 (reading a model card): KV bytes per token and per request, FLOPs per token.
import { kvBytesForContext, kvBytesPerToken } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { flopsPerToken } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { modelById, POOL, syntheticDecoder } from './pick.ts';

interface PerTokenParams {
  modelId: string;
  kvPrecision: Precision;
}

export const kvPerToken: NumericTemplate<PerTokenParams> = {
  id: 'model-card/kv-per-token',
  topic: 'kv-sizing',
  title: 'KV bytes per token from config fields',
  spec: { quantity: 'bytes', unit: 'KB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(POOL).id, kvPrecision: rng.pick(['bf16', 'fp8', 'fp32'] as const) };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `A config.json reads: num_hidden_layers ${m.layers}, hidden_size ${m.hiddenSize}, num_attention_heads ${m.heads}, num_key_value_heads ${m.kvHeads}, head_dim ${m.headDim}. With the KV cache stored in ${PRECISION_LABEL[p.kvPrecision]}, how many bytes does each token add to the cache? Answer in KB (or B, KiB), with the unit. (±1%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const value = kvBytesPerToken(m, p.kvPrecision);
    return {
      value,
      steps: [
        'Only the KV heads are cached: hidden_size and the query heads do not enter.',
        `2 (K and V) × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} × ${bytesPerElement(p.kvPrecision)} B = ${int(value)} B.`,
        `That is ${formatBytes(value, 'KB', 3)} (${formatBytes(value, 'KiB', 3)}).`,
      ],
    };
  },
};

interface RequestParams {
  layers: number;
  kvHeads: number;
  headDim: number;
  context: number;
}

const synthetic = (p: RequestParams) => syntheticDecoder(p);

export const kvPerRequest: NumericTemplate<RequestParams> = {
  id: 'model-card/kv-per-request',
  topic: 'kv-sizing',
  title: 'KV cache for one request',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.01 },
  generate(rng) {
    return {
      layers: rng.pick([24, 28, 32, 36, 40, 48, 60, 64, 80]),
      kvHeads: rng.pick([1, 2, 4, 8, 16]),
      headDim: rng.pick([64, 96, 128, 256]),
      context: rng.pick([4096, 8192, 16384, 32768, 65536, 131072]),
    };
  },
  text(p) {
    return `A model has num_hidden_layers ${p.layers}, num_key_value_heads ${p.kvHeads} and head_dim ${p.headDim}, with an FP16 KV cache and full attention in every layer. How much KV cache does one request hold at ${int(p.context)} tokens? Answer in MB (or GB, MiB, GiB), with the unit. (±1%)`;
  },
  solve(p) {
    const m = synthetic(p);
    const perToken = kvBytesPerToken(m, 'fp16');
    const value = kvBytesForContext(m, p.context, 'fp16');
    return {
      value,
      steps: [
        `Per token: 2 × ${p.layers} × ${p.kvHeads} × ${p.headDim} × 2 B = ${int(perToken)} B.`,
        `× ${int(p.context)} tokens = ${int(value)} B.`,
        `= ${formatBytes(value, 'MB', 1)} (${formatBytes(value, 'GiB', 3)}).`,
      ],
    };
  },
};

interface FlopsParams {
  modelId: string;
  context: number;
}

export const flopsPerTokenTemplate: NumericTemplate<FlopsParams> = {
  id: 'model-card/flops-per-token',
  topic: 'flops',
  title: 'FLOPs per token, attention included',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    const m = rng.pick(POOL.filter((x) => x.layerWindows.every((w) => w === null)));
    return { modelId: m.id, context: rng.pick([0, 1024, 4096, 16384, 32768, 131072].filter((c) => c <= m.maxContext)) };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name} has ${fixed(paramCounts(m).active / 1e9, 3)} billion active parameters, ${m.layers} layers and ${m.heads} query heads of dimension ${m.headDim}, all with full attention. Using FLOPs ≈ 2 × active parameters + 4 × layers × (heads × head_dim) × context, how many GFLOP does one token cost at ${int(p.context)} tokens of context? Give the number in GFLOP only. (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const value = flopsPerToken(m, p.context) / 1e9;
    const dense = (2 * paramCounts(m).active) / 1e9;
    return {
      value,
      steps: [
        `Weights: 2 × ${fixed(paramCounts(m).active / 1e9, 3)} × 10⁹ = ${fixed(dense, 2)} GFLOP.`,
        `Attention: 4 × ${m.layers} × ${m.heads * m.headDim} × ${int(p.context)} = ${fixed(value - dense, 2)} GFLOP.`,
        `Total: ${fixed(value, 2)} GFLOP per token${value - dense > dense ? ' — attention outweighs the weights at this context' : ''}.`,
      ],
    };
  },
};

export const MODEL_CARD_TEMPLATES = [kvPerToken, kvPerRequest, flopsPerTokenTemplate];
