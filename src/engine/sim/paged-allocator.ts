import type { KvAllocator, KvAllocatorOptions } from './kv-allocator.ts';
import type { Seq } from './seq.ts';

/**
 * Paged KV allocation as vLLM does it: the pool is cut into blocks of `blockSize` tokens and a sequence gets a
 * block only when it needs one, so at most one block per sequence is part-empty. With prefix caching, full
 * blocks are remembered by their contents (`Seq.blockKey`); later sequences with the same prefix share them
 * (reference counts), and cached blocks nobody holds are evicted least recently used first.
 */
export class PagedAllocator implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;
  readonly #caching: boolean;
  /** Stack of blocks that hold nothing worth keeping. */
  readonly #free: Int32Array;
  #freeTop: number;
  readonly #refs: Int32Array;
  /** Cache key of each block's contents, NaN when not cached. */
  readonly #key: Float64Array;
  readonly #cache = new Map<number, number>();
  /** Cached blocks that no sequence holds, oldest first: a doubly linked list through #prev/#next. */
  readonly #prev: Int32Array;
  readonly #next: Int32Array;
  #lruHead = -1;
  #lruTail = -1;
  #lruSize = 0;
  #used = 0;
  /** Block table of each sequence (by id), and how many of its blocks are registered in the cache. */
  readonly #tables: number[][] = [];
  readonly #registered: number[] = [];

  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
    this.#caching = o.prefixCaching;
    const n = this.totalBlocks;
    this.#free = new Int32Array(n);
    for (let i = 0; i < n; i++) this.#free[i] = n - 1 - i; // block 0 on top
    this.#freeTop = n;
    this.#refs = new Int32Array(n);
    this.#key = new Float64Array(n).fill(Number.NaN);
    this.#prev = new Int32Array(n).fill(-1);
    this.#next = new Int32Array(n).fill(-1);
  }

  usedBlocks(): number {
    return this.#used;
  }

  cachedTokens(seq: Seq): number {
    if (!this.#caching) return 0;
    return this.#hits(seq, Math.floor((seq.length - 1) / this.blockSize)).hits * this.blockSize;
  }

  grow(seq: Seq, tokens: number): boolean {
    let table = this.#tables[seq.id];
    if (table === undefined) {
      table = [];
      this.#tables[seq.id] = table;
    }
    const want = Math.ceil(tokens / this.blockSize);
    if (want <= table.length) return true;
    // A sequence with no blocks first takes whatever of its prefix is cached (at least one token left to compute).
    const { hits, idle } =
      table.length === 0 && this.#caching
        ? this.#hits(seq, Math.min(want, Math.floor((seq.length - 1) / this.blockSize)))
        : { hits: 0, idle: 0 };
    const fresh = want - table.length - hits;
    if (fresh > this.#freeTop + this.#lruSize - idle) return false;
    for (let i = 0; i < hits; i++) {
      const b = this.#cache.get(seq.blockKey(i, this.blockSize)) as number;
      if (this.#refs[b] === 0) {
        this.#unlink(b);
        this.#used++;
      }
      this.#refs[b] = (this.#refs[b] as number) + 1;
      table.push(b);
    }
    if (hits > 0) this.#registered[seq.id] = hits;
    for (let i = 0; i < fresh; i++) {
      const b = this.#take();
      this.#refs[b] = 1;
      this.#used++;
      table.push(b);
    }
    return true;
  }

  release(seq: Seq): void {
    const table = this.#tables[seq.id];
    if (table === undefined) return;
    // Last blocks first, so eviction takes a sequence's tail before the prefix others may share.
    for (let j = table.length - 1; j >= 0; j--) {
      const b = table[j] as number;
      const left = (this.#refs[b] as number) - 1;
      this.#refs[b] = left;
      if (left > 0) continue;
      this.#used--;
      if (Number.isNaN(this.#key[b])) this.#free[this.#freeTop++] = b;
      else this.#append(b);
    }
    table.length = 0;
    this.#registered[seq.id] = 0;
  }

  markComputed(seq: Seq, tokens: number): void {
    if (!this.#caching) return;
    const full = Math.floor(tokens / this.blockSize);
    const table = this.#tables[seq.id];
    if (table === undefined) return;
    for (let j = this.#registered[seq.id] ?? 0; j < full; j++) {
      const b = table[j] as number;
      if (!Number.isNaN(this.#key[b])) continue;
      const k = seq.blockKey(j, this.blockSize);
      // Another sequence may have computed the same tokens first; then this copy stays private.
      if (this.#cache.has(k)) continue;
      this.#cache.set(k, b);
      this.#key[b] = k;
    }
    this.#registered[seq.id] = Math.max(full, this.#registered[seq.id] ?? 0);
  }

  /** Leading blocks of `seq` found in the cache (up to `limit`), and how many of them no sequence holds. */
  #hits(seq: Seq, limit: number): { hits: number; idle: number } {
    let hits = 0;
    let idle = 0;
    while (hits < limit) {
      const b = this.#cache.get(seq.blockKey(hits, this.blockSize));
      if (b === undefined) break;
      if (this.#refs[b] === 0) idle++;
      hits++;
    }
    return { hits, idle };
  }

  /** A block to write into: a free one, or else the least recently used cached one, forgotten. */
  #take(): number {
    if (this.#freeTop > 0) return this.#free[--this.#freeTop] as number;
    const b = this.#lruHead;
    this.#unlink(b);
    this.#cache.delete(this.#key[b] as number);
    this.#key[b] = Number.NaN;
    return b;
  }

  #append(b: number): void {
    this.#prev[b] = this.#lruTail;
    this.#next[b] = -1;
    if (this.#lruTail >= 0) this.#next[this.#lruTail] = b;
    else this.#lruHead = b;
    this.#lruTail = b;
    this.#lruSize++;
  }

  #unlink(b: number): void {
    const p = this.#prev[b] as number;
    const n = this.#next[b] as number;
    if (p >= 0) this.#next[p] = n;
    else this.#lruHead = n;
    if (n >= 0) this.#prev[n] = p;
    else this.#lruTail = p;
    this.#prev[b] = -1;
    this.#next[b] = -1;
    this.#lruSize--;
  }
}
