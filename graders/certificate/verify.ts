import { BLUEPRINTS } from '../exam/blueprint.ts';
import { gradeExam, type Score } from '../exam/grade.ts';
import { GENERATOR_VERSION } from '../questions/version.ts';
import { CertificateRecord, questionsDigest, recordDigest } from './record.ts';

export interface Verification {
  valid: boolean;
  /** Why it is invalid; empty when valid. */
  problems: string[];
  /** Said even when valid (e.g. a practice blueprint, another generator version). */
  notes: string[];
  record?: CertificateRecord;
  /** The score the answers earn when re-graded now. */
  regraded?: Score;
}

function sameScore(a: Score, b: Score): boolean {
  return (
    a.correct === b.correct &&
    a.total === b.total &&
    a.percent === b.percent &&
    a.passed === b.passed &&
    a.passMark === b.passMark
  );
}

/** Check a certificate record: its shape, its digest, its questions and its score, by regenerating and re-grading. */
export async function verifyCertificate(data: unknown): Promise<Verification> {
  const parsed = CertificateRecord.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`);
    return { valid: false, problems: ['this is not a valid Goodput certificate record', ...problems], notes: [] };
  }
  const record = parsed.data;
  const problems: string[] = [];
  const notes: string[] = [];
  if ((await recordDigest(record)) !== record.digest.value) {
    problems.push('the digest does not match the record: something was edited after the certificate was issued');
  }
  const blueprint = BLUEPRINTS[record.exam.blueprint];
  if (blueprint.practice) notes.push(`blueprint "${blueprint.id}" is a practice run, not the full certification exam`);
  if (record.exam.generatorVersion !== GENERATOR_VERSION) {
    notes.push(
      `issued by question generator version ${record.exam.generatorVersion}; this checkout has ${GENERATOR_VERSION}`,
    );
  }
  let regraded: Score | undefined;
  try {
    const result = gradeExam(blueprint, record.exam.seed, record.answers);
    regraded = result.score;
    if ((await questionsDigest(result.questions)) !== record.exam.questionsDigest) {
      problems.push(
        'the questions regenerated from the seed differ from the ones the exam used (the question generator changed): it cannot be re-graded faithfully with this version',
      );
    } else {
      if (!sameScore(result.score, record.score)) {
        problems.push(
          `the record claims ${record.score.correct} of ${record.score.total} (${record.score.percent}%), but its answers grade to ${result.score.correct} of ${result.score.total} (${result.score.percent}%)`,
        );
      }
      const topicsMatch =
        result.topics.length === record.topics.length &&
        result.topics.every((t, i) => {
          const r = record.topics[i];
          return r !== undefined && r.topic === t.topic && r.correct === t.correct && r.total === t.total;
        });
      if (!topicsMatch) problems.push('the per-topic results do not match the re-graded answers');
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    problems.push(e.message);
  }
  return { valid: problems.length === 0, problems, notes, record, ...(regraded ? { regraded } : {}) };
}
