// Progress on stderr while a level runs: one rewritten line on a terminal, a line every few seconds otherwise.
import { performance } from 'node:perf_hooks';

export class Progress {
  readonly #label: string;
  readonly #total: number;
  readonly #tty: boolean;
  readonly #enabled: boolean;
  readonly #start = performance.now();
  #done = 0;
  #failed = 0;
  #lastPrint = 0;

  constructor(label: string, total: number, enabled: boolean) {
    this.#label = label;
    this.#total = total;
    this.#enabled = enabled;
    this.#tty = process.stderr.isTTY === true;
  }

  tick(failed: boolean): void {
    this.#done++;
    if (failed) this.#failed++;
    if (!this.#enabled) return;
    const now = performance.now();
    const every = this.#tty ? 100 : 5000;
    if (now - this.#lastPrint < every && this.#done < this.#total) return;
    this.#lastPrint = now;
    this.#print(now);
  }

  #print(now: number): void {
    const s = (now - this.#start) / 1000;
    const rate = s > 0 ? this.#done / s : 0;
    const text = `${this.#label}: ${this.#done}/${this.#total} done, ${this.#failed} failed, ${rate.toFixed(1)} req/s, ${s.toFixed(1)} s`;
    process.stderr.write(this.#tty ? `\r\x1b[2K${text}` : `${text}\n`);
  }

  finish(): void {
    if (this.#enabled && this.#tty) process.stderr.write('\n');
  }
}
