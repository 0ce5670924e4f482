// Every chapter in the outline's numbered parts meets the course standard. New chapters are covered by existing:
// the test walks the outline, so a page added under a numbered part is checked the moment its file appears.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../graders/questions/bank.ts';
import { OUTLINE } from '../../src/course/outline.ts';
import { CHAPTER_ALLOWANCES, GLOBAL_ALLOWANCES } from './allowed-figures.ts';
import { glossaryIds } from './glossary-ids.ts';
import { countWords, handTypedFigures, readChapter } from './prose.ts';

const MIN_WORDS = 900;
const MIN_TEMPLATES = 3;

/** Components that are not live elements: formulas and the self-check itself. */
const NOT_LIVE = /\/(?:Tex|self-check\/SelfCheck)\.astro$/;

/**
 * Rules a chapter may be excused from, with the reason (e.g. an interactive check whose page is mostly the quiz).
 * Every excuse is visible here and in review; there are none by default.
 */
const EXCUSED: Record<string, { rules: string[]; reason: string }> = {
  'precision/accuracy-parity': {
    rules: ['lab'],
    reason:
      'no in-browser lab practises parity; the bench kit’s parity command does, and the chapter links the kits page',
  },
};

const fileFor = (slug: string) =>
  ['.mdx', '.md', '/index.mdx', '/index.md'].map((e) => `content/docs/${slug}${e}`).find((f) => existsSync(f));

const chapters = OUTLINE.filter((p) => /^Part \d+/.test(p.label))
  .flatMap((p) => p.entries)
  .map((e) => ({ ...e, file: fileFor(e.slug) }))
  .filter((e): e is typeof e & { file: string } => e.file !== undefined);

const labSlugs = new Set(
  OUTLINE.flatMap((p) => p.entries)
    .map((e) => e.slug)
    .filter((s) => s.startsWith('labs/')),
);
const templateIds = new Set(TEMPLATES.map((t) => t.id));
const glossary = glossaryIds();

describe('chapters meet the course standard', () => {
  it('finds the chapters to check', () => {
    expect(chapters.length).toBeGreaterThan(0);
  });

  for (const ch of chapters) {
    describe(ch.title, () => {
      const c = readChapter(readFileSync(ch.file, 'utf8'));
      const excused = (rule: string) => EXCUSED[ch.slug]?.rules.includes(rule) ?? false;
      const check = (rule: string, name: string, fn: () => void) => (excused(rule) ? it.skip : it)(name, fn);

      check('words', `has at least ${MIN_WORDS} words of prose`, () => {
        expect(countWords(c)).toBeGreaterThanOrEqual(MIN_WORDS);
      });

      check('figures', 'types no figures into prose (numbers come from the facts module)', () => {
        const allowances = [...GLOBAL_ALLOWANCES, ...(CHAPTER_ALLOWANCES[ch.slug] ?? [])];
        expect(handTypedFigures(c, allowances)).toEqual([]);
      });

      check('live', 'has a live element (a calculator, chart or simulator view from src/components)', () => {
        const live = c.imports.filter(
          (i) => /src\/components\/.+\.astro$/.test(i.from) && !NOT_LIVE.test(i.from) && c.body.includes(`<${i.name}`),
        );
        expect(live.map((i) => i.name)).not.toEqual([]);
      });

      check('self-check', `has a self-check of at least ${MIN_TEMPLATES} registered templates`, () => {
        const ids = [...c.body.matchAll(/<SelfCheck\b[^>]*?templates=\{\[([^\]]*)\]\}/g)].flatMap((m) =>
          [...(m[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)].map((q) => q[1] as string),
        );
        expect(ids.length).toBeGreaterThanOrEqual(MIN_TEMPLATES);
        expect(ids.filter((id) => !templateIds.has(id))).toEqual([]);
      });

      check('lab', 'links to a lab that practises it', () => {
        const labs = [...c.body.matchAll(/(?:\]\(|href=["'])\/(labs\/[a-z0-9-]+)\/?/g)].map((m) => m[1]);
        expect(labs.filter((l) => labSlugs.has(l as string))).not.toEqual([]);
      });

      check('math', 'writes its formulas in KaTeX', () => {
        expect(/\$[^$\n]+\$|\$\$|<Tex\b/.test(c.body)).toBe(true);
      });

      check('glossary', 'links terms to glossary entries that exist', () => {
        const anchors = [...c.body.matchAll(/\/glossary\/#([a-z0-9-]+)/g)].map((m) => m[1] as string);
        expect(anchors.length).toBeGreaterThan(0);
        expect(anchors.filter((a) => !glossary.has(a))).toEqual([]);
      });

      check('sources', 'ends with sources and further reading, with links', () => {
        expect(c.sources).toMatch(/https?:\/\//);
      });
    });
  }
});
