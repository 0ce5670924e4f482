import { fixed } from '../../src/engine/units.ts';
import type { AnswerKey } from './instantiate.ts';
import type { ChoiceSpec, NumericSpec, OrderSpec, Verdict } from './schema.ts';
import { fromCanonical, parseNumericAnswer, toCanonical, unitsFor } from './units.ts';

/** A number as a learner would read it back: enough digits to check their own within the tolerance. */
export function displayNumber(value: number): string {
  const abs = Math.abs(value);
  return fixed(value, abs >= 100 ? 1 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6);
}

const pct = (tolerance: number) => `±${fixed(tolerance * 100, tolerance < 0.01 ? 1 : 0)}%`;

export function gradeNumeric(spec: NumericSpec, key: AnswerKey & { kind: 'number' }, answer: string): Verdict {
  const truth = key.value;
  const { quantity, unit, tolerance } = spec;
  const expected = `${displayNumber(fromCanonical(quantity, truth, unit))}${unit ? ` ${unit}` : ''}`;
  const base = { expected, solution: key.steps };
  const parsed = parseNumericAnswer(answer, quantity);
  if (!parsed.ok) return { ...base, correct: false, unitSlip: false, message: parsed.message };
  const close = (canonical: number) => Math.abs(canonical - truth) <= tolerance * Math.abs(truth);
  const used = parsed.unit ?? unit;
  if (close(toCanonical(quantity, parsed.value, used))) {
    const how =
      parsed.unit === null && unit !== ''
        ? ` (read as ${unit})`
        : toCanonical(quantity, 1, used) !== toCanonical(quantity, 1, unit)
          ? `: ${parsed.value} ${used} is ${displayNumber(fromCanonical(quantity, toCanonical(quantity, parsed.value, used), unit))} ${unit}`
          : '';
    return {
      ...base,
      correct: true,
      unitSlip: false,
      message: `Correct${how}. The answer is ${expected} (${pct(tolerance)}).`,
    };
  }
  // The right digits in the wrong unit (GB for GiB, ms for s) is a different mistake from wrong arithmetic.
  const slip = unitsFor(quantity).find((u) => u !== used && close(toCanonical(quantity, parsed.value, u)));
  if (slip !== undefined) {
    const wrote = parsed.unit === null ? `gave no unit, so it was read as ${unit}` : `wrote ${used}`;
    return {
      ...base,
      correct: false,
      unitSlip: true,
      message: `Unit slip: ${parsed.value} is right ${slip === '' ? 'as a plain number' : `in ${slip}`}, but you ${wrote}. The answer is ${expected}.`,
    };
  }
  return { ...base, correct: false, unitSlip: false, message: `Not quite: the answer is ${expected}.` };
}

/** End a phrase with a full stop unless it already ends a sentence. */
const stop = (s: string) => (/[.?!]$/.test(s) ? s : `${s}.`);

/** Read "b", "B", "(b)" or "b)" as option b. */
function readChoice(answer: string): string {
  return answer
    .trim()
    .toLowerCase()
    .replace(/^\(?([a-z])[).]?$/, '$1');
}

export function gradeChoice(spec: ChoiceSpec, key: AnswerKey & { kind: 'choice' }, answer: string): Verdict {
  const right = key.options.find((o) => o.correct);
  if (!right) throw new Error('a choice key without a correct option');
  const expected = `(${right.id}) ${right.label}`;
  const picked = readChoice(answer);
  const options = key.options.map((o) => ({
    id: o.id,
    label: o.label,
    correct: o.correct,
    explanation: o.explanation,
    chosen: o.id === picked,
  }));
  const base = { expected, solution: key.steps, unitSlip: false, options };
  const ids = spec.options.map((o) => o.id);
  if (!ids.includes(picked)) {
    return { ...base, correct: false, message: `Pick one option: ${ids.join(', ')}.` };
  }
  const chosen = key.options.find((o) => o.id === picked);
  if (chosen?.correct) return { ...base, correct: true, message: `Correct: ${stop(expected)} ${chosen.explanation}` };
  return {
    ...base,
    correct: false,
    message: `Not quite: you picked (${picked}). ${chosen?.explanation ?? ''} The answer is ${stop(expected)}`,
  };
}

/** Read "c, a, b", "c a b", "c > a > b" or "cab" as an ordering. */
export function readOrder(answer: string): string[] {
  const t = answer.trim().toLowerCase();
  const parts = /^[a-z]+$/.test(t) ? [...t] : t.split(/[\s,;>→-]+/).filter(Boolean);
  return parts;
}

export function gradeOrder(spec: OrderSpec, key: AnswerKey & { kind: 'order' }, answer: string): Verdict {
  const rightIds = key.items.map((i) => i.id);
  const expected = key.items.map((i) => `(${i.id}) ${i.label}`).join(' → ');
  const solution = key.items.map((i) => `${i.label} — ${i.why}`);
  const base = { expected, solution, unitSlip: false };
  const given = readOrder(answer);
  const ids = spec.items.map((i) => i.id);
  const complete = given.length === ids.length && ids.every((id) => given.includes(id));
  if (!complete) {
    return {
      ...base,
      correct: false,
      message: `List every item exactly once, first to last, e.g. "${ids.join(', ')}".`,
    };
  }
  if (given.every((id, i) => id === rightIds[i])) {
    return { ...base, correct: true, message: `Correct: all ${ids.length} in the right order.` };
  }
  const inPlace = given.filter((id, i) => id === rightIds[i]).length;
  return {
    ...base,
    correct: false,
    message: `Not quite: ${inPlace} of ${ids.length} in the right place. The order is ${expected}.`,
  };
}
