import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultCost } from '../../src/engine/results.ts';
import { bundledBench, runKit } from './kit-build.ts';
import { benchLine } from './lines.ts';

describe('resultCost ($/MTok)', () => {
  it('is price ÷ tokens per hour × 10⁶ (property; the 001 lecture formula)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        (usd, scale) => {
          const line = benchLine({ scale });
          const tokPerHour = line.results.output_throughput_tok_s * 3600;
          expect(resultCost(line, usd)?.usd_per_mtok).toBeCloseTo((usd / tokPerHour) * 1e6, 9);
        },
      ),
    );
  });

  it('prices embeddings by prompt tokens, and nothing when nothing was produced', () => {
    const e = benchLine();
    e.workload.shape = 'embedding';
    expect(resultCost(e, 3.6)?.usd_per_mtok).toBeCloseTo(
      (3.6 / (e.results.total_token_throughput_tok_s * 3600)) * 1e6,
      9,
    );
    const none = benchLine();
    none.results.output_throughput_tok_s = 0;
    expect(resultCost(none, 2)).toBeNull();
    expect(() => resultCost(benchLine(), 0)).toThrow(/usdPerHour: must be above 0/);
  });
});

describe('bench cost and bench compare', () => {
  let kit: { dir: string; bench: string };
  beforeAll(async () => {
    kit = await bundledBench();
  });
  const write = (name: string, lines: unknown[]) => {
    const path = join(kit.dir, name);
    writeFileSync(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    return path;
  };

  it('cost prints $/MTok per line, adds the cost field with --json, and reports bad lines by number', async () => {
    const path = write('cost.jsonl', [
      benchLine({ concurrency: 1 }),
      { schema: 'bench-result/v1' },
      benchLine({ concurrency: 8 }),
    ]);
    const r = await runKit(kit.bench, ['cost', '--usd-per-hour', '2.5', path]);
    expect(r.code).toBe(1);
    // 640 output tok/s → 2.5 / (640 × 3600) × 10⁶ = $1.09 per million output tokens.
    expect(r.stdout).toMatch(
      /line 1: chat, 512→128 tokens, concurrency 1: 640\.0 output tok\/s → \$1\.09 per million output tokens/,
    );
    expect(r.stdout).toMatch(/line 3: .*concurrency 8/);
    expect(r.stderr).toMatch(/cost\.jsonl:2: timestamp = \(missing\)/);
    const j = await runKit(kit.bench, ['cost', '--usd-per-hour', '2.5', '--json', path]);
    const priced = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { cost: { usd_per_mtok: number } });
    expect(priced).toHaveLength(2);
    expect(priced[0]?.cost.usd_per_mtok).toBeCloseTo((2.5 / (640 * 3600)) * 1e6, 9);
    expect((await runKit(kit.bench, ['cost', '--usd-per-hour=-1', path])).stderr).toMatch(
      /--usd-per-hour: must be above 0/,
    );
  });

  it('compare exits 0 when every headline metric is within ±5%, 1 otherwise, listing the differences', async () => {
    const a = write('a.jsonl', [benchLine({ concurrency: 1 }), benchLine({ concurrency: 4 })]);
    const close = write('b.jsonl', [
      benchLine({ concurrency: 1, scale: 1.03 }),
      benchLine({ concurrency: 4, scale: 0.97 }),
    ]);
    const far = write('c.jsonl', [benchLine({ concurrency: 1, scale: 1.08 }), benchLine({ concurrency: 16 })]);
    const ok = await runKit(kit.bench, ['compare', a, close]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Reproduced: every headline metric within ±5%/);
    const bad = await runKit(kit.bench, ['compare', a, far]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/concurrency 1: NOT within ±5%/);
    expect(bad.stdout).toMatch(/✗ TTFT p50 \(ms\)\s+40\.00 →\s+43\.20\s+\+8\.0%/);
    expect(bad.stdout).toMatch(/only in .*a\.jsonl: chat, 512→128 tokens, concurrency 4/);
    expect(bad.stdout).toMatch(/only in .*c\.jsonl: .*concurrency 16/);
    const json = JSON.parse((await runKit(kit.bench, ['compare', '--json', a, far])).stdout) as { within: boolean };
    expect(json.within).toBe(false);
    expect(readFileSync(a, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});
