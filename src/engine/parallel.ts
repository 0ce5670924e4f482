import { z } from 'zod';
import type { Model } from './catalog/model.ts';
import { parseInput } from './errors.ts';
import { kvBytesPerToken } from './memory.ts';
import { Precision } from './precision.ts';
import { weightMemory } from './weights.ts';

/** GPU-to-GPU links live in the catalog; re-exported here where the tensor-parallel arithmetic uses them. */
export { INTERCONNECTS, type Interconnect, InterconnectId } from './catalog/interconnects.ts';

export const TensorParallelInput = z.object({
  tp: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1024),
  batch: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1_000_000).default(1),
  linkBytesPerS: z.number({ error: 'must be a number' }).positive().max(1e14),
  /** Fixed cost of one all-reduce (launch and synchronisation); small messages are latency-bound. */
  allReduceLatencyS: z.number({ error: 'must be a number' }).min(0).max(1).default(8e-6),
  /** Bytes per activation element exchanged (bf16: 2). */
  activationBytes: z.number({ error: 'must be a number' }).positive().max(8).default(2),
  weightPrecision: Precision.optional(),
  kvPrecision: Precision.default('bf16'),
});
export type TensorParallelInput = z.input<typeof TensorParallelInput>;

export interface TensorParallelCost {
  /** Two all-reduces per layer: after attention and after the MLP. */
  allReducesPerStep: number;
  /** Activation bytes each all-reduce sums, for the whole batch. */
  messageBytes: number;
  /** Bytes each GPU sends per all-reduce with a ring: 2 (tp − 1) / tp × message. */
  bytesSentPerGpu: number;
  commTimePerStepS: number;
  /** Activation bytes reduced per generated token (2 × layers × hidden × element size). */
  allReduceBytesPerToken: number;
  weightBytesPerRank: number;
  kvBytesPerTokenPerRank: number;
}

/** What tensor parallelism costs per decode step in communication, and what each rank stores. */
export function tensorParallelCost(m: Model, input: TensorParallelInput): TensorParallelCost {
  const i = parseInput(TensorParallelInput, input, 'tensor-parallel input');
  const allReducesPerStep = 2 * m.layers;
  const messageBytes = i.batch * m.hiddenSize * i.activationBytes;
  const bytesSentPerGpu = i.tp === 1 ? 0 : (2 * (i.tp - 1) * messageBytes) / i.tp;
  const perAllReduce = i.tp === 1 ? 0 : i.allReduceLatencyS + bytesSentPerGpu / i.linkBytesPerS;
  return {
    allReducesPerStep,
    messageBytes,
    bytesSentPerGpu,
    commTimePerStepS: allReducesPerStep * perAllReduce,
    allReduceBytesPerToken: allReducesPerStep * m.hiddenSize * i.activationBytes,
    weightBytesPerRank: weightMemory(m, { tp: i.tp, precision: i.weightPrecision }).perRankBytes,
    kvBytesPerTokenPerRank: kvBytesPerToken(m, i.kvPrecision, { tp: i.tp }),
  };
}

/**
 * Idle share of a pipeline of `stages` stages fed `microbatches` micro-batches (GPipe schedule):
 * (p − 1) / (m + p − 1). One micro-batch leaves every stage but one idle; many amortise the fill and drain.
 */
export function pipelineBubbleFraction(stages: number, microbatches: number): number {
  const i = parseInput(
    z.object({
      stages: z.number({ error: 'must be a number' }).int().min(1).max(1024),
      microbatches: z.number({ error: 'must be a number' }).int().min(1).max(1_000_000),
    }),
    { stages, microbatches },
    'pipeline input',
  );
  return (i.stages - 1) / (i.microbatches + i.stages - 1);
}
