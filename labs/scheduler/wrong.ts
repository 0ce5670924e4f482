// Deliberately wrong (a test fixture): when the KV pool is full it simply skips the sequence instead of preempting
// someone. Once memory runs out, every running sequence is stuck waiting for blocks nobody gives back.
import type { Scheduler, Seq, StepContext } from 'goodput';

export interface SchedulerLimits {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
}

export function createScheduler(limits: SchedulerLimits): Scheduler {
  return {
    name: 'mine',
    schedule(ctx: StepContext): void {
      for (let i = 0; i < ctx.running.length; i++) {
        const left = limits.maxNumBatchedTokens - ctx.scheduledTokens;
        if (left <= 0) break;
        const seq = ctx.running[i] as Seq;
        const tokens = Math.min(ctx.tokensWanted(seq), left);
        // The mistake: no preemption when the pool is full.
        ctx.run(seq, tokens);
      }
      while (ctx.waiting.length > 0 && ctx.running.length < limits.maxNumSeqs) {
        const left = limits.maxNumBatchedTokens - ctx.scheduledTokens;
        const seq = ctx.waiting.at(0) as Seq;
        if (left <= 0 || !ctx.run(seq, Math.min(ctx.tokensWanted(seq), left))) break;
      }
    },
  };
}
