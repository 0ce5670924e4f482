// Chapters 13–19 (the KV cache and precision): every page renders cleanly, and every live element recomputes in the
// worker, shows a described chart, and explains bad input beside the field.
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

interface IslandCase {
  slug: string;
  title: string;
  testId: string;
  /** A change that must alter the result. */
  change: (page: Page, root: string) => Promise<unknown>;
  /** A value that must be refused, and the message it must produce. */
  bad: { field: string; value: string; message: RegExp };
}

const CASES: IslandCase[] = [
  {
    slug: 'kv-cache/bytes-per-token',
    title: 'KV bytes per token',
    testId: 'kv-calculator',
    change: (p, r) => p.locator(`${r} select[name=kvPrecision]`).selectOption('fp8'),
    bad: { field: 'batch', value: '0', message: /at least 1/ },
  },
  {
    slug: 'kv-cache/paged-attention',
    title: 'Fragmentation and paged attention',
    testId: 'paged-blocks',
    change: (p, r) => p.locator(`${r} select[name=blockSize]`).selectOption('128'),
    bad: { field: 'longest', value: '10', message: /at least the shortest/ },
  },
  {
    slug: 'kv-cache/prefix-caching',
    title: 'Prefix sharing and prefix caching',
    testId: 'prefix-sharing',
    change: (p, r) => p.locator(`${r} input[name=requests]`).fill('300'),
    bad: { field: 'requests', value: '-3', message: /at least 1/ },
  },
  {
    slug: 'kv-cache/quantization-and-offload',
    title: 'KV quantization, offload and eviction',
    testId: 'kv-capacity',
    change: (p, r) => p.locator(`${r} select[name=kvPrecision]`).selectOption('fp8'),
    bad: { field: 'util', value: '1.5', message: /at most 1/ },
  },
  {
    slug: 'precision/quantization',
    title: 'Quantization',
    testId: 'quant-footprint',
    change: (p, r) => p.locator(`${r} select[name=scheme]`).selectOption('fp8'),
    bad: { field: 'context', value: '99999999', message: /at most/ },
  },
  {
    slug: 'precision/unpacking-tax',
    title: 'The unpacking tax',
    testId: 'unpacking-tax',
    change: (p, r) => p.locator(`${r} input[name=batch]`).fill('700'),
    bad: { field: 'batch', value: '5000', message: /at most 1,024/ },
  },
  {
    slug: 'precision/accuracy-parity',
    title: 'Accuracy parity',
    testId: 'parity-check',
    change: (p, r) => p.locator(`${r} input[name=n]`).fill('6000'),
    bad: { field: 'lost', value: '5000', message: /cannot exceed/ },
  },
];

describe('KV-cache and precision chapters', () => {
  for (const c of CASES) {
    describe(c.slug, () => {
      it('renders prose, math, a chart and a self-check without console errors', async () => {
        const { page, errors } = await watchedPage(ctx);
        await page.goto(`${base}/${c.slug}/`);
        await expect(page.locator('h1').textContent()).resolves.toContain(c.title);
        expect(await page.locator('.katex').count()).toBeGreaterThan(1);
        expect(await page.getByTestId('question').count()).toBeGreaterThanOrEqual(3);
        expect(await page.locator(`[data-testid=${c.testId}] [data-figure] svg`).count()).toBeGreaterThan(0);
        await shot(page, `chapter-${c.slug.replace('/', '-')}`);
        expect(errors).toEqual([]);
      });

      it('its live element recomputes in the worker and explains bad input', async () => {
        const { page, errors } = await watchedPage(ctx);
        await page.goto(`${base}/${c.slug}/`);
        const root = `[data-testid=${c.testId}]`;
        const island = page.locator(root);
        await island.scrollIntoViewIfNeeded();
        const before = await island.locator('[data-rows]').textContent();
        await c.change(page, root);
        await page.waitForFunction(
          ([sel, old]) => {
            const el = document.querySelector(`${sel} [data-rows]`);
            return el !== null && el.textContent !== old;
          },
          [root, before] as const,
        );
        expect(await island.locator('[data-figure]').getAttribute('aria-label')).toMatch(/(chart|map).{40,}/i);
        await shot(page, `island-${c.testId}`);
        await island.locator(`[name=${c.bad.field}]`).fill(c.bad.value);
        await page.waitForFunction(
          ([sel, field]) =>
            (document.querySelector(`${sel} [data-error-for="${field}"]`)?.textContent ?? '').length > 0,
          [root, c.bad.field] as const,
        );
        await expect(island.locator(`[data-error-for="${c.bad.field}"]`).textContent()).resolves.toMatch(c.bad.message);
        await expect(island.locator(`[name=${c.bad.field}]`).getAttribute('aria-invalid')).resolves.toBe('true');
        expect(errors).toEqual([]);
      });
    });
  }
});
