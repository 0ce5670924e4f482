import type { KvAllocator, KvAllocatorOptions } from './kv-allocator.ts';
import type { Seq } from './seq.ts';

/**
 * Pre-paging allocation: every admitted sequence reserves room for `maxModelLen` tokens up front, however short
 * it turns out to be. The pool is therefore a fixed number of max-length slots, one "block" each.
 */
export class ContiguousAllocator implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;
  #free: number;
  readonly #holds: boolean[] = [];

  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.maxModelLen;
    this.totalBlocks = Math.floor(o.poolTokens / o.maxModelLen);
    this.#free = this.totalBlocks;
  }

  usedBlocks(): number {
    return this.totalBlocks - this.#free;
  }

  grow(seq: Seq, tokens: number): boolean {
    if (tokens > this.blockSize) return false;
    if (this.#holds[seq.id]) return true;
    if (this.#free === 0) return false;
    this.#free--;
    this.#holds[seq.id] = true;
    return true;
  }

  release(seq: Seq): void {
    if (!this.#holds[seq.id]) return;
    this.#holds[seq.id] = false;
    this.#free++;
  }
}
