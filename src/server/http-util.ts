import type { IncomingMessage, ServerResponse } from 'node:http';

/** Thrown while handling a request; the server answers with an OpenAI-style error body. */
export class HttpError extends Error {
  readonly status: number;
  readonly param: string | null;
  readonly type: string;
  constructor(status: number, message: string, param: string | null = null, type = 'invalid_request_error') {
    super(message);
    this.status = status;
    this.param = param;
    this.type = type;
  }
}

const MAX_BODY = 32 * 1024 * 1024;

/** The request body as JSON. Plain events rather than an async iterator: this runs for every request. */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, `request body over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        reject(new HttpError(400, `the body is not valid JSON (${(e as Error).message})`));
      }
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The error shape OpenAI clients read: { error: { message, type, param, code } }. */
export function sendError(res: ServerResponse, e: HttpError): void {
  sendJson(res, e.status, { error: { message: e.message, type: e.type, param: e.param, code: e.status } });
}
