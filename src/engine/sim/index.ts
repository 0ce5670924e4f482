// The serving simulator: one replica, stepped by a roofline step-time model, with pluggable schedulers and
// KV allocators. Pure TypeScript like the rest of the engine.

export { SIM_RUNTIME, SIM_VERSION, toBenchResult } from './bench-line.ts';
export { ContiguousAllocator } from './contiguous-allocator.ts';
export { type ContinuousOptions, ContinuousScheduler } from './continuous-scheduler.ts';
export type { KvAllocator, KvAllocatorFactory, KvAllocatorOptions } from './kv-allocator.ts';
export { PagedAllocator } from './paged-allocator.ts';
export {
  getPreset,
  mergeScenario,
  type Outcome,
  PRESETS,
  presetOutcome,
  presetScenarios,
  SAME_WITHIN,
  type ScenarioPatch,
  type SimPreset,
} from './presets.ts';
export type { RunRecord, RunTotals, StepSeries } from './replica.ts';
export { Replica, type ReplicaConfig } from './replica.ts';
export { compareMetric, formatMetric, METRICS, type MetricDef, type MetricKey, type MetricUnit } from './report.ts';
export type {
  RequestRow,
  ResultOptions,
  SimCdfs,
  SimResult,
  SimSeries,
  StageBreakdown,
  TimelineRow,
} from './result.ts';
export {
  Arrival,
  Burst,
  LengthDist,
  Scenario,
  type ScenarioInput,
  SchedulerConfig,
  SharedPrefix,
  TraceRequest,
  Workload,
} from './scenario.ts';
export { type Scheduler, SchedulerError, type StepContext, type WaitingQueue } from './scheduler.ts';
export { Seq, type SeqState } from './seq.ts';
export {
  DEFAULT_MAX_MODEL_LEN,
  prepare,
  type ResolvedScenario,
  type ResolvedScheduler,
  type SimSetup,
} from './setup.ts';
export { allocatorFor, allocatorOptions, onlineReplica, type SimPlugins, schedulerFor, simulate } from './simulate.ts';
export { type StaticOptions, StaticScheduler } from './static-scheduler.ts';
export { type StepCost, stepCost } from './step-time.ts';
export { type GeneratedWorkload, generateWorkload, SHAPES, type ShapePreset } from './workload.ts';
