import { describe, expect, it } from 'vitest';
import { arrivalGapsMs, closedLoop, openLoop } from '../../labs/kits/bench/src/load.ts';
import { mean } from '../../src/engine/metrics.ts';

describe('arrival gaps (gamma, as vLLM bench serve draws them)', () => {
  it('have mean 1/rate and coefficient of variation 1/√burstiness', () => {
    // Gamma(shape k, scale θ): mean kθ, variance kθ². With k = burstiness and θ = 1/(rate·k): mean 1/rate,
    // CV 1/√k. 20,000 draws put the sample mean within about 1% (3σ) of that.
    for (const [rate, burstiness] of [
      [4, 1],
      [10, 0.25],
      [2, 4],
    ] as const) {
      const gaps = arrivalGapsMs(20_000, rate, burstiness, 7);
      const m = mean(gaps);
      const sd = Math.sqrt(mean(gaps.map((g) => (g - m) ** 2)));
      expect(m).toBeGreaterThan((1000 / rate) * 0.97);
      expect(m).toBeLessThan((1000 / rate) * 1.03);
      expect(sd / m).toBeGreaterThan((1 / Math.sqrt(burstiness)) * 0.93);
      expect(sd / m).toBeLessThan((1 / Math.sqrt(burstiness)) * 1.07);
      expect(gaps.every((g) => g > 0)).toBe(true);
    }
    expect(arrivalGapsMs(5, 3, 1, 42)).toEqual(arrivalGapsMs(5, 3, 1, 42));
  });
});

describe('load drivers', () => {
  it('closed loop: never more than N in flight, every job run once, none started after an abort', async () => {
    let inFlight = 0;
    let peak = 0;
    const ran: number[] = [];
    const controller = new AbortController();
    await closedLoop(
      50,
      4,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        ran.push(i);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        if (i === 29) controller.abort();
      },
      controller.signal,
    );
    expect(peak).toBe(4);
    expect(new Set(ran).size).toBe(ran.length);
    expect(ran.length).toBeGreaterThanOrEqual(30);
    expect(ran.length).toBeLessThanOrEqual(33);
  });

  it('open loop: releases jobs at their arrival times, without waiting for earlier ones to finish', async () => {
    const events: string[] = [];
    await openLoop(
      [0, 20, 20, 20],
      async (i) => {
        events.push(`start ${i}`);
        await new Promise((r) => setTimeout(r, 100));
        events.push(`end ${i}`);
      },
      new AbortController().signal,
    );
    // Job 3 is due at 60 ms; job 0 takes 100 ms: a closed loop would have waited.
    expect(events.indexOf('start 3')).toBeLessThan(events.indexOf('end 0'));
    expect(events.filter((e) => e.startsWith('end'))).toHaveLength(4);
  });
});
