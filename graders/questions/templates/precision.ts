// The precision test: what 4-bit weights buy at batch 1, where the dequantization ("unpacking") cost bites, and
// what must be measured before shipping a faster, lower-precision model.

import { weightBytes } from '../../../src/engine/memory.ts';
import { decodeStep, ridgePoint } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import { compareWeightOnlyInt4 } from '../../../src/engine/weight-only-quant.ts';
import { weightMemory } from '../../../src/engine/weights.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { DENSE_IDS, GPU_IDS, gpu, gpuWithBandwidth, model } from './pool.ts';

interface Int4Params {
  modelId: string;
  gpuId: string;
  context: number;
}

const step = (p: Int4Params, precision: 'bf16' | 'int4') =>
  decodeStep(model(p.modelId), gpu(p.gpuId), { weightPrecision: precision, batch: 1, context: p.context });

export const int4Speedup: NumericTemplate<Int4Params> = {
  id: 'precision/int4-batch1-speedup',
  topic: 'unpacking-tax',
  title: 'What 4-bit weights buy at batch 1',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const p = {
        modelId: rng.pick(DENSE_IDS),
        gpuId: rng.pick(GPU_IDS),
        context: rng.pick([512, 4096, 16384, 32768]),
      };
      if (weightBytes(model(p.modelId), 'bf16') <= 0.85 * gpu(p.gpuId).memoryBytes) return p;
    }
  },
  text(p) {
    return `${model(p.modelId).name} decodes one sequence at ${int(p.context)} tokens of context on ${gpuWithBandwidth(gpu(p.gpuId))}, with a BF16 KV cache. Switching its weights from BF16 to INT4 (weight-only, ignoring scales), by what factor does the bandwidth-bound step time shrink? (±2%)`;
  },
  solve(p) {
    const a = step(p, 'bf16');
    const b = step(p, 'int4');
    return {
      value: a.stepTimeS / b.stepTimeS,
      steps: [
        `BF16: ${formatBytes(a.weightBytesRead, 'GB')} of weights + ${formatBytes(a.kvBytesRead, 'GB', 3)} of KV → ${fixed(a.stepTimeS * 1e3, 2)} ms.`,
        `INT4: ${formatBytes(b.weightBytesRead, 'GB')} of weights + the same KV → ${fixed(b.stepTimeS * 1e3, 2)} ms.`,
        `Speed-up ${fixed(a.stepTimeS / b.stepTimeS, 2)}×: below 4× because the KV cache is not quantized. At batch 1 the dequantization work hides under the memory loads.`,
      ],
    };
  },
};

interface TaxParams {
  gpuId: string;
}

export const whereTaxBites: ChoiceTemplate<TaxParams> = {
  kind: 'choice',
  id: 'precision/where-unpacking-bites',
  topic: 'unpacking-tax',
  title: 'Where the unpacking tax bites',
  generate(rng) {
    return { gpuId: rng.pick(GPU_IDS) };
  },
  text(p) {
    return `You serve a model with weight-only 4-bit quantization (W4A16) on ${gpuWithBandwidth(gpu(p.gpuId))}. The kernels must unpack every 4-bit weight to 16-bit before multiplying. When does that unpacking cost most, relative to what 4-bit saves?`;
  },
  options(p) {
    const r = ridgePoint(gpu(p.gpuId), 'bf16');
    return [
      {
        label: 'At large batch sizes and in prefill, where the step is compute-bound',
        correct: true,
        explanation: `Once enough tokens share each weight read (intensity past ~${fixed(r, 0)} FLOP/byte on this card) the time is set by math, and W4A16 adds unpacking work to it while its smaller reads no longer matter.`,
      },
      {
        label: 'At batch size 1, where every token pays to unpack the whole model',
        correct: false,
        explanation:
          'This is the common claim, and it is backwards: at batch 1 decode is memory-bound, the unpacking runs in registers while the next weights stream in, and 4-bit kernels come close to the ideal speed-up over 16-bit.',
      },
      {
        label: 'Never: 4-bit is always close to 4× faster than 16-bit',
        correct: false,
        explanation:
          'Only while memory-bound. When compute-bound, W4A16 still multiplies in 16-bit and also unpacks, so it can be slower than BF16; W8A8 or FP8 does better there.',
      },
      {
        label: 'Only on GPUs without 4-bit tensor cores',
        correct: false,
        explanation:
          'W4A16 multiplies in 16-bit on every GPU; the issue is the extra work once compute-bound, not whether a 4-bit math mode exists.',
      },
    ];
  },
  solve(p) {
    const r = ridgePoint(gpu(p.gpuId), 'bf16');
    return {
      steps: [
        `Ridge point of this card in BF16: ${fixed(r, 0)} FLOP per byte.`,
        'Batch-1 decode runs at about 1–4 FLOP per weight byte: memory-bound, so bytes saved are time saved and unpacking hides under the loads.',
        'At large batches and in prefill the same weights serve many tokens, the step becomes compute-bound, and the unpacking becomes extra work on the critical path.',
      ],
    };
  },
};

interface ParityParams {
  change: number;
  before: number;
  after: number;
}

const CHANGES = [
  'switch the weights from FP16 to FP8',
  'quantize the weights to 4-bit with AWQ',
  'store the KV cache in FP8 instead of BF16',
  'enable speculative decoding with a small draft model',
  'swap the attention kernel for a faster fused one',
];

export const parityGate: ChoiceTemplate<ParityParams> = {
  kind: 'choice',
  id: 'parity/ship-gate',
  topic: 'parity',
  title: 'The number to see before shipping an optimization',
  generate(rng) {
    const before = rng.int(30, 60);
    return { change: rng.int(0, CHANGES.length - 1), before, after: Math.round(before * (0.45 + 0.35 * rng.next())) };
  },
  text(p) {
    return `On a 70B chat model you ${CHANGES[p.change]}, and p50 TPOT drops from ${p.before} ms to ${p.after} ms. The team wants to ship today. What single number do you ask for first?`;
  },
  options() {
    return [
      {
        label: 'Accuracy on a fixed evaluation set for this workload, against the unchanged baseline',
        correct: true,
        explanation:
          'Speed is already measured; what is unknown is whether the answers changed. Parity on a fixed eval, within a stated tolerance, is the gate.',
      },
      {
        label: 'p99 TPOT under production load',
        correct: false,
        explanation:
          'Worth having, but it measures speed again; a fast model that answers differently has not been proven safe to ship.',
      },
      {
        label: 'Tokens per second per GPU',
        correct: false,
        explanation: 'Another speed number. The open question is quality.',
      },
      {
        label: 'Perplexity on a random web sample',
        correct: false,
        explanation: 'Perplexity can move little while task accuracy moves a lot; judge on the workload’s own eval.',
      },
    ];
  },
  solve(p) {
    return {
      steps: [
        `The speed-up (${p.before} → ${p.after} ms) is measured. Every optimization of this kind carries a parity question: are the answers still the same?`,
        'Run a fixed eval set for this workload on both versions; ship only if accuracy (and agreement with the baseline) stays within the tolerance you set in advance.',
      ],
    };
  },
};

interface CrossoverParams {
  modelId: string;
  gpuId: string;
}

const CROSSOVER_MODELS = ['llama-3.1-8b', 'qwen3-8b', 'llama-3.3-70b'] as const;
const CROSSOVER_GPUS = ['h100-sxm', 'h200', 'a100-sxm-80gb', 'l40s'] as const;

// The comparison scans every batch size from 1 to 4,096; remember it per model and GPU (it is pure).
const comparisons = new Map<string, ReturnType<typeof compareWeightOnlyInt4>>();
function crossover(p: CrossoverParams): ReturnType<typeof compareWeightOnlyInt4> {
  const key = `${p.modelId}@${p.gpuId}`;
  let c = comparisons.get(key);
  if (!c) {
    c = compareWeightOnlyInt4(model(p.modelId), gpu(p.gpuId), { context: 1024 });
    comparisons.set(key, c);
  }
  return c;
}

export const crossoverBatch: ChoiceTemplate<CrossoverParams> = {
  kind: 'choice',
  id: 'precision/crossover-batch',
  topic: 'unpacking-tax',
  title: 'Where 4-bit weights stop paying',
  generate(rng) {
    for (;;) {
      // A few pairs only: each comparison scans every batch size, which is slow to do for the whole catalog.
      const p = { modelId: rng.pick(CROSSOVER_MODELS), gpuId: rng.pick(CROSSOVER_GPUS) };
      const c = crossover(p).crossoverBatch;
      if (c !== null && c >= 16 && weightBytes(model(p.modelId), 'bf16') <= 0.85 * gpu(p.gpuId).memoryBytes) return p;
    }
  },
  text(p) {
    return `${model(p.modelId).name} decodes at 1,024 tokens of context on ${gpuWithBandwidth(gpu(p.gpuId))}. You compare BF16 weights with weight-only INT4 (W4A16, group size 128) across batch sizes. Roughly where does INT4 stop being faster than BF16?`;
  },
  options(p) {
    const r = crossover(p);
    const c = r.crossoverBatch ?? 0;
    const at1 = r.rows.find((x) => x.batch === 1);
    return [
      {
        label: `Around batch ${int(c)}, once the step turns compute-bound`,
        correct: true,
        explanation: `Up to there the step is memory-bound and INT4 moves ${fixed(r.bytesRatio, 2)}× fewer weight bytes; beyond it INT4 still multiplies in 16-bit and also dequantizes, so it loses.`,
      },
      {
        label: 'Already at batch 1',
        correct: false,
        explanation: `At batch 1 INT4 is ${fixed(at1?.speedup ?? 0, 2)}× faster: decode is memory-bound and unpacking hides under the loads.`,
      },
      {
        label: `Around batch ${int(Math.max(2, Math.round(c / 8)))}`,
        correct: false,
        explanation: 'Still memory-bound there: the smaller weights keep paying.',
      },
      {
        label: 'Never: 4-bit is faster at every batch size',
        correct: false,
        explanation:
          'Once compute-bound, W4A16 does the same 16-bit math plus dequantization, so BF16 (or W8A8/FP8) wins.',
      },
    ];
  },
  solve(p) {
    const r = crossover(p);
    const rows = r.rows.filter((x) => [1, 16, 64, 256, 1024].includes(x.batch));
    return {
      steps: [
        ...rows.map(
          (x) =>
            `Batch ${x.batch}: BF16 ${fixed(x.bf16StepS * 1e3, 2)} ms, INT4 ${fixed(x.int4StepS * 1e3, 2)} ms (${fixed(x.speedup, 2)}×).`,
        ),
        `INT4 stops winning at batch ${int(r.crossoverBatch ?? 0)}.`,
        ...r.assumptions.map((a) => `Assumed: ${a}.`),
      ],
    };
  },
};

interface ScalesParams {
  modelId: string;
}

export const int4WithScales: NumericTemplate<ScalesParams> = {
  id: 'weights/int4-with-scales',
  topic: 'weight-memory',
  title: '4-bit weights with their scales',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick([...DENSE_IDS, 'mixtral-8x7b']) };
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} is quantized AWQ-style: every linear layer's weights go to 4 bits in groups of 128, each group with a 16-bit scale and a 16-bit zero point, while the embeddings, norms${m.tiedEmbeddings ? '' : ', the output head'} and any router stay in BF16. How much memory do the weights take, in GB? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const w = weightMemory(m, { precision: 'int4' });
    const naive = weightMemory(m, { precision: 'bf16' }).totalBytes / 4;
    return {
      value: w.totalBytes,
      steps: [
        `4-bit payload: ${fixed(w.quantizedBytes / 1e9, 2)} GB; scales and zero points: ${fixed(w.metadataBytes / 1e9, 3)} GB (2 × 2 bytes per 128 weights ≈ 0.25 extra bits each).`,
        `Kept in BF16: ${fixed(w.unquantizedBytes / 1e9, 2)} GB.`,
        `Total ${fixed(w.totalBytes / 1e9, 2)} GB, against ${fixed(naive / 1e9, 2)} GB if everything shrank to a quarter.`,
      ],
    };
  },
};

export const PRECISION_TEMPLATES = [int4Speedup, whereTaxBites, crossoverBatch, int4WithScales, parityGate];
