// One request to the server, timed the way vLLM's `bench serve` times it (DESIGN.md "Metric definitions"):
// the clock starts just before the request is sent; each streamed chunk is stamped when its bytes arrive.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { SseParser } from './sse.ts';

export type FailureKind = 'http' | 'timeout' | 'stream' | 'other';

export interface RequestRecord {
  /** The id the server gave the response (e.g. "chatcmpl-7"), to match it with server-side logs. */
  responseId: string | null;
  /** performance.now() when the request was sent, and when its response ended. */
  sentAt: number;
  endedAt: number;
  failure: { kind: FailureKind; message: string } | null;
  /** Cut short by Ctrl-C: neither a success nor a failure. */
  aborted: boolean;
  /** Arrival times of the chunks that carried generated text (streaming), or of the whole reply. */
  textTimes: number[];
  promptTokens: number | null;
  outputTokens: number | null;
  /** Output tokens from the server's usage report, or (when it sent none) a count of text chunks. */
  tokensFrom: 'usage' | 'chunks' | null;
  /** The generated text, when asked for (parity); empty otherwise. */
  text: string;
}

export interface Target {
  base: URL;
  apiKey: string | null;
  agent: http.Agent;
}

const urls = new WeakMap<Target, Map<string, URL>>();

/** The URL of an endpoint under the target's base (which may itself carry a path prefix), built once. */
export function endpointUrl(target: Target, path: string): URL {
  let byPath = urls.get(target);
  if (!byPath) {
    byPath = new Map();
    urls.set(target, byPath);
  }
  let url = byPath.get(path);
  if (!url) {
    const base = target.base.href.endsWith('/') ? target.base.href : `${target.base.href}/`;
    url = new URL(path.replace(/^\//, ''), base);
    byPath.set(path, url);
  }
  return url;
}

export function makeTarget(url: string, apiKey: string | null): Target {
  const base = new URL(url);
  const Agent = base.protocol === 'https:' ? https.Agent : http.Agent;
  return { base, apiKey, agent: new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }) };
}

interface ChunkJson {
  id?: unknown;
  error?: { message?: unknown } | unknown;
  choices?: {
    text?: unknown;
    delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown };
  }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

/** The generated text a chunk carries: completions put it in `text`, chat in `delta` (reasoning counts too). */
function generatedText(chunk: ChunkJson): string {
  const c = chunk.choices?.[0];
  if (!c) return '';
  for (const piece of [c.text, c.delta?.content, c.delta?.reasoning_content, c.delta?.reasoning])
    if (typeof piece === 'string' && piece.length > 0) return piece;
  return '';
}

function errorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string; message?: string; detail?: string };
    const e = j.error;
    return (typeof e === 'string' ? e : e?.message) ?? j.message ?? j.detail ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

export interface SendOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Read the reply as one JSON object (embeddings) rather than as an event stream. */
  json?: boolean;
  /** Keep the generated text in the record. */
  keepText?: boolean;
}

/** POST `body` (an object, or its JSON text prepared in advance) to `path` and time the reply. Never rejects: failures are recorded in the result. */
export function send(target: Target, path: string, body: unknown, o: SendOptions): Promise<RequestRecord> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const url = endpointUrl(target, path);
  const rec: RequestRecord = {
    responseId: null,
    sentAt: 0,
    endedAt: 0,
    failure: null,
    aborted: false,
    textTimes: [],
    promptTokens: null,
    outputTokens: null,
    tokensFrom: null,
    text: '',
  };
  const fail = (kind: FailureKind, message: string) => {
    rec.failure ??= { kind, message };
  };
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    accept: o.json ? 'application/json' : 'text/event-stream',
  };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const request = url.protocol === 'https:' ? https.request : http.request;

  return new Promise((resolve) => {
    let settled = false;
    let responded = false;
    let sawDone = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      rec.endedAt = performance.now();
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
      if (!rec.failure && !rec.aborted) {
        if (!o.json && !sawDone) fail('stream', 'the stream ended before data: [DONE]');
        else if (rec.textTimes.length === 0) fail('stream', 'the reply carried no generated text');
      }
      if (rec.outputTokens === null && !o.json && rec.textTimes.length > 0) {
        rec.outputTokens = rec.textTimes.length;
        rec.tokensFrom = 'chunks';
      }
      resolve(rec);
    };
    const req = request(url, { method: 'POST', headers, agent: target.agent });
    const timer = setTimeout(() => {
      fail('timeout', `no complete reply within ${o.timeoutMs / 1000} s`);
      req.destroy();
    }, o.timeoutMs);
    const onAbort = () => {
      if (!rec.failure) rec.aborted = true;
      req.destroy();
    };
    o.signal.addEventListener('abort', onAbort, { once: true });

    req.on('error', (e: NodeJS.ErrnoException) => {
      if (rec.aborted) return finish();
      if (responded) fail('stream', `the connection broke mid-reply (${e.code ?? e.message})`);
      else fail('other', e.code === 'ECONNREFUSED' ? 'connection refused' : `${e.code ?? ''} ${e.message}`.trim());
      finish();
    });
    req.on('response', (res) => {
      responded = true;
      if (res.statusCode !== 200) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (text.length < 4096) text += c;
        });
        res.on('end', () => {
          fail('http', `HTTP ${res.statusCode}: ${errorMessage(text)}`);
          finish();
        });
        res.on('error', () => finish());
        return;
      }
      const parser = new SseParser();
      const chunks: Buffer[] = [];
      const handle = (data: string, at: number) => {
        if (data === '[DONE]') {
          sawDone = true;
          return;
        }
        let chunk: ChunkJson;
        try {
          chunk = JSON.parse(data) as ChunkJson;
        } catch {
          fail('stream', `a chunk was not JSON: ${data.slice(0, 80)}`);
          return;
        }
        if (chunk.error) {
          const m = (chunk.error as { message?: unknown }).message;
          fail(
            'stream',
            `the server reported an error mid-stream: ${typeof m === 'string' ? m : JSON.stringify(chunk.error)}`,
          );
          return;
        }
        if (rec.responseId === null && typeof chunk.id === 'string') rec.responseId = chunk.id;
        const piece = generatedText(chunk);
        if (piece.length > 0) {
          rec.textTimes.push(at);
          if (o.keepText) rec.text += piece;
        }
        const u = chunk.usage;
        if (u && typeof u.completion_tokens === 'number') {
          rec.outputTokens = u.completion_tokens;
          rec.tokensFrom = 'usage';
        }
        if (u && typeof u.prompt_tokens === 'number') rec.promptTokens = u.prompt_tokens;
      };
      res.on('data', (chunk: Buffer) => {
        const at = performance.now();
        if (o.json) chunks.push(chunk);
        else for (const data of parser.push(chunk)) handle(data, at);
      });
      res.on('end', () => {
        const at = performance.now();
        if (o.json) {
          try {
            const j = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              id?: unknown;
              usage?: { prompt_tokens?: unknown };
              data?: unknown[];
            };
            if (typeof j.id === 'string') rec.responseId = j.id;
            if (typeof j.usage?.prompt_tokens === 'number') rec.promptTokens = j.usage.prompt_tokens;
            if (!Array.isArray(j.data) || j.data.length === 0) fail('http', 'the reply held no data');
            rec.textTimes.push(at);
            rec.outputTokens = 0;
            rec.tokensFrom = 'usage';
          } catch {
            fail('stream', 'the reply was not JSON');
          }
        } else for (const data of parser.end()) handle(data, at);
        finish();
      });
      res.on('error', (e: NodeJS.ErrnoException) => {
        fail('stream', `the connection broke mid-reply (${e.code ?? e.message})`);
        finish();
      });
      res.on('close', () => {
        if (!res.complete && !rec.aborted) fail('stream', 'the connection closed mid-reply');
        finish();
      });
    });
    rec.sentAt = performance.now();
    req.end(payload);
  });
}
