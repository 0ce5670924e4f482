import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../engine/errors.ts';
import { PRECISIONS } from '../engine/precision.ts';
import {
  getPreset,
  mergeScenario,
  PRESETS,
  prepare,
  type ScenarioInput,
  type ScenarioPatch,
  type SimResult,
  simulate,
  toBenchResult,
} from '../engine/sim/index.ts';
import { fixed, formatPercent } from '../engine/units.ts';
import { type Command, type Io, UsageError } from './command.ts';

const HELP = `goodput sim — simulate one serving replica (continuous batching, paged KV, chunked prefill, prefix
caching, speculative decoding) and report the same metrics as a benchmark run.

Usage:
  goodput sim --model <id> --gpu <id> --shape chat --requests N (--rate R | --concurrency C) --seed S [--json]
  goodput sim --scenario file.json [flags that override it] [--json]
  goodput sim --preset <id> [--variant a|b] [--json]
  goodput sim --trace requests.json [flags]      replay recorded requests

Workload:
  --shape chat|agent|batch|embedding   prompt and output lengths of the course's four shapes (default chat)
  --requests N                         requests to send (default 1000)
  --rate R                             open loop: Poisson arrivals at R requests/s (default 4)
  --burstiness B                       with --rate: gamma-distributed gaps, 1 = Poisson, below 1 = burstier
  --concurrency C                      closed loop: C users, each sends its next request when one completes
  --prompt-tokens N, --output-tokens N fixed lengths instead of the shape's
  --seed S                             same scenario + seed gives the same result (default 1)
  --trace file.json                    replay a JSON list of {arrivalS, promptTokens, outputTokens
                                       [, prefixId, prefixTokens]} instead of drawing requests
Model and hardware:
  --model <id>, --gpu <id>             catalog ids (default llama-3.1-8b on h100-sxm)
  --weight-precision P, --kv-precision P   ${PRECISIONS.join(', ')}
  --tp N                               tensor-parallel GPUs
  --kv-cache-gib G                     size the KV pool directly (per GPU)
Scheduler and KV cache:
  --scheduler continuous|static        (default continuous)
  --max-num-seqs N, --max-num-batched-tokens N, --no-chunked-prefill
  --batch-size N, --batch-timeout-ms T static batching
  --allocation paged|contiguous, --block-size N, --max-model-len N, --prefix-caching
  --spec-tokens K, --spec-acceptance A, --draft-cost C   speculative decoding (K = 0 is off)
SLOs (for goodput): --slo-ttft MS, --slo-tpot MS, --slo-e2e MS
Output:
  --json          the result as JSON: "results" is the bench-result/v1 results object
  --bench-line    a complete bench-result/v1 line (runtime "goodput-sim"), to sit beside measured runs
  --full          with --json: also the time series, CDFs and timeline
  --per-request   with --json: one row per request
  --list-presets  the chapter comparisons

Percentiles interpolate linearly between order statistics, as numpy and vLLM's bench serve do.`;

const OPTIONS = {
  scenario: { type: 'string' },
  trace: { type: 'string' },
  preset: { type: 'string' },
  variant: { type: 'string' },
  model: { type: 'string' },
  gpu: { type: 'string' },
  shape: { type: 'string' },
  requests: { type: 'string' },
  rate: { type: 'string' },
  burstiness: { type: 'string' },
  concurrency: { type: 'string' },
  'prompt-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  seed: { type: 'string' },
  'weight-precision': { type: 'string' },
  'kv-precision': { type: 'string' },
  tp: { type: 'string' },
  'kv-cache-gib': { type: 'string' },
  scheduler: { type: 'string' },
  'max-num-seqs': { type: 'string' },
  'max-num-batched-tokens': { type: 'string' },
  'no-chunked-prefill': { type: 'boolean' },
  'batch-size': { type: 'string' },
  'batch-timeout-ms': { type: 'string' },
  allocation: { type: 'string' },
  'block-size': { type: 'string' },
  'max-model-len': { type: 'string' },
  'prefix-caching': { type: 'boolean' },
  'spec-tokens': { type: 'string' },
  'spec-acceptance': { type: 'string' },
  'draft-cost': { type: 'string' },
  'slo-ttft': { type: 'string' },
  'slo-tpot': { type: 'string' },
  'slo-e2e': { type: 'string' },
  json: { type: 'boolean' },
  'bench-line': { type: 'boolean' },
  full: { type: 'boolean' },
  'per-request': { type: 'boolean' },
  'list-presets': { type: 'boolean' },
} as const;

/** Scenario fields set by a flag, so a validation error can name the flag the user typed. */
const FLAG_OF: Record<string, string> = {
  model: '--model',
  gpu: '--gpu',
  'workload.shape': '--shape',
  'workload.requests': '--requests',
  'workload.arrival.rate': '--rate',
  'workload.arrival.burstiness': '--burstiness',
  'workload.arrival.concurrency': '--concurrency',
  'workload.prompt.tokens': '--prompt-tokens',
  'workload.output.tokens': '--output-tokens',
  seed: '--seed',
  weightPrecision: '--weight-precision',
  kvPrecision: '--kv-precision',
  tensorParallel: '--tp',
  'hardware.kvCacheGiB': '--kv-cache-gib',
  'scheduler.kind': '--scheduler',
  'scheduler.maxNumSeqs': '--max-num-seqs',
  'scheduler.maxNumBatchedTokens': '--max-num-batched-tokens',
  'scheduler.batchSize': '--batch-size',
  'scheduler.timeoutMs': '--batch-timeout-ms',
  'kv.allocation': '--allocation',
  'kv.blockSize': '--block-size',
  'kv.maxModelLen': '--max-model-len',
  'speculative.tokens': '--spec-tokens',
  'speculative.acceptance': '--spec-acceptance',
  'speculative.draftCost': '--draft-cost',
  'slo.ttftMs': '--slo-ttft',
  'slo.tpotMs': '--slo-tpot',
  'slo.e2eMs': '--slo-e2e',
};

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number (got "${raw}")`);
  return n;
}

/** The scenario fragment the flags describe; undefined fields are left to the file or the defaults. */
function patchFromFlags(v: Values): ScenarioPatch {
  const n = (flag: keyof typeof OPTIONS) => number(flag, v[flag] as string | undefined);
  if (v.rate !== undefined && v.concurrency !== undefined)
    throw new UsageError('give --rate (open loop) or --concurrency (closed loop), not both');
  if (v.burstiness !== undefined && v.rate === undefined) throw new UsageError('--burstiness needs --rate');
  const arrival =
    v.concurrency !== undefined
      ? { kind: 'closed', concurrency: n('concurrency') }
      : v.rate !== undefined
        ? v.burstiness !== undefined
          ? { kind: 'gamma', rate: n('rate'), burstiness: n('burstiness') }
          : { kind: 'poisson', rate: n('rate') }
        : undefined;
  const scheduler =
    v.scheduler === 'static'
      ? { kind: 'static', batchSize: n('batch-size'), timeoutMs: n('batch-timeout-ms') }
      : v.scheduler === undefined || v.scheduler === 'continuous'
        ? {
            kind: v.scheduler,
            maxNumSeqs: n('max-num-seqs'),
            maxNumBatchedTokens: n('max-num-batched-tokens'),
            chunkedPrefill: v['no-chunked-prefill'] ? false : undefined,
          }
        : { kind: v.scheduler };
  const fixedLen = (flag: 'prompt-tokens' | 'output-tokens') =>
    v[flag] === undefined ? undefined : { kind: 'fixed', tokens: n(flag) };
  const slo = { ttftMs: n('slo-ttft'), tpotMs: n('slo-tpot'), e2eMs: n('slo-e2e') };
  const patch: ScenarioPatch = {
    model: v.model,
    gpu: v.gpu,
    seed: n('seed'),
    weightPrecision: v['weight-precision'],
    kvPrecision: v['kv-precision'],
    tensorParallel: n('tp'),
    hardware: { kvCacheGiB: n('kv-cache-gib') },
    scheduler,
    kv: {
      allocation: v.allocation,
      blockSize: n('block-size'),
      maxModelLen: n('max-model-len'),
      prefixCaching: v['prefix-caching'] ? true : undefined,
    },
    speculative: { tokens: n('spec-tokens'), acceptance: n('spec-acceptance'), draftCost: n('draft-cost') },
    workload: {
      shape: v.shape,
      requests: n('requests'),
      arrival,
      prompt: fixedLen('prompt-tokens'),
      output: fixedLen('output-tokens'),
    },
    slo: Object.values(slo).some((x) => x !== undefined) ? slo : undefined,
  };
  return dropUndefined(patch) as ScenarioPatch;
}

function dropUndefined(x: unknown): unknown {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return x;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(x)) {
    const d = dropUndefined(val);
    if (d === undefined) continue;
    if (typeof d === 'object' && d !== null && !Array.isArray(d) && Object.keys(d).length === 0) continue;
    out[k] = d;
  }
  return out;
}

function readJson(flag: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--${flag}: ${path} is not valid JSON (${(e as Error).message})`);
  }
}

const ms = (x: number) => `${fixed(x, x < 100 ? 1 : 0)} ms`;

function describeArrival(r: SimResult): string {
  const w = r.scenario.workload;
  if (w.trace) return `${w.trace.length} traced requests`;
  const a = w.arrival;
  const how =
    a.kind === 'closed'
      ? `closed loop, ${a.concurrency} users`
      : a.kind === 'gamma'
        ? `gamma arrivals at ${a.rate} req/s, burstiness ${a.burstiness}`
        : `Poisson arrivals at ${a.rate} req/s`;
  const bursts = w.bursts.reduce((s, b) => s + b.count, 0);
  return `${fixed(w.requests)} ${w.shape} requests, ${how}${bursts ? ` (+${bursts} in bursts)` : ''}`;
}

function human(r: SimResult): string {
  const x = r.results;
  const s = r.scenario;
  const row = (name: string, v: { p50: number; p95: number; p99: number; mean: number }) =>
    `  ${name.padEnd(6)}${[v.p50, v.p95, v.p99, v.mean].map((n) => ms(n).padStart(12)).join('')}`;
  const slo = [
    s.slo.ttftMs && `TTFT ≤ ${s.slo.ttftMs} ms`,
    s.slo.tpotMs && `TPOT ≤ ${s.slo.tpotMs} ms`,
    s.slo.e2eMs && `E2E ≤ ${s.slo.e2eMs} ms`,
  ]
    .filter(Boolean)
    .join(', ');
  const t = r.stages.tail;
  return [
    `${r.setup.model} on ${s.tensorParallel > 1 ? `${s.tensorParallel} × ` : ''}${r.setup.gpu} · ${r.setup.scheduler} batching · ${describeArrival(r)} · seed ${s.seed}`,
    `KV pool ${fixed(r.setup.kv_pool_tokens)} tokens (${fixed(r.setup.kv_blocks)} blocks of ${fixed(r.setup.block_size)}), ${fixed(r.setup.kv_gib_per_gpu, 2)} GiB per GPU beside ${fixed(r.setup.weight_gib_per_gpu, 2)} GiB of weights`,
    '',
    `  ${''.padEnd(6)}${['p50', 'p95', 'p99', 'mean'].map((h) => h.padStart(12)).join('')}`,
    row('TTFT', x.ttft_ms),
    row('TPOT', x.tpot_ms),
    row('ITL', x.itl_ms),
    row('E2E', x.e2e_ms),
    '',
    `Completed ${fixed(x.completed)}, failed ${fixed(x.failed)} in ${fixed(x.duration_s, 1)} s: output ${fixed(x.output_throughput_tok_s)} tok/s, total ${fixed(x.total_token_throughput_tok_s)} tok/s, ${fixed(x.request_throughput_req_s, 2)} req/s, goodput ${fixed(x.goodput_req_s, 2)} req/s${slo ? ` (${slo})` : ''}`,
    `Slowest 5% (${t.requests} requests, mean ${ms(t.e2e_ms)}): queue ${formatPercent(t.queue_share)}, prefill ${formatPercent(t.prefill_share)}, decode ${formatPercent(t.decode_share)}, recompute ${formatPercent(t.recompute_share)}`,
    `Batch: mean ${fixed(r.batch.mean_seqs, 1)}, peak ${fixed(r.batch.peak_seqs)} sequences per step · KV blocks in use: peak ${formatPercent(r.kv.peak_used)}, mean ${formatPercent(r.kv.mean_used)} · preemptions ${fixed(r.preemptions)}`,
    ...(r.prefix_cache_hit_rate !== null ? [`Prefix-cache hit rate ${formatPercent(r.prefix_cache_hit_rate)}`] : []),
    ...(r.padding_waste > 0 ? [`Padding waste ${formatPercent(r.padding_waste)} of computed positions`] : []),
    ...(r.speculative
      ? [
          `Speculative decoding: ${fixed(r.speculative.tokens_per_step, 2)} tokens per decode step, ${formatPercent(r.speculative.acceptance_rate)} of drafts accepted`,
        ]
      : []),
    ...r.failures.slice(0, 3).map((f) => `Failed request ${f.id}: ${f.reason}`),
    '',
    'Percentiles interpolate linearly between order statistics (numpy default).',
  ].join('\n');
}

/** Rewrite validation errors about fields the user set by flag so they name the flag. */
function withFlags(e: InputError, fromFlags: ScenarioPatch): InputError {
  const set = (path: string) =>
    path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], fromFlags) !== undefined;
  return new InputError(
    'scenario',
    e.issues.map((i) => {
      const flag = FLAG_OF[i.field];
      return flag && set(i.field) ? { field: flag, message: i.message } : i;
    }),
  );
}

export const simCommand: Command = {
  name: 'sim',
  summary: 'Simulate a serving replica and report TTFT, TPOT, ITL, E2E, throughput and goodput',
  help: HELP,
  async run(argv: string[], io: Io): Promise<number> {
    let values: Values;
    try {
      values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values as Values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (values['list-presets']) {
      for (const p of PRESETS) io.out(`${p.id.padEnd(24)} ${p.title} — A: ${p.a.label}; B: ${p.b.label}`);
      return 0;
    }
    if (values.variant !== undefined && values.preset === undefined) throw new UsageError('--variant needs --preset');
    let base: ScenarioInput = {};
    if (values.preset !== undefined) {
      let p: ReturnType<typeof getPreset>;
      try {
        p = getPreset(values.preset);
      } catch (e) {
        throw new UsageError(`--preset: ${(e as Error).message}`);
      }
      const variant = values.variant ?? 'b';
      if (variant !== 'a' && variant !== 'b') throw new UsageError(`--variant must be a or b (got "${variant}")`);
      base = mergeScenario(p.base, variant === 'a' ? p.a.change : p.b.change);
    }
    if (values.scenario !== undefined)
      base = mergeScenario(base, readJson('scenario', values.scenario) as ScenarioPatch);
    if (values.trace !== undefined) {
      const trace = readJson('trace', values.trace);
      if (!Array.isArray(trace)) throw new UsageError(`--trace: ${values.trace} must hold a JSON list of requests`);
      base = mergeScenario(base, { workload: { trace } });
    }
    const flags = patchFromFlags(values);
    const scenario = mergeScenario(base, flags);
    // Continuous-batching flags alone (say --no-chunked-prefill) imply the continuous scheduler.
    const sch = scenario.scheduler as Record<string, unknown> | undefined;
    if (sch && sch.kind === undefined) sch.kind = 'continuous';
    let setup: ReturnType<typeof prepare>;
    try {
      setup = prepare(scenario);
    } catch (e) {
      if (e instanceof InputError) throw withFlags(e, flags);
      throw e;
    }
    const full = values.full === true;
    const r = simulate(setup, {}, { requests: values['per-request'] === true });
    if (values['bench-line']) {
      io.out(JSON.stringify(toBenchResult(setup, r, new Date().toISOString())));
      return 0;
    }
    if (values.json) {
      const { series, cdf, timeline, ...rest } = r;
      io.out(JSON.stringify(full ? r : rest, null, 2));
      return 0;
    }
    io.out(human(r));
    return 0;
  },
};
