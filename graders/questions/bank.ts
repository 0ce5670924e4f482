import { gradeChoice, gradeNumeric, gradeOrder } from './grade-answer.ts';
import { instantiate } from './instantiate.ts';
import type { Question, Verdict } from './schema.ts';
import type { AnyTemplate } from './template.ts';
import { ACCURACY_PARITY_TEMPLATES } from './templates/accuracy-parity.ts';
import { ARCHITECTURES_TEMPLATES } from './templates/architectures.ts';
import { BATCHING_TEMPLATES } from './templates/batching.ts';
import { BYTES_PER_TOKEN_TEMPLATES } from './templates/bytes-per-token.ts';
import { CAPACITY_TEMPLATES } from './templates/capacity.ts';
import { CHEAT_SHEET_TEMPLATES } from './templates/cheat-sheet.ts';
import { CHUNKED_PREFILL_TEMPLATES } from './templates/chunked-prefill.ts';
import { CONTINUOUS_BATCHING_TEMPLATES } from './templates/continuous-batching.ts';
import { COST_TEMPLATES } from './templates/cost.ts';
import { DENSE_AND_MOE_TEMPLATES } from './templates/dense-and-moe.ts';
import { DIAGNOSTIC_FLOW_TEMPLATES } from './templates/diagnostic-flow.ts';
import { DISAGGREGATION_TEMPLATES } from './templates/disaggregation.ts';
import { FITS_TEMPLATES } from './templates/fits.ts';
import { GB_GIB_TEMPLATES } from './templates/gb-gib.ts';
import { JUDGEMENT_TEMPLATES } from './templates/judgement.ts';
import { KV_ARCHITECTURE_TEMPLATES } from './templates/kv-architectures.ts';
import { KV_CACHE_TEMPLATES } from './templates/kv-cache.ts';
import { LIVE_FORWARD_PASS_TEMPLATES } from './templates/live-forward-pass.ts';
import { MEMORY_WALL_TEMPLATES } from './templates/memory-wall.ts';
import { METRICS_TEMPLATES } from './templates/metrics.ts';
import { MODEL_CARD_TEMPLATES } from './templates/model-card.ts';
import { MOE_TEMPLATES } from './templates/moe.ts';
import { PAGED_ATTENTION_TEMPLATES } from './templates/paged-attention.ts';
import { PARALLEL_RANK_TEMPLATES } from './templates/parallel-ranks.ts';
import { PARALLELISM_TEMPLATES } from './templates/parallelism.ts';
import { PERCENTILE_TEMPLATES } from './templates/percentiles.ts';
import { PRECISION_TEMPLATES } from './templates/precision.ts';
import { PREFILL_TEMPLATES } from './templates/prefill.ts';
import { PREFILL_AND_DECODE_TEMPLATES } from './templates/prefill-and-decode.ts';
import { PREFIX_CACHING_TEMPLATES } from './templates/prefix-caching.ts';
import { QUANTIZATION_TEMPLATES } from './templates/quantization.ts';
import { QUANTIZATION_AND_OFFLOAD_TEMPLATES } from './templates/quantization-and-offload.ts';
import { SCHEDULING_TEMPLATES } from './templates/scheduling.ts';
import { SERVING_PHYSICS_TEMPLATES } from './templates/serving-physics.ts';
import { SPECULATIVE_TEMPLATES } from './templates/speculative.ts';
import { SPECULATIVE_DECODING_TEMPLATES } from './templates/speculative-decoding.ts';
import { TRAINING_TO_CHECKPOINT_TEMPLATES } from './templates/training-to-checkpoint.ts';
import { UNPACKING_TAX_TEMPLATES } from './templates/unpacking-tax.ts';
import { WEIGHTS_IN_MEMORY_TEMPLATES } from './templates/weights-in-memory.ts';
import { WHAT_WE_SHIP_TEMPLATES } from './templates/what-we-ship.ts';
import { fromCanonical } from './units.ts';

/** Every question template. Register a template file by importing it and appending one line below. */
export const TEMPLATES: readonly AnyTemplate[] = [
  // one line per template file
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
  ...CONTINUOUS_BATCHING_TEMPLATES,
  ...CHUNKED_PREFILL_TEMPLATES,
  ...SPECULATIVE_DECODING_TEMPLATES,
  ...PARALLELISM_TEMPLATES,
  ...PARALLEL_RANK_TEMPLATES,
  ...DISAGGREGATION_TEMPLATES,
  ...DIAGNOSTIC_FLOW_TEMPLATES,
  ...GB_GIB_TEMPLATES,
  ...FITS_TEMPLATES,
  ...KV_CACHE_TEMPLATES,
  ...MOE_TEMPLATES,
  ...SERVING_PHYSICS_TEMPLATES,
  ...PRECISION_TEMPLATES,
  ...PERCENTILE_TEMPLATES,
  ...JUDGEMENT_TEMPLATES,
  ...SCHEDULING_TEMPLATES,
  ...KV_ARCHITECTURE_TEMPLATES,
  ...PREFILL_TEMPLATES,
  ...SPECULATIVE_TEMPLATES,
  ...COST_TEMPLATES,
  ...CAPACITY_TEMPLATES,
  ...CHEAT_SHEET_TEMPLATES,
];

export function getTemplate(id: string): AnyTemplate {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown question template "${id}"; known: ${TEMPLATES.map((x) => x.id).join(', ')}`);
  return t;
}

/** Same template and seed ⇒ the same question, everywhere (page, exam, CLI, tests). */
export function generate(templateId: string, seed: number): Question {
  return instantiate(getTemplate(templateId), seed).question;
}

/** The answer a perfect learner would type: a number in the question's unit, an option id, or ids in order. */
export function referenceAnswer(q: Question): string {
  const { question, key } = instantiate(getTemplate(q.templateId), q.seed);
  if (key.kind === 'choice') return key.options.find((o) => o.correct)?.id ?? '';
  if (key.kind === 'order') return key.items.map((i) => i.id).join(',');
  const a = question.answer;
  if (a.kind !== 'number') throw new Error(`template ${q.templateId} has a number key but a ${a.kind} answer`);
  return `${fromCanonical(a.quantity, key.value, a.unit)} ${a.unit}`.trim();
}

/** Grade by regenerating the question from its seed: the page's copy of the question is never trusted. */
export function grade(q: Question, answer: string): Verdict {
  const { question, key } = instantiate(getTemplate(q.templateId), q.seed);
  const spec = question.answer;
  if (spec.kind === 'number' && key.kind === 'number') return gradeNumeric(spec, key, answer);
  if (spec.kind === 'choice' && key.kind === 'choice') return gradeChoice(spec, key, answer);
  if (spec.kind === 'order' && key.kind === 'order') return gradeOrder(spec, key, answer);
  throw new Error(`question ${q.templateId} has a ${spec.kind} answer but a ${key.kind} key`);
}
