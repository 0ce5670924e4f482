import { describe, expect, it } from 'vitest';
import { GPUS, getGpu, getModel, InputError, MODELS, modelFromConfig } from '../../src/engine/index.ts';

describe('GPU catalog', () => {
  it('has the seven cards the course compares, each with a source for every figure', () => {
    for (const id of ['h100-sxm', 'h100-pcie', 'h200', 'a100-sxm-80gb', 'l40s', 'rtx-4090', 'b200']) {
      const g = getGpu(id);
      expect(g.sources.memory.length).toBeGreaterThan(10);
      expect(g.sources.bandwidth.length).toBeGreaterThan(10);
      expect(g.sources.compute.length).toBeGreaterThan(10);
    }
  });

  it('stores memory in exact bytes as whole MiB (nvidia-smi granularity)', () => {
    for (const g of GPUS) expect(g.memoryBytes % 2 ** 20).toBe(0);
    // nvidia-smi's 81559 MiB for an "80 GB" H100 is 85.5 GB or 79.6 GiB.
    expect(getGpu('h100-sxm').memoryBytes).toBe(85_520_809_984);
  });

  it('keeps dense peaks: FP8 is twice BF16 where the hardware has it', () => {
    for (const id of ['h100-sxm', 'h100-pcie', 'h200', 'b200']) {
      const g = getGpu(id);
      expect((g.denseOpsPerS.fp8 ?? 0) / g.denseOpsPerS.bf16).toBeCloseTo(2, 1);
    }
    expect(getGpu('a100-sxm-80gb').denseOpsPerS.fp8).toBeNull();
  });

  it('rejects unknown ids with the list of known ones', () => {
    expect(() => getGpu('h800')).toThrow(/unknown id "h800"; known: h100-sxm/);
    expect(() => getModel('gpt-5')).toThrow(InputError);
  });
});

describe('model catalog', () => {
  it('holds at least six models read from their config.json', () => {
    expect(MODELS.length).toBeGreaterThanOrEqual(6);
  });

  it('names the missing field of an incomplete config', () => {
    expect(() => modelFromConfig({ model_type: 'llama', hidden_size: 4096 }, { id: 'x', name: 'x' })).toThrow(
      /num_attention_heads: is required/,
    );
  });

  it('refuses model types it cannot size rather than guessing', () => {
    expect(() => modelFromConfig({ model_type: 'mamba' }, { id: 'x', name: 'x' })).toThrow(/"mamba" is not supported/);
  });

  it('rejects hostile values with the field and value named', () => {
    const bad = { model_type: 'llama', hidden_size: -1, num_attention_heads: 'many' };
    expect(() => modelFromConfig(bad, { id: 'x', name: 'x' })).toThrow(/hidden_size: .*\(got -1\)/);
  });
});

describe('catalog lookups', () => {
  it('finds GPUs by common aliases and models by their Hugging Face repository', () => {
    expect(getGpu('H100').id).toBe('h100-sxm');
    expect(getGpu('a100-80gb').id).toBe('a100-sxm-80gb');
    expect(getModel('openai/gpt-oss-120b').id).toBe('gpt-oss-120b');
    expect(getModel('Qwen/Qwen3-8B').id).toBe('qwen3-8b');
  });

  it('records what CUDA reports as total memory where it was measured, a little under nvidia-smi', () => {
    for (const g of GPUS) {
      if (g.cudaMemoryBytes === undefined) continue;
      expect(g.sources.cudaMemory?.length).toBeGreaterThan(10);
      expect(g.cudaMemoryBytes).toBeLessThan(g.memoryBytes);
      expect(g.memoryBytes - g.cudaMemoryBytes).toBeLessThan(2 ** 30);
    }
    expect(getGpu('h100-sxm').cudaMemoryBytes).toBe(85_045_477_376);
  });
});
