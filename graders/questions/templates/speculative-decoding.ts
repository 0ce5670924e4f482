// Self-check for chapter 22 (speculative decoding): expected tokens per round, speed-up, break-even acceptance, and the
// draft cost of a real model pair from the engine's step times.

import { getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../../../src/engine/speculative.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText } from './pick.ts';

interface SpecParams {
  acceptance: number;
  draftTokens: number;
  draftCost: number;
}

const draw = (rng: Random): SpecParams => ({
  acceptance: rng.pick([0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]),
  draftTokens: rng.int(2, 8),
  draftCost: rng.pick([0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2]),
});

export const expectedTokens: NumericTemplate<SpecParams> = {
  id: 'speculative-decoding/expected-tokens',
  topic: 'speculative',
  title: 'Expected tokens per speculative round',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `A draft model proposes ${p.draftTokens} tokens per round, and the target accepts each with probability ${fixed(p.acceptance, 2)}, independently, stopping at the first rejection (where it supplies its own token). How many tokens does one round yield on average? (±1%)`;
  },
  solve(p) {
    const value = expectedTokensPerStep(p.acceptance, p.draftTokens);
    return {
      value,
      steps: [
        `A round yields 1 + α + α² + … + α^γ tokens on average: the target's own token, plus each draft that survives every earlier one.`,
        `(1 − α^(γ+1)) ÷ (1 − α) = (1 − ${fixed(p.acceptance, 2)}^${p.draftTokens + 1}) ÷ ${fixed(1 - p.acceptance, 2)} = ${fixed(value, 3)} tokens.`,
      ],
    };
  },
};

export const speedup: NumericTemplate<SpecParams> = {
  id: 'speculative-decoding/speedup',
  topic: 'speculative',
  title: 'Speed-up of speculative decoding',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `Speculative decoding with ${p.draftTokens} draft tokens per round, acceptance rate α = ${fixed(p.acceptance, 2)}, and a draft step that costs ${fixed(p.draftCost, 2)} of a target step. Decode is memory-bound, so verifying all the drafts costs one target step. By what factor does the time per output token improve? (e.g. 1.8; ±1%)`;
  },
  solve(p) {
    const e = expectedTokensPerStep(p.acceptance, p.draftTokens);
    const value = speculativeSpeedup(p);
    return {
      value,
      steps: [
        `Expected tokens per round: (1 − ${fixed(p.acceptance, 2)}^${p.draftTokens + 1}) ÷ ${fixed(1 - p.acceptance, 2)} = ${fixed(e, 3)}.`,
        `Cost of a round in target steps: ${p.draftTokens} × ${fixed(p.draftCost, 2)} + 1 = ${fixed(p.draftTokens * p.draftCost + 1, 2)}.`,
        `Speed-up = ${fixed(e, 3)} ÷ ${fixed(p.draftTokens * p.draftCost + 1, 2)} = ${fixed(value, 3)}×.`,
      ],
    };
  },
};

interface BreakEvenParams {
  draftTokens: number;
  draftCost: number;
}

export const breakEven: NumericTemplate<BreakEvenParams> = {
  id: 'speculative-decoding/break-even',
  topic: 'speculative',
  title: 'Break-even acceptance rate',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return { draftTokens: rng.int(2, 8), draftCost: rng.pick([0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25]) };
  },
  text(p) {
    return `A speculative decoder drafts ${p.draftTokens} tokens per round with a draft step costing ${fixed(p.draftCost, 2)} of a target step (verification costs one target step). Below what acceptance rate α does speculation make decoding slower than no speculation at all? Give α between 0 and 1. (±2%)`;
  },
  solve(p) {
    const value = breakEvenAcceptance(p.draftTokens, p.draftCost);
    return {
      value,
      steps: [
        `Speculation pays while (1 − α^(γ+1)) ÷ ((1 − α)(γc + 1)) > 1, here with γc + 1 = ${fixed(p.draftTokens * p.draftCost + 1, 2)}.`,
        'The left side grows with α, so solve for the α where it equals 1 (by bisection, or by trying values).',
        `α ≈ ${fixed(value, 3)}: there a round yields ${fixed(expectedTokensPerStep(value, p.draftTokens), 3)} tokens for ${fixed(p.draftTokens * p.draftCost + 1, 2)} steps' worth of time.`,
      ],
    };
  },
};

interface PairParams {
  targetId: string;
  draftId: string;
  gpuId: string;
  precision: Precision;
  context: number;
  acceptance: number;
  draftTokens: number;
}

const PAIRS = [
  { targetId: 'llama-3.3-70b', draftId: 'llama-3.1-8b' },
  { targetId: 'qwen3-8b', draftId: 'qwen3-4b' },
] as const;

export const draftCost: NumericTemplate<PairParams> = {
  id: 'speculative-decoding/draft-cost',
  topic: 'speculative',
  title: 'Speed-up of a real draft/target pair',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return {
      ...rng.pick(PAIRS),
      gpuId: rng.pick(['h100-sxm', 'h200', 'a100-sxm-80gb', 'b200']),
      precision: rng.pick(['bf16', 'fp8'] as const),
      context: rng.pick([512, 1024, 2048, 4096]),
      acceptance: rng.pick([0.5, 0.6, 0.7, 0.8]),
      draftTokens: rng.int(3, 6),
    };
  },
  text(p) {
    const g = getGpu(p.gpuId);
    return `${getModel(p.targetId).name} is served with ${getModel(p.draftId).name} as its draft model, both with ${PRECISION_LABEL[p.precision]} weights, on an ${g.name} (${bwText(g)}), at batch 1 and ${int(p.context)} tokens of context. Take each model's decode step at the memory-bound ceiling (weights plus KV cache read once). With ${p.draftTokens} draft tokens per round and acceptance rate ${fixed(p.acceptance, 2)}, what is the speed-up in time per token? (±2%)`;
  },
  solve(p) {
    const g = getGpu(p.gpuId);
    const at = (id: string) =>
      decodeStep(getModel(id), g, { weightPrecision: p.precision, batch: 1, context: p.context });
    const t = at(p.targetId);
    const d = at(p.draftId);
    const c = d.stepTimeS / t.stepTimeS;
    const value = speculativeSpeedup({ acceptance: p.acceptance, draftTokens: p.draftTokens, draftCost: c });
    const e = expectedTokensPerStep(p.acceptance, p.draftTokens);
    return {
      value,
      steps: [
        `Target step: ${fixed(t.bytesPerStep / 1e9, 2)} GB ÷ ${bwText(g)} = ${fixed(t.stepTimeS * 1e3, 3)} ms; draft step: ${fixed(d.bytesPerStep / 1e9, 2)} GB → ${fixed(d.stepTimeS * 1e3, 3)} ms.`,
        `Draft cost c = ${fixed(d.stepTimeS * 1e3, 3)} ÷ ${fixed(t.stepTimeS * 1e3, 3)} = ${fixed(c, 4)} (the bandwidth cancels: it is the ratio of bytes read).`,
        `Expected tokens per round: ${fixed(e, 3)}; speed-up = ${fixed(e, 3)} ÷ (${p.draftTokens} × ${fixed(c, 4)} + 1) = ${fixed(value, 3)}×.`,
      ],
    };
  },
};

export const SPECULATIVE_DECODING_TEMPLATES = [expectedTokens, speedup, breakEven, draftCost];
