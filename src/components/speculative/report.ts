// What the speculative-decoding calculator shows, composed from the engine's speculative module. Pure: runs at build
// time for the first state and in the engine worker when the learner changes a field. Errors name the field.
import { z } from 'zod';
import { parseInput } from '../../engine/errors.ts';
import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../../engine/speculative.ts';
import { fixed } from '../../engine/units.ts';

const num = () => z.number({ error: 'must be a number' });

export const SpeculativeRequest = z.object({
  acceptance: num().min(0, 'must be at least 0').max(1, 'must be at most 1'),
  draftTokens: num().int('must be a whole number').min(1, 'must be at least 1').max(16, 'must be at most 16'),
  draftCost: num().min(0, 'must be at least 0').max(1, 'must be at most 1'),
  /** Time per output token without speculation, to turn the speed-up into milliseconds. */
  plainTpotMs: num().gt(0, 'must be above 0').max(10_000, 'must be at most 10,000'),
});
export type SpeculativeRequest = z.infer<typeof SpeculativeRequest>;

export interface SpeculativeReport {
  expectedTokens: number;
  speedup: number;
  breakEven: number;
  tpotMs: number;
  /** The draft length with the best speed-up at this acceptance and draft cost (1–16). */
  bestTokens: number;
  bestSpeedup: number;
  verdict: 'pays' | 'loses' | 'even';
  rows: { label: string; value: string }[];
}

export function speculativeReport(input: unknown): SpeculativeReport {
  const r = parseInput(SpeculativeRequest, input, 'speculative calculator');
  const expectedTokens = expectedTokensPerStep(r.acceptance, r.draftTokens);
  const speedup = speculativeSpeedup(r);
  const breakEven = breakEvenAcceptance(r.draftTokens, r.draftCost);
  let bestTokens = 1;
  let bestSpeedup = 0;
  for (let g = 1; g <= 16; g++) {
    const s = speculativeSpeedup({ acceptance: r.acceptance, draftTokens: g, draftCost: r.draftCost });
    if (s > bestSpeedup) {
      bestSpeedup = s;
      bestTokens = g;
    }
  }
  const tpotMs = r.plainTpotMs / speedup;
  const verdict = Math.abs(speedup - 1) < 0.005 ? 'even' : speedup > 1 ? 'pays' : 'loses';
  const verdictText = {
    pays: `Speculation pays: ${fixed(speedup, 2)}× faster per token.`,
    loses: `Speculation loses: each token takes ${fixed(1 / speedup, 2)}× as long as without it.`,
    even: 'Speculation breaks even here: no gain, extra work.',
  }[verdict];
  return {
    expectedTokens,
    speedup,
    breakEven,
    tpotMs,
    bestTokens,
    bestSpeedup,
    verdict,
    rows: [
      { label: 'Verdict', value: verdictText },
      { label: 'Tokens per target step (expected)', value: fixed(expectedTokens, 2) },
      {
        label: 'Cost of a step, in plain steps',
        value: `${r.draftTokens} × ${fixed(r.draftCost, 3)} + 1 = ${fixed(r.draftTokens * r.draftCost + 1, 3)}`,
      },
      { label: 'Speed-up', value: `${fixed(speedup, 2)}×` },
      { label: 'Time per output token', value: `${fixed(r.plainTpotMs, 2)} ms → ${fixed(tpotMs, 2)} ms` },
      {
        label: 'Break-even acceptance for this draft length and cost',
        value: breakEven >= 1 ? 'never pays' : breakEven <= 0 ? 'always pays' : fixed(breakEven, 3),
      },
      { label: 'Best draft length at this acceptance', value: `${bestTokens} (${fixed(bestSpeedup, 2)}×)` },
    ],
  };
}
