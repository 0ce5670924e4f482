// The practice server: an OpenAI-compatible HTTP API (models, completions, chat completions, embeddings, metrics)
// whose token timing comes from a timing source running in real time, and which records every request's true
// timings at /sim/requests so a benchmark can be checked against them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { InputError, parseInput } from '../engine/errors.ts';
import { RealTimeDriver } from './driver.ts';
import {
  checkEmbeddingInputs,
  DEFAULT_EMBEDDING_DIMENSIONS,
  embeddingInputs,
  embeddingVector,
  encodeEmbedding,
} from './embeddings.ts';
import { FaultPicker, type FaultRates, NO_FAULTS } from './faults.ts';
import { type GenerationPlan, planChat, planCompletion, serveGeneration } from './generation.ts';
import { HttpError, readJson, sendError, sendJson } from './http-util.ts';
import { ChatRequest, CompletionRequest, EmbeddingRequest } from './openai-schema.ts';
import { Counter, exposition, Gauge, Histogram } from './prometheus.ts';
import type { TimingSource } from './timing-source.ts';
import { TruthLog, type TruthRecord } from './truth.ts';

/** What /v1/models reports as the owner, and what /version calls the runtime: how a client can tell it apart. */
export const RUNTIME_NAME = 'goodput-sim';

export interface PracticeServerOptions {
  /** The model id clients must send (vLLM's --served-model-name). */
  servedModelName: string;
  maxModelLen: number;
  source: TimingSource;
  version: string;
  faults?: FaultRates;
  seed?: number;
  /** What /sim says is being simulated, so a benchmark can record the simulated hardware. */
  simulated?: { model: string; precision: string; gpu: { id: string; name: string; memory_mib: number } };
}

export interface PracticeServer {
  readonly truth: TruthLog;
  /** Start listening; resolves with the base URL (e.g. http://127.0.0.1:8000). */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80];

function badRequest(e: unknown): never {
  if (e instanceof InputError) throw new HttpError(400, e.message, e.issues[0]?.field ?? null);
  throw e;
}

export function createPracticeServer(o: PracticeServerOptions): PracticeServer {
  const truth = new TruthLog();
  const driver = new RealTimeDriver(o.source);
  const faults = new FaultPicker(o.faults ?? NO_FAULTS, o.seed ?? 0);
  let seq = 0;
  // How late this server's own event loop ran: its timings are only as punctual as this.
  const lateness = monitorEventLoopDelay({ resolution: 1 });
  lateness.enable();

  // Named after vLLM's (vllm:time_to_first_token_seconds and so on), with this runtime's prefix.
  const m = {
    requests: new Counter('goodput_sim_requests_total', 'Requests finished, by endpoint and outcome.'),
    promptTokens: new Counter('goodput_sim_prompt_tokens_total', 'Prompt tokens processed.'),
    generationTokens: new Counter('goodput_sim_generation_tokens_total', 'Tokens generated.'),
    running: new Gauge(
      'goodput_sim_num_requests_running',
      'Requests in the running batch.',
      () => driver.stats().running,
    ),
    waiting: new Gauge(
      'goodput_sim_num_requests_waiting',
      'Requests waiting to be scheduled.',
      () => driver.stats().waiting,
    ),
    ttft: new Histogram('goodput_sim_time_to_first_token_seconds', 'Time to first token.', LATENCY_BUCKETS),
    itl: new Histogram('goodput_sim_inter_token_latency_seconds', 'Gap between consecutive chunks.', LATENCY_BUCKETS),
    e2e: new Histogram('goodput_sim_e2e_request_latency_seconds', 'Arrival to last token.', LATENCY_BUCKETS),
  };

  const finished = (r: TruthRecord) => {
    m.requests.inc({ endpoint: r.endpoint, outcome: r.status });
    m.promptTokens.inc({}, r.prompt_tokens);
    m.generationTokens.inc({}, r.output_tokens);
    if (r.status !== 'ok') return;
    if (r.ttft_ms !== null) m.ttft.observe(r.ttft_ms / 1e3);
    if (r.e2e_ms !== null) m.e2e.observe(r.e2e_ms / 1e3);
    for (let i = 1; i < r.token_ms.length; i++)
      m.itl.observe(((r.token_ms[i] as number) - (r.token_ms[i - 1] as number)) / 1e3);
  };

  const checkModel = (model: string) => {
    if (model !== o.servedModelName)
      throw new HttpError(
        404,
        `The model "${model}" does not exist on this server; it serves "${o.servedModelName}"`,
        'model',
        'NotFoundError',
      );
  };

  async function generate(req: IncomingMessage, res: ServerResponse, arrival: number, kind: GenerationPlan['kind']) {
    const body = await readJson(req);
    let plan: GenerationPlan;
    let model: string;
    try {
      if (kind === 'chat') {
        const b = parseInput(ChatRequest, body, 'chat completion request');
        model = b.model;
        checkModel(model);
        plan = planChat(b, o.maxModelLen);
      } else {
        const b = parseInput(CompletionRequest, body, 'completion request');
        model = b.model;
        checkModel(model);
        plan = planCompletion(b, o.maxModelLen);
      }
    } catch (e) {
      badRequest(e);
    }
    const n = ++seq;
    const endpoint = kind === 'chat' ? '/v1/chat/completions' : '/v1/completions';
    const record = truth.open({
      id: `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${n}`,
      endpoint,
      stream: plan.stream,
      prompt_tokens: plan.promptTokens,
      arrival_ms: arrival,
    });
    const fault = faults.next();
    record.fault = fault;
    if (fault === 'http_error') {
      truth.close(record, 'fault');
      finished(record);
      throw new HttpError(
        500,
        'injected fault: the practice server failed this request on purpose',
        null,
        'server_error',
      );
    }
    serveGeneration({
      plan,
      res,
      record,
      truth,
      model,
      seq: n,
      fault,
      submit: (gen) => driver.submit(gen),
      finished,
    });
  }

  async function embed(req: IncomingMessage, res: ServerResponse, arrival: number) {
    const body = await readJson(req);
    let b: EmbeddingRequest;
    try {
      b = parseInput(EmbeddingRequest, body, 'embedding request');
      checkModel(b.model);
    } catch (e) {
      badRequest(e);
    }
    const inputs = embeddingInputs(b);
    checkEmbeddingInputs(inputs, o.maxModelLen);
    const promptTokens = inputs.reduce((s, x) => s + x.tokens, 0);
    const n = ++seq;
    const record = truth.open({
      id: `embd-${n}`,
      endpoint: '/v1/embeddings',
      stream: false,
      prompt_tokens: promptTokens,
      arrival_ms: arrival,
    });
    let done = false;
    const cancel = driver.submit({
      promptTokens,
      outputTokens: 0,
      onTokens() {
        done = true;
        const dims = b.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
        const format = b.encoding_format ?? 'float';
        sendJson(res, 200, {
          object: 'list',
          model: b.model,
          data: inputs.map((x, index) => ({
            object: 'embedding',
            index,
            embedding: encodeEmbedding(embeddingVector(x.key, dims), format),
          })),
          usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
        });
        record.token_ms.push(truth.now());
        truth.close(record, 'ok');
        finished(record);
      },
    });
    res.on('close', () => {
      if (done) return;
      cancel();
      truth.close(record, 'cancelled');
      finished(record);
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse, arrival: number): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const only = (allowed: string) => {
      if (method !== allowed) throw new HttpError(405, `${path} takes ${allowed}, not ${method}`);
    };
    switch (path) {
      case '/health':
        only('GET');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
        return;
      case '/version':
        only('GET');
        return sendJson(res, 200, { version: o.version, runtime: RUNTIME_NAME });
      case '/v1/models':
        only('GET');
        return sendJson(res, 200, {
          object: 'list',
          data: [
            {
              id: o.servedModelName,
              object: 'model',
              created: 0,
              owned_by: RUNTIME_NAME,
              max_model_len: o.maxModelLen,
            },
          ],
        });
      case '/v1/completions':
        only('POST');
        return generate(req, res, arrival, 'completion');
      case '/v1/chat/completions':
        only('POST');
        return generate(req, res, arrival, 'chat');
      case '/v1/embeddings':
        only('POST');
        return embed(req, res, arrival);
      case '/metrics':
        only('GET');
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(exposition(Object.values(m)));
        return;
      case '/sim':
        only('GET');
        return sendJson(res, 200, {
          runtime: RUNTIME_NAME,
          version: o.version,
          timing: driver.description,
          ...o.simulated,
        });
      case '/sim/requests':
        if (method === 'DELETE') {
          truth.clear();
          lateness.reset();
          res.writeHead(204).end();
          return;
        }
        only('GET');
        return sendJson(res, 200, {
          clock: 'ms since the server started',
          origin_epoch_ms: truth.originEpochMs(),
          // The histogram counts from its 1 ms timer: what is beyond that is lateness.
          event_loop_delay_p99_ms: Math.max(0, lateness.percentile(99) / 1e6 - 1),
          event_loop_delay_max_ms: Math.max(0, lateness.max / 1e6 - 1),
          requests: truth.list(),
        });
      default:
        throw new HttpError(404, `no route ${method} ${path}`, null, 'NotFoundError');
    }
  }

  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const arrival = dataAt.get(req.socket) ?? truth.now();
    // Handle the request after this round of socket reads, so requests that land together are all stamped
    // on arrival before any is parsed (the parsing still counts in their TTFT, as it would on a real server).
    setImmediate(() =>
      route(req, res, arrival).catch((e: unknown) => {
        const err =
          e instanceof HttpError ? e : new HttpError(500, String((e as Error)?.message ?? e), null, 'server_error');
        if (res.headersSent) res.destroy();
        else sendError(res, err);
      }),
    );
  });

  // A request arrives when its bytes reach the process: stamp every socket read before the HTTP parser sees it.
  const dataAt = new WeakMap<Socket, number>();
  server.on('connection', (socket: Socket) => {
    socket.prependListener('data', () => dataAt.set(socket, truth.now()));
  });

  return {
    truth,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve(`http://${h}:${a.port}`);
        });
      });
    },
    close() {
      driver.close();
      lateness.disable();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
