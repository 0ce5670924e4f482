import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { DENSE_IDS, model, tokens, withArticle } from './pool.ts';

const KV_PRECISIONS: Precision[] = ['bf16', 'fp16', 'fp8'];
const fullAttention = () => DENSE_IDS.filter((id) => model(id).layerWindows.every((w) => w === null));

interface PerTokenParams {
  modelId: string;
  kvPrecision: Precision;
  unit: 'KB' | 'KiB';
}

export const kvPerToken: NumericTemplate<PerTokenParams> = {
  id: 'kv/per-token',
  topic: 'kv-sizing',
  title: 'KV bytes per token from config.json',
  spec: { quantity: 'bytes', unit: 'KB', tolerance: 0.005 },
  unitFor: (p) => p.unit,
  generate(rng) {
    return {
      modelId: rng.pick(DENSE_IDS),
      kvPrecision: rng.pick(KV_PRECISIONS),
      unit: rng.pick(['KB', 'KiB'] as const),
    };
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name}'s config.json has num_hidden_layers=${m.layers}, hidden_size=${m.hiddenSize}, num_attention_heads=${m.heads}, num_key_value_heads=${m.kvHeads} and head_dim=${m.headDim}. How much KV cache does one token add, across all layers, with ${withArticle(PRECISION_LABEL[p.kvPrecision])} cache? Answer in ${p.unit}. (±0.5%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const b = kvBytesPerToken(m, p.kvPrecision);
    return {
      value: b,
      steps: [
        'Each layer stores a key and a value vector for every KV head (not every attention head).',
        `2 × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} dims × ${bytesPerElement(p.kvPrecision)} B = ${int(b)} B.`,
        `That is ${formatBytes(b, 'KB')} or ${formatBytes(b, 'KiB')}. Counting the ${m.heads} attention heads instead of the ${m.kvHeads} KV heads would overstate it ${fixed(m.heads / m.kvHeads, 0)}×.`,
      ],
    };
  },
};

interface LectureParams {
  context: number;
}

// Source 001's self-check question 3: 80 layers × 8 KV heads × 128 dims, FP16, one request. Llama 3.3 70B has
// exactly these fields, so the engine computes it on that model.
const LECTURE_MODEL = 'llama-3.3-70b';

export const kvLecture: NumericTemplate<LectureParams> = {
  id: 'kv/long-context-request',
  topic: 'kv-sizing',
  title: 'KV for one long request (80 × 8 × 128, FP16)',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.001 },
  generate(rng) {
    return { context: rng.pick([8192, 16384, 32768, 65536, 131072, 262144]) };
  },
  text(p) {
    return `A model's config.json has num_hidden_layers=80, num_key_value_heads=8 and head_dim=128, and the server keeps the KV cache in FP16. How much KV cache does one request hold at ${tokens(p.context)} tokens, in MB? (graded to ±0.1%)`;
  },
  solve(p) {
    const m = model(LECTURE_MODEL);
    const perToken = kvBytesPerToken(m, 'fp16');
    const b = kvBytesForContext(m, p.context, 'fp16');
    return {
      value: b,
      steps: [
        `Per token: 2 × 80 × 8 × 128 × 2 B = ${int(perToken)} B.`,
        `× ${int(p.context)} tokens = ${int(b)} B.`,
        `= ${formatBytes(b, 'MB', 1)} (${formatBytes(b, 'MiB', 1)}, ${formatBytes(b, 'GB')}). Per request: a few such requests fill an 80 GB card on their own.`,
      ],
    };
  },
};

interface WindowParams {
  context: number;
  kvPrecision: Precision;
}

const WINDOW_MODEL = 'mistral-7b-v0.1';

export const kvSlidingWindow: NumericTemplate<WindowParams> = {
  id: 'kv/sliding-window',
  topic: 'kv-sizing',
  title: 'KV with a sliding window',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.01 },
  generate(rng) {
    return {
      context: rng.pick([2048, 3000, 6000, 8192, 12000, 16384, 32768]),
      kvPrecision: rng.pick(['bf16', 'fp8'] as Precision[]),
    };
  },
  text(p) {
    const m = model(WINDOW_MODEL);
    const w = m.layerWindows[0] ?? 0;
    return `${m.name} attends over a sliding window of ${int(w)} tokens in all ${m.layers} layers (${m.kvHeads} KV heads × ${m.headDim} dims each). A server that drops keys and values once they leave the window holds how much KV cache, in MB, for one sequence that is ${int(p.context)} tokens long, with ${withArticle(PRECISION_LABEL[p.kvPrecision])} cache? (±1%)`;
  },
  solve(p) {
    const m = model(WINDOW_MODEL);
    const w = m.layerWindows[0] ?? 0;
    const kept = Math.min(p.context, w);
    const b = kvBytesForContext(m, p.context, p.kvPrecision);
    return {
      value: b,
      steps: [
        `Each layer keeps at most ${int(w)} tokens, so it holds min(${int(p.context)}, ${int(w)}) = ${int(kept)}.`,
        `Per token per layer: 2 × ${m.kvHeads} × ${m.headDim} × ${bytesPerElement(p.kvPrecision)} B; over ${m.layers} layers: ${int(kvBytesPerToken(m, p.kvPrecision))} B.`,
        `${int(kept)} tokens × ${int(kvBytesPerToken(m, p.kvPrecision))} B = ${formatBytes(b, 'MB', 1)}.`,
        p.context > w
          ? `Without the window it would be ${formatBytes(kvBytesPerToken(m, p.kvPrecision) * p.context, 'MB', 1)}: the window caps memory, and tokens beyond it still influence later ones through the stacked layers.`
          : 'The sequence is shorter than the window, so the window saves nothing yet.',
      ],
    };
  },
};

interface BatchParams {
  modelId: string;
  batch: number;
  context: number;
  kvPrecision: Precision;
}

export const kvBatch: NumericTemplate<BatchParams> = {
  id: 'kv/batch-total',
  topic: 'kv-sizing',
  title: 'KV for a whole batch',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      modelId: rng.pick(fullAttention()),
      batch: rng.pick([4, 8, 10, 16, 32, 64]),
      context: rng.pick([1000, 2048, 4000, 8192, 16384]),
      kvPrecision: rng.pick(KV_PRECISIONS),
    };
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} (${m.layers} layers, ${m.kvHeads} KV heads × ${m.headDim} dims) serves ${p.batch} conversations of ${int(p.context)} tokens each with ${withArticle(PRECISION_LABEL[p.kvPrecision])} KV cache. How much memory does the KV cache take in total, in GB? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const perSeq = kvBytesForContext(m, p.context, p.kvPrecision);
    const total = p.batch * perSeq;
    return {
      value: total,
      steps: [
        `Per token: ${int(kvBytesPerToken(m, p.kvPrecision))} B. Per conversation: × ${int(p.context)} = ${formatBytes(perSeq, 'GB', 3)}.`,
        `× ${p.batch} conversations = ${formatBytes(total, 'GB')} (${formatBytes(total, 'GiB')}).`,
      ],
    };
  },
};

interface VersusParams extends BatchParams {
  precision: Precision;
}

export const kvVersusWeights: ChoiceTemplate<VersusParams> = {
  kind: 'choice',
  id: 'kv/versus-weights',
  topic: 'kv-sizing',
  title: 'Which is bigger: the weights or the KV cache?',
  generate(rng) {
    for (;;) {
      const p = {
        modelId: rng.pick(fullAttention()),
        batch: rng.pick([1, 4, 10, 16, 32, 64, 128]),
        context: rng.pick([1000, 4000, 8192, 32768]),
        kvPrecision: 'bf16' as Precision,
        precision: rng.pick(['bf16', 'fp8', 'int4'] as Precision[]),
      };
      const m = model(p.modelId);
      const ratio = (p.batch * kvBytesForContext(m, p.context)) / weightBytes(m, p.precision);
      if (ratio < 0.8 || ratio > 1.25) return p;
    }
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} with ${PRECISION_LABEL[p.precision]} weights serves ${p.batch} sequences of ${int(p.context)} tokens each, with a BF16 KV cache. Which takes more memory?`;
  },
  options(p) {
    const m = model(p.modelId);
    const w = weightBytes(m, p.precision);
    const kv = p.batch * kvBytesForContext(m, p.context);
    const numbers = `weights ${formatBytes(w, 'GB')}, KV ${formatBytes(kv, 'GB')}`;
    return [
      { label: 'The weights', correct: w > kv, explanation: `${numbers[0]?.toUpperCase()}${numbers.slice(1)}.` },
      { label: 'The KV cache', correct: kv > w, explanation: `${numbers[0]?.toUpperCase()}${numbers.slice(1)}.` },
      {
        label: 'They are about the same size',
        correct: false,
        explanation: `They differ by ${fixed(Math.max(w, kv) / Math.min(w, kv), 1)}×: ${numbers}.`,
      },
    ];
  },
  solve(p) {
    const m = model(p.modelId);
    const w = weightBytes(m, p.precision);
    const kv = p.batch * kvBytesForContext(m, p.context);
    return {
      steps: [
        `Weights: ${formatBytes(w, 'GB')}.`,
        `KV: ${p.batch} × ${int(p.context)} tokens × ${int(kvBytesPerToken(m))} B = ${formatBytes(kv, 'GB')}.`,
        'KV grows with batch × context while the weights stay fixed, so at long contexts and large batches the cache wins; grouped-query attention keeps it smaller than the old multi-head formula suggests.',
      ],
    };
  },
};

export const KV_CACHE_TEMPLATES = [kvPerToken, kvLecture, kvSlidingWindow, kvBatch, kvVersusWeights];
