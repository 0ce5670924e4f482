// The scheduler and KV-allocator interfaces are small enough for a learner: these are lab-sized implementations.
import { describe, expect, it } from 'vitest';
import {
  type KvAllocator,
  type KvAllocatorOptions,
  type Scheduler,
  SchedulerError,
  type Seq,
  type StepContext,
  simulate,
} from '../../src/engine/sim/index.ts';

/** First come, first served continuous batching with a token budget, written as a learner would. */
class FcfsScheduler implements Scheduler {
  readonly name = 'learner-fcfs';
  readonly maxSeqs: number;
  readonly budget: number;
  constructor(maxSeqs: number, budget: number) {
    this.maxSeqs = maxSeqs;
    this.budget = budget;
  }
  schedule(ctx: StepContext): void {
    let preempted = false;
    for (let i = 0; i < ctx.running.length; i++) {
      const seq = ctx.running[i] as Seq;
      const n = Math.min(ctx.tokensWanted(seq), this.budget - ctx.scheduledTokens);
      if (n <= 0) break;
      while (!ctx.run(seq, n)) {
        const victim = ctx.running[ctx.running.length - 1] as Seq;
        ctx.preempt(victim);
        preempted = true;
        if (victim === seq) break;
      }
    }
    if (preempted) return;
    while (ctx.waiting.length > 0 && ctx.running.length < this.maxSeqs) {
      const seq = ctx.waiting.at(0) as Seq;
      const n = Math.min(ctx.tokensWanted(seq), this.budget - ctx.scheduledTokens);
      if (n <= 0 || !ctx.run(seq, n)) break;
    }
  }
}

/** A block allocator without prefix caching, written as a learner would. */
class SimpleBlocks implements KvAllocator {
  readonly blockSize: number;
  readonly totalBlocks: number;
  private free: number;
  private held = new Map<number, number>();
  constructor(o: KvAllocatorOptions) {
    this.blockSize = o.blockSize;
    this.totalBlocks = Math.floor(o.poolTokens / o.blockSize);
    this.free = this.totalBlocks;
  }
  usedBlocks() {
    return this.totalBlocks - this.free;
  }
  grow(seq: Seq, tokens: number) {
    const have = this.held.get(seq.id) ?? 0;
    const need = Math.ceil(tokens / this.blockSize) - have;
    if (need <= 0) return true;
    if (need > this.free) return false;
    this.free -= need;
    this.held.set(seq.id, have + need);
    return true;
  }
  release(seq: Seq) {
    this.free += this.held.get(seq.id) ?? 0;
    this.held.delete(seq.id);
  }
}

const scenario = {
  hardware: { kvCacheGiB: 3 },
  scheduler: { kind: 'continuous' as const, maxNumSeqs: 256, maxNumBatchedTokens: 2048 },
  workload: { requests: 300, arrival: { kind: 'poisson' as const, rate: 5 } },
};

describe('plugging in your own policies', () => {
  it("a learner's FCFS scheduler and block allocator reproduce the built-in ones exactly", () => {
    const builtIn = simulate(scenario);
    const mine = simulate(scenario, {
      scheduler: new FcfsScheduler(256, 2048),
      allocator: (o) => new SimpleBlocks(o),
    });
    expect(builtIn.preemptions).toBeGreaterThan(0);
    expect(mine.setup.scheduler).toBe('learner-fcfs');
    expect(mine.results).toEqual(builtIn.results);
    expect(mine.preemptions).toBe(builtIn.preemptions);
  });

  it('a scheduler that breaks the rules gets an error that says which rule', () => {
    const twice: Scheduler = {
      name: 'twice',
      schedule(ctx) {
        const seq = ctx.waiting.at(0) ?? ctx.running[0];
        if (!seq) return;
        ctx.run(seq, 1);
        ctx.run(seq, 1);
      },
    };
    expect(() => simulate(scenario, { scheduler: twice })).toThrow(SchedulerError);
    expect(() => simulate(scenario, { scheduler: twice })).toThrow(/already scheduled in this step/);
    const greedy: Scheduler = {
      name: 'greedy',
      schedule(ctx) {
        const seq = ctx.waiting.at(0) ?? ctx.running[0];
        if (seq) ctx.run(seq, ctx.tokensWanted(seq) + 1);
      },
    };
    expect(() => simulate(scenario, { scheduler: greedy })).toThrow(/needs at most \d+ tokens this step/);
  });

  it('a scheduler that never runs anything fails every request with a reason, instead of hanging', () => {
    const idle: Scheduler = { name: 'idle', schedule() {} };
    const r = simulate(scenario, { scheduler: idle });
    expect(r.results.completed).toBe(0);
    expect(r.results.failed).toBe(300);
    expect(r.failures[0]?.reason).toMatch(/never served/);
  });
});
