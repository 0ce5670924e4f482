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

/** A wrong answer of the right kind. */
function wrong(q: Question): string {
  const ref = referenceAnswer(q);
  if (q.answer.kind === 'number') return '0.000001';
  if (q.answer.kind === 'choice') return q.answer.options.find((o) => o.id !== ref)?.id ?? '';
  return ref.split(',').reverse().join(',');
}

describe('the interview drill', () => {
  it('times each question, grades as it goes, and ends with a summary by topic', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.clock.install();
    await page.goto(`${base}/tools/drill/`);
    const drill = page.getByTestId('drill');
    const card = drill.locator('[data-stage=question]');
    await drill.getByRole('button', { name: 'Start the drill' }).click();
    await page.waitForSelector('gp-drill[data-state=asking]');
    await expect(drill.locator('[data-clock]').textContent()).resolves.toMatch(/^\d:\d\d$/);

    // Question 1 runs out of time, and focus moves to "Next".
    await page.clock.fastForward(95_000);
    await page.waitForSelector('gp-drill[data-state=wrong]');
    await expect(drill.locator('[data-feedback]').textContent()).resolves.toMatch(/Time is up/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('next');

    for (let i = 1; i < 10; i++) {
      await page.keyboard.press('Enter');
      await page.waitForSelector('gp-drill[data-state=asking]');
      await expect(drill.locator('[data-count]').textContent()).resolves.toBe(`Question ${i + 1} of 10`);
      const q = JSON.parse((await card.getAttribute('data-question')) ?? '{}') as Question;
      if (i === 2) {
        await drill.getByRole('button', { name: 'Skip' }).click();
      } else {
        await answerQuestion(card, q, i === 1 ? wrong(q) : referenceAnswer(q));
        await drill.getByRole('button', { name: 'Answer' }).click();
      }
      await page.waitForSelector(`gp-drill[data-state=${i <= 2 ? 'wrong' : 'correct'}]`);
      if (i === 3) await shot(page, 'drill-question');
    }
    await drill.getByRole('button', { name: 'See the summary' }).click();
    await page.waitForSelector('gp-drill[data-stage=summary]');
    await expect(drill.locator('[data-summary]').textContent()).resolves.toMatch(/^7 of 10 correct.*1 ran out of time/);
    expect(await drill.locator('[data-by-topic] tr').count()).toBeGreaterThan(1);
    expect(await drill.locator('[data-review] a').count()).toBeGreaterThan(0);
    await shot(page, 'drill-summary');
    // Every answer counted toward progress.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('goodput:progress') ?? '{}'));
    const answered = Object.values(stored.topics as Record<string, { answered: number }>).reduce(
      (s, t) => s + t.answered,
      0,
    );
    expect(answered).toBe(10);
    expect(errors).toEqual([]);
  });
});
