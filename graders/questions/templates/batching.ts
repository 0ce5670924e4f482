// Self-check for chapter 12 (batching): throughput at a batch, the gain from doubling, the memory limit, amortization.

import { maxBatchInMemory } from '../../../src/engine/capacity.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText, fitting, gpuById, modelById, POOL } from './pick.ts';

interface Params {
  modelId: string;
  gpuId: string;
  precision: Precision;
  batch: number;
  context: number;
}

const dense = POOL.filter((m) => m.moe === null);
const step = (p: Params, batch = p.batch) =>
  decodeStep(modelById(p.modelId), gpuById(p.gpuId), { weightPrecision: p.precision, batch, context: p.context });

/** A dense model and card where this batch (and twice it) stays memory-bound and fits in memory. */
function draw(rng: Random): Params {
  for (;;) {
    const { model, gpu, precision } = fitting(rng, { models: dense, precisions: ['bf16', 'fp8', 'int8'], share: 0.7 });
    const p = {
      modelId: model.id,
      gpuId: gpu.id,
      precision,
      batch: rng.pick([1, 2, 4, 8, 16, 32, 64]),
      context: rng.pick([512, 1024, 2048, 4096, 8192]),
    };
    const fits = 2 * p.batch <= maxBatchInMemory(model, gpu, precision, p.context);
    if (fits && step(p, 2 * p.batch).regime === 'memory-bound') return p;
  }
}

const setup = (p: Params) => {
  const m = modelById(p.modelId);
  return `${m.name} (${formatBytes(weightBytes(m, p.precision), 'GB')} of ${PRECISION_LABEL[p.precision]} weights, ${formatBytes(kvBytesForContext(m, p.context), 'GB', 4)} of KV cache per sequence at ${int(p.context)} tokens) on an ${gpuById(p.gpuId).name} (${bwText(gpuById(p.gpuId))})`;
};

export const throughput: NumericTemplate<Params> = {
  id: 'batching/throughput',
  topic: 'batch-amortization',
  title: 'Aggregate decode throughput at a batch size',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate: draw,
  text(p) {
    return `${setup(p)} decodes a batch of ${p.batch} sequences. At 100% of peak bandwidth, how many tokens per second does the card produce in total? (±2%)`;
  },
  solve(p) {
    const s = step(p);
    return {
      value: s.tokensPerSecondTotal,
      steps: [
        `Bytes per step: weights once plus ${p.batch} caches = ${formatBytes(s.weightBytesRead, 'GB')} + ${formatBytes(s.kvBytesRead, 'GB')} = ${formatBytes(s.bytesPerStep, 'GB')}.`,
        `Step time: ${formatBytes(s.bytesPerStep, 'GB')} ÷ ${bwText(gpuById(p.gpuId))} = ${fixed(s.stepTimeS * 1e3, 3)} ms.`,
        `Each step yields ${p.batch} tokens: ${p.batch} ÷ ${fixed(s.stepTimeS, 5)} s = ${fixed(s.tokensPerSecondTotal, 1)} tokens/s in total (${fixed(s.tokensPerSecondPerSequence, 1)} per sequence).`,
      ],
    };
  },
};

export const doublingGain: NumericTemplate<Params> = {
  id: 'batching/doubling-gain',
  topic: 'batch-amortization',
  title: 'Throughput gained by doubling the batch',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate: draw,
  text(p) {
    return `${setup(p)} runs a decode batch of ${p.batch}. If the batch doubles to ${2 * p.batch} (same context), by what percentage does aggregate throughput rise? Give the number only (e.g. 42 for +42%). (±2% of the answer)`;
  },
  solve(p) {
    const a = step(p);
    const b = step(p, 2 * p.batch);
    const value = (b.tokensPerSecondTotal / a.tokensPerSecondTotal - 1) * 100;
    return {
      value,
      steps: [
        `Batch ${p.batch}: ${formatBytes(a.bytesPerStep, 'GB')} per step → ${fixed(a.tokensPerSecondTotal, 1)} tokens/s.`,
        `Batch ${2 * p.batch}: the same weights plus twice the cache, ${formatBytes(b.bytesPerStep, 'GB')} → ${fixed(b.tokensPerSecondTotal, 1)} tokens/s.`,
        `Gain = ${fixed(b.tokensPerSecondTotal, 1)} ÷ ${fixed(a.tokensPerSecondTotal, 1)} − 1 = ${fixed(value, 2)}%, the weights' share of the doubled step.`,
      ],
    };
  },
};

interface MaxBatchParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  context: number;
}

export const maxBatch: NumericTemplate<MaxBatchParams> = {
  id: 'batching/max-batch',
  topic: 'max-concurrency',
  title: 'Largest batch the memory allows',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8', 'int4'], share: 0.8 });
      const context = rng.pick([1024, 2048, 4096, 8192, 16384, 32768].filter((c) => c <= model.maxContext));
      if (maxBatchInMemory(model, gpu, precision, context) >= 2)
        return { modelId: model.id, gpuId: gpu.id, precision, context };
    }
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    return `An ${g.name} has ${formatBytes(g.memoryBytes, 'GiB')} of memory. ${m.name}'s ${PRECISION_LABEL[p.precision]} weights take ${formatBytes(weightBytes(m, p.precision), 'GiB')}, and one sequence of ${int(p.context)} tokens holds ${formatBytes(kvBytesForContext(m, p.context), 'MiB')} of KV cache. Ignoring activations and the runtime's reserve, how many such sequences fit beside the weights? Give a whole number. (±1%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const free = g.memoryBytes - weightBytes(m, p.precision);
    const value = maxBatchInMemory(m, g, p.precision, p.context);
    return {
      value,
      steps: [
        `Free after weights: ${formatBytes(g.memoryBytes, 'GiB')} − ${formatBytes(weightBytes(m, p.precision), 'GiB')} = ${formatBytes(free, 'GiB')}.`,
        `Per sequence: ${int(p.context)} tokens × ${int(kvBytesPerToken(m))} B${m.layerWindows.some((w) => w !== null) ? ' (windowed layers capped)' : ''} = ${formatBytes(kvBytesForContext(m, p.context), 'MiB')}.`,
        `${formatBytes(free, 'MiB', 0)} ÷ ${formatBytes(kvBytesForContext(m, p.context), 'MiB')} = ${fixed(free / kvBytesForContext(m, p.context), 2)}, so ${value} whole sequences. A real engine admits fewer.`,
      ],
    };
  },
};

interface AmortizeParams {
  modelId: string;
  precision: Precision;
  batch: number;
}

export const weightsPerSequence: NumericTemplate<AmortizeParams> = {
  id: 'batching/weights-per-sequence',
  topic: 'batch-amortization',
  title: 'Weight bytes per sequence in a batch',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      modelId: rng.pick(dense).id,
      precision: rng.pick(['bf16', 'fp8', 'int8', 'int4'] as const),
      batch: rng.pick([2, 4, 8, 16, 24, 32, 48, 64, 128]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name} stores ${formatBytes(weightBytes(m, p.precision), 'GB')} of ${PRECISION_LABEL[p.precision]} weights. In a decode batch of ${p.batch} sequences, how many bytes of the weight read does each sequence account for? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const w = weightBytes(modelById(p.modelId), p.precision);
    return {
      value: w / p.batch,
      steps: [
        'A dense model reads every weight once per step, however many sequences share the step.',
        `${formatBytes(w, 'GB')} ÷ ${p.batch} = ${formatBytes(w / p.batch, 'GB', 3)} per sequence (${formatBytes(w / p.batch, 'GiB', 3)}).`,
      ],
    };
  },
};

export const BATCHING_TEMPLATES = [throughput, doublingGain, maxBatch, weightsPerSequence];
