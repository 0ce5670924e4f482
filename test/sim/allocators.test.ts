import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContiguousAllocator, PagedAllocator, Seq } from '../../src/engine/sim/index.ts';

const opts = (poolTokens: number, prefixCaching = false) => ({
  poolTokens,
  blockSize: 16,
  maxModelLen: 1024,
  prefixCaching,
});

describe('PagedAllocator', () => {
  it('hands out ceil(tokens / block) blocks and refuses, changing nothing, when short', () => {
    const kv = new PagedAllocator(opts(160)); // 10 blocks
    const a = new Seq(0, 0, 100, 10);
    const b = new Seq(1, 0, 100, 10);
    expect(kv.totalBlocks).toBe(10);
    expect(kv.grow(a, 33)).toBe(true); // 3 blocks
    expect(kv.usedBlocks()).toBe(3);
    expect(kv.grow(a, 48)).toBe(true); // still 3
    expect(kv.usedBlocks()).toBe(3);
    expect(kv.grow(b, 113)).toBe(false); // 8 blocks > 7 free
    expect(kv.usedBlocks()).toBe(3);
    expect(kv.grow(b, 112)).toBe(true); // 7 blocks
    expect(kv.usedBlocks()).toBe(10);
    kv.release(a);
    expect(kv.usedBlocks()).toBe(7);
  });

  it('never leaks or double-frees over random grow/release sequences (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(7), fc.integer({ min: 0, max: 400 }), fc.boolean()), { maxLength: 200 }),
        (ops) => {
          const kv = new PagedAllocator(opts(1600));
          const seqs = Array.from({ length: 8 }, (_, i) => new Seq(i, 0, 500, 10));
          const held = new Array(8).fill(0);
          for (const [i, tokens, release] of ops) {
            const seq = seqs[i] as Seq;
            if (release) {
              kv.release(seq);
              held[i] = 0;
            } else if (kv.grow(seq, tokens)) held[i] = Math.max(held[i], Math.ceil(tokens / 16));
            expect(kv.usedBlocks()).toBe(held.reduce((s, h) => s + h, 0));
            expect(kv.usedBlocks()).toBeLessThanOrEqual(kv.totalBlocks);
          }
        },
      ),
    );
  });

  it('prefix caching: shares computed full blocks by reference and evicts idle ones least recently used first', () => {
    const kv = new PagedAllocator(opts(16 * 12, true)); // 12 blocks
    const p1 = new Seq(0, 0, 80, 5, 7, 64); // prefix group 7, 64 shared tokens = 4 blocks
    const p2 = new Seq(1, 0, 90, 5, 7, 64);
    expect(kv.cachedTokens(p1)).toBe(0);
    expect(kv.grow(p1, 80)).toBe(true); // 5 blocks
    kv.markComputed(p1, 80);
    expect(kv.cachedTokens(p2)).toBe(64); // the 4 prefix blocks, not p1's own fifth
    expect(kv.grow(p2, 90)).toBe(true); // 4 shared + 2 new
    expect(kv.usedBlocks()).toBe(7);
    kv.release(p1);
    expect(kv.usedBlocks()).toBe(6); // the shared blocks are still held by p2
    kv.release(p2);
    expect(kv.usedBlocks()).toBe(0);
    // Idle cached blocks still serve a newcomer…
    const p3 = new Seq(2, 0, 70, 5, 7, 64);
    expect(kv.cachedTokens(p3)).toBe(64);
    kv.release(p3);
    // …until memory is needed: filling the pool evicts them.
    const big = new Seq(3, 0, 190, 2);
    expect(kv.grow(big, 192)).toBe(true); // all 12 blocks
    expect(kv.cachedTokens(p3)).toBe(0);
    kv.release(big);
    expect(kv.usedBlocks()).toBe(0);
  });

  it('leaves at least one token to compute even when the whole prompt is cached', () => {
    const kv = new PagedAllocator(opts(16 * 20, true));
    const a = new Seq(0, 0, 64, 5, 1, 63);
    const b = new Seq(1, 0, 64, 5, 1, 63);
    kv.grow(a, 64);
    kv.markComputed(a, 64);
    // Only blocks wholly inside the 63-token prefix are shared: 3 of them.
    expect(kv.cachedTokens(b)).toBe(48);
  });
});

describe('ContiguousAllocator', () => {
  it('reserves one maxModelLen slot per sequence however short it is', () => {
    const kv = new ContiguousAllocator(opts(4096));
    expect(kv.totalBlocks).toBe(4);
    const seqs = Array.from({ length: 5 }, (_, i) => new Seq(i, 0, 10, 10));
    for (const s of seqs.slice(0, 4)) expect(kv.grow(s, 11)).toBe(true);
    expect(kv.grow(seqs[4] as Seq, 1)).toBe(false);
    expect(kv.grow(seqs[0] as Seq, 1024)).toBe(true);
    expect(kv.grow(seqs[0] as Seq, 1025)).toBe(false);
    kv.release(seqs[1] as Seq);
    expect(kv.grow(seqs[4] as Seq, 1)).toBe(true);
  });
});
