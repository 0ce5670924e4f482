// Reference solution for lab 7: decodes first, then prompt chunks in whatever budget the step has left.
import type { Scheduler, Seq, StepContext } from 'goodput';

export interface SchedulerLimits {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
}

export function createScheduler(limits: SchedulerLimits): Scheduler {
  return {
    name: 'mine',
    schedule(ctx: StepContext): void {
      const left = () => limits.maxNumBatchedTokens - ctx.scheduledTokens;
      const scheduled = new Set<Seq>();
      let preempted = false;
      /** Run `seq`; while memory is short, preempt the newest sequence not yet scheduled in this step. */
      const runOrPreempt = (seq: Seq, tokens: number): void => {
        while (!ctx.run(seq, tokens)) {
          const victim = [...ctx.running].reverse().find((s) => !scheduled.has(s));
          if (victim === undefined) return;
          ctx.preempt(victim);
          preempted = true;
          if (victim === seq) return;
        }
        scheduled.add(seq);
      };
      // Decoding sequences first (one token each, so no stream stalls), then unfinished prompts, oldest first.
      const order = [...ctx.running].sort((a, b) => Number(b.decoding) - Number(a.decoding));
      for (const seq of order) {
        if (left() <= 0) break;
        if (seq.state !== 'running') continue; // preempted to make room for an earlier one
        runOrPreempt(seq, Math.min(ctx.tokensWanted(seq), left()));
      }
      if (preempted) return;
      // New prompts start with a chunk of what is left, however long they are.
      while (ctx.waiting.length > 0 && ctx.running.length < limits.maxNumSeqs && left() > 0) {
        const seq = ctx.waiting.at(0) as Seq;
        if (!ctx.run(seq, Math.min(ctx.tokensWanted(seq), left()))) break;
      }
    },
  };
}
