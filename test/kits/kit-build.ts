// The bundled kit, built once per test file into a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../../labs/kits/build/kits.ts';

export async function bundledBench(): Promise<{ dir: string; bench: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'goodput-bench-'));
  const bench = join(dir, 'bench.mjs');
  writeFileSync(bench, await bundle('bench'));
  return { dir, bench };
}
