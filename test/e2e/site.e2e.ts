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

/** Gzipped bytes of every JavaScript file a page fetches while it loads and settles (workers included). */
async function jsBudget(
  page: Page,
  path: string,
  settleMs = 2500,
): Promise<{ total: number; files: Map<string, number> }> {
  const files = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    const url = r.url();
    if (!/\.m?js(\?|$)/.test(url) && r.request().resourceType() !== 'script') return;
    pending.push(
      r
        .body()
        .then((b) => {
          files.set(url.replace(base, ''), gzipSync(b).length);
        })
        .catch(() => undefined),
    );
  });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  await Promise.all(pending);
  let total = 0;
  for (const n of files.values()) total += n;
  return { total, files };
}

describe('site', () => {
  it('a plain chapter page loads at most 60 KiB of gzipped JavaScript, and no Monaco', async () => {
    const { page } = await watchedPage(ctx);
    const { total, files } = await jsBudget(page, '/physics/memory-wall/');
    console.log(`chapter JS (gzip): ${(total / 1024).toFixed(1)} KiB in ${files.size} files`);
    expect(total).toBeLessThanOrEqual(60 * 1024);
    expect([...files.keys()].some((u) => /monaco|editor\.api|ts\.worker/.test(u))).toBe(false);
    expect(await page.locator('style[data-monaco]').count()).toBe(0);
  });

  it('Monaco loads on the lab page', async () => {
    const { page } = await watchedPage(ctx);
    await page.goto(`${base}/labs/decode-ceiling/`);
    await page.getByTestId('lab').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=lab][data-ready=true]', { timeout: 30_000 });
    expect(await page.locator('style[data-monaco]').count()).toBeGreaterThan(0);
  });

  it('search finds the memory-wall chapter', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Search' }).click();
    const input = page.locator('dialog[open] input[type=search], dialog[open] .pagefind-ui__search-input');
    await input.first().fill('memory wall bandwidth');
    const hit = page.locator('dialog[open] a[href*="/physics/memory-wall/"]');
    await hit.first().waitFor({ timeout: 15_000 });
    await shot(page, 'search');
    expect(await hit.count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('the landing page renders without console errors', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/`);
    await shot(page, 'landing');
    expect(errors).toEqual([]);
  });
});
