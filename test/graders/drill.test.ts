import { describe, expect, it } from 'vitest';
import { drillMix, type PoolTemplate, SECONDS, topicWeight } from '../../graders/drill/mix.ts';
import { TEMPLATES } from '../../graders/questions/bank.ts';

const pool: PoolTemplate[] = [
  { id: 'a/1', topic: 'a', kind: 'number' },
  { id: 'a/2', topic: 'a', kind: 'choice' },
  { id: 'b/1', topic: 'b', kind: 'order' },
  { id: 'c/1', topic: 'c', kind: 'number' },
];

describe('topic weights', () => {
  it('rises with mistakes, lets recent results override old ones, and treats untried as half-known', () => {
    expect(topicWeight(undefined)).toBe(3);
    expect(topicWeight({ answered: 10, correct: 10, recent: [true, true, true] })).toBe(1);
    expect(topicWeight({ answered: 10, correct: 0, recent: [false, false, false] })).toBe(5);
    // Ten misses long ago, three recent successes: no longer weak.
    expect(topicWeight({ answered: 13, correct: 3, recent: [true, true, true] })).toBe(1);
    const few = topicWeight({ answered: 2, correct: 0, recent: [false, false] });
    expect(few).toBeGreaterThan(3);
    expect(few).toBeLessThan(5);
  });
});

describe('drillMix', () => {
  it('is deterministic for a seed and gives each question the time its answer type allows', () => {
    const a = drillMix(pool, {}, 9);
    expect(a).toEqual(drillMix(pool, {}, 9));
    expect(a).toHaveLength(10);
    for (const item of a) {
      const t = pool.find((p) => p.id === item.templateId);
      expect(t?.topic).toBe(item.topic);
      expect(item.seconds).toBe(SECONDS[t?.kind ?? 'number']);
    }
  });

  it('never repeats a topic back to back when there is another', () => {
    for (let seed = 0; seed < 50; seed++) {
      const items = drillMix(pool, {}, seed);
      for (let i = 1; i < items.length; i++) expect(items[i]?.topic).not.toBe(items[i - 1]?.topic);
    }
  });

  it('asks about a weak topic more often than a strong one, in proportion to the weights', () => {
    const records = {
      a: { answered: 10, correct: 10, recent: [true, true, true, true] },
      b: { answered: 10, correct: 1, recent: [false, false, false, true] },
      c: { answered: 10, correct: 10, recent: [true, true, true, true] },
    };
    const count: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let seed = 0; seed < 400; seed++)
      for (const i of drillMix(pool, records, seed)) count[i.topic] = (count[i.topic] ?? 0) + 1;
    // b weighs 4 against 1 and 1 but cannot follow itself, so it fills about half the slots.
    expect(count.b).toBeGreaterThan(1.5 * (count.a ?? 0));
    expect(count.b).toBeGreaterThan(1.5 * (count.c ?? 0));
  });

  it('works with the real bank', () => {
    const real = TEMPLATES.map((t) => ({ id: t.id, topic: t.topic, kind: t.kind ?? 'number' }));
    expect(drillMix(real, {}, 1, 12)).toHaveLength(12);
    expect(() => drillMix([], {}, 1)).toThrow(/empty/);
  });
});
