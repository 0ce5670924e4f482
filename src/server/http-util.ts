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

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, `request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `the body is not valid JSON (${(e as Error).message})`);
  }
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
