// `bench compare a.jsonl b.jsonl`: are two runs within ±5% on every headline metric? (the reproducibility test)
import { z } from 'zod';
import { compareRuns, type MetricDiff, workloadLabel } from '../../../../src/engine/results.ts';
import { numeric, readFlags, UsageError, validateFlags } from './flags.ts';
import type { Io } from './io.ts';
import { describeIssues, readResults } from './results-file.ts';

const Flags = z.object({
  tolerance: z.number({ error: 'must be a number' }).gt(0, 'must be above 0').max(1, 'must be at most 1'),
});

const pct = (d: MetricDiff) =>
  Number.isFinite(d.relative) ? `${d.relative >= 0 ? '+' : ''}${(d.relative * 100).toFixed(1)}%` : 'from 0';
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export function runCompare(argv: string[], io: Io): number {
  const { values, positionals } = readFlags('compare', argv, {
    tolerance: { type: 'string', default: '0.05' },
    json: { type: 'boolean', default: false },
  });
  const f = validateFlags(Flags, { tolerance: numeric(values.tolerance) });
  if (positionals.length !== 2) throw new UsageError('give two results files: bench compare a.jsonl b.jsonl');
  const [pa, pb] = positionals as [string, string];
  const a = readResults(pa);
  const b = readResults(pb);
  for (const m of [...describeIssues(pa, a), ...describeIssues(pb, b)]) io.err(m);
  const cmp = compareRuns(
    a.bench.map((x) => x.value),
    b.bench.map((x) => x.value),
    f.tolerance,
  );
  if (values.json === true) {
    io.out(
      JSON.stringify({
        within: cmp.within,
        tolerance: cmp.tolerance,
        levels: cmp.levels.map((l) => ({ workload: l.label, within: l.within, diffs: l.diffs })),
        only_in_a: cmp.onlyInA.map(workloadLabel),
        only_in_b: cmp.onlyInB.map(workloadLabel),
        skipped_incomplete: cmp.skippedIncomplete,
      }),
    );
    return cmp.within ? 0 : 1;
  }
  const tol = `±${(cmp.tolerance * 100).toFixed(0)}%`;
  for (const l of cmp.levels) {
    io.out(`${l.label}: ${l.within ? `within ${tol}` : `NOT within ${tol}`}`);
    for (const d of l.diffs)
      io.out(
        `  ${d.within ? ' ' : '✗'} ${d.label.padEnd(28)} ${num(d.a).padStart(10)} → ${num(d.b).padStart(10)}  ${pct(d)}`,
      );
  }
  for (const l of cmp.onlyInA) io.out(`only in ${pa}: ${workloadLabel(l)}`);
  for (const l of cmp.onlyInB) io.out(`only in ${pb}: ${workloadLabel(l)}`);
  if (cmp.skippedIncomplete > 0) io.out(`${cmp.skippedIncomplete} incomplete (interrupted) lines left out.`);
  if (cmp.levels.length === 0) io.out('No workload appears in both files: nothing to compare.');
  else io.out(cmp.within ? `Reproduced: every headline metric within ${tol}.` : `Not reproduced within ${tol}.`);
  return cmp.within ? 0 : 1;
}
