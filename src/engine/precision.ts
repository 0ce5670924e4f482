import { z } from 'zod';

/** Number formats a weight or a KV-cache element can be stored in. */
export const Precision = z.enum(['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'], {
  error: 'must be one of fp32, bf16, fp16, fp8, int8, int4',
});
export type Precision = z.infer<typeof Precision>;

export const PRECISIONS = Precision.options;

const BYTES: Record<Precision, number> = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, int4: 0.5 };

/** Storage bytes per element, before any quantization metadata (scales, zero points). */
export function bytesPerElement(p: Precision): number {
  return BYTES[p];
}

export const PRECISION_LABEL: Record<Precision, string> = {
  fp32: 'FP32',
  bf16: 'BF16',
  fp16: 'FP16',
  fp8: 'FP8',
  int8: 'INT8',
  int4: 'INT4',
};

/** Tensor-core math a weight format runs in: weight-only INT4 (W4A16) still multiplies in 16-bit. */
export type MathRate = 'bf16' | 'fp8' | 'int8';
export function mathRateFor(p: Precision): MathRate {
  if (p === 'fp8') return 'fp8';
  if (p === 'int8') return 'int8';
  return 'bf16';
}
