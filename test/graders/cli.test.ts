import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueCertificate } from '../../graders/certificate/record.ts';
import { BLUEPRINTS } from '../../graders/exam/blueprint.ts';
import { drawExam } from '../../graders/exam/draw.ts';
import { generate, referenceAnswer, TEMPLATES } from '../../graders/questions/bank.ts';
import { TOPICS } from '../../graders/questions/topics.ts';
import { main } from '../../src/cli/main.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}

describe('goodput questions', () => {
  it('lists every topic and template', async () => {
    const r = await run('questions', 'list', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; templates: { id: string }[] }[];
    expect(rows.map((t) => t.id)).toEqual(TOPICS.map((t) => t.id));
    expect(rows.flatMap((t) => t.templates.map((x) => x.id)).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  });

  it('generates the same question as the bank, and grades answers with an exit status', async () => {
    const g = await run('questions', 'generate', '--template', 'memory-wall/weight-memory', '--seed', '17', '--json');
    expect(JSON.parse(g.out)).toEqual(generate('memory-wall/weight-memory', 17));
    const ref = referenceAnswer(generate('memory-wall/weight-memory', 17));
    const right = await run(
      'questions',
      'grade',
      '--template',
      'memory-wall/weight-memory',
      '--seed',
      '17',
      '--answer',
      ref,
    );
    expect(right.code).toBe(0);
    expect(right.out).toMatch(/✓ Correct/);
    expect(right.out).toMatch(/Worked solution/);
    const wrong = await run(
      'questions',
      'grade',
      '--template',
      'memory-wall/weight-memory',
      '--seed',
      '17',
      '--answer',
      '1 GB',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/✗ Not quite/);
  });

  it('names the flag when one is missing or wrong', async () => {
    expect((await run('questions', 'generate', '--seed', '1')).err).toMatch(/--template <id> is required/);
    expect((await run('questions', 'generate', '--template', 'nope', '--seed', '1')).err).toMatch(
      /--template: unknown/,
    );
    const bad = await run('questions', 'generate', '--template', 'memory-wall/weight-memory', '--seed', '-3');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--seed/);
    expect((await run('questions', 'frobnicate')).err).toMatch(/unknown subcommand "frobnicate"/);
    expect((await run('questions', 'list', '--bogus')).code).toBe(2);
  });
});

describe('goodput grade verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goodput-cert-'));
  const write = (name: string, data: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    return path;
  };
  const cert = async () => {
    const qs = drawExam(BLUEPRINTS.full, 31337);
    return issueCertificate({
      name: 'Grace Hopper',
      date: '2026-06-01T12:00:00.000Z',
      blueprint: 'full',
      seed: 31337,
      answers: qs.map(referenceAnswer),
    });
  };

  it('prints VALID with the re-graded score for an untouched record', async () => {
    const r = await run('grade', 'verify', write('ok.json', await cert()));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^VALID/);
    expect(r.out).toMatch(/Grace Hopper/);
    expect(r.out).toMatch(/30 of 30 \(100%\) — pass/);
    expect(r.out).toMatch(/not a proctored credential/);
    const j = await run('grade', 'verify', write('ok2.json', await cert()), '--json');
    expect(JSON.parse(j.out)).toMatchObject({ valid: true, score: { correct: 30 }, seed: 31337 });
  });

  it('prints INVALID and exits 1 for an edited record or a file that is not one', async () => {
    const c = await cert();
    c.answers[0] = '0';
    const r = await run('grade', 'verify', write('edited.json', c));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^INVALID/);
    expect(r.out).toMatch(/digest does not match/);
    expect((await run('grade', 'verify', write('junk.json', '{oops'))).out).toMatch(/INVALID[\s\S]*is not JSON/);
  });

  it('explains usage errors', async () => {
    expect((await run('grade', 'verify')).err).toMatch(/name the certificate file/);
    expect((await run('grade', 'verify', join(dir, 'missing.json'))).err).toMatch(/cannot read .*ENOENT/);
    expect((await run('grade', 'nope')).err).toMatch(/unknown subcommand "nope"; known: verify/);
    expect((await run('grade', 'verify', '--help')).out).toMatch(/Usage: goodput grade verify/);
  });
});
