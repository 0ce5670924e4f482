// Self-check for "Profiling the serving path": padding waste of a fixed-shape batch, an end-to-end percentile
// from per-stage times (not the sum of stage percentiles), and tensor-core utilization during decode.

import { paddingWaste } from '../../../src/engine/batching.ts';
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { GPUS, MODELS } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { percentile } from '../../../src/engine/metrics.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE } from './model-pools.ts';

interface PaddingParams {
  lengths: number[];
}

export const paddingWasteShare: NumericTemplate<PaddingParams> = {
  id: 'serving-path/padding-waste',
  topic: 'scheduling',
  title: 'Padding waste of a fixed-shape batch',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate(rng) {
    const n = rng.int(4, 8);
    const lengths = Array.from({ length: n }, () => rng.int(20, 600));
    lengths[rng.int(0, n - 1)] = rng.int(700, 2048);
    return { lengths };
  },
  text(p) {
    return `An encoder service behind a fixed-shape dynamic batcher receives a batch of ${p.lengths.length} requests of ${p.lengths.join(', ')} tokens. Every request is padded to the longest. What percentage of the token slots the GPU computes are padding? (in %, ±2%)`;
  },
  solve(p) {
    const w = paddingWaste(p.lengths);
    return {
      value: w.waste,
      steps: [
        `Useful tokens: ${p.lengths.join(' + ')} = ${int(w.usefulTokens)}.`,
        `Slots computed: ${p.lengths.length} × ${int(w.longest)} (the longest) = ${int(w.paddedTokens)}.`,
        `Padding share = 1 − ${int(w.usefulTokens)} ÷ ${int(w.paddedTokens)} = ${fixed(w.waste * 100, 1)}%.`,
        'LLM engines with iteration-level batching pack ragged sequences and do not pay this.',
      ],
    };
  },
};

interface E2eParams {
  queue: number[];
  kernels: number[];
  p: number;
}

export const e2ePercentile: NumericTemplate<E2eParams> = {
  id: 'serving-path/e2e-percentile',
  topic: 'percentiles',
  title: 'End-to-end percentile from per-stage times',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const n = 10;
      const queue = Array.from({ length: n }, () => rng.int(5, 40));
      const kernels = Array.from({ length: n }, () => rng.int(60, 90));
      // One request waits long in the queue, another runs long kernels: different requests own each stage's tail.
      const a = rng.int(0, n - 1);
      const b = (a + rng.int(1, n - 1)) % n;
      queue[a] = rng.int(200, 400);
      kernels[b] = rng.int(180, 300);
      const p = { queue, kernels, p: 90 };
      const sum = queue.map((q, i) => q + (kernels[i] as number));
      const gap = percentile(queue, 90) + percentile(kernels, 90) - percentile(sum, 90);
      if (Math.abs(gap) > 5) return p;
    }
  },
  text(p) {
    const rows = p.queue.map((q, i) => `#${i + 1}: queue ${q} ms, kernels ${p.kernels[i]} ms`).join('; ');
    return `Ten requests spent this long in two stages — ${rows}. What is the p${p.p} of their end-to-end time (queue + kernels), by linear interpolation between sorted values? (ms, ±1%)`;
  },
  solve(p) {
    const sum = p.queue.map((q, i) => q + (p.kernels[i] as number));
    const value = percentile(sum, p.p);
    const naive = percentile(p.queue, p.p) + percentile(p.kernels, p.p);
    const sorted = [...sum].sort((a, b) => a - b);
    return {
      value: value / 1e3,
      steps: [
        `Add the stages per request first: ${sum.join(', ')} ms; sorted: ${sorted.join(', ')}.`,
        `p${p.p}: position ${p.p}/100 × 9 = ${fixed((p.p / 100) * 9, 1)} (0-based) → ${fixed(value, 1)} ms.`,
        `Adding the stages' own p${p.p}s instead gives ${fixed(percentile(p.queue, p.p), 1)} + ${fixed(percentile(p.kernels, p.p), 1)} = ${fixed(naive, 1)} ms: the slow requests of each stage are different requests.`,
      ],
    };
  },
};

interface UtilParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  batch: number;
}

const byIds = (p: UtilParams) => ({
  model: MODELS.find((m) => m.id === p.modelId) as Model,
  gpu: GPUS.find((g) => g.id === p.gpuId) as Gpu,
});

export const tensorUtilization: NumericTemplate<UtilParams> = {
  id: 'serving-path/tensor-utilization',
  topic: 'ridge-point',
  title: 'Tensor-core utilization behind a busy GPU',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.03 },
  generate(rng) {
    for (;;) {
      const model = rng.pick(DENSE);
      const gpu = rng.pick(GPUS);
      const precision = rng.pick<Precision>(['bf16', 'fp8', 'int8']);
      if (weightBytes(model, precision) > 0.8 * gpu.memoryBytes) continue;
      const batch = rng.pick([1, 2, 4, 8]);
      return { modelId: model.id, gpuId: gpu.id, precision, batch };
    }
  },
  text(p) {
    const { model, gpu } = byIds(p);
    return `${model.name} with ${PRECISION_LABEL[p.precision]} weights decodes a batch of ${p.batch} short sequences on an ${gpu.name}; nvidia-smi shows the GPU near full "utilization". Ignoring the KV cache and counting 2 FLOPs per parameter per token, what percentage of the tensor cores' dense peak (for that precision) does the decode step use when it runs at the bandwidth ceiling? (in %, ±3%)`;
  },
  solve(p) {
    const { model, gpu } = byIds(p);
    const s = decodeStep(model, gpu, { weightPrecision: p.precision, batch: p.batch, context: 0 });
    return {
      value: s.tensorUtilization,
      steps: [
        `FLOPs per step = ${p.batch} × ${fixed(s.flopsPerStep / p.batch / 1e9, 2)} GFLOP = ${fixed(s.flopsPerStep / 1e9, 2)} GFLOP.`,
        `Step time at the bandwidth ceiling = ${fixed(s.bytesPerStep / 1e9, 2)} GB ÷ ${int(gpu.bandwidthBytesPerS / 1e9)} GB/s = ${fixed(s.stepTimeS * 1e3, 2)} ms.`,
        `Utilization = ${fixed(s.flopsPerStep / 1e9, 2)} GFLOP ÷ (${fixed(s.flopsPerStep / s.tensorUtilization / s.stepTimeS / 1e12, 1)} TFLOP/s × ${fixed(s.stepTimeS * 1e3, 2)} ms) = ${fixed(s.tensorUtilization * 100, 2)}%.`,
        'GPU-Util counts time a kernel ran, not work done: the memory bus is saturated while the tensor cores idle.',
      ],
    };
  },
};

export const SERVING_PATH_TEMPLATES = [paddingWasteShare, e2ePercentile, tensorUtilization];
