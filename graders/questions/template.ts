import type { Rng } from './rng.ts';
import type { NumericSpec } from './schema.ts';

/** A question family: draws parameters from a seed, words the question, and solves it with the engine. */
export interface NumericTemplate<P> {
  id: string;
  topic: string;
  title: string;
  spec: Omit<NumericSpec, 'kind'>;
  generate(rng: Rng): P;
  text(p: P): string;
  /** The answer in canonical units (bytes, seconds, tokens/s) and the worked steps. */
  solve(p: P): { value: number; steps: string[] };
}

/** Templates with their parameter types erased, for registries. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds templates of many parameter shapes.
export type AnyTemplate = NumericTemplate<any>;
