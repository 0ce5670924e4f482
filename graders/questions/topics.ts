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
  { id: 'workload-shapes', label: 'Workload shapes', chapter: 'job/what-we-ship' },
  { id: 'training-memory', label: 'Training vs inference memory', chapter: 'frozen-model/training-to-checkpoint' },
  { id: 'flops', label: 'FLOPs per token', chapter: 'frozen-model/model-card' },
  { id: 'prefix-caching', label: 'Prefix sharing and caching', chapter: 'kv-cache/prefix-caching' },
  { id: 'kv-offload', label: 'KV quantization and offload', chapter: 'kv-cache/quantization-and-offload' },
  { id: 'quantization', label: 'Quantization formats', chapter: 'precision/quantization' },
];

/**
 * Other names chapter templates use for the topics above. Questions carry the canonical id, so progress, the exam
 * and the drill count one topic once whichever name its template file chose.
 */
export const TOPIC_ALIASES: Readonly<Record<string, string>> = {
  'accuracy-parity': 'parity',
  'batch-amortization': 'batching',
  'fits-or-not': 'fits',
  'kv-bytes': 'kv-sizing',
  'kv-capacity': 'concurrency',
  'max-concurrency': 'concurrency',
  'moe-active-params': 'moe',
  'paged-attention': 'concurrency',
  'percentiles-goodput': 'percentiles',
  'prefix-sharing': 'prefix-caching',
};

/** The canonical id for a topic name (itself when it has no alias). */
export function canonicalTopic(id: string): string {
  return TOPIC_ALIASES[id] ?? id;
}

export function getTopic(id: string): Topic {
  const canonical = canonicalTopic(id);
  const t = TOPICS.find((x) => x.id === canonical);
  if (!t) {
    throw new Error(`unknown topic "${id}": add it to TOPICS (or TOPIC_ALIASES) in graders/questions/topics.ts`);
  }
  return t;
}
