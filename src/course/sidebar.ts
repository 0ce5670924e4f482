import { OUTLINE } from './outline.ts';

/** Starlight sidebar groups built from the outline, so the order lives in one place. */
export const sidebar = OUTLINE.map((part) => ({
  label: part.label,
  items: part.entries.map((e) => ({ slug: e.slug, label: e.title })),
}));
