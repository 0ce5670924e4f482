// Self-check for chapter 4 (from training to checkpoint): training memory, GPUs to hold it, one response's time.

import { BASE_MODELS, GPUS } from '../../../src/engine/catalog/index.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { prefillEstimate } from '../../../src/engine/prefill.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { trainingStateBytes } from '../../../src/engine/training.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText, fitting, gpuById, modelById } from './pick.ts';

interface ModelParams {
  modelId: string;
}

export const trainingMemory: NumericTemplate<ModelParams> = {
  id: 'training-to-checkpoint/training-memory',
  topic: 'training-memory',
  title: 'Training state of mixed-precision Adam',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate: (rng) => ({ modelId: rng.pick(BASE_MODELS).id }),
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name} has ${int(paramCounts(m).total)} parameters. Training it with mixed-precision Adam keeps BF16 weights and gradients plus FP32 master weights and two FP32 Adam moments. How much memory does that state take, before activations? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const value = trainingStateBytes(m);
    return {
      value,
      steps: [
        'Per parameter: 2 (BF16 weight) + 2 (BF16 gradient) + 4 (FP32 master) + 4 + 4 (Adam m and v) = 16 bytes.',
        `${int(paramCounts(m).total)} × 16 B = ${formatBytes(value, 'GB')} (${formatBytes(value, 'GiB')}).`,
        `Serving the same model in BF16 needs only the weights: ${formatBytes(weightBytes(m, 'bf16'), 'GB')}.`,
      ],
    };
  },
};

interface GpusParams {
  modelId: string;
  gpuId: string;
}

export const trainingGpus: NumericTemplate<GpusParams> = {
  id: 'training-to-checkpoint/training-gpus',
  topic: 'training-memory',
  title: 'GPUs needed just to hold the training state',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: (rng) => ({ modelId: rng.pick(BASE_MODELS).id, gpuId: rng.pick(GPUS).id }),
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    return `Mixed-precision Adam training of ${m.name} (${int(paramCounts(m).total)} parameters) keeps 16 bytes of state per parameter. What is the smallest number of ${g.name} cards (${formatBytes(g.memoryBytes, 'GiB')} each) whose combined memory can hold that state, ignoring activations? Give a whole number. (exact)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const state = trainingStateBytes(m);
    const value = Math.ceil(state / g.memoryBytes);
    return {
      value,
      steps: [
        `State: ${int(paramCounts(m).total)} × 16 B = ${formatBytes(state, 'GiB')}.`,
        `${formatBytes(state, 'GiB')} ÷ ${formatBytes(g.memoryBytes, 'GiB')} = ${fixed(state / g.memoryBytes, 2)}, rounded up: ${value} card(s).`,
        `For serving, BF16 weights alone need ${Math.ceil(weightBytes(m, 'bf16') / g.memoryBytes)}.`,
      ],
    };
  },
};

interface ResponseParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
  output: number;
}

export const responseTime: NumericTemplate<ResponseParams> = {
  id: 'training-to-checkpoint/response-time',
  topic: 'decode-ceiling',
  title: 'Time for one response: prefill plus the decode loop',
  spec: { quantity: 'time', unit: 's', tolerance: 0.02 },
  generate(rng) {
    const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8'] });
    return {
      modelId: model.id,
      gpuId: gpu.id,
      precision,
      prompt: rng.pick([256, 512, 1000, 2000, 4000]),
      output: rng.pick([50, 100, 200, 400, 800]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const pf = prefillEstimate(m, g, p.precision, p.prompt);
    const w = decodeStep(m, g, { weightPrecision: p.precision, batch: 1, context: 0 }).weightBytesRead;
    return `One user sends a ${int(p.prompt)}-token prompt to ${m.name} (${PRECISION_LABEL[p.precision]} weights) on an ${g.name} and gets ${p.output} tokens back. Prefill takes ${fixed(pf.timeS * 1e3, 2)} ms. Each decode step reads ${formatBytes(w, 'GB')} of weights at ${bwText(g)}; ignore the KV cache. How long does the whole response take, in seconds? (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const pf = prefillEstimate(m, g, p.precision, p.prompt).timeS;
    const step = decodeStep(m, g, { weightPrecision: p.precision, batch: 1, context: 0 }).stepTimeS;
    const value = pf + (p.output - 1) * step;
    return {
      value,
      steps: [
        `Prefill produces the first token: ${fixed(pf * 1e3, 2)} ms.`,
        `Each further token is one decode step: ${formatBytes(step * g.bandwidthBytesPerS, 'GB')} ÷ ${bwText(g)} = ${fixed(step * 1e3, 3)} ms, and there are ${p.output} − 1 = ${p.output - 1} of them.`,
        `Total: ${fixed(pf * 1e3, 2)} ms + ${p.output - 1} × ${fixed(step * 1e3, 3)} ms = ${fixed(value, 3)} s.`,
      ],
    };
  },
};

export const TRAINING_TO_CHECKPOINT_TEMPLATES = [trainingMemory, trainingGpus, responseTime];
