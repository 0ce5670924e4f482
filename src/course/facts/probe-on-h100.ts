// What the probe kit measured on a real H100 SXM, set beside the catalog's peaks and the engine's roofline.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import type { ProbeResult } from '../../engine/results.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';
import { PROBE_H100_LINES } from '../measurements/probe-h100.ts';

const h100 = getGpu('h100-sxm');
const lines = PROBE_H100_LINES;

function only<K extends ProbeResult['kind']>(kind: K, pick: (l: Extract<ProbeResult, { kind: K }>) => boolean) {
  const l = lines.find((x): x is Extract<ProbeResult, { kind: K }> => x.kind === kind && pick(x as never));
  if (!l) throw new Error(`probe-h100: no ${kind} line`);
  return l;
}

const bw = only('hbm_bandwidth', () => true).gb_s_median as number;
const bf16 = only('matmul', (l) => l.dtype === 'bf16').tflops_median as number;
const fp8 = only('matmul', (l) => l.dtype === 'fp8').tflops_median as number;
const llama8 = getModel('llama-3.1-8b');
const decodeAt = (batch: number) => {
  const l = only('decode_step', (x) => x.model.id === llama8.id && x.batch === batch);
  const roof = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch, context: l.context });
  return { measured: l.step_ms_median as number, roofline: roof.stepTimeS * 1e3, context: l.context };
};
const SMALL = 1;
const LARGE = 64;
const d1 = decodeAt(SMALL);
const d64 = decodeAt(LARGE);

export const probeOnH100 = {
  gpu: h100.name,
  gpuReported: lines[0]?.hardware.gpu_name ?? '',
  software: `PyTorch ${lines[0]?.software.torch}, transformers ${lines[0]?.software.transformers}`,
  bandwidth: int(bw),
  bandwidthPeak: int(h100.bandwidthBytesPerS / 1e9),
  bandwidthPct: fixed((bw * 1e9 * 100) / h100.bandwidthBytesPerS, 0),
  bf16: int(bf16),
  bf16Peak: fixed(h100.denseOpsPerS.bf16 / 1e12, 1),
  bf16Pct: fixed((bf16 * 1e12 * 100) / h100.denseOpsPerS.bf16, 0),
  fp8: int(fp8),
  fp8Peak: fixed((h100.denseOpsPerS.fp8 as number) / 1e12, 1),
  fp8Pct: fixed((fp8 * 1e12 * 100) / (h100.denseOpsPerS.fp8 as number), 0),
  model: llama8.name,
  context: int(d1.context),
  batchSmall: SMALL,
  batchLarge: LARGE,
  decode1: fixed(d1.measured, 1),
  roof1: fixed(d1.roofline, 1),
  ratio1: fixed(d1.measured / d1.roofline, 1),
  decode64: fixed(d64.measured, 1),
  roof64: fixed(d64.roofline, 1),
  ratio64: fixed(d64.measured / d64.roofline, 1),
};
