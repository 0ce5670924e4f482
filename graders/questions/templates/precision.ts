// The precision test: what 4-bit weights buy at batch 1, where the dequantization ("unpacking") cost bites, and
// what must be measured before shipping a faster, lower-precision model.

import { weightBytes } from '../../../src/engine/memory.ts';
import { decodeStep, ridgePoint } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
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

export const PRECISION_TEMPLATES = [int4Speedup, whereTaxBites, parityGate];
