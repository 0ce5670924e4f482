// Every figure the metrics chapter prints: percentiles, goodput and cost on a synthetic trace whose times come from the
// engine (see synthetic-trace.ts), and the cost of a token at an assumed hourly price.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { usdPerMillionTokens } from '../../engine/cost.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';
import { LONG_PROMPT_MS, syntheticTrace, TRACE_SETUP, traceReport } from '../synthetic-trace.ts';

/** Claims the chapter quotes to correct them (004 Ch 5.3 and Ch 6 §4; errata E004-35 and E004-36). */
export const QUOTED = {
  averageIsP50: '“Don’t be fooled by the average (p50)”',
  slowestUser: '“the 95th slowest user defines the system”',
} as const;

/** Illustrative inputs, stated as such in the chapter: the SLOs of the worked example and a rental price. */
export const ASSUMED = { ttftSloMs: 250, tpotSloMs: 10, stuckPercent: 3, usdPerGpuHour: 2.5 } as const;

const slo = { ttftMs: ASSUMED.ttftSloMs, tpotMs: ASSUMED.tpotSloMs };
const calm = traceReport(syntheticTrace(0), slo);
const stuckTrace = syntheticTrace(ASSUMED.stuckPercent / 100);
const stuck = traceReport(stuckTrace, slo);

const model = getModel(TRACE_SETUP.modelId);
const gpu = getGpu(TRACE_SETUP.gpuId);
const batch = 64;
const step = decodeStep(model, gpu, { weightPrecision: TRACE_SETUP.precision, batch, context: 2048 });
const step1 = decodeStep(model, gpu, { weightPrecision: TRACE_SETUP.precision, batch: 1, context: 2048 });

const ms = (x: number) => fixed(x, 0);

export const metrics = {
  model: model.name,
  gpu: gpu.name,
  requests: int(TRACE_SETUP.requests),
  arrivals: TRACE_SETUP.arrivalsPerS,
  medianPrompt: int(TRACE_SETUP.medianPrompt),
  minOutput: TRACE_SETUP.minOutput,
  maxOutput: TRACE_SETUP.maxOutput,
  meanQueueMs: TRACE_SETUP.meanQueueMs,
  decodeBatch: TRACE_SETUP.decodeBatch,
  longPrompt: int(TRACE_SETUP.longPrompt),
  longPromptMs: ms(LONG_PROMPT_MS),
  ttftSloMs: ASSUMED.ttftSloMs,
  tpotSloMs: ASSUMED.tpotSloMs,
  stuckPercent: ASSUMED.stuckPercent,
  stuckCount: stuckTrace.filter((r) => r.stuck).length,
  calm: { p50: ms(calm.ttft.p50), p95: ms(calm.ttft.p95), p99: ms(calm.ttft.p99), mean: ms(calm.ttft.mean) },
  stuck: {
    p50: ms(stuck.ttft.p50),
    p95: ms(stuck.ttft.p95),
    p99: ms(stuck.ttft.p99),
    mean: ms(stuck.ttft.mean),
    tpotP50: fixed(stuck.tpot.p50, 2),
    tpotP99: fixed(stuck.tpot.p99, 2),
  },
  meanVsMedian: fixed(stuck.ttft.mean / stuck.ttft.p50, 1),
  throughput: fixed(stuck.throughputReqS, 2),
  goodput: fixed(stuck.goodputReqS, 2),
  goodShare: fixed(stuck.shareMeeting * 100, 1),
  calmGoodShare: fixed(calm.shareMeeting * 100, 1),
  price: fixed(ASSUMED.usdPerGpuHour, 2),
  batch,
  tps64: int(step.tokensPerSecondTotal),
  tps1: int(step1.tokensPerSecondTotal),
  mtok64: fixed(usdPerMillionTokens(ASSUMED.usdPerGpuHour, step.tokensPerSecondTotal), 3),
  mtok1: fixed(usdPerMillionTokens(ASSUMED.usdPerGpuHour, step1.tokensPerSecondTotal), 2),
  costRatio: fixed(step.tokensPerSecondTotal / step1.tokensPerSecondTotal, 0),
};
