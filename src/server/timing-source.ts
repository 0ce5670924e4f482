// The practice server asks a timing source when each token exists; the source knows nothing of HTTP.
// Times are milliseconds on the server's clock (performance.now()).

export interface SourceRequest {
  id: number;
  promptTokens: number;
  /** Tokens to generate; 0 for a prefill-only request (embeddings). */
  outputTokens: number;
  /** The prompt starts with text other requests share (a system prompt): its group and length, for prefix caching. */
  prefix?: { id: number; tokens: number } | undefined;
}

/** Tokens that became available at one instant. */
export interface TokenEvent {
  id: number;
  atMs: number;
  /** Tokens produced at this instant (0 for the completion of a prefill-only request). */
  count: number;
  /** The request has produced everything it will. */
  done: boolean;
}

export interface SourceStats {
  running: number;
  waiting: number;
}

/**
 * A model of a serving engine that runs forward in time as requests arrive. The server calls `add` when a
 * request arrives, `advance` when the clock reaches `nextEventMs()`, and writes the tokens it is given.
 */
export interface TimingSource {
  /** One line for logs and /v1/models, e.g. "roofline: qwen3-4b on H100 SXM". */
  readonly description: string;
  add(req: SourceRequest, nowMs: number): void;
  /** The client went away: drop the request (its share of an in-flight step is already spent). */
  cancel(id: number, nowMs: number): void;
  /** When the next event happens; Infinity when nothing is in flight. */
  nextEventMs(): number;
  /** Run every event up to and including `nowMs`, calling `emit` in time order. */
  advance(nowMs: number, emit: (e: TokenEvent) => void): void;
  stats(): SourceStats;
}
