// Runs a lab's hidden tests against a learner's module, in the browser's runner worker and in Node alike.
import { Random } from '../../src/engine/random.ts';

/** An error thrown by the learner's code (caught where the harness called it), as opposed to one from the test. */
export class LearnerError extends Error {
  readonly original: unknown;
  constructor(original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'LearnerError';
    this.original = original;
  }
}

/** Run learner code; whatever it throws is marked as the learner's. */
export function learnerCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof LearnerError || e instanceof LabFailure ? e : new LearnerError(e);
  }
}

/** A check that failed; its message is shown to the learner as is. */
export class LabFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabFailure';
  }
}

export interface TestContext {
  rng: Random;
  /** Show figures beside the verdict (the learner's numbers and the baseline's). */
  report(rows: Comparison[]): void;
}

export interface LabTest<M = Record<string, unknown>> {
  name: string;
  run(mod: M, t: TestContext): void | Promise<void>;
}

/** One figure of a simulator-graded test: the learner's number beside the baseline's and the bar it had to clear. */
export interface Comparison {
  metric: string;
  yours: string;
  baseline: string;
  target: string;
  ok: boolean;
}

export interface TestResult {
  name: string;
  passed: boolean;
  message: string;
  /** The stack of an error the learner's code threw, so the runner can point at the line. */
  stack?: string;
  /** Figures a test reports whether it passed or not (simulator labs). */
  comparison?: Comparison[];
}

/** Each test gets its own generator from the run's seed, so one test's draws do not shift another's. */
export async function runLabTests<M>(tests: readonly LabTest<M>[], mod: M, seed = 1): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const [i, test] of tests.entries()) {
    let comparison: Comparison[] | undefined;
    const report = (rows: Comparison[]) => {
      comparison = [...(comparison ?? []), ...rows];
    };
    const extra = () => (comparison ? { comparison } : {});
    try {
      await test.run(mod, { rng: new Random(seed * 1000 + i), report });
      results.push({ name: test.name, passed: true, message: 'passed', ...extra() });
    } catch (e) {
      if (e instanceof LabFailure) {
        results.push({ name: test.name, passed: false, message: e.message, ...extra() });
        continue;
      }
      if (e instanceof LearnerError) {
        const o = e.original;
        const message = `Your code threw: ${o instanceof Error ? `${o.name}: ${o.message}` : String(o)}`;
        const stack = o instanceof Error && typeof o.stack === 'string' ? { stack: o.stack } : {};
        results.push({ name: test.name, passed: false, message, ...stack, ...extra() });
        continue;
      }
      // Not thrown inside the learner's code: the lab itself is broken, and the learner should not hunt for it.
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      results.push({
        name: test.name,
        passed: false,
        message: `This test broke on its own (a bug in the lab, not in your code): ${detail}`,
        ...extra(),
      });
    }
  }
  return results;
}

export function fail(message: string): never {
  throw new LabFailure(message);
}

/** The learner's export must exist and be a function; calls to it mark what they throw as the learner's. */
export function fn<F extends (...args: never[]) => unknown>(mod: Record<string, unknown>, name: string): F {
  const f = mod[name];
  if (typeof f !== 'function')
    fail(`Export a function named \`${name}\` (found ${f === undefined ? 'nothing' : typeof f}).`);
  return ((...args: never[]) => learnerCall(() => (f as F)(...args))) as F;
}

/** Relative closeness, with a readable message when it is not close. */
export function expectClose(actual: unknown, expected: number, relTol: number, what: string, hint?: string): void {
  if (typeof actual !== 'number' || !Number.isFinite(actual)) {
    fail(`${what}: expected a finite number close to ${fmt(expected)}, got ${String(actual)}.`);
  }
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  if (err > relTol) fail(`${what}: expected ${fmt(expected)}, got ${fmt(actual)}.${hint ? ` ${hint}` : ''}`);
}

export function expectEqual<T>(actual: unknown, expected: T, what: string, hint = ''): void {
  if (actual !== expected)
    fail(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}.${hint ? ` ${hint.trim()}` : ''}`,
    );
}

function fmt(n: number): string {
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return n.toExponential(4);
  return Number(n.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A deliberately wrong solution (labs/<id>/wrong.ts): the mistake it makes and what the failure must say. */
export interface Mistake {
  /** The mistake in a few words, e.g. "MHA instead of GQA". */
  what: string;
  /** A failing test's message must match this, so the learner is told what to fix. */
  message: RegExp;
}
