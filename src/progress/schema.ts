import { z } from 'zod';

const count = z.number().int().min(0).max(1e9);
const id = z.string().min(1).max(200);

/** Answers on one topic; `correct` can never exceed `answered`. */
export const TopicTally = z
  .object({ answered: count, correct: count })
  .refine((t) => t.correct <= t.answered, { message: 'correct must not exceed answered' });
export type TopicTally = z.infer<typeof TopicTally>;

/** Version 1 of the learner's progress as stored in the browser. */
export const ProgressV1 = z.object({
  version: z.literal(1),
  /** Chapter slugs the learner has read to the end. */
  chapters: z.array(id).max(1000),
  /** Self-check and exam answers by topic id. */
  topics: z.record(id, TopicTally),
  /** Lab ids whose hidden tests all passed. */
  labs: z.array(id).max(1000),
});
export type ProgressV1 = z.infer<typeof ProgressV1>;

/** The current version; migrate.ts brings older stored versions up to it. */
export const Progress = ProgressV1;
export type Progress = ProgressV1;
export const PROGRESS_VERSION = 1;

export function emptyProgress(): Progress {
  return { version: 1, chapters: [], topics: {}, labs: [] };
}
