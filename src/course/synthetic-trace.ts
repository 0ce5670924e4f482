// A synthetic serving trace for the metrics chapter: each request's times come from the engine's prefill and decode
// estimates for a real model and GPU; only the workload (prompt and output lengths, queueing, which requests get stuck
// behind a long prompt) is drawn at random, from a seed, so the page, the explorer and the self-check agree.

import { getGpu, getModel } from '../engine/catalog/index.ts';
import { goodput, type RequestTiming, type Slo, summarize, tpotMs } from '../engine/metrics.ts';
import type { Precision } from '../engine/precision.ts';
import { prefillEstimate } from '../engine/prefill.ts';
import { Random } from '../engine/random.ts';
import { decodeStep } from '../engine/roofline.ts';

/** The workload behind the trace. Illustrative choices, stated in the chapter, not measurements. */
export const TRACE_SETUP = {
  modelId: 'llama-3.1-8b',
  gpuId: 'h100-sxm',
  precision: 'bf16' as Precision,
  requests: 1000,
  arrivalsPerS: 4,
  /** Median prompt length; lengths are log-normal around it. */
  medianPrompt: 1200,
  promptSpread: 0.7,
  minOutput: 32,
  maxOutput: 512,
  meanQueueMs: 15,
  /** Requests decoded together in each step. */
  decodeBatch: 16,
  /** The long prompt some requests arrive behind (a pasted document). */
  longPrompt: 32768,
  seed: 20260,
} as const;

export interface TraceRequest extends RequestTiming {
  promptTokens: number;
  outputTokens: number;
  tpotMs: number;
  stuck: boolean;
}

const model = getModel(TRACE_SETUP.modelId);
const gpu = getGpu(TRACE_SETUP.gpuId);
const prefillMs = (tokens: number) => prefillEstimate(model, gpu, TRACE_SETUP.precision, tokens).timeS * 1e3;

/** Prefill time of the long prompt that stuck requests wait behind, at the roofline. */
export const LONG_PROMPT_MS = prefillMs(TRACE_SETUP.longPrompt);

/** The trace with a given share (0..1) of requests stuck behind one long prefill, in the prefill queue and mid-decode. */
export function syntheticTrace(stuckShare: number, seed: number = TRACE_SETUP.seed): TraceRequest[] {
  if (!(stuckShare >= 0 && stuckShare <= 1)) throw new RangeError(`stuckShare must be within 0..1 (got ${stuckShare})`);
  const rng = new Random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const out: TraceRequest[] = [];
  for (let i = 0; i < TRACE_SETUP.requests; i++) {
    const raw = Math.round(TRACE_SETUP.medianPrompt * Math.exp(TRACE_SETUP.promptSpread * normal()));
    const promptTokens = Math.min(Math.max(raw, 32), 8192);
    const outputTokens = rng.int(TRACE_SETUP.minOutput, TRACE_SETUP.maxOutput);
    const queueMs = -Math.log(1 - rng.next()) * TRACE_SETUP.meanQueueMs;
    const stuck = rng.next() < stuckShare;
    const step = decodeStep(model, gpu, {
      weightPrecision: TRACE_SETUP.precision,
      batch: TRACE_SETUP.decodeBatch,
      context: promptTokens + Math.round(outputTokens / 2),
    });
    const ttftMs = queueMs + prefillMs(promptTokens) + (stuck ? LONG_PROMPT_MS : 0);
    // A stuck request also loses one long prefill's worth of time between two of its tokens.
    const decodeMs = step.stepTimeS * 1e3 * (outputTokens - 1) + (stuck ? LONG_PROMPT_MS : 0);
    const e2eMs = ttftMs + decodeMs;
    out.push({
      promptTokens,
      outputTokens,
      ttftMs,
      e2eMs,
      tpotMs: tpotMs(e2eMs, ttftMs, outputTokens) as number,
      stuck,
    });
  }
  return out;
}

/** What the chapter and the explorer report about a trace under an SLO. */
export function traceReport(trace: readonly TraceRequest[], slo: Slo) {
  const durationS = trace.length / TRACE_SETUP.arrivalsPerS;
  const good = goodput(trace, slo, durationS);
  return {
    ttft: summarize(trace.map((r) => r.ttftMs)),
    tpot: summarize(trace.map((r) => r.tpotMs)),
    e2e: summarize(trace.map((r) => r.e2eMs)),
    durationS,
    throughputReqS: trace.length / durationS,
    goodputReqS: good,
    shareMeeting: good / (trace.length / durationS),
  };
}
