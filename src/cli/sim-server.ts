// `goodput sim-server`: the practice server on loopback, for running the bench kit without a GPU.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { InputError, parseInput } from '../engine/errors.ts';
import { Precision } from '../engine/precision.ts';
import type { ScenarioInput } from '../engine/sim/index.ts';
import { MiB } from '../engine/units.ts';
import { createPracticeServer } from '../server/server.ts';
import { createTimingSource } from '../server/source.ts';
import { type Command, type Io, UsageError } from './command.ts';

const HELP = `goodput sim-server — an OpenAI-compatible practice server whose token timing comes from the simulator

Usage: goodput sim-server [--port 8000] [--model qwen3-4b] [--gpu h100-sxm] [options]

Serves GET /v1/models, POST /v1/completions, /v1/chat/completions (SSE streaming, usage) and /v1/embeddings,
GET /metrics (Prometheus), /health and /version. GET /sim/requests lists every request's true timings
(arrival, each token's write time, TTFT, TPOT, E2E) so you can check what a benchmark measured.
The course's serving simulator (goodput sim) decides when each token exists, as vLLM would schedule it:
continuous batching with chunked prefill, a paged KV cache sized like vLLM's, and prefix caching of a shared
system prompt.

Options:
  --port N                      port to listen on (0 picks a free one; default 8000)
  --host ADDR                   address to bind (default 127.0.0.1, loopback only)
  --model ID                    catalog model to simulate (default qwen3-4b)
  --gpu ID                      catalog GPU to simulate (default h100-sxm)
  --precision P                 weight precision: fp32, bf16, fp16, fp8, int8, int4 (default: the checkpoint's)
  --served-model-name NAME      the model id clients must send (default: the --model id)
  --max-model-len N             context limit in tokens (default: 8192 or the model's, if shorter)
  --max-num-seqs N              most sequences in one step (default: what vLLM picks for the GPU)
  --max-num-batched-tokens N    token budget of one step (default: what vLLM picks for the GPU)
  --gpu-memory-utilization F    share of GPU memory for weights and KV cache (default 0.9)
  --bandwidth-efficiency F      share of peak memory bandwidth the kernels reach (default 0.8)
  --compute-efficiency F        share of peak tensor throughput the kernels reach (default 0.6)
  --no-enable-prefix-caching    turn the prefix cache off (vLLM's V1 engine has it on)
  --error-rate F                share of requests answered with HTTP 500 (default 0)
  --drop-rate F                 share of streams cut off halfway (default 0)
  --stall-rate F                share of streams that go silent halfway (default 0)
  --seed N                      seed for the injected faults (default 0)
  --json                        print one JSON line {url, model, timing} when listening
`;

const n = () => z.number({ error: 'must be a number' });
const rate = n().min(0, 'must be at least 0').max(1, 'must be at most 1');
const share = n().gt(0, 'must be above 0').max(1, 'must be at most 1');
const Flags = z
  .object({
    port: n().int('must be a whole number').min(0).max(65535, 'must be at most 65535'),
    host: z.string().min(1),
    model: z.string(),
    gpu: z.string(),
    precision: Precision.optional(),
    'served-model-name': z.string().min(1).optional(),
    'max-model-len': n().int('must be a whole number').min(16, 'must be at least 16').optional(),
    'max-num-seqs': n()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(8192, 'must be at most 8192')
      .optional(),
    'max-num-batched-tokens': n().int('must be a whole number').min(1, 'must be at least 1').optional(),
    'gpu-memory-utilization': share,
    'bandwidth-efficiency': share,
    'compute-efficiency': share,
    'error-rate': rate,
    'drop-rate': rate,
    'stall-rate': rate,
    seed: n().int('must be a whole number'),
  })
  .superRefine((f, ctx) => {
    const sum = f['error-rate'] + f['drop-rate'] + f['stall-rate'];
    if (sum > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['error-rate'],
        input: sum,
        message: 'with --drop-rate and --stall-rate must add up to at most 1',
      });
  });

const NUMERIC = [
  'port',
  'max-model-len',
  'max-num-seqs',
  'max-num-batched-tokens',
  'gpu-memory-utilization',
  'bandwidth-efficiency',
  'compute-efficiency',
  'error-rate',
  'drop-rate',
  'stall-rate',
  'seed',
];

function parseFlags(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '8000' },
        host: { type: 'string', default: '127.0.0.1' },
        model: { type: 'string', default: 'qwen3-4b' },
        gpu: { type: 'string', default: 'h100-sxm' },
        precision: { type: 'string' },
        'served-model-name': { type: 'string' },
        'max-model-len': { type: 'string' },
        'max-num-seqs': { type: 'string' },
        'max-num-batched-tokens': { type: 'string' },
        'gpu-memory-utilization': { type: 'string', default: '0.9' },
        'bandwidth-efficiency': { type: 'string', default: '0.8' },
        'compute-efficiency': { type: 'string', default: '0.6' },
        'no-enable-prefix-caching': { type: 'boolean', default: false },
        'error-rate': { type: 'string', default: '0' },
        'drop-rate': { type: 'string', default: '0' },
        'stall-rate': { type: 'string', default: '0' },
        seed: { type: 'string', default: '0' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. See goodput sim-server --help`);
  }
  const raw: Record<string, unknown> = { ...values };
  for (const k of NUMERIC) {
    const v = values[k];
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) raw[k] = Number(v);
  }
  try {
    return {
      ...parseInput(Flags, raw, 'flags'),
      json: values.json === true,
      prefixCaching: values['no-enable-prefix-caching'] !== true,
    };
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.issues.map((i) => `--${i.field}: ${i.message}`).join('; '));
    throw e;
  }
}

/** The flag behind each scenario field, so the simulator's own validation errors name what the user typed. */
const FLAG_FOR: Record<string, string> = {
  model: '--model',
  gpu: '--gpu',
  weightPrecision: '--precision',
  'kv.maxModelLen': '--max-model-len',
  'scheduler.maxNumSeqs': '--max-num-seqs',
  'scheduler.maxNumBatchedTokens': '--max-num-batched-tokens',
  'hardware.gpuMemoryUtilization': '--gpu-memory-utilization',
};

/** Start the server and run until `stop` resolves (Ctrl-C from the command line). */
export async function runSimServer(argv: string[], io: Io, stop: Promise<unknown>, version = pkg.version) {
  const f = parseFlags(argv);
  const scenario: ScenarioInput = {
    model: f.model,
    gpu: f.gpu,
    ...(f.precision ? { weightPrecision: f.precision } : {}),
    hardware: {
      gpuMemoryUtilization: f['gpu-memory-utilization'],
      bandwidthEfficiency: f['bandwidth-efficiency'],
      computeEfficiency: f['compute-efficiency'],
    },
    scheduler: {
      kind: 'continuous',
      ...(f['max-num-seqs'] ? { maxNumSeqs: f['max-num-seqs'] } : {}),
      ...(f['max-num-batched-tokens'] ? { maxNumBatchedTokens: f['max-num-batched-tokens'] } : {}),
    },
    kv: { prefixCaching: f.prefixCaching, ...(f['max-model-len'] ? { maxModelLen: f['max-model-len'] } : {}) },
  };
  let source: ReturnType<typeof createTimingSource>;
  try {
    source = createTimingSource(scenario);
  } catch (e) {
    if (e instanceof InputError)
      throw new UsageError(
        e.issues
          .map((i) => `${FLAG_FOR[i.field] ?? i.field}: ${i.message.replace(/^unknown id/, 'unknown id')}`)
          .join('; '),
      );
    throw e;
  }
  const { model, gpu, scenario: resolved } = source.setup;
  const served = f['served-model-name'] ?? model.id;
  const server = createPracticeServer({
    servedModelName: served,
    maxModelLen: resolved.kv.maxModelLen,
    source,
    version,
    faults: { error: f['error-rate'], drop: f['drop-rate'], stall: f['stall-rate'] },
    seed: f.seed,
    simulated: {
      model: model.id,
      precision: resolved.weightPrecision,
      gpu: { id: gpu.id, name: gpu.name, memory_mib: gpu.memoryBytes / MiB },
    },
  });
  const url = await server.listen(f.port, f.host);
  if (f.json) io.out(JSON.stringify({ url, model: served, timing: source.description }));
  else {
    io.out(`Practice server listening on ${url}/v1  (model "${served}")`);
    io.out(`  timing: ${source.description}`);
    io.out(`  true per-request timings: ${url}/sim/requests   metrics: ${url}/metrics`);
    if (!/^(127\.|\[::1\]|localhost)/.test(new URL(url).hostname))
      io.err('  note: listening beyond loopback; anyone who can reach this address can use it');
    io.out('Stop with Ctrl-C.');
  }
  await stop;
  await server.close();
  return 0;
}

export const simServer: Command = {
  name: 'sim-server',
  summary: 'OpenAI-compatible practice server with simulated timing (for the bench kit)',
  help: HELP,
  run(argv, io) {
    const stop = new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return runSimServer(argv, io, stop);
  },
};
