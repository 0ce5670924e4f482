import type { Model } from './catalog/model.ts';
import { weightBytes } from './memory.ts';

/**
 * Memory for mixed-precision Adam training state: 16-bit weights and gradients plus FP32 master weights and the two
 * FP32 Adam moments (ZeRO, arXiv:1910.02054 §3.1: 2Ψ + 2Ψ + 12Ψ = 16 bytes per parameter), before activations.
 */
export function trainingStateBytes(m: Model): number {
  return 2 * weightBytes(m, 'bf16') + 3 * weightBytes(m, 'fp32');
}
