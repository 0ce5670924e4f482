// Every figure the batching chapter prints: amortizing the weight read, diminishing returns, and the memory limit.
import { maxBatchInMemory, vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { computeBoundBatch, decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

const m8 = getModel('llama-3.1-8b');
const m70 = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');
const ctx = 2048;
const step = (batch: number, context = ctx, m = m8, p: 'bf16' | 'int8' = 'bf16') =>
  decodeStep(m, h100, { weightPrecision: p, batch, context });

const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256];
export const batchRows = BATCHES.map((b, i) => {
  const s = step(b);
  const prev = i > 0 ? step(BATCHES[i - 1] as number) : null;
  return {
    batch: b,
    stepMs: fixed(s.stepTimeS * 1e3, 2),
    total: int(s.tokensPerSecondTotal),
    perSeq: fixed(s.tokensPerSecondPerSequence, 1),
    gain: prev ? `+${fixed((s.tokensPerSecondTotal / prev.tokensPerSecondTotal - 1) * 100, 0)}%` : '—',
    weightsPerSeqGB: fixed(s.weightBytesRead / b / 1e9, 3),
    util: fixed(s.tensorUtilization * 100, 1),
  };
});

/** Gain of each doubling from batch 1 to 32 for 70B INT8 at 1K context: the errata's recomputation (E004-22). */
const ctx70 = 1000;
const gains70 = [1, 2, 4, 8, 16].map((b) => {
  const a = step(b, ctx70, m70, 'int8').tokensPerSecondTotal;
  const c = step(2 * b, ctx70, m70, 'int8').tokensPerSecondTotal;
  return `+${fixed((c / a - 1) * 100, 0)}%`;
});

/** The source's "indicative" gains per doubling (004 §1.4), quoted to correct them (errata E004-22). */
export const QUOTED = { gains: ['+80–90%', '+40–50%', '+20–30%', '+10–15%', '+5–10%'], upToBatch: 32 } as const;

const w = weightBytes(m8, 'bf16');
const k = kvBytesPerToken(m8);
const maxB = maxBatchInMemory(m8, h100, 'bf16', ctx);
/** What vLLM would set aside at start-up for the same model and card, with every request at this context. */
const vllm = vllmCapacity(m8, h100, { maxModelLen: ctx });
const tpotTargetMs = 20;
/** Largest batch whose step stays within the TPOT target (step time grows with batch). */
let sloBatch = 0;
for (let b = 1; b <= maxB; b++) if (step(b).stepTimeS * 1e3 <= tpotTargetMs) sloBatch = b;

/** First batch (up to 4,096) at which 70B INT8 decode at that context turns compute-bound, or 0 for never. */
const ridgeBatch70 = computeBoundBatch(m70, h100, { weightPrecision: 'int8', context: ctx70 }) ?? 0;

const shortCtx = 512;
const longCtx = 32768;
const b1 = step(1);
const bMax = step(maxB);

export const batching = {
  model: m8.name,
  gpu: h100.name,
  ctx: int(ctx),
  weightsGB: formatBytes(w, 'GB'),
  kvPerTokenKB: fixed(k / 1e3, 1),
  kvPerSeqGB: formatBytes(kvBytesForContext(m8, ctx), 'GB', 3),
  memGB: formatBytes(h100.memoryBytes, 'GB', 1),
  freeGB: formatBytes(h100.memoryBytes - w, 'GB', 1),
  maxBatch: int(maxB),
  maxBatchTex: String.raw`B_\text{max} = \left\lfloor \frac{${fixed((h100.memoryBytes - w) / 1e9, 2)}\ \text{GB}}{${int(ctx).replace(',', '{,}')} \times ${int(k).replace(',', '{,}')}\ \text{B}} \right\rfloor = ${maxB}`,
  maxShort: int(maxBatchInMemory(m8, h100, 'bf16', shortCtx)),
  maxLong: int(maxBatchInMemory(m8, h100, 'bf16', longCtx)),
  shortCtx: int(shortCtx),
  longCtx: int(longCtx),
  b1Tps: fixed(b1.tokensPerSecondTotal, 0),
  bMaxTps: int(bMax.tokensPerSecondTotal),
  bMaxPerSeq: fixed(bMax.tokensPerSecondPerSequence, 1),
  bMaxStepMs: fixed(bMax.stepTimeS * 1e3, 1),
  bMaxSpeedup: fixed(bMax.tokensPerSecondTotal / b1.tokensPerSecondTotal, 0),
  bMaxUtil: fixed(bMax.tensorUtilization * 100, 1),
  vllmTokens: int(vllm.kvTokens),
  vllmSeqs: int(Math.floor(vllm.maxConcurrency)),
  vllmKvGB: formatBytes(vllm.kvCacheBytes, 'GB', 1),
  kvCeiling: int(h100.bandwidthBytesPerS / kvBytesForContext(m8, ctx)),
  tpotTargetMs,
  sloBatch: int(sloBatch),
  sloTps: int(step(sloBatch).tokensPerSecondTotal),
  model70: m70.name,
  gains70,
  ctx70: int(ctx70),
  ridge70Phrase: ridgeBatch70 ? `only at batch ${int(ridgeBatch70)}` : 'at no batch size up to 4,096',
  lastTps: batchRows.at(-1)?.total ?? '',
  lastBatch: batchRows.at(-1)?.batch ?? 0,
  gain1: batchRows[1]?.gain ?? '',
  gain256: batchRows.at(-1)?.gain ?? '',
};
