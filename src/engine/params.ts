import type { Model } from './catalog/model.ts';

/** Parameters in one decoder layer's attention block (projections, biases, q/k norms). */
function attentionParams(m: Model): number {
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  let n = m.hiddenSize * q + 2 * m.hiddenSize * kv + q * m.hiddenSize;
  if (m.qkvBias) n += q + 2 * kv;
  if (m.oBias) n += m.hiddenSize;
  if (m.qkNorm) n += 2 * m.headDim;
  return n;
}

/** A gated MLP (gate, up and down projections) of a given width. */
function mlpParams(hidden: number, intermediate: number): number {
  return 3 * hidden * intermediate;
}

export interface ParamCounts {
  /** Every parameter stored in the checkpoint. */
  total: number;
  /** Parameters one token touches in a forward pass (MoE: shared parts plus k experts). */
  active: number;
  /** Embedding table plus a separate output head when the two are not tied. */
  embedding: number;
  /** Parameters of all routed experts together (0 for dense models). */
  experts: number;
}

export function paramCounts(m: Model): ParamCounts {
  const embedding = m.vocabSize * m.hiddenSize * (m.tiedEmbeddings ? 1 : 2);
  const norms = 2 * m.hiddenSize;
  const attn = attentionParams(m);
  let perLayerShared = attn + norms;
  let perLayerExpertsTotal = 0;
  let perLayerExpertsActive = 0;
  if (m.moe) {
    const expert = mlpParams(m.hiddenSize, m.moe.expertIntermediateSize);
    perLayerShared += m.hiddenSize * m.moe.experts; // router
    perLayerExpertsTotal = m.moe.experts * expert;
    perLayerExpertsActive = m.moe.expertsPerToken * expert;
  } else {
    perLayerShared += mlpParams(m.hiddenSize, m.intermediateSize);
  }
  const shared = m.layers * perLayerShared + embedding + m.hiddenSize; // + final norm
  return {
    total: shared + m.layers * perLayerExpertsTotal,
    active: shared + m.layers * perLayerExpertsActive,
    embedding,
    experts: m.layers * perLayerExpertsTotal,
  };
}

/**
 * Expected fraction of expert weights a decode step touches when `batch` tokens each pick k of E
 * experts uniformly: 1 − (1 − k/E)^batch. At batch 1 it is k/E; it approaches 1 quickly.
 */
export function expertFractionTouched(m: Model, batch: number): number {
  if (!m.moe) return 1;
  return 1 - (1 - m.moe.expertsPerToken / m.moe.experts) ** batch;
}
