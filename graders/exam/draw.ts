import { Random } from '../../src/engine/random.ts';
import { generate } from '../questions/bank.ts';
import type { Question } from '../questions/schema.ts';
import type { Blueprint } from './blueprint.ts';

/** Questions seeds stay below 2^31 so they survive any JSON or integer round trip. */
const SEED_SPACE = 2 ** 31 - 1;

/**
 * Draw an exam: for each blueprint entry, `count` questions cycling through its templates (so every template
 * appears before any repeats), each with its own seed drawn from the exam seed. Same blueprint and seed ⇒ same exam.
 */
export function drawExam(b: Blueprint, seed: number): Question[] {
  const rng = new Random(seed);
  const out: Question[] = [];
  for (const entry of b.entries) {
    const start = rng.int(0, entry.templates.length - 1);
    for (let i = 0; i < entry.count; i++) {
      const templateId = entry.templates[(start + i) % entry.templates.length] as string;
      out.push(generate(templateId, rng.int(0, SEED_SPACE)));
    }
  }
  return out;
}
