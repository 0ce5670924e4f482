// Hidden tests for the decode-ceiling lab: the learner's functions against the engine on generated inputs.
import { expectClose, expectEqual, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import type { Gpu } from '../../src/engine/catalog/gpu.ts';
import { GPUS, MODELS } from '../../src/engine/catalog/index.ts';
import { kvBytesPerToken, weightBytesReadPerStep } from '../../src/engine/memory.ts';
import { PRECISIONS } from '../../src/engine/precision.ts';
import type { Random } from '../../src/engine/random.ts';
import { decodeStep, ridgePoint as engineRidge } from '../../src/engine/roofline.ts';

type Mod = Record<string, unknown>;
interface Input {
  weightBytes: number;
  kvBytesPerToken: number;
  context: number;
  batch: number;
  bandwidthBytesPerSecond: number;
}

// Full-attention models, so bytes per token × context is exactly the engine's KV read.
const MODELS_FULL = MODELS.filter((m) => m.layerWindows.every((w) => w === null));

/** A catalog GPU, or a made-up one so a memorised table cannot pass. */
function someGpu(rng: Random): Gpu {
  const g = rng.pick(GPUS);
  if (rng.next() < 0.5) return g;
  return {
    ...g,
    bandwidthBytesPerS: (200 + rng.next() * 9800) * 1e9,
    denseOpsPerS: { ...g.denseOpsPerS, bf16: (50 + rng.next() * 3000) * 1e12 },
  };
}

function scenario(rng: Random) {
  const model = rng.pick(MODELS_FULL);
  const gpu = someGpu(rng);
  const precision = rng.pick(PRECISIONS);
  const batch = rng.pick([1, 1, 2, 3, 8, 17, 64]);
  const context = rng.int(0, 32768);
  const input: Input = {
    weightBytes: weightBytesReadPerStep(model, precision, batch),
    kvBytesPerToken: kvBytesPerToken(model),
    context,
    batch,
    bandwidthBytesPerSecond: gpu.bandwidthBytesPerS,
  };
  const ref = decodeStep(model, gpu, { weightPrecision: precision, batch, context });
  const label = `${model.name}, ${precision}, batch ${batch}, context ${context}`;
  return { input, ref, label };
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'bytesPerStep: weights once, plus every sequence’s KV cache',
    run(mod, { rng }) {
      const f = fn<(i: Input) => number>(mod, 'bytesPerStep');
      for (let n = 0; n < 200; n++) {
        const { input, ref, label } = scenario(rng);
        const got = f({ ...input });
        const forgotBatch = input.weightBytes + input.context * input.kvBytesPerToken;
        const hint =
          input.batch > 1 && got === forgotBatch ? 'The KV term must be multiplied by the batch size.' : undefined;
        expectClose(got, ref.bytesPerStep, 1e-9, `bytesPerStep (${label})`, hint);
      }
    },
  },
  {
    name: 'decodeCeiling: milliseconds per step from bandwidth',
    run(mod, { rng }) {
      const f = fn<(i: Input) => { msPerStep: number }>(mod, 'decodeCeiling');
      for (let n = 0; n < 200; n++) {
        const { input, ref, label } = scenario(rng);
        const got = f({ ...input });
        const ms = got?.msPerStep;
        const hint =
          typeof ms === 'number' && Math.abs(ms - ref.memoryTimeS) < 1e-12
            ? 'That looks like seconds; msPerStep wants milliseconds.'
            : undefined;
        expectClose(ms, ref.memoryTimeS * 1e3, 1e-9, `msPerStep (${label})`, hint);
      }
    },
  },
  {
    name: 'decodeCeiling: tokens per second for the whole batch',
    run(mod, { rng }) {
      const f = fn<(i: Input) => { tokensPerSecond: number }>(mod, 'decodeCeiling');
      for (let n = 0; n < 200; n++) {
        const { input, ref, label } = scenario(rng);
        const tps = f({ ...input })?.tokensPerSecond;
        const expected = input.batch / ref.memoryTimeS;
        const hint =
          input.batch > 1 && typeof tps === 'number' && Math.abs(tps - expected / input.batch) / expected < 1e-9
            ? 'Each step yields one token per sequence: multiply by the batch size.'
            : undefined;
        expectClose(tps, expected, 1e-9, `tokensPerSecond (${label})`, hint);
      }
    },
  },
  {
    name: 'ridgePoint: peak FLOP/s over bandwidth',
    run(mod, { rng }) {
      const f = fn<(p: number, b: number) => number>(mod, 'ridgePoint');
      for (let n = 0; n < 100; n++) {
        const g = someGpu(rng);
        const rate = rng.pick(['bf16', 'fp8', 'int8'] as const);
        const peak = g.denseOpsPerS[rate] ?? g.denseOpsPerS.bf16;
        expectClose(f(peak, g.bandwidthBytesPerS), engineRidge(g, rate), 1e-9, `ridgePoint for ${g.name} (${rate})`);
      }
    },
  },
  {
    name: 'regime: memory-bound below the ridge, compute-bound above it',
    run(mod, { rng }) {
      const f = fn<(fl: number, by: number, r: number) => string>(mod, 'regime');
      for (let n = 0; n < 300; n++) {
        const { ref, label } = scenario(rng);
        const got = f(ref.flopsPerStep, ref.bytesPerStep, ref.ridgePoint);
        expectEqual(
          got,
          ref.regime,
          `regime (${label}; ${ref.arithmeticIntensity.toFixed(1)} FLOP/B vs ridge ${ref.ridgePoint.toFixed(1)})`,
        );
      }
      // Generated decode steps are rarely compute-bound, so check that side explicitly.
      for (let n = 0; n < 20; n++)
        expectEqual(f(1000 * (n + 2), 1, 500), 'compute-bound', `regime(${1000 * (n + 2)} FLOP, 1 B, ridge 500)`);
    },
  },
];

export const mistake: Mistake = {
  what: 'KV cache read once for the whole batch instead of once per sequence',
  message: /multiplied by the batch size/,
};
