import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, requestMetrics } from '../../labs/kits/bench/src/aggregate.ts';
import type { RequestRecord } from '../../labs/kits/bench/src/request.ts';

function record(sentAt: number, textTimes: number[], outputTokens: number | null, extra: Partial<RequestRecord> = {}) {
  return {
    responseId: null,
    sentAt,
    endedAt: (textTimes.at(-1) ?? sentAt) + 0.5,
    failure: null,
    aborted: false,
    textTimes,
    promptTokens: 100,
    outputTokens,
    tokensFrom: outputTokens === null ? null : 'usage',
    text: '',
    ...extra,
  } satisfies RequestRecord;
}

describe('per-request metrics (DESIGN.md definitions)', () => {
  it('hand-worked: sent at 1000, text chunks at 1050, 1060, 1075 and 1090, 4 tokens', () => {
    const m = requestMetrics(record(1000, [1050, 1060, 1075, 1090], 4));
    expect(m?.ttftMs).toBe(50);
    expect(m?.e2eMs).toBe(90);
    // TPOT = (90 − 50) / (4 − 1); ITL = every gap between chunks.
    expect(m?.tpotMs).toBeCloseTo(40 / 3, 12);
    expect(m?.itlMs).toEqual([10, 15, 15]);
  });

  it('TPOT uses the usage count, not the number of chunks (a chunk may carry several tokens)', () => {
    const m = requestMetrics(record(0, [10, 20, 30], 7));
    expect(m?.tpotMs).toBeCloseTo(20 / 6, 12);
    expect(m?.itlMs).toEqual([10, 10]);
  });

  it('a one-token reply has TTFT and E2E but no TPOT; failed and aborted requests have no metrics', () => {
    const m = requestMetrics(record(0, [12], 1));
    expect([m?.ttftMs, m?.e2eMs, m?.tpotMs]).toEqual([12, 12, undefined]);
    expect(requestMetrics(record(0, [5, 6], 2, { failure: { kind: 'stream', message: 'x' } }))).toBeNull();
    expect(requestMetrics(record(0, [5, 6], 2, { aborted: true }))).toBeNull();
  });
});

describe('aggregate', () => {
  it('matches an independent computation on generated requests (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sent: fc.double({ min: 0, max: 1000, noNaN: true }),
            ttft: fc.double({ min: 1, max: 500, noNaN: true }),
            gaps: fc.array(fc.double({ min: 0.1, max: 50, noNaN: true }), { maxLength: 20 }),
            extra: fc.integer({ min: 0, max: 3 }),
            fail: fc.constantFrom(null, 'http', 'timeout', 'stream', 'other'),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (reqs) => {
          const records = reqs.map((r) => {
            const times = [r.sent + r.ttft];
            for (const g of r.gaps) times.push((times.at(-1) as number) + g);
            const out = times.length + r.extra;
            return record(r.sent, times, out, r.fail ? { failure: { kind: r.fail, message: r.fail } } : {});
          });
          const a = aggregate(records, { ttftMs: 250 });
          const ok = reqs.filter((r) => r.fail === null);
          expect(a.results.completed).toBe(ok.length);
          expect(a.results.failed).toBe(reqs.length - ok.length);
          expect(a.failures.http + a.failures.timeout + a.failures.stream + a.failures.other).toBe(a.results.failed);
          // Duration: first send to last reply end, over every measured request.
          const start = Math.min(...records.map((r) => r.sentAt));
          const end = Math.max(...records.map((r) => r.endedAt));
          expect(a.results.duration_s).toBeCloseTo((end - start) / 1000, 9);
          const outTokens = ok.reduce((s, r) => s + r.gaps.length + 1 + r.extra, 0);
          if (a.results.duration_s > 0) {
            expect(a.results.output_throughput_tok_s).toBeCloseTo(outTokens / a.results.duration_s, 6);
            const good = ok.filter((r) => r.ttft <= 250).length;
            expect(a.results.goodput_req_s).toBeCloseTo(good / a.results.duration_s, 6);
          }
          // Pooled ITL: as many gaps as there are chunk boundaries in successful requests.
          const gaps = ok.flatMap((r) => r.gaps).sort((x, y) => x - y);
          if (gaps.length > 0) {
            expect(a.results.itl_ms.p50).toBeGreaterThanOrEqual((gaps[0] as number) - 1e-9);
            expect(a.results.itl_ms.p50).toBeLessThanOrEqual((gaps.at(-1) as number) + 1e-9);
          }
          if (ok.length > 0) {
            const meanTtft = ok.reduce((s, r) => s + r.ttft, 0) / ok.length;
            expect(a.results.ttft_ms.mean).toBeCloseTo(meanTtft, 6);
          }
        },
      ),
    );
  });

  it('counts output tokens from chunks (and says so) when the server sent no usage', () => {
    const a = aggregate([record(0, [10, 20, 30], 3, { tokensFrom: 'chunks' })], {});
    expect(a.withoutUsage).toBe(1);
    expect(a.tokens.output_total).toBe(3);
  });
});
