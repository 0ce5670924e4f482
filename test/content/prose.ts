// Reads a chapter's MDX the way a learner reads the page: what is prose, what is computed, what is code or math.
// The content test uses it to count words and to find figures typed by hand into prose.

export interface Chapter {
  /** Prose lines (headings and the sources section removed), with MDX expressions replaced by a placeholder. */
  prose: string[];
  /** The body without frontmatter and import/export statements (for finding components, links and the self-check). */
  body: string;
  imports: { name: string; from: string }[];
  sources: string;
}

/** Placeholder for a computed value: counts as a word, never as a hand-typed figure. */
export const COMPUTED = '⟨computed⟩';

/** The closing section every chapter has; its citations may carry years, versions and page numbers. */
const SOURCES_HEADING = /^(?:sources|further reading)\b/i;

/** Remove balanced `{…}` MDX expressions (comments become nothing, the rest the placeholder). */
function stripExpressions(text: string): string {
  let out = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = text.slice(start + 1, i).trim();
        out += inner.startsWith('/*') && inner.endsWith('*/') ? '' : ` ${COMPUTED} `;
      }
    } else if (depth === 0) {
      out += c;
    }
  }
  return out;
}

export function readChapter(source: string): Chapter {
  let text = source.replace(/^---\n[\s\S]*?\n---\n/, '');
  const imports: { name: string; from: string }[] = [];
  text = text.replace(/^(?:import|export)\b[\s\S]*?;[ \t]*$/gm, (stmt) => {
    const from = stmt.match(/from\s+['"]([^'"]+)['"]/)?.[1];
    const names = stmt.match(/^import\s+([\s\S]*?)\s+from/)?.[1] ?? '';
    if (from) {
      for (const n of names.replace(/[{}]/g, ',').split(',')) {
        const name = n
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim();
        if (name && name !== 'type') imports.push({ name, from });
      }
    }
    return '';
  });
  const body = text;
  // Code and math are not prose; an escaped dollar (\$/MTok) is a currency sign, not math.
  text = text.replace(/^```[\s\S]*?^```/gm, '');
  text = text.replace(/\\\$/g, 'USD ');
  text = text.replace(/\$\$[\s\S]*?\$\$/g, '');
  text = text.replace(/\$[^$\n]+\$/g, '');
  text = stripExpressions(text);
  text = text.replace(/<\/?[A-Za-z][^<>]*>/g, ' ');
  text = text.replace(/`[^`\n]*`/g, '');
  text = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  const lines = text.split('\n');
  const prose: string[] = [];
  let inSources = false;
  for (const line of lines) {
    const heading = line.match(/^#{1,6}\s+(.*)$/);
    if (heading) {
      inSources = SOURCES_HEADING.test(heading[1] ?? '');
      continue;
    }
    if (!inSources && line.trim() !== '') prose.push(line);
  }
  const sources = body.split(/^##\s+(?:Sources|Further reading)\b.*$/im)[1]?.split(/^##\s/m)[0] ?? '';
  return { prose, body, imports, sources };
}

/** Words of prose: whitespace-separated tokens with a letter or digit, computed values included. */
export function countWords(c: Chapter): number {
  let n = 0;
  for (const line of c.prose) {
    for (const token of line.split(/\s+/)) if (/[\p{L}\p{N}⟨]/u.test(token)) n++;
  }
  return n;
}

export interface Allowance {
  /** Text to remove from prose before looking for figures. */
  pattern: RegExp;
  reason: string;
}

/**
 * Numbers typed into prose: a digit that starts a token (not part of a name like H100, FP8, p99 or Qwen2.5), unless an
 * allowance removes it first. Model-size names such as 70B or 8x7B are names, not figures.
 */
export function handTypedFigures(c: Chapter, allowances: readonly Allowance[]): string[] {
  const found: string[] = [];
  for (const line of c.prose) {
    let text = line;
    for (const a of allowances) text = text.replace(a.pattern, ' ');
    for (const m of text.matchAll(/(?<![\p{L}\p{N}_\-./])\d[\d,]*(?:\.\d+)?(\S*)/gu)) {
      const rest = m[1] ?? '';
      if (/^(?:x\d+)?B\b/.test(rest)) continue;
      found.push(`${m[0]}  ←  ${line.trim().slice(0, 140)}`);
    }
  }
  return found;
}
