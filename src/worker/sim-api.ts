import { InputError } from '../engine/errors.ts';
import { type ScenarioInput, type SimResult, simulate } from '../engine/sim/index.ts';
import type { Result } from './engine-api.ts';

export interface SimReply {
  result: SimResult;
  /** How long the simulation took in the worker, in milliseconds. */
  wallMs: number;
}

/** What the simulator worker answers. Pure apart from the clock, so Node tests call it directly. */
export const simApi = {
  simulate(scenario: ScenarioInput): Result<SimReply> {
    const t0 = performance.now();
    try {
      const result = simulate(scenario);
      return { ok: true, value: { result, wallMs: performance.now() - t0 } };
    } catch (e) {
      if (e instanceof InputError) return { ok: false, issues: e.issues };
      throw e;
    }
  },
};

export type SimApi = typeof simApi;
