// Stored weight bytes by scheme (quantized payload, scales and zeros, tensors kept in 16 bits) against the memory
// some GPUs offer: the quantization chapter's build-time chart and the footprint calculator's chart.

import { DEFAULT_GPU_MEMORY_UTILIZATION } from '../../engine/capacity.ts';
import type { Gpu } from '../../engine/catalog/gpu.ts';
import type { Model } from '../../engine/catalog/model.ts';
import { fixed } from '../../engine/units.ts';
import { schemeWeights, WEIGHT_SCHEMES, type WeightScheme } from '../../engine/weight-schemes.ts';
import { Plot, renderPlot } from '../plot/render.ts';

const PARTS = ['quantized weights', 'scales and zeros', 'kept in 16-bit'] as const;

export function footprintSvg(m: Model, schemes: WeightScheme[], gpus: Gpu[], chosen?: WeightScheme) {
  const rows = schemes.flatMap((s) => {
    const b = schemeWeights(m, s);
    const label = `${WEIGHT_SCHEMES[s].label}${s === chosen ? ' ◀' : ''}`;
    return [b.quantizedBytes, b.metadataBytes, b.unquantizedBytes].map((bytes, k) => ({
      scheme: label,
      part: PARTS[k] as string,
      gb: bytes / 1e9,
    }));
  });
  const totals = schemes.map((s) => ({
    scheme: `${WEIGHT_SCHEMES[s].label}${s === chosen ? ' ◀' : ''}`,
    gb: schemeWeights(m, s).totalBytes / 1e9,
  }));
  const limits = gpus.map((g) => ({ gpu: g.name, gb: (g.memoryBytes * DEFAULT_GPU_MEMORY_UTILIZATION) / 1e9 }));
  const svg = renderPlot({
    height: 90 + 34 * schemes.length,
    marginTop: 36,
    marginLeft: 250,
    marginRight: 70,
    x: { label: 'GB →', grid: true },
    y: { label: null, domain: totals.map((t) => t.scheme) },
    color: { legend: true, domain: [...PARTS], range: ['#2f6fdf', '#e8883a', '#8a8f98'] },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: 'scheme', x: 'gb', fill: 'part', order: [...PARTS] })),
      Plot.text(totals, {
        y: 'scheme',
        x: 'gb',
        text: (d: { gb: number }) => `${fixed(d.gb, 1)} GB`,
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX(limits, { x: 'gb', stroke: '#c0504d', strokeDasharray: '5 4' }),
      Plot.text(limits, {
        x: 'gb',
        text: (d: { gpu: string }) => d.gpu,
        frameAnchor: 'top',
        rotate: -90,
        textAnchor: 'end',
        dx: -4,
        dy: 4,
        fill: '#c0504d',
      }),
      Plot.ruleX([0]),
    ],
  });
  const alt = `Stacked bar chart of ${m.name}'s stored weights: ${totals.map((t) => `${t.scheme.replace(' ◀', '')} ${fixed(t.gb, 1)} GB`).join('; ')}. Dashed lines mark ${limits.map((l) => `${l.gpu} at ${fixed(l.gb, 1)} GB usable`).join(' and ')}.`;
  return { svg, alt };
}
