import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { PracticeServer } from '../../src/server/server.ts';
import type { TruthRecord } from '../../src/server/truth.ts';
import { sseEvents, startInProcess } from './practice-server.ts';

let url: string;
let server: PracticeServer;
beforeAll(async () => {
  ({ url, server } = await startInProcess());
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

interface Chunk {
  id: string;
  object: string;
  choices: { delta?: { role?: string; content?: string }; text?: string; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

describe('practice server: the OpenAI-compatible API', () => {
  it('lists the served model as its runtime', async () => {
    const body = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string; owned_by: string }[] };
    expect(body.data.map((m) => [m.id, m.owned_by])).toEqual([['qwen3-4b', 'goodput-sim']]);
    expect(await (await fetch(`${url}/version`)).json()).toEqual({ version: 'test', runtime: 'goodput-sim' });
  });

  it('streams a chat completion: a role chunk, one chunk per token, finish_reason, usage, [DONE]', async () => {
    const res = await post('/v1/chat/completions', {
      model: 'qwen3-4b',
      messages: [{ role: 'user', content: 'Say three words about the sea' }],
      max_tokens: 5,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = await sseEvents(res);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.slice(1, -1);
    expect(text).toHaveLength(5);
    expect(text.every((c) => (c.choices[0]?.delta?.content ?? '').length > 0)).toBe(true);
    expect(text.map((c) => c.choices[0]?.finish_reason)).toEqual([null, null, null, null, 'length']);
    // 6 words in the message + 5 template tokens for it + 3 to open the reply.
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 14, completion_tokens: 5, total_tokens: 19 });
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('streams a completion without usage unless asked', async () => {
    const events = await sseEvents(
      await post('/v1/completions', { model: 'qwen3-4b', prompt: 'one two three', max_tokens: 3, stream: true }),
    );
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.object === 'text_completion' && c.usage === undefined)).toBe(true);
  });

  it('answers without streaming, counting token-id prompts by their length', async () => {
    const body = (await (
      await post('/v1/completions', { model: 'qwen3-4b', prompt: [1, 2, 3, 4], max_tokens: 6 })
    ).json()) as Chunk;
    expect(body.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
    expect((body.choices[0]?.text ?? '').trim().split(' ')).toHaveLength(6);
  });

  it('refuses bad requests with an OpenAI error naming the field', async () => {
    const cases: [unknown, number, string | null, RegExp][] = [
      [{ model: 'qwen3-4b', prompt: 'hi', max_tokens: 0 }, 400, 'max_tokens', /at least 1 \(got 0\)/],
      [{ model: 'nope', prompt: 'hi' }, 404, 'model', /serves "qwen3-4b"/],
      [{ model: 'qwen3-4b', prompt: 'hi', max_tokens: 50_000 }, 400, 'max_tokens', /context of 8192 tokens/],
      [{ model: 'qwen3-4b' }, 400, 'prompt', /prompt/],
    ];
    for (const [body, status, param, message] of cases) {
      const res = await post('/v1/completions', body);
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { message: string; param: string | null } };
      expect(error.param).toBe(param);
      expect(error.message).toMatch(message);
    }
    const bad = await fetch(`${url}/v1/completions`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${url}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/v1/completions`)).status).toBe(405);
  });

  it('returns unit-length embeddings, as floats or base64 of the same float32 values', async () => {
    const a = (await (await post('/v1/embeddings', { model: 'qwen3-4b', input: ['a cat', 'a dog'] })).json()) as {
      data: { embedding: number[] }[];
      usage: { prompt_tokens: number };
    };
    expect(a.data).toHaveLength(2);
    expect(a.usage.prompt_tokens).toBe(4);
    const v = a.data[0]?.embedding ?? [];
    expect(v).toHaveLength(384);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const b = (await (
      await post('/v1/embeddings', { model: 'qwen3-4b', input: 'a cat', encoding_format: 'base64' })
    ).json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(b.data[0]?.embedding ?? '', 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(decoded).toEqual(v);
  });

  it('records true timings consistent with its own streams, and counts them in /metrics', async () => {
    await fetch(`${url}/sim/requests`, { method: 'DELETE' });
    await Promise.all(
      [1, 2, 3].map(async () =>
        sseEvents(await post('/v1/completions', { model: 'qwen3-4b', prompt: 'x y z', max_tokens: 8, stream: true })),
      ),
    );
    const { requests } = (await (await fetch(`${url}/sim/requests`)).json()) as { requests: TruthRecord[] };
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r.status).toBe('ok');
      expect(r.token_ms).toHaveLength(8);
      expect(r.ttft_ms).toBeCloseTo((r.token_ms[0] ?? 0) - r.arrival_ms, 9);
      expect(r.tpot_ms).toBeCloseTo(((r.token_ms[7] ?? 0) - (r.token_ms[0] ?? 0)) / 7, 9);
    }
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const count = Number(/goodput_sim_time_to_first_token_seconds_count (\d+)/.exec(metrics)?.[1]);
    const ok = /goodput_sim_requests_total\{endpoint="\/v1\/completions",outcome="ok"\} (\d+)/.exec(metrics)?.[1];
    expect(count).toBeGreaterThanOrEqual(3);
    expect(Number(ok)).toBeGreaterThanOrEqual(3);
    expect(metrics).toMatch(/# TYPE goodput_sim_num_requests_running gauge/);
  });
});

describe('practice server: injected faults', () => {
  it('answers 500, cuts a stream, or stalls, as asked', async () => {
    const errors = await startInProcess({ faults: { error: 1, drop: 0, stall: 0 } });
    const res = await fetch(`${errors.url}/v1/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3-4b', prompt: 'x', stream: true }),
    });
    expect(res.status).toBe(500);
    await errors.server.close();

    const drops = await startInProcess({ faults: { error: 0, drop: 1, stall: 0 } });
    const cut = await fetch(`${drops.url}/v1/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3-4b', prompt: 'x', stream: true, max_tokens: 10 }),
    });
    await expect(cut.text()).rejects.toThrow();
    const { requests } = (await (await fetch(`${drops.url}/sim/requests`)).json()) as { requests: TruthRecord[] };
    expect(requests[0]).toMatchObject({ status: 'fault', fault: 'drop', output_tokens: 5 });
    await drops.server.close();

    const stalls = await startInProcess({ faults: { error: 0, drop: 0, stall: 1 } });
    const silent = await fetch(`${stalls.url}/v1/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'qwen3-4b', prompt: 'x', stream: true, max_tokens: 10 }),
      signal: AbortSignal.timeout(300),
    });
    await expect(silent.text()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    const after = (await (await fetch(`${stalls.url}/sim/requests`)).json()) as { requests: TruthRecord[] };
    expect(after.requests[0]).toMatchObject({ status: 'fault', fault: 'stall', output_tokens: 5 });
    await stalls.server.close();
  });
});

describe('goodput sim-server flags', () => {
  const run = async (argv: string[]) => {
    const err: string[] = [];
    const code = await main(['sim-server', ...argv], { out: () => undefined, err: (t) => err.push(t) });
    return { code, err: err.join('\n') };
  };
  it('names the bad flag and exits 2', async () => {
    expect(await run(['--port', 'abc'])).toEqual({ code: 2, err: expect.stringMatching(/--port: must be a number/) });
    expect(await run(['--max-num-seqs', '0'])).toEqual({ code: 2, err: expect.stringMatching(/--max-num-seqs/) });
    expect(await run(['--gpu', 'h900'])).toEqual({ code: 2, err: expect.stringMatching(/--gpu: unknown id "h900"/) });
    expect(await run(['--prot', '1'])).toEqual({ code: 2, err: expect.stringMatching(/--prot/) });
    // Errors the simulator finds in the scenario name the flag that set it.
    expect(await run(['--max-model-len', '100000'])).toEqual({
      code: 2,
      err: expect.stringMatching(/--max-model-len: 100000 exceeds Qwen3 4B's context of 40960 tokens/),
    });
    expect(await run(['--model', 'llama-3.3-70b', '--gpu', 'rtx-4090'])).toEqual({
      code: 2,
      err: expect.stringMatching(/--model: .*needs .* GiB of weights per GPU/),
    });
  });
});
