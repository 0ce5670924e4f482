// Lab: decode ceiling, ridge point, regime.
// Fill in the four functions. Units: bytes, seconds, FLOP. The tests try hundreds of models and GPUs.

export interface DecodeInput {
  /** Bytes of weights one decode step reads (the whole model for a dense model). */
  weightBytes: number;
  /** KV-cache bytes each token of context holds, across all layers. */
  kvBytesPerToken: number;
  /** Tokens of context per sequence. */
  context: number;
  /** Sequences decoded together in one step. */
  batch: number;
  /** Peak memory bandwidth of the GPU, bytes per second. */
  bandwidthBytesPerSecond: number;
}

/** Bytes one decode step must move from memory. */
export function bytesPerStep(input: DecodeInput): number {
  return 0;
}

/** Milliseconds per step and tokens per second for the whole batch, if bandwidth is the only limit. */
export function decodeCeiling(input: DecodeInput): { msPerStep: number; tokensPerSecond: number } {
  return { msPerStep: 0, tokensPerSecond: 0 };
}

/** FLOP per byte at which a GPU stops being memory-bound. */
export function ridgePoint(peakFlopsPerSecond: number, bandwidthBytesPerSecond: number): number {
  return 0;
}

/** Which limit sets the step time. */
export function regime(flopsPerStep: number, bytesPerStep: number, ridge: number): 'memory-bound' | 'compute-bound' {
  return 'memory-bound';
}
