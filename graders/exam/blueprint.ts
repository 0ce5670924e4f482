import { z } from 'zod';

/** How many questions a topic contributes, drawn from the listed templates. */
export interface BlueprintEntry {
  topic: string;
  count: number;
  /** Listed explicitly so that new templates added to the bank never change an existing exam's questions. */
  templates: string[];
}

export interface Blueprint {
  id: string;
  title: string;
  minutes: number;
  /** Share of questions to answer correctly to pass. */
  passMark: number;
  /** A practice blueprint is not the certification exam; its certificate says so. */
  practice: boolean;
  entries: BlueprintEntry[];
}

export const BlueprintId = z.enum(['full', 'short']);
export type BlueprintId = z.infer<typeof BlueprintId>;

/** An exam's seed: the generator takes any 32-bit unsigned integer. */
export const ExamSeed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** A learner's answers in question order, as typed ("" where unanswered). */
export const ExamAnswers = z.array(z.string().max(1000)).max(200);

const FULL: Blueprint = {
  id: 'full',
  title: 'Certification exam',
  minutes: 60,
  passMark: 0.8,
  practice: false,
  entries: [
    { topic: 'weight-memory', count: 1, templates: ['memory-wall/weight-memory', 'weights/int4-with-scales'] },
    { topic: 'units', count: 1, templates: ['units/card-memory', 'units/fits-trap', 'units/headroom'] },
    { topic: 'fits', count: 1, templates: ['fits/weights-on-card', 'fits/min-gpus', 'fits/kv-room'] },
    { topic: 'moe', count: 1, templates: ['moe/active-params', 'moe/experts-touched', 'moe/what-it-saves'] },
    {
      topic: 'kv-sizing',
      count: 3,
      templates: [
        'kv/per-token',
        'kv/long-context-request',
        'kv/sliding-window',
        'kv/batch-total',
        'kv/versus-weights',
        'kv/mla',
        'kv/hybrid-window',
        'kv/mha-formula-error',
      ],
    },
    {
      topic: 'decode-ceiling',
      count: 2,
      templates: [
        'memory-wall/decode-ceiling',
        'memory-wall/decode-step-time',
        'decode/gpu-ratio',
        'decode/achieved-bandwidth',
      ],
    },
    { topic: 'ridge-point', count: 1, templates: ['ridge/ridge-point', 'ridge/regime', 'ridge/intensity'] },
    { topic: 'prefill-time', count: 1, templates: ['prefill/time', 'prefill/regime'] },
    {
      topic: 'batching',
      count: 2,
      templates: ['batching/throughput-gain', 'batching/per-sequence-speed', 'batching/tensor-utilization'],
    },
    {
      topic: 'concurrency',
      count: 2,
      templates: ['paged/why-paging', 'capacity/kv-tokens', 'capacity/max-concurrency', 'capacity/paged-vs-reserved'],
    },
    {
      topic: 'unpacking-tax',
      count: 2,
      templates: ['precision/int4-batch1-speedup', 'precision/where-unpacking-bites', 'precision/crossover-batch'],
    },
    {
      topic: 'speculative',
      count: 2,
      templates: [
        'speculative/expected-tokens',
        'speculative/speedup',
        'speculative/break-even',
        'speculative/keep-or-disable',
      ],
    },
    { topic: 'parallelism', count: 1, templates: ['parallel/kv-per-rank', 'parallel/pipeline-bubble'] },
    {
      topic: 'percentiles',
      count: 2,
      templates: [
        'percentiles/from-trace',
        'percentiles/median-not-mean',
        'percentiles/tail-rank',
        'percentiles/tpot',
        'percentiles/goodput',
      ],
    },
    {
      topic: 'cost',
      count: 2,
      templates: ['cost/per-million-tokens', 'cost/per-request', 'cost/prefill-share', 'cost/disaggregation-chat'],
    },
    { topic: 'metric-choice', count: 1, templates: ['metrics/commit-to', 'metrics/workload-shape'] },
    {
      topic: 'cheat-sheet',
      count: 1,
      templates: ['cheat-sheet/technique', 'cheat-sheet/true-statement', 'cheat-sheet/vllm-setting'],
    },
    { topic: 'layers', count: 1, templates: ['layers/owner', 'layers/component'] },
    {
      topic: 'diagnostic-flow',
      count: 1,
      templates: ['diagnostic-flow/order', 'diagnostic-flow/which-step', 'diagnostic-flow/ceiling-gap'],
    },
    { topic: 'parity', count: 1, templates: ['parity/ship-gate'] },
    { topic: 'scheduling', count: 1, templates: ['scheduling/chunked-prefill'] },
  ],
};

/** Five questions in ten minutes: a practice run of the whole flow (and what the browser tests take). */
const SHORT: Blueprint = {
  id: 'short',
  title: 'Practice exam (short)',
  minutes: 10,
  passMark: 0.8,
  practice: true,
  entries: [
    { topic: 'decode-ceiling', count: 2, templates: ['memory-wall/decode-ceiling'] },
    { topic: 'weight-memory', count: 1, templates: ['memory-wall/weight-memory'] },
    { topic: 'diagnostic-flow', count: 2, templates: ['diagnostic-flow/order', 'diagnostic-flow/which-step'] },
  ],
};

export const BLUEPRINTS: Record<BlueprintId, Blueprint> = { full: FULL, short: SHORT };

export function questionCount(b: Blueprint): number {
  return b.entries.reduce((n, e) => n + e.count, 0);
}
