import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every internal link in the built site must reach a page (and an element, when it names a #fragment).
const DIST = 'dist';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** The file a site path is served from, or null if none. */
function target(path: string): string | null {
  const clean = decodeURIComponent(path.split(/[?#]/)[0] ?? '/');
  const candidates = [join(DIST, clean), join(DIST, clean, 'index.html'), join(DIST, `${clean}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
    ids.set(file, set);
  }
  return set;
}

describe('internal links in the built site', () => {
  it('all resolve', () => {
    const broken: string[] = [];
    const pages = htmlFiles(DIST);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const m of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
        const href = (m[1] as string).replaceAll('&amp;', '&');
        if (/^(https?:|mailto:|data:|javascript:)/.test(href) || href.startsWith('//')) continue;
        const from = `/${relative(DIST, page)}`;
        if (href.startsWith('#')) {
          const id = decodeURIComponent(href.slice(1));
          if (id && !idsOf(page).has(id)) broken.push(`${from} → ${href} (no such id)`);
          continue;
        }
        if (!href.startsWith('/')) continue; // relative links are not used by the course
        const file = target(href);
        if (!file) {
          broken.push(`${from} → ${href}`);
          continue;
        }
        const hash = href.split('#')[1];
        if (hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(hash))) {
          broken.push(`${from} → ${href} (no such id)`);
        }
      }
    }
    expect([...new Set(broken)]).toEqual([]);
  });
});
