import type { Scheduler, StepContext } from './scheduler.ts';
import type { Seq } from './seq.ts';

export interface StaticOptions {
  batchSize: number;
  timeoutS: number;
}

/**
 * Static batching, as before continuous batching: wait until `batchSize` requests are queued (or the oldest has
 * waited `timeoutS`), prefill them together with every prompt padded to the longest, then decode until the longest
 * output is done. Sequences that finish early keep their slot as padding; nobody new joins until the batch ends.
 */
export class StaticScheduler implements Scheduler {
  readonly name = 'static';
  readonly #o: StaticOptions;
  #batch: Seq[] = [];

  constructor(options: StaticOptions) {
    this.#o = options;
  }

  schedule(ctx: StepContext): void {
    // A member preempted for memory leaves the batch and waits for a later one.
    this.#batch = this.#batch.filter((s) => s.state !== 'waiting');
    if (this.#batch.some((s) => s.state === 'running')) {
      for (const seq of this.#batch) {
        if (seq.state !== 'running') {
          ctx.pad(1, seq.length);
          continue;
        }
        if (!ctx.run(seq, ctx.tokensWanted(seq))) ctx.preempt(seq);
      }
      return;
    }
    this.#batch = [];
    const oldest = ctx.waiting.at(0);
    if (oldest === undefined) return;
    const due = oldest.arrivalS + this.#o.timeoutS;
    if (ctx.waiting.length < this.#o.batchSize && ctx.now < due) {
      ctx.wakeAt(due);
      return;
    }
    let longest = 0;
    for (let k = 0; k < this.#o.batchSize; k++) {
      const seq = ctx.waiting.at(0);
      if (seq === undefined || !ctx.run(seq, ctx.tokensWanted(seq))) break;
      this.#batch.push(seq);
      longest = Math.max(longest, seq.promptTokens);
    }
    for (const seq of this.#batch)
      if (seq.promptTokens < longest) ctx.pad(longest - seq.promptTokens, seq.promptTokens);
  }
}
