import { describe, expect, it } from 'vitest';
import { generate, getTemplate, grade, referenceAnswer, TEMPLATES } from '../../graders/questions/bank.ts';
import type { Question } from '../../graders/questions/schema.ts';
import { canonicalTopic, TOPIC_ALIASES, TOPICS } from '../../graders/questions/topics.ts';
import { fromCanonical, toCanonical, unitsFor } from '../../graders/questions/units.ts';
import { OUTLINE } from '../../src/course/outline.ts';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);

/** A unit whose factor differs from the question's by more than the tolerance, if the quantity has one. */
function slipUnit(q: Question & { answer: { kind: 'number' } }): string | undefined {
  const { quantity, unit, tolerance } = q.answer;
  const f = toCanonical(quantity, 1, unit);
  return unitsFor(quantity).find((u) => {
    if (u === unit || u === '') return false;
    const ratio = toCanonical(quantity, 1, u) / f;
    return Math.abs(ratio - 1) > 3 * tolerance;
  });
}

describe('question bank', () => {
  it('has unique template ids, each with a known topic that a chapter in the outline teaches', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    for (const topic of TOPICS) expect(slugs.has(topic.chapter), topic.chapter).toBe(true);
    for (const t of TEMPLATES) {
      expect(
        TOPICS.some((x) => x.id === canonicalTopic(t.topic)),
        `${t.id}: topic "${t.topic}" is missing from graders/questions/topics.ts`,
      ).toBe(true);
      expect(generate(t.id, 1).topic).toBe(canonicalTopic(t.topic));
    }
    for (const target of Object.values(TOPIC_ALIASES)) expect(TOPICS.some((x) => x.id === target)).toBe(true);
  });

  for (const t of TEMPLATES) {
    describe(t.id, () => {
      it('is deterministic: same seed, same question', () => {
        expect(generate(t.id, 42)).toEqual(generate(t.id, 42));
      });

      it('varies across seeds', () => {
        const shown = new Set(SEEDS.slice(0, 30).map((s) => JSON.stringify(generate(t.id, s))));
        expect(shown.size).toBeGreaterThan(5);
      });

      it('grades the reference answer right and a wrong one wrong, for 200 seeds', () => {
        for (const seed of SEEDS) {
          const q = generate(t.id, seed);
          const ref = referenceAnswer(q);
          const v = grade(q, ref);
          expect(v.correct, `${q.text} → ${ref}: ${v.message}`).toBe(true);
          expect(v.unitSlip).toBe(false);
          expect(v.solution.length).toBeGreaterThan(0);
          const a = q.answer;
          if (a.kind === 'number') {
            const [num, unit = ''] = ref.split(' ');
            for (const factor of [1 + 3 * a.tolerance, 1 - 3 * a.tolerance]) {
              const w = grade(q, `${Number(num) * factor} ${unit}`);
              expect(w.correct, `${q.text}: ${Number(num) * factor} accepted`).toBe(false);
            }
            const u = slipUnit(q as Question & { answer: { kind: 'number' } });
            if (u !== undefined) {
              const inU = fromCanonical(a.quantity, toCanonical(a.quantity, Number(num), a.unit), u);
              const slip = grade(q, `${inU} ${a.unit}`);
              expect(slip.correct).toBe(false);
              expect(slip.unitSlip, `${q.text}: ${inU} ${a.unit} → ${slip.message}`).toBe(true);
              expect(slip.message).toContain(`right in ${u}`);
            }
          } else if (a.kind === 'choice') {
            const labels = a.options.map((o) => o.label);
            expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
            for (const o of a.options) {
              const v2 = grade(q, o.id);
              expect(v2.correct).toBe(o.id === ref);
              expect(v2.options?.find((x) => x.id === o.id)?.explanation.length).toBeGreaterThan(10);
            }
          } else {
            const ids = ref.split(',');
            const swapped = [...ids];
            [swapped[0], swapped[1]] = [swapped[1] as string, swapped[0] as string];
            expect(grade(q, swapped.join(',')).correct).toBe(false);
            expect(grade(q, a.items.map((i) => i.id).join(',')).correct).toBe(false);
          }
        }
      });
    });
  }

  it('accepts GiB for a GB question and reports a GB/GiB slip as a unit slip', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const q = generate('memory-wall/weight-memory', seed);
      const bytes = Number(referenceAnswer(q).split(' ')[0]) * 1e9;
      const gib = bytes / 2 ** 30;
      const ok = grade(q, `${gib} GiB`);
      expect(ok.correct).toBe(true);
      expect(ok.message).toMatch(/GiB is .* GB/);
      const slip = grade(q, `${gib} GB`);
      expect(slip.correct).toBe(false);
      expect(slip.unitSlip).toBe(true);
      expect(slip.message).toMatch(/right in GiB/);
    }
  });

  it('reads answers with no unit in the question unit, and explains unreadable ones', () => {
    const q = generate('memory-wall/decode-ceiling', 3);
    const num = referenceAnswer(q).split(' ')[0] as string;
    expect(grade(q, num).correct).toBe(true);
    expect(grade(q, num).message).toMatch(/read as tok\/s/);
    const v = grade(q, 'about fifty');
    expect(v.correct).toBe(false);
    expect(v.message).toMatch(/Write a number/);
    expect(grade(q, `${num} parsecs`).message).toMatch(/not a unit/);
  });

  it('never trusts the page: grading uses the template and seed, not the text or answer spec sent', () => {
    const q = generate('memory-wall/decode-ceiling', 5);
    const ref = referenceAnswer(q);
    const forged = { ...q, text: 'anything', answer: { ...q.answer, tolerance: 0.5 } } as Question;
    const off = `${Number(ref.split(' ')[0]) * 1.3} tok/s`;
    expect(grade(forged, off).correct).toBe(false);
    expect(() => getTemplate('no/such-template')).toThrow(/unknown question template/);
  });
});

describe('choice and order answers', () => {
  it('reads option letters loosely and rejects anything that is not an option', () => {
    const q = generate('diagnostic-flow/which-step', 1);
    const ref = referenceAnswer(q);
    for (const form of [ref, ref.toUpperCase(), `(${ref})`, ` ${ref}) `]) expect(grade(q, form).correct).toBe(true);
    const v = grade(q, 'z');
    expect(v.correct).toBe(false);
    expect(v.message).toMatch(/Pick one option/);
    expect(v.options?.every((o) => !o.chosen)).toBe(true);
    const wrong = q.answer.kind === 'choice' ? q.answer.options.find((o) => o.id !== ref)?.id : undefined;
    const w = grade(q, wrong ?? '');
    expect(w.options?.find((o) => o.chosen)?.id).toBe(wrong);
    expect(w.message).toContain(`(${ref})`);
  });

  it('reads orderings with commas, spaces, arrows or run together, and requires every item once', () => {
    const q = generate('diagnostic-flow/order', 9);
    const ids = referenceAnswer(q).split(',');
    for (const form of [ids.join(', '), ids.join(' '), ids.join(' > '), ids.join('')]) {
      expect(grade(q, form).correct).toBe(true);
    }
    const missing = grade(q, ids.slice(1).join(','));
    expect(missing.correct).toBe(false);
    expect(missing.message).toMatch(/every item exactly once/);
    expect(grade(q, [...ids, ids[0]].join(',')).message).toMatch(/every item exactly once/);
    const rev = grade(q, [...ids].reverse().join(','));
    expect(rev.correct).toBe(false);
    expect(rev.message).toMatch(/in the right place/);
  });
});
