/** A growable column of numbers in one Float64Array: the simulator records thousands of steps without garbage. */
export class Column {
  #data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.#data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.length++] = value;
  }

  get(i: number): number {
    return this.#data[i] as number;
  }

  /** The recorded values (a view, not a copy). */
  values(): Float64Array {
    return this.#data.subarray(0, this.length);
  }
}
