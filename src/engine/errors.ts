import type { z } from 'zod';

/** One problem with an input: which field, what it held, what is allowed. */
export interface InputIssue {
  field: string;
  message: string;
}

/** Thrown for bad input at an edge; its message names each field, the value and what is allowed. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(what: string, issues: InputIssue[]) {
    super(`Invalid ${what}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'InputError';
    this.issues = issues;
  }
}

function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 60)}…` : s;
  } catch {
    return String(value);
  }
}

/** Parse with a zod schema, turning failures into an InputError that quotes the offending values. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : what;
    const got = 'input' in issue ? ` (got ${show(issue.input)})` : '';
    return { field, message: `${issue.message}${got}` };
  });
  throw new InputError(what, issues);
}
