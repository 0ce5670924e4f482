import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractAnswer, isCorrect, PARITY_ITEMS, parityPrompt } from '../../labs/kits/bench/src/parity-set.ts';
import { BenchResult } from '../../src/engine/results.ts';
import { bundledBench, runKit } from './kit-build.ts';

describe('the parity eval set', () => {
  it('has exact answers that check out where they can be computed independently', () => {
    // Each rule recomputes an answer from the question with JavaScript's own arithmetic and strings.
    const rules: [RegExp, (x: string) => string][] = [
      [/^What is ([\d\s+\-*/]+)\?$/, (x) => String(Function(`return (${x})`)())],
      [/^What is 2 to the power of (\d+)\?$/, (x) => String(2 ** Number(x))],
      [/^What is half of (\d+)\?$/, (x) => String(Number(x) / 2)],
      [/^How many letters are in the word (\w+)\?$/, (x) => String(x.length)],
      [/^What is the word (\w+) spelled backwards\?$/, (x) => [...x].reverse().join('')],
    ];
    let checked = 0;
    for (const { q, a } of PARITY_ITEMS) {
      for (const [pattern, solve] of rules) {
        const m = pattern.exec(q);
        if (!m) continue;
        expect(solve(m[1] ?? ''), q).toBe(a);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    expect(new Set(PARITY_ITEMS.map((i) => i.q)).size).toBe(PARITY_ITEMS.length);
  });

  it('reads the first line of a reply and matches exactly, ignoring case and thousands separators', () => {
    expect(extractAnswer(' 42\nQ: next')).toBe('42');
    expect(extractAnswer(' Paris.')).toBe('Paris');
    expect(extractAnswer('   ')).toBeNull();
    expect(isCorrect('paris', 'Paris')).toBe(true);
    expect(isCorrect('1,024', '1024')).toBe(true);
    expect(isCorrect('42 apples', '42')).toBe(false);
    expect(isCorrect(null, '42')).toBe(false);
  });
});

/** A stand-in model that answers the eval from a table, streaming like an OpenAI-compatible server. */
function stubModel(answer: (index: number, truth: string) => string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'stub', owned_by: 'test' }] }));
      return;
    }
    if (req.url !== '/v1/completions') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const { prompt } = JSON.parse(body) as { prompt: string };
      const index = PARITY_ITEMS.findIndex((item) => parityPrompt(item) === prompt);
      const reply = ` ${answer(index, PARITY_ITEMS[index]?.a ?? '')}`;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of [reply.slice(0, 2), reply.slice(2)])
        res.write(`data: ${JSON.stringify({ id: `c${index}`, choices: [{ text: piece, finish_reason: null }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 40, completion_tokens: 2 } })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe('bench parity', () => {
  let kit: { dir: string; bench: string };
  let stub: Server | undefined;
  beforeAll(async () => {
    kit = await bundledBench();
  });
  afterEach(() => {
    stub?.close();
  });

  it('scores accuracy, then agreement with a baseline run, answer by answer', { timeout: 30_000 }, async () => {
    const wrongA = new Set([3, 7]);
    const a = await stubModel((i, truth) => (i === 10 ? '' : wrongA.has(i) ? `${truth}0` : truth));
    stub = a.server;
    const first = join(kit.dir, 'parity-a.jsonl');
    const r1 = await runKit(kit.bench, ['parity', '--url', a.url, '--out', first]);
    expect(r1.code).toBe(0);
    const lineA = BenchResult.parse(JSON.parse(readFileSync(first, 'utf8')));
    // Independent count: every item right except the two altered ones and the empty one.
    expect(lineA.parity?.accuracy).toBeCloseTo((PARITY_ITEMS.length - 3) / PARITY_ITEMS.length, 12);
    expect(lineA.parity?.agreement).toBeNull();
    expect(lineA.parity?.answers?.[10]).toBeNull();
    expect(r1.stdout).toMatch(new RegExp(`${PARITY_ITEMS.length - 3}/${PARITY_ITEMS.length} correct`));
    a.server.close();

    // The "optimized" run fixes item 3, breaks item 12; items 7 and 10 stay as they were.
    const b = await stubModel((i, truth) => (i === 10 ? '' : i === 7 || i === 12 ? `${truth}0` : truth));
    stub = b.server;
    const second = join(kit.dir, 'parity-b.jsonl');
    const r2 = await runKit(kit.bench, ['parity', '--url', b.url, '--out', second, '--baseline', first]);
    expect(r2.code).toBe(0);
    const lineB = BenchResult.parse(JSON.parse(readFileSync(second, 'utf8')));
    expect(lineB.parity?.agreement).toBeCloseTo((PARITY_ITEMS.length - 2) / PARITY_ITEMS.length, 12);
    expect(r2.stdout).toMatch(/changed: .*was "\d+0", now "\d+"/);
    expect(r2.stdout.match(/changed:/g)).toHaveLength(2);
  });

  it('says when the baseline file cannot be read', async () => {
    const r = await runKit(kit.bench, ['parity', '--baseline', join(kit.dir, 'missing.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*missing\.jsonl/);
  });
});
