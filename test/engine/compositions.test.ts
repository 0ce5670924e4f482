import { describe, expect, it } from 'vitest';
import { maxBatchInMemory } from '../../src/engine/capacity.ts';
import { getGpu, getModel } from '../../src/engine/index.ts';
import { prefillEstimate } from '../../src/engine/prefill.ts';
import { PARAMS } from '../fixtures/reference.ts';

describe('compositions of engine primitives the chapters use', () => {
  it('a long prefill is compute-bound and a one-token prefill is memory-bound', () => {
    const m = getModel('llama-3.1-8b');
    const g = getGpu('h100-sxm');
    expect(prefillEstimate(m, g, 'bf16', 4096).regime).toBe('compute-bound');
    const one = prefillEstimate(m, g, 'bf16', 1);
    expect(one.regime).toBe('memory-bound');
    expect(one.ridgePoint).toBeCloseTo(989.4e12 / 3350e9, 9);
    expect(one.arithmeticIntensity).toBeCloseTo(one.flops / one.bytes, 12);
    expect(one.timeS).toBeCloseTo((2 * PARAMS['llama-3.1-8b'].total + PARAMS['llama-3.1-8b'].kv) / 3350e9, 12);
  });

  it('max batch by hand: Llama 3.1 8B BF16 on an H100 at 4,096 tokens per sequence', () => {
    const free = 81559 * 2 ** 20 - 2 * PARAMS['llama-3.1-8b'].total;
    const expected = Math.floor(free / (PARAMS['llama-3.1-8b'].kv * 4096));
    expect(maxBatchInMemory(getModel('llama-3.1-8b'), getGpu('h100-sxm'), 'bf16', 4096)).toBe(expected);
    expect(maxBatchInMemory(getModel('llama-3.3-70b'), getGpu('rtx-4090'), 'int8', 1000)).toBe(0);
  });
});
