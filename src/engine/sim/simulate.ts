import { subSeed } from '../random.ts';
import { ContiguousAllocator } from './contiguous-allocator.ts';
import { ContinuousScheduler } from './continuous-scheduler.ts';
import type { KvAllocator, KvAllocatorFactory, KvAllocatorOptions } from './kv-allocator.ts';
import { PagedAllocator } from './paged-allocator.ts';
import { Replica, type ReplicaConfig } from './replica.ts';
import { buildResult, type ResultOptions, type SimResult } from './result.ts';
import type { ScenarioInput } from './scenario.ts';
import type { Scheduler } from './scheduler.ts';
import { prepare, type SimSetup } from './setup.ts';
import { StaticScheduler } from './static-scheduler.ts';
import { type GeneratedWorkload, generateWorkload } from './workload.ts';

/** Your own policies, to run in place of the built-in ones (labs plug in here), and a hook on every token. */
export interface SimPlugins {
  scheduler?: Scheduler;
  allocator?: KvAllocatorFactory;
  /** Called whenever a request emits tokens, with the simulated time they appear (see Replica.advance). */
  onToken?: ReplicaConfig['onToken'];
}

/** The scheduler a scenario asks for. */
export function schedulerFor(setup: SimSetup): Scheduler {
  const s = setup.scenario.scheduler;
  return s.kind === 'static'
    ? new StaticScheduler({ batchSize: s.batchSize, timeoutS: s.timeoutMs / 1000 })
    : new ContinuousScheduler(s);
}

/** What an allocator is built from, for a scenario. */
export function allocatorOptions(setup: SimSetup): KvAllocatorOptions {
  const kv = setup.scenario.kv;
  return {
    poolTokens: setup.pool.tokens,
    blockSize: kv.blockSize,
    maxModelLen: kv.maxModelLen,
    prefixCaching: kv.prefixCaching,
  };
}

/** The KV allocator a scenario asks for. */
export function allocatorFor(setup: SimSetup): KvAllocator {
  const o = allocatorOptions(setup);
  return setup.scenario.kv.allocation === 'contiguous' ? new ContiguousAllocator(o) : new PagedAllocator(o);
}

/**
 * Run a scenario on one simulated replica. Deterministic: the same scenario (seed included) always gives the
 * same result. Throws an InputError naming the field when the scenario is invalid.
 */
export function simulate(
  input: ScenarioInput | SimSetup,
  plugins: SimPlugins = {},
  options: ResultOptions = {},
): SimResult {
  const setup = 'cost' in input ? input : prepare(input);
  const { replica, result } = build(setup, plugins, generateWorkload(setup.scenario.workload, setup.scenario.seed));
  replica.execute();
  return result(options);
}

/**
 * A replica with no requests yet, for real-time use (a practice server): `submit` each request as it arrives,
 * `advance` to the current time, and receive tokens through `plugins.onToken`. The scenario's workload is unused;
 * `result()` summarises what has run so far.
 */
export function onlineReplica(
  input: ScenarioInput | SimSetup,
  plugins: SimPlugins = {},
): { setup: SimSetup; replica: Replica; result: (options?: ResultOptions) => SimResult } {
  const setup = 'cost' in input ? input : prepare(input);
  return { setup, ...build(setup, plugins, { seqs: [], closedLoop: null }) };
}

function build(setup: SimSetup, plugins: SimPlugins, workload: GeneratedWorkload) {
  const s = setup.scenario;
  const scheduler = plugins.scheduler ?? schedulerFor(setup);
  const kv = plugins.allocator ? plugins.allocator(allocatorOptions(setup)) : allocatorFor(setup);
  const replica = new Replica(
    {
      cost: setup.cost,
      kv,
      scheduler,
      maxModelLen: s.kv.maxModelLen,
      speculative: s.speculative,
      acceptanceSeed: subSeed(s.seed, 'acceptance'),
      onToken: plugins.onToken,
    },
    workload,
  );
  const info = { scheduler: scheduler.name, totalBlocks: kv.totalBlocks, blockSize: kv.blockSize };
  return { replica, result: (options: ResultOptions = {}) => buildResult(setup, replica.record(), info, options) };
}
