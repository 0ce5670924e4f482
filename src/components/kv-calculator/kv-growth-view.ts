// The KV calculator's view: bytes per token, per sequence and per batch for a catalog model and KV dtype, and a
// chart of the cache growing with context for several batch sizes against the room the weights leave.
import { z } from 'zod';
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { PRECISION_LABEL, Precision } from '../../engine/precision.ts';
import { fixed, formatBytes, GB, int } from '../../engine/units.ts';
import { bytesLabel, bytesWithGiB } from '../island/format.ts';
import type { IslandView } from '../island/island-view.ts';
import { Plot, renderPlot } from '../plot/render.ts';

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${int(min)}`)
    .max(max, `must be at most ${int(max)}`);

export const KvGrowthInput = z.object({
  model: z.enum(MODELS.map((m) => m.id) as [string, ...string[]], { error: 'must be a catalog model' }),
  gpu: z.enum(GPUS.map((g) => g.id) as [string, ...string[]], { error: 'must be a catalog GPU' }),
  kvPrecision: Precision,
  weightPrecision: Precision,
  context: whole(1, 10_000_000),
  batch: whole(1, 4096),
});
export type KvGrowthInput = z.infer<typeof KvGrowthInput>;

export const KV_GROWTH_DEFAULTS: KvGrowthInput = {
  model: 'llama-3.3-70b',
  gpu: 'h200',
  kvPrecision: 'bf16',
  weightPrecision: 'fp8',
  context: 4000,
  batch: 10,
};

const SERIES_BATCHES = [1, 4, 16, 64];

export function kvGrowthView(raw: unknown): IslandView {
  const i = parseInput(KvGrowthInput, raw, 'KV calculator input');
  const model = getModel(i.model);
  const gpu = getGpu(i.gpu);
  if (i.context > model.maxContext) {
    throw new InputError('KV calculator input', [
      { field: 'context', message: `is beyond ${model.name}'s maximum context of ${int(model.maxContext)} tokens` },
    ]);
  }
  const perToken = kvBytesPerToken(model, i.kvPrecision);
  const perSeq = kvBytesForContext(model, i.context, i.kvPrecision);
  const total = perSeq * i.batch;
  const weights = weightBytes(model, i.weightPrecision);
  const room = gpu.memoryBytes - weights;
  const capped = perSeq < perToken * i.context;
  const rows = [
    {
      label: 'KV per token (full-attention layers)',
      value: `${int(perToken)} B (${bytesLabel(perToken)})`,
    },
    ...(capped
      ? [
          {
            label: `Average per token at ${int(i.context)} tokens`,
            value: `${int(perSeq / i.context)} B (windowed layers stop growing)`,
          },
        ]
      : []),
    { label: `One sequence of ${int(i.context)} tokens`, value: bytesWithGiB(perSeq) },
    { label: `Batch of ${int(i.batch)}`, value: bytesWithGiB(total) },
    {
      label: `${PRECISION_LABEL[i.weightPrecision]} weights`,
      value: `${bytesWithGiB(weights)}; KV is ${fixed((total / weights) * 100, 1)}% of the weights`,
    },
    {
      label: `Sequences of this length that fit beside the weights`,
      value: room > 0 ? int(Math.floor(room / perSeq)) : '0 (the weights alone do not fit)',
    },
  ];
  const status: IslandView['status'] =
    room <= 0
      ? {
          tone: 'bad',
          text: `The ${PRECISION_LABEL[i.weightPrecision]} weights (${formatBytes(weights, 'GiB')}) do not fit on the ${gpu.name} (${formatBytes(gpu.memoryBytes, 'GiB')}), before any KV cache.`,
        }
      : total <= room
        ? {
            tone: 'ok',
            text: `The batch's KV cache (${formatBytes(total, 'GiB')}) fits in the ${formatBytes(room, 'GiB')} the weights leave on the ${gpu.name} — before the runtime takes its own share.`,
          }
        : {
            tone: 'bad',
            text: `The batch's KV cache (${formatBytes(total, 'GiB')}) is larger than the ${formatBytes(room, 'GiB')} the weights leave on the ${gpu.name}.`,
          };
  return { status, rows, figure: kvGrowthFigure(i, room) };
}

function kvGrowthFigure(i: KvGrowthInput, room: number): IslandView['figure'] {
  const model = getModel(i.model);
  const batches = [...new Set([...SERIES_BATCHES, i.batch])].sort((a, b) => a - b);
  const top = Math.max(model.maxContext, i.context);
  const steps = 48;
  const data = batches.flatMap((b) =>
    Array.from({ length: steps + 1 }, (_, k) => {
      const ctx = Math.round((top * k) / steps);
      return { context: ctx, gb: (b * kvBytesForContext(model, ctx, i.kvPrecision)) / GB, batch: `batch ${b}` };
    }),
  );
  const here = { context: i.context, gb: (i.batch * kvBytesForContext(model, i.context, i.kvPrecision)) / GB };
  const roomGb = Math.max(room, 0) / GB;
  const yMax = Math.max(roomGb * 2.5, here.gb * 1.3, 1);
  const svg = renderPlot({
    height: 300,
    marginLeft: 56,
    x: { label: 'context per sequence (tokens) →', grid: true },
    y: { label: '↑ KV cache (GB)', domain: [0, yMax], grid: true },
    color: { legend: true, scheme: 'viridis', domain: batches.map((b) => `batch ${b}`) },
    clip: true,
    marks: [
      Plot.line(data, { x: 'context', y: 'gb', stroke: 'batch', strokeWidth: 2 }),
      Plot.ruleY([roomGb], { stroke: '#c0504d', strokeDasharray: '5 4' }),
      Plot.text([{ context: top, gb: roomGb }], {
        x: 'context',
        y: 'gb',
        text: () => `room left by ${PRECISION_LABEL[i.weightPrecision]} weights: ${fixed(roomGb, 1)} GB`,
        textAnchor: 'end',
        dy: -6,
        fill: '#c0504d',
      }),
      Plot.dot([here], { x: 'context', y: 'gb', r: 5, fill: 'currentColor' }),
    ],
  });
  const at = (b: number) => (b * kvBytesForContext(model, top, i.kvPrecision)) / GB;
  const alt = `Line chart of ${model.name}'s ${PRECISION_LABEL[i.kvPrecision]} KV cache against context, one line per batch size. At ${int(top)} tokens: ${batches.map((b) => `batch ${b} needs ${fixed(at(b), 1)} GB`).join('; ')}. A dashed line marks the ${fixed(roomGb, 1)} GB the weights leave free; the dot is your setting, ${fixed(here.gb, 2)} GB.`;
  return { svg, alt };
}
