// One request as the replica sees it: what it asked for, how far it has got, and when things happened.

export type SeqState = 'pending' | 'waiting' | 'running' | 'finished' | 'failed';

/** Block keys below this owner number belong to shared prefixes; above it, to one request alone. */
const OWN_BLOCKS = 2 ** 20;
/** Room for block indices inside a key (4,194,304 blocks per sequence). */
const BLOCK_INDEX = 2 ** 22;

export class Seq {
  /** Position in arrival order, from 0. */
  readonly id: number;
  readonly promptTokens: number;
  /** Output tokens the request will produce (the server's `usage.completion_tokens`). */
  readonly outputTokens: number;
  /** Shared-prefix group, or -1; requests of one group share their first `prefixTokens` prompt tokens. */
  readonly prefixId: number;
  readonly prefixTokens: number;
  /** When the request reaches the server, in seconds (closed-loop requests get it when a user's turn comes). */
  arrivalS: number;

  state: SeqState = 'pending';
  /** Output tokens emitted so far. */
  generated = 0;
  /** Tokens whose keys and values are computed and held in the KV cache. */
  computed = 0;
  /** Times the sequence lost its KV cache to make room for others (and had to recompute it). */
  preemptions = 0;
  /** Prompt tokens found in the prefix cache when admitted, summed over admissions. */
  cachedTokens = 0;
  /** Most tokens ever computed at once: what a preemption threw away is recomputed up to here. */
  highWater = 0;
  failure = '';

  firstScheduledS = Number.NaN;
  firstTokenS = Number.NaN;
  lastTokenS = Number.NaN;
  finishS = Number.NaN;
  /** Time spent between losing the cache and emitting the next token, summed; and the part before the first token. */
  recomputeS = 0;
  recomputeBeforeFirstS = 0;
  /** Set while recovering from a preemption: when it happened. */
  preemptedAtS = Number.NaN;
  /** Step in which the replica last scheduled this sequence (guards against scheduling it twice in a step). */
  lastStep = -1;
  /** Preemption intervals [lost cache at, next token at], for the timeline view. */
  readonly preemptionSpans: number[] = [];

  constructor(
    id: number,
    arrivalS: number,
    promptTokens: number,
    outputTokens: number,
    prefixId = -1,
    prefixTokens = 0,
  ) {
    this.id = id;
    this.arrivalS = arrivalS;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.prefixId = prefixId;
    this.prefixTokens = prefixId >= 0 ? prefixTokens : 0;
  }

  /** Tokens in the sequence so far: the prompt plus what it has generated. */
  get length(): number {
    return this.promptTokens + this.generated;
  }

  /** True once its prompt (or, after a preemption, its whole text so far) is in the cache and it decodes. */
  get decoding(): boolean {
    return this.generated > 0 && this.computed === this.length - 1;
  }

  /**
   * A number naming the contents of block `index` (of `blockSize` tokens): equal keys mean equal tokens, so a
   * prefix cache may share the block. Blocks wholly inside a shared prefix are keyed by the prefix; others by
   * this request.
   */
  blockKey(index: number, blockSize: number): number {
    return this.blockOwner(index, blockSize) * BLOCK_INDEX + index;
  }

  /** Whose contents block `index` holds: the shared prefix's (its id) or this request's own (a number above 2^20). */
  blockOwner(index: number, blockSize: number): number {
    return this.prefixId >= 0 && (index + 1) * blockSize <= this.prefixTokens ? this.prefixId : OWN_BLOCKS + this.id;
  }
}
