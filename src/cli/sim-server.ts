// `goodput sim-server`: the practice server on loopback, for running the bench kit without a GPU.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { getGpu, getModel } from '../engine/catalog/index.ts';
import { InputError, parseInput } from '../engine/errors.ts';
import { Precision } from '../engine/precision.ts';
import { MiB } from '../engine/units.ts';
import { createPracticeServer } from '../server/server.ts';
import { createTimingSource } from '../server/source.ts';
import { type Command, type Io, UsageError } from './command.ts';

const HELP = `goodput sim-server — an OpenAI-compatible practice server whose token timing is simulated

Usage: goodput sim-server [--port 8000] [--model qwen3-4b] [--gpu h100-sxm] [options]

Serves GET /v1/models, POST /v1/completions, /v1/chat/completions (SSE streaming, usage) and /v1/embeddings,
GET /metrics (Prometheus), /health and /version. GET /sim/requests lists every request's true timings
(arrival, each token's write time, TTFT, TPOT, E2E) so you can check what a benchmark measured.

Options:
  --port N                      port to listen on (0 picks a free one; default 8000)
  --host ADDR                   address to bind (default 127.0.0.1, loopback only)
  --model ID                    catalog model to simulate (default qwen3-4b)
  --gpu ID                      catalog GPU to simulate (default h100-sxm)
  --precision P                 weight precision: fp32, bf16, fp16, fp8, int8, int4 (default bf16)
  --served-model-name NAME      the model id clients must send (default: the --model id)
  --max-model-len N             context limit in tokens (default: the model's)
  --max-num-seqs N              most sequences in one step (default 256)
  --max-num-batched-tokens N    most prompt tokens admitted into one step (default 8192)
  --efficiency F                share of peak bandwidth and compute reached, in (0, 1] (default 1: the roofline)
  --error-rate F                share of requests answered with HTTP 500 (default 0)
  --drop-rate F                 share of streams cut off halfway (default 0)
  --stall-rate F                share of streams that go silent halfway (default 0)
  --seed N                      seed for the injected faults (default 0)
  --json                        print one JSON line {url, model, timing} when listening
`;

const n = () => z.number({ error: 'must be a number' });
const rate = n().min(0, 'must be at least 0').max(1, 'must be at most 1');
const Flags = z
  .object({
    port: n().int('must be a whole number').min(0).max(65535, 'must be at most 65535'),
    host: z.string().min(1),
    model: z.string(),
    gpu: z.string(),
    precision: Precision,
    'served-model-name': z.string().min(1).optional(),
    'max-model-len': n().int().min(2, 'must be at least 2').optional(),
    'max-num-seqs': n().int().min(1, 'must be at least 1').max(4096, 'must be at most 4096'),
    'max-num-batched-tokens': n().int().min(1, 'must be at least 1'),
    efficiency: n().gt(0, 'must be above 0').max(1, 'must be at most 1'),
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
  'efficiency',
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
        precision: { type: 'string', default: 'bf16' },
        'served-model-name': { type: 'string' },
        'max-model-len': { type: 'string' },
        'max-num-seqs': { type: 'string', default: '256' },
        'max-num-batched-tokens': { type: 'string', default: '8192' },
        efficiency: { type: 'string', default: '1' },
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
    return { ...parseInput(Flags, raw, 'flags'), json: values.json === true };
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.issues.map((i) => `--${i.field}: ${i.message}`).join('; '));
    throw e;
  }
}

/** Start the server and run until `stop` resolves (Ctrl-C from the command line). */
export async function runSimServer(argv: string[], io: Io, stop: Promise<unknown>, version = pkg.version) {
  const f = parseFlags(argv);
  const catalog = (get: () => unknown, flag: string) => {
    try {
      return get();
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`--${flag}: ${e.issues[0]?.message ?? e.message}`);
      throw e;
    }
  };
  const model = catalog(() => getModel(f.model), 'model') as ReturnType<typeof getModel>;
  const gpu = catalog(() => getGpu(f.gpu), 'gpu') as ReturnType<typeof getGpu>;
  const source = createTimingSource({
    model,
    gpu,
    weightPrecision: f.precision,
    maxBatch: f['max-num-seqs'],
    maxBatchedTokens: f['max-num-batched-tokens'],
    efficiency: f.efficiency,
  });
  const served = f['served-model-name'] ?? model.id;
  const server = createPracticeServer({
    servedModelName: served,
    maxModelLen: f['max-model-len'] ?? model.maxContext,
    source,
    version,
    faults: { error: f['error-rate'], drop: f['drop-rate'], stall: f['stall-rate'] },
    seed: f.seed,
    simulated: {
      model: model.id,
      precision: f.precision,
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
