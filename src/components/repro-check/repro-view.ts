// The ±5% reproducibility check as the page shows it: two results files in, every line validated, matching
// workloads compared metric by metric. Runs at build time and in the engine worker.
import { z } from 'zod';
import { parseInput } from '../../engine/errors.ts';
import { compareRuns, type LineIssue, parseResultsText } from '../../engine/results.ts';
import { fixed } from '../../engine/units.ts';

export const ReproInput = z.object({
  a: z.string().max(2_000_000, 'must be at most 2 MB of text'),
  b: z.string().max(2_000_000, 'must be at most 2 MB of text'),
  tolerance: z.number({ error: 'must be a number' }).min(0, 'must be at least 0%').max(1, 'must be at most 100%'),
});
export type ReproInput = z.input<typeof ReproInput>;

export interface ReproRow {
  label: string;
  a: string;
  b: string;
  change: string;
  within: boolean;
}

export interface ReproLevel {
  label: string;
  within: boolean;
  rows: ReproRow[];
}

export interface ReproView {
  verdict: string;
  within: boolean;
  levels: ReproLevel[];
  /** Validation problems, per file and line. */
  issues: (LineIssue & { file: 'A' | 'B' })[];
}

const show = (x: number) => (Math.abs(x) >= 100 ? fixed(x, 0) : Math.abs(x) >= 1 ? fixed(x, 2) : fixed(x, 4));
const signed = (r: number) =>
  Number.isFinite(r) ? `${r >= 0 ? '+' : '−'}${fixed(Math.abs(r) * 100, 1)}%` : 'from zero';

export function reproView(input: ReproInput): ReproView {
  const i = parseInput(ReproInput, input, 'reproducibility check');
  const a = parseResultsText(i.a);
  const b = parseResultsText(i.b);
  const issues = [
    ...a.issues.map((x) => ({ ...x, file: 'A' as const })),
    ...b.issues.map((x) => ({ ...x, file: 'B' as const })),
  ];
  const c = compareRuns(
    a.bench.map((x) => x.value),
    b.bench.map((x) => x.value),
    i.tolerance,
  );
  const levels = c.levels.map((l) => ({
    label: l.label,
    within: l.within,
    rows: l.diffs.map((d) => ({
      label: d.label,
      a: show(d.a),
      b: show(d.b),
      change: signed(d.relative),
      within: d.within,
    })),
  }));
  const tol = `±${fixed(i.tolerance * 100, 1)}%`;
  const outside = c.levels.flatMap((l) => l.diffs.filter((d) => !d.within).map((d) => d.label));
  let verdict: string;
  if (c.levels.length === 0) {
    verdict =
      a.bench.length === 0 || b.bench.length === 0
        ? 'Nothing to compare yet: each side needs at least one valid bench-result/v1 line.'
        : 'No workload appears in both files: lines compare only when shape, lengths and load match.';
  } else if (c.within) {
    verdict = `Reproduced: every headline metric of ${c.levels.length === 1 ? 'the matching workload' : `all ${c.levels.length} matching workloads`} is within ${tol}.`;
  } else {
    verdict = `Not reproduced within ${tol}: ${[...new Set(outside)].join(', ')}.`;
  }
  if (c.skippedIncomplete > 0) verdict += ` ${c.skippedIncomplete} incomplete line(s) left out.`;
  return { verdict, within: c.within, levels, issues };
}
