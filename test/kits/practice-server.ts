// Starts the practice server for tests: in this process (fast, for protocol tests) or as the real CLI in a child
// process (for timing tests, so the server's event loop is not shared with the client under test).
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FaultRates } from '../../src/server/faults.ts';
import { createPracticeServer, type PracticeServer } from '../../src/server/server.ts';
import { createTimingSource } from '../../src/server/source.ts';

export async function startInProcess(
  opts: { faults?: FaultRates; maxModelLen?: number } = {},
): Promise<{ url: string; server: PracticeServer }> {
  const source = createTimingSource({ model: 'qwen3-4b', gpu: 'h100-sxm', kv: { prefixCaching: true } });
  const server = createPracticeServer({
    servedModelName: 'qwen3-4b',
    maxModelLen: opts.maxModelLen ?? source.setup.scenario.kv.maxModelLen,
    source,
    version: 'test',
    ...(opts.faults ? { faults: opts.faults } : {}),
  });
  const url = await server.listen(0, '127.0.0.1');
  return { url, server };
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `goodput sim-server --port 0 --json …` in a child process; resolves once it prints its URL. */
export async function startChild(args: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ['bin/goodput.mjs', 'sim-server', '--port', '0', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sim-server exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** Server-sent events of a response body, parsed independently of the kit's own parser. */
export async function sseEvents(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
}
