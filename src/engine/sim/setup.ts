import type { Gpu } from '../catalog/gpu.ts';
import { getGpu, getModel } from '../catalog/index.ts';
import type { Model } from '../catalog/model.ts';
import { InputError, parseInput } from '../errors.ts';
import type { Precision } from '../precision.ts';
import { type ContinuousScheduler, Scenario, type ScenarioInput, type StaticScheduler } from './scenario.ts';
import { type KvPool, kvPool, type StepCost, stepCost } from './step-time.ts';

/** Default longest sequence: vLLM would take the model's full context, which makes contiguous reservation absurd. */
export const DEFAULT_MAX_MODEL_LEN = 8192;
/** vLLM's per-step token budget for online serving with chunked prefill (it varies by version and GPU). */
export const DEFAULT_TOKEN_BUDGET = 2048;

/** A scenario with every default decided, plus what it resolves to: the model, the GPU, the KV pool and step costs. */
/** A scheduler configuration with its token budget decided. */
export type ResolvedScheduler = StaticScheduler | (ContinuousScheduler & { maxNumBatchedTokens: number });

export type ResolvedScenario = Omit<Scenario, 'scheduler' | 'kv'> & {
  weightPrecision: Precision;
  kvPrecision: Precision;
  kv: Scenario['kv'] & { maxModelLen: number };
  scheduler: ResolvedScheduler;
};

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
  if (model.heads % tp !== 0)
    throw bad('tensorParallel', `${tp} does not divide the model's ${model.heads} attention heads`);
  const maxModelLen = s.kv.maxModelLen ?? Math.min(DEFAULT_MAX_MODEL_LEN, model.maxContext);
  if (maxModelLen > model.maxContext)
    throw bad('kv.maxModelLen', `${maxModelLen} exceeds ${model.name}'s context of ${model.maxContext} tokens`);
  const weightPrecision = s.weightPrecision ?? model.dtype;
  const kvPrecision = s.kvPrecision ?? model.dtype;
  const pool = kvPool({
    model,
    gpu,
    weightPrecision,
    kvPrecision,
    tensorParallel: tp,
    gpuMemoryUtilization: s.hardware.gpuMemoryUtilization,
    reservedGiB: s.hardware.reservedGiB,
    kvCacheGiB: s.hardware.kvCacheGiB,
  });
  if (pool.tokens < maxModelLen)
    throw bad(
      'kv.maxModelLen',
      `${maxModelLen} tokens do not fit the KV pool of ${pool.tokens} tokens; vLLM refuses to start in this case: lower maxModelLen or give the cache more memory`,
    );
  const sch: ResolvedScheduler =
    s.scheduler.kind === 'continuous'
      ? {
          ...s.scheduler,
          maxNumBatchedTokens:
            s.scheduler.maxNumBatchedTokens ??
            (s.scheduler.chunkedPrefill ? DEFAULT_TOKEN_BUDGET : Math.max(DEFAULT_TOKEN_BUDGET, maxModelLen)),
        }
      : s.scheduler;
  if (sch.kind === 'continuous' && !sch.chunkedPrefill && sch.maxNumBatchedTokens < maxModelLen)
    throw bad(
      'scheduler.maxNumBatchedTokens',
      `${sch.maxNumBatchedTokens} is below maxModelLen (${maxModelLen}): without chunked prefill a whole prompt must fit one step's budget`,
    );
  const cost = stepCost({
    model,
    gpu,
    weightPrecision,
    kvPrecision,
    tensorParallel: tp,
    bandwidthEfficiency: s.hardware.bandwidthEfficiency,
    computeEfficiency: s.hardware.computeEfficiency,
    stepOverheadS: s.hardware.stepOverheadMs / 1000,
    maxContext: maxModelLen + s.speculative.tokens,
  });
  return {
    scenario: { ...s, weightPrecision, kvPrecision, kv: { ...s.kv, maxModelLen }, scheduler: sch },
    model,
    gpu,
    pool,
    cost,
  };
}
