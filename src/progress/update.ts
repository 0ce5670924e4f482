import type { Progress } from './schema.ts';

// Pure updates: each returns a new record and leaves the old one untouched.

export function withAnswer(p: Progress, topic: string, correct: boolean): Progress {
  const t = p.topics[topic] ?? { answered: 0, correct: 0 };
  return {
    ...p,
    topics: { ...p.topics, [topic]: { answered: t.answered + 1, correct: t.correct + (correct ? 1 : 0) } },
  };
}

export function withChapterRead(p: Progress, slug: string): Progress {
  return p.chapters.includes(slug) ? p : { ...p, chapters: [...p.chapters, slug] };
}

export function withLabPassed(p: Progress, labId: string): Progress {
  return p.labs.includes(labId) ? p : { ...p, labs: [...p.labs, labId] };
}
