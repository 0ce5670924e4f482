import { describe, expect, it } from 'vitest';
import { generate, grade, referenceAnswer, TEMPLATES } from '../../graders/questions/bank.ts';
import { parseNumericAnswer } from '../../graders/questions/units.ts';
import { BYTE_UNITS } from '../../src/engine/units.ts';

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1);

describe('question bank', () => {
  for (const t of TEMPLATES) {
    describe(t.id, () => {
      it('is deterministic: same seed, same question', () => {
        expect(generate(t.id, 42)).toEqual(generate(t.id, 42));
      });

      it('varies the numbers across seeds', () => {
        const texts = new Set(SEEDS.slice(0, 30).map((s) => generate(t.id, s).text));
        expect(texts.size).toBeGreaterThan(5);
      });

      it('accepts the reference answer and rejects one off by more than the tolerance, for 200 seeds', () => {
        for (const seed of SEEDS) {
          const q = generate(t.id, seed);
          const ref = referenceAnswer(q);
          const v = grade(q, ref);
          expect(v.correct, `${q.text} → ${ref}: ${v.message}`).toBe(true);
          expect(v.solution.length).toBeGreaterThan(1);
          const [num, unit] = ref.split(' ');
          const off = Number(num) * (1 + 3 * q.answer.tolerance);
          expect(grade(q, `${off} ${unit}`).correct).toBe(false);
          const under = Number(num) * (1 - 3 * q.answer.tolerance);
          expect(grade(q, `${under} ${unit}`).correct).toBe(false);
        }
      });
    });
  }

  it('accepts GiB for a GB question and reports a GB/GiB slip as a unit slip', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const q = generate('memory-wall/weight-memory', seed);
      const bytes = Number(referenceAnswer(q).split(' ')[0]) * BYTE_UNITS.GB;
      const gib = bytes / BYTE_UNITS.GiB;
      expect(grade(q, `${gib} GiB`).correct).toBe(true);
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
    const v = grade(q, 'about fifty');
    expect(v.correct).toBe(false);
    expect(v.message).toMatch(/Write a number/);
    expect(grade(q, `${num} parsecs`).message).toMatch(/not a unit/);
  });
});

describe('parseNumericAnswer', () => {
  it('reads thousands separators, exponents and unit spellings', () => {
    expect(parseNumericAnswer('1,234.5 gb', 'bytes')).toEqual({ ok: true, value: 1234.5, unit: 'GB' });
    expect(parseNumericAnswer('2e3 ms', 'time')).toEqual({ ok: true, value: 2000, unit: 'ms' });
    expect(parseNumericAnswer('47.9 tokens/s', 'rate')).toEqual({ ok: true, value: 47.9, unit: 'tok/s' });
    expect(parseNumericAnswer('', 'rate').ok).toBe(false);
  });
});
