import { Random } from '../random.ts';
import { Column } from './column.ts';
import type { KvAllocator } from './kv-allocator.ts';
import { type Scheduler, SchedulerError, type StepContext } from './scheduler.ts';
import { Seq } from './seq.ts';
import { SeqQueue } from './seq-queue.ts';
import type { StepCost } from './step-time.ts';
import type { GeneratedWorkload } from './workload.ts';

export interface ReplicaConfig {
  cost: StepCost;
  kv: KvAllocator;
  scheduler: Scheduler;
  maxModelLen: number;
  speculative: { tokens: number; acceptance: number; draftCost: number };
  /** Seed of the stream that decides which draft tokens are accepted. */
  acceptanceSeed: number;
  /** Called whenever a sequence emits tokens (several at once with speculation), at the time they appear. */
  onToken?: ((seq: Seq, tokens: number, timeS: number) => void) | undefined;
}

/** Per-step series, one entry per step or idle stretch. */
export interface StepSeries {
  startS: Float64Array;
  durationS: Float64Array;
  /** 1 for a step, 0 for time the replica sat idle. */
  busy: Float64Array;
  /** Requests arrived and not finished (waiting + running) when the step began. */
  inSystem: Float64Array;
  /** Sequences computed in the step. */
  batchSeqs: Float64Array;
  waiting: Float64Array;
  /** Tokens computed for decoding sequences (with speculation, the drafts they verify) and for prompts. */
  decodeTokens: Float64Array;
  prefillTokens: Float64Array;
  kvUsedBlocks: Float64Array;
  /** Tokens actually stored in the KV pool (the rest of the used blocks is empty space). */
  kvHeldTokens: Float64Array;
}

export interface RunTotals {
  steps: number;
  /** Tokens computed for requests (prompt, recompute and accepted or rejected draft positions). */
  computedTokens: number;
  paddingTokens: number;
  preemptions: number;
  recomputedTokens: number;
  /** Prompt tokens looked up in the prefix cache at admission, and how many were found. */
  queriedTokens: number;
  hitTokens: number;
  /** Speculative decoding: draft tokens verified and accepted, and decode steps taken by sequences. */
  drafted: number;
  accepted: number;
  decodeSeqSteps: number;
}

export interface RunRecord {
  seqs: Seq[];
  /** Inter-token gaps as distinct values with counts (every sequence in a step shares the step's gap). */
  itlValues: Float64Array;
  itlCounts: Float64Array;
  series: StepSeries;
  totals: RunTotals;
}

/** Steps in a row that may pass with padding only before the run is declared stuck. */
const MAX_IDLE_STEPS = 100_000;

/**
 * One serving replica, stepped until every request has finished or failed. Between steps it admits arrivals and
 * asks the scheduler for the next batch; a step lasts the roofline time of the work in it, and every sequence in
 * it advances (a prefill chunk, or one decode token, or several with speculative decoding).
 */
export class Replica implements StepContext {
  now = 0;
  readonly waiting = new SeqQueue();
  readonly running: Seq[] = [];
  readonly kv: KvAllocator;
  scheduledTokens = 0;
  scheduledSeqs = 0;

  readonly #c: ReplicaConfig;
  readonly #seqs: Seq[];
  readonly #rng: Random;
  readonly #spec: number;
  readonly #markComputed: ((seq: Seq, tokens: number) => void) | undefined;
  readonly #cachedTokens: ((seq: Seq) => number) | undefined;
  readonly #onToken: ReplicaConfig['onToken'];
  // Arrivals: timed requests in time order, and closed-loop requests released when a user's previous one ends.
  #nextTimed = 0;
  #timedEnd: number;
  readonly #closedOrder: Seq[];
  #closedNext = 0;
  readonly #released = new SeqQueue();
  #resolved = 0;
  // The step being planned.
  #step = 0;
  #batch: Seq[] = [];
  #batchTokens = new Int32Array(256);
  #bytes = 0;
  #flops = 0;
  #decodeBytes = 0;
  #decodeFlops = 0;
  #decodeSeqs = 0;
  #prefillTokens = 0;
  #padTokens = 0;
  #wake = Number.POSITIVE_INFINITY;
  #padOnly = 0;
  #prevEnd = Number.NaN;
  #heldTokens = 0;
  // Records.
  readonly #itlValues = new Column(4096);
  readonly #itlCounts = new Column(4096);
  readonly #cols = {
    startS: new Column(),
    durationS: new Column(),
    busy: new Column(),
    inSystem: new Column(),
    batchSeqs: new Column(),
    waiting: new Column(),
    decodeTokens: new Column(),
    prefillTokens: new Column(),
    kvUsedBlocks: new Column(),
    kvHeldTokens: new Column(),
  };
  readonly #totals: RunTotals = {
    steps: 0,
    computedTokens: 0,
    paddingTokens: 0,
    preemptions: 0,
    recomputedTokens: 0,
    queriedTokens: 0,
    hitTokens: 0,
    drafted: 0,
    accepted: 0,
    decodeSeqSteps: 0,
  };

  constructor(config: ReplicaConfig, workload: GeneratedWorkload) {
    this.#c = config;
    this.kv = config.kv;
    this.#seqs = workload.seqs;
    this.#rng = new Random(config.acceptanceSeed);
    this.#spec = config.speculative.tokens;
    this.#markComputed = config.kv.markComputed?.bind(config.kv);
    this.#cachedTokens = config.kv.cachedTokens?.bind(config.kv);
    this.#onToken = config.onToken;
    this.#closedOrder = workload.closedLoop?.order ?? [];
    this.#timedEnd = this.#seqs.length - this.#closedOrder.length;
    const users = Math.min(workload.closedLoop?.concurrency ?? 0, this.#closedOrder.length);
    for (let u = 0; u < users; u++) this.#release(0);
  }

  // ---- StepContext: what schedulers call ----

  tokensWanted(seq: Seq): number {
    if (seq.state === 'waiting') return seq.length - (this.#cachedTokens ? this.#cachedTokens(seq) : 0);
    const need = seq.length - seq.computed;
    if (need === 1 && seq.generated > 0) return 1 + Math.min(this.#spec, seq.outputTokens - seq.generated - 1);
    return need;
  }

  run(seq: Seq, tokens: number): boolean {
    if (seq.lastStep === this.#step) throw new SchedulerError(`request ${seq.id} is already scheduled in this step`);
    const fresh = seq.state === 'waiting';
    if (!fresh && seq.state !== 'running')
      throw new SchedulerError(`request ${seq.id} is ${seq.state}; only waiting or running requests can run`);
    if (!Number.isInteger(tokens) || tokens < 1)
      throw new SchedulerError(`tokens for request ${seq.id} must be a whole number of at least 1 (got ${tokens})`);
    const hit = fresh && this.#cachedTokens ? this.#cachedTokens(seq) : 0;
    const from = fresh ? hit : seq.computed;
    const want = fresh ? seq.length - hit : this.tokensWanted(seq);
    if (tokens > want)
      throw new SchedulerError(`request ${seq.id} needs at most ${want} tokens this step; ${tokens} were scheduled`);
    if (!this.kv.grow(seq, from + tokens)) return false;
    if (fresh) this.#admit(seq, hit);
    seq.lastStep = this.#step;
    const k = this.scheduledSeqs++;
    if (k === this.#batchTokens.length) {
      const bigger = new Int32Array(k * 2);
      bigger.set(this.#batchTokens);
      this.#batchTokens = bigger;
    }
    this.#batch[k] = seq;
    this.#batchTokens[k] = tokens;
    this.scheduledTokens += tokens;
    const cost = this.#c.cost;
    const kvBytes = cost.kvBytesRead(from);
    const flops = cost.flops(from, tokens);
    this.#bytes += kvBytes;
    this.#flops += flops;
    if (seq.decoding) {
      this.#decodeSeqs++;
      this.#decodeBytes += kvBytes;
      this.#decodeFlops += tokens === 1 ? flops : cost.flops(from, 1);
    } else {
      this.#prefillTokens += tokens;
      if (from < seq.highWater) this.#totals.recomputedTokens += Math.min(tokens, seq.highWater - from);
    }
    return true;
  }

  preempt(seq: Seq): void {
    if (seq.state !== 'running') throw new SchedulerError(`request ${seq.id} is ${seq.state}, not running`);
    if (seq.lastStep === this.#step)
      throw new SchedulerError(`request ${seq.id} is already scheduled in this step; preempt before running it`);
    const i = this.running.lastIndexOf(seq);
    this.running.splice(i, 1);
    this.kv.release(seq);
    this.#heldTokens -= seq.computed;
    seq.computed = 0;
    seq.preemptions++;
    this.#totals.preemptions++;
    if (Number.isNaN(seq.preemptedAtS)) seq.preemptedAtS = this.now;
    seq.state = 'waiting';
    this.waiting.unshift(seq);
  }

  pad(tokens: number, context: number): void {
    if (!Number.isInteger(tokens) || tokens < 1 || !Number.isInteger(context) || context < 0)
      throw new SchedulerError(`pad needs whole numbers: tokens ≥ 1 (got ${tokens}), context ≥ 0 (got ${context})`);
    this.#padTokens += tokens;
    this.#bytes += this.#c.cost.kvBytesRead(context);
    this.#flops += this.#c.cost.flops(context, tokens);
  }

  wakeAt(timeS: number): void {
    if (timeS < this.#wake) this.#wake = timeS;
  }

  // ---- the run ----

  /** Step until every request has finished or failed, and return what was recorded. */
  execute(): RunRecord {
    this.advance(Number.POSITIVE_INFINITY);
    if (this.#resolved < this.#seqs.length) this.#failStuck();
    return this.record();
  }

  /**
   * Run every step that starts at or before `untilS` (one may end later: its tokens carry their own times, see
   * `onToken`). Returns when the clock passes `untilS`, or when nothing is running and nothing is due. With
   * `submit`, this drives a replica in real time: submit each request as it arrives, then advance to the wall clock.
   */
  advance(untilS: number): void {
    while (this.#resolved < this.#seqs.length && this.now <= untilS) {
      this.#admitArrivals();
      if (this.running.length === 0 && this.waiting.length === 0) {
        const next = this.#nextArrival();
        if (next === Number.POSITIVE_INFINITY) return;
        this.#idle(Math.min(next, untilS));
        if (next > untilS) return;
        continue;
      }
      this.#beginStep();
      this.#c.scheduler.schedule(this);
      if (this.scheduledSeqs === 0 && this.#padTokens === 0) {
        const next = Math.min(this.#nextArrival(), this.#wake > this.now ? this.#wake : Number.POSITIVE_INFINITY);
        if (next === Number.POSITIVE_INFINITY) return;
        this.#idle(Math.min(next, untilS));
        if (next > untilS) return;
        continue;
      }
      this.#padOnly = this.scheduledTokens > 0 ? 0 : this.#padOnly + 1;
      if (this.#padOnly > MAX_IDLE_STEPS) throw new SchedulerError('the scheduler keeps scheduling padding only');
      this.#finishStep();
    }
  }

  /**
   * Add a request arriving at `arrivalS` (no earlier than the last one submitted), for real-time use with `advance`.
   * Not available in closed-loop runs, whose arrivals the replica makes itself.
   */
  submit(promptTokens: number, outputTokens: number, arrivalS: number, prefixId = -1, prefixTokens = 0): Seq {
    if (this.#closedOrder.length > 0) throw new RangeError('submit is for open-loop use; this run is closed-loop');
    for (const [name, v] of [
      ['promptTokens', promptTokens],
      ['outputTokens', outputTokens],
    ] as const)
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`${name} must be a whole number of at least 1 (got ${v})`);
    const last = this.#seqs[this.#seqs.length - 1];
    if (!(arrivalS >= (last?.arrivalS ?? 0)))
      throw new RangeError(`arrivals must come in time order: ${arrivalS} s is before ${last?.arrivalS ?? 0} s`);
    const seq = new Seq(this.#seqs.length, arrivalS, promptTokens, outputTokens, prefixId, prefixTokens);
    this.#seqs.push(seq);
    this.#timedEnd++;
    return seq;
  }

  /** What the run has recorded so far. */
  record(): RunRecord {
    const c = this.#cols;
    return {
      seqs: this.#seqs,
      itlValues: this.#itlValues.values(),
      itlCounts: this.#itlCounts.values(),
      series: {
        startS: c.startS.values(),
        durationS: c.durationS.values(),
        busy: c.busy.values(),
        inSystem: c.inSystem.values(),
        batchSeqs: c.batchSeqs.values(),
        waiting: c.waiting.values(),
        decodeTokens: c.decodeTokens.values(),
        prefillTokens: c.prefillTokens.values(),
        kvUsedBlocks: c.kvUsedBlocks.values(),
        kvHeldTokens: c.kvHeldTokens.values(),
      },
      totals: this.#totals,
    };
  }

  #beginStep(): void {
    this.#step++;
    this.scheduledTokens = 0;
    this.scheduledSeqs = 0;
    this.#bytes = 0;
    this.#flops = 0;
    this.#decodeBytes = 0;
    this.#decodeFlops = 0;
    this.#decodeSeqs = 0;
    this.#prefillTokens = 0;
    this.#padTokens = 0;
    this.#wake = Number.POSITIVE_INFINITY;
  }

  #finishStep(): void {
    const cost = this.#c.cost;
    const tokens = this.scheduledTokens + this.#padTokens;
    let dt = cost.seconds(tokens, cost.weightBytesRead(tokens) + this.#bytes, this.#flops);
    const spec = this.#c.speculative;
    if (this.#spec > 0 && this.#decodeSeqs > 0) {
      // The draft model proposes k tokens one at a time; each of its steps costs a share of a plain decode step.
      const plain = cost.seconds(
        this.#decodeSeqs,
        cost.weightBytesRead(this.#decodeSeqs) + this.#decodeBytes,
        this.#decodeFlops,
      );
      dt += this.#spec * spec.draftCost * plain;
    }
    const start = this.now;
    const end = start + dt;
    this.#record(start, dt, 1, this.scheduledTokens - this.#prefillTokens, this.#prefillTokens);
    this.#totals.steps++;
    this.#totals.computedTokens += this.scheduledTokens;
    this.#totals.paddingTokens += this.#padTokens;

    const prevEnd = this.#prevEnd;
    let sameGap = 0;
    let finished = 0;
    const alpha = spec.acceptance;
    for (let j = 0; j < this.scheduledSeqs; j++) {
      const seq = this.#batch[j] as Seq;
      const n = this.#batchTokens[j] as number;
      const need = seq.length - seq.computed;
      if (n < need) {
        seq.computed += n;
        this.#heldTokens += n;
        if (seq.computed > seq.highWater) seq.highWater = seq.computed;
        if (this.#markComputed) this.#markComputed(seq, seq.computed);
        continue;
      }
      let emit = 1;
      if (need === 1 && seq.generated > 0) {
        // Verify n − 1 drafts: accept while each succeeds with chance α, plus the one token the target adds.
        const drafts = n - 1;
        let accepted = 0;
        while (accepted < drafts && this.#rng.next() < alpha) accepted++;
        this.#totals.drafted += drafts;
        this.#totals.accepted += accepted;
        this.#totals.decodeSeqSteps++;
        emit = Math.min(accepted + 1, seq.outputTokens - seq.generated);
      }
      const grew = seq.length - 1 + emit - seq.computed;
      seq.computed += grew;
      this.#heldTokens += grew;
      if (seq.computed > seq.highWater) seq.highWater = seq.computed;
      if (this.#markComputed) this.#markComputed(seq, seq.computed);
      // Emit `emit` tokens at the end of the step.
      if (seq.generated === 0) seq.firstTokenS = end;
      else if (seq.lastTokenS === prevEnd) sameGap++;
      else {
        this.#itlValues.push(end - seq.lastTokenS);
        this.#itlCounts.push(1);
      }
      if (!Number.isNaN(seq.preemptedAtS)) {
        const lost = end - seq.preemptedAtS;
        seq.recomputeS += lost;
        if (seq.generated === 0) seq.recomputeBeforeFirstS += lost;
        seq.preemptionSpans.push(seq.preemptedAtS, end);
        seq.preemptedAtS = Number.NaN;
      }
      seq.lastTokenS = end;
      seq.generated += emit;
      if (seq.generated >= seq.outputTokens) {
        seq.finishS = end;
        seq.state = 'finished';
        finished++;
      }
      if (this.#onToken) this.#onToken(seq, emit, end);
    }
    if (sameGap > 0) {
      this.#itlValues.push(end - prevEnd);
      this.#itlCounts.push(sameGap);
    }
    this.now = end;
    this.#prevEnd = end;
    if (finished > 0) this.#retireFinished(end);
  }

  #retireFinished(end: number): void {
    let w = 0;
    for (let r = 0; r < this.running.length; r++) {
      const seq = this.running[r] as Seq;
      if (seq.state === 'finished') {
        this.kv.release(seq);
        this.#heldTokens -= seq.computed;
        this.#resolved++;
        this.#release(end);
      } else this.running[w++] = seq;
    }
    this.running.length = w;
  }

  #admit(seq: Seq, hit: number): void {
    const i = this.waiting.indexOf(seq);
    this.waiting.removeAt(i);
    this.running.push(seq);
    seq.state = 'running';
    if (Number.isNaN(seq.firstScheduledS)) seq.firstScheduledS = this.now;
    seq.computed = hit;
    this.#heldTokens += hit;
    seq.cachedTokens += hit;
    this.#totals.queriedTokens += seq.length;
    this.#totals.hitTokens += hit;
  }

  /** Closed loop: the next user request goes out at `time`. */
  #release(time: number): void {
    const seq = this.#closedOrder[this.#closedNext];
    if (seq === undefined) return;
    this.#closedNext++;
    seq.arrivalS = time;
    this.#released.push(seq);
  }

  #nextArrival(): number {
    const timed =
      this.#nextTimed < this.#timedEnd ? (this.#seqs[this.#nextTimed] as Seq).arrivalS : Number.POSITIVE_INFINITY;
    const closed = this.#released.at(0)?.arrivalS ?? Number.POSITIVE_INFINITY;
    return Math.min(timed, closed);
  }

  #admitArrivals(): void {
    for (;;) {
      const timed = this.#nextTimed < this.#timedEnd ? (this.#seqs[this.#nextTimed] as Seq) : undefined;
      const closed = this.#released.at(0);
      let seq: Seq | undefined;
      if (timed && timed.arrivalS <= this.now && (!closed || timed.arrivalS <= closed.arrivalS)) {
        seq = timed;
        this.#nextTimed++;
      } else if (closed && closed.arrivalS <= this.now) {
        seq = this.#released.removeAt(0);
      } else return;
      if (seq.promptTokens + seq.outputTokens > this.#c.maxModelLen) {
        // A server rejects these at once (HTTP 400), as vLLM does.
        seq.state = 'failed';
        seq.failure = `prompt (${seq.promptTokens}) + output (${seq.outputTokens}) tokens exceed maxModelLen (${this.#c.maxModelLen})`;
        seq.finishS = seq.arrivalS;
        this.#resolved++;
        this.#release(seq.arrivalS);
        continue;
      }
      seq.state = 'waiting';
      this.waiting.push(seq);
    }
  }

  #idle(until: number): void {
    this.#record(this.now, until - this.now, 0, 0, 0);
    this.now = until;
  }

  #record(start: number, duration: number, busy: number, decodeTokens: number, prefillTokens: number): void {
    const c = this.#cols;
    c.startS.push(start);
    c.durationS.push(duration);
    c.busy.push(busy);
    c.inSystem.push(this.waiting.length + this.running.length);
    c.batchSeqs.push(busy ? this.scheduledSeqs : 0);
    c.waiting.push(this.waiting.length);
    c.decodeTokens.push(decodeTokens);
    c.prefillTokens.push(prefillTokens);
    c.kvUsedBlocks.push(this.kv.usedBlocks());
    c.kvHeldTokens.push(this.#heldTokens);
  }

  /** Nothing can ever run again (the scheduler scheduled nothing and nothing is due): fail what is left. */
  #failStuck(): void {
    const reason = `never served: the scheduler ran nothing with ${this.waiting.length} waiting and ${this.running.length} running, and no arrival was due`;
    for (const seq of this.#seqs) {
      if (seq.state === 'finished' || seq.state === 'failed') continue;
      if (seq.state === 'running') this.kv.release(seq);
      seq.state = 'failed';
      seq.failure = reason;
      seq.finishS = this.now;
      this.#resolved++;
    }
  }
}
