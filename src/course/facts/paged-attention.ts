// Every figure the paged-attention chapter prints, computed by the engine at build time.
import { DEFAULT_GPU_MEMORY_UTILIZATION, vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../engine/memory.ts';
import { blockBytes, blocksFor } from '../../engine/paged.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { fixed, formatBytes, int, MiB } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';

/**
 * Measurements and claims quoted, each with its source: the vLLM paper (arXiv:2309.06180) and blog; 004 Ch 2.3 as
 * corrected by errata #10 and E004-23; FlashMLA's block size (https://github.com/deepseek-ai/FlashMLA).
 */
export const QUOTED = {
  usedBefore: '20.4–38.2%',
  wasteAfter: 'under 4%',
  hfGain: '14–24×',
  manualBefore: '30%',
  manualAfter: '90%',
  manualReservation: '10.4 GB',
  gain: '2–4×',
  usedAfter: '96%',
  /** Block size MLA kernels such as DeepSeek's FlashMLA work in (github.com/deepseek-ai/FlashMLA). */
  mlaBlock: '64',
} as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const BIG = 64;
const MEAN_LEN = 600;
const VICTIM = 3000;
/** Illustrative lengths for the prose: a reply, and the manual's 4,000-token conversation (errata E004-23). */
const REPLY = 800;
const CTX_4K = 4000;

const cap = vllmCapacity(model, gpu, { typicalTokens: MEAN_LEN });
const B = cap.blockSize;
const perToken = kvBytesPerToken(model);

function contiguousRow(maxLen: number, note: string) {
  return {
    label: `Contiguous, max model length ${int(maxLen)}${note}`,
    perRequest: formatBytes(maxLen * perToken, 'GB', 2),
    fit: int(vllmCapacity(model, gpu, { maxModelLen: maxLen }).contiguousSequences),
  };
}

export const reservationRows = [
  contiguousRow(model.maxContext, ' (the model’s full context)'),
  contiguousRow(8192, ''),
  contiguousRow(2048, ''),
  {
    label: `Paged, ${B}-token blocks, requests reaching ${int(MEAN_LEN)} tokens`,
    perRequest: `${blocksFor(MEAN_LEN, B)} blocks = ${formatBytes(blocksFor(MEAN_LEN, B) * blockBytes(model, B), 'MB', 1)}`,
    fit: int(cap.pagedSequences),
  },
];

const tail = (b: number) => (b - 1) / 2;
const recompute = prefillTime(model, gpu, { promptTokens: VICTIM, weightPrecision: model.dtype });

export const pagedAttention = {
  maxLenShort: int(4096),
  replyLen: int(REPLY),
  ctx4k: int(CTX_4K),
  llama70At4k: formatBytes(kvBytesForContext(getModel('llama-3.3-70b'), CTX_4K), 'GB'),
  utilDefault: String(DEFAULT_GPU_MEMORY_UTILIZATION),
  model: model.name,
  gpu: gpu.name,
  weights: formatBytes(weightMemory(model).totalBytes, 'GB'),
  usable: formatBytes(cap.requestedBytes, 'GB'),
  overheads: formatBytes(cap.activationBytes + cap.nonTorchBytes + cap.cudaGraphBytes, 'GB'),
  pool: formatBytes(cap.kvCacheBytes, 'GB'),
  perToken: int(perToken),
  blockSize: B,
  blockBytes: `${fixed(blockBytes(model, B) / MiB, 0)} MiB`,
  poolBlocks: int(cap.blocks),
  poolTokens: int(cap.kvTokens),
  meanLen: int(MEAN_LEN),
  tailTokens: fixed(tail(B), 1),
  tailShare: `${fixed((tail(B) / MEAN_LEN) * 100, 1)}%`,
  bigBlock: BIG,
  bigTailTokens: fixed(tail(BIG), 1),
  bigTailShare: `${fixed((tail(BIG) / MEAN_LEN) * 100, 1)}%`,
  victimTokens: int(VICTIM),
  recomputeTflop: fixed(recompute.flops / 1e12, 1),
  recomputeMs: fixed(recompute.timeS * 1e3, 0),
};
