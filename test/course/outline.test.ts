import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTLINE } from '../../src/course/outline.ts';
import { buildSidebar } from '../../src/course/sidebar.ts';

const exists = (slug: string) =>
  ['.md', '.mdx', '/index.md', '/index.mdx'].some((e) => existsSync(`content/docs/${slug}${e}`));

function pages(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return pages(full, `${prefix}${name}/`);
    if (!/\.mdx?$/.test(name) || name.startsWith('_')) return [];
    const slug = `${prefix}${name.replace(/\.mdx?$/, '')}`;
    return [slug.endsWith('/index') && slug !== 'index' ? slug.slice(0, -'/index'.length) : slug];
  });
}

describe('course outline', () => {
  it('has unique slugs', () => {
    const slugs = OUTLINE.flatMap((p) => p.entries.map((e) => e.slug));
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('lists every page in content/docs, so none is missing from the sidebar', () => {
    const listed = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
    expect(pages('content/docs').filter((s) => !listed.has(s))).toEqual([]);
  });

  it('the sidebar shows exactly the pages that exist, in outline order', () => {
    const sidebar = buildSidebar(exists);
    const shown = sidebar.flatMap((g) => g.items.map((i) => i.slug));
    const expected = OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)).filter(exists);
    expect(shown).toEqual(expected);
  });
});
