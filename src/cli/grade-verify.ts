import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyCertificate } from '../../graders/certificate/verify.ts';
import { type Command, UsageError } from './command.ts';

const HELP = `goodput grade verify — check an exam certificate record

Usage: goodput grade verify <certificate.json> [--json]

Regenerates the exam's questions from the seed in the record, re-grades the recorded answers, checks the
SHA-256 digest, and prints VALID or INVALID with the score. Exit status: 0 valid, 1 invalid, 2 usage error.

A certificate is a self-attested, reproducible record, not a proctored credential: this check shows that the
record is internally consistent and that its answers earn the score it claims.

Options:
  --json    print the verification as JSON`;

export const gradeVerify: Command = {
  name: 'verify',
  summary: 'Re-grade a certificate record from its seed and check its digest',
  help: HELP,
  async run(argv, io) {
    let parsed: ReturnType<typeof parseArgs<{ options: { json: { type: 'boolean' } }; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const [file, extra] = parsed.positionals;
    if (file === undefined) throw new UsageError('name the certificate file: goodput grade verify <certificate.json>');
    if (extra !== undefined) throw new UsageError(`one file at a time (also got "${extra}")`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const v =
      data === undefined
        ? { valid: false, problems: [`${file} is not JSON`], notes: [] as string[] }
        : await verifyCertificate(data);
    const r = 'record' in v ? v.record : undefined;
    const score = 'regraded' in v ? v.regraded : undefined;
    if (parsed.values.json) {
      io.out(
        JSON.stringify(
          {
            valid: v.valid,
            problems: v.problems,
            notes: v.notes,
            ...(r ? { name: r.name, date: r.date, blueprint: r.exam.blueprint, seed: r.exam.seed } : {}),
            ...(score ? { score } : {}),
          },
          null,
          2,
        ),
      );
      return v.valid ? 0 : 1;
    }
    const lines = [v.valid ? 'VALID' : 'INVALID'];
    if (r) lines.push(`Name: ${r.name}`, `Date: ${r.date}`, `Exam: ${r.exam.blueprint} blueprint, seed ${r.exam.seed}`);
    if (score) {
      lines.push(
        `Score (re-graded): ${score.correct} of ${score.total} (${score.percent}%) — ${score.passed ? 'pass' : 'not a pass'} at ${Math.round(score.passMark * 100)}%`,
      );
    }
    for (const p of v.problems) lines.push(`✗ ${p}`);
    for (const n of v.notes) lines.push(`note: ${n}`);
    lines.push('A self-attested, reproducible record, not a proctored credential.');
    io.out(lines.join('\n'));
    return v.valid ? 0 : 1;
  },
};
