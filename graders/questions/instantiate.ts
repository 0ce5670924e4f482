import { Random } from '../../src/engine/random.ts';
import { type Labelled, Question, type Question as QuestionT } from './schema.ts';
import type { AnyTemplate, ChoiceOption, OrderItem } from './template.ts';
import { canonicalTopic } from './topics.ts';

/** What the grader knows about a question and the page never sees. */
export type AnswerKey =
  | { kind: 'number'; value: number; steps: string[] }
  | { kind: 'choice'; options: (ChoiceOption & { id: string })[]; steps: string[] }
  | { kind: 'order'; items: (OrderItem & { id: string })[] };

export interface Instance {
  question: QuestionT;
  key: AnswerKey;
}

const letter = (i: number) => String.fromCharCode(97 + i);

/** Fisher–Yates with the question's own generator, so a seed always gives the same arrangement. */
function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Build one question and its key from a template and a seed. Pure: the same inputs give the same result. */
export function instantiate(t: AnyTemplate, seed: number): Instance {
  const rng = new Random(seed);
  const p = t.generate(rng);
  const base = { templateId: t.id, topic: canonicalTopic(t.topic), seed, text: t.text(p) };
  if (t.kind === 'choice') {
    const raw = t.options(p);
    const right = raw.filter((o) => o.correct).length;
    if (right !== 1)
      throw new Error(`template ${t.id} (seed ${seed}) has ${right} correct options; it needs exactly 1`);
    const options = shuffled(raw, rng).map((o, i) => ({ ...o, id: letter(i) }));
    const shown: Labelled[] = options.map(({ id, label }) => ({ id, label }));
    return {
      question: Question.parse({ ...base, answer: { kind: 'choice', options: shown } }),
      key: { kind: 'choice', options, steps: t.solve(p).steps },
    };
  }
  if (t.kind === 'order') {
    const right = t.items(p);
    // Display order: shuffled, and never already solved.
    let display = shuffled(right, rng);
    while (display.every((item, i) => item === right[i])) display = shuffled(right, rng);
    const ids = new Map(display.map((item, i) => [item, letter(i)]));
    const shown: Labelled[] = display.map((item) => ({ id: ids.get(item) as string, label: item.label }));
    return {
      question: Question.parse({ ...base, answer: { kind: 'order', items: shown } }),
      key: { kind: 'order', items: right.map((item) => ({ ...item, id: ids.get(item) as string })) },
    };
  }
  const { value, steps } = t.solve(p);
  return {
    question: Question.parse({ ...base, answer: { kind: 'number', ...t.spec, unit: t.unitFor?.(p) ?? t.spec.unit } }),
    key: { kind: 'number', value, steps },
  };
}
