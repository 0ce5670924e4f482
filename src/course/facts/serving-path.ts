// Every figure the "Profiling the serving path" chapter prints, computed at build time from the engine and the
// course's synthetic serving trace.
import { stageView, TAIL_PERCENTILE } from '../../components/stage-attribution/stage-view.ts';
import { paddingWaste } from '../../engine/batching.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { percentile } from '../../engine/metrics.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';
import { servingTrace, TRACE_SHAPES } from '../traces/serving-path.ts';

/** Figures from source 003's illustrative breakdown and anecdote, quoted so the chapter can discuss them. */
export const QUOTED = {
  queueShare: '38%',
  kernelShare: '31%',
  halvingRemoves: '15%',
  notebookMs: '30 ms',
  productionP95: '400 ms',
  gapMs: '370 ms',
} as const;

/** A fixed-shape batch the padding example pads: prompt lengths in tokens (a scenario, not a measurement). */
export const PADDING_BATCH = [112, 486, 95, 1024, 230, 64, 310, 151] as const;

const bursty = stageView({ shape: 'bursty', requests: 5000, seed: 1, kernelSpeedup: 2, queueFactor: 1 });
const stalls = stageView({ shape: 'stalls', requests: 5000, seed: 1, kernelSpeedup: 1, queueFactor: 0.25 });
const row = (v: typeof bursty, stage: string) => v.rows.find((r) => r.stage === stage);

// The kernel stage is not a constant: a notebook measures it alone, production runs it inside bursts.
const trace = servingTrace({ shape: 'bursty', requests: 5000, seed: 1 });
const kernelP95 = percentile(
  trace.map((r) => r.kernels),
  95,
);

const pad = paddingWaste(PADDING_BATCH);

const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');
const b1 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: 1000 });

export const servingPath = {
  tailPct: `${100 - TAIL_PERCENTILE}%`,
  burstyE2e: bursty.e2eP95,
  burstySum: bursty.sumOfStageP95,
  burstyVersus: bursty.sumVersusE2e,
  burstyQueueNaive: row(bursty, 'queue')?.naiveShare,
  burstyQueueTail: row(bursty, 'queue')?.tailShare,
  burstyKernelNaive: row(bursty, 'kernels')?.naiveShare,
  burstyKernelTail: row(bursty, 'kernels')?.tailShare,
  burstyNaive: bursty.naivePredicted,
  burstyRemeasured: bursty.remeasured,
  stallsE2e: stalls.e2eP95,
  stallsSum: stalls.sumOfStageP95,
  stallsVersus: stalls.sumVersusE2e,
  stallsQueueNaive: row(stalls, 'queue')?.naiveShare,
  stallsQueueTail: row(stalls, 'queue')?.tailShare,
  stallsNaive: stalls.naivePredicted,
  stallsRemeasured: stalls.remeasured,
  stallShare: fixed(TRACE_SHAPES.stalls.stages.kernels.stallShare * 100, 1),
  kernelAloneMs: TRACE_SHAPES.bursty.stages.kernels.medianMs,
  kernelP95Ms: fixed(kernelP95, 0),
  batchSize: PADDING_BATCH.length,
  lengths: PADDING_BATCH.map((n) => int(n)).join(', '),
  longest: int(pad.longest),
  padded: int(pad.paddedTokens),
  useful: int(pad.usefulTokens),
  wastePct: fixed(pad.waste * 100, 0),
  paddingTex: String.raw`w = 1 - \frac{\sum_i \ell_i}{B \cdot \max_i \ell_i} = 1 - \frac{${int(pad.usefulTokens).replace(',', '{,}')}}{${PADDING_BATCH.length} \times ${int(pad.longest).replace(',', '{,}')}} \approx ${fixed(pad.waste * 100, 0)}\%`,
  llama8: llama8.name,
  h100: h100.name,
  b1TensorPct: fixed(b1.tensorUtilization * 100, 2),
};
