// Results files are JSON lines. The kit appends, never truncates: a run adds lines to what was there.
import { appendFileSync, createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { parseInput } from '../../../../src/engine/errors.ts';
import { BenchResult, type ParsedResults, parseResultsText } from '../../../../src/engine/results.ts';

/** Append one validated line. A file that does not end in a newline gets one first, so lines never merge. */
export function appendLine(path: string, line: BenchResult): void {
  const valid = parseInput(BenchResult, line, 'result line');
  appendJsonLine(path, valid);
}

export function appendJsonLine(path: string, value: unknown): void {
  let prefix = '';
  if (existsSync(path)) {
    const text = readFileSync(path);
    if (text.length > 0 && text[text.length - 1] !== 0x0a) prefix = '\n';
  }
  appendFileSync(path, `${prefix}${JSON.stringify(value)}\n`);
}

/**
 * An append-only JSON-lines writer that does not block the event loop while requests are being timed
 * (for the per-request --detail file). Call `close()` to flush.
 */
export class LineWriter {
  readonly #stream: WriteStream;
  constructor(path: string) {
    let prefix = '';
    if (existsSync(path)) {
      const text = readFileSync(path);
      if (text.length > 0 && text[text.length - 1] !== 0x0a) prefix = '\n';
    }
    this.#stream = createWriteStream(path, { flags: 'a' });
    if (prefix) this.#stream.write(prefix);
  }
  write(value: unknown): void {
    this.#stream.write(`${JSON.stringify(value)}\n`);
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

export class ResultsFileError extends Error {}

/** Read and validate a results file; problems are listed per line, as the site's results page lists them. */
export function readResults(path: string): ParsedResults {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ResultsFileError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseResultsText(text);
}

export function describeIssues(path: string, parsed: ParsedResults): string[] {
  return parsed.issues.map((i) => `${path}:${i.line}: ${i.field} = ${i.value}: ${i.message}`);
}
