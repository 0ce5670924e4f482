// The serving cheat sheet as data: observed symptom → technique → owning layer → setting, with what the fix costs
// and, where a widely read source maps it differently, what it says and why that is wrong. Used by the chooser island,
// the chapter's table and the "which technique fixes this symptom" questions. Layers follow the stack chapter.

export const LAYER_NAMES = {
  L0: 'silicon and fabric',
  L3: 'inference backend',
  L4a: 'routing and orchestration',
  L4b: 'GPU workload scheduling',
  L5: 'gateway and edge',
} as const;
export type LayerId = keyof typeof LAYER_NAMES;

/** The metric family the symptom shows up in first, to group the chooser's list. */
export type Signal = 'TTFT' | 'inter-token latency' | 'throughput and cost' | 'memory' | 'size and scale' | 'routing';

export interface CheatRow {
  id: string;
  signal: Signal;
  /** What the engineer observes, in the words of a dashboard or a log. */
  symptom: string;
  technique: string;
  layers: LayerId[];
  /** Settings to turn, in current vLLM spelling. */
  settings: string[];
  /** What the fix costs or trades away. */
  cost: string;
  /** Outline slug of the chapter that teaches it. */
  chapter: string;
  /** Where the source's cheat sheet maps this differently: what it says, and the correction. */
  correction?: { says: string; why: string };
}

export const CHEAT_ROWS: readonly CheatRow[] = [
  {
    id: 'queue-idle-gpu',
    signal: 'TTFT',
    symptom:
      'Requests wait in a queue while the running batch is small or half finished; TTFT is high even at modest load.',
    technique: 'Continuous (iteration-level) batching, with a batch limit set against the TPOT target',
    layers: ['L4b'],
    settings: ['max_num_seqs'],
    cost: 'A bigger running batch makes every step longer, so each user’s TPOT rises as the batch fills.',
    chapter: 'serving/continuous-batching',
  },
  {
    id: 'long-prompt-stutter',
    signal: 'inter-token latency',
    symptom:
      'Every streaming user stutters when someone sends a long prompt: p99 inter-token latency spikes while the median looks fine.',
    technique: 'Chunked prefill with a per-step token budget above the ridge point',
    layers: ['L4b'],
    settings: ['max_num_batched_tokens'],
    cost: 'The long prompt’s own TTFT rises a little; too small a budget makes chunks memory-bound and slows prefill.',
    chapter: 'serving/chunked-prefill',
    correction: {
      says: 'High TTFT under load → chunked prefill, enable_chunked_prefill=True',
      why: 'Chunking protects the decode side (inter-token latency, TPOT), not TTFT, and in vLLM’s V1 engine it is always on: the knob is the token budget.',
    },
  },
  {
    id: 'shared-prefix-ttft',
    signal: 'TTFT',
    symptom: 'High TTFT on requests that all begin with the same long system prompt or tool catalogue.',
    technique: 'Prefix caching',
    layers: ['L4b'],
    settings: ['enable_prefix_caching (on by default in V1)'],
    cost: 'Cached blocks occupy the KV pool until evicted; it helps only when prefixes really repeat, token for token.',
    chapter: 'kv-cache/prefix-caching',
  },
  {
    id: 'kv-memory',
    signal: 'memory',
    symptom:
      'Long-context traffic runs out of KV memory: the engine refuses to start at the max_model_len you need, or admits only a handful of sequences.',
    technique: 'Size the KV pool: FP8 KV cache, a realistic max_model_len, more memory per replica',
    layers: ['L3'],
    settings: ['kv_cache_dtype', 'max_model_len', 'gpu_memory_utilization', 'tensor_parallel_size'],
    cost: 'FP8 KV needs an accuracy-parity check; more tensor parallelism costs GPUs and all-reduces.',
    chapter: 'kv-cache/quantization-and-offload',
    correction: {
      says: 'OOM on long sequences → paged attention + KV offload; tune block_size to prevent OOM crashes',
      why: 'vLLM pre-allocates its KV pool and preempts instead of crashing; block_size only changes the last block’s waste. The levers are the pool’s size and what each token costs in it.',
    },
  },
  {
    id: 'preemption-spikes',
    signal: 'memory',
    symptom: 'p99 end-to-end latency spikes that line up with preemption warnings in the server log.',
    technique: 'Give the KV pool headroom: fewer concurrent sequences, or more memory for the cache',
    layers: ['L4b', 'L3'],
    settings: ['max_num_seqs', 'gpu_memory_utilization', 'kv_cache_dtype'],
    cost: 'A lower max_num_seqs caps throughput; more memory for the cache means a larger or more quantized deployment.',
    chapter: 'kv-cache/paged-attention',
    correction: {
      says: 'Unpredictable latency, random spikes → preemption / iteration-level scheduling',
      why: 'Preemption is what causes such spikes — a sequence loses its cache and recomputes it later. The fix is headroom, so that preemption stops happening.',
    },
  },
  {
    id: 'slow-stream-light-load',
    signal: 'inter-token latency',
    symptom: 'At light traffic each user’s tokens stream too slowly, while the tensor cores sit mostly idle.',
    technique: 'Speculative decoding (draft model, n-gram or EAGLE-style heads)',
    layers: ['L3'],
    settings: ['speculative_config (num_speculative_tokens, method or draft model)'],
    cost: 'Extra compute and memory for the draft; it turns into a loss once decode is compute-bound at high load.',
    chapter: 'serving/speculative-decoding',
    correction: {
      says: 'Low TPS, slow decode → speculative decoding, speculative_model=…',
      why: 'Right only at low load, and the setting is now speculative_config. Read “low TPS” as per-user speed, not throughput.',
    },
  },
  {
    id: 'low-throughput',
    signal: 'throughput and cost',
    symptom: 'Throughput per GPU is too low for the bill, while latency targets are met with room to spare.',
    technique: 'Larger batches, quantized weights or KV, or more replicas — not speculative decoding',
    layers: ['L4b', 'L3', 'L4a'],
    settings: ['max_num_seqs', 'quantization / kv_cache_dtype', 'replica count'],
    cost: 'Bigger batches raise TPOT; quantization needs an accuracy-parity check; replicas cost GPUs.',
    chapter: 'physics/batching',
    correction: {
      says: 'Low throughput, latency OK → speculative decoding',
      why: 'Inverted: speculation spends extra compute to cut per-request latency. At the high load where throughput matters, it lowers throughput.',
    },
  },
  {
    id: 'does-not-fit-gpu',
    signal: 'size and scale',
    symptom: 'The model’s weights, plus room for the KV cache, do not fit in one GPU’s memory.',
    technique: 'Tensor parallelism across the GPUs of one node (or quantize the weights)',
    layers: ['L0', 'L3'],
    settings: ['tensor_parallel_size'],
    cost: 'Two all-reduces per layer per step; each doubling of the degree buys less speed per GPU.',
    chapter: 'serving/parallelism',
  },
  {
    id: 'does-not-fit-node',
    signal: 'size and scale',
    symptom: 'The model does not fit in one node, even with tensor parallelism across all its GPUs.',
    technique: 'Pipeline parallelism across nodes, tensor parallelism within each node',
    layers: ['L0', 'L3'],
    settings: ['pipeline_parallel_size = nodes', 'tensor_parallel_size = GPUs per node'],
    cost: 'No latency gain: a token crosses every stage in turn; the pipeline needs many requests in flight to avoid bubbles.',
    chapter: 'serving/parallelism',
    correction: {
      says: 'Multi-server latency → pipeline parallelism',
      why: 'Pipelines fit a model and keep slow inter-node links out of every layer; they never cut per-request latency.',
    },
  },
  {
    id: 'latency-model-fits',
    signal: 'inter-token latency',
    symptom:
      'TPOT is too high at low load on a model that already fits one GPU, and more GPUs are available in the node.',
    technique: 'Tensor parallelism within the node (not more replicas, not a pipeline)',
    layers: ['L3', 'L0'],
    settings: ['tensor_parallel_size'],
    cost: 'Per-GPU throughput falls a little with each doubling; needs NVLink-class links to pay off in prefill.',
    chapter: 'serving/parallelism',
  },
  {
    id: 'need-more-capacity',
    signal: 'throughput and cost',
    symptom: 'A replica that fits on one GPU is saturated; more users are coming, and per-user speed is fine.',
    technique: 'Data parallelism: more replicas behind a router',
    layers: ['L4a'],
    settings: ['data_parallel_size, or more replicas behind the load balancer'],
    cost: 'Linear in GPUs; does not make any single request faster.',
    chapter: 'serving/parallelism',
  },
  {
    id: 'hot-replica',
    signal: 'routing',
    symptom: 'One replica has a long queue while an identical one sits nearly idle.',
    technique: 'Inference-aware load balancing: route on queue depth or KV pressure',
    layers: ['L4a'],
    settings: ['router policy (least outstanding requests, KV-aware)'],
    cost: 'Needs per-replica metrics; prefix-affinity routing trades balance for cache hits.',
    chapter: 'stack/layers',
  },
  {
    id: 'burst-drops',
    signal: 'routing',
    symptom: 'Requests time out or are dropped during traffic bursts, while average load is fine.',
    technique: 'Admission control: bounded queues, per-tenant limits, autoscaling for sustained load',
    layers: ['L4a', 'L5'],
    settings: ['queue depth and timeout limits', 'per-tenant rate limits'],
    cost: 'Some requests are refused early instead of failing late; autoscaling reacts in minutes, not milliseconds.',
    chapter: 'stack/layers',
  },
  {
    id: 'both-slos-long-prompts',
    signal: 'inter-token latency',
    symptom:
      'Long prompts at steady high load break both the TTFT and the p99 inter-token latency targets, and no chunk budget meets both.',
    technique: 'Disaggregated prefill and decode',
    layers: ['L3', 'L4a'],
    settings: ['kv_transfer_config (a KV connector)', 'separate prefill and decode instances'],
    cost: 'More GPUs, a KV hand-off per request, and two pools to size; it does not raise throughput.',
    chapter: 'serving/disaggregation',
  },
];

/** The chooser's groups, in order, with their headings. */
export const SIGNALS: readonly { id: Signal; label: string }[] = [
  { id: 'TTFT', label: 'Time to first token' },
  { id: 'inter-token latency', label: 'Inter-token latency and TPOT' },
  { id: 'throughput and cost', label: 'Throughput and cost' },
  { id: 'memory', label: 'Memory' },
  { id: 'size and scale', label: 'Model size and scale' },
  { id: 'routing', label: 'Routing and load' },
];

export function getRow(id: string): CheatRow {
  const r = CHEAT_ROWS.find((x) => x.id === id);
  if (!r) throw new RangeError(`unknown cheat-sheet row "${id}"; known: ${CHEAT_ROWS.map((x) => x.id).join(', ')}`);
  return r;
}
