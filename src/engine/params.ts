import type { Model } from './catalog/model.ts';
import { groupParams, type WeightKind, weightInventory } from './inventory.ts';

export interface ParamCounts {
  /** Every parameter stored in the checkpoint (the image encoder of a multimodal model included). */
  total: number;
  /** Parameters one token touches in a forward pass (MoE: shared parts plus k experts), embedding table included. */
  active: number;
  /** Embedding table plus a separate output head when the two are not tied. */
  embedding: number;
  /** Parameters of all routed experts together (0 for dense models). */
  experts: number;
  /** Active parameters without the input embedding table, which a token only indexes (how model cards count). */
  activeExcludingEmbedding: number;
  /** Parameters by kind of tensor. */
  byKind: Record<WeightKind, number>;
}

const KINDS: WeightKind[] = [
  'embedding',
  'lmHead',
  'attention',
  'mlp',
  'sharedExpert',
  'expert',
  'router',
  'norm',
  'sink',
  'vision',
];

/** Parameter counts from the architecture: MoE active = everything shared + k of E experts, not total ÷ E × k. */
export function paramCounts(m: Model): ParamCounts {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<WeightKind, number>;
  let total = 0;
  let active = 0;
  for (const g of weightInventory(m)) {
    const n = groupParams(g);
    total += n;
    active += g.rows * g.cols * g.active;
    byKind[g.kind] += n;
  }
  return {
    total,
    active,
    embedding: byKind.embedding + byKind.lmHead,
    experts: byKind.expert,
    activeExcludingEmbedding: active - byKind.embedding,
    byKind,
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
