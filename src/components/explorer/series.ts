// The data behind each explorer chart, composed from the engine. Pure: runs at build time for the first picture and in
// the engine worker when the learner changes a control. Requests are validated; errors name the field.
import { z } from 'zod';
import { LONG_PROMPT_MS, syntheticTrace, TRACE_SETUP, traceReport } from '../../course/synthetic-trace.ts';
import { maxBatchInMemory } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { parseInput } from '../../engine/errors.ts';
import { kvBytesForContext, weightBytes, weightBytesReadPerStep } from '../../engine/memory.ts';
import type { Summary } from '../../engine/metrics.ts';
import { mathRateFor, PRECISION_LABEL, Precision } from '../../engine/precision.ts';
import { prefillEstimate } from '../../engine/prefill.ts';
import { decodeStep, peakOpsPerS, ridgePoint } from '../../engine/roofline.ts';

export const ExplorerKind = z.enum(['roofline', 'traffic', 'batching', 'latency']);
export type ExplorerKind = z.infer<typeof ExplorerKind>;

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min.toLocaleString('en-US')}`)
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);

const setup = { model: z.string(), gpu: z.string(), weightPrecision: Precision };

export const ExplorerRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roofline'), ...setup, batch: whole(1, 4096), prompt: whole(1, 131072) }),
  z.object({ kind: z.literal('traffic'), ...setup, batch: whole(1, 1024), maxContext: whole(256, 1048576) }),
  z.object({ kind: z.literal('batching'), ...setup, context: whole(0, 1048576) }),
  z.object({
    kind: z.literal('latency'),
    ttftSloMs: whole(1, 60000),
    tpotSloMs: whole(1, 10000),
    stuckPercent: whole(0, 50),
  }),
]);
export type ExplorerRequest = z.infer<typeof ExplorerRequest>;

export interface RooflinePoint {
  label: string;
  phase: 'decode' | 'prefill';
  intensity: number;
  /** FLOP/s the roofline allows at this intensity. */
  flopsPerS: number;
  regime: 'memory-bound' | 'compute-bound';
}

export interface RooflineData {
  kind: 'roofline';
  title: string;
  ridge: number;
  peakFlopsPerS: number;
  bandwidth: number;
  roof: { intensity: number; flopsPerS: number }[];
  points: RooflinePoint[];
  decodeStepMs: number;
  decodeTokensPerS: number;
  prefillMs: number;
  /** Smallest power-of-two batch at which decode turns compute-bound, or null if none up to 4,096. */
  ridgeBatch: number | null;
}

export interface TrafficData {
  kind: 'traffic';
  title: string;
  batch: number;
  capacityBytes: number;
  weightBytes: number;
  rows: { context: number; weights: number; kv: number }[];
  /** Context at which the batch's KV traffic equals the weights, or null if it never does (sliding windows, or beyond the range). */
  crossover: number | null;
  end: { context: number; bytes: number; kvShare: number; stepMs: number; fits: boolean };
}

export interface BatchingRow {
  batch: number;
  totalTps: number;
  perSeqTps: number;
  stepMs: number;
  regime: 'memory-bound' | 'compute-bound';
  fits: boolean;
}

export interface BatchingData {
  kind: 'batching';
  title: string;
  context: number;
  rows: BatchingRow[];
  maxBatch: number;
  weightsFit: boolean;
}

export interface LatencyData {
  kind: 'latency';
  title: string;
  ttftSorted: number[];
  ttft: Summary;
  tpot: Summary;
  sloTtftMs: number;
  sloTpotMs: number;
  goodputReqS: number;
  throughputReqS: number;
  shareMeeting: number;
  stuck: number;
  longPromptMs: number;
}

export type ExplorerData = RooflineData | TrafficData | BatchingData | LatencyData;

const LOG_GRID = Array.from({ length: 61 }, (_, i) => 10 ** (-1 + i / 10)); // 0.1 … 10^5 FLOP/B

function roofline(r: Extract<ExplorerRequest, { kind: 'roofline' }>): RooflineData {
  const m = getModel(r.model);
  const g = getGpu(r.gpu);
  const rate = mathRateFor(r.weightPrecision);
  const peak = peakOpsPerS(g, rate);
  const ridge = ridgePoint(g, rate);
  const attainable = (i: number) => Math.min(peak, g.bandwidthBytesPerS * i);
  const decode = (batch: number) => decodeStep(m, g, { weightPrecision: r.weightPrecision, batch, context: r.prompt });
  const d = decode(r.batch);
  const p = prefillEstimate(m, g, r.weightPrecision, r.prompt);
  const points: RooflinePoint[] = [];
  if (r.batch !== 1) {
    const d1 = decode(1);
    points.push({
      label: 'decode, batch 1',
      phase: 'decode',
      intensity: d1.arithmeticIntensity,
      flopsPerS: attainable(d1.arithmeticIntensity),
      regime: d1.regime,
    });
  }
  points.push(
    {
      label: `decode, batch ${r.batch.toLocaleString('en-US')}`,
      phase: 'decode',
      intensity: d.arithmeticIntensity,
      flopsPerS: attainable(d.arithmeticIntensity),
      regime: d.regime,
    },
    {
      label: `prefill, ${r.prompt.toLocaleString('en-US')} tokens`,
      phase: 'prefill',
      intensity: p.arithmeticIntensity,
      flopsPerS: attainable(p.arithmeticIntensity),
      regime: p.regime,
    },
  );
  let ridgeBatch: number | null = null;
  for (let b = 1; b <= 4096; b *= 2) {
    if (decode(b).regime === 'compute-bound') {
      ridgeBatch = b;
      break;
    }
  }
  const maxI = Math.max(1e4, ...points.map((x) => x.intensity * 3));
  return {
    kind: 'roofline',
    title: `${m.name}, ${PRECISION_LABEL[r.weightPrecision]} weights, on an ${g.name}`,
    ridge,
    peakFlopsPerS: peak,
    bandwidth: g.bandwidthBytesPerS,
    roof: [...LOG_GRID.filter((i) => i <= maxI), ridge]
      .sort((a, b) => a - b)
      .map((i) => ({ intensity: i, flopsPerS: attainable(i) })),
    points,
    decodeStepMs: d.stepTimeS * 1e3,
    decodeTokensPerS: d.tokensPerSecondTotal,
    prefillMs: p.timeS * 1e3,
    ridgeBatch,
  };
}

/** Smallest context at which `batch` sequences' KV reads reach `target` bytes (binary search on a monotone function). */
function contextWhereKvReaches(
  m: ReturnType<typeof getModel>,
  batch: number,
  target: number,
  limit: number,
): number | null {
  if (batch * kvBytesForContext(m, limit) < target) return null;
  let lo = 0;
  let hi = limit;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (batch * kvBytesForContext(m, mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

function traffic(r: Extract<ExplorerRequest, { kind: 'traffic' }>): TrafficData {
  const m = getModel(r.model);
  const g = getGpu(r.gpu);
  const weights = weightBytesReadPerStep(m, r.weightPrecision, r.batch);
  const rows = Array.from({ length: 33 }, (_, i) => {
    const context = Math.round((r.maxContext * i) / 32);
    return { context, weights, kv: r.batch * kvBytesForContext(m, context) };
  });
  const s = decodeStep(m, g, { weightPrecision: r.weightPrecision, batch: r.batch, context: r.maxContext });
  return {
    kind: 'traffic',
    title: `${m.name}, ${PRECISION_LABEL[r.weightPrecision]} weights, batch ${r.batch.toLocaleString('en-US')}, on an ${g.name}`,
    batch: r.batch,
    capacityBytes: g.memoryBytes,
    weightBytes: weights,
    rows,
    crossover: contextWhereKvReaches(m, r.batch, weights, r.maxContext),
    end: {
      context: r.maxContext,
      bytes: s.bytesPerStep,
      kvShare: s.kvBytesRead / s.bytesPerStep,
      stepMs: s.stepTimeS * 1e3,
      // Dense or MoE, every weight is resident whether or not a step reads it.
      fits: s.weightBytesTotal + s.kvBytesRead <= g.memoryBytes,
    },
  };
}

function batching(r: Extract<ExplorerRequest, { kind: 'batching' }>): BatchingData {
  const m = getModel(r.model);
  const g = getGpu(r.gpu);
  const maxBatch = maxBatchInMemory(m, g, r.weightPrecision, r.context);
  const top = Math.min(4096, Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, maxBatch) * 2))));
  const rows: BatchingRow[] = [];
  for (let b = 1; b <= top; b *= 2) {
    const s = decodeStep(m, g, { weightPrecision: r.weightPrecision, batch: b, context: r.context });
    rows.push({
      batch: b,
      totalTps: s.tokensPerSecondTotal,
      perSeqTps: s.tokensPerSecondPerSequence,
      stepMs: s.stepTimeS * 1e3,
      regime: s.regime,
      fits: b <= maxBatch,
    });
  }
  return {
    kind: 'batching',
    title: `${m.name}, ${PRECISION_LABEL[r.weightPrecision]} weights, ${r.context.toLocaleString('en-US')} tokens per sequence, on an ${g.name}`,
    context: r.context,
    rows,
    maxBatch,
    weightsFit: weightBytes(m, r.weightPrecision) <= g.memoryBytes,
  };
}

function latency(r: Extract<ExplorerRequest, { kind: 'latency' }>): LatencyData {
  const trace = syntheticTrace(r.stuckPercent / 100);
  const rep = traceReport(trace, { ttftMs: r.ttftSloMs, tpotMs: r.tpotSloMs });
  return {
    kind: 'latency',
    title: `${TRACE_SETUP.requests.toLocaleString('en-US')} synthetic chat requests, ${r.stuckPercent}% stuck behind a long prompt`,
    ttftSorted: trace.map((x) => x.ttftMs).sort((a, b) => a - b),
    ttft: rep.ttft,
    tpot: rep.tpot,
    sloTtftMs: r.ttftSloMs,
    sloTpotMs: r.tpotSloMs,
    goodputReqS: rep.goodputReqS,
    throughputReqS: rep.throughputReqS,
    shareMeeting: rep.shareMeeting,
    stuck: trace.filter((x) => x.stuck).length,
    longPromptMs: LONG_PROMPT_MS,
  };
}

/** Validate a request and compute its data; bad input throws an InputError naming the field. */
export function explore(input: unknown): ExplorerData {
  const r = parseInput(ExplorerRequest, input, 'explorer input');
  switch (r.kind) {
    case 'roofline':
      return roofline(r);
    case 'traffic':
      return traffic(r);
    case 'batching':
      return batching(r);
    case 'latency':
      return latency(r);
  }
}
