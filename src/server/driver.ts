// Runs a timing source against the wall clock: wakes when the source's next event is due and hands each
// request its tokens. The source's clock and the wall clock are the same (performance.now(), in ms).
import { performance } from 'node:perf_hooks';
import type { SourceRequest, SourceStats, TimingSource, TokenEvent } from './timing-source.ts';

export interface Generation {
  promptTokens: number;
  outputTokens: number;
  prefix?: SourceRequest['prefix'];
  /** Called when tokens exist; `count` may be 0 for a prefill-only request's completion. */
  onTokens(count: number, done: boolean): void;
}

export class RealTimeDriver {
  readonly #source: TimingSource;
  readonly #live = new Map<number, Generation>();
  #nextId = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;

  constructor(source: TimingSource) {
    this.#source = source;
  }

  get description(): string {
    return this.#source.description;
  }

  stats(): SourceStats {
    return this.#source.stats();
  }

  /** Start generating; returns a function that cancels (for clients that disconnect). */
  submit(gen: Generation): () => void {
    const id = this.#nextId++;
    this.#live.set(id, gen);
    this.#source.add(
      { id, promptTokens: gen.promptTokens, outputTokens: gen.outputTokens, prefix: gen.prefix },
      performance.now(),
    );
    this.#schedule();
    return () => {
      if (!this.#live.delete(id)) return;
      this.#source.cancel(id, performance.now());
      this.#schedule();
    };
  }

  close(): void {
    this.#clear();
    this.#wakeAt = Number.POSITIVE_INFINITY;
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const at = this.#source.nextEventMs();
    if (at === this.#wakeAt && this.#timer !== undefined) return;
    this.#clear();
    this.#wakeAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.#wait();
  }

  /**
   * Sleep until the event. Timers can fire a millisecond or so late; the tokens are then written late, and the
   * true timings record when they were written. (Polling to be punctual would take CPU from the client.)
   */
  #wait(): void {
    const left = this.#wakeAt - performance.now();
    if (left <= 0) this.#tick();
    else this.#timer = setTimeout(() => this.#wait(), left);
  }

  #tick(): void {
    this.#timer = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    this.#source.advance(performance.now(), (e: TokenEvent) => {
      const gen = this.#live.get(e.id);
      if (!gen) return;
      if (e.done) this.#live.delete(e.id);
      gen.onTokens(e.count, e.done);
    });
    this.#schedule();
  }
}
