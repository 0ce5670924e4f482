// `bench parity`: the fixed eval set with greedy decoding → one accuracy number, and, given an earlier run,
// the share of answers that stayed the same (did the optimization change what the model says?).
import { z } from 'zod';
import type { BenchResult } from '../../../../src/engine/results.ts';
import { aggregate } from './aggregate.ts';
import { readGit, readHardware, sampleGpuMemory } from './environment.ts';
import { numeric, readFlags, UsageError, validateFlags } from './flags.ts';
import type { Io } from './io.ts';
import { closedLoop } from './load.ts';
import { extractAnswer, isCorrect, PARITY_EVAL, PARITY_ITEMS, parityPrompt } from './parity-set.ts';
import { Progress } from './progress.ts';
import { makeTarget, type RequestRecord, send } from './request.ts';
import { appendLine, readResults } from './results-file.ts';
import { INTERRUPTED } from './run.ts';
import { checkServer, ServerProblem } from './server-check.ts';
import { KIT_VERSION } from './version.ts';

/** Enough for any answer in the set; a stop at the newline ends the reply sooner. */
const MAX_ANSWER_TOKENS = 16;

const Flags = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }),
  model: z.string().min(1).optional(),
  concurrency: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  timeout: z.number({ error: 'must be a number' }).gt(0, 'must be above 0'),
  out: z.string().min(1),
  baseline: z.string().min(1).optional(),
  'api-key': z.string().optional(),
});

/** The answers of the latest parity line of this eval in a results file. */
function baselineAnswers(path: string): (string | null)[] {
  const parsed = readResults(path);
  const lines = parsed.bench.filter((l) => l.value.parity?.eval === PARITY_EVAL && l.value.parity.answers);
  const last = lines[lines.length - 1];
  if (!last) throw new UsageError(`--baseline: ${path} holds no ${PARITY_EVAL} parity line with answers`);
  const answers = last.value.parity?.answers ?? [];
  if (answers.length !== PARITY_ITEMS.length)
    throw new UsageError(
      `--baseline: its parity line has ${answers.length} answers; this eval has ${PARITY_ITEMS.length}`,
    );
  return answers;
}

export async function runParity(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  const { values, positionals } = readFlags('parity', argv, {
    url: { type: 'string', default: 'http://127.0.0.1:8000' },
    model: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '120' },
    out: { type: 'string', default: 'results.jsonl' },
    baseline: { type: 'string' },
    'api-key': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; flags start with --`);
  const f = validateFlags(Flags, {
    ...values,
    concurrency: numeric(values.concurrency),
    timeout: numeric(values.timeout),
  });
  const baseline = f.baseline ? baselineAnswers(f.baseline) : null;
  const url = f.url.replace(/\/+$/, '').replace(/\/v1$/, '');
  const target = makeTarget(url, f['api-key'] ?? process.env.OPENAI_API_KEY ?? null);
  let server: Awaited<ReturnType<typeof checkServer>>;
  try {
    server = await checkServer(target, f.model ?? null);
  } catch (e) {
    if (e instanceof ServerProblem) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  const hardware = server.simulatedHardware ?? (await readHardware());
  const git = await readGit();
  const records: (RequestRecord | undefined)[] = new Array(PARITY_ITEMS.length);
  const progress = new Progress(`parity ${PARITY_EVAL}`, PARITY_ITEMS.length, true);
  const sampler = sampleGpuMemory();
  await closedLoop(
    PARITY_ITEMS.length,
    f.concurrency,
    async (i) => {
      const item = PARITY_ITEMS[i];
      if (!item) return;
      const body = {
        model: server.model,
        prompt: parityPrompt(item),
        max_tokens: MAX_ANSWER_TOKENS,
        temperature: 0,
        stop: ['\n'],
        stream: true,
        stream_options: { include_usage: true },
      };
      const r = await send(target, '/v1/completions', body, { timeoutMs: f.timeout * 1000, signal, keepText: true });
      records[i] = r;
      progress.tick(r.failure !== null);
    },
    signal,
  );
  progress.finish();
  const peak = await sampler.stop();
  const done = records.filter((r): r is RequestRecord => r !== undefined && !r.aborted);
  if (signal.aborted || done.length < PARITY_ITEMS.length) {
    io.err('Interrupted before every question was answered: no parity line written (a partial score would mislead).');
    return INTERRUPTED;
  }
  const answers = done.map((r) => (r.failure ? null : extractAnswer(r.text)));
  const correct = answers.filter((a, i) => isCorrect(a, PARITY_ITEMS[i]?.a ?? '')).length;
  const accuracy = correct / PARITY_ITEMS.length;
  const agreement = baseline ? answers.filter((a, i) => a === baseline[i]).length / PARITY_ITEMS.length : null;
  const agg = aggregate(done, {});
  const line: BenchResult = {
    schema: 'bench-result/v1',
    timestamp: new Date().toISOString(),
    hardware,
    software: {
      runtime: server.runtime,
      runtime_version: server.runtimeVersion,
      kit_version: KIT_VERSION,
      model: server.model,
    },
    git,
    workload: {
      shape: 'batch',
      endpoint: '/v1/completions',
      prompt_tokens: Math.round(agg.tokens.prompt_mean),
      output_tokens: MAX_ANSWER_TOKENS,
      concurrency: f.concurrency,
      rate_req_s: null,
      iterations: PARITY_ITEMS.length,
      warmup: 0,
      seed: 0,
      slo: { ttft_ms: null, tpot_ms: null },
    },
    results: agg.results,
    peak_gpu_memory_mib: peak,
    parity: { eval: PARITY_EVAL, n: PARITY_ITEMS.length, accuracy, agreement, answers },
    failures: agg.failures,
    tokens: agg.tokens,
  };
  appendLine(f.out, line);
  io.out(`${PARITY_EVAL}: ${correct}/${PARITY_ITEMS.length} correct (accuracy ${(accuracy * 100).toFixed(1)}%)`);
  if (agg.results.failed > 0) io.out(`${agg.results.failed} requests failed and count as wrong.`);
  if (baseline && agreement !== null) {
    io.out(`agreement with ${f.baseline}: ${(agreement * 100).toFixed(1)}% of answers unchanged`);
    answers.forEach((a, i) => {
      if (a !== baseline[i])
        io.out(`  changed: "${PARITY_ITEMS[i]?.q}" was ${JSON.stringify(baseline[i])}, now ${JSON.stringify(a)}`);
    });
  }
  io.err(`Parity line appended to ${f.out}`);
  return 0;
}
