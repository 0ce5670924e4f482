// The practice server's timing, from the course's serving simulator run in real time: each request is submitted
// to an online replica when it arrives, the replica is advanced to the wall clock, and its tokens are handed out
// at the simulated times they appear (a step's tokens are known when the step starts, and released when it ends).
import { onlineReplica, type Replica, type ScenarioInput, type Seq, type SimSetup } from '../engine/sim/index.ts';
import type { SourceRequest, SourceStats, TimingSource, TokenEvent } from './timing-source.ts';

const SLACK_S = 1e-9;

export class SimSource implements TimingSource {
  readonly description: string;
  readonly setup: SimSetup;
  readonly #replica: Replica;
  readonly #originMs: number;
  /** Tokens the replica has produced but whose time has not come, in time order (steps end one after another). */
  #queue: TokenEvent[] = [];
  #head = 0;
  readonly #requests = new Map<Seq, SourceRequest>();
  readonly #cancelled = new Set<number>();
  /** The latest clock reading the replica was advanced to (ms). */
  #advancedTo = Number.NEGATIVE_INFINITY;

  /** `originMs`: the wall-clock reading (ms) that is time 0 for the simulator. */
  constructor(scenario: ScenarioInput, originMs: number) {
    const { setup, replica } = onlineReplica(scenario, { onToken: (seq, n, t) => this.#onToken(seq, n, t) });
    this.setup = setup;
    this.#replica = replica;
    this.#originMs = originMs;
    const s = setup.scenario;
    const sch = s.scheduler.kind === 'continuous' ? s.scheduler : null;
    this.description =
      `simulator: ${setup.model.id} (${s.weightPrecision}) on ${setup.gpu.name}` +
      (sch
        ? `, continuous batching (max_num_seqs ${sch.maxNumSeqs}, ${sch.maxNumBatchedTokens} tokens per step)`
        : '') +
      `, KV pool ${setup.pool.tokens.toLocaleString('en-US')} tokens${s.kv.prefixCaching ? ', prefix caching' : ''}`;
  }

  #simS(ms: number): number {
    return Math.max(0, (ms - this.#originMs) / 1e3);
  }

  #onToken(seq: Seq, tokens: number, timeS: number): void {
    const req = this.#requests.get(seq);
    if (!req) return;
    const done = seq.state === 'finished';
    if (done) this.#requests.delete(seq);
    if (this.#cancelled.has(req.id)) {
      if (done) this.#cancelled.delete(req.id);
      return;
    }
    // A prefill-only request (embeddings) was submitted for one token: its first token marks the prefill's end.
    const count = req.outputTokens === 0 ? 0 : tokens;
    this.#queue.push({ id: req.id, atMs: this.#originMs + timeS * 1e3, count, done: done || req.outputTokens === 0 });
  }

  #run(nowMs: number): void {
    this.#advancedTo = Math.max(this.#advancedTo, nowMs);
    // A nanosecond of slack: converting an event's time to ms and back must not leave the step it ends unstarted.
    this.#replica.advance(this.#simS(nowMs) + SLACK_S);
  }

  add(req: SourceRequest, nowMs: number): void {
    // Steps that began before this arrival run without it; it joins at the next step.
    this.#run(nowMs);
    const prefix = req.prefix && req.prefix.tokens < req.promptTokens ? req.prefix : null;
    const seq = this.#replica.submit(
      req.promptTokens,
      Math.max(1, req.outputTokens),
      this.#simS(nowMs),
      prefix ? prefix.id : -1,
      prefix ? prefix.tokens : 0,
    );
    this.#requests.set(seq, req);
    this.#run(nowMs);
  }

  /** The simulator cannot withdraw a request; its tokens are dropped (and it keeps its share of each step). */
  cancel(id: number): void {
    this.#cancelled.add(id);
    this.#queue = this.#queue.slice(this.#head).filter((e) => e.id !== id);
    this.#head = 0;
  }

  nextEventMs(): number {
    let next =
      this.#head < this.#queue.length ? (this.#queue[this.#head] as TokenEvent).atMs : Number.POSITIVE_INFINITY;
    // With work in hand, the replica's next step starts when its current one ends.
    const r = this.#replica;
    const stepAt = this.#originMs + r.now * 1e3;
    if (r.running.length + r.waiting.length > 0 && stepAt > this.#advancedTo) next = Math.min(next, stepAt);
    return next;
  }

  advance(nowMs: number, emit: (e: TokenEvent) => void): void {
    this.#run(nowMs);
    while (this.#head < this.#queue.length && (this.#queue[this.#head] as TokenEvent).atMs <= nowMs)
      emit(this.#queue[this.#head++] as TokenEvent);
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  stats(): SourceStats {
    return { running: this.#replica.running.length, waiting: this.#replica.waiting.length };
  }
}
