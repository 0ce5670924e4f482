// Self-check for chapter 20 (static vs continuous batching): padding in a static batch (the count the simulator's
// static scheduler makes; tested against it), the share of decode slots that carry a wanted token, and how long a static batch keeps newcomers out.

import { getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import { PRECISION_LABEL } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText } from './pick.ts';

interface BatchParams {
  prompts: number[];
  outputs: number[];
}

/** A batch of 3–6 requests arriving together, with prompt and reply lengths as varied as chat traffic. */
function drawBatch(rng: Random): BatchParams {
  const n = rng.int(3, 6);
  const prompts = Array.from({ length: n }, () => rng.pick([120, 250, 400, 600, 900, 1200, 1800, 2500, 3200]));
  const outputs = Array.from({ length: n }, () => rng.pick([8, 20, 35, 60, 90, 150, 240, 400, 600]));
  // Make sure the batch is not uniform: a static batch of equal requests wastes nothing.
  if (new Set(outputs).size === 1) outputs[0] = (outputs[0] as number) === 8 ? 600 : 8;
  return { prompts, outputs };
}

const list = (xs: number[]) => xs.map(int).join(', ');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export const paddingShare: NumericTemplate<BatchParams> = {
  id: 'continuous-batching/padding-share',
  topic: 'scheduling',
  title: 'Padding share of a static batch',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate: drawBatch,
  text(p) {
    return `A static batcher runs ${p.prompts.length} requests that arrive together as one batch: prompts of ${list(p.prompts)} tokens, replies of ${list(p.outputs)} tokens. It pads every prompt to the longest, and keeps finished sequences in the batch (one padded position per step) until the longest reply is done; the first reply token comes out of the prefill pass. What percentage of all the token positions it computes are padding? Give the number only (e.g. 37 for 37%). (±2% of the answer)`;
  },
  solve(p) {
    const maxP = Math.max(...p.prompts);
    const maxO = Math.max(...p.outputs);
    const padP = sum(p.prompts.map((x) => maxP - x));
    const padO = sum(p.outputs.map((o) => maxO - o));
    const useful = sum(p.prompts) + sum(p.outputs.map((o) => o - 1));
    const value = (100 * (padP + padO)) / (padP + padO + useful);
    return {
      value,
      steps: [
        `Prompt padding: each prompt is filled up to ${int(maxP)} tokens, ${int(padP)} dummy positions in all.`,
        `Decode padding: the batch decodes ${int(maxO - 1)} steps; a reply of o tokens decodes o − 1 of them and pads the rest, ${int(padO)} positions in all.`,
        `Real positions: ${int(sum(p.prompts))} prompt tokens + ${int(sum(p.outputs.map((o) => o - 1)))} decoded tokens = ${int(useful)}.`,
        `Padding share = ${int(padP + padO)} ÷ (${int(padP + padO)} + ${int(useful)}) = ${fixed(value, 2)}%, as the simulator's static scheduler counts it.`,
      ],
    };
  },
};

export const slotShare: NumericTemplate<BatchParams> = {
  id: 'continuous-batching/slot-share',
  topic: 'scheduling',
  title: 'Share of a static batch’s decode slots that carry a wanted token',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate: drawBatch,
  text(p) {
    return `A static batch of ${p.outputs.length} sequences produces replies of ${list(p.outputs)} tokens. Nobody leaves or joins until the longest reply is done, and each sequence holds one slot per step. What percentage of the slot-steps the batch holds carry a token somebody wanted (Σ oᵢ ÷ (B × max oᵢ))? Give the number only. (±2% of the answer)`;
  },
  solve(p) {
    const maxO = Math.max(...p.outputs);
    const value = (sum(p.outputs) / (p.outputs.length * maxO)) * 100;
    return {
      value,
      steps: [
        `The batch runs for as many steps as its longest reply: ${int(maxO)}.`,
        `It holds ${p.outputs.length} × ${int(maxO)} = ${int(p.outputs.length * maxO)} slot-steps; ${int(sum(p.outputs))} of them produce a wanted token.`,
        `${int(sum(p.outputs))} ÷ ${int(p.outputs.length * maxO)} = ${fixed(value, 2)}%. Continuous batching would hand each freed slot to a waiting request at the next step.`,
      ],
    };
  },
};

interface DoorParams {
  modelId: string;
  gpuId: string;
  batch: number;
  context: number;
  longest: number;
}

const DOOR_SETUPS = [
  { modelId: 'llama-3.1-8b', gpuId: 'h100-sxm' },
  { modelId: 'llama-3.1-8b', gpuId: 'a100-sxm-80gb' },
  { modelId: 'qwen3-8b', gpuId: 'h200' },
  { modelId: 'qwen3-4b', gpuId: 'l40s' },
  { modelId: 'mistral-7b-v0.1', gpuId: 'h100-sxm' },
] as const;

export const doorWait: NumericTemplate<DoorParams> = {
  id: 'continuous-batching/door-wait',
  topic: 'scheduling',
  title: 'How long a static batch keeps a newcomer out',
  spec: { quantity: 'time', unit: 's', tolerance: 0.02 },
  generate(rng) {
    const s = rng.pick(DOOR_SETUPS);
    return {
      ...s,
      batch: rng.pick([4, 8, 16, 32]),
      context: rng.pick([1024, 2048, 4096]),
      longest: rng.pick([300, 500, 800, 1200, 2000]),
    };
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `${m.name} in ${PRECISION_LABEL.bf16} on an ${g.name} (${bwText(g)}) runs a static batch of ${p.batch} sequences whose longest reply is ${int(p.longest)} tokens. Take every decode step at the memory-bound ceiling for ${p.batch} sequences at ${int(p.context)} tokens of context. A request arrives just as the batch's prefill finishes. How long must it wait for the batch to end before it can even start? (±2%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const s = decodeStep(m, g, { weightPrecision: 'bf16', batch: p.batch, context: p.context });
    const steps = p.longest - 1;
    return {
      value: steps * s.stepTimeS,
      steps: [
        `Step: weights once plus ${p.batch} caches = ${fixed(s.bytesPerStep / 1e9, 2)} GB ÷ ${bwText(g)} = ${fixed(s.stepTimeS * 1e3, 3)} ms.`,
        `The first reply token came out of the prefill, so the longest reply needs ${int(steps)} more decode steps.`,
        `Wait = ${int(steps)} × ${fixed(s.stepTimeS * 1e3, 3)} ms = ${fixed(steps * s.stepTimeS, 2)} s. A continuous batcher would admit it at the next step, a few milliseconds away.`,
      ],
    };
  },
};

export const CONTINUOUS_BATCHING_TEMPLATES = [paddingShare, slotShare, doorWait];
