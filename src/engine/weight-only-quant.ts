import { z } from 'zod';
import type { Gpu } from './catalog/gpu.ts';
import type { Model } from './catalog/model.ts';
import { parseInput } from './errors.ts';
import { kvBytesForContext, weightBytesReadPerStep } from './memory.ts';
import { flopsPerToken, peakOpsPerS } from './roofline.ts';
import { weightMemory } from './weights.ts';

export const WeightOnlyInput = z.object({
  batches: z
    .array(z.number({ error: 'must be a number' }).int('must be whole').min(1).max(4096), {
      error: 'must be a list of batch sizes',
    })
    .min(1, 'needs at least one batch size')
    .default([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]),
  context: z.number({ error: 'must be a number' }).int().min(0).max(10_000_000).default(1024),
  /** Tokens of a batch that share one dequantized weight tile (Marlin-style kernels reload weights per tile). */
  tileTokens: z.number({ error: 'must be a number' }).int().min(1).max(4096).default(64),
  /** CUDA-core operations to unpack, zero-shift and scale one 4-bit weight. */
  dequantOpsPerWeight: z.number({ error: 'must be a number' }).positive().max(100).default(4),
  /** Throughput of the cores doing the dequantization; defaults to the GPU's FP32 rate. */
  cudaCoreOpsPerS: z.number({ error: 'must be a number' }).positive().max(1e17).optional(),
});
export type WeightOnlyInput = z.input<typeof WeightOnlyInput>;

export interface WeightOnlyRow {
  batch: number;
  bf16StepS: number;
  int4StepS: number;
  /** bf16 step time ÷ int4 step time: above 1 the 4-bit weights win. */
  speedup: number;
  bf16Regime: 'memory-bound' | 'compute-bound';
  /** What limits the 4-bit step: streaming its smaller weights, or tensor math plus dequantization. */
  int4Limit: 'memory' | 'compute + dequantization';
  dequantS: number;
}

export interface WeightOnlyComparison {
  rows: WeightOnlyRow[];
  /** Smallest batch (1–4,096) at which 4-bit weights are no faster than 16-bit; null if they always win. */
  crossoverBatch: number | null;
  /** Bytes ratio at batch 1 (16-bit ÷ 4-bit weights): the ceiling of the speed-up. */
  bytesRatio: number;
  cudaCoreOpsPerS: number;
  assumptions: string[];
}

/**
 * Weight-only INT4 (W4A16) against BF16 decode across batch sizes. While decode is memory-bound the 4-bit step moves
 * ~3.5–3.9× fewer bytes and its dequantization hides under the loads (errata #4: it does not dominate at batch 1).
 * Once the batch makes the math dominate, W4A16 still multiplies in 16-bit and must also dequantize every weight tile
 * once per `tileTokens` tokens, so it ends up slower than BF16.
 */
export function compareWeightOnlyInt4(m: Model, gpu: Gpu, input: WeightOnlyInput = {}): WeightOnlyComparison {
  const i = parseInput(WeightOnlyInput, input, 'weight-only quantization input');
  const assumptions: string[] = [];
  let cudaOps = i.cudaCoreOpsPerS ?? gpu.fp32OpsPerS;
  if (cudaOps === undefined) {
    cudaOps = gpu.denseOpsPerS.bf16 / 15;
    assumptions.push(
      `${gpu.name} has no FP32 figure in the catalog: CUDA-core rate taken as BF16 tensor peak ÷ 15 (as on an H100)`,
    );
  }
  const w16 = weightMemory(m, { precision: 'bf16' });
  const w4 = weightMemory(m, { precision: 'int4' });
  const ratio = w4.totalBytes / w16.totalBytes;
  const quantizedElements = w4.quantizedBytes * 2;
  const peak = peakOpsPerS(gpu, 'bf16');
  assumptions.push(
    `4-bit weights: group size 128 with fp16 scales and zero points; embeddings, norms and routers stay 16-bit (${((w4.totalBytes / w16.totalBytes) * 100).toFixed(1)}% of the 16-bit bytes)`,
    `dequantization: ${i.dequantOpsPerWeight} operations per weight, repeated for every ${i.tileTokens} tokens of the batch, on ${(cudaOps / 1e12).toFixed(1)} TFLOPS of CUDA cores`,
  );
  const step = (batch: number): WeightOnlyRow => {
    const read16 = weightBytesReadPerStep(m, 'bf16', batch);
    const kv = batch * kvBytesForContext(m, i.context);
    const mem16 = (read16 + kv) / gpu.bandwidthBytesPerS;
    const mem4 = (read16 * ratio + kv) / gpu.bandwidthBytesPerS;
    const compute = (batch * flopsPerToken(m, i.context)) / peak;
    const elementsRead = quantizedElements * (read16 / w16.totalBytes);
    const dequantS = (elementsRead * Math.ceil(batch / i.tileTokens) * i.dequantOpsPerWeight) / cudaOps;
    const bf16StepS = Math.max(mem16, compute);
    const int4StepS = Math.max(mem4, compute + dequantS);
    return {
      batch,
      bf16StepS,
      int4StepS,
      speedup: bf16StepS / int4StepS,
      bf16Regime: compute > mem16 ? 'compute-bound' : 'memory-bound',
      int4Limit: compute + dequantS > mem4 ? 'compute + dequantization' : 'memory',
      dequantS,
    };
  };
  let crossoverBatch: number | null = null;
  for (let b = 1; b <= 4096; b++) {
    if (step(b).speedup <= 1) {
      crossoverBatch = b;
      break;
    }
  }
  return { rows: i.batches.map(step), crossoverBatch, bytesRatio: 1 / ratio, cudaCoreOpsPerS: cudaOps, assumptions };
}
