import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, weightBytes, weightBytesReadPerStep } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeCeilingTokensPerS, decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE_IDS, GPU_IDS, gpu as gpuById, MOE_IDS, model as modelById } from './pool.ts';

const WEIGHT_PRECISIONS: Precision[] = ['bf16', 'fp8', 'int8', 'int4'];
const bw = (g: Gpu) => `${int(g.bandwidthBytesPerS / 1e9)} GB/s`;

// Drawn from fixed id lists (pool.ts), so catalog additions never change the questions a seed produces.
const MODELS: readonly Model[] = [...DENSE_IDS, ...MOE_IDS].map(modelById);
const GPUS: readonly Gpu[] = GPU_IDS.map(gpuById);

/** Draw a model, GPU and precision whose weights fit the card (leaving at least 10% for anything else). */
function fittingCombo(
  rng: Random,
  models: readonly Model[] = MODELS,
): { model: Model; gpu: Gpu; precision: Precision } {
  for (;;) {
    const model = rng.pick(models);
    const gpu = rng.pick(GPUS);
    const precision = rng.pick(WEIGHT_PRECISIONS);
    if (weightBytes(model, precision) <= 0.9 * gpu.memoryBytes) return { model, gpu, precision };
  }
}

interface CeilingParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}
const byId = (p: CeilingParams) => ({
  model: MODELS.find((m) => m.id === p.modelId) as Model,
  gpu: GPUS.find((g) => g.id === p.gpuId) as Gpu,
});

export const decodeCeiling: NumericTemplate<CeilingParams> = {
  id: 'memory-wall/decode-ceiling',
  topic: 'decode-ceiling',
  title: 'Batch-1 decode ceiling',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate(rng) {
    const { model, gpu, precision } = fittingCombo(rng);
    return { modelId: model.id, gpuId: gpu.id, precision };
  },
  text(p) {
    const { model, gpu } = byId(p);
    return `${model.name} with ${PRECISION_LABEL[p.precision]} weights serves one user (batch 1) on an ${gpu.name} (${bw(gpu)}). Ignoring the KV cache, what is the highest decode rate it can reach, in tokens per second? (±2%)`;
  },
  solve(p) {
    const { model, gpu } = byId(p);
    const bytes = weightBytesReadPerStep(model, p.precision, 1);
    const value = decodeCeilingTokensPerS(bytes, gpu.bandwidthBytesPerS);
    const counts = paramCounts(model);
    const read = model.moe
      ? `Each token reads the shared weights plus ${model.moe.expertsPerToken} of ${model.moe.experts} experts: ${fixed(counts.active / 1e9, 2)} B active parameters.`
      : `Each token reads every weight once: ${fixed(counts.total / 1e9, 2)} B parameters.`;
    return {
      value,
      steps: [
        read,
        `Bytes per step = ${fixed(counts.active / 1e9, 2)} B × ${bytesPerElement(p.precision)} B/param = ${formatBytes(bytes, 'GB')}.`,
        `Ceiling = bandwidth ÷ bytes per step = ${bw(gpu)} ÷ ${formatBytes(bytes, 'GB')} = ${fixed(value, 1)} tokens/s.`,
        'Real kernels reach roughly 70–85% of peak bandwidth, so expect less in practice.',
      ],
    };
  },
};

interface WeightParams {
  modelId: string;
  precision: Precision;
}

export const weightMemory: NumericTemplate<WeightParams> = {
  id: 'memory-wall/weight-memory',
  topic: 'weight-memory',
  title: 'Weight memory by precision',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(MODELS).id, precision: rng.pick(WEIGHT_PRECISIONS) };
  },
  text(p) {
    const model = MODELS.find((m) => m.id === p.modelId) as Model;
    const n = paramCounts(model).total;
    return `${model.name} has ${int(n)} parameters. How much memory do its weights take in ${PRECISION_LABEL[p.precision]}, ignoring quantization scales? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const model = MODELS.find((m) => m.id === p.modelId) as Model;
    const n = paramCounts(model).total;
    const value = weightBytes(model, p.precision);
    return {
      value,
      steps: [
        `${PRECISION_LABEL[p.precision]} stores ${bytesPerElement(p.precision)} byte${bytesPerElement(p.precision) === 1 ? '' : 's'} per parameter.`,
        `${int(n)} × ${bytesPerElement(p.precision)} B = ${int(value)} bytes.`,
        `That is ${formatBytes(value, 'GB')} (÷ 10⁹) or ${formatBytes(value, 'GiB')} (÷ 2³⁰).`,
      ],
    };
  },
};

interface StepParams extends CeilingParams {
  batch: number;
  context: number;
}

export const decodeStepTime: NumericTemplate<StepParams> = {
  id: 'memory-wall/decode-step-time',
  topic: 'decode-ceiling',
  title: 'Decode step time with the KV cache',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    const dense = MODELS.filter((m) => m.moe === null);
    for (;;) {
      const { model, gpu, precision } = fittingCombo(rng, dense);
      const batch = rng.pick([1, 2, 4, 8, 16, 32]);
      const context = rng.pick([1024, 2048, 4096, 8192, 16384]);
      const need = weightBytes(model, precision) + batch * kvBytesForContext(model, context);
      if (need > 0.9 * gpu.memoryBytes || context > model.maxContext) continue;
      const s = decodeStep(model, gpu, { weightPrecision: precision, batch, context });
      if (s.regime === 'memory-bound') return { modelId: model.id, gpuId: gpu.id, precision, batch, context };
    }
  },
  text(p) {
    const { model, gpu } = byId(p);
    return `${model.name} (${PRECISION_LABEL[p.precision]} weights, BF16 KV cache) decodes a batch of ${p.batch} sequences, each ${int(p.context)} tokens long, on an ${gpu.name} (${bw(gpu)}). At 100% of peak bandwidth, how long does one decode step take, in milliseconds? (±2%)`;
  },
  solve(p) {
    const { model, gpu } = byId(p);
    const s = decodeStep(model, gpu, { weightPrecision: p.precision, batch: p.batch, context: p.context });
    const perSeq = kvBytesForContext(model, p.context);
    return {
      value: s.stepTimeS,
      steps: [
        `Weights read once per step: ${formatBytes(s.weightBytesRead, 'GB')}.`,
        `KV read: ${p.batch} × ${int(p.context)} tokens × ${int(perSeq / p.context)} B/token = ${formatBytes(s.kvBytesRead, 'GB')}.`,
        `Step time = ${formatBytes(s.bytesPerStep, 'GB')} ÷ ${bw(gpu)} = ${fixed(s.stepTimeS * 1e3, 2)} ms (memory-bound: the math takes only ${fixed(s.computeTimeS * 1e3, 3)} ms).`,
      ],
    };
  },
};

export const MEMORY_WALL_TEMPLATES = [decodeCeiling, weightMemory, decodeStepTime];
