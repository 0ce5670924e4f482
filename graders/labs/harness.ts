// Runs a lab's hidden tests against a learner's module, in the browser's runner worker and in Node alike.
import { createRng, type Rng } from '../questions/rng.ts';

/** A check that failed; its message is shown to the learner as is. */
export class LabFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabFailure';
  }
}

export interface TestContext {
  rng: Rng;
}

export interface LabTest<M = Record<string, unknown>> {
  name: string;
  run(mod: M, t: TestContext): void | Promise<void>;
}

export interface TestResult {
  name: string;
  passed: boolean;
  message: string;
}

/** Each test gets its own generator from the run's seed, so one test's draws do not shift another's. */
export async function runLabTests<M>(tests: readonly LabTest<M>[], mod: M, seed = 1): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const [i, test] of tests.entries()) {
    try {
      await test.run(mod, { rng: createRng(seed * 1000 + i) });
      results.push({ name: test.name, passed: true, message: 'passed' });
    } catch (e) {
      const message =
        e instanceof LabFailure
          ? e.message
          : `Your code threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
      results.push({ name: test.name, passed: false, message });
    }
  }
  return results;
}

export function fail(message: string): never {
  throw new LabFailure(message);
}

/** The learner's export must exist and be a function. */
export function fn<F>(mod: Record<string, unknown>, name: string): F {
  const f = mod[name];
  if (typeof f !== 'function')
    fail(`Export a function named \`${name}\` (found ${f === undefined ? 'nothing' : typeof f}).`);
  return f as F;
}

/** Relative closeness, with a readable message when it is not close. */
export function expectClose(actual: unknown, expected: number, relTol: number, what: string, hint?: string): void {
  if (typeof actual !== 'number' || !Number.isFinite(actual)) {
    fail(`${what}: expected a finite number close to ${fmt(expected)}, got ${String(actual)}.`);
  }
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  if (err > relTol) fail(`${what}: expected ${fmt(expected)}, got ${fmt(actual)}.${hint ? ` ${hint}` : ''}`);
}

export function expectEqual<T>(actual: unknown, expected: T, what: string): void {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}.`);
}

function fmt(n: number): string {
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return n.toExponential(4);
  return Number(n.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
