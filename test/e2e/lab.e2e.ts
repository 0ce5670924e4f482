import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, shot, watchedPage } from './browser.ts';

const base = inject('baseURL');
const solution = readFileSync('labs/decode-ceiling/solution.ts', 'utf8');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
});
afterAll(async () => {
  await ctx?.close();
});

async function openLab(page: Page) {
  await page.goto(`${base}/labs/decode-ceiling/`);
  const lab = page.getByTestId('lab');
  await lab.scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid=lab][data-ready=true]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid=lab] .monaco-editor .view-lines');
  return lab;
}

/** Replace the editor's whole content the way a learner does: select all, paste. */
async function typeCode(page: Page, code: string) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator('[data-testid=lab] [data-editor] .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction(
    (n) =>
      (document.querySelector('[data-testid=lab] [data-editor] .view-lines')?.childElementCount ?? 0) >
      Math.min(n, 20) - 2,
    code.split('\n').length,
  );
}

/** Monaco renders spaces as no-break spaces. */
const editorText = async (page: Page, which = '[data-editor]') =>
  ((await page.locator(`[data-testid=lab] ${which} .view-lines`).textContent()) ?? '').replace(/\u00a0/g, ' ');

async function runAndWait(page: Page, expected: string) {
  await page.evaluate(() => {
    const lab = document.querySelector<HTMLElement>('[data-testid=lab]');
    if (lab) delete lab.dataset.result;
  });
  await page.getByRole('button', { name: 'Run tests' }).click();
  await page.waitForFunction(
    (r) => document.querySelector<HTMLElement>('[data-testid=lab]')?.dataset.result === r,
    expected,
    {
      timeout: 30_000,
    },
  );
}

describe('the decode-ceiling lab', () => {
  it('starter fails the hidden tests; the typed solution passes them all', async () => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page);
    await runAndWait(page, 'fail');
    await typeCode(page, solution);
    await runAndWait(page, 'pass');
    const items = page.locator('[data-testid=lab] [data-output] li');
    expect(await items.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid=lab] [data-output] li[data-passed=false]').count()).toBe(0);
    await shot(page, 'lab-passing');
    expect(errors).toEqual([]);
  });

  it('shows type errors inline and refuses to run until they are fixed', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page);
    await typeCode(page, solution.replace('return input.weightBytes +', 'return input.weightBites +'));
    await page.waitForSelector('[data-testid=lab] .squiggly-error', { timeout: 15_000 });
    await runAndWait(page, 'type-errors');
    await expect(page.locator('[data-testid=lab] [data-output]').textContent()).resolves.toMatch(/weightBites/);
    await shot(page, 'lab-type-error');
  });

  it('stops an endless loop at the time limit and keeps the page working', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page);
    await typeCode(
      page,
      solution
        .replace('export function ridgePoint(', 'export function ridgePoint(\n')
        .replace(
          'return peakFlopsPerSecond / bandwidthBytesPerSecond;',
          'while (true) {}\n  return peakFlopsPerSecond / bandwidthBytesPerSecond;',
        ),
    );
    const started = Date.now();
    await runAndWait(page, 'timeout');
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(page.locator('[data-testid=lab] [data-output]').textContent()).resolves.toMatch(
      /did not finish within/,
    );
    await shot(page, 'lab-timeout');
    // The page still responds and the next run works.
    await typeCode(page, solution);
    await runAndWait(page, 'pass');
  });

  it('restores the draft on reload, reveals hints one at a time, and shows the solution beside the code', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page);
    const marker = `// my draft ${Date.now()}`;
    await typeCode(page, `${marker}\n${solution}`);
    await page.reload();
    await openLab(page);
    await expect(page.locator('[data-testid=lab] [data-status]').textContent()).resolves.toMatch(/draft was restored/);
    expect(await editorText(page)).toContain('my draft');
    await page.getByRole('button', { name: 'Show a hint' }).click();
    expect(await page.locator('[data-testid=lab] [data-hints] li').count()).toBe(1);
    await page.getByRole('button', { name: /Show hint 2/ }).click();
    expect(await page.locator('[data-testid=lab] [data-hints] li').count()).toBe(2);
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.waitForSelector('[data-testid=lab] [data-solution-editor] .view-lines');
    // The learner's code is untouched by the solution view.
    expect(await editorText(page)).toContain('my draft');
    await shot(page, 'lab-solution-side-by-side');
  });
});
