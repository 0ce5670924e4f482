// Request bodies of the OpenAI-compatible API, as far as the practice server reads them. Unknown fields are
// accepted (real clients send many), bad values are refused with the field named.
import { z } from 'zod';

const tokenCount = () =>
  z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');

const TokenIds = z.array(z.number().int().nonnegative()).min(1, 'a token-id prompt needs at least one id');

/** Fields shared by completions and chat completions. */
const sampling = {
  model: z.string({ error: 'model is required' }).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullable().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().gt(0).max(1).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  n: z.literal(1, 'the practice server returns one choice (n = 1)').nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  /** vLLM and SGLang extensions: the practice model never emits end-of-sequence, so both are accepted and moot. */
  ignore_eos: z.boolean().nullable().optional(),
  min_tokens: z.number().int().nonnegative().nullable().optional(),
};

export const CompletionRequest = z.looseObject({
  ...sampling,
  prompt: z.union(
    [
      z.string().min(1, 'prompt must not be empty'),
      z.array(z.string().min(1)).length(1, 'the practice server takes one prompt per request'),
      TokenIds,
      z.array(TokenIds).length(1, 'the practice server takes one prompt per request'),
    ],
    { error: 'prompt must be a string or a list of token ids' },
  ),
  max_tokens: tokenCount().nullable().optional(),
  echo: z.literal(false, 'echo is not supported').nullable().optional(),
});
export type CompletionRequest = z.infer<typeof CompletionRequest>;

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

export const ChatMessage = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z
    .union([z.string(), z.array(ContentPart)])
    .nullable()
    .optional(),
});

export const ChatRequest = z.looseObject({
  ...sampling,
  messages: z.array(ChatMessage).min(1, 'messages needs at least one message'),
  max_tokens: tokenCount().nullable().optional(),
  max_completion_tokens: tokenCount().nullable().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const EmbeddingRequest = z.looseObject({
  model: z.string({ error: 'model is required' }).min(1),
  input: z.union(
    [
      z.string().min(1, 'input must not be empty'),
      z.array(z.string().min(1)).min(1),
      TokenIds,
      z.array(TokenIds).min(1),
    ],
    { error: 'input must be a string, a list of strings, or token ids' },
  ),
  encoding_format: z.enum(['float', 'base64']).nullable().optional(),
  dimensions: z.number().int().min(1).max(4096).nullable().optional(),
});
export type EmbeddingRequest = z.infer<typeof EmbeddingRequest>;
