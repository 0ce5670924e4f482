// The simulator's one door to the engine's physics. Every call into src/engine's formulas (memory, FLOPs,
// roofline, precision) happens in this file, so when the engine grows (MLA, quantization overheads, capacity,
// tensor-parallel traffic) the simulator changes here and nowhere else.
import type { Gpu } from '../catalog/gpu.ts';
import type { Model } from '../catalog/model.ts';
import { InputError } from '../errors.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes, weightBytesReadPerStep } from '../memory.ts';
import { mathRateFor, type Precision } from '../precision.ts';
import { flopsPerToken, peakOpsPerS } from '../roofline.ts';
import { GiB } from '../units.ts';

export interface StepCostInput {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision;
  kvPrecision: Precision;
  tensorParallel: number;
  bandwidthEfficiency: number;
  computeEfficiency: number;
  stepOverheadS: number;
  /** Longest context any sequence can reach (plus room for draft tokens); sizes the lookup tables. */
  maxContext: number;
}

/**
 * Costs of the pieces of one step, per GPU. A step's time is the roofline of what it moves and computes
 * — max(bytes ÷ sustained bandwidth, FLOPs ÷ sustained tensor rate) — plus a fixed overhead.
 */
export interface StepCost {
  /** Weight bytes each GPU reads in a step that computes `tokens` tokens (MoE: the experts those tokens route to). */
  weightBytesRead(tokens: number): number;
  /** KV-cache bytes each GPU reads for one sequence that has `context` tokens cached. */
  kvBytesRead(context: number): number;
  /** FLOPs each GPU spends computing `n` new tokens of a sequence that has `context` tokens cached. */
  flops(context: number, n: number): number;
  /** Seconds for a step that reads `bytes` and computes `flops` (per GPU). */
  seconds(bytes: number, flops: number): number;
}

/**
 * GPUs over which one sequence's KV cache is split. Tensor parallelism splits KV heads across GPUs; with more
 * GPUs than KV heads, vLLM replicates heads so each GPU still holds at least one.
 */
export function kvShards(model: Model, tensorParallel: number): number {
  return Math.min(tensorParallel, model.kvHeads);
}

const isLinear = (f: (c: number) => number, upTo: number): boolean => {
  // The engine's per-context costs are concave (each layer holds min(context, window) tokens), so agreeing
  // with the straight line at the far end means agreeing everywhere in between.
  const f0 = f(0);
  const line = f0 + upTo * (f(1) - f0);
  return Math.abs(f(upTo) - line) <= 1e-9 * Math.abs(line);
};

export function stepCost(i: StepCostInput): StepCost {
  const { model: m, tensorParallel: tp } = i;
  const shards = kvShards(m, tp);
  const bandwidth = i.gpu.bandwidthBytesPerS * i.bandwidthEfficiency;
  const rate = peakOpsPerS(i.gpu, mathRateFor(i.weightPrecision)) * i.computeEfficiency;
  const top = i.maxContext + 1;

  const kvOf = (c: number) => kvBytesForContext(m, c, i.kvPrecision) / shards;
  let kvBytesRead: (context: number) => number;
  if (isLinear(kvOf, top)) {
    const perToken = kvOf(1) - kvOf(0);
    kvBytesRead = (c) => perToken * c;
  } else {
    const table = new Float64Array(top + 1);
    for (let c = 0; c <= top; c++) table[c] = kvOf(c);
    kvBytesRead = (c) => table[Math.min(c, top)] as number;
  }

  const flopsAt = (c: number) => flopsPerToken(m, c) / tp;
  let flops: (context: number, n: number) => number;
  if (isLinear(flopsAt, top)) {
    const base = flopsAt(0);
    const slope = flopsAt(1) - base;
    // Σ_{t=c}^{c+n-1} (base + slope·t)
    flops = (c, n) => n * base + slope * (n * c + (n * (n - 1)) / 2);
  } else {
    // prefix[c] = Σ_{t<c} flopsAt(t), so a chunk costs one subtraction.
    const prefix = new Float64Array(top + 2);
    for (let c = 0; c <= top; c++) prefix[c + 1] = (prefix[c] as number) + flopsAt(c);
    flops = (c, n) => (prefix[Math.min(c + n, top + 1)] as number) - (prefix[Math.min(c, top + 1)] as number);
  }

  return {
    weightBytesRead: (tokens) => weightBytesReadPerStep(m, i.weightPrecision, Math.max(1, tokens)) / tp,
    kvBytesRead,
    flops,
    seconds: (bytes, f) => Math.max(bytes / bandwidth, f / rate) + i.stepOverheadS,
  };
}

export interface KvPoolInput {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision;
  kvPrecision: Precision;
  tensorParallel: number;
  gpuMemoryUtilization: number;
  reservedGiB: number;
  kvCacheGiB?: number | undefined;
}

export interface KvPool {
  weightBytesPerGpu: number;
  /** Memory each GPU may use: total × gpuMemoryUtilization. */
  usableBytesPerGpu: number;
  kvBytesPerGpu: number;
  /** KV bytes one token occupies on each GPU. */
  kvBytesPerTokenPerGpu: number;
  /** Tokens the pool can hold across all sequences. */
  tokens: number;
}

/**
 * The KV pool the way vLLM sizes it: each GPU's memory × gpu_memory_utilization, minus its share of the weights,
 * minus what is kept for activations and the runtime; or a stated size. Throws when the weights do not fit.
 */
export function kvPool(i: KvPoolInput): KvPool {
  const weightBytesPerGpu = weightBytes(i.model, i.weightPrecision) / i.tensorParallel;
  const usableBytesPerGpu = i.gpu.memoryBytes * i.gpuMemoryUtilization;
  const kvBytesPerTokenPerGpu = kvBytesPerToken(i.model, i.kvPrecision) / kvShards(i.model, i.tensorParallel);
  let kvBytesPerGpu: number;
  if (i.kvCacheGiB !== undefined) {
    kvBytesPerGpu = i.kvCacheGiB * GiB;
    if (weightBytesPerGpu + kvBytesPerGpu > i.gpu.memoryBytes)
      throw new InputError('scenario', [
        {
          field: 'hardware.kvCacheGiB',
          message: `${i.kvCacheGiB} GiB of KV cache plus ${(weightBytesPerGpu / GiB).toFixed(2)} GiB of weights per GPU exceed the ${i.gpu.name}'s ${(i.gpu.memoryBytes / GiB).toFixed(2)} GiB`,
        },
      ]);
  } else {
    kvBytesPerGpu = usableBytesPerGpu - weightBytesPerGpu - i.reservedGiB * GiB;
    if (kvBytesPerGpu <= 0)
      throw new InputError('scenario', [
        {
          field: 'model',
          message: `${i.model.name} needs ${(weightBytesPerGpu / GiB).toFixed(2)} GiB of weights per GPU (${i.weightPrecision}, tensorParallel ${i.tensorParallel}) plus ${i.reservedGiB} GiB reserved, but only ${(usableBytesPerGpu / GiB).toFixed(2)} GiB of the ${i.gpu.name} may be used: use more GPUs, a smaller precision or a larger GPU`,
        },
      ]);
  }
  return {
    weightBytesPerGpu,
    usableBytesPerGpu,
    kvBytesPerGpu,
    kvBytesPerTokenPerGpu,
    tokens: Math.floor(kvBytesPerGpu / kvBytesPerTokenPerGpu),
  };
}
