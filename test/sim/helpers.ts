import { subSeed } from '../../src/engine/random.ts';
import {
  allocatorFor,
  generateWorkload,
  prepare,
  Replica,
  type ScenarioInput,
  schedulerFor,
} from '../../src/engine/sim/index.ts';

/** Run a scenario at the level below `simulate`, keeping the raw record and the allocator for inspection. */
export function runRaw(input: ScenarioInput) {
  const setup = prepare(input);
  const s = setup.scenario;
  const kv = allocatorFor(setup);
  const workload = generateWorkload(s.workload, s.seed);
  const replica = new Replica(
    {
      cost: setup.cost,
      kv,
      scheduler: schedulerFor(setup),
      maxModelLen: s.kv.maxModelLen,
      speculative: s.speculative,
      acceptanceSeed: subSeed(s.seed, 'acceptance'),
    },
    workload,
  );
  return { setup, kv, workload, record: replica.execute() };
}

/** Relative change from a to b. */
export const change = (a: number, b: number) => (b - a) / a;
