// Build-time chart for the "KV bytes per token" chapter: one sequence's cache against context, per design.

import { bytesLabel } from '../../components/island/format.ts';
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { kvBytesForContext } from '../../engine/memory.ts';
import { fixed, GB, int } from '../../engine/units.ts';
import { ATTENTION_MODELS } from '../facts/bytes-per-token.ts';

const CONTEXTS = Array.from({ length: 41 }, (_, i) => Math.round(256 * 2 ** (i / 5))).filter((c) => c <= 131_072);

const series = ATTENTION_MODELS.map(({ model, kind }) => ({ label: `${model.name} — ${kind}`, model }));
const data = series.flatMap(({ label, model }) =>
  CONTEXTS.filter((c) => c <= model.maxContext).map((context) => ({
    context,
    bytes: kvBytesForContext(model, context),
    label,
  })),
);

export const kvByContext = renderPlot({
  height: 340,
  marginLeft: 56,
  x: { type: 'log', label: 'context (tokens) →', grid: true },
  y: {
    type: 'log',
    label: '↑ KV cache of one sequence',
    grid: true,
    tickFormat: (d: number) => bytesLabel(d).replace('.0 ', ' ').replace('.00 ', ' '),
  },
  color: { legend: true, scheme: 'tableau10', domain: series.map((s) => s.label) },
  marks: [Plot.line(data, { x: 'context', y: 'bytes', stroke: 'label', strokeWidth: 2 })],
});

export const kvByContextAlt = `Log-log line chart of one sequence's BF16 KV cache against context from ${int(CONTEXTS[0] as number)} to ${int(CONTEXTS.at(-1) as number)} tokens. At the longest context each model reaches: ${series
  .map(({ label, model }) => {
    const c = Math.min(model.maxContext, CONTEXTS.at(-1) as number);
    return `${label}: ${fixed(kvBytesForContext(model, c) / GB, 2)} GB at ${int(c)} tokens`;
  })
  .join('; ')}.`;
