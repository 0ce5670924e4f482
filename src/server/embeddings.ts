// Embeddings: a prefill-only request. The vectors are made up (unit length, stable per input); the timing is
// the timing source's prefill of every input's tokens.
import { Random } from '../engine/random.ts';
import { HttpError } from './http-util.ts';
import type { EmbeddingRequest } from './openai-schema.ts';
import { countTokens } from './tokens.ts';

export const DEFAULT_EMBEDDING_DIMENSIONS = 384;

/** The request's inputs, one per embedding, each with its token count. */
export function embeddingInputs(body: EmbeddingRequest): { key: string; tokens: number }[] {
  const input = body.input;
  if (typeof input === 'string') return [{ key: input, tokens: countTokens(input) }];
  if (input.every((x) => typeof x === 'number')) return [{ key: input.join(','), tokens: input.length }];
  return (input as (string | number[])[]).map((x) =>
    typeof x === 'string' ? { key: x, tokens: countTokens(x) } : { key: x.join(','), tokens: x.length },
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function embeddingVector(key: string, dimensions: number): Float32Array {
  const rng = new Random(hash(key));
  const v = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    v[i] = rng.next() * 2 - 1;
    norm += (v[i] as number) ** 2;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) v[i] = (v[i] as number) * scale;
  return v;
}

export function encodeEmbedding(v: Float32Array, format: 'float' | 'base64'): number[] | string {
  if (format === 'base64') return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return Array.from(v);
}

export function checkEmbeddingInputs(inputs: { tokens: number }[], maxModelLen: number): void {
  inputs.forEach((x, i) => {
    if (x.tokens < 1) throw new HttpError(400, `input ${i} holds no tokens`, 'input');
    if (x.tokens > maxModelLen)
      throw new HttpError(400, `input ${i} has ${x.tokens} tokens; the model takes at most ${maxModelLen}`, 'input');
  });
}
