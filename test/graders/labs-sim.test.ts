// The outside checks the simulator labs put on a learner's policy: the allocator audit and the scheduler audit must
// catch each kind of cheating or mistake, and must never flag the simulator's own policies.
import { describe, expect, it } from 'vitest';
import { LabFailure, runLabTests } from '../../graders/labs/harness.ts';
import { auditScheduler, run } from '../../graders/labs/sim.ts';
import { audit } from '../../labs/block-allocator/audit.ts';
import { getLab } from '../../labs/registry.ts';
import {
  ContinuousScheduler,
  getPreset,
  type KvAllocator,
  type KvAllocatorOptions,
  mergeScenario,
  PagedAllocator,
  presetScenarios,
  type Seq,
  simulate,
} from '../../src/engine/sim/index.ts';

const [, caching] = presetScenarios(getPreset('prefix-caching'));
const small = mergeScenario(caching, { workload: { requests: 150 } });

/** Run a scenario with an allocator built by `make`, through the audit. */
function audited(make: (o: KvAllocatorOptions) => unknown, scenario = small) {
  let a: ReturnType<typeof audit> | undefined;
  const result = simulate(scenario, {
    allocator: (o) => {
      a = audit(make(o), o);
      return a.allocator;
    },
  });
  a?.finish();
  return { result, violations: a?.violations ?? [] };
}

/** Paged blocks without any sharing: a plain, honest allocator. */
class Honest implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;
  protected free: number;
  protected held = new Map<number, number>();
  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
    this.free = this.totalBlocks;
  }
  usedBlocks() {
    return this.totalBlocks - this.free;
  }
  grow(seq: Seq, tokens: number) {
    const need = Math.ceil(tokens / this.blockSize) - (this.held.get(seq.id) ?? 0);
    if (need <= 0) return true;
    if (need > this.free) return false;
    this.free -= need;
    this.held.set(seq.id, (this.held.get(seq.id) ?? 0) + need);
    return true;
  }
  release(seq: Seq) {
    this.free += this.held.get(seq.id) ?? 0;
    this.held.delete(seq.id);
  }
}

describe('the allocator audit', () => {
  it('finds nothing wrong with the simulator’s own paged allocator, with or without prefix caching', () => {
    expect(audited((o) => new PagedAllocator(o)).violations).toEqual([]);
    expect(audited((o) => new Honest(o)).violations).toEqual([]);
    const tight = mergeScenario(small, {
      hardware: { kvCacheGiB: 1 },
      workload: { requests: 300, sharedPrefix: { tokens: 1536, groups: 8 } },
    });
    const r = audited((o) => new PagedAllocator(o), tight);
    expect(r.result.preemptions).toBeGreaterThan(0);
    expect(r.violations).toEqual([]);
  });

  it('catches an allocator that says yes without the blocks', () => {
    class Overcommits extends Honest {
      override grow() {
        return true;
      }
    }
    const tight = mergeScenario(small, { hardware: { kvCacheGiB: 0.5 }, kv: { maxModelLen: 4096 } });
    expect(audited((o) => new Overcommits(o), tight).violations[0]).toMatch(/grow said yes without the blocks/);
  });

  it('catches an allocator that refuses while the pool has room', () => {
    class Stingy extends Honest {
      override grow(seq: Seq, tokens: number) {
        return this.held.size < 2 && super.grow(seq, tokens);
      }
    }
    expect(audited((o) => new Stingy(o)).violations[0]).toMatch(/grow refused request \d+ .* the rest were free/);
  });

  it('catches invented cache hits', () => {
    class Inventive extends Honest {
      cachedTokens(seq: Seq) {
        return Math.floor((seq.length - 1) / this.blockSize) * this.blockSize;
      }
    }
    expect(() => audited((o) => new Inventive(o))).toThrow(LabFailure);
    expect(() => audited((o) => new Inventive(o))).toThrow(/no request has computed block 0/);
  });

  it('catches blocks that are never given back', () => {
    class Leaky extends Honest {
      override release() {}
    }
    const r = audited((o) => new Leaky(o));
    expect(r.violations.some((v) => /usedBlocks\(\) reports \d+/.test(v) || /release must not be giving/.test(v))).toBe(
      true,
    );
  });

  it('insists on the pool it was given', () => {
    class Greedy extends Honest {
      override readonly totalBlocks = 10 ** 9;
    }
    expect(() => audited((o) => new Greedy(o))).toThrow(/Math\.floor\(poolTokens \/ blockSize\)/);
  });
});

describe('the scheduler audit', () => {
  const [, chat] = presetScenarios(getPreset('static-vs-continuous'));
  it('passes the simulator’s own continuous scheduler and reproduces its run exactly', () => {
    const limits = { maxNumSeqs: 8, maxNumBatchedTokens: 8192 };
    const scenario = { ...chat, scheduler: { kind: 'continuous' as const, ...limits, chunkedPrefill: true } };
    const a = auditScheduler(new ContinuousScheduler({ ...limits, chunkedPrefill: true }), limits);
    expect(run(scenario, { scheduler: a.scheduler }).results).toEqual(run(scenario).results);
    expect(a.violations).toEqual([]);
  });

  it('reports the first steps that break the limits', () => {
    const a = auditScheduler(
      new ContinuousScheduler({ maxNumSeqs: 64, maxNumBatchedTokens: 8192, chunkedPrefill: true }),
      {
        maxNumSeqs: 2,
        maxNumBatchedTokens: 8192,
      },
    );
    run({ ...chat, workload: { ...(chat.workload as object), requests: 60 } }, { scheduler: a.scheduler });
    expect(a.violations[0]).toMatch(/step \d+ left \d+ sequences running; the cap is 2/);
  });

  it('turns a broken simulator rule into a failure that names it', () => {
    expect(() =>
      run(chat, {
        scheduler: {
          name: 'twice',
          schedule(ctx) {
            const seq = ctx.waiting.at(0) ?? ctx.running[0];
            if (!seq) return;
            ctx.run(seq, 1);
            ctx.run(seq, 1);
          },
        },
      }),
    ).toThrow(/The simulator stopped your policy: request \d+ is already scheduled in this step/);
  });
});

describe('the simulator labs, with the simulator’s own policies plugged in', () => {
  it('lab 6 passes with the built-in continuous scheduler and its limits', async () => {
    const mod = {
      createScheduler: (l: { maxNumSeqs: number; maxNumBatchedTokens: number }) =>
        new ContinuousScheduler({ ...l, chunkedPrefill: true }),
    };
    const results = await runLabTests(getLab('scheduler').tests, mod);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.every((r) => (r.comparison?.length ?? 0) > 0)).toBe(true);
  });

  it('lab 8 passes with the built-in paged allocator', async () => {
    const results = await runLabTests(getLab('block-allocator').tests, {
      createAllocator: (o: KvAllocatorOptions) => new PagedAllocator(o),
    });
    expect(results.filter((r) => !r.passed)).toEqual([]);
  }, 30_000);
});
