import { z } from 'zod';

/** What kind of number an answer is; decides which units a learner may type. */
export const Quantity = z.enum(['bytes', 'time', 'rate', 'plain']);
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

export const Question = z.object({
  templateId: z.string().min(1),
  topic: z.string().min(1),
  seed: z.number().int().nonnegative(),
  text: z.string().min(1),
  answer: NumericSpec,
});
export type Question = z.infer<typeof Question>;

export interface Verdict {
  correct: boolean;
  /** The learner's number is right but written in the wrong unit (GB for GiB, say). */
  unitSlip: boolean;
  /** One or two sentences of feedback. */
  message: string;
  /** The expected answer, formatted in the question's unit. */
  expected: string;
  /** The worked solution, one step per line, numbers from the engine. */
  solution: string[];
}
