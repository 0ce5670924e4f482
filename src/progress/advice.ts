import type { Progress } from './schema.ts';

/** What the course offers, in order: the progress page passes it in from the outline, labs and topics. */
export interface CourseMap {
  chapters: { slug: string; title: string }[];
  labs: { id: string; title: string; slug: string }[];
  /** `chapter` is "" for a topic whose chapter page does not exist yet. */
  topics: { id: string; label: string; chapter: string }[];
}

export type Standing = 'strong' | 'weak' | 'learning' | 'untried';

export interface TopicStanding {
  id: string;
  label: string;
  chapter: string;
  answered: number;
  correct: number;
  standing: Standing;
}

export interface Step {
  text: string;
  /** Site-relative slug the step links to. */
  slug: string;
}

export interface Advice {
  /** The latest exam, if any. */
  lastExam: Progress['exams'][number] | undefined;
  chaptersRead: number;
  chaptersTotal: number;
  labsPassed: number;
  labsTotal: number;
  topics: TopicStanding[];
  strengths: TopicStanding[];
  weaknesses: TopicStanding[];
  next: Step[];
}

/** Enough answers to judge, and the bars for strong and weak (80% is also the exam's pass mark). */
export const JUDGE = { strongMin: 3, strongAt: 0.8, weakMin: 2, weakBelow: 0.6 } as const;

export function standingOf(answered: number, correct: number): Standing {
  if (answered === 0) return 'untried';
  const acc = correct / answered;
  if (answered >= JUDGE.strongMin && acc >= JUDGE.strongAt) return 'strong';
  if (answered >= JUDGE.weakMin && acc < JUDGE.weakBelow) return 'weak';
  return 'learning';
}

const accuracy = (t: TopicStanding) => (t.answered ? t.correct / t.answered : 0);

export function advise(p: Progress, course: CourseMap): Advice {
  const titleOf = (slug: string) => course.chapters.find((c) => c.slug === slug)?.title ?? slug;
  const topics = course.topics.map((t) => {
    const tally = p.topics[t.id] ?? { answered: 0, correct: 0 };
    return { ...t, ...tally, standing: standingOf(tally.answered, tally.correct) };
  });
  const strengths = topics.filter((t) => t.standing === 'strong').sort((a, b) => accuracy(b) - accuracy(a));
  const weaknesses = topics
    .filter((t) => t.standing === 'weak')
    .sort((a, b) => accuracy(a) - accuracy(b) || b.answered - a.answered);
  const read = new Set(p.chapters);
  const passed = new Set(p.labs);
  const next: Step[] = [];
  const weakest = weaknesses[0];
  if (weakest) {
    const tally = `${weakest.correct} of ${weakest.answered} right`;
    next.push(
      weakest.chapter
        ? {
            text: `Shore up "${weakest.label}" (${tally}): re-read ${titleOf(weakest.chapter)} and redo its self-check, or run the interview drill, which favours weak topics.`,
            slug: weakest.chapter,
          }
        : {
            text: `Shore up "${weakest.label}" (${tally}) in the interview drill, which favours weak topics.`,
            slug: 'tools/drill',
          },
    );
  }
  const tried = topics.filter((t) => t.standing !== 'untried').length;
  if (weaknesses.length === 0 && tried >= Math.ceil(topics.length / 2)) {
    next.push({ text: 'You have no weak topics on record: take the certification exam.', slug: 'exam' });
  }
  const unread = course.chapters.find((c) => !read.has(c.slug));
  if (unread) next.push({ text: `Read next: ${unread.title}.`, slug: unread.slug });
  const lab = course.labs.find((l) => !passed.has(l.id));
  if (lab) next.push({ text: `Practise: ${lab.title}.`, slug: lab.slug });
  return {
    lastExam: p.exams.at(-1),
    chaptersRead: course.chapters.filter((c) => read.has(c.slug)).length,
    chaptersTotal: course.chapters.length,
    labsPassed: course.labs.filter((l) => passed.has(l.id)).length,
    labsTotal: course.labs.length,
    topics,
    strengths,
    weaknesses,
    next: next.slice(0, 3),
  };
}
