// Hidden tests for lab 3: the learner's pool arithmetic against the engine's vLLM capacity model (vllmCapacity) on
// generated deployments: catalog models with full attention, catalog GPUs, and random server settings.
import { expectClose, expectEqual, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { type Capacity, vllmCapacity } from '../../src/engine/capacity.ts';
import { GPUS, MODELS } from '../../src/engine/catalog/index.ts';
import type { Random } from '../../src/engine/random.ts';

type Mod = Record<string, unknown>;
interface Pool {
  kvCacheBytes: number;
  bytesPerToken: number;
  blockSize: number;
  maxModelLen: number;
}

// Full-attention models: one KV-cache group, so the pool is plain blocks of every layer (hybrid models are chapter 16).
// 16-bit checkpoints only: counting quantized checkpoints' bytes exactly is slow, and adds nothing to this lab.
const FULL = MODELS.filter((m) => m.layerWindows.every((w) => w === null) && !m.quantization);

interface Deployment {
  cap: Capacity;
  pool: Pool;
  label: string;
}

function deployment(rng: Random): Deployment {
  for (;;) {
    const m = rng.pick(FULL);
    const gpu = rng.pick(GPUS);
    const tp = rng.pick([1, 1, 2, 4, 8].filter((t) => m.heads % t === 0 && m.kvHeads % t === 0));
    const maxModelLen = Math.min(m.maxContext, rng.pick([2048, 4096, 8192, 16384, 32768, 131072, rng.int(500, 40000)]));
    const input = {
      gpuMemoryUtilization: rng.pick([0.5, 0.8, 0.85, 0.9, 0.92, 0.95]),
      tp,
      maxModelLen,
      blockSize: rng.pick([8, 16, 16, 32, 64, 128]),
      kvPrecision: rng.pick(['bf16', 'fp8'] as const),
      typicalTokens: rng.int(1, maxModelLen),
    };
    const cap = vllmCapacity(m, gpu, input);
    if (cap.blocks < 1) continue; // the model does not fit this card: nothing to allocate
    return {
      cap,
      pool: {
        kvCacheBytes: cap.kvCacheBytes,
        bytesPerToken: cap.bytesPerToken,
        blockSize: cap.blockSize,
        maxModelLen: cap.maxModelLen,
      },
      label: `${m.name} on ${gpu.name}${tp > 1 ? ` (TP ${tp})` : ''}, KV ${input.kvPrecision}, block ${cap.blockSize}, max_model_len ${cap.maxModelLen}`,
    };
  }
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'kvPoolBytes: what is left after weights, activations, non-torch memory and CUDA graphs',
    run(mod, { rng }) {
      const f = fn<(b: unknown) => number>(mod, 'kvPoolBytes');
      for (let n = 0; n < 150; n++) {
        const { cap, label } = deployment(rng);
        const util = cap.requestedBytes / cap.cudaMemoryBytes;
        const got = f({
          cudaMemoryBytes: cap.cudaMemoryBytes,
          gpuMemoryUtilization: util,
          weightBytes: cap.weightBytesPerRank,
          activationBytes: cap.activationBytes,
          nonTorchBytes: cap.nonTorchBytes,
          cudaGraphBytes: cap.cudaGraphBytes,
        });
        const hint =
          typeof got === 'number' && Math.abs(got - (cap.kvCacheBytes + cap.cudaMemoryBytes * (1 - util))) < 1
            ? 'The server may use only gpuMemoryUtilization of the card; start from that share, not the whole card.'
            : undefined;
        expectClose(got, cap.kvCacheBytes, 1e-9, `kvPoolBytes (${label})`, hint);
      }
    },
  },
  {
    name: 'poolBlocks: whole blocks of blockSize tokens',
    run(mod, { rng }) {
      const f = fn<(p: Pool) => number>(mod, 'poolBlocks');
      for (let n = 0; n < 150; n++) {
        const { cap, pool, label } = deployment(rng);
        const got = f({ ...pool });
        const hint =
          typeof got === 'number' && !Number.isInteger(got) ? 'A pool holds whole blocks: round down.' : undefined;
        expectEqual(got, cap.blocks, `poolBlocks (${label})`, hint);
      }
    },
  },
  {
    name: 'contiguousSequences: every sequence reserves max_model_len',
    run(mod, { rng }) {
      const f = fn<(p: Pool) => number>(mod, 'contiguousSequences');
      for (let n = 0; n < 150; n++) {
        const { cap, pool, label } = deployment(rng);
        expectEqual(f({ ...pool }), cap.contiguousSequences, `contiguousSequences (${label})`);
      }
    },
  },
  {
    name: 'pagedSequences: each sequence holds whole blocks',
    run(mod, { rng }) {
      const f = fn<(p: Pool, t: number) => number>(mod, 'pagedSequences');
      for (let n = 0; n < 150; n++) {
        const { cap, pool, label } = deployment(rng);
        const got = f({ ...pool }, cap.typicalTokens);
        const tokenOnly = Math.floor((cap.blocks * cap.blockSize) / cap.typicalTokens);
        const hint =
          got === tokenOnly && got !== cap.pagedSequences
            ? `Blocks are handed out whole: a ${cap.typicalTokens}-token sequence holds Math.ceil(${cap.typicalTokens} / ${cap.blockSize}) = ${Math.ceil(cap.typicalTokens / cap.blockSize)} blocks, and its last block is partly empty.`
            : undefined;
        expectEqual(got, cap.pagedSequences, `pagedSequences (${label}, ${cap.typicalTokens} tokens each)`, hint);
        if (cap.pagedSequences < cap.contiguousSequences)
          throw new Error('engine invariant broken: paging admitted fewer sequences than contiguous reservation');
      }
    },
  },
  {
    name: 'maxConcurrency: blocks over the blocks of one max_model_len request, as vLLM logs it',
    run(mod, { rng }) {
      const f = fn<(p: Pool) => number>(mod, 'maxConcurrency');
      for (let n = 0; n < 150; n++) {
        const { cap, pool, label } = deployment(rng);
        const got = f({ ...pool });
        const hint =
          typeof got === 'number' && got === Math.floor(cap.maxConcurrency) && got !== cap.maxConcurrency
            ? 'vLLM reports this ratio unrounded (e.g. "Maximum concurrency for 8,192 tokens per request: 12.34x").'
            : undefined;
        expectClose(got, cap.maxConcurrency, 1e-12, `maxConcurrency (${label})`, hint);
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'paged capacity from tokens alone, ignoring that blocks are handed out whole',
  message: /Blocks are handed out whole/,
};
