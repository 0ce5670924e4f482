// The timing source the practice server runs on: the course's serving simulator.
import { performance } from 'node:perf_hooks';
import type { ScenarioInput } from '../engine/sim/index.ts';
import { SimSource } from './sim-source.ts';

/** A simulator-driven source whose time 0 is now. Throws the simulator's InputError for a bad scenario. */
export function createTimingSource(scenario: ScenarioInput): SimSource {
  return new SimSource(scenario, performance.now());
}
