import { formatSteps, schemeWeightBytes } from '../../../src/course/compositions.ts';
import { GPUS, getGpu, getModel, MODELS } from '../../../src/engine/catalog/index.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

const DENSE = MODELS.filter((m) => m.moe === null && m.layerWindows.every((w) => w === null));
/** GPUs with an FP8 tensor mode, so W8A8 means what the chapter says. */
const FP8_GPUS = GPUS.filter((g) => g.denseOpsPerS.fp8 !== null);

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
    return `${m.name} has ${int(c.total)} parameters, ${int(c.embedding)} of them in embeddings${m.tiedEmbeddings ? '' : ' and the output head'}. Its W4A16 checkpoint stores every other weight in 4 bits with an FP16 scale${p.scheme === 'int4-g128-zp' ? ' and a 4-bit zero point' : ' (no zero point)'} per group of 128, and keeps the embeddings in 16 bits. At batch 1 and a short context, decode is memory-bound and the unpacking hides under the loads. How many times faster than BF16 can a W4A16 decode step be? (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const w4 = schemeWeightBytes(m, p.scheme);
    const bf16 = weightBytes(m, 'bf16');
    const value = bf16 / w4.total;
    return {
      value,
      steps: [
        `BF16 bytes: ${formatBytes(bf16, 'GB', 3)}.`,
        `W4A16 bytes: ${formatBytes(w4.payload, 'GB', 3)} of 4-bit weights + ${formatBytes(w4.meta, 'GB', 3)} of ${p.scheme === 'int4-g128-zp' ? 'scales and zeros' : 'scales'} + ${formatBytes(w4.kept, 'GB', 3)} of 16-bit embeddings = ${formatBytes(w4.total, 'GB', 3)}.`,
        `Memory-bound, so time follows bytes: ${formatBytes(bf16, 'GB', 3)} ÷ ${formatBytes(w4.total, 'GB', 3)} = ${fixed(value, 2)}×, short of 4× because of the metadata and the 16-bit parts.`,
      ],
    };
  },
};

interface GpuParams {
  modelId: string;
  gpuId: string;
}

/** Smallest batch at which the W4A16 step's 16-bit math takes at least as long as streaming its weights (no KV). */
function computeBoundBatch(p: GpuParams): number {
  const m = getModel(p.modelId);
  const g = getGpu(p.gpuId);
  for (let b = 1; b <= 4096; b++) {
    const s = formatSteps(m, g, b, 0);
    if (s.int4 > schemeWeightBytes(m, 'int4-g128-zp').total / g.bandwidthBytesPerS) return b;
  }
  return 4096;
}

export const computeBoundBatchTemplate: NumericTemplate<GpuParams> = {
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
    const w4 = schemeWeightBytes(m, 'int4-g128-zp').total;
    return `A W4A16 checkpoint of ${m.name} (${int(paramCounts(m).total)} parameters) stores ${formatBytes(w4, 'GB')}. It runs on an ${g.name}: ${int(g.bandwidthBytesPerS / 1e9)} GB/s, ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS dense BF16 (the rate W4A16 multiplies at). Ignoring the KV cache and the unpacking work, and counting 2 FLOPs per parameter per sequence, from what batch size is a decode step compute-bound? (±3%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const w4 = schemeWeightBytes(m, 'int4-g128-zp').total;
    const value = computeBoundBatch(p);
    const ridge = g.denseOpsPerS.bf16 / g.bandwidthBytesPerS;
    return {
      value,
      steps: [
        `Memory time: ${formatBytes(w4, 'GB')} ÷ ${int(g.bandwidthBytesPerS / 1e9)} GB/s = ${fixed((w4 / g.bandwidthBytesPerS) * 1e3, 2)} ms, whatever the batch.`,
        `Math time grows with the batch: B × 2 × ${fixed(paramCounts(m).total / 1e9, 2)}e9 FLOP ÷ ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS.`,
        `They meet near B = ridge × bytes per parameter ÷ 2 = ${fixed(ridge, 0)} × ${fixed(w4 / paramCounts(m).total, 3)} ÷ 2 ≈ ${fixed((ridge * (w4 / paramCounts(m).total)) / 2, 1)}, so from batch ${int(value)} the step is compute-bound.`,
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
      const m = getModel(p.modelId);
      const g = getGpu(p.gpuId);
      const s = formatSteps(m, g, p.batch, 0);
      // Keep cases where the W4A16 step is clearly math-limited, the situation the question is about.
      if (s.int4 > 1.1 * (schemeWeightBytes(m, 'int4-g128-zp').total / g.bandwidthBytesPerS)) return p;
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `${m.name} (${int(paramCounts(m).total)} parameters) decodes a batch of ${p.batch} short sequences on an ${g.name} (${int(g.bandwidthBytesPerS / 1e9)} GB/s; dense ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS BF16, ${fixed((g.denseOpsPerS.fp8 ?? 0) / 1e12, 1)} FP8). With W4A16 weights (${formatBytes(schemeWeightBytes(m, 'int4-g128-zp').total, 'GB')}, 16-bit math), ignoring the KV cache and the unpacking, and counting 2 FLOPs per parameter per sequence, how long does one step take at peak? Answer in ms. (±3%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const s = formatSteps(m, g, p.batch, 0);
    return {
      value: s.int4,
      steps: [
        `Math: ${p.batch} × 2 × ${fixed(paramCounts(m).total / 1e9, 2)}e9 FLOP ÷ ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS ≈ ${fixed(s.int4 * 1e3, 2)} ms; streaming the 4-bit weights takes only ${fixed((schemeWeightBytes(m, 'int4-g128-zp').total / g.bandwidthBytesPerS) * 1e3, 2)} ms, so the math sets the step.`,
        `For comparison, FP8 W8A8 multiplies at twice the rate: its step is ${fixed(s.fp8 * 1e3, 2)} ms, and BF16's ${fixed(s.bf16 * 1e3, 2)} ms.`,
      ],
    };
  },
};

export const UNPACKING_TAX_TEMPLATES = [batch1Speedup, computeBoundBatchTemplate, largeBatchStep];
