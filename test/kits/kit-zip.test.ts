// Acceptance: unzip kits/bench.zip into an empty folder, run `node bench.mjs --help` and a short run against the
// practice server, on Node 20 where the machine has it (the kit promises Node ≥ 20).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitZip } from '../../labs/kits/build/kits.ts';
import { BenchResult } from '../../src/engine/results.ts';
import { runKit } from './kit-build.ts';

/** The oldest Node the kit supports, when installed; otherwise the Node running the tests. */
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const nodeMajor = Number(execFileSync(NODE, ['-p', 'process.versions.node.split(".")[0]']).toString().trim());

/** Unpack with Python's zipfile (an unzipper independent of the one that wrote the archive). */
function unzip(zip: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'goodput-unzip-'));
  writeFileSync(join(dir, 'kit.zip'), zip);
  execFileSync('python3', [
    '-c',
    'import sys, zipfile, os\nz = zipfile.ZipFile(sys.argv[1])\nfor i in z.infolist():\n    p = z.extract(i, sys.argv[2])\n    m = (i.external_attr >> 16) & 0o777\n    if m: os.chmod(p, m)',
    join(dir, 'kit.zip'),
    join(dir, 'out'),
  ]);
  return join(dir, 'out');
}

describe('kits/bench.zip', () => {
  let zip: Uint8Array;
  let root: string;
  let sim: ReturnType<typeof spawn> | undefined;
  beforeAll(async () => {
    zip = await kitZip('bench');
    root = join(unzip(zip), 'goodput-bench');
  });
  afterAll(() => {
    sim?.kill('SIGINT');
  });

  it('has the same bytes on every build', async () => {
    expect(Buffer.from(await kitZip('bench')).equals(Buffer.from(zip))).toBe(true);
  });

  it('holds the bundle, the practice server, readable sources, serve scripts and licences', () => {
    const names = readdirSync(root).sort();
    expect(names).toEqual(['LICENSES.txt', 'README.md', 'bench.mjs', 'serve', 'sim-server.mjs', 'src']);
    expect(readdirSync(join(root, 'src'))).toEqual(expect.arrayContaining(['main.ts', 'request.ts', 'aggregate.ts']));
    expect(readdirSync(join(root, 'serve'))).toEqual(
      expect.arrayContaining(['vllm.sh', 'sglang.sh', 'llamacpp.sh', 'ollama.sh']),
    );
    expect(statSync(join(root, 'serve/vllm.sh')).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(root, 'bench.mjs'), 'utf8')).not.toMatch(/from ["'](?!node:)[^"']+["']/);
  });

  it(`runs --help and a short benchmark against the zip's own practice server on Node ${nodeMajor}`, {
    timeout: 60_000,
  }, async () => {
    expect(nodeMajor).toBeGreaterThanOrEqual(20);
    const help = await runKit(join(root, 'bench.mjs'), ['--help'], { node: NODE, cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/node bench\.mjs \[run\] \[flags\]/);

    const simHelp = await runKit(join(root, 'sim-server.mjs'), ['--help'], { node: NODE, cwd: root });
    expect(simHelp.stdout).toMatch(/Usage: node sim-server\.mjs/);
    sim = spawn(NODE, [join(root, 'sim-server.mjs'), '--port', '0', '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      sim?.once('exit', (code) => reject(new Error(`sim-server.mjs exited with ${code}`)));
      createInterface({ input: sim?.stdout as NodeJS.ReadableStream }).once('line', (l) =>
        resolve((JSON.parse(l) as { url: string }).url),
      );
    });
    const r = await runKit(
      join(root, 'bench.mjs'),
      ['--url', url, '--concurrency', '1,4', '--iters', '8', '--warmup', '1', '--output-length', '8', '--quiet'],
      { node: NODE, cwd: root },
    );
    expect(r.stderr).toMatch(/goodput-sim/);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(root, 'results.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      const line = BenchResult.parse(JSON.parse(l));
      expect(line.results.completed).toBe(8);
      expect(line.hardware.gpu_name).toMatch(/\(simulated\)/);
      expect(line.software.runtime).toBe('goodput-sim');
    }
  });
});

describe('kits/probe.zip', () => {
  it('holds the probe, its requirements and the catalog configs, with the same bytes on every build', async () => {
    const zip = await kitZip('probe');
    expect(Buffer.from(await kitZip('probe')).equals(Buffer.from(zip))).toBe(true);
    const root = join(unzip(zip), 'goodput-probe');
    expect(readdirSync(root)).toEqual(expect.arrayContaining(['probe.py', 'README.md', 'requirements.txt', 'configs']));
    expect(readdirSync(join(root, 'configs'))).toEqual(expect.arrayContaining(['qwen3-4b.json']));
  });
});
