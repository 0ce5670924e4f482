// Deliberately wrong (a test fixture): chunks prompts, but serves prompt chunks before the decoding sequences. When a
// burst of long prompts arrives, the chunks take the whole budget step after step and every running stream stalls.
import type { Scheduler, Seq, StepContext } from 'goodput';

export interface SchedulerLimits {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
}

export function createScheduler(limits: SchedulerLimits): Scheduler {
  const left = (ctx: StepContext) => limits.maxNumBatchedTokens - ctx.scheduledTokens;
  return {
    name: 'mine',
    schedule(ctx: StepContext): void {
      // The mistake: prefill first — unfinished prompts, then new ones, and decodes only with what remains.
      const prefilling = ctx.running.filter((s) => !s.decoding);
      const decoding = ctx.running.filter((s) => s.decoding);
      for (const seq of prefilling) {
        if (left(ctx) <= 0) break;
        if (!ctx.run(seq, Math.min(ctx.tokensWanted(seq), left(ctx)))) return;
      }
      while (ctx.waiting.length > 0 && ctx.running.length < limits.maxNumSeqs && left(ctx) > 0) {
        const seq = ctx.waiting.at(0) as Seq;
        if (!ctx.run(seq, Math.min(ctx.tokensWanted(seq), left(ctx)))) break;
      }
      for (const seq of decoding) {
        if (left(ctx) <= 0) break;
        if (!ctx.run(seq, Math.min(ctx.tokensWanted(seq), left(ctx)))) return;
      }
    },
  };
}
