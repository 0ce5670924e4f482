import type { Random } from '../../src/engine/random.ts';
import type { NumericSpec } from './schema.ts';

interface TemplateBase<P> {
  /** Stable id, "<chapter or area>/<name>"; certificates name templates by it. */
  id: string;
  /** A topic id from topics.ts. */
  topic: string;
  title: string;
  generate(rng: Random): P;
  text(p: P): string;
}

/** A question family with a numeric answer: draws parameters from a seed, words the question, solves it with the engine. */
export interface NumericTemplate<P> extends TemplateBase<P> {
  kind?: 'number';
  spec: Omit<NumericSpec, 'kind'>;
  /** When the unit asked for depends on the draw (GB in one question, GiB in another); defaults to spec.unit. */
  unitFor?(p: P): string;
  /** The answer in canonical units (bytes, seconds, tokens/s, dollars) and the worked steps. */
  solve(p: P): { value: number; steps: string[] };
}

export interface ChoiceOption {
  label: string;
  correct: boolean;
  /** Why it is right or wrong; shown after the learner answers. */
  explanation: string;
}

/** Multiple choice with exactly one right option; the bank shuffles options with the question's seed. */
export interface ChoiceTemplate<P> extends TemplateBase<P> {
  kind: 'choice';
  options(p: P): ChoiceOption[];
  /** The reasoning, with any numbers computed by the engine. */
  solve(p: P): { steps: string[] };
}

export interface OrderItem {
  label: string;
  /** Why it sits at this position. */
  why: string;
}

/** Put items in order; `items` returns them in the right order and the bank shuffles them for display. */
export interface OrderTemplate<P> extends TemplateBase<P> {
  kind: 'order';
  items(p: P): OrderItem[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds templates of many parameter shapes.
type Any = any;
/** Templates with their parameter types erased, for registries. */
export type AnyTemplate = NumericTemplate<Any> | ChoiceTemplate<Any> | OrderTemplate<Any>;
