import { z } from 'zod';

/** What kind of number an answer is; decides which units a learner may type. */
export const Quantity = z.enum(['bytes', 'time', 'rate', 'requests', 'money', 'fraction', 'count', 'plain']);
export type Quantity = z.infer<typeof Quantity>;

export const NumericSpec = z.object({
  kind: z.literal('number'),
  quantity: Quantity,
  /** The unit the question asks for and assumes when the learner types none. */
  unit: z.string(),
  /** Accepted relative error, e.g. 0.02 for ±2%. */
  tolerance: z.number().positive().max(0.5),
});
export type NumericSpec = z.infer<typeof NumericSpec>;

/** A labelled thing the learner picks or arranges; ids are letters (a, b, c, …) in display order. */
export const Labelled = z.object({ id: z.string().regex(/^[a-z]$/), label: z.string().min(1) });
export type Labelled = z.infer<typeof Labelled>;

/** Multiple choice, one right option. The page gets the labels only; which one is right stays with the grader. */
export const ChoiceSpec = z.object({
  kind: z.literal('choice'),
  options: z.array(Labelled).min(2).max(8),
});
export type ChoiceSpec = z.infer<typeof ChoiceSpec>;

/** Put the items in order; the answer lists item ids, first to last (e.g. "c,a,b"). */
export const OrderSpec = z.object({
  kind: z.literal('order'),
  items: z.array(Labelled).min(3).max(10),
});
export type OrderSpec = z.infer<typeof OrderSpec>;

export const AnswerSpec = z.discriminatedUnion('kind', [NumericSpec, ChoiceSpec, OrderSpec]);
export type AnswerSpec = z.infer<typeof AnswerSpec>;
export type AnswerKind = AnswerSpec['kind'];

export const Question = z.object({
  templateId: z.string().min(1),
  topic: z.string().min(1),
  seed: z.number().int().nonnegative(),
  text: z.string().min(1),
  answer: AnswerSpec,
});
export type Question = z.infer<typeof Question>;

/** What the grader says about one option of a multiple-choice question, shown after grading. */
export interface OptionFeedback {
  id: string;
  label: string;
  correct: boolean;
  /** Why this option is right or wrong. */
  explanation: string;
  /** The learner picked it. */
  chosen: boolean;
}

export interface Verdict {
  correct: boolean;
  /** The learner's number is right but written in the wrong unit (GB for GiB, say). */
  unitSlip: boolean;
  /** One or two sentences of feedback. */
  message: string;
  /** The expected answer: a number in the question's unit, an option, or the right order. */
  expected: string;
  /** The worked solution, one step per line, numbers from the engine. */
  solution: string[];
  /** Multiple choice only: every option with its explanation. */
  options?: OptionFeedback[];
}
