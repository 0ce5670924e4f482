// Completions and chat completions: turn a validated request into a plan, then stream (or return) the reply
// as the timing source produces tokens, recording the true timings as the chunks are written.
import type { ServerResponse } from 'node:http';
import type { Generation } from './driver.ts';
import { HttpError } from './http-util.ts';
import type { ChatRequest, CompletionRequest } from './openai-schema.ts';
import { CHAT_TOKENS_FOR_REPLY, CHAT_TOKENS_PER_MESSAGE, countTokens, fillerToken } from './tokens.ts';
import type { Fault, TruthLog, TruthRecord } from './truth.ts';

export interface GenerationPlan {
  kind: 'completion' | 'chat';
  promptTokens: number;
  outputTokens: number;
  /** A leading system prompt other requests may share, for the simulator's prefix cache. */
  prefix?: { id: number; tokens: number };
  stream: boolean;
  includeUsage: boolean;
}

/** Reply lengths when a request names none: OpenAI's legacy default for completions, a modest one for chat. */
export const DEFAULT_MAX_TOKENS = { completion: 16, chat: 256 } as const;

function checkContext(promptTokens: number, outputTokens: number, maxModelLen: number, param: string): void {
  if (promptTokens + outputTokens > maxModelLen)
    throw new HttpError(
      400,
      `${promptTokens} prompt tokens + ${outputTokens} requested tokens exceed the model's context of ${maxModelLen} tokens`,
      param,
    );
}

export function planCompletion(body: CompletionRequest, maxModelLen: number): GenerationPlan {
  const p = Array.isArray(body.prompt) && body.prompt.length === 1 ? body.prompt[0] : body.prompt;
  const promptTokens = typeof p === 'string' ? countTokens(p) : Array.isArray(p) ? p.length : 0;
  if (promptTokens < 1) throw new HttpError(400, 'the prompt holds no tokens', 'prompt');
  const outputTokens = body.max_tokens ?? DEFAULT_MAX_TOKENS.completion;
  checkContext(promptTokens, outputTokens, maxModelLen, 'max_tokens');
  return {
    kind: 'completion',
    promptTokens,
    outputTokens,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}

/** A stable number for a text (FNV-1a), to group requests whose system prompts are the same. */
function textId(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 1_000_000;
}

export function planChat(body: ChatRequest, maxModelLen: number): GenerationPlan {
  let promptTokens = CHAT_TOKENS_FOR_REPLY;
  let prefix: GenerationPlan['prefix'];
  for (const [i, m] of body.messages.entries()) {
    const text = typeof m.content === 'string' ? m.content : (m.content ?? []).map((part) => part.text ?? '').join('');
    const tokens = CHAT_TOKENS_PER_MESSAGE + countTokens(text);
    // A leading system prompt is what requests share: the simulator can cache it.
    if (i === 0 && (m.role === 'system' || m.role === 'developer')) prefix = { id: textId(text), tokens };
    promptTokens += tokens;
  }
  const outputTokens = body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS.chat;
  checkContext(
    promptTokens,
    outputTokens,
    maxModelLen,
    body.max_completion_tokens ? 'max_completion_tokens' : 'max_tokens',
  );
  return {
    kind: 'chat',
    promptTokens,
    outputTokens,
    ...(prefix ? { prefix } : {}),
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}

export interface GenerationContext {
  plan: GenerationPlan;
  res: ServerResponse;
  record: TruthRecord;
  truth: TruthLog;
  model: string;
  /** A number that varies the made-up reply between requests. */
  seq: number;
  fault: Fault | null;
  submit(gen: Generation): () => void;
  /** Called once with the outcome, for the metrics. */
  finished(record: TruthRecord): void;
}

function usage(plan: GenerationPlan, completion: number) {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: completion,
    total_tokens: plan.promptTokens + completion,
  };
}

/** Serve one completion or chat completion; resolves when the response is over, however it ended. */
export function serveGeneration(ctx: GenerationContext): void {
  const { plan, res, record, truth, model } = ctx;
  const created = Math.floor(Date.now() / 1000);
  const chat = plan.kind === 'chat';
  const object = chat ? (plan.stream ? 'chat.completion.chunk' : 'chat.completion') : 'text_completion';
  const base = { id: record.id, object, created, model };
  // The stream goes quiet (stall) or breaks (drop) after this many tokens.
  const faultAfter = Math.max(1, Math.floor(plan.outputTokens / 2));
  let produced = 0;
  let text = '';
  let ended = false;

  const end = (status: TruthRecord['status']) => {
    if (ended) return;
    ended = true;
    truth.close(record, status);
    ctx.finished(record);
  };

  const choice = (piece: string, finish: string | null) =>
    chat
      ? { index: 0, delta: { content: piece }, logprobs: null, finish_reason: finish }
      : { index: 0, text: piece, logprobs: null, finish_reason: finish };

  const write = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);

  if (plan.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Like OpenAI, announce the assistant's role before any text: a chunk that carries no generated text.
    if (chat)
      write({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
      });
  }

  const cancel = ctx.submit({
    promptTokens: plan.promptTokens,
    outputTokens: plan.outputTokens,
    prefix: plan.prefix,
    onTokens(count, done) {
      let piece = '';
      for (let i = 0; i < count; i++) piece += fillerToken(ctx.seq, produced + i);
      produced += count;
      record.output_tokens = produced;
      if (!plan.stream) {
        text += piece;
        record.token_ms.push(truth.now());
        if (done) {
          const message = chat ? { message: { role: 'assistant', content: text } } : { text };
          const body = { ...base, choices: [{ index: 0, ...message, logprobs: null, finish_reason: 'length' }] };
          if (ctx.fault === 'drop') {
            res.destroy();
            return end('fault');
          }
          if (ctx.fault === 'stall') return; // never answer; the client times out
          const json = JSON.stringify({ ...body, usage: usage(plan, produced) });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
          end('ok');
        }
        return;
      }
      write({ ...base, choices: [choice(piece, done ? 'length' : null)] });
      record.token_ms.push(truth.now());
      if (ctx.fault !== null && produced >= faultAfter && !done) {
        cancel();
        if (ctx.fault === 'drop') {
          res.destroy();
          end('fault');
        }
        return; // stall: keep the connection open and say nothing more
      }
      if (done) {
        if (plan.includeUsage) write({ ...base, choices: [], usage: usage(plan, produced) });
        res.end('data: [DONE]\n\n');
        end('ok');
      }
    },
  });

  res.on('close', () => {
    if (ended) return;
    cancel();
    end(ctx.fault ? 'fault' : 'cancelled');
  });
}
