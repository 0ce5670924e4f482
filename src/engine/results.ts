import { z } from 'zod';
import { usdPerMillionTokens } from './cost.ts';
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
      /** Each item's extracted answer (null where none could be read), so a later run can measure agreement. */
      answers: z.array(z.string().nullable()).optional(),
    })
    .optional(),
  cost: z.object({ usd_per_hour: z.number().positive(), usd_per_mtok: z.number().nonnegative() }).optional(),
  /** Failed requests by cause (they sum to results.failed), with a few of the messages seen. */
  failures: z
    .object({
      http: z.number().int().nonnegative(),
      timeout: z.number().int().nonnegative(),
      stream: z.number().int().nonnegative(),
      other: z.number().int().nonnegative(),
      examples: z.array(z.string()),
    })
    .optional(),
  /**
   * How late the benchmark's own event loop ran while it measured: every millisecond here was added to some
   * request's timings by the client, not the server.
   */
  client: z
    .object({ event_loop_delay_p99_ms: z.number().nonnegative(), event_loop_delay_max_ms: z.number().nonnegative() })
    .optional(),
  /** Token counts the server reported in `usage` over the completed requests (requested lengths are in workload). */
  tokens: z
    .object({
      prompt_mean: z.number().nonnegative(),
      output_mean: z.number().nonnegative(),
      prompt_total: z.number().int().nonnegative(),
      output_total: z.number().int().nonnegative(),
    })
    .optional(),
});
export type BenchResult = z.infer<typeof BenchResult>;

/** The hardware a kit saw, as nvidia-smi and the runtime report it; null where it could not be read. */
export const ProbeHardware = z.object({
  gpu_name: z.string().nullable(),
  gpu_memory_mib: z.number().nullable(),
  gpu_count: z.number().int().nonnegative().nullable(),
  driver: z.string().nullable(),
  cuda: z.string().nullable(),
  /** e.g. "9.0" for Hopper; decides whether FP8 matmuls exist. */
  compute_capability: z.string().nullable(),
});
export type ProbeHardware = z.infer<typeof ProbeHardware>;

/** planned: a dry run's line (nothing measured); skipped: not possible here (reason says why); failed: raised. */
export const ProbeStatus = z.enum(['ok', 'skipped', 'failed', 'planned']);
export type ProbeStatus = z.infer<typeof ProbeStatus>;

const probeCommon = {
  schema: z.literal('probe-result/v1'),
  timestamp: z.string(),
  dry_run: z.boolean(),
  status: ProbeStatus,
  reason: z.string().nullable(),
  hardware: ProbeHardware,
  software: z.object({
    python: z.string(),
    torch: z.string().nullable(),
    transformers: z.string().nullable(),
    kit_version: z.string(),
  }),
  iterations: z.number().int().nonnegative(),
};

const measured = z.number().positive().nullable();

/** Device-to-device copy: each iteration reads and writes `bytes`, so it moves 2 × bytes. GB/s in 10⁹ bytes. */
const BandwidthProbe = z.object({
  ...probeCommon,
  kind: z.literal('hbm_bandwidth'),
  bytes: z.number().int().positive(),
  gb_s_median: measured,
  gb_s_best: measured,
});

/** Dense matmul of m×k by k×n: 2·m·n·k FLOPs per iteration. TFLOPS in 10¹² per second. */
const MatmulProbe = z.object({
  ...probeCommon,
  kind: z.literal('matmul'),
  dtype: z.enum(['bf16', 'fp8']),
  m: z.number().int().positive(),
  n: z.number().int().positive(),
  k: z.number().int().positive(),
  tflops_median: measured,
  tflops_best: measured,
});

/** One decode step (one new token for each of `batch` sequences holding `context` tokens of KV cache). */
const DecodeProbe = z.object({
  ...probeCommon,
  kind: z.literal('decode_step'),
  /** `id` is the course catalog id when the config came from the kit's bundled catalog configs. */
  model: z.object({ id: z.string().nullable(), name: z.string(), config: z.string() }),
  weight_precision: z.literal('bf16'),
  batch: z.number().int().positive(),
  context: z.number().int().nonnegative(),
  step_ms_median: measured,
  step_ms_best: measured,
});

/** One line of the probe kit's output file (`probe-result/v1`): one measurement with the hardware it ran on. */
export const ProbeResult = z
  .discriminatedUnion('kind', [BandwidthProbe, MatmulProbe, DecodeProbe])
  .superRefine((line, ctx) => {
    if (line.dry_run && line.status !== 'planned')
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a dry run only plans: status must be "planned"' });
    if (!line.dry_run && line.status === 'planned')
      ctx.addIssue({ code: 'custom', path: ['status'], message: '"planned" is only for dry runs' });
    const figures =
      line.kind === 'hbm_bandwidth'
        ? { gb_s_median: line.gb_s_median, gb_s_best: line.gb_s_best }
        : line.kind === 'matmul'
          ? { tflops_median: line.tflops_median, tflops_best: line.tflops_best }
          : { step_ms_median: line.step_ms_median, step_ms_best: line.step_ms_best };
    for (const [field, value] of Object.entries(figures)) {
      if (line.status === 'ok' && value === null)
        ctx.addIssue({ code: 'custom', path: [field], message: 'a measurement with status "ok" needs a value' });
      if (line.status !== 'ok' && value !== null)
        ctx.addIssue({ code: 'custom', path: [field], message: `must be null when status is "${line.status}"` });
    }
    if ((line.status === 'skipped' || line.status === 'failed') && !line.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `say why the probe was ${line.status}` });
  });
export type ProbeResult = z.infer<typeof ProbeResult>;

/** A headline metric of a run, as the reproducibility check compares it. */
export interface HeadlineMetric {
  id: string;
  label: string;
  get(r: BenchResult): number | null;
}

export const HEADLINE_METRICS: readonly HeadlineMetric[] = [
  { id: 'ttft_p50', label: 'TTFT p50 (ms)', get: (r) => r.results.ttft_ms.p50 },
  { id: 'ttft_p95', label: 'TTFT p95 (ms)', get: (r) => r.results.ttft_ms.p95 },
  { id: 'ttft_p99', label: 'TTFT p99 (ms)', get: (r) => r.results.ttft_ms.p99 },
  { id: 'tpot_p50', label: 'TPOT p50 (ms)', get: (r) => r.results.tpot_ms.p50 },
  { id: 'tpot_p95', label: 'TPOT p95 (ms)', get: (r) => r.results.tpot_ms.p95 },
  { id: 'tpot_p99', label: 'TPOT p99 (ms)', get: (r) => r.results.tpot_ms.p99 },
  { id: 'e2e_p50', label: 'E2E p50 (ms)', get: (r) => r.results.e2e_ms.p50 },
  { id: 'output_tok_s', label: 'Output throughput (tok/s)', get: (r) => r.results.output_throughput_tok_s },
  { id: 'request_req_s', label: 'Request throughput (req/s)', get: (r) => r.results.request_throughput_req_s },
  { id: 'goodput_req_s', label: 'Goodput (req/s)', get: (r) => r.results.goodput_req_s },
  { id: 'peak_gpu_mib', label: 'Peak GPU memory (MiB)', get: (r) => r.peak_gpu_memory_mib },
];

/** Lines describe the same experiment when shape, endpoint, lengths, load and eval set agree. */
export function workloadKey(r: BenchResult): string {
  const w = r.workload;
  const load = w.concurrency !== null ? `c${w.concurrency}` : `r${w.rate_req_s}b${w.burstiness ?? 1}`;
  return [w.shape, w.endpoint ?? '', w.prompt_tokens, w.output_tokens, load, r.parity?.eval ?? ''].join('|');
}

export function workloadLabel(r: BenchResult): string {
  const w = r.workload;
  const load =
    w.concurrency !== null
      ? `concurrency ${w.concurrency}`
      : `${w.rate_req_s} req/s${w.burstiness && w.burstiness !== 1 ? ` (burstiness ${w.burstiness})` : ''}`;
  const parity = r.parity ? `, parity ${r.parity.eval}` : '';
  return `${w.shape}, ${w.prompt_tokens}→${w.output_tokens} tokens, ${load}${parity}`;
}

export interface MetricDiff {
  id: string;
  label: string;
  a: number;
  b: number;
  /** (b − a) / a; 0 when both are 0, ±Infinity when only a is 0. */
  relative: number;
  within: boolean;
}

export interface LevelComparison {
  key: string;
  label: string;
  a: BenchResult;
  b: BenchResult;
  diffs: MetricDiff[];
  within: boolean;
}

export interface RunComparison {
  tolerance: number;
  levels: LevelComparison[];
  onlyInA: BenchResult[];
  onlyInB: BenchResult[];
  /** Lines marked incomplete (interrupted runs) are left out of the comparison. */
  skippedIncomplete: number;
  /** True when at least one level matched and every matched metric is within the tolerance. */
  within: boolean;
}

function relativeDiff(a: number, b: number): number {
  if (a === b) return 0;
  if (a === 0) return b > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (b - a) / Math.abs(a);
}

/** The latest complete line per workload, in first-seen order. */
function latestByKey(lines: readonly BenchResult[]): { byKey: Map<string, BenchResult>; incomplete: number } {
  const byKey = new Map<string, BenchResult>();
  let incomplete = 0;
  for (const line of lines) {
    if (line.incomplete) incomplete++;
    else byKey.set(workloadKey(line), line);
  }
  return { byKey, incomplete };
}

/**
 * The reproducibility check: are two runs of the same workloads within ±tolerance on every headline metric?
 * Lines are matched by workload; where a file repeats a workload, its latest line counts.
 */
export function compareRuns(a: readonly BenchResult[], b: readonly BenchResult[], tolerance = 0.05): RunComparison {
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be at least 0 (got ${tolerance})`);
  const left = latestByKey(a);
  const right = latestByKey(b);
  const levels: LevelComparison[] = [];
  for (const [key, la] of left.byKey) {
    const lb = right.byKey.get(key);
    if (!lb) continue;
    const diffs: MetricDiff[] = [];
    for (const m of HEADLINE_METRICS) {
      const va = m.get(la);
      const vb = m.get(lb);
      if (va === null || vb === null) continue;
      const relative = relativeDiff(va, vb);
      diffs.push({ id: m.id, label: m.label, a: va, b: vb, relative, within: Math.abs(relative) <= tolerance });
    }
    levels.push({ key, label: workloadLabel(la), a: la, b: lb, diffs, within: diffs.every((d) => d.within) });
  }
  const onlyInA = [...left.byKey].filter(([k]) => !right.byKey.has(k)).map(([, v]) => v);
  const onlyInB = [...right.byKey].filter(([k]) => !left.byKey.has(k)).map(([, v]) => v);
  return {
    tolerance,
    levels,
    onlyInA,
    onlyInB,
    skippedIncomplete: left.incomplete + right.incomplete,
    within: levels.length > 0 && levels.every((l) => l.within),
  };
}

/**
 * The goodput knee of a sweep: the load level (concurrency or rate) with the highest goodput, the lowest such
 * level on ties. Past it, more load may still raise raw throughput, but fewer requests meet the SLOs.
 * Undefined when no level has any goodput.
 */
export function goodputKnee<T extends { x: number; goodput: number }>(points: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const p of points) {
    if (p.goodput <= 0) continue;
    if (!best || p.goodput > best.goodput || (p.goodput === best.goodput && p.x < best.x)) best = p;
  }
  return best;
}

/** One problem with one line of a results file: where, which field, what it held, what is wrong. */
export interface LineIssue {
  line: number;
  field: string;
  value: string;
  message: string;
}

export interface ParsedResults {
  bench: { line: number; value: BenchResult }[];
  probe: { line: number; value: ProbeResult }[];
  issues: LineIssue[];
}

function preview(value: unknown): string {
  if (value === undefined) return '(missing)';
  const s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * Read a results file (JSON lines of bench-result/v1 and probe-result/v1, in any mix). Blank lines are skipped;
 * every other line is validated and either kept or reported with its line number, field, value and the problem.
 */
export function parseResultsText(text: string): ParsedResults {
  const out: ParsedResults = { bench: [], probe: [], issues: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      const shown = raw.trim();
      out.issues.push({
        line,
        field: '(whole line)',
        value: shown.length > 60 ? `${shown.slice(0, 60)}…` : shown,
        message: `not valid JSON: ${(e as Error).message}`,
      });
      return;
    }
    const schema = typeof json === 'object' && json !== null ? (json as { schema?: unknown }).schema : undefined;
    const parser = schema === 'bench-result/v1' ? BenchResult : schema === 'probe-result/v1' ? ProbeResult : null;
    if (!parser) {
      out.issues.push({
        line,
        field: 'schema',
        value: preview(schema),
        message: 'must be "bench-result/v1" or "probe-result/v1"',
      });
      return;
    }
    const r = parser.safeParse(json, { reportInput: true });
    if (r.success) {
      if (schema === 'bench-result/v1') out.bench.push({ line, value: r.data as BenchResult });
      else out.probe.push({ line, value: r.data as ProbeResult });
      return;
    }
    for (const issue of r.error.issues)
      out.issues.push({
        line,
        field: issue.path.length ? issue.path.join('.') : '(whole line)',
        value: preview('input' in issue ? issue.input : undefined),
        message: issue.message,
      });
  });
  return out;
}

/**
 * A run's serving cost per million tokens at an hourly price (DESIGN.md `cost`), by the engine's $/MTok formula.
 * Tokens are output tokens, or prompt tokens for embeddings (which produce none). Null when nothing was produced.
 */
export function resultCost(line: BenchResult, usdPerHour: number): NonNullable<BenchResult['cost']> | null {
  const r = line.results;
  const tokS = line.workload.shape === 'embedding' ? r.total_token_throughput_tok_s : r.output_throughput_tok_s;
  if (!(tokS > 0)) return null;
  return { usd_per_hour: usdPerHour, usd_per_mtok: usdPerMillionTokens(usdPerHour, tokS) };
}
