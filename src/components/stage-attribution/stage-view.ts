// Per-stage attribution of p95 for a serving trace, as the page shows it: each stage's p50 and p95, the naive
// "share of p95", what the slowest requests are actually made of, and a change re-measured on the same requests.
// Runs at build time and in the engine worker; percentiles come from the engine.

import {
  applyChange,
  type Change,
  endToEnd,
  STAGE_LABEL,
  STAGES,
  type Stage,
  type StageTimes,
  servingTrace,
  type TraceInput,
} from '../../course/traces/serving-path.ts';
import { mean, percentile } from '../../engine/metrics.ts';
import { fixed } from '../../engine/units.ts';
import { Plot, renderPlot } from '../plot/render.ts';

/** The percentile the view attributes: the tail is every request at or above it. */
export const TAIL_PERCENTILE = 95;

export interface StageRow {
  stage: Stage;
  label: string;
  p50Ms: number;
  p95Ms: number;
  /** This stage's p95 over the sum of every stage's p95: the table a dashboard would print. */
  naiveShare: number;
  /** This stage's share of the time of the slowest 5% of requests (end-to-end at or above p95). */
  tailShare: number;
}

export interface Attribution {
  rows: StageRow[];
  e2eP95Ms: number;
  sumOfStageP95Ms: number;
  tailRequests: number;
  /** The stage the tail spends most time in. */
  dominant: Stage;
}

export interface ChangeOutcome {
  naivePredictedP95Ms: number;
  remeasuredP95Ms: number;
}

/** Per-stage percentiles and shares for a trace. */
export function attribute(trace: readonly StageTimes[]): Attribution {
  const e2e = trace.map(endToEnd);
  const e2eP95Ms = percentile(e2e, TAIL_PERCENTILE);
  const tail = trace.filter((_, i) => (e2e[i] as number) >= e2eP95Ms);
  const tailTotal = mean(tail.map(endToEnd));
  const p95 = Object.fromEntries(
    STAGES.map((s) => [
      s,
      percentile(
        trace.map((r) => r[s]),
        TAIL_PERCENTILE,
      ),
    ]),
  ) as StageTimes;
  const sumOfStageP95Ms = STAGES.reduce((t, s) => t + p95[s], 0);
  const rows = STAGES.map((stage) => ({
    stage,
    label: STAGE_LABEL[stage],
    p50Ms: percentile(
      trace.map((r) => r[stage]),
      50,
    ),
    p95Ms: p95[stage],
    naiveShare: p95[stage] / sumOfStageP95Ms,
    tailShare: mean(tail.map((r) => r[stage])) / tailTotal,
  }));
  const dominant = rows.reduce((a, b) => (b.tailShare > a.tailShare ? b : a)).stage;
  return { rows, e2eP95Ms, sumOfStageP95Ms, tailRequests: tail.length, dominant };
}

/**
 * A change judged two ways: the share arithmetic a dashboard invites (scale each stage's share of p95) and the
 * p95 of the same requests with the change applied.
 */
export function judgeChange(trace: readonly StageTimes[], before: Attribution, change: Change): ChangeOutcome {
  const after = applyChange(trace, change);
  const scale: Partial<Record<Stage, number>> = { kernels: 1 / change.kernelSpeedup, queue: change.queueFactor };
  let kept = 1;
  for (const r of before.rows) kept -= r.naiveShare * (1 - (scale[r.stage] ?? 1));
  return { naivePredictedP95Ms: before.e2eP95Ms * kept, remeasuredP95Ms: percentile(after.map(endToEnd), 95) };
}

const ADVICE: Record<Stage, string> = {
  queue:
    'The tail is mostly waiting to be batched: a configuration problem. Shorten the batching window or add capacity before touching the model.',
  tokenize: 'The tail is spent on the CPU before the GPU sees the request: move tokenization off the critical path.',
  transfer: 'Host-to-device copies dominate: a runtime problem (pinned memory, fewer and larger copies).',
  kernels:
    'Kernel time dominates the tail: tune the runtime first (kernels, precision, graphs); replace the model only once that is exhausted.',
  gaps: 'The GPU waits between kernels: a runtime problem (CUDA graphs, fusion, a faster serving stack).',
  post: 'Detokenizing and sending dominate: a serving-code problem, not a GPU one.',
};

export interface StageView {
  rows: { stage: Stage; label: string; p50: string; p95: string; naiveShare: string; tailShare: string }[];
  e2eP95: string;
  sumOfStageP95: string;
  /** "18% more than" or "35% less than": how the sum of stage p95s compares with the end-to-end p95. */
  sumVersusE2e: string;
  requests: number;
  naivePredicted: string;
  remeasured: string;
  changeSummary: string;
  advice: string;
  svg: string;
  alt: string;
}

const pct = (x: number) => `${fixed(x * 100, 0)}%`;
const ms = (x: number) => fixed(x, 0);

export interface StageRequest extends TraceInput, Change {}

/** The whole island's view: attribution, the change judged both ways, and the body-vs-tail chart. */
export function stageView(req: StageRequest): StageView {
  const trace = servingTrace({ shape: req.shape, requests: req.requests, seed: req.seed });
  const a = attribute(trace);
  const change = { kernelSpeedup: req.kernelSpeedup, queueFactor: req.queueFactor };
  const c = judgeChange(trace, a, change);
  const e2e = trace.map(endToEnd);
  const median = percentile(e2e, 50);
  const body = trace.filter((_, i) => (e2e[i] as number) <= median);
  const tail = trace.filter((_, i) => (e2e[i] as number) >= a.e2eP95Ms);
  const bars = [
    ...STAGES.map((s) => ({ group: 'fastest half', stage: STAGE_LABEL[s], ms: mean(body.map((r) => r[s])) })),
    ...STAGES.map((s) => ({ group: 'slowest 5%', stage: STAGE_LABEL[s], ms: mean(tail.map((r) => r[s])) })),
  ];
  const svg = renderPlot({
    height: 170,
    marginLeft: 90,
    x: { label: 'mean milliseconds per request →', grid: true },
    y: { label: null },
    color: { domain: STAGES.map((s) => STAGE_LABEL[s]), scheme: 'tableau10', legend: true },
    marks: [
      Plot.barX(bars, { y: 'group', x: 'ms', fill: 'stage', order: STAGES.map((s) => STAGE_LABEL[s]) }),
      Plot.ruleX([0]),
    ],
  });
  const parts = [
    change.kernelSpeedup !== 1 ? `kernels ${fixed(change.kernelSpeedup, 1)}× faster` : '',
    change.queueFactor !== 1 ? `queue cut to ${pct(change.queueFactor)}` : '',
  ].filter(Boolean);
  return {
    rows: a.rows.map((r) => ({
      stage: r.stage,
      label: r.label,
      p50: ms(r.p50Ms),
      p95: ms(r.p95Ms),
      naiveShare: pct(r.naiveShare),
      tailShare: pct(r.tailShare),
    })),
    e2eP95: ms(a.e2eP95Ms),
    sumOfStageP95: ms(a.sumOfStageP95Ms),
    sumVersusE2e: `${fixed(Math.abs(a.sumOfStageP95Ms / a.e2eP95Ms - 1) * 100, 0)}% ${a.sumOfStageP95Ms >= a.e2eP95Ms ? 'more' : 'less'} than`,
    requests: trace.length,
    naivePredicted: ms(c.naivePredictedP95Ms),
    remeasured: ms(c.remeasuredP95Ms),
    changeSummary: parts.length ? parts.join(' and ') : 'no change',
    advice: ADVICE[a.dominant],
    svg,
    alt: `Stacked bars of mean time per stage. Fastest half of requests: ${STAGES.map((s) => `${STAGE_LABEL[s]} ${ms(mean(body.map((r) => r[s])))} ms`).join(', ')}. Slowest 5%: ${STAGES.map((s) => `${STAGE_LABEL[s]} ${ms(mean(tail.map((r) => r[s])))} ms`).join(', ')}.`,
  };
}
