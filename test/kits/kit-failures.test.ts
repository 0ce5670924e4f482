// How the kit behaves when things go wrong: no server, wrong model, bad flags, failing requests, Ctrl-C,
// and an existing results file.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchResult } from '../../src/engine/results.ts';
import type { TruthRecord } from '../../src/server/truth.ts';
import { bundledBench, runKit } from './kit-build.ts';
import { type ChildServer, startChild } from './practice-server.ts';

let kit: { dir: string; bench: string };
let server: ChildServer;
beforeAll(async () => {
  [kit, server] = await Promise.all([bundledBench(), startChild()]);
});
afterAll(async () => {
  await server?.stop();
});

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function truth(): Promise<TruthRecord[]> {
  return ((await (await fetch(`${server.url}/sim/requests`)).json()) as { requests: TruthRecord[] }).requests;
}

describe('bench kit: before any load', () => {
  it('says plainly that the server is down, sends nothing and writes nothing', async () => {
    const out = join(kit.dir, 'down.jsonl');
    const r = await runKit(kit.bench, ['--url', `http://127.0.0.1:${await closedPort()}`, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach the server at http:\/\/127\.0\.0\.1:\d+\/ \(connection refused/);
    expect(r.stderr).toMatch(/No load was sent/);
    expect(r.stderr).toMatch(/sim-server/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a model the server does not serve, before sending any request', async () => {
    await fetch(`${server.url}/sim/requests`, { method: 'DELETE' });
    const r = await runKit(kit.bench, [
      '--url',
      server.url,
      '--model',
      'llama-9000',
      '--out',
      join(kit.dir, 'm.jsonl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not serve --model "llama-9000"; it lists: qwen3-4b/);
    expect(await truth()).toEqual([]);
  });

  it('exits 2 naming the flag for bad flags', async () => {
    const cases: [string[], RegExp][] = [
      [['--concurency', '4'], /unknown flag --concurency/],
      [['--concurrency', '0'], /--concurrency \(item 1\): must be at least 1 \(got 0\)/],
      [['--concurrency', '4,x'], /--concurrency \(item 2\): must be a number \(got "x"\)/],
      [['--iters=-3'], /--iters: must be at least 1 \(got -3\)/],
      [['--iters', '-3'], /--iters needs a value/],
      [['--shape', 'poem'], /--shape/],
      [['--url', 'ftp://x'], /--url: must be an http/],
      [['--rate', '2', '--concurrency', '4'], /--rate: give --concurrency or --rate, not both/],
      [['--burstiness', '2'], /--burstiness: only applies with --rate/],
      [['--timeout'], /--timeout needs a value/],
      [['cost', 'r.jsonl'], /--usd-per-hour: is required/],
      [['compare', 'a.jsonl'], /give two results files/],
    ];
    for (const [args, message] of cases) {
      const r = await runKit(kit.bench, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('bench kit: failures during a run', () => {
  it('records HTTP errors, broken streams and timeouts per request, counts them, and carries on', {
    timeout: 30_000,
  }, async () => {
    const faulty = await startChild([
      '--error-rate',
      '0.15',
      '--drop-rate',
      '0.15',
      '--stall-rate',
      '0.1',
      '--seed',
      '3',
    ]);
    try {
      const out = join(kit.dir, 'faults.jsonl');
      const detail = join(kit.dir, 'faults-requests.jsonl');
      const r = await runKit(kit.bench, [
        ...['--url', faulty.url, '--iters', '40', '--warmup', '0', '--concurrency', '8', '--quiet'],
        ...['--output-length', '8', '--prompt-length', '16', '--timeout', '1', '--out', out, '--detail', detail],
      ]);
      expect(r.code).toBe(0);
      const line = BenchResult.parse(JSON.parse(lines(out)[0] as string));
      const faults = (await (await fetch(`${faulty.url}/sim/requests`)).json()) as { requests: TruthRecord[] };
      const count = (f: string) => faults.requests.filter((x) => x.fault === f).length;
      expect(line.failures).toMatchObject({
        http: count('http_error'),
        stream: count('drop'),
        timeout: count('stall'),
      });
      expect(line.results.failed).toBe(count('http_error') + count('drop') + count('stall'));
      expect(line.results.completed).toBe(40 - line.results.failed);
      expect(line.results.failed).toBeGreaterThan(0);
      expect(line.failures?.examples.join('\n')).toMatch(/HTTP 500: injected fault/);
      const perRequest = lines(detail).map((l) => JSON.parse(l) as { ok: boolean; failure: { kind: string } | null });
      expect(
        perRequest
          .filter((d) => !d.ok)
          .map((d) => d.failure?.kind)
          .sort(),
      ).toEqual(
        [
          ...Array(count('http_error')).fill('http'),
          ...Array(count('drop')).fill('stream'),
          ...Array(count('stall')).fill('timeout'),
        ].sort(),
      );
    } finally {
      await faulty.stop();
    }
  });

  it('appends to an existing results file and never overwrites it', async () => {
    const out = join(kit.dir, 'append.jsonl');
    writeFileSync(out, '{"note":"an earlier line the kit must keep"}');
    for (let i = 0; i < 2; i++) {
      const r = await runKit(kit.bench, [
        '--url',
        server.url,
        '--iters',
        '3',
        '--warmup',
        '0',
        '--output-length',
        '4',
        '--out',
        out,
      ]);
      expect(r.code).toBe(0);
    }
    const all = lines(out);
    expect(all).toHaveLength(3);
    expect(all[0]).toBe('{"note":"an earlier line the kit must keep"}');
    for (const l of all.slice(1)) expect(BenchResult.safeParse(JSON.parse(l)).success).toBe(true);
  });

  it('Ctrl-C writes what was measured, marked incomplete, and exits 130', { timeout: 30_000 }, async () => {
    const out = join(kit.dir, 'interrupted.jsonl');
    const detail = join(kit.dir, 'interrupted-requests.jsonl');
    writeFileSync(out, '{"note":"kept"}\n');
    const child = spawn(process.execPath, [
      kit.bench,
      ...['--url', server.url, '--concurrency', '2,4', '--iters', '2000', '--warmup', '0', '--output-length', '16'],
      ...['--out', out, '--detail', detail],
    ]);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once a few requests have completed.
    while ((existsSync(detail) ? lines(detail).length : 0) < 5 && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const all = lines(out);
    expect(all).toHaveLength(2);
    expect(all[0]).toBe('{"note":"kept"}');
    const line = BenchResult.parse(JSON.parse(all[1] as string));
    expect(line.incomplete).toBe(true);
    expect(line.workload.concurrency).toBe(2);
    expect(line.results.completed).toBeGreaterThanOrEqual(5);
    expect(line.results.completed).toBeLessThan(2000);
    // Requests cut short are neither counted as completed nor as failed.
    expect(line.results.failed).toBe(0);
    expect(lines(detail)).toHaveLength(line.results.completed);
    expect(stderr).toMatch(/marked "incomplete": true/);
  });
});
