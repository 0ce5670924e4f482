// Part 5's islands in Chromium: the cheat-sheet chooser, the speculative calculator, a predict-then-reveal and a
// simulator comparison on a chapter page — each answers input, explains bad input, and works from the keyboard.
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

describe('cheat-sheet chooser', () => {
  it('starts with a prompt, shows only the chosen card, and carries the correction for an inverted row', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/serving/cheat-sheet/`);
    const chooser = page.getByTestId('cheat-sheet-chooser');
    await chooser.scrollIntoViewIfNeeded();
    await expect(chooser.locator('[data-prompt]').isVisible()).resolves.toBe(true);
    await expect(chooser.locator('[data-row]:visible').count()).resolves.toBe(0);

    await chooser.getByLabel(/Throughput per GPU is too low for the bill/).check();
    const card = chooser.locator('[data-row="low-throughput"]');
    await expect(card.isVisible()).resolves.toBe(true);
    await expect(chooser.locator('[data-row]:visible').count()).resolves.toBe(1);
    await expect(card.textContent()).resolves.toMatch(/not speculative decoding/);
    await expect(card.locator('.correction').textContent()).resolves.toMatch(/Low throughput, latency OK/);
    await expect(card.textContent()).resolves.toMatch(/tokens\/s/);
    await shot(page, 'cheat-sheet-chooser');

    // Keyboard: arrow keys move the radio selection within its group and the card follows.
    await chooser.getByLabel(/The model’s weights, plus room/).focus();
    await page.keyboard.press('Space');
    await expect(chooser.locator('[data-row="does-not-fit-gpu"]').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect(chooser.locator('[data-row="does-not-fit-node"]').isVisible()).resolves.toBe(true);
    await expect(chooser.locator('[data-row="does-not-fit-gpu"]').isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('speculative calculator', () => {
  it('recomputes in the worker and names a bad field', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/serving/speculative-decoding/`);
    const calc = page.getByTestId('speculative-calculator');
    await calc.scrollIntoViewIfNeeded();
    const result = calc.locator('[data-result]');
    await calc.getByLabel(/Acceptance rate/).fill('0.1');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=speculative-calculator] [data-result]')?.getAttribute('data-verdict') ===
        'loses',
    );
    await expect(result.textContent()).resolves.toMatch(/Speculation loses/);
    await calc.getByLabel(/Acceptance rate/).fill('0.9');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=speculative-calculator] [data-result]')?.getAttribute('data-verdict') ===
        'pays',
    );
    await shot(page, 'speculative-calculator');
    await calc.getByLabel(/Draft tokens per step/).fill('0');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid=speculative-calculator] [data-error-for=draftTokens]')?.textContent ??
          '') !== '',
    );
    await expect(calc.locator('[data-error-for=draftTokens]').textContent()).resolves.toMatch(/at least 1/);
    await expect(calc.getByLabel(/Draft tokens per step/).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(errors).toEqual([]);
  });
});

describe('predict, then reveal', () => {
  it('asks for a prediction first, then says whether it held and opens the answer', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/serving/parallelism/`);
    const box = page.getByTestId('predict-tp-vs-dp');
    await box.scrollIntoViewIfNeeded();
    await box.getByRole('button', { name: 'Reveal' }).click();
    await expect(box.locator('[data-hint]').textContent()).resolves.toMatch(/Pick one first/);
    await expect(box.locator('details').getAttribute('open')).resolves.toBeNull();
    await box.getByLabel(/B: two replicas/).check();
    await box.getByRole('button', { name: 'Reveal' }).click();
    await expect(box.locator('details').getAttribute('open')).resolves.not.toBeNull();
    await expect(box.locator('[data-verdict]').textContent()).resolves.toMatch(
      /^Not what you predicted\. Simulated median TPOT/,
    );
    await shot(page, 'predict-tp-vs-dp');
    expect(errors).toEqual([]);
  });

  it('a simulator comparison on a chapter page reveals the effect the chapter claims', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/serving/chunked-prefill/`);
    const sim = page.locator('[data-testid=sim-compare][data-preset=chunked-prefill-burst]');
    await sim.scrollIntoViewIfNeeded();
    await expect(sim.getAttribute('data-outcome')).resolves.toBe('lower');
    await sim.getByLabel('goes down').check();
    await sim.getByRole('button', { name: /Reveal/ }).click();
    await expect(sim.locator('[data-verdict]').textContent()).resolves.toMatch(/^Your prediction holds/);
    await shot(page, 'sim-compare-chunked-prefill');
    expect(errors).toEqual([]);
  });
});
