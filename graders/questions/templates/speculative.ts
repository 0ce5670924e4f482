// Speculative decoding (Leviathan, Kalman & Matias 2023): tokens per target step, speed-up and break-even.

import type { Random } from '../../../src/engine/random.ts';
import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../../../src/engine/speculative.ts';
import { fixed } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';

interface SpecParams {
  acceptance: number;
  draftTokens: number;
  draftCost: number;
}

function draw(rng: Random): SpecParams {
  return {
    acceptance: rng.pick([0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9]),
    draftTokens: rng.int(2, 7),
    draftCost: rng.pick([0.02, 0.05, 0.1, 0.15, 0.2]),
  };
}

const setup = (p: SpecParams) =>
  `A draft model proposes γ = ${p.draftTokens} tokens per step; the target model accepts each drafted token with probability α = ${p.acceptance} (independently), and one draft step costs c = ${p.draftCost} of a target step.`;

export const expectedTokens: NumericTemplate<SpecParams> = {
  id: 'speculative/expected-tokens',
  topic: 'speculative',
  title: 'Tokens per target step with speculation',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `${setup(p)} How many tokens does each target-model step produce on average (accepted drafts plus the token the target adds)? (±1%)`;
  },
  solve(p) {
    const e = expectedTokensPerStep(p.acceptance, p.draftTokens);
    return {
      value: e,
      steps: [
        'The step keeps drafted tokens up to the first rejection, then adds one token of its own.',
        `Expected tokens = (1 − α^(γ+1)) ÷ (1 − α) = (1 − ${p.acceptance}^${p.draftTokens + 1}) ÷ ${fixed(1 - p.acceptance, 2)} = ${fixed(e, 3)}.`,
      ],
    };
  },
};

export const speedup: NumericTemplate<SpecParams> = {
  id: 'speculative/speedup',
  topic: 'speculative',
  title: 'Speed-up from speculative decoding',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `${setup(p)} Decode is memory-bound, so verifying γ + 1 tokens costs the target about one ordinary step. What is the expected speed-up over plain decoding? (±1%)`;
  },
  solve(p) {
    const e = expectedTokensPerStep(p.acceptance, p.draftTokens);
    const s = speculativeSpeedup(p);
    return {
      value: s,
      steps: [
        `Tokens per target step: (1 − α^(γ+1)) ÷ (1 − α) = ${fixed(e, 3)}.`,
        `Each step costs 1 + γc = 1 + ${p.draftTokens} × ${p.draftCost} = ${fixed(1 + p.draftTokens * p.draftCost, 2)} target steps.`,
        `Speed-up = ${fixed(e, 3)} ÷ ${fixed(1 + p.draftTokens * p.draftCost, 2)} = ${fixed(s, 2)}×.`,
      ],
    };
  },
};

export const breakEven: NumericTemplate<SpecParams> = {
  id: 'speculative/break-even',
  topic: 'speculative',
  title: 'Break-even acceptance rate',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.01 },
  generate(rng) {
    return { ...draw(rng), draftCost: rng.pick([0.05, 0.1, 0.15, 0.2, 0.3]) };
  },
  text(p) {
    return `A draft model proposes γ = ${p.draftTokens} tokens per step, and one draft step costs c = ${p.draftCost} of a target step. Below what acceptance rate does speculative decoding make decode slower than not speculating at all? Answer in percent. (±1%)`;
  },
  solve(p) {
    const a = breakEvenAcceptance(p.draftTokens, p.draftCost);
    return {
      value: a,
      steps: [
        `Speed-up = (1 − α^(γ+1)) ÷ ((1 − α)(1 + γc)); set it to 1 with γ = ${p.draftTokens}, c = ${p.draftCost}.`,
        `1 + γc = ${fixed(1 + p.draftTokens * p.draftCost, 2)}, so the expected tokens per step must reach that: α = ${fixed(a * 100, 1)}%.`,
        'Below it, turn speculation off (or shorten γ); serving stacks can measure the acceptance rate live.',
      ],
    };
  },
};

interface OffParams extends SpecParams {
  measured: number;
}

export const keepOrDisable: ChoiceTemplate<OffParams> = {
  kind: 'choice',
  id: 'speculative/keep-or-disable',
  topic: 'speculative',
  title: 'Keep speculation on?',
  generate(rng) {
    for (;;) {
      const p = { ...draw(rng), draftCost: rng.pick([0.1, 0.15, 0.2, 0.3]) };
      const a = breakEvenAcceptance(p.draftTokens, p.draftCost);
      const measured = Math.round((a + (rng.next() < 0.5 ? -1 : 1) * (0.05 + 0.25 * rng.next())) * 100) / 100;
      if (measured > 0.02 && measured < 0.98) return { ...p, measured };
    }
  },
  text(p) {
    return `Your chat service runs speculative decoding with γ = ${p.draftTokens} drafted tokens and a draft step costing c = ${p.draftCost} of a target step. On today's traffic the measured acceptance rate is ${fixed(p.measured * 100, 0)}%. Decode is memory-bound at low load. What do you do?`;
  },
  options(p) {
    const a = breakEvenAcceptance(p.draftTokens, p.draftCost);
    const s = speculativeSpeedup({ acceptance: p.measured, draftTokens: p.draftTokens, draftCost: p.draftCost });
    const pays = s > 1;
    const numbers = `Break-even is ${fixed(a * 100, 1)}%; at ${fixed(p.measured * 100, 0)}% the speed-up is ${fixed(s, 2)}×.`;
    return [
      { label: 'Keep it on: it still speeds decode up', correct: pays, explanation: numbers },
      { label: 'Turn it off (or draft fewer tokens): it now slows decode down', correct: !pays, explanation: numbers },
      {
        label: 'Keep it on regardless: it always raises throughput',
        correct: false,
        explanation:
          'Speculation spends extra compute to cut latency; below break-even it cuts nothing, and at high load the compute is better spent on the batch.',
      },
    ];
  },
  solve(p) {
    const a = breakEvenAcceptance(p.draftTokens, p.draftCost);
    return {
      steps: [
        `Break-even α for γ = ${p.draftTokens}, c = ${p.draftCost}: ${fixed(a * 100, 1)}%.`,
        `Measured ${fixed(p.measured * 100, 0)}% is ${p.measured > a ? 'above' : 'below'} it.`,
      ],
    };
  },
};

export const SPECULATIVE_TEMPLATES = [expectedTokens, speedup, breakEven, keepOrDisable];
