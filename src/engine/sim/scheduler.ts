import type { Seq } from './seq.ts';

/** The waiting queue as a scheduler sees it: index 0 is the head (oldest, or a sequence just preempted). */
export interface WaitingQueue extends Iterable<Seq> {
  readonly length: number;
  at(i: number): Seq | undefined;
}

/** What a scheduler may look at and do while it plans one step. The replica implements it. */
export interface StepContext {
  /** Current time, in seconds since the run started. */
  readonly now: number;
  /** Requests that have arrived and are not running, in order. */
  readonly waiting: WaitingQueue;
  /** Requests admitted and holding KV memory, oldest first. `preempt` removes from it; admitting appends to it. */
  readonly running: readonly Seq[];
  /** The KV pool, for policies that look at memory. */
  readonly kv: { readonly blockSize: number; readonly totalBlocks: number; usedBlocks(): number };
  /** Tokens scheduled so far in this step (count them against a token budget). */
  readonly scheduledTokens: number;
  /** Sequences scheduled so far in this step. */
  readonly scheduledSeqs: number;
  /**
   * Tokens `seq` needs to reach its next output: the rest of its prompt (after any prefix-cache hit), or, when
   * decoding, 1 plus the draft tokens speculative decoding would verify.
   */
  tokensWanted(seq: Seq): number;
  /**
   * Compute `tokens` tokens of `seq` in this step (at most `tokensWanted(seq)`; fewer is a prefill chunk). A waiting
   * sequence is admitted: it leaves `waiting` and joins the end of `running`. Returns false, changing nothing, when
   * the KV pool cannot hold the sequence's new tokens: preempt something or stop.
   */
  run(seq: Seq, tokens: number): boolean;
  /** Take a running sequence's KV memory away: it goes to the front of `waiting` and will recompute what it lost. */
  preempt(seq: Seq): void;
  /** Charge wasted work to this step: `tokens` padding tokens after `context` real ones (static batching pads). */
  pad(tokens: number, context: number): void;
  /** If nothing is scheduled, sleep until this time (or the next arrival, whichever comes first). */
  wakeAt(timeS: number): void;
}

/**
 * A batching policy. Before every step the replica calls `schedule`; it decides which sequences compute how many
 * tokens by calling `ctx.run`, and may preempt. Scheduling nothing means "wait for the next arrival".
 */
export interface Scheduler {
  readonly name: string;
  schedule(ctx: StepContext): void;
}

/** A scheduler broke a rule of the replica (e.g. ran a sequence twice in one step). The message says which. */
export class SchedulerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerError';
  }
}
