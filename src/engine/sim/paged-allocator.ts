import type { KvAllocator, KvAllocatorOptions } from './kv-allocator.ts';
import type { Seq } from './seq.ts';

/**
 * Paged KV allocation as vLLM does it: the pool is cut into blocks of `blockSize` tokens and a sequence gets a
 * block only when it needs one, so at most one block per sequence is part-empty. With prefix caching, full
 * blocks are remembered by their contents (`Seq.blockOwner` and the block's index); later sequences with the same prefix share them
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
  /** What each cached block holds (owner, block index; owner −1 when not cached), and the cache itself: owner → blocks by index. */
  readonly #owner: Int32Array;
  readonly #index: Int32Array;
  readonly #cache = new Map<number, number[]>();
  /** Cached blocks that no sequence holds, oldest first: a doubly linked list through #prev/#next. */
  readonly #prev: Int32Array;
  readonly #next: Int32Array;
  #lruHead = -1;
  #lruTail = -1;
  #lruSize = 0;
  #used = 0;
  /** Block table of each sequence (by id) and its length; tables are recycled, so growing allocates nothing. */
  readonly #tables: (Int32Array | undefined)[] = [];
  readonly #lens: number[] = [];
  readonly #spare: Int32Array[] = [];
  readonly #tableSize: number;
  /** How many of each sequence's blocks are registered in the cache. */
  readonly #registered: number[] = [];
  /** Bumped whenever the cache's contents change, so a sequence's last lookup can be reused until then. */
  #version = 0;
  readonly #memoVersion: number[] = [];
  readonly #memoHits: number[] = [];

  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
    this.#caching = o.prefixCaching;
    this.#tableSize = Math.ceil(o.maxModelLen / o.blockSize) + 2;
    const n = this.totalBlocks;
    this.#free = new Int32Array(n);
    for (let i = 0; i < n; i++) this.#free[i] = n - 1 - i; // block 0 on top
    this.#freeTop = n;
    this.#refs = new Int32Array(n);
    this.#owner = new Int32Array(n).fill(-1);
    this.#index = new Int32Array(n);
    this.#prev = new Int32Array(n).fill(-1);
    this.#next = new Int32Array(n).fill(-1);
  }

  usedBlocks(): number {
    return this.#used;
  }

  cachedTokens(seq: Seq): number {
    if (!this.#caching) return 0;
    if (this.#memoVersion[seq.id] !== this.#version) {
      this.#memoHits[seq.id] = this.#hits(seq, Math.floor((seq.length - 1) / this.blockSize)).hits;
      this.#memoVersion[seq.id] = this.#version;
    }
    return (this.#memoHits[seq.id] as number) * this.blockSize;
  }

  grow(seq: Seq, tokens: number): boolean {
    const want = Math.ceil(tokens / this.blockSize);
    const have = this.#lens[seq.id] ?? 0;
    if (want <= have) return true;
    // A sequence with no blocks first takes whatever of its prefix is cached (at least one token left to compute).
    const { hits, idle } =
      have === 0 && this.#caching
        ? this.#hits(seq, Math.min(want, Math.floor((seq.length - 1) / this.blockSize)))
        : { hits: 0, idle: 0 };
    const fresh = want - have - hits;
    if (fresh > this.#freeTop + this.#lruSize - idle) return false;
    let table = this.#tables[seq.id];
    if (table === undefined) {
      table = this.#spare.pop() ?? new Int32Array(this.#tableSize);
      this.#tables[seq.id] = table;
    }
    if (want > table.length) {
      const bigger = new Int32Array(Math.max(want, 2 * table.length));
      bigger.set(table);
      table = bigger;
      this.#tables[seq.id] = table;
    }
    let n = have;
    for (let i = 0; i < hits; i++) {
      const b = this.#lookup(seq, i) as number;
      if (this.#refs[b] === 0) {
        this.#unlink(b);
        this.#used++;
      }
      this.#refs[b] = (this.#refs[b] as number) + 1;
      table[n++] = b;
    }
    if (hits > 0) this.#registered[seq.id] = hits;
    for (let i = 0; i < fresh; i++) {
      const b = this.#take();
      this.#refs[b] = 1;
      this.#used++;
      table[n++] = b;
    }
    this.#lens[seq.id] = n;
    return true;
  }

  release(seq: Seq): void {
    const table = this.#tables[seq.id];
    if (table === undefined) return;
    // Last blocks first, so eviction takes a sequence's tail before the prefix others may share.
    for (let j = (this.#lens[seq.id] ?? 0) - 1; j >= 0; j--) {
      const b = table[j] as number;
      const left = (this.#refs[b] as number) - 1;
      this.#refs[b] = left;
      if (left > 0) continue;
      this.#used--;
      if (this.#owner[b] === -1) this.#free[this.#freeTop++] = b;
      else this.#append(b);
    }
    this.#tables[seq.id] = undefined;
    this.#spare.push(table);
    this.#lens[seq.id] = 0;
    this.#registered[seq.id] = 0;
  }

  markComputed(seq: Seq, tokens: number): void {
    if (!this.#caching) return;
    const full = Math.floor(tokens / this.blockSize);
    const from = this.#registered[seq.id] ?? 0;
    const table = this.#tables[seq.id];
    if (table === undefined || full <= from) return;
    for (let j = from; j < full; j++) {
      const b = table[j] as number;
      if (this.#owner[b] !== -1) continue;
      // Another sequence may have computed the same tokens first; then this copy stays private.
      if (this.#lookup(seq, j) !== undefined) continue;
      const owner = seq.blockOwner(j, this.blockSize);
      let row = this.#cache.get(owner);
      if (row === undefined) {
        row = [];
        this.#cache.set(owner, row);
      }
      row[j] = b;
      this.#owner[b] = owner;
      this.#index[b] = j;
      this.#version++;
    }
    this.#registered[seq.id] = full;
  }

  /** Leading blocks of `seq` found in the cache (up to `limit`), and how many of them no sequence holds. */
  #hits(seq: Seq, limit: number): { hits: number; idle: number } {
    let hits = 0;
    let idle = 0;
    while (hits < limit) {
      const b = this.#lookup(seq, hits);
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
    const owner = this.#owner[b] as number;
    const row = this.#cache.get(owner) as number[];
    row[this.#index[b] as number] = -1;
    this.#owner[b] = -1;
    this.#version++;
    return b;
  }

  /** The cached block holding block `index` of `seq`'s contents, if any. */
  #lookup(seq: Seq, index: number): number | undefined {
    const b = this.#cache.get(seq.blockOwner(index, this.blockSize))?.[index];
    return b === undefined || b < 0 ? undefined : b;
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
