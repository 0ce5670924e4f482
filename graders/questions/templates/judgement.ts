// Judgement questions: which metric to commit to, what disaggregation does to cost, true statements about serving
// techniques (corrected per the errata), and which layer of the stack owns a problem.
import type { Random } from '../../../src/engine/random.ts';
import type { ChoiceOption, ChoiceTemplate } from '../template.ts';

/** Pick `k` distinct items other than `except`. */
function others<T>(rng: Random, pool: readonly T[], except: T, k: number): T[] {
  const rest = pool.filter((x) => x !== except);
  const out: T[] = [];
  while (out.length < k && rest.length > 0) out.push(rest.splice(rng.int(0, rest.length - 1), 1)[0] as T);
  return out;
}

interface Pick {
  /** Index of the scenario. */
  i: number;
  /** Indexes of the distractors. */
  wrong: number[];
}

// ---- Which metric to commit to (source 001, self-check 1 and the four shapes) ----

const PRODUCTS = [
  'a customer-support chat assistant',
  'a coding assistant that streams answers into an editor',
  'an internal help-desk chatbot',
  'a tutoring chat for students',
];

export const commitMetric: ChoiceTemplate<{ product: number; target: number }> = {
  kind: 'choice',
  id: 'metrics/commit-to',
  topic: 'metric-choice',
  title: 'Turning "average response time" into an SLO',
  generate(rng) {
    return { product: rng.int(0, PRODUCTS.length - 1), target: rng.pick([1, 2]) };
  },
  text(p) {
    return `You are deploying ${PRODUCTS[p.product]} on H100s, and the product team asks for "an average response time under ${p.target} second${p.target === 1 ? '' : 's'}". What do you commit to instead?`;
  },
  options(p) {
    return [
      {
        label: 'A p95 (or p99) TTFT target and a p95 (or p99) TPOT target',
        correct: true,
        explanation:
          'Chat users feel two things: how long until text starts (TTFT) and how fast it streams (TPOT/ITL). Both are committed at a tail percentile, because the mean hides the slow requests users remember.',
      },
      {
        label: `Mean end-to-end latency under ${p.target} s`,
        correct: false,
        explanation: 'End-to-end time depends on answer length, which you do not control, and the mean hides the tail.',
      },
      {
        label: `p50 TTFT under ${p.target} s`,
        correct: false,
        explanation: 'Half the users would get worse than that, and it says nothing about streaming speed.',
      },
      {
        label: 'Output tokens per second per GPU',
        correct: false,
        explanation: 'That is the cost metric of an offline batch job, not what a chat user experiences.',
      },
    ];
  },
  solve() {
    return {
      steps: [
        'Split the user’s wait into TTFT (until the first token) and TPOT (per streamed token).',
        'Commit to each at p95 or p99; the mean is not an SLO.',
        'Then optimize cost ($/MTok) subject to those targets.',
      ],
    };
  },
};

const SHAPES: { shape: string; metric: string; why: string }[] = [
  {
    shape: 'Chat: 1–4K-token prompts, a few hundred tokens of streamed answer, users waiting',
    metric: 'TTFT and tail inter-token latency, then prefix-cache hit rate',
    why: 'A person watches the text appear: time to start and smoothness of the stream decide the experience.',
  },
  {
    shape: 'Agent loop: short prompts and short JSON tool calls, many turns per task',
    metric: 'TTFT per turn and structured-output correctness',
    why: 'Each turn waits on the previous one, so start-up latency compounds; a malformed tool call wastes the turn.',
  },
  {
    shape: 'Offline batch: millions of prompts, results needed by morning',
    metric: 'Tokens per second per GPU and $/MTok',
    why: 'Nobody waits on a single request; only throughput and cost matter, so batch as large as memory allows.',
  },
  {
    shape: 'Embedding: documents in, vectors out, no generation',
    metric: 'Input tokens per second, peak memory and latency per batch',
    why: 'There is no decode phase; the work is one compute-bound forward pass per batch.',
  },
];

export const shapeMetric: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'metrics/workload-shape',
  topic: 'metric-choice',
  title: 'What each workload shape optimizes',
  generate(rng) {
    const i = rng.int(0, SHAPES.length - 1);
    return {
      i,
      wrong: others(
        rng,
        SHAPES.map((_, k) => k),
        i,
        3,
      ),
    };
  },
  text(p) {
    return `Workload: ${SHAPES[p.i]?.shape}. Which metrics decide whether its serving configuration is good?`;
  },
  options(p) {
    return [p.i, ...p.wrong].map((k) => {
      const s = SHAPES[k] as (typeof SHAPES)[number];
      return {
        label: s.metric,
        correct: k === p.i,
        explanation: k === p.i ? s.why : `That is what matters for a different shape (${s.shape.split(':')[0]}).`,
      };
    });
  },
  solve(p) {
    return {
      steps: [
        SHAPES[p.i]?.why ?? '',
        'Pick the shape first: optimizing the wrong metric moves nothing users or the budget care about.',
      ],
    };
  },
};

// ---- Disaggregated prefill/decode and $/MTok (source 001, self-check 2; errata #12) ----

export const disaggCost: ChoiceTemplate<{ concurrency: number }> = {
  kind: 'choice',
  id: 'cost/disaggregation-chat',
  topic: 'cost',
  title: 'Does disaggregation lower $/MTok?',
  generate(rng) {
    return { concurrency: rng.pick([4, 8, 16]) };
  },
  text(p) {
    return `A teammate proposes moving a chat workload at concurrency ${p.concurrency} from continuous batching (with chunked prefill) on one replica to disaggregated prefill/decode on separate GPUs. Without running it, what happens to $/MTok?`;
  },
  options() {
    return [
      {
        label:
          'It gets worse or stays flat: disaggregation isolates prefill from decode to control TTFT and ITL tails; it does not add throughput, and it adds GPUs and KV transfers',
        correct: true,
        explanation:
          'vLLM’s documentation says so directly: disaggregated prefill does not improve throughput. At low concurrency the extra instance mostly idles.',
      },
      {
        label: 'It improves, because each phase runs on hardware tuned for it',
        correct: false,
        explanation:
          'That pays only at scale with phase-specific hardware; on the same GPUs at low concurrency you pay for two pools and the KV hand-off.',
      },
      {
        label: 'It improves, because prefill no longer blocks decode',
        correct: false,
        explanation:
          'That improves latency predictability (ITL), which chunked prefill already largely provides; tokens per GPU-hour do not rise.',
      },
      {
        label: 'It halves, because each GPU does half the work',
        correct: false,
        explanation: 'Cost per token falls only if tokens per GPU-hour rise; splitting the phases does not raise them.',
      },
    ];
  },
  solve(p) {
    return {
      steps: [
        `$/MTok = price per hour ÷ tokens per hour. At concurrency ${p.concurrency}, one replica with continuous batching is already decode-bound and cheap per token.`,
        'Disaggregation buys control of TTFT versus ITL (each phase scales separately) at the price of more GPUs and KV transfers; predict flat or worse $/MTok.',
      ],
    };
  },
};

const TRUE_CLAIMS = [
  'Chunked prefill keeps a long prompt from stalling every other user’s decode steps.',
  'Speculative decoding helps most when decode is memory-bound and traffic is low to medium.',
  'Pipeline parallelism across nodes is chosen to fit a model and limit cross-node traffic, not to cut latency.',
  'Disaggregated prefill/decode separates TTFT from inter-token latency; it does not raise throughput.',
  'Prefix caching skips the prefill of a shared prefix, which lowers TTFT.',
];

const FALSE_CLAIMS: ChoiceOption[] = [
  {
    label: 'Speculative decoding is the fix when throughput is low but latency is fine.',
    correct: false,
    explanation:
      'Inverted: it spends extra compute to cut per-request latency; at high load that compute is needed for the batch.',
  },
  {
    label: 'Pipeline parallelism across servers cuts per-request latency.',
    correct: false,
    explanation: 'At batch 1 the stages run one after another and add network hops; it does not make a request faster.',
  },
  {
    label: 'Disaggregated prefill/decode raises throughput on the same hardware.',
    correct: false,
    explanation:
      'vLLM’s documentation states it does not improve throughput; it buys control over the TTFT/ITL trade-off.',
  },
  {
    label: 'Weight-only 4-bit quantization hurts most at batch size 1.',
    correct: false,
    explanation:
      'At batch 1 decode is memory-bound and 4-bit is close to its ideal speed-up; the unpacking cost bites at large batches and in prefill.',
  },
  {
    label: 'A GPU at batch-1 decode sits idle most of the time.',
    correct: false,
    explanation:
      'Its memory bus is saturated; it is the tensor cores that are nearly idle. nvidia-smi would show it busy.',
  },
  {
    label: 'Batching more requests always slows each user down in proportion to the batch.',
    correct: false,
    explanation:
      'While decode is memory-bound, the weights are read once per step for the whole batch, so per-user speed drops only a little.',
  },
];

export const misconceptions: ChoiceTemplate<{ right: number; wrong: number[] }> = {
  kind: 'choice',
  id: 'cheat-sheet/true-statement',
  topic: 'cheat-sheet',
  title: 'Which statement is true?',
  generate(rng) {
    const right = rng.int(0, TRUE_CLAIMS.length - 1);
    return {
      right,
      wrong: others(
        rng,
        FALSE_CLAIMS.map((_, k) => k),
        -1,
        3,
      ),
    };
  },
  text() {
    return 'Only one of these statements about serving techniques is true. Which one?';
  },
  options(p) {
    return [
      {
        label: TRUE_CLAIMS[p.right] as string,
        correct: true,
        explanation: 'This one is true; each of the others is a common statement that gets the physics backwards.',
      },
      ...p.wrong.map((k) => FALSE_CLAIMS[k] as ChoiceOption),
    ];
  },
  solve(p) {
    return {
      steps: [
        `True: ${TRUE_CLAIMS[p.right]}`,
        ...p.wrong.map((k) => `False: ${FALSE_CLAIMS[k]?.label} ${FALSE_CLAIMS[k]?.explanation}`),
      ],
    };
  },
};

const SETTINGS: { technique: string; setting: string }[] = [
  { technique: 'Limit how many sequences run in one batch', setting: 'max_num_seqs' },
  {
    technique: 'Cap the tokens processed in one scheduler step (prefill chunks included)',
    setting: 'max_num_batched_tokens',
  },
  { technique: 'Reuse the KV of repeated prompt prefixes', setting: 'enable_prefix_caching' },
  {
    technique: 'Set the share of GPU memory vLLM may take for weights, activations and the KV pool',
    setting: 'gpu_memory_utilization',
  },
  { technique: 'Split each layer across the GPUs of a node', setting: 'tensor_parallel_size' },
  { technique: 'Split the layers into stages across nodes', setting: 'pipeline_parallel_size' },
  { technique: 'Draft tokens with a smaller model and verify them', setting: 'speculative_config' },
  { technique: 'Store the KV cache in FP8', setting: 'kv_cache_dtype' },
];

export const settingFor: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'cheat-sheet/vllm-setting',
  topic: 'cheat-sheet',
  title: 'Which vLLM setting does this?',
  generate(rng) {
    const i = rng.int(0, SETTINGS.length - 1);
    return {
      i,
      wrong: others(
        rng,
        SETTINGS.map((_, k) => k),
        i,
        3,
      ),
    };
  },
  text(p) {
    return `In vLLM, which engine argument would you change to: ${SETTINGS[p.i]?.technique.toLowerCase()}?`;
  },
  options(p) {
    return [p.i, ...p.wrong].map((k) => {
      const s = SETTINGS[k] as (typeof SETTINGS)[number];
      return {
        label: s.setting,
        correct: k === p.i,
        explanation:
          k === p.i
            ? `${s.setting}: ${s.technique.toLowerCase()}.`
            : `${s.setting} does something else: ${s.technique.toLowerCase()}.`,
      };
    });
  },
  solve(p) {
    const s = SETTINGS[p.i];
    return {
      steps: [
        `${s?.setting}.`,
        'Names follow current vLLM (the V1 engine, where chunked prefill and prefix caching are on by default and speculative decoding takes a speculative_config); older tutorials use other spellings.',
      ],
    };
  },
};

// ---- Layers L0–L6: which layer owns a symptom ----

const LAYERS = [
  'L0 — silicon and interconnect',
  'L1 — drivers, CUDA, NCCL',
  'L2 — runtime and packaging (containers, images)',
  'L3 — inference backend (vLLM, TensorRT-LLM, llama.cpp)',
  'L4a — serving and routing across instances',
  'L4b — GPU workload scheduling (batching, KV management)',
  'L5 — API gateway (limits, auth, context caps)',
  'L6 — client',
];

const SYMPTOMS: { symptom: string; layer: number; why: string }[] = [
  {
    symptom: 'One replica has a long queue while another identical replica sits idle',
    layer: 4,
    why: 'The backends are fine; the router is sending work to the wrong place. Look at per-instance queue depth and the routing policy.',
  },
  {
    symptom: 'Inter-token latency jumps whenever long prompts arrive, on an otherwise healthy replica',
    layer: 5,
    why: 'Prefill is interfering with decode inside one GPU’s batch: a scheduling matter (chunked prefill, token budget per step).',
  },
  {
    symptom: 'The server runs out of memory at startup, loading weights and sizing the KV pool',
    layer: 3,
    why: 'Weight loading and KV allocation belong to the backend: its memory settings own the fix.',
  },
  {
    symptom: 'Memory errors appear only when one tenant starts sending 200K-token prompts',
    layer: 6,
    why: 'Externally induced: the gateway should cap context length and rate per tenant before requests reach the backend.',
  },
  {
    symptom: 'The same model works on node A but crashes on node B with a library error',
    layer: 2,
    why: 'Image drift: different containers or library versions between nodes.',
  },
  {
    symptom: 'A container built for CUDA 12 fails to start on a host with an old driver',
    layer: 1,
    why: 'The host driver sets which CUDA versions can run.',
  },
  {
    symptom: 'TTFT is high because every request resends the entire conversation history',
    layer: 7,
    why: 'A stateless client multiplies prefill work; the fix is in how the client manages sessions and context, not in the GPU.',
  },
  {
    symptom: 'Decode is slow at batch 1 even though kernels run at 85% of peak bandwidth',
    layer: 0,
    why: 'The hardware’s bandwidth is the ceiling: only a faster memory system (or fewer bytes per token) helps.',
  },
];

export const layerFor: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'layers/owner',
  topic: 'layers',
  title: 'Which layer owns this symptom?',
  generate(rng) {
    const i = rng.int(0, SYMPTOMS.length - 1);
    const right = SYMPTOMS[i]?.layer ?? 0;
    return {
      i,
      wrong: others(
        rng,
        LAYERS.map((_, k) => k),
        right,
        3,
      ),
    };
  },
  text(p) {
    return `Symptom: ${SYMPTOMS[p.i]?.symptom}. Which layer of the stack has the authority to fix it?`;
  },
  options(p) {
    const s = SYMPTOMS[p.i] as (typeof SYMPTOMS)[number];
    return [s.layer, ...p.wrong].map((k) => ({
      label: LAYERS[k] as string,
      correct: k === s.layer,
      explanation:
        k === s.layer
          ? s.why
          : `Changing ${LAYERS[k]?.split(' — ')[0]} would mask the symptom rather than remove its cause.`,
    }));
  },
  solve(p) {
    const s = SYMPTOMS[p.i];
    return {
      steps: [
        `${LAYERS[s?.layer ?? 0]}.`,
        s?.why ?? '',
        'Fix a problem in the layer that has authority over it; a fix elsewhere only hides it.',
      ],
    };
  },
};

const COMPONENTS: { thing: string; layer: number }[] = [
  { thing: 'NVLink and HBM bandwidth', layer: 0 },
  { thing: 'NCCL all-reduce between GPUs', layer: 1 },
  { thing: 'nvidia-container-runtime and the CUDA base image', layer: 2 },
  { thing: 'Loading weights into VRAM and running the CUDA kernels', layer: 3 },
  { thing: 'Queue-aware load balancing across replicas', layer: 4 },
  { thing: 'Paged KV blocks, preemption and chunked prefill on one GPU', layer: 5 },
  { thing: 'Per-tenant rate limits and maximum context length', layer: 6 },
  { thing: 'Streaming versus blocking calls, and the retry policy', layer: 7 },
];

export const layerOf: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'layers/component',
  topic: 'layers',
  title: 'Where does this component live?',
  generate(rng) {
    const i = rng.int(0, COMPONENTS.length - 1);
    const right = COMPONENTS[i]?.layer ?? 0;
    return {
      i,
      wrong: others(
        rng,
        LAYERS.map((_, k) => k),
        right,
        3,
      ),
    };
  },
  text(p) {
    return `In the L0–L6 model of the serving stack, where does this live: ${COMPONENTS[p.i]?.thing}?`;
  },
  options(p) {
    const c = COMPONENTS[p.i] as (typeof COMPONENTS)[number];
    return [c.layer, ...p.wrong].map((k) => ({
      label: LAYERS[k] as string,
      correct: k === c.layer,
      explanation: k === c.layer ? `${c.thing}: ${LAYERS[k]}.` : `${LAYERS[k]} holds other things.`,
    }));
  },
  solve(p) {
    const c = COMPONENTS[p.i];
    return { steps: [`${c?.thing}: ${LAYERS[c?.layer ?? 0]}.`] };
  },
};

export const JUDGEMENT_TEMPLATES = [
  commitMetric,
  shapeMetric,
  disaggCost,
  misconceptions,
  settingFor,
  layerFor,
  layerOf,
];
