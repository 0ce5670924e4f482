// Quantized footprint calculator: stored weight bytes for a scheme, the decode ceiling they allow, and the KV room
// and conversations they leave on a card.
import { z } from 'zod';
import { DEFAULT_GPU_MEMORY_UTILIZATION, vllmCapacity } from '../../engine/capacity.ts';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { decodeCeilingTokensPerS } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { effectiveBits, schemeWeights, WEIGHT_SCHEMES, type WeightScheme } from '../../engine/weight-schemes.ts';
import type { IslandView } from '../island/island-view.ts';
import { footprintSvg } from './footprint-chart.ts';

const SCHEME_IDS = Object.keys(WEIGHT_SCHEMES) as [WeightScheme, ...WeightScheme[]];

export const QuantFootprintInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  scheme: z.enum(SCHEME_IDS, { error: `must be one of ${SCHEME_IDS.join(', ')}` }),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000'),
});
export type QuantFootprintInput = z.infer<typeof QuantFootprintInput>;

export const QUANT_FOOTPRINT_DEFAULTS: QuantFootprintInput = {
  model: 'llama-3.3-70b',
  gpu: 'h100-sxm',
  scheme: 'int4-g128-zp',
  context: 4000,
};

export function quantFootprintView(raw: unknown): IslandView {
  const i = parseInput(QuantFootprintInput, raw, 'footprint input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (i.context > model.maxContext) {
    throw new InputError('footprint input', [
      { field: 'context', message: `is beyond ${model.name}'s maximum context of ${int(model.maxContext)} tokens` },
    ]);
  }
  const b = schemeWeights(model, i.scheme);
  const cap = vllmCapacity(model, gpu, { weightBytes: b.totalBytes, typicalTokens: i.context });
  const room = cap.kvCacheBytes;
  const bf16 = schemeWeights(model, 'bf16').totalBytes;
  const rows = [
    {
      label: 'Stored weights',
      value:
        i.scheme === 'bf16'
          ? `${formatBytes(b.totalBytes, 'GB')}, all in 16 bits`
          : `${formatBytes(b.totalBytes, 'GB')} (${formatBytes(b.quantizedBytes, 'GB')} quantized, ${formatBytes(b.metadataBytes, 'GB', 3)} scales/zeros, ${formatBytes(b.unquantizedBytes, 'GB')} kept in 16-bit)`,
    },
    {
      label: 'Bits per quantized weight',
      value: i.scheme === 'bf16' ? '16 (nothing quantized)' : fixed(effectiveBits(i.scheme), 3),
    },
    { label: 'Smaller than BF16 by', value: `${fixed(bf16 / b.totalBytes, 2)}×` },
    {
      label: `Batch-1 decode ceiling on an ${gpu.name}`,
      value: `${fixed(decodeCeilingTokensPerS(b.totalBytes, gpu.bandwidthBytesPerS), 1)} tokens/s (weights only, 100% of peak)`,
    },
    {
      label: `KV pool at gpu_memory_utilization ${DEFAULT_GPU_MEMORY_UTILIZATION}`,
      value: room > 0 ? `${formatBytes(room, 'GB')} after activations and runtime overheads` : 'none',
    },
    {
      label: `Conversations of ${int(i.context)} tokens (BF16 KV)`,
      value: room > 0 ? int(cap.pagedSequences) : '0',
    },
  ];
  const status: IslandView['status'] =
    room <= 0
      ? {
          tone: 'bad',
          text: `${WEIGHT_SCHEMES[i.scheme].label}: the weights need ${formatBytes(b.totalBytes, 'GB')}, and vLLM would use ${formatBytes(cap.requestedBytes, 'GB')} of the ${gpu.name}: no room for a KV cache.`,
        }
      : {
          tone: 'ok',
          text: `${WEIGHT_SCHEMES[i.scheme].label}: the weights fit and leave ${formatBytes(room, 'GB')} for the KV cache.`,
        };
  return { status, rows, figure: footprintSvg(model, SCHEME_IDS, [gpu], i.scheme) };
}
