import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../engine/speculative.ts';
import { fixed } from '../engine/units.ts';
import { type CalcSubcommand, emit, grid, JSON_OPTION, numberFlag, table } from './calc-common.ts';

export const calcSpeculative: CalcSubcommand = {
  name: 'speculative',
  summary: 'speculative decoding: expected tokens per step, speed-up, break-even acceptance rate',
  help: `goodput calc speculative — what speculative decoding buys (Leviathan et al. 2023)

Usage: goodput calc speculative [--acceptance <α>] [--draft-tokens <γ>] [--draft-cost <c>]

  --acceptance <α>      probability the target accepts a drafted token, 0–1 (default: a table over α)
  --draft-tokens <γ>    tokens drafted per step (default 5)
  --draft-cost <c>      one draft step's cost relative to one target step (default 0.1)
  --json                machine-readable output

Expected tokens per step = (1 − α^(γ+1)) / (1 − α); speed-up = that ÷ (γc + 1).
It assumes decode is memory-bound, so verifying γ + 1 tokens costs about one step: at high load it pays less.

Example: goodput calc speculative --acceptance 0.8 --draft-tokens 5 --draft-cost 0.1`,
  options: {
    ...JSON_OPTION,
    acceptance: { type: 'string' },
    'draft-tokens': { type: 'string' },
    'draft-cost': { type: 'string' },
  },
  run(values, io) {
    const k = numberFlag(values, 'draft-tokens', { int: true, min: 1, max: 64 }) ?? 5;
    const c = numberFlag(values, 'draft-cost', { min: 0, max: 10 }) ?? 0.1;
    const alpha = numberFlag(values, 'acceptance', { min: 0, max: 1 });
    const breakEven = breakEvenAcceptance(k, c);
    const alphas = alpha === undefined ? [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] : [alpha];
    const rows = alphas.map((a) => ({
      acceptance: a,
      expectedTokensPerStep: expectedTokensPerStep(a, k),
      speedup: speculativeSpeedup({ acceptance: a, draftTokens: k, draftCost: c }),
    }));
    const data = { draftTokens: k, draftCost: c, breakEvenAcceptance: breakEven, rows };
    emit(io, values, data, () => {
      const head = table([
        ['Draft tokens per step (γ)', String(k)],
        ['Draft cost ratio (c)', String(c)],
        ['Break-even acceptance', `α ≈ ${fixed(breakEven, 3)} (below it, speculation slows decoding down)`],
      ]);
      const body = grid(
        ['α', 'tokens/step', 'speed-up'],
        rows.map((r) => [fixed(r.acceptance, 2), fixed(r.expectedTokensPerStep, 2), `${fixed(r.speedup, 2)}×`]),
      );
      return `${head}\n\n${body}`;
    });
    return 0;
  },
};
