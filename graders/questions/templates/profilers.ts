// Self-check for "Profilers and what each sees": achieved bandwidth from a timeline, what GPU-Util shows, and what
// removing launch gaps would buy.
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, MODELS } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface TimelineParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  context: number;
  kernelMs: number;
  stepMs: number;
}

const ids = (p: TimelineParams) => ({
  model: MODELS.find((m) => m.id === p.modelId) as Model,
  gpu: GPUS.find((g) => g.id === p.gpuId) as Gpu,
});

/** A batch-1 decode step whose kernels run at 55–90% of peak bandwidth, with launch gaps on top. */
function drawTimeline(rng: Random): TimelineParams {
  for (;;) {
    const model = rng.pick(BASE_MODELS);
    const gpu = rng.pick(GPUS);
    const precision = rng.pick<Precision>(['bf16', 'fp8', 'int8']);
    if (weightBytes(model, precision) > 0.8 * gpu.memoryBytes) continue;
    const context = rng.pick([512, 1000, 2048, 4096]);
    const s = decodeStep(model, gpu, { weightPrecision: precision, batch: 1, context });
    const kernelMs = Math.round((s.memoryTimeS / rng.pick([0.55, 0.65, 0.75, 0.85, 0.9])) * 1e4) / 10;
    const stepMs = Math.round((kernelMs + rng.pick([0.5, 1, 2, 3, 5]) * (kernelMs / 10)) * 10) / 10;
    if (stepMs > kernelMs) return { modelId: model.id, gpuId: gpu.id, precision, context, kernelMs, stepMs };
  }
}

const setting = (p: TimelineParams) => {
  const { model, gpu } = ids(p);
  return `${model.name} (${PRECISION_LABEL[p.precision]} weights, BF16 KV) decodes one stream at ${int(p.context)} tokens of context on an ${gpu.name}. A timeline shows each decode step takes ${p.stepMs} ms, of which kernels run for ${p.kernelMs} ms.`;
};

export const achievedBandwidth: NumericTemplate<TimelineParams> = {
  id: 'profilers/achieved-bandwidth',
  topic: 'decode-ceiling',
  title: 'Achieved bandwidth of the kernels in a timeline',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate: drawTimeline,
  text(p) {
    return `${setting(p)} What memory bandwidth do the kernels achieve while they run, in GB/s? Count the bytes a step must read: weights plus KV cache. (number only, GB/s, ±2%)`;
  },
  solve(p) {
    const { model, gpu } = ids(p);
    const s = decodeStep(model, gpu, { weightPrecision: p.precision, batch: 1, context: p.context });
    const value = s.bytesPerStep / (p.kernelMs / 1e3) / 1e9;
    return {
      value,
      steps: [
        `Bytes per step = weights ${formatBytes(s.weightBytesRead, 'GB')} + KV ${formatBytes(s.kvBytesRead, 'GB')} = ${formatBytes(s.bytesPerStep, 'GB')}.`,
        `Over the kernel time: ${formatBytes(s.bytesPerStep, 'GB')} ÷ ${p.kernelMs} ms = ${fixed(value, 0)} GB/s.`,
        `That is ${fixed((value / (gpu.bandwidthBytesPerS / 1e9)) * 100, 0)}% of the card's ${int(gpu.bandwidthBytesPerS / 1e9)} GB/s.`,
      ],
    };
  },
};

export const gapShare: NumericTemplate<TimelineParams> = {
  id: 'profilers/gap-share',
  topic: 'decode-ceiling',
  title: 'What GPU-Util shows for a step with gaps',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate: drawTimeline,
  text(p) {
    return `${setting(p)} nvidia-smi's GPU-Util reports the share of time in which at least one kernel was running. Roughly what will it read during steady decode? (in %, ±2%)`;
  },
  solve(p) {
    const value = (p.kernelMs / p.stepMs) * 100;
    return {
      value: value / 100,
      steps: [
        `Kernels run ${p.kernelMs} ms of every ${p.stepMs} ms step.`,
        `GPU-Util ≈ ${p.kernelMs} ÷ ${p.stepMs} = ${fixed(value, 1)}%.`,
        'It says nothing about how busy the tensor cores are: a memory-bound kernel counts fully.',
      ],
    };
  },
};

export const graphSpeedup: NumericTemplate<TimelineParams> = {
  id: 'profilers/graph-speedup',
  topic: 'decode-ceiling',
  title: 'Decode speed once launch gaps are gone',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate: drawTimeline,
  text(p) {
    return `${setting(p)} If CUDA graphs removed the gaps entirely and the kernels stayed as they are, how many tokens per second would the stream decode? (tok/s, ±2%)`;
  },
  solve(p) {
    const value = 1 / (p.kernelMs / 1e3);
    return {
      value,
      steps: [
        `Today: 1 token per ${p.stepMs} ms = ${fixed(1000 / p.stepMs, 1)} tok/s.`,
        `Without gaps each step lasts the kernel time: 1 ÷ ${p.kernelMs} ms = ${fixed(value, 1)} tok/s.`,
        `A ${fixed(p.stepMs / p.kernelMs, 2)}× gain from the runtime alone, without touching a kernel.`,
      ],
    };
  },
};

export const PROFILERS_TEMPLATES = [achievedBandwidth, gapShare, graphSpeedup];
