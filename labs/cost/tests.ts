// Hidden tests for lab 5: $/MTok and per-stage request cost against the engine's cost model, with throughputs from
// the engine's decode roofline for catalog models and GPUs, and prices drawn for every run.
import { expectClose, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { GPUS, MODELS } from '../../src/engine/catalog/index.ts';
import { requestCost, usdPerMillionTokens } from '../../src/engine/cost.ts';
import type { Random } from '../../src/engine/random.ts';
import { decodeStep } from '../../src/engine/roofline.ts';

type Mod = Record<string, unknown>;

const price = (rng: Random) => Math.round((0.2 + rng.next() * 60) * 100) / 100;

/** Why a cost is off, when the ratio gives the mistake away. */
function unitHint(got: unknown, expected: number): string | undefined {
  if (typeof got !== 'number' || expected === 0) return undefined;
  const ratio = got / expected;
  const near = (x: number) => Math.abs(ratio - x) < 1e-6 * x;
  if (near(3600)) return 'Off by a factor of 3,600: the price is per hour and the throughput per second.';
  if (near(1 / 3600)) return 'Off by a factor of 3,600 the other way: convert the per-second rate to tokens per hour.';
  if (near(1e6) || near(1e-6)) return 'Off by a factor of a million: the answer is per million tokens.';
  return undefined;
}

/** A model on one GPU it fits, decoding a batch at 80% of peak bandwidth. */
function deployment(rng: Random) {
  for (;;) {
    const model = rng.pick(MODELS.filter((m) => !m.quantization));
    const gpu = rng.pick(GPUS);
    const batch = rng.pick([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    const context = rng.int(256, 16_384);
    const step = decodeStep(model, gpu, { weightPrecision: 'bf16', batch, context, bandwidthEfficiency: 0.8 });
    if (step.weightsFit)
      return { step, batch, label: `${model.name} on ${gpu.name}, batch ${batch}, context ${context}` };
  }
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'usdPerMillionTokens: hourly price over tokens per hour, per million',
    run(mod, { rng }) {
      const f = fn<(p: number, t: number) => number>(mod, 'usdPerMillionTokens');
      for (let n = 0; n < 300; n++) {
        const usdPerHour = price(rng);
        const tps = rng.pick([rng.next() * 50, rng.next() * 5000, rng.next() * 100_000]) + 0.5;
        const expected = usdPerMillionTokens(usdPerHour, tps);
        const got = f(usdPerHour, tps);
        expectClose(
          got,
          expected,
          1e-12,
          `usdPerMillionTokens($${usdPerHour}/h, ${tps.toFixed(2)} tok/s)`,
          unitHint(got, expected),
        );
      }
    },
  },
  {
    name: 'usdPerMillionAtBatch: a decode step yields a token per sequence',
    run(mod, { rng }) {
      const f = fn<(p: number, ms: number, b: number) => number>(mod, 'usdPerMillionAtBatch');
      for (let n = 0; n < 200; n++) {
        const { step, batch, label } = deployment(rng);
        const usdPerHour = price(rng);
        const expected = usdPerMillionTokens(usdPerHour, step.tokensPerSecondTotal);
        const got = f(usdPerHour, step.stepTimeS * 1000, batch);
        const hint =
          batch > 1 && typeof got === 'number' && Math.abs(got / expected - batch) < 1e-6 * batch
            ? `${batch} times too much: every step produces ${batch} tokens, one for each sequence.`
            : unitHint(got, expected);
        expectClose(got, expected, 1e-9, `usdPerMillionAtBatch($${usdPerHour}/h, ${label})`, hint);
      }
    },
  },
  {
    name: 'requestCost: each stage pays for the machine time its tokens take',
    run(mod, { rng }) {
      const f = fn<(i: unknown) => Record<string, number>>(mod, 'requestCost');
      for (let n = 0; n < 200; n++) {
        const input = {
          usdPerHour: price(rng),
          promptTokens: rng.pick([0, rng.int(1, 500), rng.int(500, 8000), rng.int(8000, 128_000)]),
          outputTokens: rng.pick([1, rng.int(2, 300), rng.int(300, 4000)]),
          prefillTokensPerS: 1000 + rng.next() * 60_000,
          decodeTokensPerS: 50 + rng.next() * 8000,
        };
        const ref = requestCost(input);
        const got = f({ ...input }) ?? {};
        const label = `${input.promptTokens} prompt + ${input.outputTokens} output tokens at $${input.usdPerHour}/h`;
        for (const key of ['prefillUsd', 'decodeUsd', 'totalUsd'] as const) {
          const hint =
            key === 'prefillUsd' &&
            typeof got[key] === 'number' &&
            input.promptTokens > 0 &&
            Math.abs(got[key] - (input.promptTokens / input.decodeTokensPerS) * (input.usdPerHour / 3600)) < 1e-15
              ? 'Prompt tokens go through prefill, which runs at the prefill throughput, not the decode one.'
              : unitHint(got[key], ref[key]);
          expectClose(got[key], ref[key], 1e-9, `requestCost(${label}).${key}`, hint);
        }
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'an hourly price divided by a per-second rate',
  message: /factor of 3,600/,
};
