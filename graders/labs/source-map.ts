// Maps a position in the JavaScript the TypeScript compiler emitted back to the learner's TypeScript, so a runtime
// error can name the line the learner wrote. Only what a single-file source map needs: VLQ "mappings" and lookup.

export interface SourceMap {
  version: number;
  mappings: string;
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decode one segment's base-64 VLQ fields: 5 data bits per digit, bit 6 continues, the lowest bit is the sign. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`invalid source-map character "${ch}"`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

interface Mapping {
  generatedColumn: number;
  line: number;
  column: number;
}

/** Decoded mappings per generated line (0-based), columns ascending. Source lines and columns are 0-based. */
export function decodeMappings(mappings: string): Mapping[][] {
  const lines: Mapping[][] = [];
  let line = 0;
  let column = 0;
  for (const group of mappings.split(';')) {
    const row: Mapping[] = [];
    let generatedColumn = 0;
    for (const segment of group.split(',')) {
      if (segment === '') continue;
      const f = decodeSegment(segment);
      generatedColumn += f[0] ?? 0;
      // One-field segments map to no source position.
      if (f.length < 4) continue;
      line += f[2] ?? 0;
      column += f[3] ?? 0;
      row.push({ generatedColumn, line, column });
    }
    lines.push(row);
  }
  return lines;
}

/** The source position of a generated one (both 1-based), or null when that line maps to nothing. */
export function originalPosition(map: SourceMap, at: Position): Position | null {
  const row = decodeMappings(map.mappings)[at.line - 1];
  if (!row || row.length === 0) return null;
  let best = row[0] as Mapping;
  for (const m of row) if (m.generatedColumn <= at.column - 1) best = m;
  return { line: best.line + 1, column: best.column + 1 };
}

/** The first frame of `stack` inside the module loaded from `url`, as a generated position. */
export function frameIn(stack: string, url: string): Position | null {
  const at = stack.indexOf(`${url}:`);
  if (at < 0) return null;
  const m = /^:(\d+):(\d+)/.exec(stack.slice(at + url.length));
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}
