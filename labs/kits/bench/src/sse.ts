// Server-sent events, incrementally: feed bytes as they arrive, get each event's data as soon as it is complete.

export class SseParser {
  readonly #decoder = new TextDecoder();
  #buffer = '';
  #data: string[] = [];

  /** Feed a chunk; returns the data of every event completed by it. */
  push(chunk: Uint8Array): string[] {
    this.#buffer += this.#decoder.decode(chunk, { stream: true });
    const events: string[] = [];
    let nl = this.#buffer.indexOf('\n');
    while (nl !== -1) {
      let line = this.#buffer.slice(0, nl);
      this.#buffer = this.#buffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        // A blank line ends an event.
        if (this.#data.length > 0) events.push(this.#data.join('\n'));
        this.#data = [];
      } else if (line.startsWith('data:')) {
        this.#data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      // Other fields (event:, id:, retry:) and comments (":") carry nothing the benchmark needs.
      nl = this.#buffer.indexOf('\n');
    }
    return events;
  }

  /** Data of an event left unterminated when the stream ended (some servers omit the final blank line). */
  end(): string[] {
    const rest = this.#buffer.trim();
    if (rest.startsWith('data:')) this.#data.push(rest.slice(rest[5] === ' ' ? 6 : 5));
    this.#buffer = '';
    const events = this.#data.length > 0 ? [this.#data.join('\n')] : [];
    this.#data = [];
    return events;
  }
}
