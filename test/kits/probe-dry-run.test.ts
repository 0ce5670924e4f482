// Acceptance: the probe kit runs without a GPU in --dry-run mode, and its lines validate against the zod schema
// the site uses. Runs the shipped files: probe.zip, unpacked.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kitZip } from '../../labs/kits/build/kits.ts';
import { getModel } from '../../src/engine/catalog/index.ts';
import { ProbeResult, parseResultsText } from '../../src/engine/results.ts';

let root: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goodput-probe-'));
  writeFileSync(join(dir, 'probe.zip'), await kitZip('probe'));
  execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, 'probe.zip'), dir]);
  root = join(dir, 'goodput-probe');
});

const probe = (args: string[]) => spawnSync('python3', ['probe.py', ...args], { cwd: root, encoding: 'utf8' });

describe('probe kit --dry-run', () => {
  it('plans every probe as schema-valid probe-result/v1 lines, without torch or a GPU', () => {
    const r = probe(['--dry-run', '--out', 'plan.jsonl', '--batches', '1,8,32']);
    expect(r.status, r.stderr).toBe(0);
    const parsed = parseResultsText(readFileSync(join(root, 'plan.jsonl'), 'utf8'));
    expect(parsed.issues).toEqual([]);
    const lines = parsed.probe.map((p) => ProbeResult.parse(p.value));
    expect(lines.map((l) => l.kind)).toEqual([
      'hbm_bandwidth',
      'matmul',
      'matmul',
      'decode_step',
      'decode_step',
      'decode_step',
    ]);
    for (const l of lines) expect([l.dry_run, l.status]).toEqual([true, 'planned']);
    const decode = lines.filter((l) => l.kind === 'decode_step');
    expect(decode.map((l) => (l.kind === 'decode_step' ? l.batch : 0))).toEqual([1, 8, 32]);
    // The decode lines name a catalog model the engine knows, so the results page can draw its roofline.
    const id = decode[0]?.kind === 'decode_step' ? decode[0].model.id : null;
    expect(id).toBe('qwen3-4b');
    expect(getModel(id ?? '').id).toBe('qwen3-4b');
  });

  it('ships a config for every catalog model, and reads a config.json of your own', () => {
    writeFileSync(join(root, 'mine.json'), readFileSync(join(root, 'configs/llama-3.1-8b.json')));
    const r = probe([
      '--dry-run',
      '--only',
      'decode',
      '--config',
      'mine.json',
      '--out',
      'mine.jsonl',
      '--batches',
      '4',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const [line] = parseResultsText(readFileSync(join(root, 'mine.jsonl'), 'utf8')).probe;
    expect(line?.value.kind === 'decode_step' && line.value.model).toEqual({
      id: null,
      name: 'mine',
      config: 'mine.json',
    });
  });

  it('names the bad argument', () => {
    expect(probe(['--dry-run', '--batches', '1,0']).stderr).toMatch(/--batches: must be at least 1 \(got 0\)/);
    expect(probe(['--dry-run', '--only', 'flops']).stderr).toMatch(/--only: unknown probe 'flops'/);
    const bad = probe(['--dry-run', '--model', 'gpt-9']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--model: unknown id "gpt-9"; bundled: .*qwen3-4b/);
  });
});
