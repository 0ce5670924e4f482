import type { Gpu } from '../catalog/gpu.ts';
import { getGpu, getModel } from '../catalog/index.ts';
import type { Model } from '../catalog/model.ts';
import { InputError, parseInput } from '../errors.ts';
import type { Precision } from '../precision.ts';
import { type ContinuousScheduler, Scenario, type ScenarioInput, type StaticScheduler } from './scenario.ts';
import { type KvPool, kvPool, type StepCost, stepCost } from './step-time.ts';

/** Default longest sequence: vLLM would take the model's full context, which makes contiguous reservation absurd. */
export const DEFAULT_MAX_MODEL_LEN = 8192;

/** A scheduler configuration with its limits decided. */
export type ResolvedScheduler =
  | StaticScheduler
  | (ContinuousScheduler & { maxNumSeqs: number; maxNumBatchedTokens: number });

export type ResolvedScenario = Omit<Scenario, 'scheduler' | 'kv'> & {
  weightPrecision: Precision;
  kvPrecision: Precision;
  kv: Scenario['kv'] & { maxModelLen: number };
  scheduler: ResolvedScheduler;
};

/** A scenario with every default decided, plus what it resolves to: the model, the GPU, the KV pool and step costs. */
export interface SimSetup {
  scenario: ResolvedScenario;
  model: Model;
  gpu: Gpu;
  pool: KvPool;
  cost: StepCost;
}

const bad = (field: string, message: string) => new InputError('scenario', [{ field, message }]);

/** Validate a scenario and work out everything a run needs. Errors name the field, the value and what is allowed. */
export function prepare(input: ScenarioInput): SimSetup {
  const s = parseInput(Scenario, input, 'scenario');
  const model = getModel(s.model);
  const gpu = getGpu(s.gpu);
  const tp = s.tensorParallel;
  const maxModelLen = s.kv.maxModelLen ?? Math.min(DEFAULT_MAX_MODEL_LEN, model.maxContext);
  if (maxModelLen > model.maxContext)
    throw bad('kv.maxModelLen', `${maxModelLen} exceeds ${model.name}'s context of ${model.maxContext} tokens`);
  const sch = s.scheduler;
  const poolFor = (maxNumBatchedTokens: number | undefined, maxNumSeqs: number | undefined) =>
    kvPool({
      model,
      gpu,
      weightPrecision: s.weightPrecision,
      kvPrecision: s.kvPrecision,
      tensorParallel: tp,
      gpuMemoryUtilization: s.hardware.gpuMemoryUtilization,
      maxModelLen,
      maxNumBatchedTokens,
      maxNumSeqs,
      blockSize: s.kv.blockSize,
      kvCacheGiB: s.hardware.kvCacheGiB,
    });
  // Limits the scenario leaves open take vLLM's defaults for this GPU (the engine's capacity model knows them).
  let pool = poolFor(
    sch.kind === 'continuous' ? sch.maxNumBatchedTokens : undefined,
    sch.kind === 'continuous' ? sch.maxNumSeqs : undefined,
  );
  let scheduler: ResolvedScheduler;
  if (sch.kind === 'continuous') {
    const defaults = pool.capacity;
    const budget =
      sch.maxNumBatchedTokens ??
      (sch.chunkedPrefill ? defaults.maxNumBatchedTokens : Math.max(defaults.maxNumBatchedTokens, maxModelLen));
    const seqs = sch.maxNumSeqs ?? defaults.maxNumSeqs;
    scheduler = { ...sch, maxNumSeqs: seqs, maxNumBatchedTokens: budget };
    if (!sch.chunkedPrefill && budget < maxModelLen)
      throw bad(
        'scheduler.maxNumBatchedTokens',
        `${budget} is below maxModelLen (${maxModelLen}): without chunked prefill a whole prompt must fit one step's budget`,
      );
    if (budget !== defaults.maxNumBatchedTokens) pool = poolFor(budget, seqs);
  } else scheduler = sch;
  const interconnect = s.hardware.interconnect ?? gpu.interconnect;
  const cost = stepCost({
    model,
    gpu,
    weightPrecision: pool.weightPrecision,
    kvPrecision: pool.kvPrecision,
    tensorParallel: tp,
    interconnect,
    bandwidthEfficiency: s.hardware.bandwidthEfficiency,
    computeEfficiency: s.hardware.computeEfficiency,
    stepOverheadS: s.hardware.stepOverheadMs / 1000,
    maxContext: maxModelLen + s.speculative.tokens,
  });
  return {
    scenario: {
      ...s,
      weightPrecision: pool.weightPrecision,
      kvPrecision: pool.kvPrecision,
      kv: { ...s.kv, maxModelLen },
      hardware: { ...s.hardware, interconnect },
      scheduler,
    },
    model,
    gpu,
    pool,
    cost,
  };
}
