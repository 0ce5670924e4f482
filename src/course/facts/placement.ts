// Every figure the placement-check chapter prints, computed by the engine at build time.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { bytesPerElement } from '../../engine/precision.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { computeBoundBatch, decodeStep, ridgePoint } from '../../engine/roofline.ts';
import { breakEvenAcceptance, speculativeSpeedup } from '../../engine/speculative.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');

/**
 * Measurements quoted from sources (not computed): the share of KV memory holding real tokens before and after
 * paging, and vLLM's default block size — Kwon et al., SOSP 2023 (arXiv:2309.06180); errata #10.
 */
export const QUOTED = { realTokenShareLow: '20.4', realTokenShareHigh: '38.2', vllmWaste: '4', blockSize: 16 } as const;

const b1 = decodeStep(llama70, h100, { weightPrecision: 'bf16', batch: 1, context: 1024 });
const ctx = 4096;

/** The smallest batch at which a short-context decode step turns compute-bound: found by asking the engine. */
function shortContextComputeBoundBatch(): number {
  const b = computeBoundBatch(llama8, h100, { weightPrecision: 'bf16', context: 128 });
  if (b === null) throw new Error('no compute-bound batch up to 4,096');
  return b;
}

const bf16At1 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: 1024 });
const int4At1 = decodeStep(llama8, h100, { weightPrecision: 'int4', batch: 1, context: 1024 });

const longPrompt = 32768;
const prefill = prefillTime(llama8, h100, { promptTokens: longPrompt, weightPrecision: 'bf16' });
/** Worked-example inputs (illustrative choices, not measurements): the draft length and cost of errata E004-32. */
export const ASSUMED = { specAcceptance: 0.8 } as const;
const spec = { draftTokens: 5, draftCost: 0.1 };

export const placement = {
  gpu: h100.name,
  model70: llama70.name,
  model8: llama8.name,
  ridgeH100: fixed(ridgePoint(h100, 'bf16'), 0),
  intensityB1: fixed(b1.arithmeticIntensity, 1),
  utilB1: fixed(b1.tensorUtilization * 100, 2),
  stepB1Ms: fixed(b1.stepTimeS * 1e3, 1),
  weights70GB: formatBytes(weightBytes(llama70, 'bf16'), 'GB', 0),
  kvPerToken70: int(kvBytesPerToken(llama70)),
  ctx: int(ctx),
  kvAtCtx70: formatBytes(kvBytesForContext(llama70, ctx), 'GB'),
  lastBlockWaste70: formatBytes(kvBytesForContext(llama70, QUOTED.blockSize - 1), 'MB', 1),
  int4SpeedupB1: fixed(bf16At1.stepTimeS / int4At1.stepTimeS, 1),
  computeBoundBatch8: int(shortContextComputeBoundBatch()),
  longPrompt: int(longPrompt),
  prefillMs: fixed(prefill.timeS * 1e3, 0),
  specDraft: spec.draftTokens,
  specCost: spec.draftCost,
  specBreakEven: fixed(breakEvenAcceptance(spec.draftTokens, spec.draftCost) * 100, 0),
  specAlpha: fixed(ASSUMED.specAcceptance * 100, 0),
  specAt80: fixed(speculativeSpeedup({ ...spec, acceptance: ASSUMED.specAcceptance }), 2),
  int4Ideal: fixed(bytesPerElement('bf16') / bytesPerElement('int4'), 0),
};
