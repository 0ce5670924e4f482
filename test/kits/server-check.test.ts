// The kit's checks before a run, against stand-ins that answer as each runtime's documented endpoints do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTarget } from '../../labs/kits/bench/src/request.ts';
import { checkServer, ServerProblem } from '../../labs/kits/bench/src/server-check.ts';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A server that answers GETs from a table of path → JSON body (404 otherwise). */
function stub(routes: Record<string, unknown>): Promise<string> {
  const s = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server = s;
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );
}

const models = (id: string, owned_by: string) => ({ object: 'list', data: [{ id, object: 'model', owned_by }] });

describe('runtime detection', () => {
  it('reads each runtime’s version from its own endpoint', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ '/v1/models': models('m', 'vllm'), '/version': { version: '0.27.1' } }, 'vllm', '0.27.1'],
      [{ '/v1/models': models('m', 'sglang'), '/get_server_info': { version: '0.5.21', x: 1 } }, 'sglang', '0.5.21'],
      [
        { '/v1/models': models('m', 'llamacpp'), '/props': { build_info: 'b8681-Debian' } },
        'llama.cpp',
        'b8681-Debian',
      ],
      [{ '/v1/models': models('m', 'library'), '/api/version': { version: '0.12.6' } }, 'ollama', '0.12.6'],
    ];
    for (const [routes, runtime, version] of cases) {
      const url = await stub(routes);
      const info = await checkServer(makeTarget(url, null), null);
      expect([info.model, info.runtime, info.runtimeVersion]).toEqual(['m', runtime, version]);
      server?.close();
    }
  });

  it('leaves the version null when no endpoint says, and asks for --model when several are served', async () => {
    let url = await stub({ '/v1/models': models('m', 'someone') });
    expect(await checkServer(makeTarget(url, null), null)).toMatchObject({ runtime: 'someone', runtimeVersion: null });
    server?.close();
    url = await stub({ '/v1/models': { data: [{ id: 'a' }, { id: 'b' }] } });
    await expect(checkServer(makeTarget(url, null), null)).rejects.toThrow(ServerProblem);
    await expect(checkServer(makeTarget(url, null), null)).rejects.toThrow(
      /several models \(a, b\); choose one with --model/,
    );
    expect((await checkServer(makeTarget(url, null), 'b')).model).toBe('b');
  });

  it('explains a server that is not OpenAI-compatible', async () => {
    const url = await stub({});
    await expect(checkServer(makeTarget(url, null), null)).rejects.toThrow(
      /answered HTTP 404; is this an OpenAI-compatible server/,
    );
  });
});
