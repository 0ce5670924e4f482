import { z } from 'zod';

const count = z.number().int().min(0).max(1e9);
const id = z.string().min(1).max(200);

/** Answers on one topic; `correct` can never exceed `answered`. */
export const TopicTallyV1 = z
  .object({ answered: count, correct: count })
  .refine((t) => t.correct <= t.answered, { message: 'correct must not exceed answered' });

/** Version 1: chapters read, answers by topic, labs passed. */
export const ProgressV1 = z.object({
  version: z.literal(1),
  /** Chapter slugs the learner has read to the end. */
  chapters: z.array(id).max(1000),
  /** Self-check and exam answers by topic id. */
  topics: z.record(id, TopicTallyV1),
  /** Lab ids whose hidden tests all passed. */
  labs: z.array(id).max(1000),
});
export type ProgressV1 = z.infer<typeof ProgressV1>;

/** How many recent outcomes per topic are kept: enough for the drill to see a trend, small enough to stay tiny. */
export const RECENT = 10;

export const TopicTally = z
  .object({
    answered: count,
    correct: count,
    /** The latest outcomes, oldest first, so the drill can tell a topic you have since mastered from one you still miss. */
    recent: z.array(z.boolean()).max(RECENT),
  })
  .refine((t) => t.correct <= t.answered, { message: 'correct must not exceed answered' })
  .refine((t) => t.recent.length <= t.answered, { message: 'recent outcomes cannot outnumber answers' });
export type TopicTally = z.infer<typeof TopicTally>;

export const ExamOutcome = z.object({
  date: z.string().max(40),
  blueprint: z.string().max(20),
  seed: z.number().int().min(0),
  correct: count,
  total: count,
  passed: z.boolean(),
});
export type ExamOutcome = z.infer<typeof ExamOutcome>;

/** Version 2 (current): adds recent outcomes per topic (for the drill) and exam results. */
export const ProgressV2 = z.object({
  version: z.literal(2),
  chapters: z.array(id).max(1000),
  topics: z.record(id, TopicTally),
  labs: z.array(id).max(1000),
  /** Exams taken, oldest first, at most the last 50. */
  exams: z.array(ExamOutcome).max(50),
});
export type ProgressV2 = z.infer<typeof ProgressV2>;

/** The current version; migrate.ts brings older stored versions up to it. */
export const Progress = ProgressV2;
export type Progress = ProgressV2;
export const PROGRESS_VERSION = 2;

export function emptyProgress(): Progress {
  return { version: 2, chapters: [], topics: {}, labs: [], exams: [] };
}
