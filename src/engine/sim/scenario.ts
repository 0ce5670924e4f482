import { z } from 'zod';
import { InterconnectId } from '../parallel.ts';
import { Precision } from '../precision.ts';
import { WorkloadShape } from '../results.ts';

// Every knob of a simulated run, validated at the edge. Defaults are stated here once; the resolved scenario
// (all defaults filled in) is echoed in every result so a run can be repeated exactly.

const num = () => z.number({ error: 'must be a number' });
const whole = (min: number, max: number) =>
  num()
    .int('must be a whole number')
    .min(min, `must be at least ${min.toLocaleString('en-US')}`)
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);
const positive = (max = Number.MAX_VALUE) =>
  num()
    .gt(0, 'must be above 0')
    .max(max, `must be at most ${max.toLocaleString('en-US')}`);
const share = () => num().min(0, 'must be at least 0').max(1, 'must be at most 1');

/** How many tokens a request's prompt or output holds: one number, a uniform range, or a log-normal spread. */
export const LengthDist = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('fixed'), tokens: whole(1, 1_000_000) }),
    z
      .object({ kind: z.literal('uniform'), min: whole(1, 1_000_000), max: whole(1, 1_000_000) })
      .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['min'] }),
    z
      .object({
        kind: z.literal('lognormal'),
        /** 5th and 95th percentiles of the distribution before clipping. */
        p5: whole(1, 1_000_000),
        p95: whole(1, 1_000_000),
        /** Draws are clipped to this range (default 1 to 4 × p95) so one outlier cannot exceed the context. */
        min: whole(1, 1_000_000).optional(),
        max: whole(1, 4_000_000).optional(),
      })
      .refine((d) => d.p5 <= d.p95, { message: 'p5 must not exceed p95', path: ['p5'] }),
  ],
  { error: 'kind must be one of fixed, uniform, lognormal' },
);
export type LengthDist = z.infer<typeof LengthDist>;

/** When requests arrive: open-loop at a rate (Poisson, or gamma-distributed gaps), or closed-loop users. */
export const Arrival = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('poisson'), rate: positive(100_000) }),
    z.object({
      kind: z.literal('gamma'),
      rate: positive(100_000),
      /** Gamma shape of the gaps, as vLLM's `bench serve --burstiness`: 1 is Poisson, below 1 burstier. */
      burstiness: positive(1000),
    }),
    z.object({
      kind: z.literal('closed'),
      /** Users who each send their next request as soon as the previous one completes (as the bench kit does). */
      concurrency: whole(1, 100_000),
    }),
  ],
  { error: 'kind must be one of poisson, gamma, closed' },
);
export type Arrival = z.infer<typeof Arrival>;

/** One recorded request, for trace replay. */
export const TraceRequest = z.object({
  arrivalS: num().min(0, 'must be at least 0'),
  promptTokens: whole(1, 4_000_000),
  outputTokens: whole(1, 1_000_000),
  /** Requests with the same prefix id share their first `prefixTokens` prompt tokens (a system prompt). */
  prefixId: whole(0, 1_000_000).optional(),
  prefixTokens: whole(1, 4_000_000).optional(),
});
export type TraceRequest = z.infer<typeof TraceRequest>;

export const SharedPrefix = z.object({
  /** Tokens of the shared system prompt, added in front of each request's own prompt. */
  tokens: whole(1, 1_000_000),
  /** Distinct prefixes; each request draws one uniformly. */
  groups: whole(1, 10_000).default(1),
  /** Share of requests that carry a prefix at all. */
  share: share().default(1),
});
export type SharedPrefix = z.infer<typeof SharedPrefix>;

/** Extra requests that all arrive at one instant: the "someone uploaded a huge document" case. */
export const Burst = z.object({
  atS: num().min(0, 'must be at least 0'),
  count: whole(1, 100_000),
  promptTokens: whole(1, 4_000_000),
  outputTokens: whole(1, 1_000_000).default(64),
});
export type Burst = z.infer<typeof Burst>;

export const Workload = z
  .object({
    shape: WorkloadShape.default('chat'),
    requests: whole(1, 200_000).default(1000),
    arrival: Arrival.default({ kind: 'poisson', rate: 4 }),
    /** Override the shape's prompt and output lengths. */
    prompt: LengthDist.optional(),
    output: LengthDist.optional(),
    /** A shared system prompt; absent means the shape's default, null means none. */
    sharedPrefix: SharedPrefix.nullable().optional(),
    bursts: z.array(Burst).max(100, 'at most 100 bursts').default([]),
    /** Replay these requests instead of drawing them (shape, requests, arrival, lengths and prefix are then unused). */
    trace: z.array(TraceRequest).min(1, 'needs at least one request').max(200_000).optional(),
  })
  .superRefine((w, ctx) => {
    if (!w.trace) return;
    for (const [i, r] of w.trace.entries()) {
      if ((r.prefixId === undefined) !== (r.prefixTokens === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['trace', i, 'prefixId'],
          message: 'give prefixId and prefixTokens together',
        });
      else if (r.prefixTokens !== undefined && r.prefixTokens >= r.promptTokens)
        ctx.addIssue({
          code: 'custom',
          path: ['trace', i, 'prefixTokens'],
          message: `must be below promptTokens (${r.promptTokens}): a request adds at least one token of its own`,
        });
    }
  });
export type Workload = z.infer<typeof Workload>;

export const ContinuousScheduler = z.object({
  kind: z.literal('continuous'),
  /** vLLM `max_num_seqs`: most sequences in one step. Default: what `vllm serve` picks for the GPU. */
  maxNumSeqs: whole(1, 8192).optional(),
  /**
   * vLLM `max_num_batched_tokens`: the per-step token budget shared by decode tokens and prefill chunks. Default:
   * what `vllm serve` picks for the GPU; without chunked prefill, at least maxModelLen so any prompt fits a step.
   */
  maxNumBatchedTokens: whole(1, 1_048_576).optional(),
  /** Split long prompts into chunks that fit the budget beside running decodes; off, a prompt goes in whole. */
  chunkedPrefill: z.boolean().default(true),
});
export type ContinuousScheduler = z.infer<typeof ContinuousScheduler>;
export const StaticScheduler = z.object({
  kind: z.literal('static'),
  /** Requests per batch; a batch runs until its longest request finishes. */
  batchSize: whole(1, 8192).default(32),
  /** Start a partial batch once its oldest request has waited this long. */
  timeoutMs: num().min(0, 'must be at least 0').max(3_600_000).default(100),
});
export type StaticScheduler = z.infer<typeof StaticScheduler>;
export const SchedulerConfig = z.discriminatedUnion('kind', [ContinuousScheduler, StaticScheduler], {
  error: 'kind must be one of continuous, static',
});
export type SchedulerConfig = z.infer<typeof SchedulerConfig>;

export const KvConfig = z.object({
  /** paged: blocks of `blockSize` tokens on demand; contiguous: reserve `maxModelLen` tokens per sequence up front. */
  allocation: z.enum(['paged', 'contiguous'], { error: 'must be paged or contiguous' }).default('paged'),
  blockSize: whole(1, 1024).default(16),
  prefixCaching: z.boolean().default(false),
  /** Longest prompt + output a request may have; default min(8,192, the model's context). */
  maxModelLen: whole(16, 10_000_000).optional(),
});
export type KvConfig = z.infer<typeof KvConfig>;

export const Hardware = z.object({
  /** vLLM `gpu_memory_utilization`: the share of each GPU's memory the server may use. */
  gpuMemoryUtilization: num().gt(0.05, 'must be above 0.05').max(1, 'must be at most 1').default(0.9),
  /** Size the KV pool directly (per GPU) instead of from the memory left over, like vLLM's kv_cache_memory_bytes. */
  kvCacheGiB: positive(10_000).optional(),
  /** Share of peak memory bandwidth the kernels sustain. */
  bandwidthEfficiency: num().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.8),
  /** Share of peak tensor throughput the kernels sustain. */
  computeEfficiency: num().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.6),
  /** GPU-to-GPU link for tensor-parallel all-reduces (used when tensorParallel > 1); by default the GPU's own. */
  interconnect: InterconnectId.optional(),
  /** Fixed cost of every step: scheduling, kernel launches, sampling. */
  stepOverheadMs: num().min(0, 'must be at least 0').max(1000).default(0.5),
});
export type Hardware = z.infer<typeof Hardware>;

export const Speculative = z.object({
  /** Draft tokens proposed per step; 0 turns speculative decoding off. */
  tokens: whole(0, 16).default(0),
  /** Chance that each drafted token is accepted, independently (the α of Leviathan et al. 2023). */
  acceptance: share().default(0.7),
  /** Time of one draft step as a share of the target model's decode step for the same batch. */
  draftCost: num().min(0, 'must be at least 0').max(2, 'must be at most 2').default(0.1),
});
export type Speculative = z.infer<typeof Speculative>;

export const SimSlo = z.object({
  ttftMs: positive().optional(),
  tpotMs: positive().optional(),
  e2eMs: positive().optional(),
});

export const Scenario = z.object({
  model: z.string({ error: 'must be a catalog model id' }).default('llama-3.1-8b'),
  gpu: z.string({ error: 'must be a catalog GPU id' }).default('h100-sxm'),
  /** Defaults to the precision the checkpoint is stored in (its quantization, if any). */
  weightPrecision: Precision.optional(),
  /** Defaults to the 16-bit serving type, as vLLM's kv_cache_dtype "auto" does. */
  kvPrecision: Precision.optional(),
  tensorParallel: whole(1, 64).default(1),
  hardware: Hardware.prefault({}),
  scheduler: SchedulerConfig.prefault({ kind: 'continuous' }),
  kv: KvConfig.prefault({}),
  speculative: Speculative.prefault({}),
  workload: Workload.prefault({}),
  slo: SimSlo.default({ ttftMs: 1000, tpotMs: 50 }),
  seed: whole(0, 2 ** 32 - 1).default(1),
});
/** A scenario as written: every field optional. */
export type ScenarioInput = z.input<typeof Scenario>;
/** A scenario with every default filled in. */
export type Scenario = z.output<typeof Scenario>;
