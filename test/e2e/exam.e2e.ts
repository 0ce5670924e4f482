import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

function verify(file: string) {
  const r = spawnSync(process.execPath, ['bin/goodput.mjs', 'grade', 'verify', file], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('the exam', () => {
  it('draws the full blueprint: thirty questions and a sixty-minute clock', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/exam/`);
    expect(await page.locator('table caption').first().textContent()).toMatch(/30 questions across \d+ topics/);
    await page.getByLabel(/Your name/).fill('Full Run');
    await page.getByRole('button', { name: 'Start the exam' }).click();
    await page.waitForSelector('gp-exam[data-stage=running]');
    expect(await page.getByTestId('exam-question').count()).toBe(30);
    await expect(page.locator('[data-clock]').textContent()).resolves.toMatch(/^(60:00|59:5\d)$/);
    await page.evaluate(() => localStorage.clear());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes a short exam with a visible timer, survives a reload, and issues a record the CLI verifies', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/exam/?blueprint=short`);
    const exam = page.getByTestId('exam');
    await expect(exam.locator('[data-practice]').isVisible()).resolves.toBe(true);
    // Starting without a name explains itself.
    await exam.getByRole('button', { name: 'Start the exam' }).click();
    await expect(exam.locator('[data-name-error]').textContent()).resolves.toMatch(/Type the name/);
    await exam.getByLabel(/Your name/).fill('Ada Lovelace');
    await exam.getByRole('button', { name: 'Start the exam' }).press('Enter');
    await page.waitForSelector('gp-exam[data-stage=running]');
    await expect(exam.locator('[data-clock]').textContent()).resolves.toMatch(/^(10:00|9:5\d)$/);
    expect(await exam.locator('[role=timer]').count()).toBe(1);

    const items = exam.getByTestId('exam-question');
    const n = await items.count();
    expect(n).toBe(5);
    const questions: Question[] = [];
    for (let i = 0; i < n; i++) questions.push(JSON.parse((await items.nth(i).getAttribute('data-question')) ?? '{}'));
    // Answer all but the last two before a reload; the first one deliberately wrong.
    for (let i = 0; i < n - 2; i++) {
      const q = questions[i] as Question;
      const ref = referenceAnswer(q);
      const answer =
        i === 0
          ? q.answer.kind === 'number'
            ? '1'
            : q.answer.kind === 'choice'
              ? (q.answer.options.find((o) => o.id !== ref)?.id ?? '')
              : ref.split(',').reverse().join(',')
          : ref;
      await answerQuestion(items.nth(i), q, answer);
    }
    await expect(exam.locator('[data-progress]').textContent()).resolves.toBe(`${n - 2} of ${n} answered`);
    await shot(page, 'exam-running');

    await page.reload();
    await page.waitForSelector('gp-exam[data-stage=running]');
    await expect(exam.locator('[data-progress]').textContent()).resolves.toBe(`${n - 2} of ${n} answered`);
    for (let i = n - 2; i < n; i++)
      await answerQuestion(items.nth(i), questions[i] as Question, referenceAnswer(questions[i] as Question));
    // No feedback before submitting.
    expect(await exam.locator('.verdict').count()).toBe(0);

    await exam.getByRole('button', { name: 'Submit answers' }).first().click();
    await page.waitForSelector('gp-exam[data-stage=done]');
    await expect(exam.locator('[data-result-summary]').textContent()).resolves.toMatch(
      /4 of 5 correctly \(80%\)\. That is a pass/,
    );
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-result-title'))).toBe(true);
    expect(await exam.locator('[data-review] > li[data-state=wrong]').count()).toBe(1);
    expect(await exam.locator('[data-review] details summary').first().textContent()).toBe('Worked solution');
    await shot(page, 'exam-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exam.getByRole('button', { name: /Download record/ }).click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'goodput-exam-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(record.name).toBe('Ada Lovelace');
    expect(record.answers).toHaveLength(5);

    const ok = verify(file);
    expect(ok.out).toMatch(/^VALID/);
    expect(ok.out).toMatch(/4 of 5 \(80%\) — pass/);
    expect(ok.code).toBe(0);

    const edited = structuredClone(record);
    edited.answers[0] = referenceAnswer(questions[0] as Question);
    const editedFile = join(dir, 'edited.json');
    writeFileSync(editedFile, JSON.stringify(edited));
    const bad = verify(editedFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^INVALID/);
    expect(bad.out).toMatch(/digest does not match/);

    const scoreEdited = structuredClone(record);
    scoreEdited.score.correct = 5;
    scoreEdited.score.percent = 100;
    writeFileSync(editedFile, JSON.stringify(scoreEdited));
    expect(verify(editedFile).out).toMatch(/^INVALID/);

    // The printable certificate re-verifies the same record in the browser.
    await page.goto(`${base}/certificate/`);
    await page.waitForSelector('gp-certificate[data-valid=true]');
    const cert = page.getByTestId('certificate');
    await expect(cert.locator('[data-name]').textContent()).resolves.toBe('Ada Lovelace');
    await expect(cert.locator('[data-heading]').textContent()).resolves.toBe('Practice exam record');
    await expect(cert.locator('[data-statement]').textContent()).resolves.toMatch(/not a proctored credential/);
    await page.emulateMedia({ media: 'print' });
    expect(await cert.locator('header').isVisible()).toBe(false);
    await shot(page, 'certificate-print');
    await page.emulateMedia({ media: 'screen' });
    // An edited file opened on the page is shown as not verifying.
    await cert.locator('[data-file]').setInputFiles({
      name: 'edited.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await page.waitForSelector('gp-certificate[data-valid=false]');
    await expect(cert.locator('[data-check]').textContent()).resolves.toMatch(/Does not verify/);
    expect(errors).toEqual([]);
  });
});
