// Memory held and bytes read per decode step, with and without prefix sharing: the chapter's build-time chart and
// the live element's chart in the engine worker.

import type { PrefixScenario } from '../../engine/paged.ts';
import { fixed } from '../../engine/units.ts';
import { Plot, renderPlot } from '../plot/render.ts';

const PARTS = ['weights', 'shared-prefix KV', 'per-request KV'] as const;

/** Four stacked bars: memory held (separate copies, shared) and bytes read per step (standard, shared-prefix kernel). */
export function prefixBarRows(s: PrefixScenario, weights: number) {
  const bar = (label: string, w: number, prefix: number, own: number) =>
    [w, prefix, own].map((bytes, k) => ({ bar: label, part: PARTS[k] as string, gb: bytes / 1e9 }));
  return [
    ...bar('Held: separate copies', weights, s.held.prefixSeparate, s.held.own),
    ...bar('Held: prefix shared', weights, s.held.prefixShared, s.held.own),
    ...bar('Read per step: standard kernel', s.weightBytesRead, s.read.prefixStandard, s.read.own),
    ...bar('Read per step: shared-prefix kernel', s.weightBytesRead, s.read.prefixCascade, s.read.own),
  ];
}

export function prefixBarsSvg(s: PrefixScenario, weights: number): { svg: string; alt: string } {
  const rows = prefixBarRows(s, weights);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.bar, (totals.get(r.bar) ?? 0) + r.gb);
  const svg = renderPlot({
    height: 230,
    marginLeft: 230,
    marginRight: 70,
    x: { label: 'GB →', grid: true },
    y: { label: null, domain: [...totals.keys()] },
    color: { legend: true, domain: [...PARTS], range: ['#8a8f98', '#e8883a', '#2f6fdf'] },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: 'bar', x: 'gb', fill: 'part', order: [...PARTS] })),
      Plot.text(
        [...totals].map(([bar, gb]) => ({ bar, gb })),
        { y: 'bar', x: 'gb', text: (d: { gb: number }) => `${fixed(d.gb, 1)} GB`, dx: 4, textAnchor: 'start' },
      ),
      Plot.ruleX([0]),
    ],
  });
  const alt = `Stacked bar chart in GB: ${[...totals].map(([bar, gb]) => `${bar} ${fixed(gb, 1)}`).join('; ')}. Sharing shrinks the orange shared-prefix segment in memory; only a shared-prefix kernel shrinks it in the bytes read per step.`;
  return { svg, alt };
}
