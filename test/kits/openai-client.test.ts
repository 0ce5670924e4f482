// The official openai npm client talks to the practice server: proof that it speaks the protocol, not just our kit.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PracticeServer } from '../../src/server/server.ts';
import { startInProcess } from './practice-server.ts';

let url: string;
let server: PracticeServer;
let client: OpenAI;
beforeAll(async () => {
  ({ url, server } = await startInProcess());
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'not-needed', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('the openai client against the practice server', () => {
  it('streams a completion with usage', async () => {
    const stream = await client.completions.create({
      model: 'qwen3-4b',
      prompt: 'The quick brown fox',
      max_tokens: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.text ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBe(7);
    expect(text.trim().split(/\s+/)).toHaveLength(6);
    expect(usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  });

  it('streams a chat completion and reads the finish reason', async () => {
    const stream = await client.chat.completions.create({
      model: 'qwen3-4b',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 3,
      stream: true,
    });
    const finishes: (string | null)[] = [];
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishes.push(chunk.choices[0]?.finish_reason ?? null);
    }
    expect(text.trim().split(/\s+/)).toHaveLength(3);
    expect(finishes.at(-1)).toBe('length');
  });

  it('lists models, embeds (base64, as the client asks by default) and surfaces errors', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['qwen3-4b']);
    const e = await client.embeddings.create({ model: 'qwen3-4b', input: 'hello world' });
    expect(e.data[0]?.embedding).toHaveLength(384);
    await expect(client.completions.create({ model: 'other', prompt: 'x' })).rejects.toMatchObject({
      status: 404,
      param: 'model',
    });
  });
});
