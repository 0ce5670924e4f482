// The Labs page lists every lab in course order, links each to its page and chapter, and shows where the learner
// stands on each: passed (from the progress record), started (a saved draft) or not started.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LABS } from '../../labs/registry.ts';
import { launch, shot, watchedPage } from './browser.ts';
import { labFile, openLab, runAndWait, setCode } from './lab-page.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
});
afterAll(async () => {
  await ctx?.close();
});

describe('the Labs page', () => {
  it('lists every lab with a working link and its status from this browser', async () => {
    const { page, errors } = await watchedPage(ctx);
    await page.goto(`${base}/labs/`);
    await page.evaluate(() => {
      localStorage.setItem('goodput:lab:cost:draft:v1', '// started');
      localStorage.setItem(
        'goodput:progress',
        JSON.stringify({ version: 2, chapters: [], topics: {}, labs: ['speculative'], exams: [] }),
      );
    });
    await page.reload();
    const rows = page.locator('[data-testid=lab-list] tr[data-lab-row]');
    expect(await rows.count()).toBe(LABS.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.labRow))).toEqual(
      LABS.map((l) => l.manifest.id),
    );
    await expect(page.locator('tr[data-lab-row=cost] [data-status]').textContent()).resolves.toMatch(/Started/);
    await expect(page.locator('tr[data-lab-row=kv-bytes] [data-status]').textContent()).resolves.toMatch(/Not started/);
    await expect(page.locator('tr[data-lab-row=speculative] [data-status]').textContent()).resolves.toMatch(/Passed/);
    await expect(page.locator('[data-testid=lab-list] [data-summary]').textContent()).resolves.toMatch(
      new RegExp(`passed 1 of ${LABS.length} labs and started 1 more`),
    );
    await shot(page, 'labs-index');
    for (const lab of LABS) {
      const r = await page.request.get(`${base}/labs/${lab.manifest.id}/`);
      expect(r.status(), lab.manifest.id).toBe(200);
    }
    expect(errors).toEqual([]);
  });

  it('marks a lab passed once its hidden tests all pass', async () => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'speculative');
    await setCode(page, labFile('speculative', 'solution.ts'));
    await runAndWait(page, 'pass');
    await page.waitForFunction(() => (localStorage.getItem('goodput:progress') ?? '').includes('"speculative"'));
    await page.goto(`${base}/labs/`);
    await expect(page.locator('tr[data-lab-row=speculative] [data-status]').textContent()).resolves.toMatch(/Passed/);
  });
});
