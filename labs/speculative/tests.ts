// Hidden tests for lab 9: expected tokens per step, speed-up and break-even acceptance against the engine's
// speculative-decoding model (Leviathan, Kalman and Matias 2023) on acceptance rates and draft costs drawn every run.
import { expectClose, expectEqual, fail, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import type { Random } from '../../src/engine/random.ts';
import { breakEvenAcceptance, expectedTokensPerStep, speculativeSpeedup } from '../../src/engine/speculative.ts';

type Mod = Record<string, unknown>;

/** Acceptance rates, rounded so a failing case can be retried by hand. */
const alpha = (rng: Random) =>
  rng.pick([0, 1, 0.5, Math.round(rng.next() * 1000) / 1000, Math.round(rng.next() * 1e6) / 1e6]);
const gamma = (rng: Random) => rng.int(1, 16);
const cost = (rng: Random) => rng.pick([0, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 1.5, Math.round(rng.next() * 300) / 1000]);

function tokensHint(got: unknown, a: number, g: number): string | undefined {
  if (typeof got !== 'number') return undefined;
  const expected = expectedTokensPerStep(a, g);
  if (got === expected) return undefined;
  if (Math.abs(got - (g * a + 1)) < 1e-9)
    return 'That treats every draft as independent. Drafts are checked in order and the first rejection discards the rest: draft i counts with probability α^i.';
  if (Math.abs(got - (expected - 1)) < 1e-9)
    return 'One token short: after the accepted drafts the target model always adds one token of its own.';
  return undefined;
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'expectedTokensPerStep: drafts count up to the first rejection, plus the target’s own token',
    run(mod, { rng }) {
      const f = fn<(a: number, g: number) => number>(mod, 'expectedTokensPerStep');
      for (let n = 0; n < 300; n++) {
        const a = alpha(rng);
        const g = gamma(rng);
        const got = f(a, g);
        expectClose(
          got,
          expectedTokensPerStep(a, g),
          1e-12,
          `expectedTokensPerStep(α ${a}, γ ${g})`,
          tokensHint(got, a, g),
        );
      }
    },
  },
  {
    name: 'speedup: tokens per step over the cost of a step with its drafts',
    run(mod, { rng }) {
      const f = fn<(a: number, g: number, c: number) => number>(mod, 'speedup');
      for (let n = 0; n < 300; n++) {
        const a = alpha(rng);
        const g = gamma(rng);
        const c = cost(rng);
        const expected = speculativeSpeedup({ acceptance: a, draftTokens: g, draftCost: c });
        const got = f(a, g, c);
        const tokens = expectedTokensPerStep(a, g);
        const hint =
          typeof got === 'number' && c > 0 && tokens > 1 && Math.abs(got - tokens) < 1e-9
            ? `The draft model is not free: each of the ${g} draft steps costs ${c} of a target step, so a step takes ${g} × ${c} + 1 as long.`
            : tokensHint(got * (g * c + 1), a, g);
        expectClose(got, expected, 1e-12, `speedup(α ${a}, γ ${g}, c ${c})`, hint);
      }
    },
  },
  {
    name: 'breakEvenAcceptance: where the speed-up crosses 1',
    run(mod, { rng }) {
      const f = fn<(g: number, c: number) => number>(mod, 'breakEvenAcceptance');
      for (let n = 0; n < 150; n++) {
        const g = gamma(rng);
        const c = cost(rng);
        const expected = breakEvenAcceptance(g, c);
        const got = f(g, c);
        const what = `breakEvenAcceptance(γ ${g}, c ${c})`;
        if (typeof got !== 'number' || !Number.isFinite(got) || Math.abs(got - expected) > 1e-6) {
          const edge =
            expected === 0
              ? ' With these costs speculation pays at any acceptance rate: return 0.'
              : expected === 1
                ? ' With these costs even perfect acceptance cannot pay for the drafts: return 1.'
                : '';
          fail(`${what}: expected ${expected.toFixed(6)}, got ${String(got)}.${edge}`);
        }
      }
    },
  },
  {
    name: 'bestDraftLength: the γ with the highest speed-up',
    run(mod, { rng }) {
      const f = fn<(a: number, c: number, max: number) => number>(mod, 'bestDraftLength');
      for (let n = 0; n < 150; n++) {
        const a = alpha(rng);
        const c = cost(rng);
        const max = rng.int(1, 16);
        const s = (g: number) => speculativeSpeedup({ acceptance: a, draftTokens: g, draftCost: c });
        let best = 1;
        for (let g = 2; g <= max; g++) if (s(g) > s(best)) best = g;
        const got = f(a, c, max);
        // Another γ within rounding of the best speed-up is just as right.
        if (
          typeof got === 'number' &&
          Number.isInteger(got) &&
          got >= 1 &&
          got <= max &&
          s(got) >= s(best) * (1 - 1e-9)
        )
          continue;
        expectEqual(got, best, `bestDraftLength(α ${a}, c ${c}, up to ${max})`);
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'drafts treated as independent (γ·α + 1 tokens per step)',
  message: /first rejection discards the rest/,
};
