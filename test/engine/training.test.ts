import { describe, expect, it } from 'vitest';
import { getModel, MODELS, paramCounts, trainingStateBytes } from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

describe('training state of mixed-precision Adam (ZeRO §3.1: 16 bytes per parameter)', () => {
  it('is 16 bytes per hand-counted parameter: 1,128.86 GB for Llama 3.3 70B (errata #3)', () => {
    const bytes = trainingStateBytes(getModel('llama-3.3-70b'));
    expect(bytes).toBe(16 * PARAMS['llama-3.3-70b'].total);
    expect(bytes / 1e9).toBeCloseTo(1128.86, 2);
    expect(trainingStateBytes(getModel('llama-3.1-8b'))).toBe(16 * PARAMS['llama-3.1-8b'].total);
  });

  it('is 2 + 2 + 4 + 4 + 4 bytes per parameter for every catalog model', () => {
    for (const m of MODELS) expect(trainingStateBytes(m)).toBe((2 + 2 + 4 + 4 + 4) * paramCounts(m).total);
  });
});
