// The probe's measuring path (not only its dry run) writes schema-valid lines with the right arithmetic. There is
// no GPU here, so a stand-in torch module (test/kits/fake-torch) makes every timed interval last exactly 2 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kitZip } from '../../labs/kits/build/kits.ts';
import { parseResultsText } from '../../src/engine/results.ts';

const EVENT_MS = 2;
let root: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'goodput-probe-'));
  writeFileSync(join(dir, 'probe.zip'), await kitZip('probe'));
  execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, 'probe.zip'), dir]);
  root = join(dir, 'goodput-probe');
});

describe('probe kit, measuring', () => {
  it('reports bandwidth and matmul figures by their formulas, and skips what it cannot run, saying why', () => {
    const r = spawnSync(
      'python3',
      ['probe.py', '--out', 'measured.jsonl', '--bandwidth-mib', '256', '--matmul-size', '4096', '--iters', '5'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONPATH: resolve('test/kits/fake-torch') } },
    );
    expect(r.status, r.stderr).toBe(0);
    const parsed = parseResultsText(readFileSync(join(root, 'measured.jsonl'), 'utf8'));
    expect(parsed.issues).toEqual([]);
    const lines = parsed.probe.map((p) => p.value);
    const bw = lines.find((l) => l.kind === 'hbm_bandwidth');
    // A copy of B bytes reads and writes B: 2B per interval.
    const bytes = 256 * 2 ** 20;
    expect(bw?.kind === 'hbm_bandwidth' && bw.gb_s_median).toBeCloseTo((2 * bytes) / (EVENT_MS / 1e3) / 1e9, 6);
    const mm = lines.filter((l) => l.kind === 'matmul');
    expect(mm.map((l) => (l.kind === 'matmul' ? [l.dtype, l.status] : null))).toEqual([
      ['bf16', 'ok'],
      ['fp8', 'ok'],
    ]);
    // 2·m·n·k FLOPs per interval, in 10¹² per second.
    for (const l of mm)
      if (l.kind === 'matmul') expect(l.tflops_median).toBeCloseTo((2 * 4096 ** 3) / (EVENT_MS / 1e3) / 1e12, 6);
    const decode = lines.filter((l) => l.kind === 'decode_step');
    expect(decode.length).toBe(7);
    for (const l of decode) {
      expect(l.status).toBe('skipped');
      expect(l.reason).toMatch(/transformers is not installed/);
    }
    expect(
      lines.every((l) => l.hardware.gpu_name === 'NVIDIA H100 80GB HBM3' && l.hardware.compute_capability === '9.0'),
    ).toBe(true);
  });
});
