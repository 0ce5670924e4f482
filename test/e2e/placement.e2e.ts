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

describe('the placement check', () => {
  it('grades numbers and choices, links missed topics to chapters, and ends with a reading list', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/job/placement/`);
    const check = page.getByTestId('self-check');
    const items = check.getByTestId('question');
    const n = await items.count();
    expect(n).toBe(8);
    const kinds = new Set<string>();
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      const q = JSON.parse((await item.getAttribute('data-question')) ?? '{}') as Question;
      kinds.add(q.answer.kind);
      const ref = referenceAnswer(q);
      let answer = ref;
      if (i === 0) {
        // Miss the first one on purpose.
        answer = q.answer.kind === 'choice' ? (q.answer.options.find((o) => o.id !== ref)?.id ?? '') : '1';
      }
      if (q.answer.kind === 'choice' && i === 3) {
        // Keyboard only: focus the radio group, arrow to the right option, Enter submits the form.
        await item.locator('input[type=radio]').first().focus();
        const ids = q.answer.options.map((o) => o.id);
        for (let k = 0; k < ids.indexOf(answer); k++) await page.keyboard.press('ArrowDown');
        if (ids.indexOf(answer) === 0) await page.keyboard.press('Space');
        await page.keyboard.press('Enter');
      } else {
        await answerQuestion(item, q, answer);
        await item.getByRole('button', { name: 'Check' }).click();
      }
      await page.waitForFunction(
        ([idx, state]) =>
          document.querySelectorAll('[data-testid=question]')[idx as number]?.getAttribute('data-state') === state,
        [i, i === 0 ? 'wrong' : 'correct'],
      );
      const feedback = item.locator('[data-feedback]');
      if (q.answer.kind === 'choice')
        expect(await feedback.locator('.gp-explanations li').count()).toBe(q.answer.options.length);
      if (i === 0) {
        const link = feedback.locator('.gp-study a');
        expect(await link.count()).toBe(1);
        expect(await link.getAttribute('href')).toMatch(/^\/[a-z-]+\/[a-z-]+\/$/);
      }
    }
    expect([...kinds].sort()).toEqual(['choice', 'number']);
    await expect(check.locator('[data-score]').textContent()).resolves.toBe('7 of 8 answered correctly.');
    const reading = check.locator('[data-reading]');
    await expect(reading.isVisible()).resolves.toBe(true);
    expect(await reading.locator('a').count()).toBe(1);
    await shot(page, 'placement-done');
    expect(errors).toEqual([]);
  });

  it('orders items with the arrow buttons from the keyboard and announces each move', async () => {
    const { page, errors } = await watchedPage(ctx);
    // The short exam always includes an ordering question.
    await page.goto(`${base}/exam/?blueprint=short`);
    await page.getByLabel(/Your name/).fill('Keyboard User');
    await page.getByRole('button', { name: 'Start the exam' }).click();
    await page.waitForSelector('gp-exam[data-stage=running]');
    const order = page
      .locator('[data-testid=exam-question]')
      .filter({ has: page.locator('.gp-order') })
      .first();
    const second = order.locator('.gp-order li').nth(1);
    const label = await second.locator('.gp-item-label').textContent();
    await second.locator('button[data-move=up]').focus();
    await page.keyboard.press('Enter');
    await expect(order.locator('.gp-order li').first().locator('.gp-item-label').textContent()).resolves.toBe(label);
    await expect(order.locator('[data-order-status]').textContent()).resolves.toMatch(/moved to position 1 of \d+/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('up');
    expect(errors).toEqual([]);
  });
});
