import { type ExamOutcome, type Progress, RECENT } from './schema.ts';

// Pure updates: each returns a new record and leaves the old one untouched.

export function withAnswer(p: Progress, topic: string, correct: boolean): Progress {
  const t = p.topics[topic] ?? { answered: 0, correct: 0, recent: [] };
  const next = {
    answered: t.answered + 1,
    correct: t.correct + (correct ? 1 : 0),
    recent: [...t.recent, correct].slice(-RECENT),
  };
  return { ...p, topics: { ...p.topics, [topic]: next } };
}

export function withChapterRead(p: Progress, slug: string): Progress {
  return p.chapters.includes(slug) ? p : { ...p, chapters: [...p.chapters, slug] };
}

export function withLabPassed(p: Progress, labId: string): Progress {
  return p.labs.includes(labId) ? p : { ...p, labs: [...p.labs, labId] };
}

export function withExam(p: Progress, exam: ExamOutcome): Progress {
  return { ...p, exams: [...p.exams, exam].slice(-50) };
}
