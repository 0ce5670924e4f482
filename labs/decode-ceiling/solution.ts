// Reference solution for the decode-ceiling lab.

export interface DecodeInput {
  weightBytes: number;
  kvBytesPerToken: number;
  context: number;
  batch: number;
  bandwidthBytesPerSecond: number;
}

export function bytesPerStep(input: DecodeInput): number {
  // Weights are shared by the batch; every sequence reads its own KV cache.
  return input.weightBytes + input.batch * input.context * input.kvBytesPerToken;
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
