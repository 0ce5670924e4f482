// Every figure the memory-wall chapter prints, computed by the engine at build time.
import { GPUS, getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, kvBytesPerTokenMhaFormula, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF, flopsPerToken, ridgePoint } from '../../engine/roofline.ts';
import { fixed, formatBytes, GiB, int } from '../../engine/units.ts';

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');
const h200 = getGpu('h200');

const params70 = paramCounts(llama70).total;
const w70int8 = weightBytes(llama70, 'int8');
const step = (gpuId: string, batch = 1, context = 0, model = llama70, p: 'int8' | 'bf16' = 'int8') =>
  decodeStep(model, getGpu(gpuId), { weightPrecision: p, batch, context });

const s1 = step('h100-sxm');
const flops = flopsPerToken(llama70, 0);
const bf16Time = flops / h100.denseOpsPerS.bf16;
const int8Time = flops / (h100.denseOpsPerS.int8 ?? h100.denseOpsPerS.bf16);

/** Claims the chapter quotes in order to correct them (source 004 §1.2; shared/course/errata.md #2 and #5), not our figures. */
export const QUOTED = {
  h100: '45–50',
  a100: '27–30',
  rtx4090: '13–15',
  utilization: '4.5%',
  computeMs: '1 ms',
  stepMs: '22 ms',
} as const;

const ctx = 4000;
const kvAt4k = kvBytesForContext(llama70, ctx);
const s10 = step('h100-sxm', 10, ctx);

export const memoryWall = {
  model: llama70.name,
  gpu: h100.name,
  params70: fixed(params70 / 1e9, 2),
  weights70int8GB: formatBytes(w70int8, 'GB'),
  weights70int8GiB: formatBytes(w70int8, 'GiB'),
  weights70bf16GB: formatBytes(weightBytes(llama70, 'bf16'), 'GB'),
  h100BandwidthGBs: int(h100.bandwidthBytesPerS / 1e9),
  h100MemGiB: formatBytes(h100.memoryBytes, 'GiB', 1),
  h100MemGB: formatBytes(h100.memoryBytes, 'GB', 1),
  stepMs: fixed(s1.stepTimeS * 1e3, 2),
  stepTex: String.raw`t_\text{step} = \frac{${fixed(w70int8 / 1e9, 2)}\ \text{GB}}{${int(h100.bandwidthBytesPerS / 1e9).replace(',', '{,}')}\ \text{GB/s}} \approx ${fixed(s1.stepTimeS * 1e3, 2)}\ \text{ms} \quad\Rightarrow\quad \text{ceiling} \approx ${fixed(s1.tokensPerSecondTotal, 1)}\ \text{tokens/s}`,
  ceiling: fixed(s1.tokensPerSecondTotal, 1),
  effLow: fixed(EFF.low * 100, 0),
  effHigh: fixed(EFF.high * 100, 0),
  ceilingLow: fixed(s1.tokensPerSecondTotal * EFF.low, 0),
  ceilingHigh: fixed(s1.tokensPerSecondTotal * EFF.high, 0),
  layers: llama70.layers,
  kvHeads: llama70.kvHeads,
  headDim: llama70.headDim,
  gqaGroup: llama70.heads / llama70.kvHeads,
  gbGibGap: fixed((GiB / 1e9 - 1) * 100, 1),
  kvShare4k: fixed((kvAt4k / w70int8) * 100, 1),
  a100Bandwidth: int(getGpu('a100-sxm-80gb').bandwidthBytesPerS / 1e9),
  b10Batch: 10,
  flopsG: fixed(flops / 1e9, 0),
  bf16TflopsH100: fixed(h100.denseOpsPerS.bf16 / 1e12, 1),
  bf16TimeMs: fixed(bf16Time * 1e3, 3),
  int8TimeMs: fixed(int8Time * 1e3, 3),
  utilBf16: fixed((bf16Time / s1.stepTimeS) * 100, 2),
  utilInt8: fixed((int8Time / s1.stepTimeS) * 100, 2),
  intensityB1: fixed(s1.arithmeticIntensity, 1),
  ridgeH100: fixed(ridgePoint(h100), 0),
  ridgeH100Int8: fixed(ridgePoint(h100, 'int8'), 0),
  kvPerTokenKB: fixed(kvBytesPerToken(llama70) / 1e3, 1),
  kvPerTokenInt: int(kvBytesPerToken(llama70)),
  mhaPerTokenMB: fixed(kvBytesPerTokenMhaFormula(llama70) / 1e6, 2),
  ctx: int(ctx),
  kvAt4kGB: formatBytes(kvAt4k, 'GB'),
  b10KvGB: formatBytes(s10.kvBytesRead, 'GB'),
  b10BytesGB: formatBytes(s10.bytesPerStep, 'GB'),
  b10StepMs: fixed(s10.stepTimeS * 1e3, 1),
  b10Total: fixed(s10.tokensPerSecondTotal, 0),
  b10Util: fixed(s10.tensorUtilization * 100, 1),
  h200Ceiling: fixed(step('h200').tokensPerSecondTotal, 1),
  h200Speedup: fixed(h200.bandwidthBytesPerS / h100.bandwidthBytesPerS, 2),
  h200BandwidthGBs: int(h200.bandwidthBytesPerS / 1e9),
  freeAfterInt8GiB: formatBytes(h100.memoryBytes - w70int8, 'GiB', 1),
  llama8Bf16Ceiling: fixed(step('h100-sxm', 1, 0, llama8, 'bf16').tokensPerSecondTotal, 0),
  llama8Bf16GB: formatBytes(weightBytes(llama8, 'bf16'), 'GB'),
  rtxGB: formatBytes(getGpu('rtx-4090').memoryBytes, 'GB', 1),
  rtxCards: Math.ceil(w70int8 / getGpu('rtx-4090').memoryBytes),
};

/** One row per catalog GPU: the 70B INT8 batch-1 ceiling and whether the weights fit at all. */
export const hardwareRows = GPUS.map((g) => {
  const s = step(g.id);
  return {
    name: g.name,
    bandwidth: int(g.bandwidthBytesPerS / 1e9),
    memoryGiB: fixed(g.memoryBytes / GiB, 1),
    ms: fixed(s.stepTimeS * 1e3, 1),
    ceiling: fixed(s.tokensPerSecondTotal, 1),
    fits: s.weightsFit,
    ridge: fixed(ridgePoint(g), 0),
  };
});
