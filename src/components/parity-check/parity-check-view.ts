// Parity check explainer: a paired eval's counts in, accuracies and the difference with bootstrap intervals out,
// judged against a margin chosen in advance.
import { z } from 'zod';
import { InputError, parseInput } from '../../engine/errors.ts';
import { accuracyBootstrap, pairedBootstrap, parityVerdict } from '../../engine/parity.ts';
import { fixed, int } from '../../engine/units.ts';
import type { IslandView } from '../island/island-view.ts';
import { Plot, renderPlot } from '../plot/render.ts';

const count = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${int(min)}`)
    .max(max, `must be at most ${int(max)}`);

export const ParityCheckInput = z.object({
  n: count(10, 20_000),
  baselineCorrect: count(0, 20_000),
  lost: count(0, 20_000),
  gained: count(0, 20_000),
  margin: z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(20, 'must be at most 20'),
});
export type ParityCheckInput = z.infer<typeof ParityCheckInput>;

export const PARITY_CHECK_DEFAULTS: ParityCheckInput = {
  n: 1319,
  baselineCorrect: 1187,
  lost: 31,
  gained: 24,
  margin: 1,
};

/** Resampling work is capped so a large eval still answers in well under a second. */
const WORK = 12_000_000;

export function parityCheckView(raw: unknown): IslandView {
  const i = parseInput(ParityCheckInput, raw, 'parity input');
  const issues = [];
  if (i.baselineCorrect > i.n)
    issues.push({ field: 'baselineCorrect', message: `cannot exceed the ${int(i.n)} items` });
  if (i.lost > i.baselineCorrect)
    issues.push({ field: 'lost', message: `cannot exceed the baseline's ${int(i.baselineCorrect)} right answers` });
  if (i.gained > i.n - i.baselineCorrect)
    issues.push({
      field: 'gained',
      message: `cannot exceed the baseline's ${int(i.n - i.baselineCorrect)} wrong answers`,
    });
  if (issues.length) throw new InputError('parity input', issues);

  const replicates = Math.max(500, Math.min(4000, Math.floor(WORK / i.n)));
  const opts = { replicates, seed: 19 };
  const cand = i.baselineCorrect - i.lost + i.gained;
  const paired = pairedBootstrap(
    { n: i.n, bothRight: i.baselineCorrect - i.lost, lost: i.lost, gained: i.gained },
    opts,
  );
  const base = accuracyBootstrap(i.n, i.baselineCorrect, opts);
  const after = accuracyBootstrap(i.n, cand, opts);
  const verdict = parityVerdict(paired.low, paired.high, i.margin / 100);
  const pct = (x: number) => fixed(x * 100, 2);
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${fixed(Math.abs(x) * 100, 2)}`;
  const rows = [
    { label: 'Baseline accuracy', value: `${pct(base.accuracy)}% (95% interval ${pct(base.low)}–${pct(base.high)})` },
    {
      label: 'Candidate accuracy',
      value: `${pct(after.accuracy)}% (95% interval ${pct(after.low)}–${pct(after.high)})`,
    },
    {
      label: 'Items that changed outcome',
      value: `${int(i.lost + i.gained)} of ${int(i.n)} (${int(i.lost)} lost, ${int(i.gained)} gained)`,
    },
    {
      label: 'Difference, paired',
      value: `${signed(paired.delta)} points (95% interval ${signed(paired.low)} to ${signed(paired.high)})`,
    },
    { label: 'Resampling', value: `${int(replicates)} paired bootstrap draws of ${int(i.n)} items` },
  ];
  const text = {
    pass: `Pass: the whole interval lies above −${fixed(i.margin, 2)} points.`,
    fail: `Fail: the whole interval lies below −${fixed(i.margin, 2)} points.`,
    inconclusive: `Inconclusive: the interval straddles −${fixed(i.margin, 2)} points. More items, or fewer changed outcomes, would settle it.`,
  }[verdict];
  const tone = verdict === 'pass' ? 'ok' : verdict === 'fail' ? 'bad' : 'info';
  return { status: { tone, text }, rows, figure: intervalFigure(paired, i.margin) };
}

function intervalFigure(p: { delta: number; low: number; high: number }, margin: number): IslandView['figure'] {
  const pts = { delta: p.delta * 100, low: p.low * 100, high: p.high * 100 };
  const span = Math.max(Math.abs(pts.low), Math.abs(pts.high), margin, 0.5) * 1.4;
  const svg = renderPlot({
    height: 130,
    marginLeft: 30,
    marginRight: 30,
    x: { label: 'candidate − baseline (accuracy points) →', domain: [-span, span], grid: true },
    y: { axis: null, domain: ['Δ'] },
    marks: [
      Plot.rectX([{ x1: -span, x2: -margin }], { x1: 'x1', x2: 'x2', fill: '#c0504d', fillOpacity: 0.12 }),
      Plot.ruleX([-margin], { stroke: '#c0504d', strokeDasharray: '5 4' }),
      Plot.text([{ x: -margin }], {
        x: 'x',
        text: () => 'margin',
        frameAnchor: 'top',
        dy: 2,
        dx: -4,
        textAnchor: 'end',
        fill: '#c0504d',
      }),
      Plot.ruleX([0]),
      Plot.ruleY([{ y: 'Δ', ...pts }], { y: 'y', x1: 'low', x2: 'high', strokeWidth: 3, stroke: '#2f6fdf' }),
      Plot.dot([{ y: 'Δ', ...pts }], { y: 'y', x: 'delta', r: 6, fill: '#2f6fdf' }),
    ],
  });
  return {
    svg,
    alt: `Interval chart: the accuracy difference is ${fixed(pts.delta, 2)} points with a 95% interval from ${fixed(pts.low, 2)} to ${fixed(pts.high, 2)}; the margin line sits at −${fixed(margin, 2)} points, with the region below it shaded.`,
  };
}
