// Runs a learner's compiled module against a lab's hidden tests. One worker per run: the page terminates it on
// timeout, and a worker has no DOM or storage for learner code to reach.
import { expose } from 'comlink';
import { runLabTests, type TestResult } from '../../graders/labs/harness.ts';
import { getLab } from '../../labs/registry.ts';

export interface RunReply {
  results: TestResult[];
  logs: string[];
  /** Set when the module could not even be loaded (a syntax or top-level runtime error). */
  loadError?: string;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const api = {
  async run(labId: string, js: string, seed: number): Promise<RunReply> {
    const logs: string[] = [];
    const capture =
      (level: string) =>
      (...args: unknown[]) => {
        if (logs.length < 200) logs.push(`${level === 'log' ? '' : `[${level}] `}${args.map(stringify).join(' ')}`);
      };
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = capture(level);
    let mod: Record<string, unknown>;
    const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
    try {
      mod = await import(/* @vite-ignore */ url);
    } catch (e) {
      return { results: [], logs, loadError: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    } finally {
      URL.revokeObjectURL(url);
    }
    return { results: await runLabTests(getLab(labId).tests, mod, seed), logs };
  },
};

export type LabRunnerApi = typeof api;
expose(api);
