// Decode step time against batch for BF16, W4A16 and FP8 W8A8, with the crossovers marked: the unpacking-tax
// chapter's build-time chart and its live element's chart.

import type { Gpu } from '../../engine/catalog/gpu.ts';
import type { Model } from '../../engine/catalog/model.ts';
import { fixed, int } from '../../engine/units.ts';
import { formatCurves } from '../../engine/weight-schemes.ts';
import { Plot, renderPlot } from '../plot/render.ts';

export const FORMATS = ['BF16', 'W4A16 (4-bit weights)', 'W8A8 FP8'] as const;

export function curveBatches(max = 1024): number[] {
  const out: number[] = [];
  for (let b = 1; b <= max; b = Math.ceil(b * 1.25)) out.push(b);
  if (out.at(-1) !== max) out.push(max);
  return out;
}

export function stepCurvesSvg(m: Model, gpu: Gpu, context: number, marked?: number) {
  const batches = curveBatches();
  const extra = [1, 1024, marked].filter((b): b is number => b !== undefined);
  const curves = formatCurves(
    m,
    gpu,
    context,
    [...new Set([...batches, ...extra])].sort((a, b) => a - b),
  );
  const at = (b: number) => curves.rows.find((r) => r.batch === b) as (typeof curves.rows)[number];
  const data = batches.flatMap((b) => {
    const s = at(b);
    return [
      { batch: b, ms: s.bf16 * 1e3, format: FORMATS[0] as string },
      { batch: b, ms: s.int4 * 1e3, format: FORMATS[1] as string },
      { batch: b, ms: s.fp8 * 1e3, format: FORMATS[2] as string },
    ];
  });
  const fp8 = curves.crossoverFp8;
  const cross = fp8 === null ? [] : [{ batch: fp8, ms: (curves.crossoverFp8StepS ?? 0) * 1e3 }];
  const here = marked === undefined ? [] : [at(marked)];
  const svg = renderPlot({
    height: 320,
    marginLeft: 56,
    x: { type: 'log', label: 'batch (sequences per step, log scale) →', grid: true, tickFormat: ',' },
    y: { label: '↑ decode step (ms)', grid: true, zero: true },
    color: { legend: true, domain: [...FORMATS], range: ['#8a8f98', '#2f6fdf', '#e8883a'] },
    marks: [
      Plot.line(data, { x: 'batch', y: 'ms', stroke: 'format', strokeWidth: 2.5 }),
      Plot.dot(cross, { x: 'batch', y: 'ms', r: 6, stroke: '#c0504d', strokeWidth: 2 }),
      Plot.text(cross, {
        x: 'batch',
        y: 'ms',
        text: (d: { batch: number }) => `FP8 overtakes W4A16 at batch ${int(d.batch)}`,
        dy: -14,
        textAnchor: 'end',
        fill: '#c0504d',
      }),
      Plot.ruleX(
        here.map((h) => h.batch),
        { strokeDasharray: '3 3' },
      ),
    ],
  });
  const alt = `Line chart of decode step time against batch size (log scale) for ${m.name} on an ${gpu.name} at ${int(context)} tokens of context. At batch 1: BF16 ${fixed(at(1).bf16 * 1e3, 1)} ms, W4A16 ${fixed(at(1).int4 * 1e3, 1)} ms, FP8 ${fixed(at(1).fp8 * 1e3, 1)} ms. At batch 1,024: BF16 ${fixed(at(1024).bf16 * 1e3, 1)} ms, W4A16 ${fixed(at(1024).int4 * 1e3, 1)} ms, FP8 ${fixed(at(1024).fp8 * 1e3, 1)} ms.${fp8 === null ? '' : ` FP8 becomes faster than W4A16 at batch ${int(fp8)}.`}`;
  return { svg, alt };
}
