// Runs a learner's compiled module against a lab's hidden tests. One worker per run: the page terminates it when the
// time limit passes. A worker has no DOM and no localStorage; the rest of what could reach beyond the sandbox
// (network, IndexedDB, caches, more workers) is shut off before the learner's code loads, with a message that says so.
import { expose } from 'comlink';
import { runLabTests, type TestResult } from '../../graders/labs/harness.ts';
import { rewriteLabImports } from '../../graders/labs/imports.ts';
import { frameIn, originalPosition, type Position, type SourceMap } from '../../graders/labs/source-map.ts';
import * as labApi from '../../labs/api/goodput.ts';
import { getLab } from '../../labs/registry.ts';

export interface RunResult extends TestResult {
  /** Where in the learner's TypeScript the error was thrown. */
  where?: Position;
}

export interface RunReply {
  results: RunResult[];
  logs: string[];
  /** How long the hidden tests took, so a learner can see how close a run came to the time limit. */
  durationMs: number;
  /** Set when the module could not even be loaded (a bad import or a top-level runtime error). */
  loadError?: string;
  loadErrorWhere?: Position;
}

export interface RunRequest {
  labId: string;
  js: string;
  /** The compiler's source map for `js`, to point errors at the learner's lines. */
  map: SourceMap | null;
  seed: number;
}

const MAX_LOG_LINES = 200;

const OUTSIDE =
  'Lab code runs in a sandboxed worker, away from the page: compute from the arguments your functions receive.';
const BLOCKED: Record<string, string> = {
  document: `\`document\` is not available. ${OUTSIDE}`,
  window: `\`window\` is not available. ${OUTSIDE}`,
  localStorage: `\`localStorage\` is not available. ${OUTSIDE}`,
  sessionStorage: `\`sessionStorage\` is not available. ${OUTSIDE}`,
  indexedDB: `\`indexedDB\` is not available. ${OUTSIDE}`,
  caches: `\`caches\` is not available. ${OUTSIDE}`,
  fetch: `\`fetch\` is not available: labs run offline on their inputs. ${OUTSIDE}`,
  XMLHttpRequest: `\`XMLHttpRequest\` is not available: labs run offline on their inputs. ${OUTSIDE}`,
  WebSocket: `\`WebSocket\` is not available: labs run offline on their inputs. ${OUTSIDE}`,
  EventSource: `\`EventSource\` is not available: labs run offline on their inputs. ${OUTSIDE}`,
  BroadcastChannel: `\`BroadcastChannel\` is not available. ${OUTSIDE}`,
  importScripts: `\`importScripts\` is not available. ${OUTSIDE}`,
  Worker: `\`Worker\` is not available. ${OUTSIDE}`,
  SharedWorker: `\`SharedWorker\` is not available. ${OUTSIDE}`,
};

/** Replace each global that reaches outside the sandbox with one that throws a clear error when touched. */
function lockDown(): void {
  for (const [name, message] of Object.entries(BLOCKED)) {
    Object.defineProperty(globalThis, name, {
      configurable: false,
      get() {
        throw new ReferenceError(message);
      },
      set() {
        throw new ReferenceError(message);
      },
    });
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function captureConsole(logs: string[]): void {
  const capture =
    (level: string) =>
    (...args: unknown[]) => {
      if (logs.length < MAX_LOG_LINES)
        logs.push(`${level === 'log' ? '' : `[${level}] `}${args.map(stringify).join(' ')}`);
      else if (logs.length === MAX_LOG_LINES) logs.push(`… output after ${MAX_LOG_LINES} lines was dropped`);
    };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = capture(level);
}

/** A module exporting the names this lab allows from 'goodput', taken from the engine bundled in this worker. */
function apiModuleUrl(allowed: readonly string[]): string {
  const key = Symbol.for('goodput.lab-api');
  const values = Object.fromEntries(Object.entries(labApi).filter(([name]) => allowed.includes(name)));
  Object.defineProperty(globalThis, key, { value: Object.freeze(values) });
  const lines = Object.keys(values).map((n) => `export const ${n} = globalThis[Symbol.for('goodput.lab-api')].${n};`);
  return URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/javascript' }));
}

let used = false;

const api = {
  /** Answers once the worker has loaded, so the time limit counts the tests, not the worker's start-up. */
  ready(): true {
    return true;
  },
  async run(request: RunRequest): Promise<RunReply> {
    // Globals are locked and the console replaced for good, so a worker serves exactly one run.
    if (used) throw new Error('a lab-runner worker runs once; start a fresh one');
    used = true;
    const { labId, js, map, seed } = request;
    const lab = getLab(labId);
    const logs: string[] = [];
    captureConsole(logs);
    const apiUrl = apiModuleUrl(lab.manifest.imports);
    let url = '';
    const where = (stack: string | undefined): Position | undefined => {
      if (!stack || !map || !url) return undefined;
      const frame = frameIn(stack, url);
      return (frame && originalPosition(map, frame)) ?? undefined;
    };
    let mod: Record<string, unknown>;
    try {
      const code = rewriteLabImports(js, apiUrl);
      url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      lockDown();
      mod = await import(/* @vite-ignore */ url);
    } catch (e) {
      const stack = e instanceof Error ? e.stack : undefined;
      const loadErrorWhere = where(stack);
      return {
        results: [],
        logs,
        durationMs: 0,
        loadError: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        ...(loadErrorWhere ? { loadErrorWhere } : {}),
      };
    }
    const started = performance.now();
    const results = await runLabTests(lab.tests, mod, seed);
    return {
      durationMs: performance.now() - started,
      results: results.map(({ stack, ...r }) => {
        const at = where(stack);
        return at ? { ...r, where: at } : r;
      }),
      logs,
    };
  },
};

export type LabRunnerApi = typeof api;
expose(api);
