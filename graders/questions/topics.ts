/** A skill the bank tests; progress, the exam blueprint and the drill all count by topic. */
export interface Topic {
  id: string;
  label: string;
  /** The chapter (outline slug) that teaches it: where "study this" links point. */
  chapter: string;
}

export const TOPICS: readonly Topic[] = [
  { id: 'weight-memory', label: 'Weight memory by precision', chapter: 'frozen-model/weights-in-memory' },
  { id: 'units', label: 'GB vs GiB', chapter: 'frozen-model/weights-in-memory' },
  { id: 'fits', label: 'Does it fit?', chapter: 'frozen-model/weights-in-memory' },
  { id: 'moe', label: 'MoE active parameters', chapter: 'frozen-model/dense-and-moe' },
  { id: 'kv-sizing', label: 'KV-cache sizing', chapter: 'kv-cache/bytes-per-token' },
  { id: 'decode-ceiling', label: 'Decode ceiling', chapter: 'physics/memory-wall' },
  { id: 'ridge-point', label: 'Ridge point and regime', chapter: 'physics/prefill-and-decode' },
  { id: 'prefill-time', label: 'Prefill time', chapter: 'physics/prefill-and-decode' },
  { id: 'batching', label: 'Batch amortization', chapter: 'physics/batching' },
  { id: 'concurrency', label: 'Max concurrency from VRAM', chapter: 'kv-cache/paged-attention' },
  { id: 'unpacking-tax', label: 'The unpacking tax', chapter: 'precision/unpacking-tax' },
  { id: 'parity', label: 'Accuracy parity', chapter: 'precision/accuracy-parity' },
  { id: 'scheduling', label: 'Batching and scheduling', chapter: 'serving/chunked-prefill' },
  { id: 'speculative', label: 'Speculative decoding', chapter: 'serving/speculative-decoding' },
  { id: 'parallelism', label: 'Tensor and pipeline parallelism', chapter: 'serving/parallelism' },
  { id: 'cheat-sheet', label: 'Which technique fixes a symptom', chapter: 'serving/cheat-sheet' },
  { id: 'layers', label: 'Which layer owns a symptom', chapter: 'stack/layers' },
  { id: 'percentiles', label: 'Percentiles and goodput', chapter: 'job/metrics' },
  { id: 'metric-choice', label: 'Which metric to commit to', chapter: 'job/metrics' },
  { id: 'diagnostic-flow', label: 'The diagnostic flow', chapter: 'measuring/diagnostic-flow' },
  { id: 'cost', label: '$/MTok and cost per stage', chapter: 'economics/cost' },
];

export function getTopic(id: string): Topic {
  const t = TOPICS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown topic "${id}"; known: ${TOPICS.map((x) => x.id).join(', ')}`);
  return t;
}
