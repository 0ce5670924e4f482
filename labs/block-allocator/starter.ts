// Lab 8: a paged block allocator with prefix sharing.
// The simulator asks your allocator for KV-cache memory. Part 1: paged blocks (grow, release, usedBlocks).
// Part 2: prefix sharing (markComputed, cachedTokens), with reference counts and eviction of cached blocks.
import type { KvAllocator, KvAllocatorOptions, Seq } from 'goodput';

export function createAllocator(options: KvAllocatorOptions): KvAllocator {
  return new BlockAllocator(options);
}

class BlockAllocator implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;

  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
  }

  /** Blocks held by sequences now (cached blocks nobody holds count as free). */
  usedBlocks(): number {
    return 0;
  }

  /** Let `seq` hold `tokens` tokens in all; false (changing nothing) if the pool is too full. */
  grow(seq: Seq, tokens: number): boolean {
    return false;
  }

  /** Give back every block `seq` holds. */
  release(seq: Seq): void {}

  // Part 2: add cachedTokens(seq: Seq): number and markComputed(seq: Seq, tokens: number): void.
}
