import { readFileSync } from 'node:fs';

export interface GlossaryTerm {
  id: string;
  chapter: string;
}

/** The glossary's entries as written in content/docs/glossary.mdx (`<Term id="…" chapter="…">`). */
export function glossaryTerms(): GlossaryTerm[] {
  const text = readFileSync('content/docs/glossary.mdx', 'utf8');
  return [...text.matchAll(/<Term\b([^>]*)>/g)].map((m) => {
    const attrs = m[1] ?? '';
    return {
      id: attrs.match(/\bid="([^"]+)"/)?.[1] ?? '',
      chapter: attrs.match(/\bchapter="([^"]+)"/)?.[1] ?? '',
    };
  });
}

export function glossaryIds(): Set<string> {
  return new Set(glossaryTerms().map((t) => t.id));
}
