import type { Seq } from './seq.ts';

/**
 * The waiting queue: first come, first served, with preempted sequences put back at the front. A ring buffer,
 * so taking the head is O(1) even with thousands waiting (Array.prototype.shift copies the whole array).
 */
export class SeqQueue implements Iterable<Seq> {
  #items: (Seq | undefined)[] = new Array(64);
  #head = 0;
  #size = 0;

  get length(): number {
    return this.#size;
  }

  /** The i-th waiting sequence (0 is the head), or undefined past the end. */
  at(i: number): Seq | undefined {
    if (i < 0 || i >= this.#size) return undefined;
    return this.#items[(this.#head + i) % this.#items.length];
  }

  push(seq: Seq): void {
    this.#grow();
    this.#items[(this.#head + this.#size) % this.#items.length] = seq;
    this.#size++;
  }

  unshift(seq: Seq): void {
    this.#grow();
    this.#head = (this.#head - 1 + this.#items.length) % this.#items.length;
    this.#items[this.#head] = seq;
    this.#size++;
  }

  /** Remove and return the sequence at position i. */
  removeAt(i: number): Seq {
    const n = this.#items.length;
    const seq = this.at(i);
    if (seq === undefined) throw new RangeError(`no waiting sequence at position ${i}`);
    if (i === 0) {
      this.#items[this.#head] = undefined;
      this.#head = (this.#head + 1) % n;
    } else {
      for (let k = i; k < this.#size - 1; k++)
        this.#items[(this.#head + k) % n] = this.#items[(this.#head + k + 1) % n];
      this.#items[(this.#head + this.#size - 1) % n] = undefined;
    }
    this.#size--;
    return seq;
  }

  indexOf(seq: Seq): number {
    for (let i = 0; i < this.#size; i++) if (this.#items[(this.#head + i) % this.#items.length] === seq) return i;
    return -1;
  }

  *[Symbol.iterator](): Iterator<Seq> {
    for (let i = 0; i < this.#size; i++) yield this.#items[(this.#head + i) % this.#items.length] as Seq;
  }

  #grow(): void {
    if (this.#size < this.#items.length) return;
    const bigger: (Seq | undefined)[] = new Array(this.#items.length * 2);
    for (let i = 0; i < this.#size; i++) bigger[i] = this.#items[(this.#head + i) % this.#items.length];
    this.#items = bigger;
    this.#head = 0;
  }
}
