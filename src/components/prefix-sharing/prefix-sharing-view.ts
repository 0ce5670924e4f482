// Prefix-sharing calculator: N requests with a common prefix, in paged blocks. Memory held, concurrency, bytes read
// per decode step (standard vs shared-prefix kernel) and the prefill compute a cache hit skips.
import { z } from 'zod';
import { vllmCapacity } from '../../engine/capacity.ts';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { prefixScenario } from '../../engine/paged.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeCeilingTokensPerS } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';
import type { IslandView } from '../island/island-view.ts';
import { BLOCK_SIZES } from '../paged-blocks/paged-blocks-view.ts';
import { prefixBarsSvg } from './prefix-chart.ts';

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${int(min)}`)
    .max(max, `must be at most ${int(max)}`);

export const PrefixSharingInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  prefix: whole(1, 1_048_576),
  unique: whole(1, 1_048_576),
  requests: whole(1, 4096),
  blockSize: z.union(BLOCK_SIZES.map((b) => z.literal(b)) as [z.ZodLiteral<8>, ...z.ZodLiteral<number>[]], {
    error: `must be one of ${BLOCK_SIZES.join(', ')}`,
  }),
});
export type PrefixSharingInput = z.infer<typeof PrefixSharingInput>;

export const PREFIX_SHARING_DEFAULTS: PrefixSharingInput = {
  model: 'llama-3.1-8b',
  gpu: 'h100-sxm',
  prefix: 2000,
  unique: 600,
  requests: 100,
  blockSize: 16,
};

export function prefixSharingView(raw: unknown): IslandView {
  const i = parseInput(PrefixSharingInput, raw, 'prefix-sharing input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (i.prefix + i.unique > model.maxContext) {
    throw new InputError('prefix-sharing input', [
      {
        field: 'unique',
        message: `plus the prefix exceeds ${model.name}'s maximum context of ${int(model.maxContext)}`,
      },
    ]);
  }
  const s = prefixScenario(model, i);
  const separate = s.held.prefixSeparate + s.held.own;
  const shared = s.held.prefixShared + s.held.own;
  const cap = vllmCapacity(model, gpu, { blockSize: i.blockSize });
  const pool = cap.kvCacheBytes;
  const poolBlocks = cap.blocks;
  const fitSeparate = Math.max(0, Math.floor(poolBlocks / s.blocksEach));
  const fitShared = Math.max(0, Math.floor((poolBlocks - s.sharedBlocks) / (s.blocksEach - s.sharedBlocks)));
  const readStandard = s.weightBytesRead + s.read.prefixStandard + s.read.own;
  const readCascade = s.weightBytesRead + s.read.prefixCascade + s.read.own;
  const ms = (bytes: number) => `${fixed(1e3 / decodeCeilingTokensPerS(bytes, gpu.bandwidthBytesPerS), 1)} ms`;
  const prefill = prefillTime(model, gpu, { promptTokens: i.prefix, weightPrecision: model.dtype });
  const rows = [
    {
      label: 'Prefix blocks shared',
      value:
        s.tailTokens === 0
          ? `${int(s.sharedBlocks)} full blocks: the whole prefix`
          : `${int(s.sharedBlocks)} full blocks; the last ${int(s.tailTokens)} prefix tokens stay per request`,
    },
    {
      label: `KV held by ${int(i.requests)} requests`,
      value: `${formatBytes(separate, 'GB')} separate, ${formatBytes(shared, 'GB')} shared`,
    },
    {
      label: `Requests that fit the ${formatBytes(pool, 'GB')} pool`,
      value:
        pool > 0 ? `${int(fitSeparate)} separate, ${int(fitShared)} shared` : 'none: the weights do not leave a pool',
    },
    {
      label: 'Read per decode step (weights + KV)',
      value: `${formatBytes(readStandard, 'GB')} standard kernel (${ms(readStandard)}), ${formatBytes(readCascade, 'GB')} shared-prefix kernel (${ms(readCascade)})`,
    },
    {
      label: 'Prefill skipped per cache hit',
      value: `${fixed(prefill.flops / 1e12, 2)} TFLOP, ${fixed(prefill.timeS * 1e3, 1)} ms on the ${gpu.name} at peak`,
    },
  ];
  return {
    status: {
      tone: 'ok',
      text: `Sharing the ${int(i.prefix)}-token prefix cuts KV memory by ${fixed((1 - shared / separate) * 100, 0)}% for these ${int(i.requests)} requests.`,
    },
    rows,
    figure: prefixBarsSvg(s, weightMemory(model).totalBytes),
  };
}
