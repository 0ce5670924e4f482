// Watches a learner's KV allocator from outside while the simulator uses it. Without looking inside, it can still
// prove three kinds of mistake: handing out more blocks than the pool has, refusing blocks while the pool plainly has
// room, and claiming cached prefix tokens that no request ever computed.
import { fail, learnerCall } from '../../graders/labs/harness.ts';
import type { KvAllocator, KvAllocatorOptions, Seq } from '../../src/engine/sim/index.ts';

export interface Audit {
  allocator: KvAllocator;
  /** What went wrong, in words, first few only. */
  violations: string[];
  /** Checks that need the run to be over: every block given back. */
  finish(): void;
}

const MAX_REPORTED = 3;

export function audit(learner: unknown, o: KvAllocatorOptions): Audit {
  const a = learner as Partial<KvAllocator> | null;
  if (!a || typeof a.grow !== 'function' || typeof a.release !== 'function' || typeof a.usedBlocks !== 'function')
    fail('createAllocator must return an object with grow(seq, tokens), release(seq) and usedBlocks() methods.');
  const bs = o.blockSize;
  const total = Math.floor(o.poolTokens / bs);
  if (a.blockSize !== bs)
    fail(`blockSize must be the blockSize you were given (${bs}); yours is ${String(a.blockSize)}.`);
  if (a.totalBlocks !== total)
    fail(
      `totalBlocks must be the whole blocks the pool holds, Math.floor(poolTokens / blockSize) = ${total}; yours is ${String(a.totalBlocks)}.`,
    );

  const violations: string[] = [];
  const note = (v: string) => {
    if (violations.length < MAX_REPORTED) violations.push(v);
  };
  /** Blocks each live sequence holds (by what it asked for) and the content keys of those blocks. */
  const held = new Map<number, { seq: Seq; blocks: number }>();
  const keyHolders = new Map<number, number>();
  let heldBlocks = 0;
  /** Content keys of full blocks some request has computed (what a prefix cache could possibly hold). */
  const computed = new Set<number>();

  const grow = a.grow.bind(a);
  const release = a.release.bind(a);
  const usedBlocks = a.usedBlocks.bind(a);
  const allocator: KvAllocator = {
    blockSize: bs,
    totalBlocks: total,
    usedBlocks: () => learnerCall(() => usedBlocks()),
    grow(seq, tokens) {
      const entry = held.get(seq.id);
      const before = entry?.blocks ?? 0;
      const want = Math.ceil(tokens / bs);
      const ok = learnerCall(() => grow(seq, tokens));
      if (ok !== true && ok !== false) fail(`grow must return true or false (it returned ${String(ok)}).`);
      if (!ok) {
        const need = want - before;
        if (need > 0 && heldBlocks + need <= total) {
          const asked = `grow refused request ${seq.id} ${need} more block${need === 1 ? '' : 's'}`;
          note(
            heldBlocks === 0
              ? `${asked} although no sequence held any of the pool's ${total}: give a sequence Math.ceil(tokens / blockSize) blocks in all whenever the pool has them`
              : o.prefixCaching
                ? `${asked} while sequences held at most ${heldBlocks} of the pool's ${total}: the rest were free or cached with nobody holding them, and cached blocks nobody holds must be reclaimed (evict the least recently used) when free ones run out`
                : `${asked} while sequences held at most ${heldBlocks} of the pool's ${total}: the rest were free, so release must not be giving blocks back`,
          );
        }
        return false;
      }
      if (want > before) {
        for (let i = before; i < want; i++) {
          const key = seq.blockKey(i, bs);
          keyHolders.set(key, (keyHolders.get(key) ?? 0) + 1);
        }
        heldBlocks += want - before;
        held.set(seq.id, { seq, blocks: want });
        if (keyHolders.size > total)
          note(
            `after grow(request ${seq.id}), running sequences hold ${keyHolders.size} blocks of different contents, but the pool has only ${total}: grow said yes without the blocks to back it`,
          );
      }
      return true;
    },
    release(seq) {
      learnerCall(() => release(seq));
      const entry = held.get(seq.id);
      if (!entry) return;
      for (let i = 0; i < entry.blocks; i++) {
        const key = seq.blockKey(i, bs);
        const left = (keyHolders.get(key) ?? 1) - 1;
        if (left === 0) keyHolders.delete(key);
        else keyHolders.set(key, left);
      }
      heldBlocks -= entry.blocks;
      held.delete(seq.id);
    },
  };

  if (typeof a.markComputed === 'function') {
    const markComputed = a.markComputed.bind(a);
    allocator.markComputed = (seq, tokens) => {
      for (let i = 0; i < Math.floor(tokens / bs); i++) computed.add(seq.blockKey(i, bs));
      learnerCall(() => markComputed(seq, tokens));
    };
  }
  if (typeof a.cachedTokens === 'function') {
    const cachedTokens = a.cachedTokens.bind(a);
    allocator.cachedTokens = (seq) => {
      const hit = learnerCall(() => cachedTokens(seq));
      if (typeof hit !== 'number' || !Number.isInteger(hit) || hit < 0 || hit % bs !== 0)
        fail(
          `cachedTokens must return a whole number of blocks' tokens (a multiple of ${bs}); it returned ${String(hit)}.`,
        );
      if (hit > 0 && !o.prefixCaching)
        fail(`cachedTokens returned ${hit} although prefix caching is off in this scenario: return 0.`);
      if (hit > seq.length - 1)
        fail(
          `cachedTokens returned ${hit} for request ${seq.id}, which has only ${seq.length} tokens: at least its last token must be computed, so at most ${Math.floor((seq.length - 1) / bs) * bs}.`,
        );
      for (let i = 0; i < hit / bs; i++)
        if (!computed.has(seq.blockKey(i, bs)))
          fail(
            `cachedTokens said request ${seq.id}'s first ${hit} tokens are cached, but no request has computed block ${i} with those contents (markComputed was never told).`,
          );
      return hit;
    };
  }

  return {
    allocator,
    violations,
    finish() {
      const left = learnerCall(() => usedBlocks());
      if (left !== 0)
        note(
          `every request has finished and been released, yet usedBlocks() reports ${left}: blocks are not given back, or cached blocks nobody holds are counted as used`,
        );
    },
  };
}
