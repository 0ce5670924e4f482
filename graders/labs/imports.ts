// Lab code may import only from 'goodput'. The runner rewrites that specifier to a module it provides; anything else
// is refused with a message that says why, before the code runs.

/** The module name lab code imports the course engine by. */
export const LAB_MODULE = 'goodput';

/** A module specifier in a static import or export, a side-effect import, or a dynamic import(). */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]*)\2/g;

export class LabImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabImportError';
  }
}

/** Every module specifier the code names, with its line (1-based). */
export function importedModules(code: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const m of code.matchAll(SPECIFIER)) {
    const specifier = m[3] ?? '';
    found.push({ specifier, line: code.slice(0, m.index).split('\n').length });
  }
  return found;
}

/** Point every `'goodput'` specifier at `url`; refuse any other module. */
export function rewriteLabImports(code: string, url: string): string {
  for (const { specifier, line } of importedModules(code)) {
    if (specifier !== LAB_MODULE)
      throw new LabImportError(
        `Lab code can import only from '${LAB_MODULE}', but line ${line} imports '${specifier}'. Everything else your functions need arrives in their arguments.`,
      );
  }
  return code.replace(SPECIFIER, (_m, lead: string, quote: string) => `${lead}${quote}${url}${quote}`);
}
