// Types Monaco needs for `import { … } from 'goodput'`: the source of labs/api/goodput.ts and of every module it
// imports, as extra libraries, plus an entry module that re-exports only the names a lab's manifest allows. Sources
// rather than generated declarations, so the editor's types can never drift from the engine the runner executes.

export interface TypeLib {
  filePath: string;
  content: string;
}

/** Where the engine's sources live in the editor's virtual file system. */
const ROOT = 'file:///goodput-lab-api/';
/** Resolved by the TypeScript worker's Node-style lookup of the bare specifier 'goodput'. */
const ENTRY = 'file:///node_modules/goodput/index.d.ts';
const FACADE = 'labs/api/goodput.ts';

const RELATIVE = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\2/g;

function resolve(from: string, specifier: string): string {
  return new URL(specifier, `file:///${from}`).pathname.slice(1);
}

/**
 * The facade and its relative imports, transitively, from `sources` (repository path → text). Imports name their
 * `.ts` extension in this repository; the editor compiles for emit, where that is not allowed, so it is dropped.
 */
export function apiSourceLibs(sources: Readonly<Record<string, string>>): TypeLib[] {
  const seen = new Set<string>();
  const libs: TypeLib[] = [];
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = sources[path];
    if (text === undefined) throw new Error(`lab API types: ${path} is not among the sources`);
    for (const m of text.matchAll(RELATIVE)) visit(resolve(path, m[3] ?? ''));
    libs.push({
      filePath: `${ROOT}${path}`,
      content: text.replace(
        RELATIVE,
        (_m, lead: string, q: string, spec: string) => `${lead}${q}${spec.replace(/\.ts$/, '')}${q}`,
      ),
    });
  };
  visit(FACADE);
  return libs;
}

/** The 'goodput' module as one lab sees it: only the names it may import. */
export function entryLib(allowed: readonly string[]): TypeLib {
  const content =
    allowed.length === 0
      ? 'export {};\n'
      : `export { ${[...allowed].sort().join(', ')} } from '../../goodput-lab-api/${FACADE.replace(/\.ts$/, '')}';\n`;
  return { filePath: ENTRY, content };
}

/** Source paths relative to this component (as import.meta.glob keys them) → repository paths. */
export function repoPaths(globbed: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(globbed))
    out[new URL(key, 'file:///repo/src/components/lab/').pathname.slice('/repo/'.length)] = text;
  return out;
}
