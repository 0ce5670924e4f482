// The simulator's one door to the engine's physics. Every call into src/engine's formulas (memory, FLOPs,
// roofline, capacity, tensor-parallel traffic) happens in this file, so when the engine changes the simulator
// changes here and nowhere else.
import { type Capacity, vllmCapacity } from '../capacity.ts';
import type { Gpu } from '../catalog/gpu.ts';
import type { Model } from '../catalog/model.ts';
import { InputError } from '../errors.ts';
import { kvBytesForContext, weightBytesReadPerStep } from '../memory.ts';
import { INTERCONNECTS, type Interconnect, tensorParallelCost } from '../parallel.ts';
import { expertFractionTouched } from '../params.ts';
import { mathRateFor, type Precision } from '../precision.ts';
import { attendedPositions, flopsPerToken, peakOpsPerS } from '../roofline.ts';
import { GiB } from '../units.ts';
import { bulkWeightPrecision, checkTensorParallel } from '../weights.ts';

export interface StepCostInput {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision;
  kvPrecision: Precision;
  tensorParallel: number;
  interconnect: Interconnect;
  bandwidthEfficiency: number;
  computeEfficiency: number;
  stepOverheadS: number;
  /** Longest context any sequence can reach (plus room for draft tokens); sizes the lookup tables. */
  maxContext: number;
}

/**
 * Costs of the pieces of one step, per GPU. A step's time is the roofline of what it moves and computes
 * — max(bytes ÷ sustained bandwidth, FLOPs ÷ sustained tensor rate) — plus tensor-parallel all-reduces and a
 * fixed overhead.
 */
export interface StepCost {
  /** Weight bytes each GPU reads in a step that computes `tokens` tokens (MoE: the experts those tokens route to). */
  weightBytesRead(tokens: number): number;
  /** KV-cache bytes each GPU reads for one sequence that has `context` tokens cached. */
  kvBytesRead(context: number): number;
  /** FLOPs each GPU spends computing `n` new tokens of a sequence that has `context` tokens cached. */
  flops(context: number, n: number): number;
  /** Seconds for a step of `tokens` tokens that reads `bytes` and computes `flops` (per GPU). */
  seconds(tokens: number, bytes: number, flops: number): number;
}

/** Fit a + b·x through f(0) and f(1), and say whether f lies on that line at x = `at` too. */
function line(f: (x: number) => number, at: number): { a: number; b: number; exact: boolean } {
  const a = f(0);
  const b = f(1) - a;
  const want = a + b * at;
  return { a, b, exact: Math.abs(f(at) - want) <= 1e-9 * Math.abs(want) };
}

/**
 * Step costs for a model on a GPU. The engine's per-context costs are concave (a sliding-window layer holds
 * min(context, window) tokens), so agreeing with the straight line at the longest context means agreeing
 * everywhere: then closed forms are exact; otherwise tables of the engine's own values are used.
 */
export function stepCost(i: StepCostInput): StepCost {
  const { model: m, tensorParallel: tp } = i;
  const bandwidth = i.gpu.bandwidthBytesPerS * i.bandwidthEfficiency;
  const rate = peakOpsPerS(i.gpu, mathRateFor(i.weightPrecision)) * i.computeEfficiency;
  const top = i.maxContext + 1;

  const kvOf = (c: number) => kvBytesForContext(m, c, i.kvPrecision, { tp });
  const kvLine = line(kvOf, top);
  let kvBytesRead: (context: number) => number;
  if (kvLine.exact) kvBytesRead = (c) => kvLine.b * c;
  else {
    const table = new Float64Array(top + 1);
    for (let c = 0; c <= top; c++) table[c] = kvOf(c);
    kvBytesRead = (c) => table[Math.min(c, top)] as number;
  }

  const flopsAt = (c: number) => flopsPerToken(m, c) / tp;
  const fl = line(flopsAt, top);
  let flops: (context: number, n: number) => number;
  // Σ over the chunk's tokens t = c … c+n−1 of flopsAt(t).
  if (fl.exact) flops = (c, n) => n * fl.a + fl.b * (n * c + (n * (n - 1)) / 2);
  else {
    // Sliding windows: FLOPs per token are the engine's fixed part plus its per-position cost times the positions
    // attended, which is cheap to tabulate (flopsPerToken itself recounts the parameters on every call).
    const perPosition = (flopsAt(1) - fl.a) / attendedPositions(m, 1);
    const at = (c: number) => fl.a + perPosition * attendedPositions(m, c);
    const exact = Math.abs(at(top) - flopsAt(top)) <= 1e-9 * flopsAt(top);
    const prefix = new Float64Array(top + 2);
    for (let c = 0; c <= top; c++) prefix[c + 1] = (prefix[c] as number) + (exact ? at(c) : flopsAt(c));
    flops = (c, n) => (prefix[Math.min(c + n, top + 1)] as number) - (prefix[Math.min(c, top + 1)] as number);
  }

  // Dense models read every weight whatever the batch. A mixture of experts reads its shared weights plus the
  // share of expert weights the step's tokens route to: fit both from the engine, check, then evaluate cheaply.
  const weightsAt = (tokens: number) => weightBytesReadPerStep(m, i.weightPrecision, Math.max(1, tokens)) / tp;
  const big = 1 << 20;
  const touched = (tokens: number) => expertFractionTouched(m, Math.max(1, tokens));
  const experts = (weightsAt(big) - weightsAt(1)) / (touched(big) - touched(1) || 1);
  const shared = weightsAt(1) - experts * touched(1);
  const fitted = (tokens: number) => shared + experts * touched(tokens);
  const weightBytesRead =
    experts === 0 ? () => shared : Math.abs(fitted(7) - weightsAt(7)) <= 1e-9 * weightsAt(7) ? fitted : weightsAt;

  // All-reduce time grows linearly with the tokens in the step (message size), plus a fixed latency per call.
  // The engine takes at least one token, so the line goes through 1 and 2 tokens (through 0 and 1 it would be flat).
  const link = INTERCONNECTS[i.interconnect].bytesPerS;
  const commAt = (tokens: number) => tensorParallelCost(m, { tp, batch: tokens, linkBytesPerS: link }).commTimePerStepS;
  const comm1 = tp === 1 ? 0 : commAt(1);
  const commPerToken = tp === 1 ? 0 : commAt(2) - comm1;
  const commOf = tp === 1 ? () => 0 : (tokens: number) => comm1 + commPerToken * (Math.max(1, tokens) - 1);

  return {
    weightBytesRead,
    kvBytesRead,
    flops,
    seconds: (tokens, bytes, f) => Math.max(bytes / bandwidth, f / rate) + commOf(tokens) + i.stepOverheadS,
  };
}

export interface KvPoolInput {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision | undefined;
  kvPrecision: Precision | undefined;
  tensorParallel: number;
  gpuMemoryUtilization: number;
  maxModelLen: number;
  maxNumBatchedTokens: number | undefined;
  maxNumSeqs: number | undefined;
  blockSize: number;
  kvCacheGiB?: number | undefined;
}

export interface KvPool {
  /** The engine's vLLM-style sizing of this server, with every assumption it made. */
  capacity: Capacity;
  weightPrecision: Precision;
  kvPrecision: Precision;
  weightBytesPerGpu: number;
  kvBytesPerGpu: number;
  /** KV bytes one token occupies on each GPU. */
  kvBytesPerTokenPerGpu: number;
  /** Tokens the pool can hold across all sequences. */
  tokens: number;
}

const problem = (field: string, message: string) => new InputError('scenario', [{ field, message }]);

/**
 * The KV pool as vLLM sizes it (the engine's capacity model): each GPU's memory × gpu_memory_utilization, minus
 * its share of the weights, the profiling run's activations, non-torch memory and CUDA graphs; or a stated size.
 * Throws, naming the field, when such a server would not start.
 */
export function kvPool(i: KvPoolInput): KvPool {
  try {
    checkTensorParallel(i.model, i.tensorParallel);
  } catch (e) {
    if (e instanceof InputError) throw problem('tensorParallel', e.issues.map((x) => x.message).join('; '));
    throw e;
  }
  const capacity = vllmCapacity(i.model, i.gpu, {
    gpuMemoryUtilization: i.gpuMemoryUtilization,
    tp: i.tensorParallel,
    maxModelLen: i.maxModelLen,
    maxNumBatchedTokens: i.maxNumBatchedTokens,
    maxNumSeqs: i.maxNumSeqs,
    blockSize: i.blockSize,
    weightPrecision: i.weightPrecision,
    kvPrecision: i.kvPrecision,
  });
  const weightPrecision = i.weightPrecision ?? bulkWeightPrecision(i.model);
  const kvBytesPerTokenPerGpu = capacity.bytesPerToken;
  const stated = i.kvCacheGiB !== undefined;
  const kvBytesPerGpu = stated ? (i.kvCacheGiB as number) * GiB : capacity.kvCacheBytes;
  const gib = (b: number) => `${(b / GiB).toFixed(2)} GiB`;
  if (capacity.weightBytesPerRank > capacity.requestedBytes)
    throw problem(
      'model',
      `${i.model.name} needs ${gib(capacity.weightBytesPerRank)} of weights per GPU (${weightPrecision}, tensorParallel ${i.tensorParallel}) but gpu_memory_utilization allows ${gib(capacity.requestedBytes)} of the ${i.gpu.name}: use more GPUs, a smaller precision or a larger GPU`,
    );
  if (stated && capacity.weightBytesPerRank + kvBytesPerGpu > i.gpu.memoryBytes)
    throw problem(
      'hardware.kvCacheGiB',
      `${i.kvCacheGiB} GiB of KV cache plus ${gib(capacity.weightBytesPerRank)} of weights per GPU exceed the ${i.gpu.name}'s ${gib(i.gpu.memoryBytes)}`,
    );
  if (!stated && !capacity.willStart && capacity.kvCacheBytes <= 0)
    throw problem('model', `vLLM would not start: ${capacity.problem}`);
  const tokens = stated ? Math.floor(kvBytesPerGpu / kvBytesPerTokenPerGpu) : capacity.kvTokens;
  if (tokens < i.maxModelLen)
    throw problem(
      'kv.maxModelLen',
      `${i.maxModelLen} tokens do not fit the KV pool of ${tokens} tokens; vLLM refuses to start in this case: lower maxModelLen or give the cache more memory`,
    );
  return {
    capacity,
    weightPrecision,
    kvPrecision: capacity.kvPrecision,
    weightBytesPerGpu: capacity.weightBytesPerRank,
    kvBytesPerGpu,
    kvBytesPerTokenPerGpu,
    tokens,
  };
}
