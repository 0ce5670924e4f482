import { describe, expect, it } from 'vitest';
import { GPUS, getGpu, getModel } from '../../src/engine/catalog/index.ts';
import { INTERCONNECTS, tensorParallelCost } from '../../src/engine/parallel.ts';
import { prepare } from '../../src/engine/sim/setup.ts';
import { stepCost } from '../../src/engine/sim/step-time.ts';

const base = {
  model: getModel('llama-3.3-70b'),
  gpu: getGpu('h100-sxm'),
  weightPrecision: 'bf16' as const,
  kvPrecision: 'bf16' as const,
  tensorParallel: 4,
  bandwidthEfficiency: 1,
  computeEfficiency: 1,
  stepOverheadS: 0,
  maxContext: 4096,
};

describe('step cost under tensor parallelism', () => {
  it('adds the engine’s all-reduce time for the tokens in the step, so the link matters for big prefill steps', () => {
    for (const interconnect of ['nvlink4', 'pcie5'] as const) {
      if (!(interconnect in INTERCONNECTS)) continue;
      const cost = stepCost({ ...base, interconnect });
      for (const tokens of [1, 2, 7, 512, 2048]) {
        // With no bytes and no FLOPs the step time is the communication alone.
        const comm = cost.seconds(tokens, 0, 0);
        const reference = tensorParallelCost(base.model, {
          tp: 4,
          batch: tokens,
          linkBytesPerS: INTERCONNECTS[interconnect].bytesPerS,
        }).commTimePerStepS;
        expect(comm).toBeCloseTo(reference, 12);
      }
    }
    const nvlink = stepCost({ ...base, interconnect: 'nvlink4' }).seconds(2048, 0, 0);
    const pcie = stepCost({ ...base, interconnect: 'pcie5' }).seconds(2048, 0, 0);
    expect(pcie).toBeGreaterThan(3 * nvlink);
  });

  it('costs nothing on one GPU', () => {
    expect(stepCost({ ...base, tensorParallel: 1, interconnect: 'nvlink4' }).seconds(2048, 0, 0)).toBe(0);
  });
});

describe('the link a scenario uses when it names none', () => {
  it('is the GPU’s own interconnect, and naming one overrides it', () => {
    for (const gpu of GPUS) {
      const resolved = prepare({ model: 'llama-3.1-8b', gpu: gpu.id, tensorParallel: 2 }).scenario.hardware;
      expect(resolved.interconnect, gpu.id).toBe(gpu.interconnect);
    }
    expect(getGpu('rtx-4090').interconnect).toBe('pcie4');
    expect(getGpu('h100-sxm').interconnect).toBe('nvlink4');
    const named = prepare({
      model: 'llama-3.1-8b',
      gpu: 'rtx-4090',
      tensorParallel: 2,
      hardware: { interconnect: 'nvlink4' },
    });
    expect(named.scenario.hardware.interconnect).toBe('nvlink4');
  });

  it('makes a tensor-parallel prefill slower on a PCIe card than the same card given NVLink', () => {
    const at = (interconnect?: 'nvlink4') =>
      prepare({
        model: 'llama-3.1-8b',
        gpu: 'l40s',
        tensorParallel: 2,
        hardware: interconnect ? { interconnect } : {},
      }).cost.seconds(4096, 0, 0);
    expect(at()).toBeGreaterThan(at('nvlink4'));
  });
});
