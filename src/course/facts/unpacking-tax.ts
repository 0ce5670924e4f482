// Every figure the unpacking-tax chapter prints, computed by the engine at build time.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { ridgePoint } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';
import { formatCurves, schemeWeights } from '../../engine/weight-schemes.ts';

/**
 * Claims and measurements quoted, each with its source: 000's precision test as corrected by errata E000-2 and E000-3;
 * the Marlin README (https://github.com/IST-DASLab/marlin); A100 and RTX 4090 INT4 rates from the NVIDIA datasheet and
 * Ada whitepaper, as errata E000-3 gives them.
 */
export const QUOTED = {
  batch1: 'usually when your batch size is 1',
  noNative: 'do not natively compute in 4-bit',
  toCache: 'back to FP16 in the cache',
  marlin: 'close to the ideal (about 4×) speed-up up to batch sizes of 16–32',
  marlinRange: '16–32',
  a100Int4: '1,248 TOPS',
  rtx4090Int4: '1,321 TOPS',
} as const;

export const model = getModel('llama-3.3-70b');
export const gpu = getGpu('h100-sxm');
export const CONTEXT = 1024;
const TABLE_BATCHES = [1, 8, 32, 128, 256, 512, 1024];

const params = paramCounts(model).total;
const w4 = schemeWeights(model, 'int4-g128-zp').totalBytes;
const curves = formatCurves(model, gpu, CONTEXT, TABLE_BATCHES);
const b1 = curves.rows[0] as (typeof curves.rows)[number];
const ridge16 = ridgePoint(gpu, 'bf16');
const ridge8 = ridgePoint(gpu, 'fp8');
const beta16 = weightBytes(model, 'bf16') / params;
const beta4 = w4 / params;
const beta8 = weightBytes(model, 'fp8') / params;

export const curveRows = curves.rows.map((s) => {
  const best = [
    ['BF16', s.bf16],
    ['W4A16', s.int4],
    ['FP8 W8A8', s.fp8],
  ].sort((x, y) => (x[1] as number) - (y[1] as number))[0]?.[0] as string;
  return {
    batch: int(s.batch),
    bf16: fixed(s.bf16 * 1e3, 1),
    int4: fixed(s.int4 * 1e3, 1),
    fp8: fixed(s.fp8 * 1e3, 1),
    best,
  };
});

export const unpackingTax = {
  model: model.name,
  gpu: gpu.name,
  ctx: int(CONTEXT),
  bytesRatio: fixed(curves.bytesRatio, 2),
  b1Bf16: fixed(b1.bf16 * 1e3, 1),
  b1Int4: fixed(b1.int4 * 1e3, 1),
  b1Speedup: fixed(b1.bf16 / b1.int4, 2),
  turnTex: String.raw`\text{BF16: } ${fixed(ridge16, 0)} \times \tfrac{${fixed(beta16, 2)}}{2} \approx ${fixed((ridge16 * beta16) / 2, 0)}
  \qquad \text{W4A16: } ${fixed(ridge16, 0)} \times \tfrac{${fixed(beta4, 3)}}{2} \approx ${fixed((ridge16 * beta4) / 2, 0)}
  \qquad \text{FP8 W8A8: } ${fixed(ridge8, 0)} \times \tfrac{${fixed(beta8, 2)}}{2} \approx ${fixed((ridge8 * beta8) / 2, 0)}`,
  crossoverFp8: curves.crossoverFp8 === null ? 'never (within 4,096)' : int(curves.crossoverFp8),
  crossoverBf16: curves.crossoverBf16 === null ? 'never (within 4,096)' : int(curves.crossoverBf16),
};
