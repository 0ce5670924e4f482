import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getGpu, getModel } from '../../src/engine/catalog/index.ts';
import { weightBytes } from '../../src/engine/memory.ts';
import { decodeStep } from '../../src/engine/roofline.ts';
import { RooflineSource } from '../../src/server/roofline-source.ts';
import type { TokenEvent } from '../../src/server/timing-source.ts';

const model = getModel('qwen3-4b');
const gpu = getGpu('h100-sxm');
const make = (maxBatch = 256) =>
  new RooflineSource({ model, gpu, weightPrecision: 'bf16', maxBatch, maxBatchedTokens: 8192, efficiency: 1 });

function drain(src: RooflineSource): TokenEvent[] {
  const events: TokenEvent[] = [];
  while (src.nextEventMs() < Number.POSITIVE_INFINITY) src.advance(src.nextEventMs(), (e) => events.push(e));
  return events;
}

describe('roofline timing source', () => {
  it('one short request: prefill reads the weights once, then each token takes one batch-1 decode step', () => {
    const src = make();
    src.add({ id: 1, promptTokens: 8, outputTokens: 4 }, 100);
    const ev = drain(src);
    expect(ev.map((e) => e.count)).toEqual([1, 1, 1, 1]);
    expect(ev.map((e) => e.done)).toEqual([false, false, false, true]);
    // A short prompt is memory-bound: its step reads the weights once and writes the prompt's KV cache,
    // 2 (K, V) × layers × KV heads × head dim × 2 bytes per token (hand-derived: bytes / bandwidth).
    const kvBytes = 8 * 2 * model.layers * model.kvHeads * model.headDim * 2;
    const prefillMs = ((weightBytes(model, 'bf16') + kvBytes) / gpu.bandwidthBytesPerS) * 1e3;
    expect((ev[0]?.atMs ?? 0) - 100).toBeCloseTo(prefillMs, 6);
    for (let i = 1; i < 4; i++) {
      const step = decodeStep(model, gpu, { weightPrecision: 'bf16', batch: 1, context: 8 + i }).stepTimeS * 1e3;
      expect((ev[i]?.atMs ?? 0) - (ev[i - 1]?.atMs ?? 0)).toBeCloseTo(step, 9);
    }
  });

  it('a long prompt is compute-bound: prefill takes its FLOPs at peak', () => {
    const src = make();
    src.add({ id: 1, promptTokens: 8000, outputTokens: 1 }, 0);
    const [first] = drain(src);
    // FLOPs ≈ 2·params per token plus attention; at 8,000 tokens that far exceeds the ridge point.
    const lowerBound = (8000 * 2 * 4.0e9) / gpu.denseOpsPerS.bf16;
    expect((first?.atMs ?? 0) / 1e3).toBeGreaterThan(lowerBound);
    expect((first?.atMs ?? 0) / 1e3).toBeGreaterThan((weightBytes(model, 'bf16') / gpu.bandwidthBytesPerS) * 2);
  });

  it('every request gets exactly its tokens, in time order, and at most maxBatch run at once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 200, noNaN: true }),
            prompt: fc.integer({ min: 1, max: 3000 }),
            out: fc.integer({ min: 0, max: 40 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 8 }),
        (reqs, maxBatch) => {
          const src = make(maxBatch);
          const sorted = [...reqs].sort((a, b) => a.at - b.at);
          const events: TokenEvent[] = [];
          sorted.forEach((r, i) => {
            src.advance(r.at, (e) => events.push(e));
            src.add({ id: i, promptTokens: r.prompt, outputTokens: r.out }, r.at);
            expect(src.stats().running).toBeLessThanOrEqual(maxBatch);
          });
          events.push(...drain(src));
          for (let i = 1; i < events.length; i++)
            expect(events[i]?.atMs).toBeGreaterThanOrEqual(events[i - 1]?.atMs ?? 0);
          sorted.forEach((r, i) => {
            const mine = events.filter((e) => e.id === i);
            expect(mine.reduce((s, e) => s + e.count, 0)).toBe(r.out);
            expect(mine.filter((e) => e.done)).toHaveLength(1);
            expect(mine[mine.length - 1]?.done).toBe(true);
            expect(mine[0]?.atMs).toBeGreaterThan(r.at);
          });
          const perStep = new Map<number, Set<number>>();
          for (const e of events) perStep.set(e.atMs, (perStep.get(e.atMs) ?? new Set()).add(e.id));
          for (const ids of perStep.values()) expect(ids.size).toBeLessThanOrEqual(maxBatch);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a request that arrives mid-step joins at the next step; a cancelled one emits nothing more', () => {
    const src = make();
    src.add({ id: 1, promptTokens: 8, outputTokens: 10 }, 0);
    const end1 = src.nextEventMs();
    src.add({ id: 2, promptTokens: 8, outputTokens: 2 }, end1 / 2);
    const events: TokenEvent[] = [];
    src.advance(end1, (e) => events.push(e));
    expect(events.map((e) => e.id)).toEqual([1]);
    src.cancel(1);
    events.push(...drain(src));
    expect(events.filter((e) => e.id === 1)).toHaveLength(1);
    expect(events.filter((e) => e.id === 2).map((e) => e.count)).toEqual([1, 1]);
  });
});
