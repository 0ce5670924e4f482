import { kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { DENSE_IDS, GPU_IDS, gpu, MOE_IDS, model, withArticle } from './pool.ts';

/** Share of memory kept free for the KV cache, activations and the runtime in these questions. */
const HEADROOM = 0.1;
const PRECISIONS: Precision[] = ['bf16', 'fp8', 'int8', 'int4'];
const ALL_MODELS = [...DENSE_IDS, ...MOE_IDS];

interface FitParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}

const usable = (gpuId: string) => (1 - HEADROOM) * gpu(gpuId).memoryBytes;

export const weightsFit: ChoiceTemplate<FitParams> = {
  kind: 'choice',
  id: 'fits/weights-on-card',
  topic: 'fits',
  title: 'Do the weights fit on one card?',
  generate(rng) {
    for (;;) {
      const p = { modelId: rng.pick(ALL_MODELS), gpuId: rng.pick(GPU_IDS), precision: rng.pick(PRECISIONS) };
      const ratio = weightBytes(model(p.modelId), p.precision) / usable(p.gpuId);
      // Clear cases only: a 3% call would test rounding, not understanding.
      if (Math.abs(ratio - 1) > 0.05) return p;
    }
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `Can ${m.name} with ${PRECISION_LABEL[p.precision]} weights be loaded on a single ${g.name} (${g.memoryLabel}) if ${HEADROOM * 100}% of the card's memory must stay free for the KV cache and the runtime?`;
  },
  options(p) {
    const w = weightBytes(model(p.modelId), p.precision);
    const fits = w <= usable(p.gpuId);
    const numbers = `${formatBytes(w, 'GB')} of weights against ${formatBytes(usable(p.gpuId), 'GB')} usable`;
    return [
      { label: 'Yes', correct: fits, explanation: fits ? `They fit: ${numbers}.` : `They do not: ${numbers}.` },
      {
        label: 'No',
        correct: !fits,
        explanation: fits
          ? `They fit: ${numbers}.`
          : `They do not: ${numbers}; it needs more cards or fewer bytes per weight.`,
      },
    ];
  },
  solve(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    const w = weightBytes(m, p.precision);
    return {
      steps: [
        `Weights: ${int(w)} bytes = ${formatBytes(w, 'GB')} in ${PRECISION_LABEL[p.precision]} (every parameter is stored, experts included).`,
        `Usable: ${1 - HEADROOM} × ${formatBytes(g.memoryBytes, 'GB')} = ${formatBytes(usable(p.gpuId), 'GB')}.`,
        w <= usable(p.gpuId) ? 'The weights fit.' : 'The weights do not fit.',
      ],
    };
  },
};

export const minGpus: NumericTemplate<FitParams> = {
  id: 'fits/min-gpus',
  topic: 'fits',
  title: 'Fewest cards to hold the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.001 },
  generate(rng) {
    for (;;) {
      const p = { modelId: rng.pick(ALL_MODELS), gpuId: rng.pick(GPU_IDS), precision: rng.pick(PRECISIONS) };
      const cards = weightBytes(model(p.modelId), p.precision) / usable(p.gpuId);
      // Several cards, and not within 3% of a whole number (where rounding would decide the answer).
      if (cards > 1.05 && cards < 16 && cards - Math.floor(cards) > 0.03 && Math.ceil(cards) - cards > 0.03) return p;
    }
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `${m.name}'s ${PRECISION_LABEL[p.precision]} weights are split evenly across ${g.name} cards (${g.memoryLabel} each), and every card keeps ${HEADROOM * 100}% of its memory free for the KV cache and the runtime. What is the fewest number of cards that holds the weights?`;
  },
  solve(p) {
    const w = weightBytes(model(p.modelId), p.precision);
    const per = usable(p.gpuId);
    const cards = Math.ceil(w / per);
    return {
      value: cards,
      steps: [
        `Weights: ${formatBytes(w, 'GB')}. Usable per card: ${formatBytes(per, 'GB')}.`,
        `${formatBytes(w, 'GB')} ÷ ${formatBytes(per, 'GB')} = ${fixed(w / per, 2)}, so ${cards} cards.`,
        'In practice tensor parallelism wants a divisor of the attention heads (2, 4 or 8 cards), so you would round up to one of those.',
      ],
    };
  },
};

interface ContextParams extends FitParams {
  kvPrecision: Precision;
}

export const kvRoom: NumericTemplate<ContextParams> = {
  id: 'fits/kv-room',
  topic: 'fits',
  title: 'KV tokens that fit beside the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const p = {
        // Full-attention models only: a sliding window caps what each sequence keeps, which is another question.
        modelId: rng.pick(DENSE_IDS.filter((id) => model(id).layerWindows.every((w) => w === null))),
        gpuId: rng.pick(GPU_IDS),
        precision: rng.pick(PRECISIONS),
        kvPrecision: rng.pick(['bf16', 'fp8'] as Precision[]),
      };
      const room = usable(p.gpuId) - weightBytes(model(p.modelId), p.precision);
      if (room > 0.1 * gpu(p.gpuId).memoryBytes) return p;
    }
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `${m.name} (${PRECISION_LABEL[p.precision]} weights, ${PRECISION_LABEL[p.kvPrecision]} KV cache) runs on ${withArticle(g.name)} (${int(g.memoryBytes / 2 ** 20)} MiB). If the server may use ${(1 - HEADROOM) * 100}% of the memory and, after the weights, spends all of it on the KV cache, how many tokens of KV cache fit (all sequences together)? Ignore activations and runtime overhead. (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const w = weightBytes(m, p.precision);
    const room = usable(p.gpuId) - w;
    const perToken = kvBytesPerToken(m, p.kvPrecision);
    return {
      value: room / perToken,
      steps: [
        `Usable: ${(1 - HEADROOM) * 100}% of ${formatBytes(gpu(p.gpuId).memoryBytes, 'GB')} = ${formatBytes(usable(p.gpuId), 'GB')}; weights take ${formatBytes(w, 'GB')}, leaving ${formatBytes(room, 'GB')}.`,
        `KV per token: 2 × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} dims × bytes = ${int(perToken)} B.`,
        `${formatBytes(room, 'GB')} ÷ ${int(perToken)} B = ${int(room / perToken)} tokens.`,
      ],
    };
  },
};

export const FITS_TEMPLATES = [weightsFit, minGpus, kvRoom];
