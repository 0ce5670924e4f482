import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { referenceAnswer } from '../../graders/questions/bank.ts';
import type { Question } from '../../graders/questions/schema.ts';
import { answerQuestion } from './answer.ts';
import { launch, shot, watchedPage } from './browser.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
});
afterAll(async () => {
  await ctx?.close();
});

const topicRow = (topic: string) => `[data-testid=progress] tr[data-topic="${topic}"] td`;

describe('progress', () => {
  it('records a chapter and answers, survives a reload, and moves to a fresh profile by export and import', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/physics/memory-wall/`);
    const q = page.getByTestId('question').first();
    await q.scrollIntoViewIfNeeded();
    const question = JSON.parse((await q.getAttribute('data-question')) ?? '{}') as Question;
    await answerQuestion(q, question, referenceAnswer(question));
    await q.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=question]')?.getAttribute('data-state') === 'correct',
    );
    await answerQuestion(q, question, '1');
    await q.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=question]')?.getAttribute('data-state') === 'wrong',
    );
    await page.waitForFunction(() => (localStorage.getItem('goodput:progress') ?? '').includes('"answered":2'));

    await page.goto(`${base}/tools/progress/`);
    await page.waitForSelector('gp-progress[data-loaded=true]');
    const view = page.getByTestId('progress');
    await expect(view.locator('[data-summary]').textContent()).resolves.toMatch(/Chapters read: 1 of \d+/);
    await expect(page.locator(topicRow(question.topic)).first().textContent()).resolves.toBe('1 of 2');
    await page.reload();
    await page.waitForSelector('gp-progress[data-loaded=true]');
    await expect(page.locator(topicRow(question.topic)).first().textContent()).resolves.toBe('1 of 2');
    await shot(page, 'progress');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'goodput-progress-')), 'progress.json');
    await download.saveAs(file);

    const fresh = await launch();
    try {
      const other = await fresh.newPage();
      await other.goto(`${base}/tools/progress/`);
      await other.waitForSelector('gp-progress[data-loaded=true]');
      await expect(other.locator('[data-summary]').textContent()).resolves.toMatch(/Chapters read: 0/);
      await other.locator('[data-import]').setInputFiles(file);
      await other.waitForFunction(() =>
        /Imported progress/.test(document.querySelector('[data-status]')?.textContent ?? ''),
      );
      await expect(other.locator('[data-summary]').textContent()).resolves.toMatch(/Chapters read: 1 of/);
      await expect(other.locator(topicRow(question.topic)).first().textContent()).resolves.toBe('1 of 2');
      // A file that is not an export is refused with a reason and changes nothing.
      await other
        .locator('[data-import]')
        .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
      await other.waitForFunction(() =>
        /not a Goodput progress export/.test(document.querySelector('[data-status]')?.textContent ?? ''),
      );
      await expect(other.locator(topicRow(question.topic)).first().textContent()).resolves.toBe('1 of 2');
    } finally {
      await fresh.close();
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts a lab as passed once its hidden tests all pass', async () => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/labs/decode-ceiling/`);
    await page.getByTestId('lab').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid=lab][data-ready=true]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=lab] .monaco-editor .view-lines');
    const solution = readFileSync('labs/decode-ceiling/solution.ts', 'utf8');
    await page.evaluate((text) => navigator.clipboard.writeText(text), solution);
    await page.locator('[data-testid=lab] [data-editor] .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.getByRole('button', { name: 'Run tests' }).click();
    await page.waitForSelector('[data-testid=lab][data-result=pass]', { timeout: 30_000 });
    await page.waitForFunction(() => (localStorage.getItem('goodput:progress') ?? '').includes('"decode-ceiling"'));
    await page.goto(`${base}/tools/progress/`);
    await page.waitForSelector('gp-progress[data-loaded=true]');
    await expect(page.locator('[data-summary]').textContent()).resolves.toMatch(/Labs passed: 1 of \d+/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets aside a corrupted store with a message instead of crashing, on the progress page and on a chapter', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/tools/progress/`);
    await page.evaluate(() => localStorage.setItem('goodput:progress', '{"version":1,"chapters":[oops'));
    await page.reload();
    await page.waitForSelector('gp-progress[data-loaded=true]');
    const notice = page.locator('[data-testid=progress] [data-notice]');
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(notice.textContent()).resolves.toMatch(/could not be read because it is not valid JSON/);
    await expect(page.locator('[data-summary]').textContent()).resolves.toMatch(/Chapters read: 0/);
    await shot(page, 'progress-set-aside');
    await notice.getByRole('button', { name: 'Discard it' }).first().click();
    await expect(notice.isVisible()).resolves.toBe(false);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('set-aside')))).toEqual([]);

    // Foreign data met first by a self-check: the answer is still graded and recorded afresh.
    await page.evaluate(() => localStorage.setItem('goodput:progress', '{"someone":"else"}'));
    await page.goto(`${base}/physics/memory-wall/`);
    const q = page.getByTestId('question').first();
    await q.scrollIntoViewIfNeeded();
    const question = JSON.parse((await q.getAttribute('data-question')) ?? '{}') as Question;
    await answerQuestion(q, question, referenceAnswer(question));
    await q.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=question]')?.getAttribute('data-state') === 'correct',
    );
    const sc = page.getByTestId('self-check').first();
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid=self-check] [data-notice]') as HTMLElement).hidden,
    );
    await expect(sc.locator('[data-notice]').textContent()).resolves.toMatch(/not Goodput progress/);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('goodput:progress') ?? '{}'));
    expect(stored.version).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
