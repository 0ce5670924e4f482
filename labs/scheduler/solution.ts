// Reference solution for lab 6: continuous batching the way vLLM schedules, running sequences first.
import type { Scheduler, Seq, StepContext } from 'goodput';

export interface SchedulerLimits {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
}

export function createScheduler(limits: SchedulerLimits): Scheduler {
  return {
    name: 'mine',
    schedule(ctx: StepContext): void {
      let preempted = false;
      for (let i = 0; i < ctx.running.length; i++) {
        const left = limits.maxNumBatchedTokens - ctx.scheduledTokens;
        if (left <= 0) break;
        const seq = ctx.running[i] as Seq;
        const tokens = Math.min(ctx.tokensWanted(seq), left);
        // Out of KV blocks: the newest sequence gives its memory back and will recompute later.
        while (!ctx.run(seq, tokens)) {
          const victim = ctx.running[ctx.running.length - 1] as Seq;
          ctx.preempt(victim);
          preempted = true;
          if (victim === seq) break;
        }
      }
      if (preempted) return;
      while (ctx.waiting.length > 0 && ctx.running.length < limits.maxNumSeqs) {
        const left = limits.maxNumBatchedTokens - ctx.scheduledTokens;
        const seq = ctx.waiting.at(0) as Seq;
        if (left <= 0 || !ctx.run(seq, Math.min(ctx.tokensWanted(seq), left))) break;
      }
    },
  };
}
