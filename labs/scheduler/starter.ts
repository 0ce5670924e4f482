// Lab 6: a continuous-batching scheduler.
// Before every step the simulator calls schedule(ctx). You decide which sequences compute how many tokens this step
// by calling ctx.run(seq, tokens); you may also preempt. Hover over ctx in the editor to see all it offers.
import type { Scheduler, StepContext } from 'goodput';

export interface SchedulerLimits {
  /** Most sequences that may be running at once (vLLM max_num_seqs). */
  maxNumSeqs: number;
  /** Most tokens one step may compute, decode tokens and prompt tokens together (vLLM max_num_batched_tokens). */
  maxNumBatchedTokens: number;
}

export function createScheduler(limits: SchedulerLimits): Scheduler {
  return {
    name: 'mine',
    schedule(ctx: StepContext): void {
      // 1. Give each running sequence (ctx.running, oldest first) the tokens it wants, within the token budget.
      //    If ctx.run returns false, the KV pool is full: preempt the newest running sequence and retry.
      // 2. Then admit waiting sequences (ctx.waiting.at(0) is the head) while there is room.
    },
  };
}
