// Self-check for chapter 21 (chunked prefill): how long one whole prompt freezes every stream, how many steps a chunked
// prompt takes, and the smallest chunk that is still compute-bound.

import { getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import { mathRateFor, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { prefillTime } from '../../../src/engine/prefill.ts';
import { peakOpsPerS, ridgePoint } from '../../../src/engine/roofline.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText, tflopsText } from './pick.ts';

/** Dense models and cards where the model's 16-bit or 8-bit weights fit, for prefill questions. */
const SETUPS: readonly { modelId: string; gpuId: string; precision: Precision }[] = [
  { modelId: 'llama-3.1-8b', gpuId: 'h100-sxm', precision: 'bf16' },
  { modelId: 'llama-3.1-8b', gpuId: 'a100-sxm-80gb', precision: 'bf16' },
  { modelId: 'llama-3.1-8b', gpuId: 'l40s', precision: 'fp8' },
  { modelId: 'qwen3-8b', gpuId: 'h200', precision: 'bf16' },
  { modelId: 'qwen3-4b', gpuId: 'rtx-4090', precision: 'bf16' },
  { modelId: 'mistral-7b-v0.1', gpuId: 'h100-sxm', precision: 'fp8' },
  { modelId: 'llama-3.3-70b', gpuId: 'h200', precision: 'fp8' },
];

interface StallParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
}

const setupText = (p: { modelId: string; gpuId: string; precision: Precision }) => {
  const g = getGpu(p.gpuId);
  return `${getModel(p.modelId).name} with ${PRECISION_LABEL[p.precision]} weights on an ${g.name} (${tflopsText(peakOpsPerS(g, mathRateFor(p.precision)))} dense, ${bwText(g)})`;
};

export const stall: NumericTemplate<StallParams> = {
  id: 'chunked-prefill/stall',
  topic: 'scheduling',
  title: 'How long a whole prompt freezes every stream',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.03 },
  generate(rng) {
    return { ...rng.pick(SETUPS), prompt: rng.pick([4000, 8000, 12000, 16000, 24000, 32000]) };
  },
  text(p) {
    return `${setupText(p)} serves chat users under continuous batching without chunked prefill. A ${int(p.prompt)}-token prompt arrives and is prefilled in one step. At peak rates (counting 2 FLOPs per parameter per token plus causal attention, against reading the weights once), roughly how long is every decoding user's next token delayed? (±3%)`;
  },
  solve(p) {
    const e = prefillTime(getModel(p.modelId), getGpu(p.gpuId), {
      promptTokens: p.prompt,
      weightPrecision: p.precision,
    });
    return {
      value: e.timeS,
      steps: [
        `Prefill FLOPs: ${fixed(e.flops / 1e12, 1)} TFLOP (of which ${fixed(e.attentionFlops / 1e12, 1)} TFLOP causal attention).`,
        `Compute time ${fixed(e.computeTimeS * 1e3, 1)} ms against ${fixed(e.memoryTimeS * 1e3, 2)} ms to move the bytes: the step is ${e.regime}.`,
        `Every decode in the same step waits for it: about ${fixed(e.timeS * 1e3, 1)} ms on top of its usual step.`,
      ],
    };
  },
};

interface StepsParams {
  prompt: number;
  budget: number;
  decodes: number;
}

export const steps: NumericTemplate<StepsParams> = {
  id: 'chunked-prefill/steps',
  topic: 'scheduling',
  title: 'Steps a chunked prompt takes',
  spec: { quantity: 'plain', unit: '', tolerance: 0.001 },
  generate(rng) {
    const budget = rng.pick([512, 1024, 2048, 4096, 8192]);
    return {
      budget,
      prompt: rng.pick([3000, 5000, 7000, 12000, 20000, 30000]),
      decodes: rng.pick([8, 16, 32, 64, 128, 200].filter((d) => d < budget / 2)),
    };
  },
  text(p) {
    return `A continuous batcher has a per-step budget of ${int(p.budget)} tokens (max_num_batched_tokens). Each step it first schedules one token for each of ${p.decodes} running decodes, then fills the rest of the budget with prompt tokens. How many steps does a ${int(p.prompt)}-token prompt take to prefill, if the number of decodes stays constant? Give a whole number.`;
  },
  solve(p) {
    const room = p.budget - p.decodes;
    const value = Math.ceil(p.prompt / room);
    return {
      value,
      steps: [
        `Room for prompt tokens per step: ${int(p.budget)} − ${p.decodes} = ${int(room)}.`,
        `${int(p.prompt)} ÷ ${int(room)} = ${fixed(p.prompt / room, 2)}, rounded up to ${value} steps (the last chunk is partial).`,
      ],
    };
  },
};

interface MinChunkParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
}

/** Smallest prefill chunk the engine finds compute-bound at peak rates (intensity grows with the chunk: bisect). */
function minChunk(p: MinChunkParams): number {
  const m = getModel(p.modelId);
  const g = getGpu(p.gpuId);
  const bound = (c: number) =>
    prefillTime(m, g, { promptTokens: c, weightPrecision: p.precision }).regime === 'compute-bound';
  let lo = 1;
  let hi = 100_000;
  if (!bound(hi)) throw new Error(`no compute-bound chunk up to 100,000 tokens for ${p.modelId} on ${p.gpuId}`);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (bound(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const minChunkTemplate: NumericTemplate<MinChunkParams> = {
  id: 'chunked-prefill/min-chunk',
  topic: 'scheduling',
  title: 'Smallest chunk that stays compute-bound',
  spec: { quantity: 'plain', unit: '', tolerance: 0.05 },
  generate(rng) {
    const s = rng.pick(SETUPS);
    return { modelId: s.modelId, gpuId: s.gpuId, precision: s.precision };
  },
  text(p) {
    return `${setupText(p)}: a prefill chunk of C tokens reads the weights once and does about 2 FLOPs per parameter per token. Roughly how many tokens must a chunk hold before its prefill turns compute-bound at peak rates? Give a whole number of tokens. (±5%)`;
  },
  solve(p) {
    const g = getGpu(p.gpuId);
    const rate = mathRateFor(p.precision);
    const value = minChunk(p);
    const bytesPerParam = p.precision === 'bf16' ? 2 : 1;
    return {
      value,
      steps: [
        `Ridge point: ${tflopsText(peakOpsPerS(g, rate))} ÷ ${bwText(g)} = ${fixed(ridgePoint(g, rate), 1)} FLOP per byte.`,
        `A chunk of C tokens does 2 × N × C FLOPs on ${bytesPerParam} × N bytes of weights: intensity ≈ ${bytesPerParam === 2 ? 'C' : '2C'} FLOP per byte.`,
        `So C ≈ ${fixed(ridgePoint(g, rate) / (2 / bytesPerParam), 0)} tokens; counting attention and the KV cache written, the engine finds the first compute-bound chunk at ${int(value)} tokens.`,
      ],
    };
  },
};

export const CHUNKED_PREFILL_TEMPLATES = [stall, steps, minChunkTemplate];
