// Every figure the "Profilers and what each sees" chapter prints, computed by the engine at build time.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/** What the worked example's timeline showed for one decode step (scenario givens, not a measurement). */
export const SCENARIO = { stepMs: 8, kernelMs: 5.8, context: 1000 } as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const s = decodeStep(model, gpu, { weightPrecision: 'bf16', batch: 1, context: SCENARIO.context });
const overStep = s.bytesPerStep / (SCENARIO.stepMs / 1e3);
const overKernels = s.bytesPerStep / (SCENARIO.kernelMs / 1e3);

export const profilers = {
  model: model.name,
  gpu: gpu.name,
  context: int(SCENARIO.context),
  bytesGB: formatBytes(s.bytesPerStep, 'GB'),
  ceilingMs: fixed(s.memoryTimeS * 1e3, 2),
  stepMs: fixed(SCENARIO.stepMs, 1),
  kernelMs: fixed(SCENARIO.kernelMs, 1),
  gapMs: fixed(SCENARIO.stepMs - SCENARIO.kernelMs, 1),
  kernelBusyPct: fixed((SCENARIO.kernelMs / SCENARIO.stepMs) * 100, 0),
  stepGBs: int(overStep / 1e9),
  stepPct: fixed((overStep / gpu.bandwidthBytesPerS) * 100, 0),
  kernelGBs: int(overKernels / 1e9),
  kernelPct: fixed((overKernels / gpu.bandwidthBytesPerS) * 100, 0),
  peakGBs: int(gpu.bandwidthBytesPerS / 1e9),
  effLow: fixed(EFF.low * 100, 0),
  effHigh: fixed(EFF.high * 100, 0),
  achievedTex: String.raw`\text{achieved} = \frac{\text{bytes per step}}{t} = \frac{${fixed(s.bytesPerStep / 1e9, 2)}\ \text{GB}}{${fixed(SCENARIO.kernelMs, 1)}\ \text{ms}} \approx ${int(overKernels / 1e9).replace(',', '{,}')}\ \text{GB/s} = ${fixed((overKernels / gpu.bandwidthBytesPerS) * 100, 0)}\%\ \text{of}\ ${int(gpu.bandwidthBytesPerS / 1e9).replace(',', '{,}')}\ \text{GB/s}`,
  tensorPct: fixed(s.tensorUtilization * 100, 2),
};
