// `goodput labs check` through main(): output, flags and exit codes; and the check itself catching a lab that is not
// sound (a solution that fails, a starter that passes, a wrong solution whose message does not help).
import { describe, expect, it } from 'vitest';
import { checkLab, type LabFile } from '../../graders/labs/check.ts';
import { getLab } from '../../labs/registry.ts';
import type { Io } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('goodput labs check', () => {
  it('--lab --json prints one lab with whether its solution passed and its starter failed', async () => {
    const io = capture();
    expect(await main(['labs', 'check', '--lab', 'speculative', '--json'], io)).toBe(0);
    const checks = JSON.parse(io.stdout.join('\n'));
    expect(checks).toEqual([
      { id: 'speculative', solutionPassed: true, starterFailed: true, wrongFailed: true, problems: [] },
    ]);
  });

  it('prints a line per lab and a total without --json', async () => {
    const io = capture();
    expect(await main(['labs', 'check', '--lab', 'cost'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /✓ cost\s+solution passes, starter fails, wrong solution fails with its message/,
    );
    expect(io.stdout.join('\n')).toMatch(/1 of 1 labs hold\./);
  });

  it('names the flag or value it cannot use, and exits 2', async () => {
    for (const [argv, message] of [
      [['labs', 'check', '--lab', 'nope'], /--lab "nope" is not a lab; one of kv-bytes/],
      [['labs', 'check', '--seed', '1.5'], /--seed must be a whole number of 0 or more \(got "1.5"\)/],
      [['labs', 'check', '--speed'], /--speed/],
      [['labs', 'verify'], /unknown subcommand "verify"/],
    ] as const) {
      const io = capture();
      expect(await main([...argv], io), argv.join(' ')).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('prints help', async () => {
    const io = capture();
    expect(await main(['labs', '--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Usage: goodput labs check \[--lab <id>\]/);
  });
});

describe('checkLab', () => {
  const lab = getLab('percentiles-goodput');
  const load = (swap: Partial<Record<LabFile, LabFile>>) => async (id: string, file: LabFile) =>
    (await import(
      /* @vite-ignore */ new URL(`../../labs/${id}/${swap[file] ?? file}`, import.meta.url).href
    )) as Record<string, unknown>;

  it('reports a solution that fails and a starter that passes', async () => {
    const c = await checkLab(lab, load({ 'solution.ts': 'starter.ts', 'starter.ts': 'solution.ts' }));
    expect(c).toMatchObject({ solutionPassed: false, starterFailed: false });
    expect(c.problems.join('\n')).toMatch(/solution fails "percentile/);
    expect(c.problems.join('\n')).toMatch(/the starter passes every test/);
  });

  it('reports a wrong solution that fails without the promised message', async () => {
    const c = await checkLab(lab, load({ 'wrong.ts': 'starter.ts' }));
    expect(c.wrongFailed).toBe(false);
    expect(c.problems.join('\n')).toMatch(/no message matches/);
  });
});
