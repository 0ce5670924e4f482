import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../graders/certificate/digest.ts';
import { type CertificateRecord, issueCertificate, recordDigest, STATEMENT } from '../../graders/certificate/record.ts';
import { verifyCertificate } from '../../graders/certificate/verify.ts';
import { BLUEPRINTS } from '../../graders/exam/blueprint.ts';
import { drawExam } from '../../graders/exam/draw.ts';
import { referenceAnswer } from '../../graders/questions/bank.ts';

describe('digest', () => {
  it('computes SHA-256 (FIPS 180-2 test vectors)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the same data the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

const seed = 777;
const questions = drawExam(BLUEPRINTS.full, seed);
const answers = questions.map(referenceAnswer);
// Miss the last four: 26 of 30 still passes.
const mixed = answers.map((a, i) => (i >= answers.length - 4 ? '' : a));
const issue = (a = mixed) =>
  issueCertificate({ name: '  Ada Lovelace ', date: '2026-05-01T10:00:00.000Z', blueprint: 'full', seed, answers: a });

const edited = async (f: (r: CertificateRecord) => void, redigest = false) => {
  const r = structuredClone(await issue());
  f(r);
  if (redigest) r.digest.value = await recordDigest(r);
  return verifyCertificate(JSON.parse(JSON.stringify(r)));
};

describe('certificates', () => {
  it('records the name as entered (trimmed), the seed, the answers, the score and per-topic results', async () => {
    const r = await issue();
    expect(r.name).toBe('Ada Lovelace');
    expect(r.exam.seed).toBe(seed);
    expect(r.answers).toEqual(mixed);
    expect(r.score).toEqual({ correct: 26, total: 30, percent: 86, passMark: 0.8, passed: true });
    expect(r.topics.reduce((s, t) => s + t.total, 0)).toBe(30);
    expect(r.statement).toBe(STATEMENT);
    expect(r.statement).toMatch(/not a proctored credential/);
  });

  it('verifies a record as issued, through a JSON round trip', async () => {
    const v = await verifyCertificate(JSON.parse(JSON.stringify(await issue())));
    expect(v.problems).toEqual([]);
    expect(v.valid).toBe(true);
    expect(v.regraded?.correct).toBe(26);
  });

  it('rejects a record whose answers were edited (digest and score both disagree)', async () => {
    const v = await edited((r) => {
      r.answers[r.answers.length - 1] = answers[answers.length - 1] as string;
    });
    expect(v.valid).toBe(false);
    expect(v.problems.join(' ')).toMatch(/digest does not match/);
    expect(v.problems.join(' ')).toMatch(/claims 26 of 30.*grade to 27 of 30/);
  });

  it('rejects an edited score even when the editor recomputed the digest', async () => {
    const v = await edited((r) => {
      r.score.correct = 30;
      r.score.percent = 100;
    }, true);
    expect(v.valid).toBe(false);
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatch(/claims 30 of 30 \(100%\).*26 of 30 \(86%\)/);
  });

  it('rejects an edited digest, name or per-topic result', async () => {
    const d = await edited((r) => {
      r.digest.value = '0'.repeat(64);
    });
    expect(d.valid).toBe(false);
    const n = await edited((r) => {
      r.name = 'Someone Else';
    });
    expect(n.problems).toEqual([expect.stringMatching(/digest does not match/)]);
    const t = await edited((r) => {
      const missed = r.topics.find((x) => x.correct < x.total);
      if (missed) missed.correct = missed.total;
    }, true);
    expect(t.problems.join(' ')).toMatch(/per-topic results do not match/);
  });

  it('rejects a record with a missing answer, and anything that is not a certificate', async () => {
    const short = await edited((r) => {
      r.answers.pop();
    }, true);
    expect(short.valid).toBe(false);
    expect(short.problems.join(' ')).toMatch(/30 questions but 29 answers/);
    for (const junk of [null, 'text', { format: 'goodput-certificate/v1' }, { hello: 1 }]) {
      const v = await verifyCertificate(junk);
      expect(v.valid).toBe(false);
      expect(v.problems[0]).toMatch(/not a valid Goodput certificate/);
    }
  });

  it('says when the questions can no longer be regenerated faithfully', async () => {
    const v = await edited((r) => {
      r.exam.questionsDigest = 'f'.repeat(64);
    }, true);
    expect(v.valid).toBe(false);
    expect(v.problems[0]).toMatch(/question generator changed/);
  });

  it('notes that a short blueprint is practice, not the certification exam', async () => {
    const qs = drawExam(BLUEPRINTS.short, 5);
    const r = await issueCertificate({
      name: 'T',
      date: '2026-05-01T10:00:00.000Z',
      blueprint: 'short',
      seed: 5,
      answers: qs.map(referenceAnswer),
    });
    const v = await verifyCertificate(r);
    expect(v.valid).toBe(true);
    expect(v.notes.join(' ')).toMatch(/practice run/);
  });

  it('refuses to issue a certificate without a name', async () => {
    await expect(
      issueCertificate({ name: '   ', date: '2026-05-01T10:00:00.000Z', blueprint: 'full', seed, answers }),
    ).rejects.toThrow(/type the name/);
  });
});
