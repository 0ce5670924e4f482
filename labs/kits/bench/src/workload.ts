// What each request asks for, by workload shape. Prompts are made of common English words that BPE tokenizers
// keep as one token each (with their leading space), so a prompt of N words is close to N tokens; the server's
// own count (usage.prompt_tokens) is recorded beside the requested length.
import { Random } from '../../../../src/engine/random.ts';
import type { WorkloadShape } from '../../../../src/engine/results.ts';

const WORDS = (
  'time year people way day man thing woman life child world school state family student group country problem ' +
  'hand part place case week company system program question work government number night point home water room ' +
  'mother area money story fact month lot right study book eye job word business issue side kind head house ' +
  'service friend father power hour game line end member law car city community name president team minute idea ' +
  'kid body information back parent face others level office door health person art war history party result ' +
  'change morning reason research girl guy moment air teacher force education'
).split(' ');

function words(rng: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (i === 0 ? '' : ' ') + (WORDS[Math.floor(rng.next() * WORDS.length)] as string);
  return s;
}

/** Endpoint each shape uses unless --endpoint says otherwise. */
export const SHAPE_ENDPOINT: Record<WorkloadShape, Endpoint> = {
  chat: 'chat',
  agent: 'chat',
  batch: 'completions',
  embedding: 'embeddings',
};

export type Endpoint = 'chat' | 'completions' | 'embeddings';

export const ENDPOINT_PATH: Record<Endpoint, string> = {
  chat: '/v1/chat/completions',
  completions: '/v1/completions',
  embeddings: '/v1/embeddings',
};

/** Typical lengths per shape when the flags name none: a chat turn, an agent step over a long shared context,
 * an offline batch job, an embedding of a passage. */
export const SHAPE_DEFAULTS: Record<WorkloadShape, { prompt: number; output: number }> = {
  chat: { prompt: 512, output: 128 },
  agent: { prompt: 2048, output: 64 },
  batch: { prompt: 1024, output: 256 },
  embedding: { prompt: 256, output: 0 },
};

/** Share of an agent prompt that every request repeats (tool definitions, instructions): prefix caching pays here. */
export const AGENT_SHARED_FRACTION = 0.75;

export interface WorkloadSpec {
  shape: WorkloadShape;
  endpoint: Endpoint;
  model: string;
  promptTokens: number;
  outputTokens: number;
  seed: number;
  ignoreEos: boolean;
}

/**
 * The body of request `index`. The same spec and index always give the same body; different indexes differ from
 * their first word, so no two requests share a cacheable prefix except the agent shape's deliberate one.
 */
export function requestBody(spec: WorkloadSpec, index: number): Record<string, unknown> {
  const rng = new Random((spec.seed * 1_000_003 + index) >>> 0);
  if (spec.endpoint === 'embeddings') {
    return { model: spec.model, input: words(rng, spec.promptTokens), encoding_format: 'float' };
  }
  const generation = {
    model: spec.model,
    max_tokens: spec.outputTokens,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
    // vLLM and SGLang extensions that make the reply exactly max_tokens long; other servers ignore them.
    ...(spec.ignoreEos ? { ignore_eos: true, min_tokens: spec.outputTokens } : {}),
  };
  let system: string | null = null;
  let user: string;
  if (spec.shape === 'agent') {
    const shared = Math.min(Math.round(spec.promptTokens * AGENT_SHARED_FRACTION), spec.promptTokens - 1);
    system = shared > 0 ? words(new Random(spec.seed >>> 0), shared) : null;
    user = words(rng, spec.promptTokens - shared);
  } else user = words(rng, spec.promptTokens);
  if (spec.endpoint === 'completions') return { ...generation, prompt: system ? `${system} ${user}` : user };
  const messages = system
    ? [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ]
    : [{ role: 'user', content: user }];
  return { ...generation, messages };
}
