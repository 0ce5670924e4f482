// Compositions of engine primitives that the engine does not offer yet. Each is listed in the hand-over report
// so that it can move into src/engine once the engine grows the function; chapters import them from here only.
import type { Gpu } from '../../engine/catalog/gpu.ts';
import type { Model } from '../../engine/catalog/model.ts';
import { weightBytes } from '../../engine/memory.ts';
import type { Precision } from '../../engine/precision.ts';

/** vLLM's default share of GPU memory the engine may use (docs.vllm.ai, engine args: gpu_memory_utilization=0.9). */
export const VLLM_DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/**
 * Bytes left for the KV cache on one GPU: memory × utilization − weights. Ignores the activation peak and
 * CUDA/NCCL overhead, so it is an upper bound on what vLLM reports at startup.
 */
export function kvPoolBytes(
  m: Model,
  gpu: Gpu,
  weightPrecision: Precision,
  utilization = VLLM_DEFAULT_GPU_MEMORY_UTILIZATION,
): number {
  return gpu.memoryBytes * utilization - weightBytes(m, weightPrecision);
}
