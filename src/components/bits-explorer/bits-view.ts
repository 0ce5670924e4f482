// "What would fewer bits buy?": decode ceiling as weights shrink below 8 and 4 bits while the KV cache and the
// 16-bit embeddings do not. Runs at build time and in the engine worker.
import { z } from 'zod';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { decodeCeilingTokensPerS, decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes } from '../../engine/units.ts';
import { weightBytesAtBits } from '../../engine/weights.ts';

/** Effective bits per weight the explorer offers: BF16, 8-bit, and 4/3/2-bit with group-128 FP16 scales and zeros. */
export const BIT_OPTIONS = [16, 8, 4.25, 3.25, 2.25] as const;

export const BitsInput = z.object({
  model: z.string(),
  gpu: z.string(),
  bits: z.number({ error: 'must be a number' }).gt(0, 'must be above 0').max(16, 'must be at most 16'),
  batch: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1024, 'must be at most 1,024'),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(1_000_000),
});
export type BitsInput = z.input<typeof BitsInput>;

export interface BitsRow {
  bits: number;
  weightsGB: string;
  kvGB: string;
  kvSharePct: string;
  tokS: string;
  speedup: string;
  fits: boolean;
  selected: boolean;
}

export interface BitsView {
  rows: BitsRow[];
  summary: string;
  /** True when the step is compute-bound at this batch: fewer bits then stop helping. */
  computeBound: boolean;
}

export function bitsView(input: BitsInput): BitsView {
  const i = parseInput(BitsInput, input, 'bits explorer');
  const m = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (m.moe)
    throw new InputError('bits explorer', [
      { field: 'model', message: `must be a dense model (${m.name} routes to experts)` },
    ]);
  // The KV cache (BF16) and the math do not depend on how the weights are stored.
  const step = decodeStep(m, gpu, { weightPrecision: 'bf16', batch: i.batch, context: i.context });
  const kv = step.kvBytesRead;
  // Step time: the slower of moving the bytes and doing the (unchanged, 16-bit) math.
  const at = (bits: number) => {
    const w = weightBytesAtBits(m, bits);
    const memoryS = 1 / decodeCeilingTokensPerS(w + kv, gpu.bandwidthBytesPerS);
    return { bits, w, tokS: i.batch / Math.max(memoryS, step.computeTimeS), computeBound: step.computeTimeS > memoryS };
  };
  const options = [...new Set([...BIT_OPTIONS, i.bits])].sort((a, b) => b - a);
  const base = at(16);
  const rows = options.map((bits) => {
    const r = at(bits);
    return {
      bits,
      weightsGB: formatBytes(r.w, 'GB', 1),
      kvGB: formatBytes(kv, 'GB', 1),
      kvSharePct: fixed((kv / (r.w + kv)) * 100, 0),
      tokS: fixed(r.tokS, 0),
      speedup: `${fixed(r.tokS / base.tokS, 2)}×`,
      fits: r.w + kv <= gpu.memoryBytes,
      selected: bits === i.bits,
    };
  });
  const sel = at(i.bits);
  const computeBound = sel.computeBound;
  const summary = `${fixed(i.bits, 2)} bits per weight: ${fixed(sel.tokS / base.tokS, 2)}× the BF16 ceiling, against ${fixed(16 / i.bits, 2)}× fewer weight bytes — the KV cache (${formatBytes(kv, 'GB', 1)}) and the 16-bit embeddings do not shrink.${computeBound ? ' At this batch the math, not the memory, is the limit: fewer bits no longer buy speed (the unpacking tax).' : ''}`;
  return { rows, summary, computeBound };
}
