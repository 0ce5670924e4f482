import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getGpu,
  getModel,
  InputError,
  kvBytesPerTokenPerLayer,
  kvCacheGroups,
  MODELS,
  vllmCapacity,
} from '../../src/engine/index.ts';
import { KNOWN_MISSES, STARTUP_LOGS } from '../fixtures/vllm-startup-logs.ts';

const GiB = 2 ** 30;

/** Strip every estimate so the KV pool is exactly `bytes` (to test the block arithmetic alone). */
const exactly = (bytes: number) => ({
  gpuMemoryUtilization: 1,
  cudaMemoryBytes: bytes,
  weightBytes: 0,
  activationBytes: 0,
  nonTorchBytes: 0,
  cudaGraphBytes: 0,
});

describe('KV capacity against real vLLM start-up logs', () => {
  for (const log of STARTUP_LOGS) {
    it(`${log.label}: within ±10% of ${log.kvTokens.toLocaleString('en-US')} tokens (vLLM ${log.vllm})`, () => {
      const c = vllmCapacity(getModel(log.model), getGpu(log.gpu), {
        gpuMemoryUtilization: log.gpuMemoryUtilization,
        tp: log.tp,
        maxModelLen: log.maxModelLen,
        maxNumSeqs: log.maxNumSeqs,
        maxNumBatchedTokens: log.maxNumBatchedTokens,
        kvPrecision: log.kvPrecision,
        weightPrecision: log.weightPrecision,
      });
      expect(Math.abs(c.kvTokens / log.kvTokens - 1)).toBeLessThan(0.1);
      expect(c.willStart).toBe(true);
    });
  }

  it('keeps the known misses visible (old vLLM versions on tight budgets)', () => {
    for (const miss of KNOWN_MISSES) {
      const c = vllmCapacity(getModel(miss.model), getGpu(miss.gpu), {
        gpuMemoryUtilization: miss.gpuMemoryUtilization,
        tp: miss.tp,
        maxModelLen: miss.maxModelLen,
      });
      expect(Math.abs(c.kvTokens / miss.kvTokens - 1)).toBeGreaterThan(0.1);
    }
  });
});

describe('KV pool arithmetic (block counts vLLM logs for a given KV memory)', () => {
  it('full attention: blocks of 16 tokens across all layers (Llama-3.1-8B: 58.11 GiB → ~476,000 tokens)', () => {
    const c = vllmCapacity(getModel('llama-3.1-8b'), getGpu('h100-sxm'), exactly(58.11 * GiB));
    // 58.11 GiB ÷ (32 layers × 16 tokens × 4,096 B) = 29,752.3 blocks → 29,752 × 16 tokens.
    expect(c.blocks).toBe(29_752);
    expect(c.kvTokens).toBe(476_032);
  });

  it('hybrid models count every layer in the pool (gpt-oss-20b TP2: 59.32 GiB → 2,591,776 logged)', () => {
    const c = vllmCapacity(getModel('gpt-oss-20b'), getGpu('h100-sxm'), {
      ...exactly(59.32 * GiB),
      tp: 2,
      maxModelLen: 8192,
      maxNumBatchedTokens: 8192,
    });
    expect(Math.abs(c.kvTokens / 2_591_776 - 1)).toBeLessThan(0.001);
    // Logged: "Maximum concurrency for 8,192 tokens per request: 316.07x" (sliding layers need a window + 1 block).
    expect(c.maxConcurrency).toBeCloseTo(316.07, 0);
    expect(kvCacheGroups(getModel('gpt-oss-20b'))).toEqual([
      { window: 128, layers: 12, groups: 1 },
      { window: null, layers: 12, groups: 1 },
    ]);
  });

  it('Gemma 2 9B: 54.12 GiB → 168,880 tokens and 20.60x at 8,192 (vLLM 0.19 log)', () => {
    const c = vllmCapacity(getModel('gemma-2-9b-it'), getGpu('h100-sxm'), {
      ...exactly(54.12 * GiB),
      maxModelLen: 8192,
      maxNumBatchedTokens: 8192,
    });
    expect(Math.abs(c.kvTokens / 168_880 - 1)).toBeLessThan(0.001);
    expect(c.maxConcurrency).toBeCloseTo(20.6, 1);
  });

  it('gpt-oss-120b: 5.38 GiB → 78,384 tokens (all 36 layers × 2,048 B per token)', () => {
    // github.com/alvarobartt/hf-mem/issues/60 quotes vLLM: "Available KV cache memory: 5.38 GiB … 78,384 tokens".
    const c = vllmCapacity(getModel('gpt-oss-120b'), getGpu('h100-sxm'), { ...exactly(5.38 * GiB), maxModelLen: 4096 });
    expect(Math.abs(c.kvTokens / 78_384 - 1)).toBeLessThan(0.002);
  });

  it('Gemma 3 pads its 40 sliding + 8 global layers into six groups of eight', () => {
    expect(kvCacheGroups(getModel('gemma-3-12b-it'))).toEqual([
      { window: 1024, layers: 8, groups: 5 },
      { window: null, layers: 8, groups: 1 },
    ]);
  });
});

describe('capacity behaviour', () => {
  const m = getModel('llama-3.1-8b');
  const h100 = getGpu('h100-sxm');

  it('shows every assumption, and an override replaces the estimate', () => {
    const c = vllmCapacity(m, h100, { maxModelLen: 8192 });
    const names = c.assumptions.map((a) => a.name);
    for (const n of [
      'weights per GPU',
      'activation peak of the profiling run',
      'non-torch memory (CUDA libraries, NCCL buffers)',
      'CUDA graph memory',
    ]) {
      expect(names).toContain(n);
    }
    const d = vllmCapacity(m, h100, { maxModelLen: 8192, activationBytes: 0, cudaGraphBytes: 0 });
    expect(d.kvCacheBytes - c.kvCacheBytes).toBeCloseTo(c.activationBytes + c.cudaGraphBytes, 0);
    expect(d.assumptions.find((a) => a.name === 'CUDA graph memory')?.overridden).toBe(true);
  });

  it('uses vLLM serve defaults by card: 8,192 tokens and 1,024 sequences on an H100, 2,048 and 256 on an A100', () => {
    expect(vllmCapacity(m, h100, { maxModelLen: 8192 }).maxNumBatchedTokens).toBe(8192);
    const a100 = vllmCapacity(m, getGpu('a100-sxm-80gb'), { maxModelLen: 8192 });
    expect([a100.maxNumBatchedTokens, a100.maxNumSeqs]).toEqual([2048, 256]);
  });

  it('NCCL buffers appear at TP > 1, and KV per GPU rises as the weights split', () => {
    const one = vllmCapacity(getModel('llama-3.3-70b'), h100, { tp: 2, maxModelLen: 8192 });
    const four = vllmCapacity(getModel('llama-3.3-70b'), h100, { tp: 4, maxModelLen: 8192 });
    expect(one.nonTorchBytes).toBeGreaterThan(GiB);
    expect(four.kvCacheBytes).toBeGreaterThan(one.kvCacheBytes);
  });

  it('says when the engine will not start, and the longest context that would fit', () => {
    // gpt-oss-120b on one H100 at 0.9 cannot hold a 131,072-token request (github.com/vllm-project/vllm/issues/27508).
    const c = vllmCapacity(getModel('gpt-oss-120b'), h100, {});
    expect(c.willStart).toBe(false);
    expect(c.problem).toMatch(/131,072-token request needs/);
    expect(c.largestFittingModelLen).toBeLessThan(131_072);
    const fits = vllmCapacity(getModel('gpt-oss-120b'), h100, { maxModelLen: c.largestFittingModelLen });
    expect(fits.willStart).toBe(true);
    const tooBig = vllmCapacity(getModel('llama-3.3-70b'), getGpu('rtx-4090'), {});
    expect(tooBig.willStart).toBe(false);
    expect(tooBig.problem).toMatch(/weights/);
  });

  it('paged allocation fits at least as many sequences as reserving max_model_len up front', () => {
    const c = vllmCapacity(m, h100, { maxModelLen: 131072, typicalTokens: 2000 });
    expect(c.pagedSequences).toBeGreaterThan(50 * c.contiguousSequences);
    expect(c.contiguousSequences).toBe(Math.floor(c.kvCacheBytes / (131072 * 131072)));
  });

  it('more memory, higher utilization or an 8-bit KV cache never lowers capacity (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS.filter((x) => x.maxContext >= 4096)),
        fc.double({ min: 0.5, max: 0.94, noNaN: true }),
        fc.double({ min: 0.001, max: 0.05, noNaN: true }),
        (model, util, extra) => {
          const gpu = getGpu('b200');
          const base = vllmCapacity(model, gpu, { gpuMemoryUtilization: util, maxModelLen: 4096 });
          const more = vllmCapacity(model, gpu, { gpuMemoryUtilization: util + extra, maxModelLen: 4096 });
          const fp8 = vllmCapacity(model, gpu, { gpuMemoryUtilization: util, maxModelLen: 4096, kvPrecision: 'fp8' });
          return more.kvTokens >= base.kvTokens && fp8.kvTokens >= base.kvTokens;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('page size is block_size × per-layer bytes, and blocks × pages never exceed the KV memory (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), fc.constantFrom(16, 32, 64), (model, block) => {
        const c = vllmCapacity(model, getGpu('b200'), { blockSize: block, maxModelLen: 4096 });
        const page = block * kvBytesPerTokenPerLayer(model, c.kvPrecision);
        const layers = Math.max(...c.groups.map((g) => g.layers));
        return c.pageBytes === page && c.blocks * page * layers <= Math.max(0, c.kvCacheBytes);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects hostile inputs with validation errors, never a number', () => {
    const hostile: unknown[] = [
      { gpuMemoryUtilization: 0 },
      { gpuMemoryUtilization: 1.5 },
      { gpuMemoryUtilization: Number.NaN },
      { tp: 0 },
      { tp: 2.5 },
      { maxModelLen: -1 },
      { maxModelLen: Number.POSITIVE_INFINITY },
      { blockSize: 1e9 },
      { activationBytes: -5 },
      { weightBytes: 1e300 },
      { maxNumSeqs: '8' },
      { kvPrecision: 'fp6' },
    ];
    for (const input of hostile) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types.
      expect(() => vllmCapacity(m, h100, input as any)).toThrow(InputError);
    }
  });
});
