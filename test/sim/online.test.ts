// Real-time use (the practice server): requests submitted as they arrive, the clock advanced step by step.
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/engine/metrics.ts';
import {
  generateWorkload,
  onlineReplica,
  Scenario,
  type ScenarioInput,
  type Seq,
  simulate,
} from '../../src/engine/sim/index.ts';

const input: ScenarioInput = {
  seed: 9,
  hardware: { kvCacheGiB: 3 },
  workload: { requests: 250, arrival: { kind: 'gamma', rate: 6, burstiness: 0.5 } },
};

describe('online replica', () => {
  it('fed the same requests as they arrive, produces exactly the offline run', () => {
    const offline = simulate(input, {}, { requests: true });
    const s = Scenario.parse(input);
    const { seqs } = generateWorkload(s.workload, s.seed);
    const { replica, result } = onlineReplica(input);
    for (const q of seqs) {
      replica.advance(q.arrivalS);
      replica.submit(q.promptTokens, q.outputTokens, q.arrivalS);
    }
    replica.advance(Number.POSITIVE_INFINITY);
    const online = result({ requests: true });
    expect(offline.preemptions).toBeGreaterThan(0);
    expect(online.requests).toEqual(offline.requests);
    expect(online.results).toEqual(offline.results);
  });

  it('reports every token with its time; per-request gaps pool to the run’s inter-token latency', () => {
    const gaps: number[] = [];
    const last = new Map<Seq, number>();
    let tokens = 0;
    const r = simulate(input, {
      onToken: (seq, n, t) => {
        tokens += n;
        const before = last.get(seq);
        if (before !== undefined) gaps.push((t - before) * 1000);
        last.set(seq, t);
      },
    });
    expect(tokens).toBe(r.output_tokens);
    expect(gaps).toHaveLength(r.output_tokens - r.results.completed);
    for (const p of [50, 95, 99] as const) expect(r.results.itl_ms[`p${p}`]).toBeCloseTo(percentile(gaps, p), 9);
  });

  it('refuses arrivals out of time order and bad lengths', () => {
    const { replica } = onlineReplica(input);
    replica.submit(100, 10, 1);
    expect(() => replica.submit(100, 10, 0.5)).toThrow(/time order/);
    expect(() => replica.submit(0, 10, 2)).toThrow(/promptTokens must be a whole number of at least 1/);
  });
});
