// Build-time chart for the architectures chapter: one sequence's KV cache as its context grows, per catalog model.
import { Plot, renderPlot } from '../../components/plot/render.ts';
import { fixed } from '../../engine/units.ts';
import { growthRows } from '../facts/architectures.ts';

const last = Math.max(...growthRows.map((r) => r.context));
const ends = growthRows.filter((r) => r.context === last);
/** Models with identical caches (Qwen3 4B and 8B) share one line, so they share one label. */
const labels = [...new Set(ends.map((r) => r.GB))]
  .sort((a, b) => a - b)
  .map((GB) => ({
    GB,
    text: ends
      .filter((r) => r.GB === GB)
      .map((r) => r.model)
      .join(', '),
  }));
// Nudge labels apart so lines that end close together stay readable (a twentieth of the axis between labels).
const gap = Math.max(...labels.map((l) => l.GB)) / 20;
const placed = labels.reduce<{ GB: number; text: string; y: number }[]>((acc, l) => {
  const prev = acc.at(-1);
  acc.push({ ...l, y: prev ? Math.max(l.GB, prev.y + gap) : l.GB });
  return acc;
}, []);

export const growthChart = renderPlot({
  height: 320,
  marginLeft: 50,
  marginRight: 190,
  x: { label: 'context (tokens) →', grid: true },
  y: { label: '↑ KV cache of one sequence (GB, BF16)', grid: true },
  color: { legend: false, scheme: 'tableau10' },
  marks: [
    Plot.line(growthRows, { x: 'context', y: 'GB', stroke: 'model', strokeWidth: 2 }),
    Plot.text(placed, { x: last, y: 'y', text: 'text', dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    Plot.ruleY([0]),
  ],
});

export const growthChartAlt = `Line chart of one sequence's BF16 KV cache against context length: ${ends
  .map((r) => `${r.model} reaches ${fixed(r.GB, 2)} GB at ${fixed(last, 0)} tokens`)
  .join(
    '; ',
  )}. Every full-attention model grows linearly, Mistral 7B v0.1's sliding window flattens its line, and Gemma 3's mostly local layers make its slope shallow.`;
