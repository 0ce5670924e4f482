import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/engine/metrics.ts';
import { generateWorkload, Scenario, type ScenarioInput, SHAPES, simulate } from '../../src/engine/sim/index.ts';

const gen = (input: ScenarioInput) => {
  const s = Scenario.parse(input);
  return generateWorkload(s.workload, s.seed);
};

describe('workloads', () => {
  it('draw chat lengths whose 5th and 95th percentiles are the source ranges (1–4K prompt, 50–500 output)', () => {
    const { seqs } = gen({ workload: { shape: 'chat', requests: 20_000 } });
    const prompts = seqs.map((q) => q.promptTokens);
    const outputs = seqs.map((q) => q.outputTokens);
    expect(Math.abs(percentile(prompts, 5) / 1000 - 1)).toBeLessThan(0.04);
    expect(Math.abs(percentile(prompts, 95) / 4000 - 1)).toBeLessThan(0.04);
    expect(Math.abs(percentile(outputs, 5) / 50 - 1)).toBeLessThan(0.06);
    expect(Math.abs(percentile(outputs, 95) / 500 - 1)).toBeLessThan(0.04);
    expect(Math.max(...prompts)).toBeLessThanOrEqual(6000);
  });

  it('arrive at the asked rate: Poisson, and gamma with the same mean but burstier gaps', () => {
    for (const arrival of [
      { kind: 'poisson' as const, rate: 5 },
      { kind: 'gamma' as const, rate: 5, burstiness: 0.25 },
    ]) {
      const { seqs } = gen({ workload: { requests: 20_000, arrival } });
      const gaps = seqs.slice(1).map((q, i) => q.arrivalS - (seqs[i]?.arrivalS ?? 0));
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      const cv2 = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length / mean ** 2;
      expect(Math.abs(mean * 5 - 1)).toBeLessThan(0.05);
      // Squared coefficient of variation of gamma gaps is 1 / shape: 1 for Poisson, 4 for burstiness 0.25.
      expect(Math.abs(cv2 * (arrival.kind === 'gamma' ? arrival.burstiness : 1) - 1)).toBeLessThan(0.1);
    }
  });

  it('keeps the same requests when only a non-workload knob changes', () => {
    const a = gen({ seed: 5, workload: { shape: 'agent', requests: 50 } });
    const b = gen({ seed: 5, kv: { prefixCaching: true }, workload: { shape: 'agent', requests: 50 } });
    expect(b.seqs.map((q) => [q.promptTokens, q.outputTokens, q.arrivalS])).toEqual(
      a.seqs.map((q) => [q.promptTokens, q.outputTokens, q.arrivalS]),
    );
    expect(a.seqs.every((q) => q.prefixId === 0 && q.prefixTokens === SHAPES.agent.sharedPrefix?.tokens)).toBe(true);
  });

  it('merges bursts in time order and replays traces as given', () => {
    const { seqs } = gen({
      workload: {
        requests: 100,
        arrival: { kind: 'poisson', rate: 10 },
        bursts: [{ atS: 3, count: 5, promptTokens: 9000, outputTokens: 10 }],
      },
    });
    expect(seqs).toHaveLength(105);
    for (let i = 1; i < seqs.length; i++)
      expect(seqs[i]?.arrivalS).toBeGreaterThanOrEqual(seqs[i - 1]?.arrivalS as number);
    expect(seqs.filter((q) => q.promptTokens === 9000 && q.arrivalS === 3)).toHaveLength(5);
    const trace = [
      { arrivalS: 2, promptTokens: 100, outputTokens: 3 },
      { arrivalS: 1, promptTokens: 200, outputTokens: 4, prefixId: 3, prefixTokens: 64 },
    ];
    const t = gen({ workload: { trace } });
    expect(t.seqs.map((q) => [q.arrivalS, q.promptTokens, q.prefixId])).toEqual([
      [1, 200, 3],
      [2, 100, -1],
    ]);
  });

  it('closed loop: each user sends the next request when the previous one completes', () => {
    const r = simulate(
      { workload: { requests: 30, arrival: { kind: 'closed', concurrency: 3 } } },
      {},
      { requests: true },
    );
    const rows = r.requests ?? [];
    expect(rows.filter((q) => q.arrival_s === 0)).toHaveLength(3);
    const finishes = new Set(rows.map((q) => Math.round((q.arrival_s + (q.e2e_ms ?? 0) / 1000) * 1e9)));
    for (const q of rows.filter((x) => x.arrival_s > 0)) expect(finishes.has(Math.round(q.arrival_s * 1e9))).toBe(true);
  });
});
