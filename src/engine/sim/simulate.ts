import { subSeed } from '../random.ts';
import { ContiguousAllocator } from './contiguous-allocator.ts';
import { ContinuousScheduler } from './continuous-scheduler.ts';
import type { KvAllocator, KvAllocatorFactory, KvAllocatorOptions } from './kv-allocator.ts';
import { PagedAllocator } from './paged-allocator.ts';
import { Replica } from './replica.ts';
import { buildResult, type ResultOptions, type SimResult } from './result.ts';
import type { ScenarioInput } from './scenario.ts';
import type { Scheduler } from './scheduler.ts';
import { prepare, type SimSetup } from './setup.ts';
import { StaticScheduler } from './static-scheduler.ts';
import { generateWorkload } from './workload.ts';

/** Your own policies, to run in place of the built-in ones (labs plug in here). */
export interface SimPlugins {
  scheduler?: Scheduler;
  allocator?: KvAllocatorFactory;
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
    },
    generateWorkload(s.workload, s.seed),
  );
  const run = replica.execute();
  return buildResult(
    setup,
    run,
    { scheduler: scheduler.name, totalBlocks: kv.totalBlocks, blockSize: kv.blockSize },
    options,
  );
}
