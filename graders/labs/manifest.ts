import { z } from 'zod';

/** labs/<id>/manifest.json, validated when the labs are loaded. */
export const LabManifest = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  title: z.string().min(1),
  /** Slug of the chapter the lab practises. */
  chapter: z.string().min(1),
  /** Wall-clock limit for one run of the tests, in milliseconds. */
  timeLimitMs: z.number().int().min(100).max(30_000).default(2000),
  /** Functions the learner's module must export. */
  exports: z.array(z.string().min(1)).min(1),
  /** Hints, revealed one at a time, in order. */
  hints: z.array(z.string().min(1)).min(1),
});
export type LabManifest = z.infer<typeof LabManifest>;
