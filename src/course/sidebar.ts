import { OUTLINE } from './outline.ts';

/** Starlight sidebar groups from the outline, keeping only entries whose page exists (`exists(slug)`). */
export function buildSidebar(exists: (slug: string) => boolean) {
  return OUTLINE.map((part) => ({
    label: part.label,
    items: part.entries.filter((e) => exists(e.slug)).map((e) => ({ slug: e.slug, label: e.title })),
  })).filter((group) => group.items.length > 0);
}
