import { type CertificateRequest, issueCertificate } from '../../graders/certificate/record.ts';
import { verifyCertificate } from '../../graders/certificate/verify.ts';
import { BLUEPRINTS, type BlueprintId } from '../../graders/exam/blueprint.ts';
import { drawExam } from '../../graders/exam/draw.ts';
import { gradeExam } from '../../graders/exam/grade.ts';
import { generate, grade } from '../../graders/questions/bank.ts';
import type { Question, Verdict } from '../../graders/questions/schema.ts';
import { type ExplorerData, explore } from '../components/explorer/series.ts';
import { type ModelCardReport, type ModelCardRequest, modelCard } from '../components/model-card/model-card.ts';
import { type SpeculativeReport, speculativeReport } from '../components/speculative/report.ts';
import { getGpu, getModel } from '../engine/catalog/index.ts';
import { InputError, type InputIssue } from '../engine/errors.ts';
import { type DecodeInput, type DecodeStep, decodeStep } from '../engine/roofline.ts';
import { kvPrecisionApi } from './kv-precision-api.ts';

/** A reply that carries validation problems as data: errors do not survive the worker boundary well. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

function attempt<T>(f: () => T): Result<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export interface DecodeRequest extends DecodeInput {
  model: string;
  gpu: string;
}

/** What page components may ask the engine worker. Everything here is pure and runs in Node tests too. */
export const engineApi = {
  decode(req: DecodeRequest): Result<DecodeStep> {
    return attempt(() => {
      const { model, gpu, ...input } = req;
      return decodeStep(getModel(model), getGpu(gpu), input);
    });
  },
  question(templateId: string, seed: number): Question {
    return generate(templateId, seed);
  },
  grade(question: Question, answer: string): Verdict {
    return grade(question, answer);
  },
  drawExam(blueprint: BlueprintId, seed: number): Question[] {
    return drawExam(BLUEPRINTS[blueprint], seed);
  },
  gradeExam(blueprint: BlueprintId, seed: number, answers: string[]) {
    return gradeExam(BLUEPRINTS[blueprint], seed, answers);
  },
  issueCertificate(req: CertificateRequest) {
    return issueCertificate(req);
  },
  verifyCertificate(data: unknown) {
    return verifyCertificate(data);
  },
  /** Data for an explorer chart (roofline, traffic, batching, latency); the request names its kind. */
  explore(req: Record<string, unknown>): Result<ExplorerData> {
    return attempt(() => explore(req));
  },
  /** Read a pasted config.json and report what serving it costs. */
  modelCard(req: ModelCardRequest): Result<ModelCardReport> {
    return attempt(() => modelCard(req));
  },
  ...kvPrecisionApi,
  /** Speculative decoding: expected tokens, speed-up, break-even and time per token for α, γ, c. */
  speculative(req: Record<string, unknown>): Result<SpeculativeReport> {
    return attempt(() => speculativeReport(req));
  },
};

export type EngineApi = typeof engineApi;
