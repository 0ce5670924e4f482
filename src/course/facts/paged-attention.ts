// Every figure the paged-attention chapter prints, computed by the engine (via compositions.ts) at build time.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { fixed, formatBytes, int, MiB } from '../../engine/units.ts';
import { blockBytes, blocksFor, kvPoolBytes, prefillFlops, VLLM_DEFAULTS } from '../compositions.ts';

/** Measurements and claims quoted from sources (vLLM paper and blog; the manual the course corrects, errata #10). */
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
const util = VLLM_DEFAULTS.gpuMemoryUtilization;
const B = VLLM_DEFAULTS.blockSize;
const BIG = 64;
const MEAN_LEN = 600;
const VICTIM = 3000;
/** Illustrative lengths for the prose: a reply, and the manual's 4,000-token conversation (errata E004-23). */
const REPLY = 800;
const CTX_4K = 4000;

const perToken = kvBytesPerToken(model);
const pool = kvPoolBytes(model, gpu, model.dtype, util);
const poolBlocks = Math.floor(pool / blockBytes(model, B));

function contiguousRow(maxLen: number, note: string) {
  const each = maxLen * perToken;
  return {
    label: `Contiguous, max model length ${int(maxLen)}${note}`,
    perRequest: formatBytes(each, 'GB', 2),
    fit: int(Math.floor(pool / each)),
  };
}

const pagedEach = blocksFor(MEAN_LEN, B) * blockBytes(model, B);
export const reservationRows = [
  contiguousRow(model.maxContext, ' (the model’s full context)'),
  contiguousRow(8192, ''),
  contiguousRow(2048, ''),
  {
    label: `Paged, ${B}-token blocks, requests reaching ${int(MEAN_LEN)} tokens`,
    perRequest: `${blocksFor(MEAN_LEN, B)} blocks = ${formatBytes(pagedEach, 'MB', 1)}`,
    fit: int(Math.floor(poolBlocks / blocksFor(MEAN_LEN, B))),
  },
];

const tail = (b: number) => (b - 1) / 2;
const recompute = prefillFlops(model, VICTIM);

export const pagedAttention = {
  maxLenShort: int(4096),
  replyLen: int(REPLY),
  ctx4k: int(CTX_4K),
  llama70At4k: formatBytes(kvBytesForContext(getModel('llama-3.3-70b'), CTX_4K), 'GB'),
  utilDefault: String(util),
  model: model.name,
  gpu: gpu.name,
  weights: formatBytes(weightBytes(model, model.dtype), 'GB'),
  usable: formatBytes(gpu.memoryBytes * util, 'GB'),
  pool: formatBytes(pool, 'GB'),
  perToken: int(perToken),
  blockSize: B,
  blockBytes: `${fixed(blockBytes(model, B) / MiB, 0)} MiB`,
  poolBlocks: int(poolBlocks),
  poolTokens: int(poolBlocks * B),
  meanLen: int(MEAN_LEN),
  tailTokens: fixed(tail(B), 1),
  tailShare: `${fixed((tail(B) / MEAN_LEN) * 100, 1)}%`,
  bigBlock: BIG,
  bigTailTokens: fixed(tail(BIG), 1),
  bigTailShare: `${fixed((tail(BIG) / MEAN_LEN) * 100, 1)}%`,
  victimTokens: int(VICTIM),
  recomputeTflop: fixed(recompute / 1e12, 1),
  recomputeMs: fixed((recompute / gpu.denseOpsPerS.bf16) * 1e3, 0),
};
