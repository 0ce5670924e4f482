// The labs in Chromium: for a numeric lab, a simulator-graded lab and a diagnostic lab, solve it by typing the
// solution, see the wrong solution's message, hit the time limit, and find the draft after a reload.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LABS } from '../../labs/registry.ts';
import { launch, shot, watchedPage } from './browser.ts';
import { draft, editorText, labFile, openLab, output, runAndWait, setCode, status } from './lab-page.ts';

const base = inject('baseURL');
let ctx: BrowserContext;

beforeAll(async () => {
  ctx = await launch();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
});
afterAll(async () => {
  await ctx?.close();
});

/** A line to put an endless loop in: right after the opening brace of an exported function. */
const LOOP_AFTER: Record<string, string> = {
  'kv-bytes': 'export function kvHeads(config: ModelConfig): number {',
  scheduler: 'schedule(ctx: StepContext): void {',
  'diagnose-layer': 'export function diagnose(o: Observations): { layer: LayerId; fix: Fix } {',
};

const WRONG_MESSAGE: Record<string, RegExp> = {
  'kv-bytes': /KV heads \(num_key_value_heads\)/,
  scheduler: /preempt the newest running sequence/,
  'diagnose-layer': /router's decision/,
};

describe.each([
  ['kv-bytes', 'numeric'],
  ['scheduler', 'simulator'],
  ['diagnose-layer', 'diagnostic'],
])('lab %s (%s)', (id, kind) => {
  it('the starter fails; the typed solution passes every hidden test', async () => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page, base, id);
    await runAndWait(page, 'fail');
    await setCode(page, labFile(id, 'solution.ts'));
    await runAndWait(page, 'pass');
    expect(await page.locator('[data-testid=lab] [data-output] li').count()).toBeGreaterThanOrEqual(
      kind === 'simulator' ? 3 : 4,
    );
    if (kind === 'simulator') {
      // Every outcome is shown beside the baseline's.
      const tables = page.locator('[data-testid=lab] [data-output] table.comparison');
      expect(await tables.count()).toBe(3);
      await expect(tables.first().textContent()).resolves.toMatch(/goodput.*req\/s.*req\/s/);
    }
    expect(await page.locator('[data-testid=lab] [data-output] li[data-passed=false]').count()).toBe(0);
    await expect(status(page)).resolves.toMatch(/tests passed\. Well done/);
    await page.locator('[data-testid=lab] [data-output]').scrollIntoViewIfNeeded();
    await shot(page, `lab-${id}-passing`);
    expect(errors).toEqual([]);
  });

  it('the deliberately wrong solution fails with the message its lab promises', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, id);
    await setCode(page, labFile(id, 'wrong.ts'));
    await runAndWait(page, 'fail');
    const text = (await output(page)) ?? '';
    expect(text).toMatch(WRONG_MESSAGE[id] as RegExp);
    await shot(page, `lab-${id}-wrong`);
  });

  it('stops an endless loop at the time limit, and the next run works', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, id);
    const anchor = LOOP_AFTER[id] as string;
    const solution = labFile(id, 'solution.ts');
    expect(solution).toContain(anchor);
    await setCode(page, solution.replace(anchor, `${anchor}\n  while (Date.now() > 0) {}`));
    const started = Date.now();
    await runAndWait(page, 'timeout');
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect(output(page)).resolves.toMatch(/did not finish within this lab's time limit/);
    await shot(page, `lab-${id}-timeout`);
    await setCode(page, solution);
    await runAndWait(page, 'pass');
  });

  it('keeps the draft across a reload', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, id);
    const marker = `// my draft ${Date.now()}`;
    await setCode(page, `${marker}\n${labFile(id, 'starter.ts')}`);
    await page.reload();
    await openLab(page, base, id);
    await expect(status(page)).resolves.toMatch(/draft was restored/);
    expect(await editorText(page)).toContain(marker);
  });
});

describe('the decode-ceiling lab', () => {
  const solution = labFile('decode-ceiling', 'solution.ts');

  it('shows type errors and refuses to run until they are fixed', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'decode-ceiling');
    await setCode(page, solution.replace('return input.weightBytes +', 'return input.weightBites +'));
    await page.waitForSelector('[data-testid=lab] .squiggly-error', { timeout: 15_000 });
    await runAndWait(page, 'type-errors');
    await expect(output(page)).resolves.toMatch(/Line \d+, column \d+: .*weightBites/);
    await shot(page, 'lab-type-error');
  });

  it('points a runtime error at the line of TypeScript that threw, and shows console output', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'decode-ceiling');
    const code = solution.replace(
      'return peakFlopsPerSecond / bandwidthBytesPerSecond;',
      "console.log('ridge inputs', peakFlopsPerSecond > 0);\n  if (peakFlopsPerSecond > 0) throw new RangeError('not yet');\n  return peakFlopsPerSecond / bandwidthBytesPerSecond;",
    );
    const line = code.split('\n').findIndex((l) => l.includes("throw new RangeError('not yet')")) + 1;
    await setCode(page, code);
    await runAndWait(page, 'fail');
    const text = (await output(page)) ?? '';
    expect(text).toContain(`Line ${line} of your code: Your code threw: RangeError: not yet`);
    expect(text).toMatch(/Console output:\s*ridge inputs true/);
    await shot(page, 'lab-runtime-error');
  });

  it('reveals hints one at a time, shows the solution beside the code, and asks before resetting', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'decode-ceiling');
    const marker = `// mine ${Date.now()}`;
    await setCode(page, `${marker}\n${solution}`);
    await page.getByRole('button', { name: 'Show a hint' }).click();
    expect(await page.locator('[data-testid=lab] [data-hints] li').count()).toBe(1);
    await page.getByRole('button', { name: /Show hint 2/ }).click();
    expect(await page.locator('[data-testid=lab] [data-hints] li').count()).toBe(2);
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.waitForSelector('[data-testid=lab] [data-solution-editor] .view-lines');
    expect(await draft(page, 'decode-ceiling')).toContain(marker);
    expect(await editorText(page, '[data-solution-editor]')).toContain('export function ridgePoint');
    await shot(page, 'lab-solution-side-by-side');
    // Declining the question keeps the code; accepting it brings the starter back.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    expect(await draft(page, 'decode-ceiling')).toContain(marker);
    page.once('dialog', (d) => {
      expect(d.message()).toMatch(/Replace your code with the starter/);
      void d.accept();
    });
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await expect(status(page)).resolves.toMatch(/Reset to the starter/);
    expect(await draft(page, 'decode-ceiling')).toBe(labFile('decode-ceiling', 'starter.ts'));
  });
});

describe('every lab in the browser', () => {
  it.each(LABS.map((l) => l.manifest.id))('%s: its reference solution passes within the time limit', async (id) => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page, base, id);
    await setCode(page, labFile(id, 'solution.ts'));
    const started = Date.now();
    await runAndWait(page, 'pass');
    const testsMs = await page
      .locator('[data-testid=lab] [data-output] [data-duration-ms]')
      .getAttribute('data-duration-ms');
    console.log(`lab ${id}: hidden tests ${testsMs} ms; with type-check and worker start ${Date.now() - started} ms`);
    expect(errors).toEqual([]);
  });
});

describe('a lab that imports from goodput', () => {
  it('runs the learner’s imports of the engine and passes', async () => {
    const { page, errors } = await watchedPage(ctx);
    await openLab(page, base, 'stage-attribution');
    const solution = labFile('stage-attribution', 'solution.ts');
    expect(solution).toMatch(/from 'goodput'/);
    await setCode(page, solution);
    await runAndWait(page, 'pass');
    expect(errors).toEqual([]);
  });

  it('gives the editor the simulator’s types, so a wrong field is a type error', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'scheduler');
    await setCode(page, labFile('scheduler', 'solution.ts').replace('ctx.tokensWanted(seq)', 'seq.tokensLeft'));
    await runAndWait(page, 'type-errors');
    await expect(output(page)).resolves.toMatch(/Property 'tokensLeft' does not exist on type 'Seq'/);
  });

  it('gives a type error for a name the lab does not allow', async () => {
    const { page } = await watchedPage(ctx);
    await openLab(page, base, 'stage-attribution');
    await setCode(
      page,
      labFile('stage-attribution', 'solution.ts').replace(
        'import { mean, percentile }',
        'import { mean, percentile, vllmCapacity }',
      ),
    );
    await runAndWait(page, 'type-errors');
    await expect(output(page)).resolves.toMatch(/vllmCapacity/);
  });
});
