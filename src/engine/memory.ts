import type { Model } from './catalog/model.ts';
import { groupParams, weightInventory } from './inventory.ts';
import { expertFractionTouched, paramCounts } from './params.ts';
import { bytesPerElement, type Precision } from './precision.ts';

/** Bytes to hold every weight at a precision (no quantization metadata). See weightMemory for checkpoint-exact bytes. */
export function weightBytes(m: Model, p: Precision): number {
  return paramCounts(m).total * bytesPerElement(p);
}

/**
 * Weight bytes a decode step streams from memory for a batch: shared weights plus the experts the batch routes to.
 * The image encoder of a multimodal model is not read while decoding.
 */
export function weightBytesReadPerStep(m: Model, p: Precision, batch: number): number {
  let shared = 0;
  let experts = 0;
  for (const g of weightInventory(m)) {
    if (g.kind === 'vision') continue;
    if (g.kind === 'expert') experts += groupParams(g);
    else shared += groupParams(g);
  }
  return (shared + experts * expertFractionTouched(m, batch)) * bytesPerElement(p);
}

export interface KvOptions {
  /** Tensor-parallel ranks: per-rank figures divide KV heads across ranks (never below one head per rank). */
  tp?: number | undefined;
}

/** KV heads one rank holds: heads are split across ranks and replicated when there are fewer heads than ranks. */
export function kvHeadsPerRank(m: Model, tp = 1): number {
  return Math.max(1, m.kvHeads / tp);
}

/**
 * KV-cache bytes one token adds to one layer. Standard attention caches K and V for each KV head; MLA caches one
 * compressed latent plus the shared RoPE key, which every tensor-parallel rank holds whole.
 */
export function kvBytesPerTokenPerLayer(m: Model, kvPrecision: Precision = 'bf16', opts: KvOptions = {}): number {
  const bytes = bytesPerElement(kvPrecision);
  if (m.mla) return (m.mla.kvLoraRank + m.mla.qkRopeHeadDim) * bytes;
  return 2 * kvHeadsPerRank(m, opts.tp ?? 1) * m.headDim * bytes;
}

/**
 * KV-cache bytes one token adds across all layers: 2 (K and V) × layers × KV heads × head dim × bytes, or
 * layers × (latent + RoPE key) × bytes for MLA. Uses KV heads, not attention heads: with grouped-query attention
 * that is the difference between right and 8× wrong. With `tp`, the bytes one rank holds.
 */
export function kvBytesPerToken(m: Model, kvPrecision: Precision = 'bf16', opts: KvOptions = {}): number {
  return m.layers * kvBytesPerTokenPerLayer(m, kvPrecision, opts);
}

/** KV bytes one sequence holds at a context length; sliding-window layers keep at most their window. */
export function kvBytesForContext(
  m: Model,
  context: number,
  kvPrecision: Precision = 'bf16',
  opts: KvOptions = {},
): number {
  let tokens = 0;
  for (const w of m.layerWindows) tokens += w === null ? context : Math.min(context, w);
  return tokens * kvBytesPerTokenPerLayer(m, kvPrecision, opts);
}

/**
 * The multi-head formula many tutorials use, 2 × layers × hidden size × bytes: right only for models with one KV
 * head per query head and head_dim × heads = hidden size. Kept to show learners how far off it is.
 */
export function kvBytesPerTokenMhaFormula(m: Model, kvPrecision: Precision = 'bf16'): number {
  return 2 * m.layers * m.hiddenSize * bytesPerElement(kvPrecision);
}
