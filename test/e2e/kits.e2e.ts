// The kits page (downloads with their hashes) and the results viewer, driven in Chromium with files the real kit
// wrote against the practice server.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundledBench, runKit } from '../kits/kit-build.ts';
import { benchLine, probeLine } from '../kits/lines.ts';
import { startChild } from '../kits/practice-server.ts';
import { launch, shot, watchedPage } from './browser.ts';

const base = inject('baseURL');
let ctx: BrowserContext;
const dir = mkdtempSync(join(tmpdir(), 'goodput-results-'));
const file = (name: string, lines: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return path;
};
const files: Record<string, string> = {};

beforeAll(async () => {
  ctx = await launch();
  // A real run: the bundled kit against the practice server (a simulated RTX 4090 serving Qwen3 8B).
  const [kit, server] = await Promise.all([bundledBench(), startChild(['--model', 'qwen3-8b', '--gpu', 'rtx-4090'])]);
  try {
    files.run = join(dir, 'run-a.jsonl');
    const r = await runKit(kit.bench, [
      ...['--url', server.url, '--concurrency', '1,2,4,8', '--iters', '8', '--warmup', '1', '--quiet'],
      ...[
        '--prompt-length',
        '128',
        '--output-length',
        '16',
        '--slo-ttft',
        '200',
        '--slo-tpot',
        '25',
        '--out',
        files.run,
      ],
    ]);
    if (r.code !== 0) throw new Error(`kit run failed: ${r.stderr}`);
  } finally {
    await server.stop();
  }
  const lines = readFileSync(files.run, 'utf8').trim().split('\n');
  files.copy = file('run-copy.jsonl', lines);
  // The same run with every latency 10% slower: not a reproduction.
  files.slower = file(
    'run-slower.jsonl',
    lines.map((l) => {
      const j = JSON.parse(l);
      for (const k of ['ttft_ms', 'tpot_ms', 'itl_ms', 'e2e_ms'])
        for (const s of ['p50', 'p95', 'p99', 'mean']) j.results[k][s] *= 1.1;
      return j;
    }),
  );
  // Test data in the probe's format (not a measurement): an H100 reaching 85% of its bandwidth.
  const decode = [1, 4, 16].map((batch) => ({ ...probeLine('decode_step'), batch, step_ms_median: 9 + batch / 4 }));
  files.probe = file('probe-results.jsonl', [probeLine('hbm_bandwidth'), probeLine('matmul'), ...decode]);
  const good = benchLine();
  const negative = benchLine();
  negative.results.completed = -3;
  files.broken = file('broken.jsonl', [
    good,
    '{"schema": "bench-result/v1", "timestamp": 5',
    { schema: 'other/v9' },
    negative,
  ]);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('the kits page', () => {
  it('links both downloads, and the hashes it prints are those of the files it serves', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/kits/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Lab kits');
    for (const name of ['bench', 'probe']) {
      const href = await page.locator(`a[href="/kits/${name}.zip"]`).getAttribute('href');
      const bytes = Buffer.from(await (await fetch(`${base}${href}`)).arrayBuffer());
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      const sha = createHash('sha256').update(bytes).digest('hex');
      await expect(page.locator('main').textContent()).resolves.toContain(`${name}.zip: ${sha}`);
    }
    await shot(page, 'kits-page');
    expect(errors).toEqual([]);
  });
});

describe('the results viewer', () => {
  it('names each bad line by number, field and value', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/results/`);
    await page.getByLabel('Results files').setInputFiles(files.broken as string);
    const issues = page.getByTestId('issues');
    await issues.waitFor();
    const rows = await issues
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toContainEqual([
      'broken.jsonl',
      '2',
      '(whole line)',
      expect.stringContaining('"timestamp": 5'),
      expect.stringMatching(/not valid JSON/),
    ]);
    expect(rows).toContainEqual([
      'broken.jsonl',
      '3',
      'schema',
      '"other/v9"',
      'must be "bench-result/v1" or "probe-result/v1"',
    ]);
    expect(rows).toContainEqual([
      'broken.jsonl',
      '4',
      'results.completed',
      '-3',
      expect.stringMatching(/>=0|at least|too small/i),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/1 valid line, 3 problems/);
    expect(errors).toEqual([]);
  });

  it('plots a real run, with the roofline for its model and GPU, and the goodput knee', async () => {
    const { page, errors } = await watchedPage(ctx);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${base}/tools/results/`);
    await page.waitForLoadState('networkidle');
    const before = scripts.length;
    await page.getByLabel('Results files').setInputFiles([files.run as string, files.probe as string]);
    const viewer = page.getByTestId('results-viewer');
    await viewer.locator('figure[data-chart="decode"] svg[aria-label]').waitFor({ timeout: 20_000 });
    // Plot arrives only now, when there is something to draw.
    expect(scripts.length).toBeGreaterThan(before);
    for (const id of ['percentiles-ttft', 'percentiles-tpot', 'throughput', 'goodput', 'decode']) {
      const svg = viewer.locator(`figure[data-chart="${id}"] svg[aria-label]`);
      expect((await svg.getAttribute('aria-label'))?.length).toBeGreaterThan(60);
    }
    const decodeRows = await viewer
      .locator('figure[data-chart="decode"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(decodeRows.some((r) => /roofline: Qwen3 8B BF16 on RTX 4090/.test(r[0] ?? ''))).toBe(true);
    expect(decodeRows.some((r) => /roofline: Qwen3 4B BF16 on H100 SXM 80GB, 512 tokens/.test(r[0] ?? ''))).toBe(true);
    await expect(viewer.locator('figure[data-chart="goodput"] table').textContent()).resolves.toContain('knee');
    const probe = await viewer.getByTestId('probe-figures').textContent();
    expect(probe).toMatch(/HBM bandwidth .*2,900 GB\/s.*3,350 GB\/s.*86\.6%/);
    await viewer.locator('figure[data-chart="percentiles-ttft"]').scrollIntoViewIfNeeded();
    await shot(page, 'results-charts');
    expect(errors).toEqual([]);
  });

  it('compares two runs side by side: a copy reproduces, a 10% slower run does not', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/results/`);
    await page
      .getByLabel('Results files')
      .setInputFiles([files.run as string, files.copy as string, files.slower as string]);
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor();
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('within');
    // Keyboard only: move to Run B and pick the slower run.
    await page.getByLabel('Run B').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      () => document.querySelector('[data-verdict]')?.getAttribute('data-verdict') === 'outside',
    );
    const table = page.getByTestId('comparison');
    await expect(table.locator('caption').textContent()).resolves.toContain(
      'run-a.jsonl (A) against run-slower.jsonl (B)',
    );
    const ttft = await table
      .locator('tbody tr', { hasText: 'TTFT p50' })
      .first()
      .evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(ttft.slice(4)).toEqual(['+10.0%', 'no']);
    await shot(page, 'results-compare');
    expect(errors).toEqual([]);
  });
});
