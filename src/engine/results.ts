import { z } from 'zod';
import { Summary } from './metrics.ts';

/**
 * The `results` object shared by a measured run (the bench kit's `bench-result/v1` line) and a simulated one,
 * so the two compare field by field. Times in milliseconds; throughputs per second.
 */
export const RunResults = z.object({
  completed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  duration_s: z.number().nonnegative(),
  ttft_ms: Summary,
  tpot_ms: Summary,
  itl_ms: Summary,
  e2e_ms: Summary,
  output_throughput_tok_s: z.number().nonnegative(),
  total_token_throughput_tok_s: z.number().nonnegative(),
  request_throughput_req_s: z.number().nonnegative(),
  goodput_req_s: z.number().nonnegative(),
});
export type RunResults = z.infer<typeof RunResults>;

export const WorkloadShape = z.enum(['chat', 'agent', 'batch', 'embedding']);
export type WorkloadShape = z.infer<typeof WorkloadShape>;

/** One line of a kit results file (DESIGN.md "Contracts"). */
export const BenchResult = z.object({
  schema: z.literal('bench-result/v1'),
  timestamp: z.string(),
  incomplete: z.boolean().optional(),
  hardware: z.object({
    gpu_name: z.string().nullable(),
    gpu_memory_mib: z.number().nullable(),
    gpu_count: z.number().int().nonnegative().nullable().optional(),
    driver: z.string().nullable(),
    cuda: z.string().nullable(),
  }),
  software: z.object({
    runtime: z.string().nullable(),
    runtime_version: z.string().nullable(),
    kit_version: z.string(),
    model: z.string(),
  }),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  workload: z.object({
    shape: WorkloadShape,
    endpoint: z.string().optional(),
    prompt_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    concurrency: z.number().int().positive().nullable(),
    rate_req_s: z.number().positive().nullable(),
    burstiness: z.number().positive().nullable().optional(),
    iterations: z.number().int().positive(),
    warmup: z.number().int().nonnegative(),
    seed: z.number().int(),
    slo: z.object({ ttft_ms: z.number().positive().nullable(), tpot_ms: z.number().positive().nullable() }),
  }),
  results: RunResults,
  peak_gpu_memory_mib: z.number().nonnegative().nullable(),
  parity: z
    .object({
      eval: z.string(),
      n: z.number().int().positive(),
      accuracy: z.number().min(0).max(1),
      agreement: z.number().min(0).max(1).nullable(),
    })
    .optional(),
  cost: z.object({ usd_per_hour: z.number().positive(), usd_per_mtok: z.number().nonnegative() }).optional(),
});
export type BenchResult = z.infer<typeof BenchResult>;
