import { describe, expect, it } from 'vitest';
import { BLUEPRINTS, questionCount } from '../../graders/exam/blueprint.ts';
import { drawExam } from '../../graders/exam/draw.ts';
import { gradeExam } from '../../graders/exam/grade.ts';
import { getTemplate, grade, referenceAnswer } from '../../graders/questions/bank.ts';

describe('exam blueprints', () => {
  for (const b of Object.values(BLUEPRINTS)) {
    it(`${b.id}: every listed template exists and belongs to its entry's topic`, () => {
      for (const e of b.entries) {
        expect(e.templates.length).toBeGreaterThan(0);
        for (const id of e.templates) expect(getTemplate(id).topic).toBe(e.topic);
      }
      expect(new Set(b.entries.map((e) => e.topic)).size).toBe(b.entries.length);
    });

    it(`${b.id}: draws the same exam from the same seed and a different one from another`, () => {
      const a = drawExam(b, 12345);
      expect(a).toHaveLength(questionCount(b));
      expect(drawExam(b, 12345)).toEqual(a);
      expect(drawExam(b, 54321)).not.toEqual(a);
      for (const e of b.entries) expect(a.filter((q) => q.topic === e.topic)).toHaveLength(e.count);
    });
  }

  it('uses every template of an entry before repeating one', () => {
    const b = BLUEPRINTS.full;
    for (const seed of [1, 2, 3, 99]) {
      const qs = drawExam(b, seed);
      for (const e of b.entries) {
        const used = new Set(qs.filter((q) => q.topic === e.topic).map((q) => q.templateId));
        expect(used.size).toBe(Math.min(e.count, e.templates.length));
      }
    }
  });
});

describe('gradeExam', () => {
  const b = BLUEPRINTS.full;
  const seed = 2026;
  const questions = drawExam(b, seed);
  const perfect = questions.map(referenceAnswer);

  it('gives full marks for the reference answers and none for blanks', () => {
    const r = gradeExam(b, seed, perfect);
    expect(r.score).toMatchObject({ correct: questions.length, total: questions.length, percent: 100, passed: true });
    const blank = gradeExam(
      b,
      seed,
      questions.map(() => ''),
    );
    expect(blank.score).toMatchObject({ correct: 0, percent: 0, passed: false });
    expect(blank.verdicts.every((v) => !v.correct)).toBe(true);
  });

  it('passes at exactly 80% and fails one answer below, with per-topic counts that add up', () => {
    const n = questions.length;
    const needed = Math.ceil(0.8 * n);
    const answersWith = (right: number) => perfect.map((a, i) => (i < right ? a : ''));
    const pass = gradeExam(b, seed, answersWith(needed));
    expect(pass.score.passed).toBe(true);
    expect(gradeExam(b, seed, answersWith(needed - 1)).score.passed).toBe(false);
    expect(pass.topics.reduce((s, t) => s + t.correct, 0)).toBe(needed);
    expect(pass.topics.reduce((s, t) => s + t.total, 0)).toBe(n);
    // Each topic's count agrees with grading its questions one by one.
    for (const t of pass.topics) {
      const mine = questions
        .map((q, i) => ({ q, a: answersWith(needed)[i] ?? '' }))
        .filter(({ q }) => q.topic === t.topic);
      expect(t.correct).toBe(mine.filter(({ q, a }) => grade(q, a).correct).length);
    }
  });

  it('refuses a list of answers that does not match the exam', () => {
    expect(() => gradeExam(b, seed, perfect.slice(1))).toThrow(/has \d+ questions but \d+ answers/);
  });
});

describe('the certification blueprint', () => {
  it('has 30 questions, 60 minutes, an 80% pass mark, and spans at least 14 topics', () => {
    const b = BLUEPRINTS.full;
    expect(questionCount(b)).toBe(30);
    expect(b.minutes).toBe(60);
    expect(b.passMark).toBe(0.8);
    expect(b.practice).toBe(false);
    expect(b.entries.length).toBeGreaterThanOrEqual(14);
  });
});
