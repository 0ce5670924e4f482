import { compareMetric, METRICS, type MetricKey } from './report.ts';
import type { SimResult } from './result.ts';
import type { ScenarioInput } from './scenario.ts';

/** A scenario fragment: nested objects merge, everything else replaces. */
export type ScenarioPatch = { [key: string]: unknown };

/** Deep-merge scenario fragments left to right (arrays and values replace; objects merge). */
export function mergeScenario(base: ScenarioInput, ...patches: ScenarioPatch[]): ScenarioInput {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === undefined) return a;
    const isObj = (x: unknown): x is Record<string, unknown> =>
      typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!isObj(a) || !isObj(b)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return patches.reduce<unknown>((acc, p) => merge(acc, p), base) as ScenarioInput;
}

/** Which way the headline metric moved from A to B: beyond ±10% it moved; within it, "about the same". */
export type Outcome = 'lower' | 'higher' | 'same';
export const SAME_WITHIN = 0.1;

/**
 * A chapter comparison: one scenario, one knob changed, same seed. The learner predicts which way the headline
 * metric moves from A to B, then sees both runs.
 */
export interface SimPreset {
  id: string;
  title: string;
  /** Outline slug of the chapter that teaches it. */
  chapter: string;
  /** What B changes relative to A, in words. */
  knob: string;
  question: string;
  base: ScenarioInput;
  a: { label: string; change: ScenarioPatch };
  b: { label: string; change: ScenarioPatch };
  headline: MetricKey;
  /** Further figures worth showing side by side. */
  metrics: MetricKey[];
  /** The lesson, in words without figures (the figures come from the runs). */
  lesson: string;
}

// Shared shapes of traffic, so presets differ only where they say they do.
const chatAt = (rate: number, requests: number): ScenarioPatch => ({
  workload: { shape: 'chat', requests, arrival: { kind: 'poisson', rate } },
});
const shortRequests = (concurrency: number): ScenarioPatch => ({
  workload: {
    shape: 'chat',
    requests: 1200,
    arrival: { kind: 'closed', concurrency },
    prompt: { kind: 'lognormal', p5: 100, p95: 400 },
    output: { kind: 'lognormal', p5: 100, p95: 400 },
  },
});

const base: ScenarioInput = { model: 'llama-3.1-8b', gpu: 'h100-sxm', seed: 7 };

export const PRESETS: readonly SimPreset[] = [
  {
    id: 'static-vs-continuous',
    title: 'Static vs continuous batching',
    chapter: 'serving/continuous-batching',
    knob: 'The scheduler: fixed batches run to completion, or sequences joining and leaving every step.',
    question:
      'Chat traffic at a steady rate. Replace static batches of 16 with continuous batching. What happens to the median end-to-end latency?',
    base: mergeScenario(base, chatAt(2, 400)),
    a: { label: 'Static batches of 16', change: { scheduler: { kind: 'static', batchSize: 16, timeoutMs: 200 } } },
    b: { label: 'Continuous batching', change: { scheduler: { kind: 'continuous' } } },
    headline: 'e2e_p50',
    metrics: ['e2e_p99', 'ttft_p50', 'output_tps', 'padding_waste', 'goodput'],
    lesson:
      'A static batch cannot admit anyone until its longest reply is done, so requests queue behind it and short replies sit as padding. Continuous batching refills every freed slot at the next step.',
  },
  {
    id: 'chunked-prefill-burst',
    title: 'Chunked prefill under a long-prompt burst',
    chapter: 'serving/chunked-prefill',
    knob: 'Prefill in chunks of a 512-token step budget, or whole prompts in one step.',
    question:
      'Chat traffic, plus a burst of twelve 7,000-token documents. Switch from whole-prompt prefill to chunked prefill. What happens to the p99 inter-token latency of everyone else?',
    base: mergeScenario(base, chatAt(3, 600), {
      workload: {
        bursts: [{ atS: 60, count: 12, promptTokens: 7000, outputTokens: 64 }],
      },
    }),
    a: {
      label: 'Whole prompts',
      change: { scheduler: { kind: 'continuous', chunkedPrefill: false, maxNumBatchedTokens: 8192 } },
    },
    b: {
      label: 'Chunked prefill (512 tokens/step)',
      change: { scheduler: { kind: 'continuous', chunkedPrefill: true, maxNumBatchedTokens: 512 } },
    },
    headline: 'itl_p99',
    metrics: ['itl_p50', 'tpot_p99', 'ttft_p50', 'ttft_p99', 'output_tps'],
    lesson:
      'A whole long prompt makes one step hundreds of milliseconds long, and every decoding user waits for it. Chunks cap each step, so decodes keep flowing; the long prompts themselves take a little longer to start.',
  },
  {
    id: 'prefix-caching',
    title: 'Prefix caching with a shared system prompt',
    chapter: 'kv-cache/prefix-caching',
    knob: 'Prefix caching off or on (everything else identical).',
    question:
      'Agent traffic: every request starts with the same 1,536-token tool catalogue. Turn on prefix caching. What happens to the median time to first token?',
    base: mergeScenario(base, { workload: { shape: 'agent', requests: 800, arrival: { kind: 'poisson', rate: 8 } } }),
    a: { label: 'No prefix caching', change: { kv: { prefixCaching: false } } },
    b: { label: 'Prefix caching', change: { kv: { prefixCaching: true } } },
    headline: 'ttft_p50',
    metrics: ['ttft_p99', 'prefix_hit', 'tpot_p50', 'e2e_p50', 'kv_peak'],
    lesson:
      'With caching, the shared blocks are computed once and reused by reference, so each request prefills only its own tokens; the pool also holds one copy of the catalogue instead of one per request.',
  },
  {
    id: 'speculative-low-load',
    title: 'Speculative decoding at low load',
    chapter: 'serving/speculative-decoding',
    knob: 'Speculative decoding off, or 4 draft tokens per step (acceptance 0.7, draft step 10% of a target step).',
    question:
      'Four users, short requests. Turn on speculative decoding. What happens to the median time per output token?',
    base: mergeScenario(base, shortRequests(4)),
    a: { label: 'No speculation', change: { speculative: { tokens: 0 } } },
    b: { label: '4 draft tokens', change: { speculative: { tokens: 4, acceptance: 0.7, draftCost: 0.1 } } },
    headline: 'tpot_p50',
    metrics: ['itl_p50', 'output_tps', 'e2e_p50'],
    lesson:
      'At small batch each step is bound by reading the weights, and verifying five positions costs about as much as computing one, so every accepted draft token is nearly free.',
  },
  {
    id: 'speculative-high-load',
    title: 'Speculative decoding at high load',
    chapter: 'serving/speculative-decoding',
    knob: 'The same change as at low load, with 256 users instead of 4.',
    question:
      'Now 256 users send the same short requests. Turn on speculative decoding again. What happens to output throughput?',
    base: mergeScenario(base, shortRequests(256)),
    a: { label: 'No speculation', change: { speculative: { tokens: 0 } } },
    b: { label: '4 draft tokens', change: { speculative: { tokens: 4, acceptance: 0.7, draftCost: 0.1 } } },
    headline: 'output_tps',
    metrics: ['tpot_p50', 'e2e_p50', 'ttft_p50', 'mean_batch'],
    lesson:
      'A large batch of short contexts is compute-bound: verifying five positions per sequence now costs five times the math, rejected drafts are thrown away, and the draft model adds its own time. Speculation is a latency tool for light load, not a throughput fix.',
  },
  {
    id: 'paged-vs-contiguous',
    title: 'Paged vs contiguous KV allocation',
    chapter: 'kv-cache/paged-attention',
    knob: 'Reserve maxModelLen (8,192) tokens per sequence up front, or hand out 16-token blocks on demand.',
    question:
      'An 8 GiB KV pool and 64 busy users. Switch from contiguous reservation to paged blocks. What happens to the number of sequences that run at once?',
    base: mergeScenario(base, {
      hardware: { kvCacheGiB: 8 },
      workload: { shape: 'chat', requests: 600, arrival: { kind: 'closed', concurrency: 64 } },
    }),
    a: { label: 'Contiguous reservation', change: { kv: { allocation: 'contiguous' } } },
    b: { label: 'Paged blocks', change: { kv: { allocation: 'paged', blockSize: 16 } } },
    headline: 'peak_batch',
    metrics: ['mean_batch', 'output_tps', 'e2e_p50', 'preemptions'],
    lesson:
      'Reserving the longest possible sequence for everyone leaves most of each reservation empty. Blocks on demand waste at most one part-filled block per sequence, so the same memory holds several times more sequences.',
  },
  {
    id: 'preemption-kv-pressure',
    title: 'Preemption under KV pressure',
    chapter: 'kv-cache/paged-attention',
    knob: 'The KV pool: 24 GiB, or squeezed to 2.5 GiB (as a larger model or a lower gpu_memory_utilization would).',
    question:
      'Chat traffic at a steady rate. Shrink the KV pool until it runs out at busy moments. What happens to the p99 end-to-end latency?',
    base: mergeScenario(base, chatAt(4, 600)),
    a: { label: '24 GiB KV pool', change: { hardware: { kvCacheGiB: 24 } } },
    b: { label: '2.5 GiB KV pool', change: { hardware: { kvCacheGiB: 2.5 } } },
    headline: 'e2e_p99',
    metrics: ['preemptions', 'recompute_tail', 'ttft_p99', 'output_tps', 'kv_peak'],
    lesson:
      'When a running sequence needs a block and none is free, the newest sequence is preempted: its cache is dropped and it must prefill again later, and nobody new is admitted meanwhile. Both land in the tail.',
  },
];

export function getPreset(id: string): SimPreset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new RangeError(`unknown simulator preset "${id}"; known: ${PRESETS.map((x) => x.id).join(', ')}`);
  return p;
}

/** The two scenarios of a comparison. */
export function presetScenarios(p: SimPreset): [ScenarioInput, ScenarioInput] {
  return [mergeScenario(p.base, p.a.change), mergeScenario(p.base, p.b.change)];
}

/** Which way the headline metric moved from A to B. */
export function presetOutcome(p: SimPreset, a: SimResult, b: SimResult): Outcome {
  const { change } = compareMetric(p.headline, METRICS[p.headline].get(a), METRICS[p.headline].get(b));
  if (change === null) return 'higher';
  if (change > SAME_WITHIN) return 'higher';
  if (change < -SAME_WITHIN) return 'lower';
  return 'same';
}
