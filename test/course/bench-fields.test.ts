import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BENCH_FIELDS } from '../../src/course/bench-fields.ts';
import { Summary } from '../../src/engine/metrics.ts';
import { BenchResult } from '../../src/engine/results.ts';

/** Dotted paths of a zod object's leaves; a latency Summary and non-object values are leaves. */
function leaves(schema: z.ZodType, prefix = ''): string[] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  if (s === Summary || !(s instanceof z.ZodObject)) return [prefix];
  // The SLO pair is documented as one field.
  if (prefix === 'workload.slo') return [prefix];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
    leaves(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('the bench-result field reference', () => {
  it('documents exactly the fields the schema has', () => {
    const schemaPaths = leaves(BenchResult).sort();
    const documented = BENCH_FIELDS.map((f) => f.path).sort();
    expect(documented).toEqual(schemaPaths);
  });

  it('has one entry per path and a real sentence for each', () => {
    expect(new Set(BENCH_FIELDS.map((f) => f.path)).size).toBe(BENCH_FIELDS.length);
    for (const f of BENCH_FIELDS) expect(f.meaning.length, f.path).toBeGreaterThan(15);
  });
});
