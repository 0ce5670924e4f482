// Flags of `bench run`, validated into a RunConfig.
import { z } from 'zod';
import { WorkloadShape } from '../../../../src/engine/results.ts';
import { numeric, numericList, type Options, readFlags, UsageError, validateFlags } from './flags.ts';
import { type Endpoint, SHAPE_DEFAULTS, SHAPE_ENDPOINT } from './workload.ts';

export const RUN_OPTIONS: Options = {
  url: { type: 'string', default: 'http://127.0.0.1:8000' },
  model: { type: 'string' },
  shape: { type: 'string', default: 'chat' },
  endpoint: { type: 'string' },
  'prompt-length': { type: 'string' },
  'output-length': { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  burstiness: { type: 'string' },
  iters: { type: 'string', default: '100' },
  warmup: { type: 'string', default: '8' },
  seed: { type: 'string', default: '0' },
  'slo-ttft': { type: 'string' },
  'slo-tpot': { type: 'string' },
  out: { type: 'string', default: 'results.jsonl' },
  detail: { type: 'string' },
  timeout: { type: 'string', default: '600' },
  'api-key': { type: 'string' },
  'no-ignore-eos': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
};

const n = () => z.number({ error: 'must be a number' });
const whole = (min: number) =>
  n().int('must be a whole number').min(min, `must be at least ${min}`).max(10_000_000, 'must be at most 10,000,000');

const Flags = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }),
    model: z.string().min(1).optional(),
    shape: WorkloadShape,
    endpoint: z.enum(['chat', 'completions', 'embeddings']).optional(),
    'prompt-length': whole(1).optional(),
    'output-length': whole(0).optional(),
    concurrency: z.array(whole(1).max(100_000, 'must be at most 100,000')).min(1).optional(),
    rate: z.array(n().gt(0, 'must be above 0')).min(1).optional(),
    burstiness: n().gt(0, 'must be above 0').optional(),
    // Request bodies are prepared before a level starts (so building them does not delay timed requests).
    iters: whole(1).max(100_000, 'must be at most 100,000'),
    warmup: whole(0),
    seed: n().int('must be a whole number'),
    'slo-ttft': n().gt(0, 'must be above 0').optional(),
    'slo-tpot': n().gt(0, 'must be above 0').optional(),
    out: z.string().min(1),
    detail: z.string().min(1).optional(),
    timeout: n().gt(0, 'must be above 0'),
    'api-key': z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string, input: unknown) =>
      ctx.addIssue({ code: 'custom', path: [path], message, input });
    if (f.concurrency && f.rate) issue('rate', 'give --concurrency or --rate, not both', f.rate.join(','));
    if (f.burstiness !== undefined && !f.rate) issue('burstiness', 'only applies with --rate', f.burstiness);
    const endpoint = f.endpoint ?? SHAPE_ENDPOINT[f.shape];
    if ((f.shape === 'embedding') !== (endpoint === 'embeddings'))
      issue('endpoint', `shape ${f.shape} cannot use the ${endpoint} endpoint`, f.endpoint);
    if (f.shape === 'embedding' && f['output-length'] !== undefined && f['output-length'] !== 0)
      issue('output-length', 'an embedding produces no output tokens: leave it out or give 0', f['output-length']);
    if (f.shape !== 'embedding' && f['output-length'] === 0)
      issue('output-length', 'must be at least 1 for a generating shape', 0);
  });

export interface RunConfig {
  url: string;
  model: string | null;
  shape: z.infer<typeof WorkloadShape>;
  endpoint: Endpoint;
  promptTokens: number;
  outputTokens: number;
  /** One entry per level of the sweep. */
  levels: ({ concurrency: number; rate: null } | { concurrency: null; rate: number })[];
  burstiness: number;
  iters: number;
  warmup: number;
  seed: number;
  slo: { ttftMs: number | null; tpotMs: number | null };
  out: string;
  detail: string | null;
  timeoutMs: number;
  apiKey: string | null;
  ignoreEos: boolean;
  quiet: boolean;
}

export function parseRunFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): RunConfig {
  const { values, positionals } = readFlags('run', argv, RUN_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; flags start with --`);
  const raw: Record<string, unknown> = { ...values };
  for (const k of [
    'prompt-length',
    'output-length',
    'burstiness',
    'iters',
    'warmup',
    'seed',
    'slo-ttft',
    'slo-tpot',
    'timeout',
  ])
    raw[k] = numeric(values[k]);
  raw.concurrency = numericList(values.concurrency);
  raw.rate = numericList(values.rate);
  const f = validateFlags(Flags, raw);
  const defaults = SHAPE_DEFAULTS[f.shape];
  const levels: RunConfig['levels'] = f.rate
    ? f.rate.map((rate) => ({ concurrency: null, rate }))
    : (f.concurrency ?? [1]).map((concurrency) => ({ concurrency, rate: null }));
  return {
    url: f.url.replace(/\/+$/, '').replace(/\/v1$/, ''),
    model: f.model ?? null,
    shape: f.shape,
    endpoint: f.endpoint ?? SHAPE_ENDPOINT[f.shape],
    promptTokens: f['prompt-length'] ?? defaults.prompt,
    outputTokens: f.shape === 'embedding' ? 0 : (f['output-length'] ?? defaults.output),
    levels,
    burstiness: f.burstiness ?? 1,
    iters: f.iters,
    warmup: f.warmup,
    seed: f.seed,
    slo: { ttftMs: f['slo-ttft'] ?? null, tpotMs: f['slo-tpot'] ?? null },
    out: f.out,
    detail: f.detail ?? null,
    timeoutMs: f.timeout * 1000,
    apiKey: f['api-key'] ?? env.OPENAI_API_KEY ?? null,
    ignoreEos: values['no-ignore-eos'] !== true,
    quiet: values.quiet === true,
  };
}
