// "Does it fit": weights, KV pool, sequences of a context that fit for a KV dtype, the decode step of that full
// batch, and the time to bring one offloaded sequence back over a host link versus recomputing it.
import { z } from 'zod';
import { vllmCapacity } from '../../engine/capacity.ts';
import { HOST_LINKS, type HostLink } from '../../engine/catalog/host-links.ts';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { kvBytesForContext } from '../../engine/memory.ts';
import { PRECISION_LABEL, Precision } from '../../engine/precision.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';
import type { IslandView } from '../island/island-view.ts';
import { Plot, renderPlot } from '../plot/render.ts';

export const KV_DTYPES = ['bf16', 'fp8', 'int4'] as const satisfies readonly Precision[];

export const KvCapacityInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  weightPrecision: Precision,
  kvPrecision: z.enum(KV_DTYPES, { error: `must be one of ${KV_DTYPES.join(', ')}` }),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000'),
  util: z.number({ error: 'must be a number' }).gt(0, 'must be above 0').max(1, 'must be at most 1'),
  link: z.enum(Object.keys(HOST_LINKS) as [HostLink, ...HostLink[]], { error: 'must be a listed link' }),
});
export type KvCapacityInput = z.infer<typeof KvCapacityInput>;

export const KV_CAPACITY_DEFAULTS: KvCapacityInput = {
  model: 'llama-3.3-70b',
  gpu: 'h200',
  weightPrecision: 'fp8',
  kvPrecision: 'bf16',
  context: 32_768,
  util: 0.9,
  link: 'pcie5',
};

export function kvCapacityView(raw: unknown): IslandView {
  const i = parseInput(KvCapacityInput, raw, 'capacity input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (i.context > model.maxContext) {
    throw new InputError('capacity input', [
      { field: 'context', message: `is beyond ${model.name}'s maximum context of ${int(model.maxContext)} tokens` },
    ]);
  }
  const weights = weightMemory(model, { precision: i.weightPrecision }).totalBytes;
  const cap = (kv: Precision) =>
    vllmCapacity(model, gpu, {
      gpuMemoryUtilization: i.util,
      weightPrecision: i.weightPrecision,
      kvPrecision: kv,
      typicalTokens: i.context,
    });
  const pool = cap(i.kvPrecision).kvCacheBytes;
  const fitFor = (kv: Precision) => (pool > 0 ? cap(kv).pagedSequences : 0);
  const fit = fitFor(i.kvPrecision);
  const link = HOST_LINKS[i.link];
  const seqBytes = kvBytesForContext(model, i.context, i.kvPrecision);
  const reloadS = seqBytes / (link.gbps * 1e9);
  const recomputeS = prefillTime(model, gpu, { promptTokens: i.context, weightPrecision: i.weightPrecision }).timeS;
  const rows = [
    { label: `${PRECISION_LABEL[i.weightPrecision]} weights`, value: formatBytes(weights, 'GB') },
    {
      label: `KV pool at gpu_memory_utilization ${i.util}`,
      value: pool > 0 ? `${formatBytes(pool, 'GB')} after weights, activations and runtime overheads` : 'none',
    },
    {
      label: `One sequence of ${int(i.context)} tokens (${PRECISION_LABEL[i.kvPrecision]} KV)`,
      value: formatBytes(seqBytes, 'GB', 3),
    },
    { label: 'Sequences that fit at once', value: int(fit) },
  ];
  if (fit > 0) {
    const s = decodeStep(model, gpu, {
      weightPrecision: i.weightPrecision,
      kvPrecision: i.kvPrecision,
      batch: Math.min(fit, 4096),
      context: i.context,
    });
    rows.push({
      label: `Decode step with all ${int(Math.min(fit, 4096))} running`,
      value: `${formatBytes(s.bytesPerStep, 'GB', 1)} read, ${fixed(s.stepTimeS * 1e3, 1)} ms, ${int(s.tokensPerSecondTotal)} tokens/s in total (at peak)`,
    });
  }
  rows.push({
    label: `Bring one sequence back over ${link.label}`,
    value: `${fixed(reloadS * 1e3, 1)} ms, against ${fixed(recomputeS * 1e3, 0)} ms to recompute it at peak (${fixed(recomputeS / reloadS, 1)}×)`,
  });
  const status: IslandView['status'] =
    pool <= 0
      ? {
          tone: 'bad',
          text: `The ${PRECISION_LABEL[i.weightPrecision]} weights do not leave any room for a KV pool on the ${gpu.name}.`,
        }
      : fit === 0
        ? {
            tone: 'bad',
            text: `Not even one ${int(i.context)}-token sequence fits in the ${formatBytes(pool, 'GB')} pool.`,
          }
        : {
            tone: 'ok',
            text: `${int(fit)} sequences of ${int(i.context)} tokens fit with a ${PRECISION_LABEL[i.kvPrecision]} cache.`,
          };
  return {
    status,
    rows,
    figure: dtypeFigure(
      KV_DTYPES.map((kv) => ({ kv: PRECISION_LABEL[kv], n: fitFor(kv) })),
      PRECISION_LABEL[i.kvPrecision],
      i,
    ),
  };
}

function dtypeFigure(bars: { kv: string; n: number }[], chosen: string, i: KvCapacityInput): IslandView['figure'] {
  const svg = renderPlot({
    height: 150,
    marginLeft: 60,
    marginRight: 50,
    x: { label: `sequences of ${int(i.context)} tokens that fit →`, grid: true },
    y: { label: 'KV dtype', domain: bars.map((b) => b.kv) },
    marks: [
      Plot.barX(bars, { y: 'kv', x: 'n', fill: (d: { kv: string }) => (d.kv === chosen ? '#2f6fdf' : '#9db8e8') }),
      Plot.text(bars, { y: 'kv', x: 'n', text: (d: { n: number }) => int(d.n), dx: 4, textAnchor: 'start' }),
      Plot.ruleX([0]),
    ],
  });
  return {
    svg,
    alt: `Bar chart of sequences of ${int(i.context)} tokens that fit, by KV dtype: ${bars.map((b) => `${b.kv} ${int(b.n)}`).join(', ')}.`,
  };
}
