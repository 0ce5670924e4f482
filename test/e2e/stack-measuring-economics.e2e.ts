// Parts 6–8 (chapters 26–34): every page renders without console errors, and each live element responds.
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, watchedPage } from './browser.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
});
afterAll(async () => {
  await ctx?.close();
});

const PAGES = [
  'stack/layers',
  'stack/diagnosing',
  'measuring/diagnostic-flow',
  'measuring/serving-path',
  'measuring/profilers',
  'measuring/benchmark-template',
  'economics/cost',
  'economics/topologies',
  'economics/principles',
];

describe('parts 6–8 chapters', () => {
  it('each page loads at most 60 KiB of gzipped JavaScript before the learner touches anything', async () => {
    for (const slug of PAGES) {
      const { page } = await watchedPage(ctx);
      const sizes: Promise<number>[] = [];
      page.on('response', (r) => {
        if (/\.m?js(\?|$)/.test(r.url()) || r.request().resourceType() === 'script')
          sizes.push(
            r
              .body()
              .then((b) => gzipSync(b).length)
              .catch(() => 0),
          );
      });
      await page.goto(`${base}/${slug}/`, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      console.log(`${slug}: ${(total / 1024).toFixed(1)} KiB of JS (gzip)`);
      expect(total, slug).toBeLessThanOrEqual(60 * 1024);
      await page.close();
    }
  });

  for (const slug of PAGES) {
    it(`${slug} renders with math, a self-check and no console errors`, async () => {
      const { page, errors } = await watchedPage(ctx);
      await page.goto(`${base}/${slug}/`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getByTestId('self-check').count()).toBe(1);
      expect(await page.locator('.katex').count()).toBeGreaterThan(0);
      await shot(page, `chapter-${slug.replace('/', '-')}`);
      expect(errors).toEqual([]);
    });
  }

  it('layer map: picking a symptom lights the owning layer and explains the fix', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/stack/layers/`);
    const map = page.getByTestId('layer-map-explore');
    await map.scrollIntoViewIfNeeded();
    await expect(map.locator('[aria-current=true]').getAttribute('data-layer')).resolves.toBe('L4a');
    await map.getByLabel(/resends the whole history|rises turn after turn/).check();
    await expect(map.locator('[aria-current=true]').getAttribute('data-layer')).resolves.toBe('L6');
    await expect(map.locator('[data-detail-fix]').textContent()).resolves.toMatch(/client/);
    await map.getByLabel(/stutter each time a long prompt/).press('Space');
    await expect(map.locator('.lit').getAttribute('data-layer')).resolves.toBe('L4b');
    await shot(page, 'layer-map-explore');
    expect(errors).toEqual([]);
  });

  it('diagnose mode: a wrong layer is marked wrong with the reasoning, the right one correct, then the next case', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/stack/diagnosing/`);
    const map = page.getByTestId('layer-map-diagnose');
    await map.scrollIntoViewIfNeeded();
    await map.getByRole('button', { name: 'Check' }).click();
    await expect(map.locator('[data-feedback]').textContent()).resolves.toMatch(/Choose a layer/);
    await map.getByLabel('L0 Silicon and fabric').check();
    await map.getByRole('button', { name: 'Check' }).click();
    await expect(map.getAttribute('data-state')).resolves.toBe('wrong');
    await expect(map.locator('[data-feedback]').textContent()).resolves.toMatch(/Not L0.*L3/);
    await map.getByLabel('L3 Inference backend').check();
    await map.getByRole('button', { name: 'Check' }).click();
    await expect(map.getAttribute('data-state')).resolves.toBe('correct');
    await shot(page, 'layer-map-diagnose');
    await map.getByRole('button', { name: 'Next case' }).click();
    await expect(map.locator('[data-case-count]').textContent()).resolves.toMatch(/Case 2 of/);
    expect(await map.getAttribute('data-state')).toBeNull();
    expect(errors).toEqual([]);
  });

  it('canary: the slow-path share moves p99 and the verdict, bad input is named, new samples redraw', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/measuring/diagnostic-flow/`);
    const c = page.getByTestId('canary');
    await c.scrollIntoViewIfNeeded();
    await expect(c.locator('[data-verdict]').textContent()).resolves.toMatch(/fails the gate/);
    const p99 = () => c.locator('[data-stat=p99] td').nth(1).textContent();
    const before = await p99();
    await c.getByLabel(/slow path/).fill('0');
    await page.waitForFunction(() =>
      /passes/.test(document.querySelector('[data-testid=canary] [data-verdict]')?.textContent ?? ''),
    );
    expect(await p99()).not.toBe(before);
    await c.getByLabel(/slow path/).fill('50');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for=slowShare]')?.textContent ?? '').length > 0,
    );
    await expect(c.locator('[data-error-for=slowShare]').textContent()).resolves.toMatch(/at most 20%/);
    await expect(c.getByLabel(/slow path/).getAttribute('aria-invalid')).resolves.toBe('true');
    await c.getByLabel(/slow path/).fill('2');
    await c.getByLabel('Requests per run').selectOption('50');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=canary] [name=slowSharePct]')?.getAttribute('aria-invalid') === null,
    );
    const small = await p99();
    await c.getByRole('button', { name: 'Draw new samples' }).click();
    await page.waitForFunction(
      (v) => document.querySelectorAll('[data-testid=canary] [data-stat=p99] td')[1]?.textContent !== v,
      small,
    );
    await shot(page, 'canary');
    expect(errors).toEqual([]);
  });

  it('stage attribution: switching the service flips the sum-vs-end-to-end comparison; a change re-measures', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/measuring/serving-path/`);
    const sa = page.getByTestId('stage-attribution');
    await sa.scrollIntoViewIfNeeded();
    await expect(sa.locator('[data-versus]').textContent()).resolves.toMatch(/more than/);
    await sa.getByLabel('Service').selectOption('stalls');
    await page.waitForFunction(() =>
      /less than/.test(document.querySelector('[data-testid=stage-attribution] [data-versus]')?.textContent ?? ''),
    );
    const before = await sa.locator('[data-remeasured]').textContent();
    await sa.getByLabel(/queue time cut to/).selectOption('0.25');
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid=stage-attribution] [data-remeasured]')?.textContent !== v,
      before,
    );
    await expect(sa.locator('[data-change]').textContent()).resolves.toMatch(/queue cut to 25%/);
    await shot(page, 'stage-attribution');
    expect(errors).toEqual([]);
  });

  it('profiler matrix and bandwidth check respond to the learner', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/measuring/profilers/`);
    const m = page.getByTestId('profiler-matrix');
    await m.scrollIntoViewIfNeeded();
    await m.getByLabel(/idle between kernels/).check();
    await expect(m.locator('tr[data-tool=nsys]').getAttribute('data-coverage')).resolves.toBe('yes');
    await expect(m.locator('tr[data-tool=ncu]').getAttribute('data-coverage')).resolves.toBe('no');
    const bw = page.getByTestId('bandwidth-check');
    await bw.scrollIntoViewIfNeeded();
    await bw.getByLabel('Measured step time (ms)').fill('3');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=bandwidth-check] [data-verdict]')?.getAttribute('data-tone') === 'bad',
    );
    await expect(bw.locator('[data-verdict]').textContent()).resolves.toMatch(/Faster than the memory bus/);
    await bw.getByLabel('Measured step time (ms)').fill('-1');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for=measuredMs]')?.textContent ?? '').length > 0,
    );
    await expect(bw.locator('[data-error-for=measuredMs]').textContent()).resolves.toMatch(/above 0/);
    await bw.getByLabel('Measured step time (ms)').fill('5.5');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=bandwidth-check] [data-verdict]')?.getAttribute('data-tone') === 'ok',
    );
    await shot(page, 'bandwidth-check');
    expect(errors).toEqual([]);
  });

  it('cost calculator: idle hours raise $/MTok, zero good requests is explained, bad price is named', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/economics/cost/`);
    const c = page.getByTestId('cost-calculator');
    await c.scrollIntoViewIfNeeded();
    const effective = () => c.locator('[data-row=effective]').textContent();
    const before = await effective();
    await c.getByLabel(/Hours with work/).fill('20');
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid=cost-calculator] [data-row=effective]')?.textContent !== v,
      before,
    );
    await c.getByLabel(/meeting the SLOs/).fill('0');
    await page.waitForFunction(() =>
      /waste/.test(document.querySelector('[data-testid=cost-calculator] [data-row=good]')?.textContent ?? ''),
    );
    await c.getByLabel(/Price per GPU-hour/).fill('');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for=usdPerGpuHour]')?.textContent ?? '').length > 0,
    );
    await expect(c.getByLabel(/Price per GPU-hour/).getAttribute('aria-invalid')).resolves.toBe('true');
    await c.getByLabel(/Price per GPU-hour/).fill('3');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=cost-calculator] [name=usdPerGpuHour]')?.getAttribute('aria-invalid') ===
        null,
    );
    await shot(page, 'cost-calculator');
    expect(errors).toEqual([]);
  });

  it('topology tree: volume, constraints and bad input change the recommendation', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/economics/topologies/`);
    const t = page.getByTestId('topology-tree');
    await t.scrollIntoViewIfNeeded();
    const topology = () => t.locator('[data-headline]').getAttribute('data-topology');
    await expect(topology()).resolves.toBe('api');
    await t.getByLabel(/Output tokens per month/).fill('4000');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=topology-tree] [data-headline]')?.getAttribute('data-topology') ===
        'self-hosted',
    );
    await t
      .getByRole('group', { name: /team that can run GPUs/ })
      .getByLabel('No')
      .check();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=topology-tree] [data-headline]')?.getAttribute('data-topology') === 'api',
    );
    await t
      .getByRole('group', { name: /stay on infrastructure/ })
      .getByLabel('Yes')
      .check();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=topology-tree] [data-headline]')?.getAttribute('data-topology') ===
        'self-hosted',
    );
    await t.getByLabel(/Replica throughput/).fill('0');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for=replicaTokS]')?.textContent ?? '').length > 0,
    );
    await shot(page, 'topology-tree');
    expect(errors).toEqual([]);
  });

  it('bits explorer: a large batch shrinks the gain from fewer bits', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/economics/principles/`);
    const b = page.getByTestId('bits-explorer');
    await b.scrollIntoViewIfNeeded();
    const gain = async () =>
      Number(((await b.locator('tr.selected td').last().textContent()) ?? '').replace(/[^0-9.]/g, ''));
    const small = await gain();
    await b.getByLabel('Batch size').fill('64');
    await page.waitForFunction(
      (v) =>
        !document.querySelector('[data-testid=bits-explorer] tr.selected td:last-child')?.textContent?.startsWith(v),
      String(small),
    );
    expect(await gain()).toBeLessThan(small);
    await b.getByLabel('Batch size').fill('0');
    await page.waitForFunction(() => (document.querySelector('[data-error-for=batch]')?.textContent ?? '').length > 0);
    await shot(page, 'bits-explorer');
    expect(errors).toEqual([]);
  });

  it('reproducibility check: the tail misses ±5%, a wider tolerance passes, a broken line is named', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/measuring/benchmark-template/`);
    const r = page.getByTestId('repro-check');
    await r.scrollIntoViewIfNeeded();
    const within = () => r.locator('[data-verdict]').getAttribute('data-within');
    await expect(within()).resolves.toBe('false');
    await expect(r.locator('[data-verdict]').textContent()).resolves.toMatch(/TTFT p99/);
    await r.getByLabel('Tolerance (%)').fill('6');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=repro-check] [data-verdict]')?.getAttribute('data-within') === 'true',
    );
    await r.getByLabel('Run B', { exact: true }).fill('{"schema": "bench-result/v1", "timestamp": 5}');
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid=repro-check] [data-issues]')?.textContent ?? '').includes('line 1'),
    );
    await expect(r.locator('[data-verdict]').textContent()).resolves.toMatch(/Nothing to compare/);
    await r.getByLabel('Tolerance (%)').fill('-1');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for=tolerance]')?.textContent ?? '').length > 0,
    );
    await shot(page, 'repro-check');
    expect(errors).toEqual([]);
  });
});
