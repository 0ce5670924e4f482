import { grade } from '../questions/bank.ts';
import type { Question, Verdict } from '../questions/schema.ts';
import { getTopic } from '../questions/topics.ts';
import type { Blueprint } from './blueprint.ts';
import { drawExam } from './draw.ts';

export interface TopicScore {
  topic: string;
  label: string;
  correct: number;
  total: number;
}

export interface Score {
  correct: number;
  total: number;
  /** Whole percent, rounded down so a score never looks better than it is. */
  percent: number;
  passMark: number;
  passed: boolean;
}

export interface ExamResult {
  questions: Question[];
  verdicts: Verdict[];
  score: Score;
  topics: TopicScore[];
}

/** Grade an exam from its blueprint and seed; `answers[i]` answers question i ("" for unanswered). */
export function gradeExam(b: Blueprint, seed: number, answers: readonly string[]): ExamResult {
  const questions = drawExam(b, seed);
  if (answers.length !== questions.length) {
    throw new RangeError(`this exam has ${questions.length} questions but ${answers.length} answers were given`);
  }
  const verdicts = questions.map((q, i) => grade(q, answers[i] ?? ''));
  const correct = verdicts.filter((v) => v.correct).length;
  const total = questions.length;
  const topics: TopicScore[] = [];
  questions.forEach((q, i) => {
    let t = topics.find((x) => x.topic === q.topic);
    if (!t) {
      t = { topic: q.topic, label: getTopic(q.topic).label, correct: 0, total: 0 };
      topics.push(t);
    }
    t.total++;
    if (verdicts[i]?.correct) t.correct++;
  });
  return {
    questions,
    verdicts,
    score: {
      correct,
      total,
      percent: Math.floor((100 * correct) / total),
      passMark: b.passMark,
      passed: 100 * correct >= Math.round(100 * b.passMark) * total,
    },
    topics,
  };
}
