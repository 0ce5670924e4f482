// Self-check for chapter 9 (prefill and decode): the ridge point, decode's arithmetic intensity, the prefill bound.

import { GPUS } from '../../../src/engine/catalog/index.ts';
import { decodeStep, flopsPerToken, type MathRate, peakOpsPerS, ridgePoint } from '../../../src/engine/index.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { bytesPerElement, mathRateFor, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { prefillEstimate } from '../../../src/engine/prefill.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText, fitting, gpuById, modelById, POOL, tflopsText } from './pick.ts';

const RATE_LABEL: Record<MathRate, string> = { bf16: 'dense BF16', fp8: 'dense FP8', int8: 'dense INT8' };

interface RidgeParams {
  gpuId: string;
  rate: MathRate;
}

export const ridgePointTemplate: NumericTemplate<RidgeParams> = {
  id: 'prefill-and-decode/ridge-point',
  topic: 'ridge-point',
  title: 'Ridge point of a GPU',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    const gpu = rng.pick(GPUS);
    const rates = (['bf16', 'fp8', 'int8'] as const).filter((r) => gpu.denseOpsPerS[r] !== null);
    return { gpuId: gpu.id, rate: rng.pick(rates) };
  },
  text(p) {
    const g = gpuById(p.gpuId);
    return `An ${g.name} peaks at ${tflopsText(peakOpsPerS(g, p.rate))} (${RATE_LABEL[p.rate]}) and ${bwText(g)} of memory bandwidth. What is its ridge point for that kind of math, in FLOP per byte? Give the number only. (±2%)`;
  },
  solve(p) {
    const g = gpuById(p.gpuId);
    const value = ridgePoint(g, p.rate);
    return {
      value,
      steps: [
        'The ridge point is the intensity at which moving the bytes and doing the math take equally long: peak FLOP/s ÷ bytes/s.',
        `${tflopsText(peakOpsPerS(g, p.rate))} = ${fixed(peakOpsPerS(g, p.rate) / 1e12, 1)} × 10¹² FLOP/s; ${bwText(g)} = ${int(g.bandwidthBytesPerS / 1e9)} × 10⁹ B/s.`,
        `Ridge = ${fixed(peakOpsPerS(g, p.rate), 0)} ÷ ${fixed(g.bandwidthBytesPerS, 0)} = ${fixed(value, 1)} FLOP/B. Kernels below it are memory-bound.`,
      ],
    };
  },
};

interface IntensityParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  batch: number;
  context: number;
}

export const decodeIntensity: NumericTemplate<IntensityParams> = {
  id: 'prefill-and-decode/decode-intensity',
  topic: 'ridge-point',
  title: 'Arithmetic intensity of a decode step',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8'] });
    return {
      modelId: model.id,
      gpuId: gpu.id,
      precision,
      batch: rng.pick([1, 2, 4, 8, 16, 32, 64, 128]),
      context: rng.pick([0, 512, 1024, 2048, 4096, 8192]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    const s = decodeStep(m, gpuById(p.gpuId), { weightPrecision: p.precision, batch: p.batch, context: p.context });
    return `${m.name} (${PRECISION_LABEL[p.precision]} weights) decodes a batch of ${p.batch} sequences at ${int(p.context)} tokens of context. Each token costs ${fixed(flopsPerToken(m, p.context) / 1e9, 3)} GFLOP at that context, and the step reads ${formatBytes(s.weightBytesRead, 'GB', 3)} of weights plus ${formatBytes(s.kvBytesRead, 'GB', 3)} of KV cache. What is the step's arithmetic intensity in FLOP per byte? Give the number only. (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const s = decodeStep(m, gpuById(p.gpuId), { weightPrecision: p.precision, batch: p.batch, context: p.context });
    return {
      value: s.arithmeticIntensity,
      steps: [
        `FLOPs in the step: ${p.batch} tokens × ${fixed(flopsPerToken(m, p.context) / 1e9, 3)} GFLOP = ${fixed(s.flopsPerStep / 1e9, 2)} GFLOP.`,
        `Bytes moved: ${formatBytes(s.weightBytesRead, 'GB', 3)} + ${formatBytes(s.kvBytesRead, 'GB', 3)} = ${formatBytes(s.bytesPerStep, 'GB', 3)}.`,
        `Intensity = ${fixed(s.flopsPerStep / 1e9, 2)} × 10⁹ ÷ ${fixed(s.bytesPerStep / 1e9, 3)} × 10⁹ = ${fixed(s.arithmeticIntensity, 2)} FLOP/B — ${s.regime} on this card (ridge ${fixed(s.ridgePoint, 0)}).`,
      ],
    };
  },
};

interface PrefillParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
}

export const prefillTime: NumericTemplate<PrefillParams> = {
  id: 'prefill-and-decode/prefill-time',
  topic: 'prefill-time',
  title: 'Lower bound on prefill time',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8'] });
    const prompt = rng.pick([256, 512, 1024, 2048, 4096, 8192, 16384, 32768].filter((n) => n <= model.maxContext));
    return { modelId: model.id, gpuId: gpu.id, precision, prompt };
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const e = prefillEstimate(m, g, p.precision, p.prompt);
    const rate = mathRateFor(p.precision);
    return `Prefilling a ${int(p.prompt)}-token prompt on ${m.name} (${PRECISION_LABEL[p.precision]} weights) takes ${fixed(e.flops / 1e12, 2)} TFLOP and moves ${formatBytes(e.bytes, 'GB')} (weights read once, KV written). The ${g.name} peaks at ${tflopsText(peakOpsPerS(g, rate))} for this math and ${bwText(g)}. What is the roofline lower bound on the prefill time, in milliseconds? (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const e = prefillEstimate(m, g, p.precision, p.prompt);
    return {
      value: e.timeS,
      steps: [
        `Compute time = ${fixed(e.flops / 1e12, 2)} TFLOP ÷ ${tflopsText(peakOpsPerS(g, mathRateFor(p.precision)))} = ${fixed(e.computeTimeS * 1e3, 2)} ms.`,
        `Memory time = ${formatBytes(e.bytes, 'GB')} ÷ ${bwText(g)} = ${fixed(e.memoryTimeS * 1e3, 2)} ms.`,
        `The step can be no faster than the slower of the two: ${fixed(e.timeS * 1e3, 2)} ms (${e.regime}, ${fixed(e.arithmeticIntensity, 0)} FLOP/B against a ridge of ${fixed(e.ridgePoint, 0)}).`,
      ],
    };
  },
};

interface RidgeBatchParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}

export const ridgeBatch: NumericTemplate<RidgeBatchParams> = {
  id: 'prefill-and-decode/ridge-batch',
  topic: 'ridge-point',
  title: 'Batch at which decode reaches the ridge (weights only)',
  spec: { quantity: 'plain', unit: '', tolerance: 0.03 },
  generate(rng) {
    const dense = fitting(rng, { models: POOL.filter((m) => m.moe === null), precisions: ['bf16', 'fp8', 'int8'] });
    return { modelId: dense.model.id, gpuId: dense.gpu.id, precision: dense.precision };
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    return `Ignore the KV cache and attention, and treat every weight of ${m.name} as read once per decode step (${PRECISION_LABEL[p.precision]}, ${bytesPerElement(p.precision)} byte(s) per parameter, two FLOPs per active parameter per token). The ${g.name}'s ridge point for this math is ${fixed(ridgePoint(g, mathRateFor(p.precision)), 1)} FLOP/B. At what batch size does decode's arithmetic intensity reach the ridge? Give the number only. (±3%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const ridge = ridgePoint(g, mathRateFor(p.precision));
    const perToken = flopsPerToken(m, 0);
    const bytes = weightBytes(m, p.precision);
    const value = (ridge * bytes) / perToken;
    return {
      value,
      steps: [
        `One token costs ${fixed(perToken / 1e9, 2)} GFLOP; a step reads ${formatBytes(bytes, 'GB')} of weights.`,
        `Intensity at batch B = B × ${fixed(perToken / 1e9, 2)} GFLOP ÷ ${formatBytes(bytes, 'GB')} = B × ${fixed(perToken / bytes, 3)} FLOP/B.`,
        `Setting it equal to the ridge: B = ${fixed(ridge, 1)} ÷ ${fixed(perToken / bytes, 3)} ≈ ${fixed(value, 0)}. The KV cache, read for little math, pushes the real figure higher — sometimes out of reach.`,
      ],
    };
  },
};

export const PREFILL_AND_DECODE_TEMPLATES = [ridgePointTemplate, decodeIntensity, prefillTime, ridgeBatch];
