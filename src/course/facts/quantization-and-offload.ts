// Every figure the KV quantization/offload/eviction chapter prints, computed by the engine at build time.

import { vllmCapacity } from '../../engine/capacity.ts';
import { HOST_LINKS } from '../../engine/catalog/host-links.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

export const LINKS = HOST_LINKS;

/**
 * Claims and measurements quoted, each with its source: 004 Ch 2.5 and the Ch 2 box as corrected by errata E004-26,
 * E004-27 and E004-29; StreamingLLM's sink count and stream length from arXiv:2309.17453.
 */
export const QUOTED = {
  negligible: 'negligible impact',
  twoOrders: 'two orders of magnitude',
  arbitrary: 'stability with arbitrarily long contexts',
  sinkTokens: 4,
  streamLength: '4 million',
} as const;

const model = getModel('llama-3.3-70b');
const gpu = getGpu('h200');
const h100 = getGpu('h100-sxm');
const mistral = getModel('mistral-7b-v0.1');
const CTX = 32_768;
const RELOAD_CTX = 8192;

const cap = (kv: 'bf16' | 'fp8') =>
  vllmCapacity(model, gpu, { weightPrecision: 'fp8', kvPrecision: kv, typicalTokens: CTX });
const pool = cap('bf16').kvCacheBytes;
const seqs = (kv: 'bf16' | 'fp8') => cap(kv).pagedSequences;
const batch = seqs('bf16');
const step = (kv: 'bf16' | 'fp8') =>
  decodeStep(model, gpu, { weightPrecision: 'fp8', kvPrecision: kv, batch, context: CTX });
const tokens = (kv: 'bf16' | 'fp8') => int(cap(kv).kvTokens).replace(/,/g, '{,}');

/** One sequence's cache at `ctx` tokens: time to bring it back over a link, and to recompute it at peak BF16. */
export function reloadAndRecompute(modelId: string, ctx: number, gpuId = 'h100-sxm') {
  const m = getModel(modelId);
  const bytes = kvBytesForContext(m, ctx);
  const links = Object.fromEntries(Object.entries(HOST_LINKS).map(([id, l]) => [id, bytes / (l.gbps * 1e9)])) as Record<
    keyof typeof HOST_LINKS,
    number
  >;
  return {
    bytes,
    links,
    recomputeS: prefillTime(m, getGpu(gpuId), { promptTokens: ctx, weightPrecision: 'bf16' }).timeS,
  };
}

const r70 = reloadAndRecompute(model.id, RELOAD_CTX);
const hbm = h100.bandwidthBytesPerS / 1e9;
const mistralWindow = mistral.layerWindows[0] ?? 0;
const mistralAt = kvBytesForContext(mistral, CTX);
const mistralFull = kvBytesPerToken(mistral) * CTX;

export const kvOffload = {
  model: model.name,
  gpu: gpu.name,
  capacityTex: String.raw`\text{pool} \approx ${fixed(pool / 1e9, 1)}\ \text{GB}
  \;\Rightarrow\; ${tokens('bf16')}\ \text{tokens (BF16 KV)} \quad\text{or}\quad ${tokens('fp8')}\ \text{tokens (FP8 KV)}`,
  ctx: int(CTX),
  seqsBf16: int(seqs('bf16')),
  seqsFp8: int(seqs('fp8')),
  stepBytesBf16: formatBytes(step('bf16').bytesPerStep, 'GB', 1),
  stepBytesFp8: formatBytes(step('fp8').bytesPerStep, 'GB', 1),
  stepMsBf16: fixed(step('bf16').stepTimeS * 1e3, 1),
  stepMsFp8: fixed(step('fp8').stepTimeS * 1e3, 1),
  weightsGB: formatBytes(weightBytes(model, 'fp8'), 'GB', 1),
  h100: h100.name,
  hbm: int(hbm),
  ratio5: fixed(hbm / HOST_LINKS.pcie5.gbps, 0),
  ratio4: fixed(hbm / HOST_LINKS.pcie4.gbps, 0),
  orders5: fixed(Math.log10(hbm / HOST_LINKS.pcie5.gbps), 1),
  orders4: fixed(Math.log10(hbm / HOST_LINKS.pcie4.gbps), 1),
  reloadCtx: int(RELOAD_CTX),
  reloadBytes: formatBytes(r70.bytes, 'GB', 2),
  reloadMs: fixed(r70.links.pcie5 * 1e3, 0),
  recomputeMs: fixed(r70.recomputeS * 1e3, 0),
  reloadWin: fixed(r70.recomputeS / r70.links.pcie5, 0),
  mistral: mistral.name,
  mistralLayers: mistral.layers,
  mistralWindow: int(mistralWindow),
  mistralAt: formatBytes(mistralAt, 'GB', 2),
  mistralFull: formatBytes(mistralFull, 'GB', 2),
  mistralSaving: `${fixed((1 - mistralAt / mistralFull) * 100, 1)}%`,
  mistralReach: int(mistral.layers * mistralWindow),
};
