import { describe, expect, it } from 'vitest';
import { advise, type CourseMap, standingOf } from '../../src/progress/advice.ts';
import { emptyProgress, type Progress } from '../../src/progress/schema.ts';

const course: CourseMap = {
  chapters: [
    { slug: 'a/one', title: '1. One' },
    { slug: 'a/two', title: '2. Two' },
    { slug: 'a/three', title: '3. Three' },
  ],
  labs: [
    { id: 'lab-x', title: 'Lab X', slug: 'labs/lab-x' },
    { id: 'lab-y', title: 'Lab Y', slug: 'labs/lab-y' },
  ],
  topics: [
    { id: 't1', label: 'Topic one', chapter: 'a/one' },
    { id: 't2', label: 'Topic two', chapter: 'a/two' },
    { id: 't3', label: 'Topic three', chapter: 'a/three' },
    { id: 't4', label: 'Topic four', chapter: 'a/three' },
  ],
};

const with_ = (topics: Progress['topics'], chapters: string[] = [], labs: string[] = []): Progress => ({
  ...emptyProgress(),
  topics,
  chapters,
  labs,
});

describe('standing', () => {
  it('needs enough answers before calling a topic strong or weak', () => {
    expect(standingOf(0, 0)).toBe('untried');
    expect(standingOf(2, 2)).toBe('learning');
    expect(standingOf(3, 3)).toBe('strong');
    expect(standingOf(5, 4)).toBe('strong');
    expect(standingOf(5, 3)).toBe('learning');
    expect(standingOf(1, 0)).toBe('learning');
    expect(standingOf(2, 1)).toBe('weak');
    expect(standingOf(5, 2)).toBe('weak');
  });
});

describe('advise', () => {
  it('points a new learner at the first chapter and the first lab', () => {
    const a = advise(emptyProgress(), course);
    expect(a.next.map((s) => s.slug)).toEqual(['a/one', 'labs/lab-x']);
    expect(a.chaptersRead).toBe(0);
    expect(a.strengths).toEqual([]);
  });

  it('names strengths and weaknesses and sends the learner to the weakest topic first', () => {
    const p = with_(
      {
        t1: { answered: 4, correct: 4, recent: [] },
        t2: { answered: 5, correct: 1, recent: [] },
        t3: { answered: 4, correct: 2, recent: [] },
      },
      ['a/one'],
      ['lab-x'],
    );
    const a = advise(p, course);
    expect(a.strengths.map((t) => t.id)).toEqual(['t1']);
    expect(a.weaknesses.map((t) => t.id)).toEqual(['t2', 't3']);
    expect(a.next[0]?.slug).toBe('a/two');
    expect(a.next[0]?.text).toMatch(/Topic two.*1 of 5/);
    expect(a.next.map((s) => s.slug)).toEqual(['a/two', 'a/two', 'labs/lab-y']);
    expect(a.chaptersRead).toBe(1);
    expect(a.labsPassed).toBe(1);
  });

  it('suggests the exam once most topics are tried and none is weak', () => {
    const p = with_({ t1: { answered: 3, correct: 3, recent: [] }, t2: { answered: 3, correct: 2, recent: [] } });
    expect(advise(p, course).next[0]?.slug).toBe('exam');
  });

  it('ignores chapters and topics the course no longer has', () => {
    const p = with_({ gone: { answered: 9, correct: 0, recent: [] } }, ['old/chapter']);
    const a = advise(p, course);
    expect(a.chaptersRead).toBe(0);
    expect(a.weaknesses).toEqual([]);
  });
});

describe('topics whose chapter is not written yet', () => {
  it('send the learner to the drill instead of a missing page', () => {
    const withMissing: CourseMap = { ...course, topics: [{ id: 't9', label: 'Topic nine', chapter: '' }] };
    const p = with_({ t9: { answered: 4, correct: 0, recent: [] } });
    const a = advise(p, withMissing);
    expect(a.next[0]).toEqual({ text: expect.stringMatching(/Topic nine.*drill/), slug: 'tools/drill' });
  });
});
