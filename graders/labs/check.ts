// The lab check behind `goodput labs check` and the unit tests: every lab's reference solution must pass its hidden
// tests, its starter must fail them, and its deliberately wrong solution must fail with a message that helps.
import type { Lab } from '../../labs/registry.ts';
import { runLabTests, type TestResult } from './harness.ts';

export type LabFile = 'solution.ts' | 'starter.ts' | 'wrong.ts';
export type LoadLab = (id: string, file: LabFile) => Promise<Record<string, unknown>>;

export interface LabCheck {
  id: string;
  solutionPassed: boolean;
  starterFailed: boolean;
  /** The wrong solution failed, and a failure message matched what the lab promises to say. */
  wrongFailed: boolean;
  /** What went wrong, for a person reading the report; empty when all three hold. */
  problems: string[];
}

async function results(lab: Lab, load: LoadLab, file: LabFile, seed: number): Promise<TestResult[] | string> {
  try {
    return await runLabTests(lab.tests, await load(lab.manifest.id, file), seed);
  } catch (e) {
    return `${file} could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function checkLab(lab: Lab, load: LoadLab, seed = 1): Promise<LabCheck> {
  const problems: string[] = [];
  const solution = await results(lab, load, 'solution.ts', seed);
  const starter = await results(lab, load, 'starter.ts', seed);
  const wrong = await results(lab, load, 'wrong.ts', seed);

  let solutionPassed = false;
  if (typeof solution === 'string') problems.push(solution);
  else {
    const failed = solution.filter((r) => !r.passed);
    solutionPassed = failed.length === 0 && solution.length > 0;
    for (const r of failed) problems.push(`solution fails "${r.name}": ${r.message}`);
  }

  let starterFailed = false;
  if (typeof starter === 'string') problems.push(starter);
  else {
    starterFailed = starter.some((r) => !r.passed);
    if (!starterFailed) problems.push('the starter passes every test: the tests cannot tell it from a solution');
  }

  let wrongFailed = false;
  if (typeof wrong === 'string') problems.push(wrong);
  else {
    const failed = wrong.filter((r) => !r.passed);
    wrongFailed = failed.some((r) => lab.mistake.message.test(r.message));
    if (failed.length === 0) problems.push(`the wrong solution (${lab.mistake.what}) passes every test`);
    else if (!wrongFailed)
      problems.push(
        `the wrong solution (${lab.mistake.what}) fails, but no message matches ${lab.mistake.message}: ${failed.map((r) => r.message).join(' | ')}`,
      );
  }
  return { id: lab.manifest.id, solutionPassed, starterFailed, wrongFailed, problems };
}
