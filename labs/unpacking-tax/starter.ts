// Lab 10: the unpacking tax across batch sizes.
// One decode step of a batch, for three weight formats: BF16, W4A16 (4-bit weights, 16-bit math) and FP8 W8A8.
// Bytes, seconds, FLOPs. The KV cache stays 16-bit in all three.

export interface StepInput {
  /** Sequences decoded together. */
  batch: number;
  /** Weight bytes this step reads in BF16 (a mixture-of-experts model reads only the experts the batch uses). */
  weightBytes16: number;
  /** The same weights in 4 bits, scales and zero points included. */
  weightBytes4: number;
  /** The same weights in FP8. */
  weightBytes8: number;
  /** KV-cache bytes each sequence reads. */
  kvBytesPerSequence: number;
  /** FLOPs to produce one token for one sequence. */
  flopsPerToken: number;
  bandwidthBytesPerS: number;
  /** Dense tensor-core throughput for 16-bit and 8-bit math. */
  bf16FlopsPerS: number;
  fp8FlopsPerS: number;
  /** 4-bit weights this step must unpack before multiplying them. */
  int4Weights: number;
  /** Tokens of the batch that share one unpacked weight tile. */
  tileTokens: number;
  /** CUDA-core operations to unpack, shift and scale one 4-bit weight. */
  dequantOpsPerWeight: number;
  cudaCoreOpsPerS: number;
}

export function bf16StepS(i: StepInput): number {
  return 0;
}

export function w4a16StepS(i: StepInput): number {
  return 0;
}

export function fp8StepS(i: StepInput): number {
  return 0;
}

/**
 * The smallest batch (1 to 4,096) at which W4A16 is no faster than `against`, or null if it stays faster.
 * `stepAt(batch)` gives the step input for any batch size.
 */
export function crossoverBatch(stepAt: (batch: number) => StepInput, against: 'bf16' | 'fp8'): number | null {
  return null;
}
