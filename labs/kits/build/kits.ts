// Builds the downloadable kits: bundles bench.mjs and sim-server.mjs with esbuild (the course engine and zod
// inlined, Node ≥ 20, no runtime dependencies) and packs each kit into a zip whose bytes depend only on its files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { type Zippable, zipSync } from 'fflate';
import { CATALOG_MODELS } from '../../../src/engine/catalog/models.ts';

export const KIT_NAMES = ['bench', 'probe'] as const;
export type KitName = (typeof KIT_NAMES)[number];

/** Every entry gets this modification time. fflate writes DOS local time, so it is built from local fields. */
const FIXED_MTIME = new Date(2026, 0, 1, 0, 0, 0);

export interface KitFile {
  /** Path inside the zip, under the kit's top folder. */
  path: string;
  bytes: Uint8Array;
  executable?: boolean;
}

function root(): string {
  return process.cwd();
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '__pycache__') out.push(...filesUnder(full, keep));
    } else if (keep(name)) out.push(full);
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

/** Bundle one entry point of the bench kit for Node ≥ 20 as a single ES module. */
export async function bundle(entry: 'bench' | 'sim-server'): Promise<string> {
  const result = await build({
    entryPoints: [join(root(), 'labs/kits/bench/src', `${entry}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    write: false,
    minify: false,
    legalComments: 'inline',
    // Sources run on Node; keep its built-ins as imports rather than trying to bundle them.
    external: ['node:*'],
    banner: {
      js: `#!/usr/bin/env node\n// Goodput ${entry} kit, bundled from labs/kits/bench/src (readable sources beside this file). Needs Node ≥ 20.`,
    },
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

function licences(): Uint8Array {
  const zod = readFileSync(join(root(), 'node_modules/zod/LICENSE'), 'utf8');
  return text(
    `The Goodput kits are MIT-licensed, like the course.\n\nbench.mjs and sim-server.mjs include zod (https://zod.dev), under this licence:\n\n${zod}`,
  );
}

export async function kitFiles(name: KitName): Promise<KitFile[]> {
  const base = join(root(), 'labs/kits', name);
  const files: KitFile[] = [];
  const add = (abs: string, path: string, executable = false) =>
    files.push({ path, bytes: new Uint8Array(readFileSync(abs)), executable });
  add(join(base, 'README.md'), 'README.md');
  if (name === 'bench') {
    files.push({ path: 'bench.mjs', bytes: text(await bundle('bench')), executable: true });
    files.push({ path: 'sim-server.mjs', bytes: text(await bundle('sim-server')), executable: true });
    for (const f of filesUnder(join(base, 'src'), (n) => n.endsWith('.ts'))) add(f, relative(base, f));
    for (const f of filesUnder(join(base, 'serve'), (n) => n.endsWith('.sh') || n.endsWith('.md')))
      add(f, relative(base, f), f.endsWith('.sh'));
    files.push({ path: 'LICENSES.txt', bytes: licences() });
  } else {
    for (const f of filesUnder(base, (n) => n.endsWith('.py') || n === 'requirements.txt'))
      add(f, relative(base, f), f.endsWith('probe.py'));
    // The catalog's own config.json files, named by catalog id so the results page can match a probe line to
    // the engine's model: the probe builds its random-weight models from them.
    for (const m of CATALOG_MODELS)
      files.push({ path: `configs/${m.id}.json`, bytes: text(`${JSON.stringify(m.config, null, 2)}\n`) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The kit as a zip with one top folder (goodput-bench/ or goodput-probe/); same files, same bytes. */
export async function kitZip(name: KitName): Promise<Uint8Array> {
  const tree: Zippable = {};
  for (const f of await kitFiles(name)) {
    tree[`goodput-${name}/${f.path}`] = [
      f.bytes,
      { mtime: FIXED_MTIME, os: 3, attrs: (f.executable ? 0o100755 : 0o100644) << 16, level: 9 },
    ];
  }
  return zipSync(tree, { mtime: FIXED_MTIME });
}
