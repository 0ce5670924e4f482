// Lab 3: max concurrency, contiguous vs paged allocation.
// Memory figures are bytes on one GPU; token counts are whole tokens.

export interface MemoryBudget {
  /** GPU memory as CUDA reports it. */
  cudaMemoryBytes: number;
  /** The share of it the server may use (vLLM --gpu-memory-utilization, 0.9 by default). */
  gpuMemoryUtilization: number;
  weightBytes: number;
  /** Peak of the profiling forward pass. */
  activationBytes: number;
  /** CUDA libraries and communication buffers outside PyTorch's allocator. */
  nonTorchBytes: number;
  cudaGraphBytes: number;
}

export interface KvPool {
  /** Bytes set aside for the KV cache. */
  kvCacheBytes: number;
  /** KV bytes one token takes across all layers. */
  bytesPerToken: number;
  /** Tokens per block (vLLM --block-size). */
  blockSize: number;
  /** Longest sequence (prompt + output) the server accepts. */
  maxModelLen: number;
}

/** Bytes left for the KV cache once everything else has its share. */
export function kvPoolBytes(budget: MemoryBudget): number {
  return 0;
}

/** Whole blocks the pool holds. */
export function poolBlocks(pool: KvPool): number {
  return 0;
}

/** Sequences that fit when each reserves maxModelLen tokens up front. */
export function contiguousSequences(pool: KvPool): number {
  return 0;
}

/** Sequences of `tokensPerSequence` tokens each that fit when memory is handed out in blocks. */
export function pagedSequences(pool: KvPool, tokensPerSequence: number): number {
  return 0;
}

/** Requests of maxModelLen tokens the blocks could serve at once, as vLLM logs it (not rounded). */
export function maxConcurrency(pool: KvPool): number {
  return 0;
}
