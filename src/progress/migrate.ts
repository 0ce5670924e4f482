import { PROGRESS_VERSION, type Progress, Progress as ProgressSchema } from './schema.ts';

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
  const parsed = ProgressSchema.safeParse(data);
  if (!parsed.success) throw new UnreadableProgress(`it is damaged (${describe(parsed.error.issues)})`);
  return parsed.data;
}
