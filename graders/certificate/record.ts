import { z } from 'zod';
import { BLUEPRINTS, BlueprintId, ExamAnswers, ExamSeed } from '../exam/blueprint.ts';
import { gradeExam } from '../exam/grade.ts';
import { GENERATOR_VERSION } from '../questions/version.ts';
import { canonicalJson, sha256Hex } from './digest.ts';

export const CERTIFICATE_FORMAT = 'goodput-certificate/v1';

/** What the record is and is not, in its own words; printed on the certificate and checked by verify. */
export const STATEMENT =
  'Self-attested, reproducible record: anyone can regenerate the questions from the exam seed and re-grade the answers with `goodput grade verify`. It is not a proctored credential: nobody supervised the exam, and the digest detects edits but is not a signature.';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const count = z.number().int().min(0).max(1000);

export const CertificateRecord = z.object({
  format: z.literal(CERTIFICATE_FORMAT),
  /** The name exactly as the learner typed it. */
  name: z.string().min(1).max(200),
  /** When the exam was submitted (ISO 8601). */
  date: z.iso.datetime(),
  exam: z.object({
    blueprint: BlueprintId,
    seed: ExamSeed,
    generatorVersion: z.string().min(1),
    /** SHA-256 of the questions as drawn, so a changed generator is caught rather than silently re-graded. */
    questionsDigest: hex64,
  }),
  /** The learner's answers, in question order; "" where unanswered. */
  answers: ExamAnswers,
  score: z.object({
    correct: count,
    total: count,
    percent: z.number().int().min(0).max(100),
    passMark: z.number().min(0).max(1),
    passed: z.boolean(),
  }),
  topics: z.array(z.object({ topic: z.string(), label: z.string(), correct: count, total: count })),
  statement: z.literal(STATEMENT),
  /** SHA-256 of the canonical JSON of every other field. */
  digest: z.object({ algorithm: z.literal('SHA-256'), value: hex64 }),
});
export type CertificateRecord = z.infer<typeof CertificateRecord>;

export const CertificateRequest = z.object({
  name: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'type the name to print on the certificate').max(200)),
  date: z.iso.datetime(),
  blueprint: BlueprintId,
  seed: ExamSeed,
  answers: ExamAnswers,
});
export type CertificateRequest = z.input<typeof CertificateRequest>;

export function questionsDigest(questions: unknown): Promise<string> {
  return sha256Hex(canonicalJson(questions));
}

export function recordDigest(record: Omit<CertificateRecord, 'digest'> | CertificateRecord): Promise<string> {
  const { digest: _omit, ...rest } = record as CertificateRecord;
  return sha256Hex(canonicalJson(rest));
}

/** Grade the exam and write the record the learner downloads. */
export async function issueCertificate(input: CertificateRequest): Promise<CertificateRecord> {
  const req = CertificateRequest.parse(input);
  const blueprint = BLUEPRINTS[req.blueprint];
  const result = gradeExam(blueprint, req.seed, req.answers);
  const body = {
    format: CERTIFICATE_FORMAT,
    name: req.name,
    date: req.date,
    exam: {
      blueprint: req.blueprint,
      seed: req.seed,
      generatorVersion: GENERATOR_VERSION,
      questionsDigest: await questionsDigest(result.questions),
    },
    answers: [...req.answers],
    score: result.score,
    topics: result.topics,
    statement: STATEMENT,
  } satisfies Omit<CertificateRecord, 'digest'>;
  return CertificateRecord.parse({ ...body, digest: { algorithm: 'SHA-256', value: await recordDigest(body) } });
}
