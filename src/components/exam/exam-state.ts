import { z } from 'zod';
import { BlueprintId, ExamAnswers, ExamSeed } from '../../../graders/exam/blueprint.ts';

/** An exam in progress, kept in localStorage so a reload resumes it with the same clock. */
export const ExamState = z.object({
  blueprint: BlueprintId,
  seed: ExamSeed,
  name: z.string().max(200),
  startedAt: z.number().int().positive(),
  answers: ExamAnswers,
});
export type ExamState = z.infer<typeof ExamState>;

export const EXAM_KEY = 'goodput:exam:current';
/** The last issued certificate record, read by the printable certificate page. */
export const LAST_CERTIFICATE_KEY = 'goodput:certificate:last';

export function readExamState(): ExamState | null {
  try {
    const raw = localStorage.getItem(EXAM_KEY);
    if (raw === null) return null;
    const parsed = ExamState.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // unreadable: fall through and forget it
  }
  try {
    localStorage.removeItem(EXAM_KEY);
  } catch {
    // storage blocked; nothing to clean
  }
  return null;
}

export function writeExamState(s: ExamState | null): void {
  try {
    if (s === null) localStorage.removeItem(EXAM_KEY);
    else localStorage.setItem(EXAM_KEY, JSON.stringify(s));
  } catch {
    // storage blocked or full: the exam still runs, it just cannot resume after a reload
  }
}
