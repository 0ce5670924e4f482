// Deliberately wrong (a test fixture): every sequence in the batch shares one KV cache, as if the batch were one
// request. The tests must say that the KV term scales with the batch.

export interface DecodeInput {
  weightBytes: number;
  kvBytesPerToken: number;
  context: number;
  batch: number;
  bandwidthBytesPerSecond: number;
}

export function bytesPerStep(input: DecodeInput): number {
  // The mistake: the KV term is not multiplied by the batch.
  return input.weightBytes + input.context * input.kvBytesPerToken;
}

export function decodeCeiling(input: DecodeInput): { msPerStep: number; tokensPerSecond: number } {
  const seconds = bytesPerStep(input) / input.bandwidthBytesPerSecond;
  return { msPerStep: seconds * 1000, tokensPerSecond: input.batch / seconds };
}

export function ridgePoint(peakFlopsPerSecond: number, bandwidthBytesPerSecond: number): number {
  return peakFlopsPerSecond / bandwidthBytesPerSecond;
}

export function regime(flopsPerStep: number, bytesPerStep: number, ridge: number): 'memory-bound' | 'compute-bound' {
  return flopsPerStep / bytesPerStep > ridge ? 'compute-bound' : 'memory-bound';
}
