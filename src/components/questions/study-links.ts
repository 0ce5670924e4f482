// Where each topic is taught, as links for pages (build time only: it checks which chapter pages exist, so a
// topic whose chapter is not written yet gets no link rather than a broken one).
import { existsSync } from 'node:fs';
import { TOPICS } from '../../../graders/questions/topics.ts';
import { OUTLINE } from '../../course/outline.ts';

export interface StudyLink {
  href: string;
  title: string;
}

export const pageExists = (slug: string) =>
  ['.md', '.mdx', '/index.md', '/index.mdx'].some((ext) => existsSync(`./content/docs/${slug}${ext}`));

/** Topic id → the chapter that teaches it, for every topic whose chapter page exists. */
export function studyLinks(base: string): Record<string, StudyLink> {
  const titles = new Map(OUTLINE.flatMap((p) => p.entries).map((e) => [e.slug, e.title]));
  const out: Record<string, StudyLink> = {};
  for (const t of TOPICS) {
    if (pageExists(t.chapter)) out[t.id] = { href: `${base}/${t.chapter}/`, title: titles.get(t.chapter) ?? t.chapter };
  }
  return out;
}
