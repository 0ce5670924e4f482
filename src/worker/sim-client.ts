import { type Remote, wrap } from 'comlink';
import type { ScenarioInput } from '../engine/sim/index.ts';
import type { Result } from './engine-api.ts';
import type { SimApi, SimReply } from './sim-api.ts';

let proxy: Remote<SimApi> | undefined;

function worker(): Remote<SimApi> {
  proxy ??= wrap<SimApi>(
    new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulator' }),
  );
  return proxy;
}

/** Run one scenario in the simulator worker. */
export function simulateInWorker(scenario: ScenarioInput): Promise<Result<SimReply>> {
  return worker().simulate(scenario);
}

/**
 * Runs jobs one at a time, keeping only the newest waiting: while a slider moves, intermediate positions are
 * skipped instead of queueing up. A skipped job resolves to null.
 */
export class LatestRunner<T, R> {
  #busy = false;
  #next: { arg: T; resolve: (value: R | null) => void; reject: (e: unknown) => void } | undefined;
  readonly #run: (arg: T) => Promise<R>;

  constructor(run: (arg: T) => Promise<R>) {
    this.#run = run;
  }

  submit(arg: T): Promise<R | null> {
    return new Promise((resolve, reject) => {
      this.#next?.resolve(null);
      this.#next = { arg, resolve, reject };
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    while (this.#next) {
      const job = this.#next;
      this.#next = undefined;
      try {
        job.resolve(await this.#run(job.arg));
      } catch (e) {
        job.reject(e);
      }
    }
    this.#busy = false;
  }
}
