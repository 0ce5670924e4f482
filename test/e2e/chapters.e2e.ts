// Every chapter page (and the landing page and glossary) renders in Chromium without console errors, with a
// full-page screenshot of each; the chapters' own widgets answer input and explain bad input.
import { existsSync, mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OUTLINE } from '../../src/course/outline.ts';
import { launch, shot, watchedPage } from './browser.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
});
afterAll(async () => {
  await ctx?.close();
});

const exists = (slug: string) =>
  ['.md', '.mdx', '/index.md', '/index.mdx'].some((e) => existsSync(`content/docs/${slug}${e}`));

const pages = OUTLINE.filter((p) => /^Part \d+/.test(p.label) || p.label === 'Start here')
  .flatMap((p) => p.entries)
  .filter((e) => exists(e.slug));

const url = (slug: string) => `${base}/${slug === 'index' ? '' : `${slug}/`}`;

async function fullShot(page: Page, slug: string) {
  mkdirSync('test-results/screenshots/chapters', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/chapters/${slug.replace(/\//g, '--')}.png`, fullPage: true });
}

describe('every chapter page', () => {
  for (const entry of pages) {
    it(`${entry.title} renders without console errors`, async () => {
      const { page, errors } = await watchedPage(ctx);
      await page.goto(url(entry.slug), { waitUntil: 'load' });
      await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
      // Islands run their first scripts; the page must still be quiet afterwards.
      await page.waitForTimeout(300);
      await fullShot(page, entry.slug);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

/** Wait until an element's text differs from `before`. */
async function textChanges(page: Page, selector: string, before: string) {
  await page.waitForFunction(
    ([sel, prev]) => (document.querySelector(sel as string)?.textContent ?? '') !== prev,
    [selector, before],
  );
}

describe('explorers', () => {
  it('roofline: redraws for a new batch and explains a bad one', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/prefill-and-decode/`);
    const ex = page.getByTestId('explorer-roofline');
    await ex.scrollIntoViewIfNeeded();
    const sel = '[data-testid=explorer-roofline] [data-readout]';
    const before = (await page.locator(sel).textContent()) ?? '';
    await ex.getByLabel('Decode batch size').fill('512');
    await textChanges(page, sel, before);
    await expect(page.locator(sel).textContent()).resolves.toMatch(/decode, batch 512/);
    expect(await ex.locator('[data-chart] svg').count()).toBeGreaterThan(0);
    await shot(page, 'explorer-roofline');
    await ex.getByLabel('Decode batch size').fill('0');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid=explorer-roofline] [data-error-for=batch]')?.textContent ?? '') !== '',
    );
    await expect(ex.locator('[data-error-for=batch]').textContent()).resolves.toMatch(/at least 1/);
    await expect(ex.getByLabel('Decode batch size').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(errors).toEqual([]);
  });
});

describe('model card calculator', () => {
  it('reads a catalog config, reports MoE experts, and names a missing field or broken JSON', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/frozen-model/model-card/`);
    const card = page.getByTestId('model-card');
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator('[data-report]').textContent()).resolves.toMatch(/8,030,261,248/);
    const sel = '[data-testid=model-card] [data-report]';
    const before = (await page.locator(sel).textContent()) ?? '';
    await card.getByLabel(/Start from a catalog model/).selectOption('mixtral-8x7b');
    await textChanges(page, sel, before);
    await expect(page.locator(sel).textContent()).resolves.toMatch(/8 per layer, 2 chosen per token/);
    await shot(page, 'model-card-mixtral');

    const area = card.getByRole('textbox', { name: 'config.json' });
    const text = await area.inputValue();
    await area.fill(text.replace(/"hidden_size":\s*\d+,?/, ''));
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=model-card] [data-config-issues]')?.textContent ?? '') !== '',
    );
    await expect(card.locator('[data-config-issues]').textContent()).resolves.toMatch(/hidden_size.*missing/);
    await expect(area.getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'model-card-missing-field');

    await area.fill('{ "model_type": "llama", ');
    await page.waitForFunction(() =>
      /not valid JSON/.test(document.querySelector('[data-testid=model-card] [data-config-issues]')?.textContent ?? ''),
    );
    expect(errors).toEqual([]);
  });
});

describe('more explorers', () => {
  const cases = [
    {
      path: '/physics/live-forward-pass/',
      kind: 'traffic',
      label: 'Batch size',
      value: '40',
      expect: /KV outweighs weights from/,
    },
    {
      path: '/physics/batching/',
      kind: 'batching',
      label: 'Context per sequence (tokens)',
      value: '32768',
      expect: /Largest batch that fits/,
    },
    {
      path: '/job/metrics/',
      kind: 'latency',
      label: 'Requests stuck behind a long prompt (%)',
      value: '10',
      expect: /Goodput/,
    },
  ];
  for (const c of cases) {
    it(`${c.kind}: redraws when a control changes, and names a bad value`, async () => {
      const { page, errors } = await watchedPage(ctx);
      await page.goto(`${base}${c.path}`);
      const ex = page.getByTestId(`explorer-${c.kind}`);
      await ex.scrollIntoViewIfNeeded();
      const sel = `[data-testid=explorer-${c.kind}] [data-readout]`;
      const before = (await page.locator(sel).textContent()) ?? '';
      await ex.getByLabel(c.label).fill(c.value);
      await textChanges(page, sel, before);
      await expect(page.locator(sel).textContent()).resolves.toMatch(c.expect);
      expect(await ex.locator('[data-chart] svg').count()).toBeGreaterThan(0);
      await shot(page, `explorer-${c.kind}`);
      await ex.getByLabel(c.label).fill('-5');
      await page.waitForFunction(
        (k) =>
          [...document.querySelectorAll(`[data-testid=explorer-${k}] [data-error-for]`)].some((e) => e.textContent),
        c.kind,
      );
      expect(errors).toEqual([]);
    });
  }
});

describe('glossary', () => {
  it('a chapter term link lands on its entry, which links back to the chapter that teaches it', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/prefill-and-decode/`);
    await page.locator('a[href="/glossary/#roofline"]').first().click();
    await page.waitForURL(/\/glossary\/#roofline$/);
    const entry = page.locator('#roofline');
    await expect(entry.locator('dfn').textContent()).resolves.toBe('Roofline');
    await expect(entry.locator('.taught a').getAttribute('href')).resolves.toBe('/physics/prefill-and-decode/');
    await shot(page, 'glossary-roofline');
    expect(errors).toEqual([]);
  });
});
