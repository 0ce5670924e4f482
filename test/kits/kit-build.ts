// The bundled kit, built once per test file into a temporary folder.
import { execFile } from 'node:child_process';
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

export interface KitRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the kit (node bench.mjs …) to completion; `node` picks the Node binary (default: this one). */
export function runKit(bench: string, args: string[], opts: { cwd?: string; node?: string } = {}): Promise<KitRun> {
  return new Promise((resolve) => {
    execFile(
      opts.node ?? process.execPath,
      [bench, ...args],
      { cwd: opts.cwd, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (err as unknown as { code?: unknown }).code : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}
