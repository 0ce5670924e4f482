// Self-check for chapter 11 (a live forward pass): KV bytes read per step, the KV share, and the crossover context.
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes, weightBytesReadPerStep } from '../../../src/engine/memory.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { fitting, gpuById, modelById, POOL } from './pick.ts';

/** The config fields a learner needs to size the cache, including any sliding window. */
function shapeText(m: Model, kvPrecision: Precision): string {
  const windowed = m.layerWindows.filter((w) => w !== null);
  const win = windowed.length
    ? ` ${windowed.length} of its ${m.layers} layers keep only the last ${int(windowed[0] as number)} tokens.`
    : '';
  return `${m.name} has ${m.layers} layers with ${m.kvHeads} KV heads of dimension ${m.headDim}, and its KV cache is stored in ${PRECISION_LABEL[kvPrecision]} (${bytesPerElement(kvPrecision)} byte(s) per element).${win}`;
}

interface KvReadParams {
  modelId: string;
  kvPrecision: Precision;
  batch: number;
  context: number;
}

export const kvRead: NumericTemplate<KvReadParams> = {
  id: 'live-forward-pass/kv-read',
  topic: 'kv-sizing',
  title: 'KV cache read by one decode step',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    const model = rng.pick(POOL);
    return {
      modelId: model.id,
      kvPrecision: rng.pick(['bf16', 'fp8'] as const),
      batch: rng.pick([1, 4, 8, 16, 32, 64]),
      context: rng.pick([1024, 2048, 4096, 8192, 16384, 32768].filter((c) => c <= model.maxContext)),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${shapeText(m, p.kvPrecision)} A decode step serves ${p.batch} sequences, each ${int(p.context)} tokens long. How many bytes of KV cache does the step read? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const perToken = kvBytesPerToken(m, p.kvPrecision);
    const perSeq = kvBytesForContext(m, p.context, p.kvPrecision);
    const value = p.batch * perSeq;
    const capped = perSeq !== perToken * p.context;
    return {
      value,
      steps: [
        `Per token: 2 (K and V) × ${m.layers} × ${m.kvHeads} × ${m.headDim} × ${bytesPerElement(p.kvPrecision)} B = ${int(perToken)} B.`,
        capped
          ? `Per sequence, with windowed layers capped at their window: ${formatBytes(perSeq, 'GB', 3)}.`
          : `Per sequence: ${int(p.context)} tokens × ${int(perToken)} B = ${formatBytes(perSeq, 'GB', 3)}.`,
        `The step reads every sequence's cache: ${p.batch} × ${formatBytes(perSeq, 'GB', 3)} = ${formatBytes(value, 'GB', 3)} (${formatBytes(value, 'GiB', 3)}).`,
      ],
    };
  },
};

interface ShareParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  batch: number;
  context: number;
}

function drawShare(rng: Random, models: readonly Model[]): ShareParams {
  const { model, gpu, precision } = fitting(rng, { models, precisions: ['bf16', 'fp8', 'int8'] });
  return {
    modelId: model.id,
    gpuId: gpu.id,
    precision,
    batch: rng.pick([1, 2, 4, 8, 16, 32, 64]),
    context: rng.pick([512, 1024, 2048, 4096, 8192, 16384].filter((c) => c <= model.maxContext)),
  };
}

export const kvShare: NumericTemplate<ShareParams> = {
  id: 'live-forward-pass/kv-share',
  topic: 'kv-sizing',
  title: 'Share of a decode step spent reading the KV cache',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate: (rng) => drawShare(rng, POOL),
  text(p) {
    const m = modelById(p.modelId);
    const s = decodeStep(m, gpuById(p.gpuId), { weightPrecision: p.precision, batch: p.batch, context: p.context });
    return `A decode step of ${m.name} (${PRECISION_LABEL[p.precision]} weights) reads ${formatBytes(s.weightBytesRead, 'GB', 3)} of weights for a batch of ${p.batch} sequences at ${int(p.context)} tokens each, and each sequence holds ${formatBytes(kvBytesForContext(m, p.context), 'GB', 4)} of BF16 KV cache. What percentage of the step's bytes is KV cache? Give the number only (e.g. 12.5 for 12.5%). (±2% of the answer)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const s = decodeStep(m, gpuById(p.gpuId), { weightPrecision: p.precision, batch: p.batch, context: p.context });
    const value = (s.kvBytesRead / s.bytesPerStep) * 100;
    return {
      value,
      steps: [
        `KV read: ${p.batch} × ${formatBytes(kvBytesForContext(m, p.context), 'GB', 4)} = ${formatBytes(s.kvBytesRead, 'GB', 3)}.`,
        `All bytes: ${formatBytes(s.weightBytesRead, 'GB', 3)} + ${formatBytes(s.kvBytesRead, 'GB', 3)} = ${formatBytes(s.bytesPerStep, 'GB', 3)}.`,
        `Share = ${formatBytes(s.kvBytesRead, 'GB', 3)} ÷ ${formatBytes(s.bytesPerStep, 'GB', 3)} = ${fixed(value, 2)}%.`,
      ],
    };
  },
};

interface CrossoverParams {
  modelId: string;
  precision: Precision;
  batch: number;
}

const fullAttentionDense = POOL.filter((m) => m.moe === null && m.layerWindows.every((w) => w === null));

export const crossover: NumericTemplate<CrossoverParams> = {
  id: 'live-forward-pass/crossover',
  topic: 'kv-sizing',
  title: 'Context at which the KV cache outweighs the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(fullAttentionDense).id,
      precision: rng.pick(['bf16', 'fp8', 'int8', 'int4'] as const),
      batch: rng.pick([4, 8, 16, 32, 64, 128]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name} stores ${formatBytes(weightBytes(m, p.precision), 'GB')} of ${PRECISION_LABEL[p.precision]} weights and ${int(kvBytesPerToken(m))} bytes of BF16 KV cache per token. A decode step serves ${p.batch} sequences of equal length. At what context length (tokens per sequence) does the KV cache the step reads equal the weights it reads? Give the number only. (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const w = weightBytesReadPerStep(m, p.precision, p.batch);
    const k = kvBytesPerToken(m);
    const value = w / (p.batch * k);
    return {
      value,
      steps: [
        'Set weights = batch × context × KV bytes per token and solve for the context.',
        `Context = ${int(w)} B ÷ (${p.batch} × ${int(k)} B) = ${fixed(value, 0)} tokens.`,
        'Beyond it, each step reads more cache than weights; below it, the weights still dominate.',
      ],
    };
  },
};

export const LIVE_FORWARD_PASS_TEMPLATES = [kvRead, kvShare, crossover];
