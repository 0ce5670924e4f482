import { z } from 'zod';
import { migrate, UnreadableProgress } from './migrate.ts';
import type { Progress } from './schema.ts';

/** The export file wraps the stored record so a stray JSON file is recognisably not progress. */
const Envelope = z.object({
  format: z.literal('goodput-progress'),
  exportedAt: z.string(),
  progress: z.unknown(),
});

export function exportProgress(p: Progress, now = new Date()): string {
  return `${JSON.stringify({ format: 'goodput-progress', exportedAt: now.toISOString(), progress: p }, null, 2)}\n`;
}

export type Imported = { ok: true; progress: Progress; exportedAt: string } | { ok: false; message: string };

/** Read an export file (of this or an older version); never throws for bad input. */
export function importProgress(text: string): Imported {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'That file is not JSON, so it cannot be a Goodput progress export.' };
  }
  const env = Envelope.safeParse(data);
  if (!env.success) {
    return {
      ok: false,
      message: 'That JSON file is not a Goodput progress export (it lacks "format": "goodput-progress").',
    };
  }
  try {
    return { ok: true, progress: migrate(env.data.progress), exportedAt: env.data.exportedAt };
  } catch (e) {
    if (e instanceof UnreadableProgress) return { ok: false, message: `That export cannot be used: ${e.message}.` };
    throw e;
  }
}
