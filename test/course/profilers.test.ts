import { describe, expect, it } from 'vitest';
import { bandwidthCheck } from '../../src/components/bandwidth-check/bandwidth-view.ts';
import { profilers } from '../../src/course/facts/profilers.ts';
import { getQuestion, QUESTIONS, TOOL_IDS, TOOLS } from '../../src/course/profilers.ts';
import { InputError } from '../../src/engine/errors.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

describe('the profiler coverage data', () => {
  it('answers every question for every tool, and at least one tool fully answers each', () => {
    expect(TOOLS.map((t) => t.id)).toEqual([...TOOL_IDS]);
    for (const q of QUESTIONS) {
      for (const id of TOOL_IDS) expect(q.answers[id].note.length, `${q.id}/${id}`).toBeGreaterThan(10);
      expect(
        TOOL_IDS.some((id) => q.answers[id].coverage === 'yes'),
        q.id,
      ).toBe(true);
    }
  });

  it('puts the questions the chapter names with the tools it names', () => {
    expect(getQuestion('gaps').answers.nsys.coverage).toBe('yes');
    expect(getQuestion('kernel-bandwidth').answers.ncu.coverage).toBe('yes');
    expect(getQuestion('which-op').answers.torch.coverage).toBe('yes');
    expect(getQuestion('user-latency').answers.client.coverage).toBe('yes');
    expect(getQuestion('queue').answers.server.coverage).toBe('yes');
    expect(() => getQuestion('nope')).toThrow(/unknown profiling question/);
  });
});

describe('bandwidthCheck', () => {
  it('divides the bytes a step reads by the measured time (Llama 3.1 8B BF16, batch 1, no KV)', () => {
    // 8,030,261,248 parameters × 2 B (shared/course/model-configs.json); H100 SXM 3,350 GB/s.
    const bytes = 2 * 8_030_261_248;
    const v = bandwidthCheck({
      model: 'llama-3.1-8b',
      gpu: 'h100-sxm',
      weightPrecision: 'bf16',
      batch: 1,
      context: 0,
      measuredMs: 6,
    });
    expect(v.share).toBeCloseTo(bytes / 0.006 / 3350e9, 9);
    expect(v.tone).toBe('ok');
  });

  it('flags impossible, slow and compute-bound measurements differently', () => {
    const base = { model: 'llama-3.1-8b', gpu: 'h100-sxm', weightPrecision: 'bf16' as const, batch: 1, context: 0 };
    expect(bandwidthCheck({ ...base, measuredMs: 3 }).tone).toBe('bad');
    expect(bandwidthCheck({ ...base, measuredMs: 3 }).verdict).toMatch(/Faster than the memory bus/);
    expect(bandwidthCheck({ ...base, measuredMs: 20 }).verdict).toMatch(/Below the/);
    expect(bandwidthCheck({ ...base, batch: 1024, measuredMs: 40 }).verdict).toMatch(/compute-bound/);
  });

  it('names the bad field, also through the worker', async () => {
    const bad = {
      model: 'llama-3.1-8b',
      gpu: 'h100-sxm',
      weightPrecision: 'bf16',
      batch: 1,
      context: 0,
      measuredMs: 0,
    };
    expect(() => bandwidthCheck(bad as never)).toThrow(InputError);
    const reply = await engineApi.bandwidthCheck(bad);
    expect(!reply.ok && reply.issues[0]?.field).toBe('measuredMs');
  });
});

describe('the profilers chapter example', () => {
  const num = (s: string) => Number(s.replace(/[^0-9.]/g, ''));
  it('has kernels inside the band and the whole step below it, as the prose says', () => {
    expect(num(profilers.kernelPct)).toBeGreaterThanOrEqual(num(profilers.effLow));
    expect(num(profilers.kernelPct)).toBeLessThanOrEqual(num(profilers.effHigh));
    expect(num(profilers.stepPct)).toBeLessThan(num(profilers.effLow));
  });
});
