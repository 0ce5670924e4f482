import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import { schemeWeights } from '../../../src/engine/weight-schemes.ts';
import type { NumericTemplate } from '../template.ts';

/** Dense 16-bit checkpoints without windows: the questions' plain roofline describes them exactly. */
const DENSE = BASE_MODELS.filter(
  (m) => m.moe === null && !m.quantization && m.vision == null && m.layerWindows.every((w) => w === null),
);
/** GPUs with an FP8 tensor mode, so W8A8 means what the chapter says. */
const FP8_GPUS = GPUS.filter((g) => g.denseOpsPerS.fp8 !== null);

const w4Bytes = (m: Model) => schemeWeights(m, 'int4-g128-zp').totalBytes;

/**
 * The W4A16 step as the questions define it: the slower of streaming the 4-bit checkpoint and the engine's 16-bit math
 * time for the batch (no KV cache, no unpacking cost).
 */
function plainW4Step(m: Model, g: Gpu, batch: number) {
  const memory = w4Bytes(m) / g.bandwidthBytesPerS;
  const compute = decodeStep(m, g, { weightPrecision: 'bf16', batch, context: 0 }).computeTimeS;
  const fp8 = decodeStep(m, g, { weightPrecision: 'fp8', batch, context: 0 }).stepTimeS;
  const bf16 = decodeStep(m, g, { weightPrecision: 'bf16', batch, context: 0 }).stepTimeS;
  return { memory, compute, step: Math.max(memory, compute), fp8, bf16 };
}

interface SpeedupParams {
  modelId: string;
  scheme: 'int4-g128' | 'int4-g128-zp';
}

export const batch1Speedup: NumericTemplate<SpeedupParams> = {
  id: 'unpacking-tax/batch1-speedup',
  topic: 'unpacking-tax',
  title: 'W4A16 speed-up at batch 1',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(DENSE).id, scheme: rng.pick(['int4-g128', 'int4-g128-zp'] as const) };
  },
  text(p) {
    const m = getModel(p.modelId);
    const c = paramCounts(m);
    return `${m.name} has ${int(c.total)} parameters, ${int(c.embedding)} of them in embeddings${m.tiedEmbeddings ? '' : ' and the output head'}. Its W4A16 checkpoint stores every other weight in 4 bits with an FP16 scale${p.scheme === 'int4-g128-zp' ? ' and a 4-bit zero point' : ' (no zero point)'} per group of 128, and keeps the embeddings (and the tiny norms and biases) in 16 bits. At batch 1 and a short context, decode is memory-bound and the unpacking hides under the loads. How many times faster than BF16 can a W4A16 decode step be? (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const w = schemeWeights(m, p.scheme);
    const bf16 = schemeWeights(m, 'bf16').totalBytes;
    const value = bf16 / w.totalBytes;
    return {
      value,
      steps: [
        `BF16 bytes: ${formatBytes(bf16, 'GB', 3)}.`,
        `W4A16 bytes: ${formatBytes(w.quantizedBytes, 'GB', 3)} of 4-bit weights + ${formatBytes(w.metadataBytes, 'GB', 3)} of ${p.scheme === 'int4-g128-zp' ? 'scales and zeros' : 'scales'} + ${formatBytes(w.unquantizedBytes, 'GB', 3)} kept in 16 bits = ${formatBytes(w.totalBytes, 'GB', 3)}.`,
        `Memory-bound, so time follows bytes: ${formatBytes(bf16, 'GB', 3)} ÷ ${formatBytes(w.totalBytes, 'GB', 3)} = ${fixed(value, 2)}×, short of 4× because of the metadata and the 16-bit parts.`,
      ],
    };
  },
};

interface GpuParams {
  modelId: string;
  gpuId: string;
}

export const computeBoundBatch: NumericTemplate<GpuParams> = {
  id: 'unpacking-tax/compute-bound-batch',
  topic: 'unpacking-tax',
  title: 'Batch where W4A16 turns compute-bound',
  spec: { quantity: 'plain', unit: '', tolerance: 0.03 },
  generate(rng) {
    return { modelId: rng.pick(DENSE).id, gpuId: rng.pick(GPUS).id };
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `A W4A16 checkpoint of ${m.name} (${int(paramCounts(m).total)} parameters) stores ${formatBytes(w4Bytes(m), 'GB')}. It runs on an ${g.name}: ${int(g.bandwidthBytesPerS / 1e9)} GB/s, ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS dense BF16 (the rate W4A16 multiplies at). Ignoring the KV cache and the unpacking work, and counting 2 FLOPs per parameter per sequence, from what batch size is a decode step compute-bound? (±3%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const one = plainW4Step(m, g, 1);
    const value = Math.ceil(one.memory / one.compute);
    const ridge = g.denseOpsPerS.bf16 / g.bandwidthBytesPerS;
    const beta = w4Bytes(m) / paramCounts(m).total;
    return {
      value,
      steps: [
        `Memory time: ${formatBytes(w4Bytes(m), 'GB')} ÷ ${int(g.bandwidthBytesPerS / 1e9)} GB/s = ${fixed(one.memory * 1e3, 2)} ms, whatever the batch.`,
        `Math time per sequence: 2 × ${fixed(paramCounts(m).total / 1e9, 2)}e9 FLOP ÷ ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS = ${fixed(one.compute * 1e3, 4)} ms, and it grows with the batch.`,
        `They meet near B = ridge × bytes per parameter ÷ 2 = ${fixed(ridge, 0)} × ${fixed(beta, 3)} ÷ 2 ≈ ${fixed(one.memory / one.compute, 1)}, so from batch ${int(value)} the step is compute-bound.`,
      ],
    };
  },
};

interface LargeParams extends GpuParams {
  batch: number;
}

export const largeBatchStep: NumericTemplate<LargeParams> = {
  id: 'unpacking-tax/large-batch-step',
  topic: 'unpacking-tax',
  title: 'W4A16 versus FP8 at a large batch',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.03 },
  generate(rng) {
    for (;;) {
      const p = {
        modelId: rng.pick(DENSE).id,
        gpuId: rng.pick(FP8_GPUS).id,
        batch: rng.pick([256, 384, 512, 768, 1024]),
      };
      const s = plainW4Step(getModel(p.modelId), getGpu(p.gpuId), p.batch);
      // Keep cases where the W4A16 step is clearly math-limited, the situation the question is about.
      if (s.compute > 1.1 * s.memory) return p;
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `${m.name} (${int(paramCounts(m).total)} parameters) decodes a batch of ${p.batch} short sequences on an ${g.name} (${int(g.bandwidthBytesPerS / 1e9)} GB/s; dense ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS BF16, ${fixed((g.denseOpsPerS.fp8 ?? 0) / 1e12, 1)} FP8). With W4A16 weights (${formatBytes(w4Bytes(m), 'GB')}, 16-bit math), ignoring the KV cache and the unpacking, and counting 2 FLOPs per parameter per sequence, how long does one step take at peak? Answer in ms. (±3%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const s = plainW4Step(m, g, p.batch);
    return {
      value: s.step,
      steps: [
        `Math: ${p.batch} × 2 × ${fixed(paramCounts(m).total / 1e9, 2)}e9 FLOP ÷ ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS ≈ ${fixed(s.compute * 1e3, 2)} ms; streaming the 4-bit weights takes only ${fixed(s.memory * 1e3, 2)} ms, so the math sets the step.`,
        `For comparison, FP8 W8A8 multiplies at twice the rate: its step is ${fixed(s.fp8 * 1e3, 2)} ms, and BF16's ${fixed(s.bf16 * 1e3, 2)} ms.`,
      ],
    };
  },
};

export const UNPACKING_TAX_TEMPLATES = [batch1Speedup, computeBoundBatch, largeBatchStep];
