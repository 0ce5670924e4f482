// How many tokens and sequences fit: vLLM-style KV pool sizing, concurrency at max_model_len, paging vs reservation.
import { vllmCapacity } from '../../../src/engine/capacity.ts';
import { kvBytesPerToken } from '../../../src/engine/memory.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, formatBytes, GiB, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE_IDS, gpu, model, SERVER_GPU_IDS, withArticle } from './pool.ts';

interface CapParams {
  modelId: string;
  gpuId: string;
  maxModelLen: number;
  typical: number;
}

const full = () => DENSE_IDS.filter((id) => model(id).layerWindows.every((w) => w === null));

function draw(rng: Random): CapParams {
  for (;;) {
    const p = {
      modelId: rng.pick(full()),
      gpuId: rng.pick(SERVER_GPU_IDS),
      maxModelLen: rng.pick([4096, 8192, 16384, 32768]),
      typical: rng.pick([500, 1000, 2000]),
    };
    const c = cap(p);
    if (c.willStart && c.maxConcurrency >= 2) return p;
  }
}

const cap = (p: CapParams) =>
  vllmCapacity(model(p.modelId), gpu(p.gpuId), { maxModelLen: p.maxModelLen, typicalTokens: p.typical });

const poolText = (p: CapParams) => {
  const c = cap(p);
  const m = model(p.modelId);
  return `vLLM serves ${m.name} in BF16 (${m.layers} layers, ${m.kvHeads} KV heads × ${m.headDim} dims) on ${withArticle(gpu(p.gpuId).name)} and, after weights, activations and CUDA graphs, logs ${fixed(c.kvCacheBytes / GiB, 2)} GiB of memory for the KV cache, in blocks of ${c.blockSize} tokens.`;
};

export const kvTokens: NumericTemplate<CapParams> = {
  id: 'capacity/kv-tokens',
  topic: 'concurrency',
  title: 'KV-cache size in tokens',
  spec: { quantity: 'count', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `${poolText(p)} How many tokens of KV cache is that (vLLM's "GPU KV cache size")? (±1%)`;
  },
  solve(p) {
    const c = cap(p);
    const m = model(p.modelId);
    return {
      value: c.kvTokens,
      steps: [
        `KV per token: 2 × ${m.layers} × ${m.kvHeads} × ${m.headDim} × 2 B = ${int(kvBytesPerToken(m))} B; one ${c.blockSize}-token block = ${formatBytes(c.pageBytes * m.layers, 'MiB')}.`,
        `${fixed(c.kvCacheBytes / GiB, 2)} GiB ÷ ${formatBytes(c.pageBytes * m.layers, 'MiB')} = ${int(c.blocks)} whole blocks.`,
        `${int(c.blocks)} × ${c.blockSize} = ${int(c.kvTokens)} tokens.`,
      ],
    };
  },
};

export const maxConcurrency: NumericTemplate<CapParams> = {
  id: 'capacity/max-concurrency',
  topic: 'concurrency',
  title: 'Concurrency at max_model_len',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate: draw,
  text(p) {
    return `${poolText(p)} With max_model_len = ${int(p.maxModelLen)}, how many requests of that full length can run at once (vLLM's "maximum concurrency")? (±1%)`;
  },
  solve(p) {
    const c = cap(p);
    return {
      value: c.maxConcurrency,
      steps: [
        `The pool holds ${int(c.blocks)} blocks of ${c.blockSize} tokens.`,
        `A ${int(p.maxModelLen)}-token request needs ${int(Math.ceil(p.maxModelLen / c.blockSize))} blocks.`,
        `${int(c.blocks)} ÷ ${int(Math.ceil(p.maxModelLen / c.blockSize))} = ${fixed(c.maxConcurrency, 2)} requests at full length; shorter requests fit many more.`,
      ],
    };
  },
};

export const pagedGain: NumericTemplate<CapParams> = {
  id: 'capacity/paged-vs-reserved',
  topic: 'concurrency',
  title: 'Sequences that fit: reserved vs paged',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const p = draw(rng);
      if (cap(p).contiguousSequences >= 1) return p;
    }
  },
  text(p) {
    return `${poolText(p)} Conversations average ${int(p.typical)} tokens, and max_model_len is ${int(p.maxModelLen)}. How many times more conversations fit at once with paged allocation than if each one reserved max_model_len tokens up front (count whole sequences both ways)? (±1%)`;
  },
  solve(p) {
    const c = cap(p);
    return {
      value: c.pagedSequences / c.contiguousSequences,
      steps: [
        `Reserved: each conversation takes ${int(p.maxModelLen)} tokens of pool → ${int(c.contiguousSequences)} fit.`,
        `Paged: each takes ${int(Math.ceil(p.typical / c.blockSize))} blocks of ${c.blockSize} tokens → ${int(c.pagedSequences)} fit.`,
        `${int(c.pagedSequences)} ÷ ${int(c.contiguousSequences)} = ${fixed(c.pagedSequences / c.contiguousSequences, 2)}×.`,
      ],
    };
  },
};

export const CAPACITY_TEMPLATES = [kvTokens, maxConcurrency, pagedGain];
