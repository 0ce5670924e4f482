// The runner cannot touch the page: learner code that reaches for the DOM, storage, the network or loops forever
// gets a clear error or the time limit, and the page goes on working. Also: the plain text box on touch devices.
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM, launch, shot, watchedPage } from './browser.ts';
import { draft, labFile, openLab, output, runAndWait, setCode, status } from './lab-page.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
});
afterAll(async () => {
  await ctx?.close();
});

const solution = labFile('percentiles-goodput', 'solution.ts');
/** The solution with `code` run at the start of `percentile`, where every test reaches it. */
const withProbe = (code: string) =>
  solution.replace(
    'export function percentile(values: readonly number[], p: number): number {',
    `export function percentile(values: readonly number[], p: number): number {\n  ${code}`,
  );

describe('the lab sandbox', () => {
  it('refuses `document` before running, saying why', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'percentiles-goodput');
    const title = await page.title();
    await setCode(page, withProbe("document.title = 'pwned';"));
    await runAndWait(page, 'type-errors');
    await expect(output(page)).resolves.toMatch(/Cannot find name 'document'\. Lab code runs in a sandboxed worker/);
    expect(await page.title()).toBe(title);
  });

  it('stops code that reaches the page’s storage anyway, and leaves the storage alone', async () => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page, base, 'percentiles-goodput');
    await page.evaluate(() => localStorage.setItem('goodput:sandbox-probe', 'untouched'));
    const code = withProbe("(globalThis as any).localStorage.setItem('goodput:sandbox-probe', 'pwned');");
    const line = code.split('\n').findIndex((l) => l.includes('sandbox-probe')) + 1;
    await setCode(page, code);
    await runAndWait(page, 'fail');
    const text = (await output(page)) ?? '';
    expect(text).toMatch(
      /Your code threw: ReferenceError: `localStorage` is not available\. Lab code runs in a sandboxed worker/,
    );
    expect(text).toContain(`Line ${line} of your code`);
    expect(await page.evaluate(() => localStorage.getItem('goodput:sandbox-probe'))).toBe('untouched');
    await shot(page, 'lab-sandbox-storage');
    expect(errors).toEqual([]);
  });

  it('stops the network, IndexedDB and new workers with the same explanation', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'percentiles-goodput');
    for (const [probe, name] of [
      ["void (self as any).fetch('/');", 'fetch'],
      ["(self as any).indexedDB.open('x');", 'indexedDB'],
      ["new (self as any).Worker('x.js');", 'Worker'],
    ] as const) {
      await setCode(page, withProbe(probe));
      await runAndWait(page, 'fail');
      await expect(output(page)).resolves.toContain(`\`${name}\` is not available`);
    }
  });

  it('stops a module that never finishes loading at the time limit, and the page keeps working', async () => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page, base, 'percentiles-goodput');
    await setCode(page, `while (Date.now() > 0) {}\n${solution}`);
    const started = Date.now();
    await runAndWait(page, 'timeout');
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect(status(page)).resolves.toMatch(/Time limit of 2 s reached/);
    // The page still answers: a hint opens, the draft was saved, and a correct run passes.
    await page.getByRole('button', { name: 'Show a hint' }).click();
    expect(await page.locator('[data-testid=lab] [data-hints] li').count()).toBe(1);
    expect(await draft(page, 'percentiles-goodput')).toContain('while (Date.now() > 0) {}');
    await setCode(page, solution);
    await runAndWait(page, 'pass');
    expect(errors).toEqual([]);
  });

  it('refuses an import of anything but goodput', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'percentiles-goodput');
    await setCode(page, `import 'https://example.com/evil.js';\n${solution}`);
    await runAndWait(page, 'load-error');
    await expect(output(page)).resolves.toMatch(
      /can import only from 'goodput', but line 1 imports 'https:\/\/example\.com\/evil\.js'/,
    );
  });
});

describe('on a touch device', () => {
  let touch: BrowserContext;
  beforeAll(async () => {
    touch = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 412, height: 915 },
      hasTouch: true,
      isMobile: true,
    });
  });
  afterAll(async () => {
    await touch?.close();
  });

  it('offers a plain text box that still type-checks, runs and saves the draft', async () => {
    const page = await touch.newPage();
    await openLab(page, base, 'cost');
    expect(await page.getByTestId('lab').getAttribute('data-editor')).toBe('plain');
    expect(await page.locator('[data-testid=lab] .monaco-editor').count()).toBe(0);
    await setCode(page, labFile('cost', 'solution.ts').replace('const perSecond', 'const perSecond: string'));
    await runAndWait(page, 'type-errors');
    await setCode(page, labFile('cost', 'solution.ts'));
    await runAndWait(page, 'pass');
    await shot(page, 'lab-touch-plain-editor');
    expect(await draft(page, 'cost')).toBe(labFile('cost', 'solution.ts'));
    await page.getByRole('button', { name: 'Show solution' }).click();
    await expect(page.locator('[data-testid=lab] [data-solution-editor] pre').textContent()).resolves.toContain(
      'export function requestCost',
    );
  });
});
