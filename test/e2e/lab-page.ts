// Driving a lab page the way a learner does: open it, replace the code, run, wait for the verdict.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const labFile = (id: string, file: 'solution.ts' | 'starter.ts' | 'wrong.ts') =>
  readFileSync(`labs/${id}/${file}`, 'utf8');

export async function openLab(page: Page, base: string, id: string): Promise<void> {
  await page.goto(`${base}/labs/${id}/`);
  await page.getByTestId('lab').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid=lab][data-ready=true]', { timeout: 30_000 });
  if ((await page.getByTestId('lab').getAttribute('data-editor')) === 'code')
    await page.waitForSelector('[data-testid=lab] [data-editor] .monaco-editor .view-lines');
}

/** Replace the whole content: select all and paste in Monaco, or fill the plain text box. */
export async function setCode(page: Page, code: string): Promise<void> {
  const lab = page.getByTestId('lab');
  if ((await lab.getAttribute('data-editor')) === 'plain') {
    await page.locator('[data-testid=lab] [data-plain-editor]').fill(code);
    return;
  }
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator('[data-testid=lab] [data-editor] .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  const lines = code.split('\n').length;
  await page.waitForFunction(
    (n) =>
      (document.querySelector('[data-testid=lab] [data-editor] .view-lines')?.childElementCount ?? 0) >
      Math.min(n, 20) - 2,
    lines,
  );
}

/** Monaco renders spaces as no-break spaces. */
export async function editorText(page: Page, which = '[data-editor]'): Promise<string> {
  const lab = page.getByTestId('lab');
  if (which === '[data-editor]' && (await lab.getAttribute('data-editor')) === 'plain')
    return page.locator('[data-testid=lab] [data-plain-editor]').inputValue();
  return ((await page.locator(`[data-testid=lab] ${which} .view-lines`).textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** Press Run and wait until the lab reports `expected` (pass, fail, timeout, type-errors, load-error). */
export async function runAndWait(page: Page, expected: string, timeout = 60_000): Promise<void> {
  await page.evaluate(() => {
    const lab = document.querySelector<HTMLElement>('[data-testid=lab]');
    if (lab) delete lab.dataset.result;
  });
  await page.getByRole('button', { name: 'Run tests' }).click();
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid=lab]')?.dataset.result !== undefined,
    undefined,
    { timeout },
  );
  const got = await page.getByTestId('lab').getAttribute('data-result');
  if (got !== expected) {
    const output = await page.locator('[data-testid=lab] [data-output]').textContent();
    throw new Error(`expected the lab to report "${expected}", got "${got}": ${output}`);
  }
}

export const output = (page: Page) => page.locator('[data-testid=lab] [data-output]').textContent();
export const status = (page: Page) => page.locator('[data-testid=lab] [data-status]').textContent();

/** The draft the page saved for a lab: the learner's whole code, whatever part of it the editor shows. */
export const draft = (page: Page, id: string) =>
  page.evaluate((key) => localStorage.getItem(key), `goodput:lab:${id}:draft:v1`);
