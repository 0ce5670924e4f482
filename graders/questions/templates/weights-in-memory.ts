// Self-check for chapter 5 (weights in memory): what is left after the weights, how many cards, how long to load.
import { BASE_MODELS, GPUS } from '../../../src/engine/catalog/index.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { fitting, gpuById, modelById, WEIGHT_PRECISIONS } from './pick.ts';

interface FreeParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}

export const freeAfterWeights: NumericTemplate<FreeParams> = {
  id: 'weights-in-memory/free-after-weights',
  topic: 'weight-memory',
  title: 'Memory left after the weights',
  spec: { quantity: 'bytes', unit: 'GiB', tolerance: 0.01 },
  generate(rng) {
    const { model, gpu, precision } = fitting(rng, { share: 0.85 });
    return { modelId: model.id, gpuId: gpu.id, precision };
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    return `${m.name} has ${int(paramCounts(m).total)} parameters and is served in ${PRECISION_LABEL[p.precision]}. nvidia-smi reports the ${g.name} as ${int(g.memoryBytes / 2 ** 20)} MiB. How much memory is left for everything else once the weights are loaded? Answer in GiB (or GB), with the unit. (±1%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const w = weightBytes(m, p.precision);
    const value = g.memoryBytes - w;
    return {
      value,
      steps: [
        `Weights: ${int(paramCounts(m).total)} × ${bytesPerElement(p.precision)} B = ${formatBytes(w, 'GiB')} (${formatBytes(w, 'GB')}).`,
        `Card: ${int(g.memoryBytes / 2 ** 20)} MiB = ${formatBytes(g.memoryBytes, 'GiB')}.`,
        `Left: ${formatBytes(g.memoryBytes, 'GiB')} − ${formatBytes(w, 'GiB')} = ${formatBytes(value, 'GiB')} for the KV cache, activations and the runtime.`,
      ],
    };
  },
};

interface CardsParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}

export const minGpus: NumericTemplate<CardsParams> = {
  id: 'weights-in-memory/min-gpus',
  topic: 'fits-or-not',
  title: 'Fewest cards that can hold the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const model = rng.pick(BASE_MODELS);
      const gpu = rng.pick(GPUS);
      const precision = rng.pick(WEIGHT_PRECISIONS);
      if (weightBytes(model, precision) > 0.5 * gpu.memoryBytes) return { modelId: model.id, gpuId: gpu.id, precision };
    }
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    return `What is the smallest number of ${g.name} cards (${formatBytes(g.memoryBytes, 'GiB')} each) whose combined memory can hold ${m.name}'s ${PRECISION_LABEL[p.precision]} weights (${int(paramCounts(m).total)} parameters), ignoring everything else? Give a whole number. (exact)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const w = weightBytes(m, p.precision);
    const value = Math.ceil(w / g.memoryBytes);
    return {
      value,
      steps: [
        `Weights: ${formatBytes(w, 'GiB')}.`,
        `${formatBytes(w, 'GiB')} ÷ ${formatBytes(g.memoryBytes, 'GiB')} = ${fixed(w / g.memoryBytes, 2)}, rounded up: ${value}.`,
        'That only holds the weights; a deployment also needs room for the KV cache, so plan for more.',
      ],
    };
  },
};

interface LoadParams {
  modelId: string;
  precision: Precision;
  gbPerS: number;
}

export const loadTime: NumericTemplate<LoadParams> = {
  id: 'weights-in-memory/load-time',
  topic: 'weight-memory',
  title: 'Time to load the weights over the slowest link',
  spec: { quantity: 'time', unit: 's', tolerance: 0.02 },
  generate(rng) {
    // Link speeds a learner meets: NVMe drives, PCIe Gen4/Gen5 ×16 links (errata E004-27), network storage.
    return {
      modelId: rng.pick(BASE_MODELS).id,
      precision: rng.pick(WEIGHT_PRECISIONS),
      gbPerS: rng.pick([1.25, 3.5, 7, 12, 25, 32, 64]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name}'s ${PRECISION_LABEL[p.precision]} weights (${int(paramCounts(m).total)} parameters) must be copied to the GPU, and the slowest link on the way moves ${p.gbPerS} GB/s. What is the shortest possible load time, in seconds? (±2%)`;
  },
  solve(p) {
    const w = weightBytes(modelById(p.modelId), p.precision);
    const value = w / (p.gbPerS * 1e9);
    return {
      value,
      steps: [
        `Bytes to move: ${formatBytes(w, 'GB')}.`,
        `Time ≥ ${formatBytes(w, 'GB')} ÷ ${p.gbPerS} GB/s = ${fixed(value, 2)} s; any slower hop on the way makes it longer.`,
      ],
    };
  },
};

export const WEIGHTS_IN_MEMORY_TEMPLATES = [freeAfterWeights, minGpus, loadTime];
