// `bench run`: check the server, then for each load level warm up, measure, and append one bench-result/v1 line.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { BenchResult } from '../../../../src/engine/results.ts';
import { type Aggregate, aggregate, requestMetrics } from './aggregate.ts';
import { readGit, readHardware, sampleGpuMemory } from './environment.ts';
import type { Io } from './io.ts';
import { arrivalGapsMs, closedLoop, openLoop } from './load.ts';
import { Progress } from './progress.ts';
import { makeTarget, type RequestRecord, send } from './request.ts';
import { appendLine, LineWriter } from './results-file.ts';
import type { RunConfig } from './run-flags.ts';
import { checkServer, ServerProblem } from './server-check.ts';
import { formatSummary } from './summary.ts';
import { KIT_VERSION } from './version.ts';
import { ENDPOINT_PATH, requestBody, type WorkloadSpec } from './workload.ts';

/** Exit status after Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED = 130;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';
}

export async function runBench(c: RunConfig, io: Io, signal: AbortSignal): Promise<number> {
  const target = makeTarget(c.url, c.apiKey);
  let server: Awaited<ReturnType<typeof checkServer>>;
  try {
    server = await checkServer(target, c.model);
  } catch (e) {
    if (e instanceof ServerProblem) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  const hardware = server.simulatedHardware ?? (await readHardware());
  if (!server.simulatedHardware && !isLoopback(c.url))
    io.err('note: the server is not on this machine; the GPU recorded is this machine’s (if any), not the server’s.');
  const git = await readGit();
  const spec: WorkloadSpec = {
    shape: c.shape,
    endpoint: c.endpoint,
    model: server.model,
    promptTokens: c.promptTokens,
    outputTokens: c.outputTokens,
    seed: c.seed,
    ignoreEos: c.ignoreEos,
  };
  const path = ENDPOINT_PATH[c.endpoint];
  const sendOne = (body: string) =>
    send(target, path, body, { timeoutMs: c.timeoutMs, signal, json: c.endpoint === 'embeddings' });
  // Bodies are built before a level starts, so building them does not delay the requests being timed.
  const bodies = (s: WorkloadSpec, from: number, n: number) =>
    Array.from({ length: n }, (_, i) => JSON.stringify(requestBody(s, from + i)));
  io.err(
    `bench ${KIT_VERSION}: ${server.runtime ?? 'unknown runtime'} ${server.runtimeVersion ?? ''} at ${c.url}, model ${server.model}`.replace(
      /\s+/g,
      ' ',
    ),
  );
  const runStart = performance.now();
  const detail = c.detail ? new LineWriter(c.detail) : null;
  let anyCompleted = false;
  for (const [levelIndex, level] of c.levels.entries()) {
    if (signal.aborted) break;
    const label = level.concurrency !== null ? `concurrency ${level.concurrency}` : `rate ${level.rate} req/s`;
    // Warm-up prompts come from another seed, so they cannot warm the prefix cache for the measured ones.
    const warmSpec = { ...spec, seed: spec.seed + 7919 };
    if (c.warmup > 0) {
      const warmProgress = new Progress(`${label} warm-up`, c.warmup, !c.quiet);
      const warmBodies = bodies(warmSpec, levelIndex * 1_000_000, c.warmup);
      await closedLoop(
        c.warmup,
        level.concurrency ?? Math.min(c.warmup, 8),
        async (i) => warmProgress.tick((await sendOne(warmBodies[i] as string)).failure !== null),
        signal,
      );
      warmProgress.finish();
      if (signal.aborted) break;
    }
    const records: RequestRecord[] = [];
    const measuredBodies = bodies(spec, levelIndex * 1_000_000, c.iters);
    const progress = new Progress(label, c.iters, !c.quiet);
    const sampler = sampleGpuMemory();
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const job = async (i: number) => {
      const r = await sendOne(measuredBodies[i] as string);
      if (r.aborted) return;
      records.push(r);
      progress.tick(r.failure !== null);
      detail?.write(detailLine(label, i, r, runStart));
    };
    if (level.concurrency !== null) await closedLoop(c.iters, level.concurrency, job, signal);
    else await openLoop(arrivalGapsMs(c.iters, level.rate, c.burstiness, c.seed + levelIndex), job, signal);
    progress.finish();
    loopDelay.disable();
    const peak = await sampler.stop();
    if (records.length === 0) {
      io.err(`${label}: nothing measured; no line written.`);
      break;
    }
    const agg = aggregate(records, {
      ...(c.slo.ttftMs !== null ? { ttftMs: c.slo.ttftMs } : {}),
      ...(c.slo.tpotMs !== null ? { tpotMs: c.slo.tpotMs } : {}),
    });
    if (agg.results.completed > 0) anyCompleted = true;
    // The histogram counts from the timer's resolution: what is beyond it is lateness.
    const client = {
      event_loop_delay_p99_ms: Math.max(0, loopDelay.percentile(99) / 1e6 - 1),
      event_loop_delay_max_ms: Math.max(0, loopDelay.max / 1e6 - 1),
    };
    const line = resultLine(c, level, agg, { hardware, git, server, peak, client, incomplete: signal.aborted });
    appendLine(c.out, line);
    io.out(formatSummary(line));
    if (agg.withoutUsage > 0)
      io.err(
        `note: ${agg.withoutUsage} replies carried no usage; their output tokens were counted as text chunks (the server may ignore stream_options.include_usage).`,
      );
    if (agg.results.failed > 0)
      io.err(`${label}: ${agg.results.failed} requests failed, e.g. ${agg.failures.examples[0] ?? ''}`);
    if (client.event_loop_delay_p99_ms > CLIENT_LAG_WARN_MS)
      io.err(
        `note: the benchmark itself ran up to ${client.event_loop_delay_p99_ms.toFixed(1)} ms late (p99) during ${label}; ` +
          'its timings include that delay. Give it a CPU of its own, or lower the concurrency.',
      );
  }
  await detail?.close();
  if (signal.aborted) {
    io.err(`Interrupted: what was measured is in ${c.out}, marked "incomplete": true.`);
    return INTERRUPTED;
  }
  io.err(`Results appended to ${c.out}`);
  return anyCompleted ? 0 : 1;
}

/** Client lateness worth a warning: at this size it shows in millisecond-scale TTFTs. */
const CLIENT_LAG_WARN_MS = 5;

interface Context {
  client: NonNullable<BenchResult['client']>;
  hardware: BenchResult['hardware'];
  git: BenchResult['git'];
  server: { model: string; runtime: string | null; runtimeVersion: string | null };
  peak: number | null;
  incomplete: boolean;
}

function resultLine(c: RunConfig, level: RunConfig['levels'][number], agg: Aggregate, x: Context): BenchResult {
  return {
    schema: 'bench-result/v1',
    timestamp: new Date().toISOString(),
    ...(x.incomplete ? { incomplete: true } : {}),
    hardware: x.hardware,
    software: {
      runtime: x.server.runtime,
      runtime_version: x.server.runtimeVersion,
      kit_version: KIT_VERSION,
      model: x.server.model,
    },
    git: x.git,
    workload: {
      shape: c.shape,
      endpoint: ENDPOINT_PATH[c.endpoint],
      prompt_tokens: c.promptTokens,
      output_tokens: c.outputTokens,
      concurrency: level.concurrency,
      rate_req_s: level.rate,
      ...(level.rate !== null ? { burstiness: c.burstiness } : {}),
      iterations: c.iters,
      warmup: c.warmup,
      seed: c.seed,
      slo: { ttft_ms: c.slo.ttftMs, tpot_ms: c.slo.tpotMs },
    },
    results: agg.results,
    peak_gpu_memory_mib: x.peak,
    failures: agg.failures,
    tokens: agg.tokens,
    client: x.client,
  };
}

/** One line of the --detail file: a request as the client saw it (times in ms; sent_ms from the run's start). */
function detailLine(level: string, index: number, r: RequestRecord, runStart: number) {
  const m = requestMetrics(r);
  return {
    schema: 'bench-request/v1',
    level,
    index,
    response_id: r.responseId,
    ok: m !== null,
    failure: r.failure,
    sent_ms: r.sentAt - runStart,
    ttft_ms: m?.ttftMs ?? null,
    tpot_ms: m?.tpotMs ?? null,
    e2e_ms: m?.e2eMs ?? null,
    itl_ms: m?.itlMs ?? [],
    prompt_tokens: r.promptTokens,
    output_tokens: r.outputTokens,
    tokens_from: r.tokensFrom,
  };
}
