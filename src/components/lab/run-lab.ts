import { wrap } from 'comlink';
import type { SourceMap } from '../../../graders/labs/source-map.ts';
import type { LabRunnerApi, RunReply } from '../../worker/lab-runner.worker.ts';

export type RunOutcome = { kind: 'done'; reply: RunReply } | { kind: 'timeout'; limitMs: number };

/** Run the tests in a fresh worker; if they outlast the limit, kill the worker (an endless loop cannot hang the page). */
export async function runLab(
  labId: string,
  js: string,
  map: SourceMap | null,
  limitMs: number,
  seed: number,
): Promise<RunOutcome> {
  const worker = new Worker(new URL('../../worker/lab-runner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lab-runner',
  });
  const api = wrap<LabRunnerApi>(worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => reject(new Error(`The lab runner failed to start: ${e.message}`)), {
      once: true,
    }),
  );
  try {
    await Promise.race([api.ready(), failed]);
    const timeout = new Promise<RunOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout', limitMs }), limitMs);
    });
    return await Promise.race([
      failed,
      api.run({ labId, js, map, seed }).then((reply): RunOutcome => ({ kind: 'done', reply })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
