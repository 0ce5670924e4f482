// Hand-typed figures are allowed in a chapter only as quoted claims or measurements with a source. They live in the
// facts module as `QUOTED` (or `ASSUMED` for stated inputs of a worked example); each must say where it comes from.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = 'src/course/facts';
const SOURCE = /\b(?:source|errata|arXiv|https?:|datasheet|illustrative)\b|\b\d{3}\s+(?:§|Ch)/i;

describe('quoted figures carry their source', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    for (const name of ['QUOTED', 'ASSUMED'] as const) {
      const at = text.indexOf(`export const ${name}`);
      if (at < 0) continue;
      it(`${file}: ${name} is documented with its source`, () => {
        const comment = text.slice(0, at).match(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/)?.[1] ?? '';
        expect(comment, `${name} in ${file} needs a /** … */ comment naming its source`).toMatch(SOURCE);
      });
    }
  }
});
