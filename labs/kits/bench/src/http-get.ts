// A small GET for the checks before a run (models, runtime version); the timed requests live in request.ts.
import http from 'node:http';
import https from 'node:https';
import { endpointUrl, type Target } from './request.ts';

export interface GetResult {
  status: number;
  body: string;
}

/** GET `path`; rejects with the socket error (e.g. code ECONNREFUSED) when the server cannot be reached. */
export function get(target: Target, path: string, timeoutMs: number): Promise<GetResult> {
  const url = endpointUrl(target, path);
  const request = url.protocol === 'https:' ? https.request : http.request;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: target.agent, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

export async function getJson(target: Target, path: string, timeoutMs: number): Promise<unknown | null> {
  try {
    const r = await get(target, path, timeoutMs);
    return r.status === 200 ? (JSON.parse(r.body) as unknown) : null;
  } catch {
    return null;
  }
}
