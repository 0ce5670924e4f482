import type { z } from 'zod';
import { PROGRESS_VERSION, type Progress, Progress as ProgressSchema, ProgressV1 } from './schema.ts';

/** Stored data that cannot become current progress; the message says why, for the learner. */
export class UnreadableProgress extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableProgress';
  }
}

function describe(issues: { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'it does not match the expected shape';
  const where = first.path.length ? first.path.map(String).join('.') : 'the record';
  return `${where}: ${first.message}`;
}

function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnreadableProgress(`it is damaged (${describe(parsed.error.issues)})`);
  return parsed.data;
}

/** v1 → v2: no per-topic history was kept, so `recent` starts empty; no exams were recorded. */
function fromV1(p: ProgressV1): Progress {
  const topics = Object.fromEntries(Object.entries(p.topics).map(([k, t]) => [k, { ...t, recent: [] }]));
  return { version: 2, chapters: p.chapters, topics, labs: p.labs, exams: [] };
}

/** Bring stored progress of any known version to the current one; anything else is unreadable. */
export function migrate(data: unknown): Progress {
  if (typeof data !== 'object' || data === null || !('version' in data)) {
    throw new UnreadableProgress('it is not Goodput progress (no version field)');
  }
  const version = (data as { version: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UnreadableProgress(`its version ${JSON.stringify(version)} is not one Goodput ever wrote`);
  }
  if (version > PROGRESS_VERSION) {
    throw new UnreadableProgress(
      `it was written by a newer version of Goodput (format ${version}; this page reads up to ${PROGRESS_VERSION})`,
    );
  }
  if (version === 1) return parse(ProgressSchema, fromV1(parse(ProgressV1, data)));
  return parse(ProgressSchema, data);
}
