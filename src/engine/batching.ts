// Fixed-shape (static) batching: what padding every sequence to the longest costs.

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
