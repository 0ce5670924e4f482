import { describe, expect, it } from 'vitest';
import { reproView } from '../../src/components/repro-check/repro-view.ts';
import { benchmarkTemplate, EXAMPLE_LINE, REPRO_DEFAULTS } from '../../src/course/facts/benchmark-template.ts';
import { InputError } from '../../src/engine/errors.ts';
import { BenchResult } from '../../src/engine/results.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

describe('the benchmark-template chapter', () => {
  it('shows an example line that the kit schema accepts, from the simulator', () => {
    expect(BenchResult.safeParse(EXAMPLE_LINE).success).toBe(true);
    expect(EXAMPLE_LINE.software.runtime).toBe('goodput-sim');
    expect(EXAMPLE_LINE.workload.prompt_tokens).toBe(512);
    expect(EXAMPLE_LINE.workload.output_tokens).toBe(128);
  });

  it('its default pair reproduces on medians and throughput but not on the tail (as the prose says)', () => {
    const v = reproView(REPRO_DEFAULTS);
    expect(v.within).toBe(false);
    const rows = v.levels[0]?.rows ?? [];
    const failing = rows.filter((r) => !r.within).map((r) => r.label);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((l) => /p9[59]/.test(l))).toBe(true);
    expect(rows.find((r) => /TTFT p50/.test(r.label))?.within).toBe(true);
    expect(rows.find((r) => /Output throughput/.test(r.label))?.within).toBe(true);
  });

  it('passes an A/A comparison of a line with itself and names broken lines by file, line and field', () => {
    expect(reproView({ a: REPRO_DEFAULTS.a, b: REPRO_DEFAULTS.a, tolerance: 0 }).within).toBe(true);
    const broken = reproView({
      a: REPRO_DEFAULTS.a,
      b: `\n${REPRO_DEFAULTS.b.replace('"bench-result/v1"', '"bench/v0"')}`,
      tolerance: 0.05,
    });
    expect(broken.issues).toEqual([expect.objectContaining({ file: 'B', line: 2, field: 'schema' })]);
    expect(broken.verdict).toMatch(/Nothing to compare/);
  });

  it('validates the tolerance, also through the worker', async () => {
    expect(() => reproView({ a: '', b: '', tolerance: -0.1 })).toThrow(InputError);
    const reply = await engineApi.reproCheck({ a: '', b: '', tolerance: 2 });
    expect(!reply.ok && reply.issues[0]?.field).toBe('tolerance');
  });

  it('the quoted 4-bit rate sits at about nine tenths of the ceiling of a real 4-bit checkpoint (E001-5)', () => {
    // Errata E001-5: a real 4-bit g128 checkpoint reads about 39.8 GB per token, a ceiling of ≈121 tok/s on an H200.
    expect(Number(benchmarkTemplate.int4GB)).toBeCloseTo(39.8, 1);
    expect(Number(benchmarkTemplate.int4Ceiling)).toBeCloseTo(121, -1);
    expect(Number(benchmarkTemplate.int4CeilingPct)).toBeGreaterThan(85);
  });
});
