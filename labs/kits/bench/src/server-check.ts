// Before any load: is the server there, does it serve the model, and which runtime is it?
import type { Hardware } from './environment.ts';
import { get, getJson } from './http-get.ts';
import { endpointUrl, type Target } from './request.ts';

/** The server cannot be used; the message says why and what to do. Nothing has been sent to it but GETs. */
export class ServerProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerProblem';
  }
}

export interface ServerInfo {
  models: string[];
  runtime: string | null;
  runtimeVersion: string | null;
  /** The practice server reports the GPU it simulates; real servers leave this null. */
  simulatedHardware: Hardware | null;
}

const START_HINT =
  'Start your inference server first (the serve/ scripts in this kit show how), or practise against the ' +
  'simulated server: `node sim-server.mjs` in this kit, or `npx goodput sim-server` in the course repository.';

async function listModels(target: Target, timeoutMs: number): Promise<{ id: string; owned_by?: string }[]> {
  let res: Awaited<ReturnType<typeof get>>;
  try {
    res = await get(target, '/v1/models', timeoutMs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused: nothing is listening there'
        : code === 'ENOTFOUND'
          ? 'no such host'
          : code === 'ETIMEDOUT'
            ? `no answer within ${timeoutMs / 1000} s`
            : (code ?? (e as Error).message);
    throw new ServerProblem(
      `Cannot reach the server at ${target.base.href} (${why}). No load was sent.\n${START_HINT}`,
    );
  }
  if (res.status === 401 || res.status === 403)
    throw new ServerProblem(
      `The server at ${target.base.href} refused the request (HTTP ${res.status}); pass --api-key.`,
    );
  if (res.status !== 200)
    throw new ServerProblem(
      `GET ${endpointUrl(target, '/v1/models').href} answered HTTP ${res.status}; is this an OpenAI-compatible server? No load was sent.`,
    );
  try {
    const body = JSON.parse(res.body) as { data?: { id?: unknown; owned_by?: unknown }[] };
    return (body.data ?? [])
      .filter((m) => typeof m.id === 'string')
      .map((m) => ({ id: m.id as string, ...(typeof m.owned_by === 'string' ? { owned_by: m.owned_by } : {}) }));
  } catch {
    throw new ServerProblem(
      `GET ${endpointUrl(target, '/v1/models').href} did not answer JSON; is this an OpenAI-compatible server?`,
    );
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/** Ask the runtime-specific endpoints each server offers for its version: first owner hint, then each in turn. */
async function detectRuntime(target: Target, ownedBy: string | null, timeoutMs: number) {
  const probes: { runtime: string; path: string; read: (j: Record<string, unknown>) => string | null }[] = [
    { runtime: 'vllm', path: '/version', read: (j) => str(j.version) },
    { runtime: 'sglang', path: '/get_server_info', read: (j) => str(j.version) },
    { runtime: 'llama.cpp', path: '/props', read: (j) => str(j.build_info) },
    { runtime: 'ollama', path: '/api/version', read: (j) => str(j.version) },
  ];
  const owner: Record<string, string> = { vllm: 'vllm', sglang: 'sglang', llamacpp: 'llama.cpp', library: 'ollama' };
  const hinted = ownedBy ? owner[ownedBy] : undefined;
  const ordered = hinted ? [...probes.filter((p) => p.runtime === hinted), ...probes] : probes;
  for (const p of ordered) {
    const j = (await getJson(target, p.path, timeoutMs)) as Record<string, unknown> | null;
    if (!j) continue;
    const version = p.read(j);
    if (version === null) continue;
    // The practice server says what it is; vLLM's /version says only the version.
    return { runtime: str(j.runtime) ?? p.runtime, version };
  }
  return { runtime: hinted ?? ownedBy, version: null };
}

export async function checkServer(
  target: Target,
  model: string | null,
  timeoutMs = 10_000,
): Promise<ServerInfo & { model: string }> {
  const models = await listModels(target, timeoutMs);
  const ids = models.map((m) => m.id);
  let chosen = model;
  if (chosen === null) {
    if (ids.length !== 1)
      throw new ServerProblem(
        ids.length === 0
          ? 'The server lists no models at /v1/models. No load was sent.'
          : `The server serves several models (${ids.join(', ')}); choose one with --model.`,
      );
    chosen = ids[0] as string;
  } else if (!ids.includes(chosen))
    throw new ServerProblem(
      `The server does not serve --model "${chosen}"; it lists: ${ids.join(', ') || '(none)'}. No load was sent.`,
    );
  const ownedBy = models.find((m) => m.id === chosen)?.owned_by ?? null;
  const rt = await detectRuntime(target, ownedBy, Math.min(timeoutMs, 3000));
  let simulatedHardware: Hardware | null = null;
  if (rt.runtime === 'goodput-sim') {
    const sim = (await getJson(target, '/sim', 3000)) as { gpu?: { name?: unknown; memory_mib?: unknown } } | null;
    const name = str(sim?.gpu?.name);
    if (name)
      simulatedHardware = {
        gpu_name: `${name} (simulated)`,
        gpu_memory_mib: typeof sim?.gpu?.memory_mib === 'number' ? sim.gpu.memory_mib : null,
        gpu_count: 1,
        driver: null,
        cuda: null,
      };
  }
  return { model: chosen, models: ids, runtime: rt.runtime, runtimeVersion: rt.version, simulatedHardware };
}
