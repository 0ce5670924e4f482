import { fixed } from '../../src/engine/units.ts';
import { createRng } from './rng.ts';
import { type Question, Question as QuestionSchema, type Verdict } from './schema.ts';
import type { AnyTemplate } from './template.ts';
import { ACCURACY_PARITY_TEMPLATES } from './templates/accuracy-parity.ts';
import { ARCHITECTURES_TEMPLATES } from './templates/architectures.ts';
import { BATCHING_TEMPLATES } from './templates/batching.ts';
import { BYTES_PER_TOKEN_TEMPLATES } from './templates/bytes-per-token.ts';
import { DENSE_AND_MOE_TEMPLATES } from './templates/dense-and-moe.ts';
import { LIVE_FORWARD_PASS_TEMPLATES } from './templates/live-forward-pass.ts';
import { MEMORY_WALL_TEMPLATES } from './templates/memory-wall.ts';
import { METRICS_TEMPLATES } from './templates/metrics.ts';
import { MODEL_CARD_TEMPLATES } from './templates/model-card.ts';
import { PAGED_ATTENTION_TEMPLATES } from './templates/paged-attention.ts';
import { PREFILL_AND_DECODE_TEMPLATES } from './templates/prefill-and-decode.ts';
import { PREFIX_CACHING_TEMPLATES } from './templates/prefix-caching.ts';
import { QUANTIZATION_TEMPLATES } from './templates/quantization.ts';
import { QUANTIZATION_AND_OFFLOAD_TEMPLATES } from './templates/quantization-and-offload.ts';
import { TRAINING_TO_CHECKPOINT_TEMPLATES } from './templates/training-to-checkpoint.ts';
import { UNPACKING_TAX_TEMPLATES } from './templates/unpacking-tax.ts';
import { WEIGHTS_IN_MEMORY_TEMPLATES } from './templates/weights-in-memory.ts';
import { WHAT_WE_SHIP_TEMPLATES } from './templates/what-we-ship.ts';
import { fromCanonical, parseNumericAnswer, toCanonical, unitsFor } from './units.ts';

export const TEMPLATES: readonly AnyTemplate[] = [
  ...MEMORY_WALL_TEMPLATES,
  ...PREFILL_AND_DECODE_TEMPLATES,
  ...LIVE_FORWARD_PASS_TEMPLATES,
  ...BATCHING_TEMPLATES,
  ...MODEL_CARD_TEMPLATES,
  ...TRAINING_TO_CHECKPOINT_TEMPLATES,
  ...WEIGHTS_IN_MEMORY_TEMPLATES,
  ...DENSE_AND_MOE_TEMPLATES,
  ...ARCHITECTURES_TEMPLATES,
  ...WHAT_WE_SHIP_TEMPLATES,
  ...METRICS_TEMPLATES,
  ...BYTES_PER_TOKEN_TEMPLATES,
  ...PAGED_ATTENTION_TEMPLATES,
  ...PREFIX_CACHING_TEMPLATES,
  ...QUANTIZATION_AND_OFFLOAD_TEMPLATES,
  ...QUANTIZATION_TEMPLATES,
  ...UNPACKING_TAX_TEMPLATES,
  ...ACCURACY_PARITY_TEMPLATES,
];

export function getTemplate(id: string): AnyTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown question template "${id}"; known: ${TEMPLATES.map((x) => x.id).join(', ')}`);
  return t;
}

/** Same template and seed ⇒ the same question, everywhere (page, exam, CLI, tests). */
export function generate(templateId: string, seed: number): Question {
  const t = getTemplate(templateId);
  const p = t.generate(createRng(seed));
  return QuestionSchema.parse({
    templateId,
    topic: t.topic,
    seed,
    text: t.text(p),
    answer: { kind: 'number', ...t.spec },
  });
}

/** The answer a perfect learner would type, in the question's unit. */
export function referenceAnswer(q: Question): string {
  const t = getTemplate(q.templateId);
  const { value } = t.solve(t.generate(createRng(q.seed)));
  return `${fromCanonical(q.answer.quantity, value, q.answer.unit)} ${q.answer.unit}`;
}

const display = (value: number) => {
  const abs = Math.abs(value);
  return fixed(value, abs >= 100 ? 1 : abs >= 1 ? 2 : 4);
};

/** Grade by regenerating the question from its seed: the page's copy of the answer is never trusted. */
export function grade(q: Question, answer: string): Verdict {
  const t = getTemplate(q.templateId);
  const { value: truth, steps } = t.solve(t.generate(createRng(q.seed)));
  const { quantity, unit, tolerance } = q.answer;
  const expected = `${display(fromCanonical(quantity, truth, unit))} ${unit}`;
  const base = { expected, solution: steps };
  const parsed = parseNumericAnswer(answer, quantity);
  if (!parsed.ok) return { ...base, correct: false, unitSlip: false, message: parsed.message };
  const close = (canonical: number) => Math.abs(canonical - truth) <= tolerance * Math.abs(truth);
  const used = parsed.unit ?? unit;
  if (close(toCanonical(quantity, parsed.value, used))) {
    const assumed = parsed.unit === null ? ` (read as ${unit})` : '';
    return {
      ...base,
      correct: true,
      unitSlip: false,
      message: `Correct${assumed}: ${expected}, within ±${tolerance * 100}%.`,
    };
  }
  // The right digits in the wrong unit (GB for GiB, ms for s) is a different mistake from wrong arithmetic.
  const slip = unitsFor(quantity).find((u) => u !== used && u !== '' && close(toCanonical(quantity, parsed.value, u)));
  if (slip !== undefined) {
    return {
      ...base,
      correct: false,
      unitSlip: true,
      message: `Unit slip: ${parsed.value} is right in ${slip}, but you ${parsed.unit === null ? `gave no unit, so it was read as ${unit}` : `wrote ${used}`}. The answer is ${expected}.`,
    };
  }
  return { ...base, correct: false, unitSlip: false, message: `Not quite: the answer is ${expected}.` };
}
