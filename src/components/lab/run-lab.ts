import { wrap } from 'comlink';
import type { LabRunnerApi, RunReply } from '../../worker/lab-runner.worker.ts';

export type RunOutcome = { kind: 'done'; reply: RunReply } | { kind: 'timeout'; limitMs: number };

/** Run the tests in a fresh worker; if they outlast the limit, kill the worker (an endless loop cannot hang the page). */
export async function runLab(labId: string, js: string, limitMs: number, seed: number): Promise<RunOutcome> {
  const worker = new Worker(new URL('../../worker/lab-runner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lab-runner',
  });
  const api = wrap<LabRunnerApi>(worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<RunOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', limitMs }), limitMs);
  });
  try {
    return await Promise.race([
      api.run(labId, js, seed).then((reply): RunOutcome => ({ kind: 'done', reply })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
