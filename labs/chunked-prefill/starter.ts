// Lab 7: chunked prefill under a long-prompt burst.
// This scheduler works when every prompt fits the step budget whole. With a budget of a few hundred tokens and
// prompts of thousands, it never admits the long ones, and a whole long prompt in one step would freeze every
// stream anyway. Make it split prompts into chunks that share each step with the running decodes.
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
        const seq = ctx.running[i] as Seq;
        const want = ctx.tokensWanted(seq);
        if (want > limits.maxNumBatchedTokens - ctx.scheduledTokens) continue;
        while (!ctx.run(seq, want)) {
          const victim = ctx.running[ctx.running.length - 1] as Seq;
          ctx.preempt(victim);
          preempted = true;
          if (victim === seq) break;
        }
      }
      if (preempted) return;
      while (ctx.waiting.length > 0 && ctx.running.length < limits.maxNumSeqs) {
        const seq = ctx.waiting.at(0) as Seq;
        const want = ctx.tokensWanted(seq);
        if (want > limits.maxNumBatchedTokens - ctx.scheduledTokens || !ctx.run(seq, want)) break;
      }
    },
  };
}
