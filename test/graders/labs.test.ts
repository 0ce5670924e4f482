import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLab, type LabFile } from '../../graders/labs/check.ts';
import { fn, runLabTests } from '../../graders/labs/harness.ts';
import { importedModules } from '../../graders/labs/imports.ts';
import * as labApi from '../../labs/api/goodput.ts';
import { LABS } from '../../labs/registry.ts';
import { OUTLINE } from '../../src/course/outline.ts';

async function load(id: string, file: LabFile) {
  return (await import(/* @vite-ignore */ new URL(`../../labs/${id}/${file}`, import.meta.url).href)) as Record<
    string,
    unknown
  >;
}

/** The page draws a fresh seed per run, so a lab must hold for any seed, not just the checker's. */
const SEEDS = [1, 2, 3, 97, 65_537];

describe('goodput labs check', () => {
  it('runs in Node as part of npm test and reports every lab holding', () => {
    const out = execFileSync(process.execPath, ['bin/goodput.mjs', 'labs', 'check', '--json'], { encoding: 'utf8' });
    const checks = JSON.parse(out) as { id: string; solutionPassed: boolean; starterFailed: boolean }[];
    expect(checks.map((c) => c.id)).toEqual(LABS.map((l) => l.manifest.id));
    for (const c of checks) expect(c, c.id).toMatchObject({ solutionPassed: true, starterFailed: true });
  }, 120_000);
});

describe('the lab list', () => {
  it('numbers the labs 1, 2, … without gaps or repeats and gives each a page slug from the outline', () => {
    const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    for (const lab of LABS) {
      expect(slugs.has(`labs/${lab.manifest.id}`), `labs/${lab.manifest.id} in the outline`).toBe(true);
      expect(slugs.has(lab.manifest.chapter), `chapter ${lab.manifest.chapter} in the outline`).toBe(true);
    }
    const numbers = LABS.map((l) => l.manifest.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe.each(LABS.map((l) => [l.manifest.id, l] as const))('lab %s', (id, lab) => {
  it.each(SEEDS)(
    'solution passes, starter fails and the wrong solution is caught (seed %i)',
    async (seed) => {
      const c = await checkLab(lab, load, seed);
      expect(c.problems).toEqual([]);
      expect(c).toMatchObject({ solutionPassed: true, starterFailed: true, wrongFailed: true });
    },
    60_000,
  );

  it('starter, solution and wrong solution export what the manifest promises', async () => {
    for (const file of ['starter.ts', 'solution.ts', 'wrong.ts'] as const) {
      const mod = await load(id, file);
      for (const name of lab.manifest.exports) expect(typeof mod[name], `${file} ${name}`).toBe('function');
    }
    expect(readFileSync(`labs/${id}/starter.ts`, 'utf8')).not.toContain(readFileSync(`labs/${id}/solution.ts`, 'utf8'));
  });

  it("imports only from 'goodput', and only names the manifest allows", () => {
    for (const file of ['starter.ts', 'solution.ts', 'wrong.ts']) {
      const code = readFileSync(`labs/${id}/${file}`, 'utf8');
      for (const { specifier } of importedModules(code)) expect(specifier, file).toBe('goodput');
      for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'goodput'/g))
        for (const name of (m[1] ?? '').split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()))
          if (name) expect(lab.manifest.imports, `${file} imports ${name}`).toContain(name);
    }
  });

  it('allows only names the API module has', () => {
    const source = readFileSync('labs/api/goodput.ts', 'utf8');
    for (const name of lab.manifest.imports)
      expect(name in labApi || new RegExp(`\\b${name}\\b`).test(source), name).toBe(true);
  });

  it('links its prompt to its chapter, and every course link in it to a page of the outline', () => {
    const prompt = readFileSync(`labs/${id}/prompt.mdx`, 'utf8');
    const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    const links = [...prompt.matchAll(/\]\(\/([a-z0-9/-]+)\/\)/g)].map((m) => m[1] as string);
    expect(links).toContain(lab.manifest.chapter);
    for (const slug of links) expect(slugs.has(slug), slug).toBe(true);
  });

  it('names the wrong solution’s mistake in its header', () => {
    expect(readFileSync(`labs/${id}/wrong.ts`, 'utf8')).toMatch(/^\/\/ Deliberately wrong/);
  });
});

describe('harness', () => {
  it('reports a thrown error as the learner’s, with its stack for the runner to map', async () => {
    const results = await runLabTests(
      [
        {
          name: 't',
          run(mod) {
            fn<() => void>(mod, 'f')();
          },
        },
      ],
      {
        f: () => {
          throw new TypeError('oops');
        },
      },
    );
    expect(results[0]?.message).toBe('Your code threw: TypeError: oops');
    expect(results[0]?.stack).toMatch(/TypeError: oops/);
  });

  it('says so when the test itself breaks, instead of blaming the learner', async () => {
    const results = await runLabTests(
      [
        {
          name: 't',
          run() {
            throw new RangeError('generator bug');
          },
        },
      ],
      {},
    );
    expect(results[0]?.message).toMatch(
      /^This test broke on its own \(a bug in the lab, not in your code\): RangeError/,
    );
    expect(results[0]?.stack).toBeUndefined();
  });

  it('keeps figures a test reported, passed or failed', async () => {
    const row = { metric: 'goodput', yours: '3.1', baseline: '3.0', target: '≥ 3.0', ok: true };
    const results = await runLabTests(
      [
        { name: 'a', run: (_m, t) => t.report([row]) },
        {
          name: 'b',
          run: (_m, t) => {
            t.report([{ ...row, ok: false }]);
            throw new Error('boom');
          },
        },
      ],
      {},
    );
    expect(results[0]).toMatchObject({ passed: true, comparison: [row] });
    expect(results[1]).toMatchObject({ passed: false, comparison: [{ ok: false }] });
  });
});
