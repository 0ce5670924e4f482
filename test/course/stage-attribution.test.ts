import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, judgeChange, stageView } from '../../src/components/stage-attribution/stage-view.ts';
import { servingPath } from '../../src/course/facts/serving-path.ts';
import { applyChange, endToEnd, STAGES, type StageTimes, servingTrace } from '../../src/course/traces/serving-path.ts';
import { paddingWaste } from '../../src/engine/batching.ts';
import { InputError } from '../../src/engine/errors.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

const num = (s: string | undefined) => Number((s ?? '').replace(/[^0-9.]/g, ''));

describe('per-stage attribution', () => {
  it('is additive exactly when the stages move in lockstep (comonotonic stages)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 20, maxLength: 200 }), (xs) => {
        const trace = xs.map((x) => Object.fromEntries(STAGES.map((s, k) => [s, x * (k + 1)])) as StageTimes);
        const a = attribute(trace);
        return Math.abs(a.sumOfStageP95Ms - a.e2eP95Ms) <= 1e-9 * a.e2eP95Ms;
      }),
    );
  });

  it('overstates the end-to-end p95 for bursty stages and understates it for rare stalls (as the chapter says)', () => {
    const bursty = attribute(servingTrace({ shape: 'bursty', requests: 5000, seed: 1 }));
    const stalls = attribute(servingTrace({ shape: 'stalls', requests: 5000, seed: 1 }));
    expect(bursty.sumOfStageP95Ms).toBeGreaterThan(bursty.e2eP95Ms * 1.05);
    expect(stalls.sumOfStageP95Ms).toBeLessThan(stalls.e2eP95Ms * 0.8);
    expect(servingPath.burstyVersus).toMatch(/more than/);
    expect(servingPath.stallsVersus).toMatch(/less than/);
  });

  it('shares of summed p95s and shares of the tail each add to one', () => {
    const a = attribute(servingTrace({ shape: 'stalls', requests: 2000, seed: 4 }));
    expect(a.rows.reduce((t, r) => t + r.naiveShare, 0)).toBeCloseTo(1, 9);
    expect(a.rows.reduce((t, r) => t + r.tailShare, 0)).toBeCloseTo(1, 9);
    expect(a.tailRequests).toBe(100);
  });

  it('a null change leaves p95 alone both ways; a real one re-measures the same requests', () => {
    const trace = servingTrace({ shape: 'bursty', requests: 3000, seed: 9 });
    const a = attribute(trace);
    const none = judgeChange(trace, a, { kernelSpeedup: 1, queueFactor: 1 });
    expect(none.naivePredictedP95Ms).toBeCloseTo(a.e2eP95Ms, 9);
    expect(none.remeasuredP95Ms).toBeCloseTo(a.e2eP95Ms, 9);
    const after = applyChange(trace, { kernelSpeedup: 2, queueFactor: 0.5 });
    expect(after[7]?.kernels).toBeCloseTo((trace[7]?.kernels ?? 0) / 2, 9);
    expect(after[7]?.tokenize).toBe(trace[7]?.tokenize);
    expect(endToEnd(after[7] as StageTimes)).toBeLessThan(endToEnd(trace[7] as StageTimes));
  });

  it('in the calm trace, cutting the queue beats what share arithmetic predicts (the chapter example)', () => {
    expect(num(servingPath.stallsRemeasured)).toBeLessThan(num(servingPath.stallsNaive));
    expect(num(servingPath.stallsQueueTail)).toBeGreaterThan(num(servingPath.stallsQueueNaive));
    expect(num(servingPath.kernelP95Ms)).toBeGreaterThan(servingPath.kernelAloneMs);
  });

  it('validates its inputs by field, also through the worker API', async () => {
    expect(() => servingTrace({ shape: 'bursty', requests: 5, seed: 1 })).toThrow(InputError);
    const bad = await engineApi.stageAttribution({
      shape: 'bursty',
      requests: 1000,
      seed: 1,
      kernelSpeedup: 0.5,
      queueFactor: 1,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.field).toBe('kernelSpeedup');
    const ok = await engineApi.stageAttribution({
      shape: 'stalls',
      requests: 1000,
      seed: 1,
      kernelSpeedup: 1,
      queueFactor: 0.5,
    });
    expect(ok.ok && ok.value.rows.length).toBe(STAGES.length);
    expect(
      stageView({ shape: 'stalls', requests: 1000, seed: 1, kernelSpeedup: 1, queueFactor: 0.5 }).changeSummary,
    ).toMatch(/queue cut to 50%/);
  });
});

describe('paddingWaste', () => {
  it('matches hand-worked batches', () => {
    expect(paddingWaste([2, 4]).waste).toBeCloseTo(0.25, 12);
    expect(paddingWaste([5, 5, 5]).waste).toBe(0);
    expect(paddingWaste([1, 3, 4, 8]).paddedTokens).toBe(32);
  });

  it('rejects empty or non-positive lengths', () => {
    expect(() => paddingWaste([])).toThrow(RangeError);
    expect(() => paddingWaste([3, 0])).toThrow(/positive whole numbers/);
  });
});
