// Judgement questions: which metric to commit to, what disaggregation does to cost, true statements about serving
// techniques (corrected per the errata), and which layer of the stack owns a problem.
import {
  type LayerId,
  LAYERS as STACK,
  SYMPTOMS as STACK_SYMPTOMS,
  type Symptom,
} from '../../../src/course/stack/layers.ts';
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

/** The stack as the course teaches it (src/course/stack/layers.ts), top first; questions use its indexes. */
const layerLabel = (k: number) => {
  const l = STACK[k] as (typeof STACK)[number];
  return `${l.id} — ${l.name}`;
};
const layerIndex = (id: LayerId) => STACK.findIndex((l) => l.id === id);
const ALL_LAYERS = STACK.map((_, k) => k);

export const layerFor: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'layers/owner',
  topic: 'layers',
  title: 'Which layer owns this symptom?',
  generate(rng) {
    const i = rng.int(0, STACK_SYMPTOMS.length - 1);
    const right = layerIndex((STACK_SYMPTOMS[i] as Symptom).layer);
    return { i, wrong: others(rng, ALL_LAYERS, right, 3) };
  },
  text(p) {
    return `Symptom: ${STACK_SYMPTOMS[p.i]?.observed} Which layer of the stack has the authority to fix it?`;
  },
  options(p) {
    const s = STACK_SYMPTOMS[p.i] as Symptom;
    const right = layerIndex(s.layer);
    return [right, ...p.wrong].map((k) => ({
      label: layerLabel(k),
      correct: k === right,
      explanation:
        k === right
          ? s.why
          : `${STACK[k]?.id} does not own this: a change there would at best mask the symptom. ${s.why}`,
    }));
  },
  solve(p) {
    const s = STACK_SYMPTOMS[p.i] as Symptom;
    return {
      steps: [
        `${layerLabel(layerIndex(s.layer))}.`,
        s.why,
        `The fix there: ${s.fix}`,
        `Tempting but wrong: ${s.maskedBy}`,
      ],
    };
  },
};

/** Components and the layer each lives in (the layer ids are the stack data's). */
const COMPONENTS: { thing: string; layer: LayerId }[] = [
  { thing: 'NVLink and HBM bandwidth', layer: 'L0' },
  { thing: 'NCCL all-reduce between GPUs', layer: 'L1' },
  { thing: 'nvidia-container-runtime and the CUDA base image', layer: 'L2' },
  { thing: 'Loading weights into VRAM and running the CUDA kernels', layer: 'L3' },
  { thing: 'Queue-aware load balancing across replicas', layer: 'L4a' },
  { thing: 'Paged KV blocks, preemption and chunked prefill on one GPU', layer: 'L4b' },
  { thing: 'Per-tenant rate limits and maximum context length', layer: 'L5' },
  { thing: 'Streaming versus blocking calls, and the retry policy', layer: 'L6' },
];

export const layerOf: ChoiceTemplate<Pick> = {
  kind: 'choice',
  id: 'layers/component',
  topic: 'layers',
  title: 'Where does this component live?',
  generate(rng) {
    const i = rng.int(0, COMPONENTS.length - 1);
    const right = layerIndex((COMPONENTS[i] as (typeof COMPONENTS)[number]).layer);
    return { i, wrong: others(rng, ALL_LAYERS, right, 3) };
  },
  text(p) {
    return `In the L0–L6 model of the serving stack, where does this live: ${COMPONENTS[p.i]?.thing}?`;
  },
  options(p) {
    const c = COMPONENTS[p.i] as (typeof COMPONENTS)[number];
    const right = layerIndex(c.layer);
    return [right, ...p.wrong].map((k) => ({
      label: layerLabel(k),
      correct: k === right,
      explanation:
        k === right
          ? `${c.thing}: ${layerLabel(k)}.`
          : `${layerLabel(k)} holds other things. For example: ${STACK[k]?.examples}.`,
    }));
  },
  solve(p) {
    const c = COMPONENTS[p.i] as (typeof COMPONENTS)[number];
    const right = layerIndex(c.layer);
    return { steps: [`${c.thing}: ${layerLabel(right)}.`, `It owns: ${STACK[right]?.owns}`] };
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
