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

describe('the memory-wall chapter', () => {
  it('renders prose, math and the calculator without console errors', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/memory-wall/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('The memory wall');
    expect(await page.locator('.katex').count()).toBeGreaterThan(3);
    await shot(page, 'chapter-memory-wall');
    expect(errors).toEqual([]);
  });

  it('calculator: recomputes in the worker, flags a model that does not fit, and explains bad input', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/memory-wall/`);
    const calc = page.getByTestId('decode-calculator');
    await calc.scrollIntoViewIfNeeded();
    await expect(calc.locator('[data-fit]').getAttribute('data-fit')).resolves.toBe('yes');
    await calc.getByLabel('GPU').selectOption('rtx-4090');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=decode-calculator] [data-fit]')?.getAttribute('data-fit') === 'no',
    );
    await expect(calc.locator('.fit').textContent()).resolves.toMatch(/do not fit/);
    await calc.getByLabel('GPU').selectOption('h200');
    await calc.getByLabel('Batch size').fill('8');
    await page.waitForFunction(() =>
      /tokens\/s \(/.test(document.querySelector('[data-testid=decode-calculator] dl')?.textContent ?? ''),
    );
    await shot(page, 'calculator-result');
    await calc.getByLabel('Batch size').fill('0');
    const err = calc.locator('[data-error-for=batch]');
    await page.waitForFunction(() => (document.querySelector('[data-error-for=batch]')?.textContent ?? '').length > 0);
    await expect(err.textContent()).resolves.toMatch(/at least 1/);
    await expect(calc.getByLabel('Batch size').getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(page, 'calculator-bad-input');
    expect(errors).toEqual([]);
  });

  it('self-check: grades a right and a wrong answer with a worked solution, and draws new numbers', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/memory-wall/`);
    const q = page.getByTestId('question').first();
    await q.scrollIntoViewIfNeeded();
    const question = JSON.parse((await q.getAttribute('data-question')) ?? '{}');
    // The page never holds the answer; compute it here with the same engine the grader uses.
    const { referenceAnswer } = await import('../../graders/questions/bank.ts');
    await q.locator('input').fill('1');
    await q.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=question]')?.getAttribute('data-state') === 'wrong',
    );
    await expect(q.locator('[data-feedback]').textContent()).resolves.toMatch(/Not quite|Unit slip/);
    await expect(q.locator('details summary').textContent()).resolves.toBe('Worked solution');
    await q.locator('input').fill(referenceAnswer(question));
    await q.locator('input').press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=question]')?.getAttribute('data-state') === 'correct',
    );
    await shot(page, 'self-check-graded');
    const before = await q.locator('.q').textContent();
    for (let i = 0; i < 5; i++) {
      await q.getByRole('button', { name: 'New numbers' }).click();
      await page.waitForTimeout(150);
      if ((await q.locator('.q').textContent()) !== before) break;
    }
    expect(await q.locator('.q').textContent()).not.toBe(before);
    expect(await q.getAttribute('data-state')).toBeNull();
    expect(errors).toEqual([]);
  });
});
