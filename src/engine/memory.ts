import type { Model } from './catalog/model.ts';
import { expertFractionTouched, paramCounts } from './params.ts';
import { bytesPerElement, type Precision } from './precision.ts';

/** Bytes to hold every weight at a precision (no quantization metadata). */
export function weightBytes(m: Model, p: Precision): number {
  return paramCounts(m).total * bytesPerElement(p);
}

/** Weight bytes a decode step streams from memory for a batch: shared weights plus the experts the batch routes to. */
export function weightBytesReadPerStep(m: Model, p: Precision, batch: number): number {
  const c = paramCounts(m);
  const shared = c.total - c.experts;
  return (shared + c.experts * expertFractionTouched(m, batch)) * bytesPerElement(p);
}

/**
 * KV-cache bytes one token adds across all layers: 2 (K and V) × layers × KV heads × head dim × bytes.
 * Uses KV heads, not attention heads: with grouped-query attention that is the difference between right and 8× wrong.
 */
export function kvBytesPerToken(m: Model, kvPrecision: Precision = 'bf16'): number {
  return 2 * m.layers * m.kvHeads * m.headDim * bytesPerElement(kvPrecision);
}

/** KV bytes one sequence holds at a context length; sliding-window layers keep at most their window. */
export function kvBytesForContext(m: Model, context: number, kvPrecision: Precision = 'bf16'): number {
  const perLayerToken = 2 * m.kvHeads * m.headDim * bytesPerElement(kvPrecision);
  let tokens = 0;
  for (const w of m.layerWindows) tokens += w === null ? context : Math.min(context, w);
  return tokens * perLayerToken;
}
