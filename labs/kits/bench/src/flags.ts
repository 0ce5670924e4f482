// Command-line flags: node:util parseArgs for the syntax, zod for the values. Every problem names its flag.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { InputError, parseInput } from '../../../../src/engine/errors.ts';

/** Bad usage: the message names the flag; the kit exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function readFlags(
  command: string,
  argv: string[],
  options: Options,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    const missing = /Option '(--[\w-]+)/.exec(message)?.[1];
    const text = unknown
      ? `unknown flag ${unknown}`
      : missing && /argument missing/.test(message)
        ? `${missing} needs a value`
        : missing && /ambiguous/.test(message)
          ? `${missing} needs a value (a value starting with "-" is written ${missing}=-…)`
          : message;
    throw new UsageError(`${text}. See: node bench.mjs ${command} --help`);
  }
}

/** A flag's text as a number when it reads as one; otherwise left as text so the error can quote it. */
export function numeric(v: string | boolean | undefined): unknown {
  if (typeof v !== 'string') return v;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

/** "1,4,16" → [1, 4, 16] (unparseable parts stay text, for the error message). */
export function numericList(v: string | boolean | undefined): unknown {
  if (typeof v !== 'string') return v;
  return v.split(',').map((part) => numeric(part));
}

/** Validate flags with a schema whose keys are flag names; errors come back as "--flag: problem (got value)". */
export function validateFlags<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  try {
    return parseInput(schema, raw, 'flags');
  } catch (e) {
    if (e instanceof InputError) {
      const seen = new Set<string>();
      const parts: string[] = [];
      for (const i of e.issues) {
        const flag = `--${i.field.split('.')[0]}`;
        const item = i.field.includes('.') ? ` (item ${Number(i.field.split('.')[1]) + 1})` : '';
        const text = `${flag}${item}: ${i.message}`;
        if (!seen.has(text)) parts.push(text);
        seen.add(text);
      }
      throw new UsageError(parts.join('; '));
    }
    throw e;
  }
}
