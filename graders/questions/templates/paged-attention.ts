import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { blockBytes, blocksFor } from '../../../src/engine/paged.ts';
import { PRECISION_LABEL } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

const BLOCKS = [8, 16, 32, 64];
/** Standard-attention models without windows, so a block holds every layer's K and V for its tokens. */
const FULL_ATTENTION = BASE_MODELS.filter((m) => !m.mla && m.layerWindows.every((w) => w === null));
const UTILS = [0.85, 0.9, 0.92, 0.95];

const kvLine = (m: Model) =>
  `${m.name} (${m.layers} layers, ${m.kvHeads} KV heads of ${m.headDim}, BF16 cache: ${int(kvBytesPerToken(m))} B per token)`;

interface WasteParams {
  modelId: string;
  blockSize: number;
  tokens: number;
}

export const lastBlockWaste: NumericTemplate<WasteParams> = {
  id: 'paged-attention/last-block-waste',
  topic: 'paged-attention',
  title: 'Waste in the last block',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const blockSize = rng.pick(BLOCKS);
      const tokens = rng.int(100, 20_000);
      if (tokens % blockSize !== 0) return { modelId: rng.pick(FULL_ATTENTION).id, blockSize, tokens };
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    return `A paged KV cache uses blocks of ${p.blockSize} tokens. A sequence of ${kvLine(m)} has reached ${int(p.tokens)} tokens. How many bytes of its allocated KV memory hold no token yet? Answer in MB (10⁶ bytes) or another byte unit. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const blocks = blocksFor(p.tokens, p.blockSize);
    const empty = blocks * p.blockSize - p.tokens;
    const value = empty * kvBytesPerToken(m);
    return {
      value,
      steps: [
        `Blocks held: ⌈${int(p.tokens)} ÷ ${p.blockSize}⌉ = ${int(blocks)}, room for ${int(blocks * p.blockSize)} tokens.`,
        `Empty slots, all in the last block: ${int(blocks * p.blockSize)} − ${int(p.tokens)} = ${empty} tokens.`,
        `${empty} × ${int(kvBytesPerToken(m))} B = ${int(value)} B = ${fixed(value / 1e6, 3)} MB.`,
      ],
    };
  },
};

interface PoolParams {
  modelId: string;
  gpuId: string;
  util: number;
}

/** The pool as the question defines it: the utilization share of the card minus the checkpoint-dtype weights. */
function statedPool(m: Model, gpu: Gpu, util: number): number {
  return util * gpu.memoryBytes - weightBytes(m, m.dtype);
}

function pool(p: PoolParams): { m: Model; gpu: Gpu; bytes: number } {
  const m = getModel(p.modelId);
  const gpu = getGpu(p.gpuId);
  return { m, gpu, bytes: statedPool(m, gpu, p.util) };
}

function poolText(p: PoolParams): string {
  const { m, gpu } = pool(p);
  return `${kvLine(m)} is served in ${PRECISION_LABEL[m.dtype]} (${formatBytes(weightBytes(m, m.dtype), 'GB')} of weights) on an ${gpu.name} (${formatBytes(gpu.memoryBytes, 'GB')}) with gpu_memory_utilization=${p.util}. Treat the KV pool as that share of the card minus the weights.`;
}

function poolSteps(p: PoolParams): string[] {
  const { m, gpu, bytes } = pool(p);
  return [
    `Pool = ${p.util} × ${formatBytes(gpu.memoryBytes, 'GB')} − ${formatBytes(weightBytes(m, m.dtype), 'GB')} = ${formatBytes(bytes, 'GB', 3)}.`,
  ];
}

/** Draw a model and card whose pool holds a sensible number of requests. */
function drawPool(rng: { pick<T>(x: readonly T[]): T }): PoolParams {
  for (;;) {
    const m = rng.pick(FULL_ATTENTION);
    const gpu = rng.pick(GPUS);
    const util = rng.pick(UTILS);
    if (statedPool(m, gpu, util) > 2e9) return { modelId: m.id, gpuId: gpu.id, util };
  }
}

interface ContiguousParams extends PoolParams {
  maxLen: number;
}

export const contiguousConcurrency: NumericTemplate<ContiguousParams> = {
  id: 'paged-attention/contiguous-concurrency',
  topic: 'kv-capacity',
  title: 'Concurrency with contiguous reservation',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const p = { ...drawPool(rng), maxLen: rng.pick([2048, 4096, 8192, 16_384, 32_768]) };
      const { m, bytes } = pool(p);
      if (p.maxLen <= m.maxContext && bytes / (p.maxLen * kvBytesPerToken(m)) >= 2) return p;
    }
  },
  text(p) {
    return `${poolText(p)} An old-style server reserves contiguous KV memory for the maximum model length, ${int(p.maxLen)} tokens, for every request. How many requests can it run at once? (a whole number, ±1%)`;
  },
  solve(p) {
    const { m, bytes } = pool(p);
    const each = p.maxLen * kvBytesPerToken(m);
    const value = Math.floor(bytes / each);
    return {
      value,
      steps: [
        ...poolSteps(p),
        `Each reservation: ${int(p.maxLen)} × ${int(kvBytesPerToken(m))} B = ${formatBytes(each, 'GB', 3)}, however short the request turns out.`,
        `${formatBytes(bytes, 'GB', 3)} ÷ ${formatBytes(each, 'GB', 3)} = ${fixed(bytes / each, 2)} → ${int(value)} requests.`,
      ],
    };
  },
};

interface PagedParams extends PoolParams {
  blockSize: number;
  length: number;
}

export const pagedConcurrency: NumericTemplate<PagedParams> = {
  id: 'paged-attention/paged-concurrency',
  topic: 'kv-capacity',
  title: 'Concurrency with paged blocks',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const blockSize = rng.pick(BLOCKS);
      const length = rng.int(200, 6000);
      const p = { ...drawPool(rng), blockSize, length };
      if (length % blockSize !== 0) return p;
    }
  },
  text(p) {
    return `${poolText(p)} The server pages the cache in blocks of ${p.blockSize} tokens, and requests reach ${int(p.length)} tokens each. How many such requests fit in the pool at once? (a whole number, ±1%)`;
  },
  solve(p) {
    const { m, bytes } = pool(p);
    const block = blockBytes(m, p.blockSize);
    const poolBlocks = Math.floor(bytes / block);
    const per = blocksFor(p.length, p.blockSize);
    const value = Math.floor(poolBlocks / per);
    return {
      value,
      steps: [
        ...poolSteps(p),
        `One block: ${p.blockSize} × ${int(kvBytesPerToken(m))} B = ${formatBytes(block, 'MB', 3)}; the pool holds ${int(poolBlocks)} blocks.`,
        `Each request holds ⌈${int(p.length)} ÷ ${p.blockSize}⌉ = ${per} blocks, so ${int(poolBlocks)} ÷ ${per} → ${int(value)} requests.`,
      ],
    };
  },
};

export const PAGED_ATTENTION_TEMPLATES = [lastBlockWaste, contiguousConcurrency, pagedConcurrency];
