// Hidden tests for lab 10: BF16, W4A16 and FP8 W8A8 decode steps and the W4A16 crossover batch, against the engine's
// weight-only INT4 comparison (compareWeightOnlyInt4) and its decode roofline (decodeStep, FP8 weights), on catalog
// models and GPUs with contexts and dequantization costs drawn for every run.
import { expectClose, expectEqual, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import type { Gpu } from '../../src/engine/catalog/gpu.ts';
import { GPUS, MODELS } from '../../src/engine/catalog/index.ts';
import type { Model } from '../../src/engine/catalog/model.ts';
import { kvBytesForContext, weightBytesReadPerStep } from '../../src/engine/memory.ts';
import type { Random } from '../../src/engine/random.ts';
import { decodeStep, flopsPerToken, peakOpsPerS } from '../../src/engine/roofline.ts';
import { compareWeightOnlyInt4, type WeightOnlyComparison } from '../../src/engine/weight-only-quant.ts';
import { weightMemory } from '../../src/engine/weights.ts';

type Mod = Record<string, unknown>;
type StepInput = Record<string, number>;

const BATCHES = Array.from({ length: 4096 }, (_, i) => i + 1);

interface Case {
  label: string;
  comparison: WeightOnlyComparison;
  fp8StepS(batch: number): number;
  stepAt(batch: number): StepInput;
}

/** One model on one GPU at one context, with the engine's comparison at `batches` (row i is batch batches[i]). */
function makeCase(rng: Random, batches: readonly number[] = BATCHES): Case {
  const m: Model = rng.pick(MODELS.filter((x) => !x.quantization));
  const gpu: Gpu = rng.pick(GPUS.filter((g) => g.denseOpsPerS.fp8 != null));
  const context = rng.pick([128, 1024, 4096, rng.int(64, 32_768)]);
  const tileTokens = rng.pick([16, 32, 64, 64, 128]);
  const dequantOpsPerWeight = rng.pick([2, 3, 4, 4, 6]);
  const comparison = compareWeightOnlyInt4(m, gpu, { batches: [...batches], context, tileTokens, dequantOpsPerWeight });
  const w16 = weightMemory(m, { precision: 'bf16' });
  const w4 = weightMemory(m, { precision: 'int4' });
  const kv = kvBytesForContext(m, context);
  const flops = flopsPerToken(m, context);
  const cache = new Map<number, StepInput>();
  const fp8 = new Map<number, number>();
  return {
    label: `${m.name} on ${gpu.name}, context ${context}, tiles of ${tileTokens} tokens, ${dequantOpsPerWeight} ops per weight`,
    comparison,
    fp8StepS(batch) {
      let t = fp8.get(batch);
      if (t === undefined) {
        t = decodeStep(m, gpu, { weightPrecision: 'fp8', batch, context }).stepTimeS;
        fp8.set(batch, t);
      }
      return t;
    },
    stepAt(batch) {
      let i = cache.get(batch);
      if (i === undefined) {
        const read16 = weightBytesReadPerStep(m, 'bf16', batch);
        i = {
          batch,
          weightBytes16: read16,
          weightBytes4: read16 * (w4.totalBytes / w16.totalBytes),
          weightBytes8: weightBytesReadPerStep(m, 'fp8', batch),
          kvBytesPerSequence: kv,
          flopsPerToken: flops,
          bandwidthBytesPerS: gpu.bandwidthBytesPerS,
          bf16FlopsPerS: peakOpsPerS(gpu, 'bf16'),
          fp8FlopsPerS: peakOpsPerS(gpu, 'fp8'),
          int4Weights: w4.quantizedBytes * 2 * (read16 / w16.totalBytes),
          tileTokens,
          dequantOpsPerWeight,
          cudaCoreOpsPerS: comparison.cudaCoreOpsPerS,
        };
        cache.set(batch, i);
      }
      return { ...i };
    },
  };
}

const SAMPLE_BATCHES = [1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 1024, 2048, 4096];

/** Whether a W4A16 figure is the "unpacking can never overlap the loads" mistake. */
function serialHint(got: unknown, i: StepInput, expected: number): string | undefined {
  if (typeof got !== 'number' || Math.abs(got - expected) <= 1e-9 * expected) return undefined;
  const mem = ((i.weightBytes4 ?? 0) + (i.batch ?? 0) * (i.kvBytesPerSequence ?? 0)) / (i.bandwidthBytesPerS ?? 1);
  const math = ((i.batch ?? 0) * (i.flopsPerToken ?? 0)) / (i.bf16FlopsPerS ?? 1);
  const dq =
    ((i.int4Weights ?? 0) * Math.ceil((i.batch ?? 0) / (i.tileTokens ?? 1)) * (i.dequantOpsPerWeight ?? 0)) /
    (i.cudaCoreOpsPerS ?? 1);
  const near = (x: number) => Math.abs(got - x) <= 1e-9 * x;
  if (near(Math.max(mem, math) + dq) || near(mem + math + dq) || near(mem + dq))
    return 'Unpacking was added after the whole step. It runs on the CUDA cores while the weights stream in, so while memory is the limit it hides under the loads: take the larger of the memory time and (math + unpacking).';
  if (near(Math.max(mem, math)))
    return 'The 4-bit weights must be unpacked before the 16-bit math can use them: add the unpacking time to the math.';
  return undefined;
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'bf16StepS: the roofline of a 16-bit step',
    run(mod, { rng }) {
      const f = fn<(i: StepInput) => number>(mod, 'bf16StepS');
      for (let n = 0; n < 2; n++) {
        const c = makeCase(rng, SAMPLE_BATCHES);
        for (const [k, b] of SAMPLE_BATCHES.entries()) {
          const expected = c.comparison.rows[k]?.bf16StepS ?? Number.NaN;
          expectClose(f(c.stepAt(b)), expected, 1e-9, `bf16StepS (${c.label}, batch ${b})`);
        }
      }
    },
  },
  {
    name: 'w4a16StepS: fewer bytes, 16-bit math, and unpacking beside the math',
    run(mod, { rng }) {
      const f = fn<(i: StepInput) => number>(mod, 'w4a16StepS');
      for (let n = 0; n < 2; n++) {
        const c = makeCase(rng, SAMPLE_BATCHES);
        for (const [k, b] of SAMPLE_BATCHES.entries()) {
          const input = c.stepAt(b);
          const expected = c.comparison.rows[k]?.int4StepS ?? Number.NaN;
          const got = f(c.stepAt(b));
          expectClose(got, expected, 1e-9, `w4a16StepS (${c.label}, batch ${b})`, serialHint(got, input, expected));
        }
      }
    },
  },
  {
    name: 'fp8StepS: 8-bit weights and 8-bit math',
    run(mod, { rng }) {
      const f = fn<(i: StepInput) => number>(mod, 'fp8StepS');
      for (let n = 0; n < 2; n++) {
        const c = makeCase(rng, SAMPLE_BATCHES);
        for (const b of SAMPLE_BATCHES) {
          const input = c.stepAt(b);
          const got = f(input);
          const expected = c.fp8StepS(b);
          const hint =
            typeof got === 'number' &&
            Math.abs(
              got -
                Math.max(
                  ((input.weightBytes8 ?? 0) + b * (input.kvBytesPerSequence ?? 0)) / (input.bandwidthBytesPerS ?? 1),
                  (b * (input.flopsPerToken ?? 0)) / (input.bf16FlopsPerS ?? 1),
                ),
            ) < 1e-12 &&
            Math.abs(got - expected) > 1e-9 * expected
              ? 'W8A8 multiplies in 8 bits: use the FP8 tensor rate, not the BF16 one.'
              : undefined;
          expectClose(got, expected, 1e-9, `fp8StepS (${c.label}, batch ${b})`, hint);
        }
      }
    },
  },
  {
    name: 'crossoverBatch: where W4A16 stops paying, against BF16 and against FP8',
    run(mod, { rng }) {
      const f = fn<(s: (b: number) => StepInput, a: 'bf16' | 'fp8') => number | null>(mod, 'crossoverBatch');
      for (let n = 0; n < 2; n++) {
        const c = makeCase(rng);
        expectEqual(
          f((b) => c.stepAt(b), 'bf16'),
          c.comparison.crossoverBatch,
          `crossoverBatch against BF16 (${c.label})`,
        );
        let fp8Crossover: number | null = null;
        for (const row of c.comparison.rows) {
          if (row.int4StepS >= c.fp8StepS(row.batch)) {
            fp8Crossover = row.batch;
            break;
          }
        }
        expectEqual(
          f((b) => c.stepAt(b), 'fp8'),
          fp8Crossover,
          `crossoverBatch against FP8 (${c.label})`,
        );
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'unpacking charged after the step, so 4-bit looks worst at batch 1 (errata #4)',
  message: /hides under the loads/,
};
