import { Random } from '../../src/engine/random.ts';
import type { AnswerKind } from '../questions/schema.ts';

/** What the drill knows of a topic from the learner's progress. */
export interface TopicRecord {
  answered: number;
  correct: number;
  /** Latest outcomes, oldest first. */
  recent: boolean[];
}

export interface PoolTemplate {
  id: string;
  topic: string;
  kind: AnswerKind;
}

export interface DrillItem {
  templateId: string;
  topic: string;
  seed: number;
  /** Seconds allowed for this question. */
  seconds: number;
}

/** Rapid fire: enough time to do the arithmetic, not enough to look it up. */
export const SECONDS: Record<AnswerKind, number> = { number: 90, choice: 40, order: 60 };

/** Untried topics count as half-known, so they are drilled but do not crowd out known weaknesses. */
const PRIOR = 0.5;

/**
 * How strongly to favour a topic: 1 for one you always get right, up to 5 for one you always miss.
 * Recent outcomes decide once there are a few of them, so a weakness you have fixed stops being drilled.
 */
export function topicWeight(r: TopicRecord | undefined): number {
  let accuracy = PRIOR;
  if (r && r.recent.length >= 3) accuracy = r.recent.filter(Boolean).length / r.recent.length;
  else if (r && r.answered > 0) accuracy = (r.correct + PRIOR) / (r.answered + 1);
  return 1 + 4 * (1 - accuracy);
}

/** Draw `n` drill questions from the pool, topics weighted toward weakness, no topic twice in a row when avoidable. */
export function drillMix(
  pool: readonly PoolTemplate[],
  records: Readonly<Record<string, TopicRecord>>,
  seed: number,
  n = 10,
): DrillItem[] {
  const topics = [...new Set(pool.map((t) => t.topic))];
  if (topics.length === 0) throw new RangeError('the drill pool is empty');
  const rng = new Random(seed);
  const weights = new Map(topics.map((t) => [t, topicWeight(records[t])]));
  const out: DrillItem[] = [];
  let last: string | undefined;
  for (let i = 0; i < n; i++) {
    const choices = topics.length > 1 ? topics.filter((t) => t !== last) : topics;
    const total = choices.reduce((s, t) => s + (weights.get(t) ?? 1), 0);
    let r = rng.next() * total;
    let topic = choices[choices.length - 1] as string;
    for (const t of choices) {
      r -= weights.get(t) ?? 1;
      if (r < 0) {
        topic = t;
        break;
      }
    }
    const template = rng.pick(pool.filter((x) => x.topic === topic));
    out.push({ templateId: template.id, topic, seed: rng.int(0, 2 ** 31 - 2), seconds: SECONDS[template.kind] });
    last = topic;
  }
  return out;
}
