// Browser-side recording for islands (self-checks, labs). Loaded on demand, so chapter pages stay light.

import type { ExamOutcome } from './schema.ts';
import type { KeyValueStore } from './store.ts';
import { updateProgress } from './store.ts';
import { withAnswer, withChapterRead, withExam, withLabPassed } from './update.ts';

/** Fired on window after every change, so an open progress view can refresh. */
export const PROGRESS_EVENT = 'goodput:progress';

function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function change(f: Parameters<typeof updateProgress>[1]): string | undefined {
  const store = storage();
  if (!store) return undefined;
  const { notice } = updateProgress(store, f);
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
  return notice;
}

/** Returns a notice for the learner when stored progress had to be set aside. */
export function recordAnswer(topic: string, correct: boolean): string | undefined {
  return change((p) => withAnswer(p, topic, correct));
}

export function recordChapterRead(slug: string): string | undefined {
  return change((p) => withChapterRead(p, slug));
}

export function recordLabPassed(labId: string): string | undefined {
  return change((p) => withLabPassed(p, labId));
}

export function recordExam(exam: ExamOutcome): string | undefined {
  return change((p) => withExam(p, exam));
}
