import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
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

const playground = (page: Page) => page.getByTestId('sim-playground');

/** Wait until the playground has drawn `n` results from the worker since the page loaded. */
async function drawn(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (k) => Number(document.querySelector('gp-sim-playground')?.getAttribute('data-version') ?? '0') >= k,
    n,
    { timeout: 30_000 },
  );
}

const headline = (page: Page, side = 'A') => page.locator(`[data-headline="${side}"]`).textContent();

describe('the simulator playground', () => {
  it('shows the default run before any script, then re-runs in the worker when a knob changes', async () => {
    const { page, errors } = await watchedPage(ctx);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url())) scripts.push(r.url());
    });
    await page.goto(`${base}/tools/simulator/`, { waitUntil: 'load' });
    // Plot and the simulator load with the first change, not with the page.
    expect(scripts.some((u) => /results-view|sim\.worker/.test(u))).toBe(false);
    const before = await headline(page);
    expect(before).toMatch(/1,000 completed/);
    expect(await page.locator('[data-chart] svg').count()).toBeGreaterThanOrEqual(5);
    await shot(page, 'simulator-default');

    await playground(page).getByLabel('Rate (requests/s)', { exact: true }).fill('10');
    await drawn(page, 1);
    expect(await headline(page)).not.toBe(before);
    await expect(page.locator('[data-status]').textContent()).resolves.toMatch(/1,000 requests simulated in \d+ ms/);
    expect(page.url()).toContain('rate=10');

    // Static batching changes the shape of the run: padding appears in the table.
    await playground(page).getByLabel('Batching', { exact: true }).selectOption('static');
    await drawn(page, 2);
    const padding = await page.locator('tr[data-metric="padding_waste"] td').first().textContent();
    expect(Number.parseFloat(padding ?? '0')).toBeGreaterThan(5);
    expect(await page.locator('#sim-a-bs').isVisible()).toBe(true);
    expect(await page.locator('#sim-a-seqs').isVisible()).toBe(false);
    await page.locator('[data-chart="timeline"]').scrollIntoViewIfNeeded();
    await shot(page, 'simulator-static-batching');
    expect(errors).toEqual([]);
  });

  it('loads a shared URL: both configurations, side by side, with the change between them', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/simulator/?shape=agent&n=400&rate=6&compare=1&b.pc=1`);
    await drawn(page, 1);
    expect(await page.locator('#sim-a-shape').inputValue()).toBe('agent');
    expect(await page.locator('#sim-a-rate').inputValue()).toBe('6');
    expect(await page.locator('#sim-a-pc').isChecked()).toBe(false);
    expect(await page.locator('#sim-b-pc').isChecked()).toBe(true);
    expect(await page.locator('[data-side="b"]').isVisible()).toBe(true);
    expect(await page.getAttribute('gp-sim-playground', 'data-runs')).toBe('2');
    // Prefix caching on B: TTFT p50 must fall, and the table says so.
    const change = await page.locator('tr[data-metric="ttft_p50"] [data-change]').textContent();
    expect(change).toMatch(/^−\d+%/);
    expect(await page.locator('tr[data-metric="ttft_p50"] [data-change]').getAttribute('class')).toBe('gp-ok');
    await page.locator('[data-results] table').scrollIntoViewIfNeeded();
    await shot(page, 'simulator-compare-prefix-caching');

    // The latency plot switches without a re-run.
    await page.getByLabel('Latency plot').selectOption('e2e_ms');
    await expect(page.locator('[data-chart="cdf"] figcaption').textContent()).resolves.toMatch(/^End-to-end latency/);
    expect(errors).toEqual([]);
  });

  it('explains bad input beside the field, and every control has a label', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/simulator/?n=300`);
    await drawn(page, 1);
    const rate = playground(page).getByLabel('Rate (requests/s)', { exact: true });
    await rate.fill('0');
    await page.waitForFunction(
      () => (document.querySelector('[data-error-for="rate"]')?.textContent ?? '').length > 0,
      null,
      { timeout: 30_000 },
    );
    await expect(page.locator('[data-error-for="rate"]').textContent()).resolves.toMatch(/above 0/);
    await expect(rate.getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'simulator-bad-input');
    const unlabelled = await page.$$eval('gp-sim-playground input, gp-sim-playground select', (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.getAttribute('name')),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('[data-results] [role="img"][aria-labelledby]').count()).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
  });

  it('works from the keyboard: tab to Compare, switch it on with Space', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/simulator/?n=200`);
    await drawn(page, 1);
    await page.locator('#sim-a-tpot').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await drawn(page, 2);
    expect(await page.getAttribute('gp-sim-playground', 'data-runs')).toBe('2');
    expect(page.url()).toContain('compare=1');
    expect(errors).toEqual([]);
  });
});

describe('chapter comparisons (predict, then reveal)', () => {
  it('ship no simulator code until asked, stay within the chapter JS budget, and reveal after a prediction', async () => {
    const { page, errors } = await watchedPage(ctx);
    const files = new Map<string, number>();
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      if (!/\.m?js(\?|$)/.test(r.url())) return;
      pending.push(
        r
          .body()
          .then((b) => void files.set(r.url().replace(base, ''), gzipSync(b).length))
          .catch(() => undefined),
      );
    });
    await page.goto(`${base}/tools/simulator-comparisons/`, { waitUntil: 'load' });
    await page.waitForTimeout(2000);
    await Promise.all(pending);
    const total = [...files.values()].reduce((s, n) => s + n, 0);
    console.log(`comparisons page JS (gzip): ${(total / 1024).toFixed(1)} KiB in ${files.size} files`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
    expect([...files.keys()].some((u) => /sim\.worker|compare-live|results-view/.test(u))).toBe(false);

    const panel = page.getByTestId('sim-compare').first();
    await panel.getByRole('button', { name: 'Reveal the simulation' }).click();
    await expect(panel.locator('[data-hint]').textContent()).resolves.toMatch(/Pick one first/);
    expect(await panel.locator('details').getAttribute('open')).toBeNull();
    await panel.getByLabel('goes down').check();
    await panel.getByRole('button', { name: 'Reveal the simulation' }).click();
    expect(await panel.locator('details').getAttribute('open')).not.toBeNull();
    await expect(panel.locator('[data-verdict]').textContent()).resolves.toMatch(
      /^Your prediction holds\. End-to-end p50 goes down/,
    );
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'sim-compare-revealed');

    // Another seed loads the simulator on demand and redraws both runs.
    pending.length = 0;
    await panel.getByRole('button', { name: 'Run again with another seed' }).click();
    await page.waitForFunction(
      () => /Re-ran with seed 8/.test(document.querySelector('gp-sim-compare [data-status]')?.textContent ?? ''),
      null,
      { timeout: 30_000 },
    );
    await Promise.all(pending);
    expect([...files.keys()].some((u) => /compare-live/.test(u))).toBe(true);
    await expect(panel.locator('[data-verdict]').textContent()).resolves.toMatch(/^With seed 8: End-to-end p50/);
    expect(errors).toEqual([]);
  });

  it('links each comparison to the playground with both configurations filled in', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/simulator-comparisons/`);
    const panel = page.locator('gp-sim-compare[data-preset="paged-vs-contiguous"]');
    await panel.locator('summary').click();
    await panel.getByRole('link', { name: 'Open this comparison in the simulator' }).click();
    await page.waitForURL(/\/tools\/simulator\/\?/);
    await drawn(page, 1);
    expect(await page.locator('#sim-a-alloc').inputValue()).toBe('contiguous');
    expect(await page.locator('#sim-b-alloc').inputValue()).toBe('paged');
    expect(await page.locator('#sim-a-users').inputValue()).toBe('64');
    await shot(page, 'simulator-from-comparison');
    expect(errors).toEqual([]);
  });
});
