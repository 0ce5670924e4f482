// Reference solution for lab 3 (max concurrency).

export interface MemoryBudget {
  cudaMemoryBytes: number;
  gpuMemoryUtilization: number;
  weightBytes: number;
  activationBytes: number;
  nonTorchBytes: number;
  cudaGraphBytes: number;
}

export interface KvPool {
  kvCacheBytes: number;
  bytesPerToken: number;
  blockSize: number;
  maxModelLen: number;
}

export function kvPoolBytes(b: MemoryBudget): number {
  const allowed = b.cudaMemoryBytes * b.gpuMemoryUtilization;
  return allowed - b.weightBytes - b.activationBytes - b.nonTorchBytes - b.cudaGraphBytes;
}

export function poolBlocks(pool: KvPool): number {
  return Math.floor(pool.kvCacheBytes / (pool.blockSize * pool.bytesPerToken));
}

export function contiguousSequences(pool: KvPool): number {
  // Every sequence reserves the longest length it might reach.
  return Math.floor(pool.kvCacheBytes / (pool.maxModelLen * pool.bytesPerToken));
}

/** Blocks one sequence of `tokens` tokens holds: the last block may be partly empty. */
function blocksFor(pool: KvPool, tokens: number): number {
  return Math.ceil(tokens / pool.blockSize);
}

export function pagedSequences(pool: KvPool, tokensPerSequence: number): number {
  return Math.floor(poolBlocks(pool) / blocksFor(pool, tokensPerSequence));
}

export function maxConcurrency(pool: KvPool): number {
  return poolBlocks(pool) / blocksFor(pool, pool.maxModelLen);
}
