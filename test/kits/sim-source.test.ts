// The practice server's timing source against the simulator's own offline run: the same requests at the same
// arrival times must produce the same tokens at the same times, whether fed live or replayed from a trace.
import { describe, expect, it } from 'vitest';
import { type ScenarioInput, type Seq, simulate } from '../../src/engine/sim/index.ts';
import { SimSource } from '../../src/server/sim-source.ts';
import type { TokenEvent } from '../../src/server/timing-source.ts';

const trace = [
  { arrivalS: 0, promptTokens: 900, outputTokens: 40 },
  { arrivalS: 0.004, promptTokens: 300, outputTokens: 12 },
  { arrivalS: 0.0041, promptTokens: 2000, outputTokens: 25 },
  { arrivalS: 0.05, promptTokens: 64, outputTokens: 60 },
  { arrivalS: 0.2, promptTokens: 1500, outputTokens: 8 },
];
const base: ScenarioInput = { model: 'qwen3-4b', gpu: 'rtx-4090', seed: 5 };

function drain(src: SimSource, untilMs = Number.POSITIVE_INFINITY): TokenEvent[] {
  const events: TokenEvent[] = [];
  for (let t = src.nextEventMs(); t <= untilMs && t < Number.POSITIVE_INFINITY; t = src.nextEventMs())
    src.advance(t, (e) => events.push(e));
  return events;
}

describe('the simulator as the practice server’s timing source', () => {
  it('live, request by request, gives the tokens and times of the simulator’s offline run', () => {
    const offline = new Map<number, { n: number; t: number }[]>();
    simulate(
      { ...base, workload: { trace } },
      {
        onToken: (seq: Seq, n: number, t: number) => offline.set(seq.id, [...(offline.get(seq.id) ?? []), { n, t }]),
      },
    );
    const origin = 1000; // the server's clock reading at the simulator's time 0
    const src = new SimSource(base, origin);
    const events: TokenEvent[] = [];
    trace.forEach((r, id) => {
      const at = origin + r.arrivalS * 1e3;
      events.push(...drain(src, at));
      src.add({ id, promptTokens: r.promptTokens, outputTokens: r.outputTokens }, at);
    });
    events.push(...drain(src));
    trace.forEach((r, id) => {
      const mine = events.filter((e) => e.id === id);
      const theirs = offline.get(id) ?? [];
      expect(mine.map((e) => e.count)).toEqual(theirs.map((x) => x.n));
      for (const [i, e] of mine.entries()) expect(e.atMs).toBeCloseTo(origin + (theirs[i]?.t ?? Number.NaN) * 1e3, 6);
      expect(mine.reduce((s, e) => s + e.count, 0)).toBe(r.outputTokens);
      expect(mine.at(-1)?.done).toBe(true);
    });
    for (let i = 1; i < events.length; i++) expect(events[i]?.atMs).toBeGreaterThanOrEqual(events[i - 1]?.atMs ?? 0);
  });

  it('ends a prefill-only request (an embedding) with one event carrying no tokens', () => {
    const src = new SimSource(base, 0);
    src.add({ id: 7, promptTokens: 256, outputTokens: 0 }, 0);
    expect(drain(src)).toEqual([{ id: 7, atMs: expect.any(Number), count: 0, done: true }]);
  });

  it('drops a cancelled request’s tokens and keeps serving the others', () => {
    const src = new SimSource(base, 0);
    src.add({ id: 1, promptTokens: 100, outputTokens: 30 }, 0);
    src.add({ id: 2, promptTokens: 100, outputTokens: 30 }, 0);
    const first = drain(src, src.nextEventMs());
    src.cancel(1);
    const rest = drain(src);
    expect(rest.filter((e) => e.id === 1)).toEqual([]);
    expect([...first, ...rest].filter((e) => e.id === 2).reduce((s, e) => s + e.count, 0)).toBe(30);
  });

  it('serves a shared system prompt from the prefix cache: the second request starts sooner', () => {
    const ttft = (prefixCaching: boolean) => {
      const src = new SimSource({ ...base, kv: { prefixCaching } }, 0);
      const prefix = { id: 42, tokens: 3000 };
      src.add({ id: 1, promptTokens: 3100, outputTokens: 2, prefix }, 0);
      drain(src);
      src.add({ id: 2, promptTokens: 3100, outputTokens: 2, prefix }, 10_000);
      return (drain(src).find((e) => e.id === 2)?.atMs ?? Number.NaN) - 10_000;
    };
    expect(ttft(true)).toBeLessThan(ttft(false) / 2);
  });
});
