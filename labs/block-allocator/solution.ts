// Reference solution for lab 8: paged KV blocks with reference counts, a prefix cache keyed by block contents, and
// least-recently-used eviction of cached blocks nobody holds.
import type { KvAllocator, KvAllocatorOptions, Seq } from 'goodput';

export function createAllocator(options: KvAllocatorOptions): KvAllocator {
  return new BlockAllocator(options);
}

class BlockAllocator implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;
  private readonly caching: boolean;
  /** Blocks holding nothing worth keeping. */
  private readonly free: number[] = [];
  /** How many sequences hold each block. */
  private readonly refs: number[];
  /** Each sequence's blocks, in order. */
  private readonly tables = new Map<number, number[]>();
  /** Computed full blocks by contents, and the contents each cached block holds. */
  private readonly cache = new Map<number, number>();
  private readonly contents = new Map<number, number>();
  /** Cached blocks nobody holds; a Set iterates in insertion order, so the first is the least recently used. */
  private readonly idle = new Set<number>();
  private used = 0;

  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
    this.caching = o.prefixCaching;
    this.refs = new Array<number>(this.totalBlocks).fill(0);
    for (let b = this.totalBlocks - 1; b >= 0; b--) this.free.push(b);
  }

  usedBlocks(): number {
    return this.used;
  }

  cachedTokens(seq: Seq): number {
    if (!this.caching) return 0;
    const limit = Math.floor((seq.length - 1) / this.blockSize);
    let hits = 0;
    while (hits < limit && this.cache.has(seq.blockKey(hits, this.blockSize))) hits++;
    return hits * this.blockSize;
  }

  grow(seq: Seq, tokens: number): boolean {
    const table = this.tables.get(seq.id) ?? [];
    const want = Math.ceil(tokens / this.blockSize);
    if (want <= table.length) return true;
    // A sequence's first blocks come from the cache when their contents are already computed.
    const hitBlocks: number[] = [];
    if (table.length === 0) {
      const hits = Math.min(want, this.cachedTokens(seq) / this.blockSize);
      for (let i = 0; i < hits; i++) hitBlocks.push(this.cache.get(seq.blockKey(i, this.blockSize)) as number);
    }
    const idleHits = hitBlocks.filter((b) => this.refs[b] === 0).length;
    const fresh = want - table.length - hitBlocks.length;
    if (fresh > this.free.length + this.idle.size - idleHits) return false;
    for (const b of hitBlocks) this.hold(b, table);
    for (let i = 0; i < fresh; i++) this.hold(this.take(), table);
    this.tables.set(seq.id, table);
    return true;
  }

  release(seq: Seq): void {
    const table = this.tables.get(seq.id);
    if (!table) return;
    // The tail goes first, so eviction takes a sequence's own blocks before a prefix others may share.
    for (const b of [...table].reverse()) {
      this.refs[b] = (this.refs[b] as number) - 1;
      if (this.refs[b] > 0) continue;
      this.used--;
      if (this.contents.has(b)) this.idle.add(b);
      else this.free.push(b);
    }
    this.tables.delete(seq.id);
  }

  markComputed(seq: Seq, tokens: number): void {
    if (!this.caching) return;
    const table = this.tables.get(seq.id) ?? [];
    const full = Math.min(Math.floor(tokens / this.blockSize), table.length);
    for (let i = 0; i < full; i++) {
      const b = table[i] as number;
      const key = seq.blockKey(i, this.blockSize);
      // Already cached (this block, or another copy computed first): keep the first one.
      if (this.contents.has(b) || this.cache.has(key)) continue;
      this.cache.set(key, b);
      this.contents.set(b, key);
    }
  }

  private hold(b: number, table: number[]): void {
    if (this.refs[b] === 0) {
      this.idle.delete(b);
      this.used++;
    }
    this.refs[b] = (this.refs[b] as number) + 1;
    table.push(b);
  }

  /** A block to write into: a free one, or else the least recently used cached one, forgotten. */
  private take(): number {
    const free = this.free.pop();
    if (free !== undefined) return free;
    const b = this.idle.values().next().value as number;
    this.idle.delete(b);
    this.cache.delete(this.contents.get(b) as number);
    this.contents.delete(b);
    return b;
  }
}
