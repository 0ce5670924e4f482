// Every figure the accuracy-parity chapter prints: a worked FP8-vs-BF16 comparison with bootstrap intervals
// computed from the engine's percentile at build time.

import { accuracyBootstrap, pairedBootstrap, parityVerdict } from '../../engine/parity.ts';
import { fixed, int } from '../../engine/units.ts';

/**
 * Measurements and claims quoted, each with its source: the temperature-0 run from Thinking Machines Lab,
 * https://thinkingmachines.ai/blog/defeating-nondeterminism-in-llm-inference/; the quality table of 004 Ch 0.6 that
 * errata E004-14 corrects; recovery from arXiv:2411.02355; the TPOT pair from 001's self-check 4.
 */
export const QUOTED = {
  runs: '1,000',
  unique: '80',
  divergeAt: '103',
  majority: '992',
  minority: '8',
  int8Drop: '1–3%',
  int4Drop: '5–10%',
  /** Kurtic et al. (arXiv:2411.02355): 4-bit weight-only recovery at 70B and above. */
  recovery: '98–99%',
  /** Lecture 001's self-check 4: FP8 weights on a 70B model. */
  tpotBefore: '38 ms',
  tpotAfter: '22 ms',
} as const;

/** The worked example: a GSM8K-sized set (1,319 test items, Cobbe et al. 2021); counts chosen for teaching. */
export const EXAMPLE = { n: 1319, baseCorrect: 1187, lost: 31, gained: 24, marginPoints: 1 } as const;

const e = EXAMPLE;
const counts = { n: e.n, bothRight: e.baseCorrect - e.lost, lost: e.lost, gained: e.gained };
const candCorrect = e.baseCorrect - e.lost + e.gained;
const LEVEL = 0.95;
const paired = pairedBootstrap(counts, { seed: 19, level: LEVEL });
const single = accuracyBootstrap(e.n, e.baseCorrect, { seed: 19, level: LEVEL });
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${fixed(Math.abs(x) * 100, 2)}`;
const verdict = parityVerdict(paired.low, paired.high, e.marginPoints / 100);

const WHY = {
  pass: 'The whole interval sits above the margin, so the candidate is no worse than the margin allows.',
  fail: 'The whole interval sits below the margin: the candidate is worse than allowed.',
  inconclusive:
    'The interval straddles the margin: the data cannot tell "no worse than one point" from "worse". A bigger eval set, or a different decision, is needed; shipping on the point estimate would be a guess.',
} as const;

export const accuracyParity = {
  level: `${fixed(LEVEL * 100, 0)}%`,
  n: int(e.n),
  baseCorrect: int(e.baseCorrect),
  baseAcc: `${fixed((e.baseCorrect / e.n) * 100, 1)}%`,
  candCorrect: int(candCorrect),
  candAcc: `${fixed((candCorrect / e.n) * 100, 1)}%`,
  lost: e.lost,
  gained: e.gained,
  deltaTex: String.raw`\Delta = \frac{c - b}{n} = \frac{${e.gained} - ${e.lost}}{${int(e.n).replace(',', '{,}')}} = ${pts(paired.delta).replace('−', '-')}\ \text{points}`,
  ciLow: pts(paired.low),
  ciHigh: pts(paired.high),
  singleHalf: fixed(((single.high - single.low) / 2) * 100, 1),
  marginPts: String(e.marginPoints),
  verdict,
  verdictWhy: WHY[verdict],
};
