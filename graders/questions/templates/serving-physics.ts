// Templates on the decode step: its ceiling across GPUs, measured vs peak bandwidth, the ridge point and regime,
// arithmetic intensity, and what batching buys.
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, weightBytes, weightBytesReadPerStep } from '../../../src/engine/memory.ts';
import { mathRateFor, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeCeilingTokensPerS, decodeStep, ridgePoint } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { DENSE_IDS, GPU_IDS, gpu, gpuWithBandwidth, model, SERVER_GPU_IDS, withArticle } from './pool.ts';

const PRECISIONS: Precision[] = ['bf16', 'fp8', 'int8', 'int4'];

interface Setup {
  modelId: string;
  gpuId: string;
  precision: Precision;
  batch: number;
  context: number;
}

/** Weights plus the batch's KV fit in 90% of the card: the questions describe servers that could exist. */
function fits(m: Model, g: Gpu, precision: Precision, batch: number, context: number): boolean {
  return weightBytes(m, precision) + batch * kvBytesForContext(m, context) <= 0.9 * g.memoryBytes;
}

function drawSetup(
  rng: Random,
  batches: readonly number[],
  contexts: readonly number[],
  gpus: readonly string[] = SERVER_GPU_IDS,
): Setup {
  for (;;) {
    const s = {
      modelId: rng.pick(DENSE_IDS),
      gpuId: rng.pick(gpus),
      precision: rng.pick(PRECISIONS),
      batch: rng.pick(batches),
      context: rng.pick(contexts),
    };
    if (fits(model(s.modelId), gpu(s.gpuId), s.precision, s.batch, s.context)) return s;
  }
}

const step = (s: Setup, batch = s.batch) =>
  decodeStep(model(s.modelId), gpu(s.gpuId), { weightPrecision: s.precision, batch, context: s.context });

const setupText = (s: Setup) =>
  `${model(s.modelId).name} (${PRECISION_LABEL[s.precision]} weights, BF16 KV cache) on ${gpuWithBandwidth(gpu(s.gpuId))}`;

interface RatioParams {
  modelId: string;
  precision: Precision;
  from: string;
  to: string;
}

export const gpuRatio: NumericTemplate<RatioParams> = {
  id: 'decode/gpu-ratio',
  topic: 'decode-ceiling',
  title: 'How much faster is batch-1 decode on another GPU?',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const [a, b] = [rng.pick(GPU_IDS), rng.pick(GPU_IDS)];
      if (a === b) continue;
      const [from, to] = gpu(a).bandwidthBytesPerS < gpu(b).bandwidthBytesPerS ? [a, b] : [b, a];
      const modelId = rng.pick(DENSE_IDS);
      const precision = rng.pick(PRECISIONS);
      const w = weightBytes(model(modelId), precision);
      if (w <= 0.9 * gpu(from).memoryBytes && w <= 0.9 * gpu(to).memoryBytes) return { modelId, precision, from, to };
    }
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} with ${PRECISION_LABEL[p.precision]} weights decodes one sequence (batch 1, short context). You move it from ${gpuWithBandwidth(gpu(p.from))} to ${gpuWithBandwidth(gpu(p.to))}. By what factor does its decode ceiling rise? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const bytes = weightBytesReadPerStep(m, p.precision, 1);
    const a = decodeCeilingTokensPerS(bytes, gpu(p.from).bandwidthBytesPerS);
    const b = decodeCeilingTokensPerS(bytes, gpu(p.to).bandwidthBytesPerS);
    return {
      value: b / a,
      steps: [
        `Each token reads the same ${formatBytes(bytes, 'GB')} of weights on either card.`,
        `Ceilings: ${fixed(a, 1)} and ${fixed(b, 1)} tokens/s.`,
        `Ratio: ${fixed(b / a, 2)}× — exactly the ratio of bandwidths; tensor-core FLOPs do not enter at batch 1.`,
      ],
    };
  },
};

interface AchievedParams extends Setup {
  measuredMs: number;
}

export const achievedBandwidth: NumericTemplate<AchievedParams> = {
  id: 'decode/achieved-bandwidth',
  topic: 'decode-ceiling',
  title: 'Share of peak bandwidth a measurement reaches',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate(rng) {
    const s = drawSetup(rng, [1], [256, 1024, 2048], GPU_IDS);
    const efficiency = 0.45 + 0.45 * rng.next();
    const measuredMs = Math.round((step(s).stepTimeS / efficiency) * 1e5) / 100;
    return { ...s, measuredMs };
  },
  text(p) {
    return `${setupText(p)} decodes one sequence at ${int(p.context)} tokens of context, and you measure a time per output token of ${fixed(p.measuredMs, 2)} ms. What share of the card's peak memory bandwidth is the decode step achieving, in percent? (±2%)`;
  },
  solve(p) {
    const s = step(p);
    const share = s.stepTimeS / (p.measuredMs / 1e3);
    return {
      value: share,
      steps: [
        `Bytes per step: ${formatBytes(s.weightBytesRead, 'GB')} of weights + ${formatBytes(s.kvBytesRead, 'GB', 3)} of KV = ${formatBytes(s.bytesPerStep, 'GB')}.`,
        `At peak bandwidth that takes ${fixed(s.stepTimeS * 1e3, 2)} ms.`,
        `${fixed(s.stepTimeS * 1e3, 2)} ÷ ${fixed(p.measuredMs, 2)} ms = ${fixed(share * 100, 1)}% of peak. Production kernels typically reach 70–85%; much less points at launch gaps or a slow kernel.`,
      ],
    };
  },
};

interface RidgeParams {
  gpuId: string;
  precision: Precision;
}

export const ridge: NumericTemplate<RidgeParams> = {
  id: 'ridge/ridge-point',
  topic: 'ridge-point',
  title: 'Ridge point of a GPU',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const g = gpu(rng.pick(GPU_IDS));
      const precision = rng.pick(['bf16', 'fp8', 'int8'] as Precision[]);
      const rate = mathRateFor(precision);
      if (rate === 'bf16' || g.denseOpsPerS[rate] !== null) return { gpuId: g.id, precision };
    }
  },
  text(p) {
    const g = gpu(p.gpuId);
    const rate = mathRateFor(p.precision);
    const peak = g.denseOpsPerS[rate] ?? g.denseOpsPerS.bf16;
    const who = withArticle(g.name);
    return `${who[0]?.toUpperCase()}${who.slice(1)} peaks at ${fixed(peak / 1e12, 1)} dense ${PRECISION_LABEL[p.precision]} tera-operations per second and ${int(g.bandwidthBytesPerS / 1e9)} GB/s of memory bandwidth. What is its ridge point in operations per byte: the arithmetic intensity above which ${PRECISION_LABEL[p.precision]} work becomes compute-bound? (±1%)`;
  },
  solve(p) {
    const g = gpu(p.gpuId);
    const rate = mathRateFor(p.precision);
    const r = ridgePoint(g, rate);
    return {
      value: r,
      steps: [
        'Ridge point = peak operations per second ÷ peak bytes per second.',
        `${fixed((g.denseOpsPerS[rate] ?? g.denseOpsPerS.bf16) / 1e12, 1)} × 10¹² ÷ ${int(g.bandwidthBytesPerS / 1e9)} × 10⁹ = ${fixed(r, 1)} operations per byte.`,
        'Batch-1 decode does about 2 FLOPs per weight byte in BF16 (1 in INT8), far below it: memory-bound.',
      ],
    };
  },
};

export const regime: ChoiceTemplate<Setup> = {
  kind: 'choice',
  id: 'ridge/regime',
  topic: 'ridge-point',
  title: 'Memory-bound or compute-bound?',
  generate(rng) {
    for (;;) {
      const s = drawSetup(rng, [1, 4, 16, 64, 128, 256, 512, 1024], [128, 256, 512, 1024, 2048]);
      const d = step(s);
      const ratio = d.computeTimeS / d.memoryTimeS;
      if (ratio < 0.8 || ratio > 1.25) return s;
    }
  },
  text(p) {
    return `${setupText(p)} runs a decode step for a batch of ${p.batch} sequences, each ${int(p.context)} tokens long. Is the step memory-bound or compute-bound?`;
  },
  options(p) {
    const d = step(p);
    const mem = d.regime === 'memory-bound';
    const why = `The step does ${fixed(d.arithmeticIntensity, 1)} operations per byte against a ridge point of ${fixed(d.ridgePoint, 1)}: moving the bytes takes ${fixed(d.memoryTimeS * 1e3, 2)} ms, the math ${fixed(d.computeTimeS * 1e3, 2)} ms.`;
    return [
      { label: 'Memory-bound', correct: mem, explanation: why },
      { label: 'Compute-bound', correct: !mem, explanation: why },
    ];
  },
  solve(p) {
    const d = step(p);
    return {
      steps: [
        `Bytes: ${formatBytes(d.weightBytesRead, 'GB')} of weights (read once for the whole batch) + ${formatBytes(d.kvBytesRead, 'GB')} of KV.`,
        `Operations: ${p.batch} tokens × ~2 per active parameter plus attention = ${fixed(d.flopsPerStep / 1e12, 2)} × 10¹².`,
        `Intensity ${fixed(d.arithmeticIntensity, 1)} vs ridge ${fixed(d.ridgePoint, 1)}: ${d.regime}.`,
      ],
    };
  },
};

export const intensity: NumericTemplate<Setup> = {
  id: 'ridge/intensity',
  topic: 'ridge-point',
  title: 'Arithmetic intensity of a decode step',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return drawSetup(rng, [1, 2, 8, 32, 64, 128], [512, 1024, 4096]);
  },
  text(p) {
    const m = model(p.modelId);
    return `${setupText(p)} decodes a batch of ${p.batch} sequences at ${int(p.context)} tokens each. Counting 2 operations per active parameter per token plus attention (4 × ${m.heads} heads × ${m.headDim} dims × context per layer), and the bytes of weights plus KV cache read, what is the step's arithmetic intensity in operations per byte? (±2%)`;
  },
  solve(p) {
    const d = step(p);
    return {
      value: d.arithmeticIntensity,
      steps: [
        `Operations: ${fixed(d.flopsPerStep / 1e9, 1)} × 10⁹.`,
        `Bytes: ${formatBytes(d.weightBytesRead, 'GB')} weights + ${formatBytes(d.kvBytesRead, 'GB')} KV = ${formatBytes(d.bytesPerStep, 'GB')}.`,
        `Intensity = ${fixed(d.arithmeticIntensity, 2)} operations per byte (ridge point ${fixed(d.ridgePoint, 1)}: ${d.regime}).`,
      ],
    };
  },
};

export const batchGain: NumericTemplate<Setup> = {
  id: 'batching/throughput-gain',
  topic: 'batching',
  title: 'Throughput gained by batching',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return drawSetup(rng, [2, 4, 8, 16, 32, 64], [512, 1024, 2048, 4096]);
  },
  text(p) {
    return `${setupText(p)}: at 100% of peak bandwidth, how many times more tokens per second (all sequences together) does a batch of ${p.batch} produce than a single sequence, both at ${int(p.context)} tokens of context? (±2%)`;
  },
  solve(p) {
    const one = step(p, 1);
    const many = step(p);
    return {
      value: many.tokensPerSecondTotal / one.tokensPerSecondTotal,
      steps: [
        `Batch 1: ${fixed(one.stepTimeS * 1e3, 2)} ms per step → ${fixed(one.tokensPerSecondTotal, 1)} tokens/s.`,
        `Batch ${p.batch}: the weights are read once for all; KV grows to ${formatBytes(many.kvBytesRead, 'GB')}; step ${fixed(many.stepTimeS * 1e3, 2)} ms (${many.regime}) → ${fixed(many.tokensPerSecondTotal, 0)} tokens/s.`,
        `Gain: ${fixed(many.tokensPerSecondTotal / one.tokensPerSecondTotal, 2)}×, close to ${p.batch}× while weights dominate the bytes; KV reads and, later, compute erode it.`,
      ],
    };
  },
};

export const perSequence: NumericTemplate<Setup> = {
  id: 'batching/per-sequence-speed',
  topic: 'batching',
  title: 'Each user’s speed in a batch',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate(rng) {
    return drawSetup(rng, [4, 8, 16, 32, 64, 128], [1024, 2048, 4096, 8192]);
  },
  text(p) {
    return `${setupText(p)} decodes a batch of ${p.batch} sequences of ${int(p.context)} tokens each. At 100% of peak bandwidth (or peak compute, whichever binds), how many tokens per second does each individual sequence get? (±2%)`;
  },
  solve(p) {
    const d = step(p);
    return {
      value: d.tokensPerSecondPerSequence,
      steps: [
        `Step bytes: ${formatBytes(d.bytesPerStep, 'GB')} → ${fixed(d.memoryTimeS * 1e3, 2)} ms; math: ${fixed(d.computeTimeS * 1e3, 2)} ms; the step takes ${fixed(d.stepTimeS * 1e3, 2)} ms (${d.regime}).`,
        `Every sequence gets one token per step: ${fixed(d.tokensPerSecondPerSequence, 1)} tokens/s each, ${fixed(d.tokensPerSecondTotal, 0)} in total.`,
      ],
    };
  },
};

export const utilization: NumericTemplate<Setup> = {
  id: 'batching/tensor-utilization',
  topic: 'batching',
  title: 'Tensor-core utilization during decode',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const s = drawSetup(rng, [1, 4, 16, 64], [512, 1024, 4096]);
      if (step(s).regime === 'memory-bound') return s;
    }
  },
  text(p) {
    return `${setupText(p)} decodes a batch of ${p.batch} sequences at ${int(p.context)} tokens, moving its bytes at 100% of peak bandwidth. What share of the tensor cores' peak does the step use, in percent? (±2%)`;
  },
  solve(p) {
    const d = step(p);
    return {
      value: d.tensorUtilization,
      steps: [
        `The step takes ${fixed(d.stepTimeS * 1e3, 2)} ms (memory-bound).`,
        `Its ${fixed(d.flopsPerStep / 1e9, 1)} GFLOP would take ${fixed(d.computeTimeS * 1e3, 3)} ms at peak.`,
        `Utilization = ${fixed(d.computeTimeS * 1e3, 3)} ÷ ${fixed(d.stepTimeS * 1e3, 2)} = ${fixed(d.tensorUtilization * 100, 2)}%. It rises with batch size: the idle resource is compute, while the memory bus is saturated.`,
      ],
    };
  },
};

export const SERVING_PHYSICS_TEMPLATES = [
  gpuRatio,
  achievedBandwidth,
  ridge,
  regime,
  intensity,
  batchGain,
  perSequence,
  utilization,
];
