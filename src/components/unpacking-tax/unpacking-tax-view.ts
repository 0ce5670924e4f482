// The unpacking-tax explorer: step time of BF16, W4A16 and FP8 W8A8 decode across batch sizes, the batch where each
// format stops being memory-bound, and the crossovers.
import { z } from 'zod';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { fixed, int } from '../../engine/units.ts';
import { formatCurves } from '../../engine/weight-schemes.ts';
import type { IslandView } from '../island/island-view.ts';
import { stepCurvesSvg } from './step-curves.ts';

export const UnpackingTaxInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(10_000_000, 'must be at most 10,000,000'),
  batch: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1024, 'must be at most 1,024'),
});
export type UnpackingTaxInput = z.infer<typeof UnpackingTaxInput>;

export const UNPACKING_TAX_DEFAULTS: UnpackingTaxInput = {
  model: 'llama-3.3-70b',
  gpu: 'h100-sxm',
  context: 1024,
  batch: 16,
};

export function unpackingTaxView(raw: unknown): IslandView {
  const i = parseInput(UnpackingTaxInput, raw, 'unpacking-tax input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (i.context > model.maxContext) {
    throw new InputError('unpacking-tax input', [
      { field: 'context', message: `is beyond ${model.name}'s maximum context of ${int(model.maxContext)} tokens` },
    ]);
  }
  const curves = formatCurves(model, gpu, i.context, [i.batch]);
  const s = curves.rows[0] as (typeof curves.rows)[number];
  const ms = (x: number) => `${fixed(x * 1e3, 2)} ms (${fixed(i.batch / x, 0)} tokens/s in total)`;
  const fastest = (
    [
      ['BF16', s.bf16],
      ['W4A16', s.int4],
      ['FP8 W8A8', s.fp8],
    ] as const
  ).reduce((a, b) => (b[1] < a[1] ? b : a));
  const fp8 = curves.crossoverFp8;
  const bf16 = curves.crossoverBf16;
  const rows = [
    { label: 'BF16 step', value: ms(s.bf16) },
    { label: 'W4A16 step', value: `${ms(s.int4)}, ${fixed(s.bf16 / s.int4, 2)}× BF16's speed` },
    { label: 'FP8 W8A8 step', value: ms(s.fp8) },
    { label: 'FP8 overtakes W4A16 from batch', value: fp8 === null ? 'never (up to 4,096)' : int(fp8) },
    { label: 'W4A16 slower than BF16 from batch', value: bf16 === null ? 'never (up to 4,096)' : int(bf16) },
  ];
  return {
    status: {
      tone: 'info',
      text: `At batch ${int(i.batch)}, ${fastest[0]} gives the shortest step on the ${gpu.name}.`,
    },
    rows,
    figure: stepCurvesSvg(model, gpu, i.context, i.batch),
  };
}
