// The canary comparison as the page shows it: percentiles of both runs, the change, and a verdict per statistic.
// Runs at build time and in the engine worker; the chart is drawn with Plot into SVG markup.

import type { CanarySamples } from '../../course/traces/canary.ts';
import { type Summary, summarize } from '../../engine/metrics.ts';
import { fixed } from '../../engine/units.ts';
import { Plot, renderPlot } from '../plot/render.ts';

/** The rollout gate the example uses: the canary may be at most this much slower on a statistic. */
export const CANARY_GATE = 0.05;

export interface CanaryRow {
  stat: keyof Summary;
  label: string;
  baselineMs: string;
  canaryMs: string;
  change: string;
  changeFraction: number;
  passes: boolean;
}

export interface CanaryView {
  rows: CanaryRow[];
  samples: number;
  verdict: string;
  svg: string;
  alt: string;
}

const LABELS: Record<keyof Summary, string> = { mean: 'Mean', p50: 'p50 (median)', p95: 'p95', p99: 'p99' };

/**
 * Share of requests slower than each latency (the complementary CDF), on a log scale so the tail gets the room.
 * Thinned in the body, kept whole in the last tenth, so the chart stays small whatever the sample size.
 */
function slowerThan(values: number[], run: string, maxPoints = 300) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const step = Math.max(1, Math.floor(n / maxPoints));
  const pts: { ms: number; share: number; run: string }[] = [];
  for (let i = 0; i < n - 1; i += i < 0.9 * n ? step : 1)
    pts.push({ ms: sorted[i] as number, share: (n - 1 - i) / n, run });
  return pts;
}

export function canaryView(s: CanarySamples): CanaryView {
  const a = summarize(s.baseline);
  const b = summarize(s.canary);
  const rows = (['mean', 'p50', 'p95', 'p99'] as const).map((stat) => {
    const change = b[stat] / a[stat] - 1;
    return {
      stat,
      label: LABELS[stat],
      baselineMs: fixed(a[stat], 0),
      canaryMs: fixed(b[stat], 0),
      change: `${change >= 0 ? '+' : '−'}${fixed(Math.abs(change) * 100, 1)}%`,
      changeFraction: change,
      passes: change <= CANARY_GATE,
    };
  });
  const failing = rows.filter((r) => !r.passes).map((r) => r.label);
  const meanRow = rows[0] as CanaryRow;
  const verdict =
    failing.length === 0
      ? `Every statistic is within +${fixed(CANARY_GATE * 100, 0)}% of the baseline: the canary passes the gate.`
      : `${failing.join(', ')} ${failing.length === 1 ? 'is' : 'are'} more than ${fixed(CANARY_GATE * 100, 0)}% worse than the baseline, so the canary fails the gate${meanRow.passes ? ` — although the mean alone (${meanRow.change}) would have shipped it` : ''}.`;
  const points = [...slowerThan(s.baseline, 'baseline'), ...slowerThan(s.canary, 'canary')];
  const floor = 1 / s.baseline.length;
  const svg = renderPlot({
    height: 260,
    marginLeft: 55,
    x: { label: 'latency (ms) →', type: 'log', grid: true },
    y: { label: '↑ share of requests slower', type: 'log', domain: [floor, 1], grid: true, tickFormat: '~%' },
    color: { domain: ['baseline', 'canary'], range: ['#2f6fdf', '#e8883a'], legend: true },
    marks: [
      Plot.line(points, { x: 'ms', y: 'share', stroke: 'run', curve: 'step-after' }),
      Plot.ruleY(
        [0.05, 0.01].filter((y) => y >= floor),
        { stroke: '#999', strokeDasharray: '3,3' },
      ),
      Plot.text(
        [
          { y: 0.05, t: 'p95' },
          { y: 0.01, t: 'p99' },
        ].filter((d) => d.y >= floor),
        { frameAnchor: 'left', y: 'y', text: 't', dy: -6, dx: 4, textAnchor: 'start', fill: '#666' },
      ),
    ],
  });
  const alt = `Share of requests slower than each latency, log scales, for ${s.baseline.length} baseline and ${s.canary.length} canary latencies. ${rows
    .map((r) => `${r.label}: baseline ${r.baselineMs} ms, canary ${r.canaryMs} ms (${r.change})`)
    .join('; ')}.`;
  return { rows, samples: s.baseline.length, verdict, svg, alt };
}
