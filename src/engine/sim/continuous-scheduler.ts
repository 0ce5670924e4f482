import type { Scheduler, StepContext } from './scheduler.ts';

export interface ContinuousOptions {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  chunkedPrefill: boolean;
}

/**
 * Continuous batching the way vLLM's scheduler does it. Each step: running sequences first, oldest first, each
 * taking what it needs (one decode token, or the next prefill chunk) from the token budget; when KV memory runs
 * out, the newest running sequence is preempted and will recompute. Then, if nothing was preempted, waiting
 * requests are admitted in order while sequences, budget and memory allow. Without chunked prefill a prompt must
 * fit the remaining budget whole.
 */
export class ContinuousScheduler implements Scheduler {
  readonly name = 'continuous';
  readonly #o: ContinuousOptions;

  constructor(options: ContinuousOptions) {
    this.#o = options;
  }

  schedule(ctx: StepContext): void {
    const budget = this.#o.maxNumBatchedTokens;
    let preempted = false;
    for (let i = 0; i < ctx.running.length; i++) {
      const left = budget - ctx.scheduledTokens;
      if (left <= 0) break;
      const seq = ctx.running[i];
      if (seq === undefined) break;
      const n = Math.min(ctx.tokensWanted(seq), left);
      while (!ctx.run(seq, n)) {
        const victim = ctx.running[ctx.running.length - 1];
        if (victim === undefined) break;
        ctx.preempt(victim);
        preempted = true;
        if (victim === seq) break;
      }
    }
    if (preempted) return;
    while (ctx.waiting.length > 0 && ctx.running.length < this.#o.maxNumSeqs) {
      const left = budget - ctx.scheduledTokens;
      const seq = ctx.waiting.at(0);
      if (seq === undefined || left <= 0) break;
      const want = ctx.tokensWanted(seq);
      if (!this.#o.chunkedPrefill && want > left) break;
      if (!ctx.run(seq, Math.min(want, left))) break;
    }
  }
}
