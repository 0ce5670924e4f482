// What really happened to each request, on the server's clock: the practice server's answer key. A benchmark
// measures from the client's side; these records say what it should have found.
import { performance } from 'node:perf_hooks';
import { tpotMs } from '../engine/metrics.ts';

export type Fault = 'http_error' | 'drop' | 'stall';

export interface TruthRecord {
  /** The id the response carried (e.g. "cmpl-7"), so a client's record can be matched with this one. */
  id: string;
  endpoint: string;
  stream: boolean;
  prompt_tokens: number;
  output_tokens: number;
  /** When the request's headers arrived, in ms since the server started. */
  arrival_ms: number;
  /** When each chunk carrying generated text was written to the socket (non-streaming: when tokens existed). */
  token_ms: number[];
  /** When the response was complete. */
  done_ms: number | null;
  ttft_ms: number | null;
  tpot_ms: number | null;
  e2e_ms: number | null;
  status: 'running' | 'ok' | 'cancelled' | 'fault';
  fault: Fault | null;
}

export class TruthLog {
  readonly #start = performance.now();
  readonly #limit: number;
  #records: TruthRecord[] = [];

  constructor(limit = 20_000) {
    this.#limit = limit;
  }

  /** The Unix time (ms) of this log's zero, to line its times up with another process's clock. */
  originEpochMs(): number {
    return performance.timeOrigin + this.#start;
  }

  /** Milliseconds since the server started. */
  now(): number {
    return performance.now() - this.#start;
  }

  open(r: Pick<TruthRecord, 'id' | 'endpoint' | 'stream' | 'prompt_tokens' | 'arrival_ms'>): TruthRecord {
    const rec: TruthRecord = {
      ...r,
      output_tokens: 0,
      token_ms: [],
      done_ms: null,
      ttft_ms: null,
      tpot_ms: null,
      e2e_ms: null,
      status: 'running',
      fault: null,
    };
    this.#records.push(rec);
    if (this.#records.length > this.#limit) this.#records = this.#records.slice(-this.#limit);
    return rec;
  }

  /** Close a record and derive its metrics the way DESIGN.md defines them (E2E to the last token). */
  close(rec: TruthRecord, status: TruthRecord['status']): void {
    rec.status = status;
    rec.done_ms = this.now();
    const first = rec.token_ms[0];
    const last = rec.token_ms[rec.token_ms.length - 1];
    if (first === undefined || last === undefined) return;
    rec.ttft_ms = first - rec.arrival_ms;
    rec.e2e_ms = last - rec.arrival_ms;
    rec.tpot_ms = tpotMs(rec.e2e_ms, rec.ttft_ms, rec.output_tokens) ?? null;
  }

  list(): readonly TruthRecord[] {
    return this.#records;
  }

  clear(): void {
    this.#records = [];
  }
}
