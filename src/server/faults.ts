// Injected failures, so a benchmark's error handling can be tried on purpose. Seeded: the same flags and the
// same order of requests give the same faults.
import { Random } from '../engine/random.ts';
import type { Fault } from './truth.ts';

export interface FaultRates {
  /** Answer HTTP 500 at once. */
  error: number;
  /** Stream part of the reply, then cut the connection. */
  drop: number;
  /** Stream part of the reply, then go silent with the connection open. */
  stall: number;
}

export const NO_FAULTS: FaultRates = { error: 0, drop: 0, stall: 0 };

export class FaultPicker {
  readonly #rates: FaultRates;
  readonly #rng: Random;

  constructor(rates: FaultRates, seed: number) {
    this.#rates = rates;
    this.#rng = new Random(seed);
  }

  next(): Fault | null {
    const { error, drop, stall } = this.#rates;
    if (error + drop + stall === 0) return null;
    const u = this.#rng.next();
    if (u < error) return 'http_error';
    if (u < error + drop) return 'drop';
    if (u < error + drop + stall) return 'stall';
    return null;
  }
}
