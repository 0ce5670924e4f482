// Compositions of engine primitives that the engine does not offer as functions. Each is listed in the hand-over
// report so that it can move into src/engine if other parts of the course need it; chapters import them from here.
import type { Model } from '../../engine/catalog/model.ts';
import { paramCounts } from '../../engine/params.ts';
import { bytesPerElement } from '../../engine/precision.ts';

export interface PaddingWaste {
  longest: number;
  usefulTokens: number;
  paddedTokens: number;
  /** Share of the batch's token slots that hold padding. */
  waste: number;
}

/**
 * Fixed-shape batching pads every sequence to the longest in the batch; the padded slots are computed and thrown
 * away. (Iteration-level batching in LLM engines packs ragged sequences and has no such padding.)
 */
export function paddingWaste(lengths: readonly number[]): PaddingWaste {
  if (lengths.length === 0 || lengths.some((n) => !(Number.isInteger(n) && n > 0)))
    throw new RangeError(`lengths must be positive whole numbers (got ${lengths.join(', ')})`);
  const longest = Math.max(...lengths);
  const usefulTokens = lengths.reduce((a, b) => a + b, 0);
  const paddedTokens = longest * lengths.length;
  return { longest, usefulTokens, paddedTokens, waste: 1 - usefulTokens / paddedTokens };
}

/**
 * Weight bytes a decode step reads when the linear layers are stored at `bitsPerWeight` effective bits (scales and
 * zero points included) and the embedding table and output head stay in BF16, as quantized checkpoints keep them.
 * Dense models only: for MoE the share of experts a batch touches would also enter.
 */
export function weightBytesAtBits(m: Model, bitsPerWeight: number): number {
  if (!(bitsPerWeight > 0 && bitsPerWeight <= 32))
    throw new RangeError(`bits per weight must be within (0, 32] (got ${bitsPerWeight})`);
  const c = paramCounts(m);
  return (c.total - c.embedding) * (bitsPerWeight / 8) + c.embedding * bytesPerElement('bf16');
}
