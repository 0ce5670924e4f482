import { z } from 'zod';

/** How a lab is graded: against engine figures, by outcomes of simulator runs, or by classifying generated cases. */
export const LabKind = z.enum(['numeric', 'simulator', 'diagnostic']);
export type LabKind = z.infer<typeof LabKind>;

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, 'a JavaScript identifier');

/** labs/<id>/manifest.json, validated when the labs are loaded. */
export const LabManifest = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  /** Position in the course's list of labs (the outline numbers them 1–12). */
  number: z.number().int().min(1).max(99),
  title: z.string().min(1),
  /** Slug of the chapter the lab practises. */
  chapter: z.string().min(1),
  kind: LabKind,
  /** Wall-clock limit for one run of the tests, in milliseconds. */
  timeLimitMs: z.number().int().min(100).max(30_000).default(2000),
  /** Functions or classes the learner's module must export. */
  exports: z.array(identifier).min(1),
  /** Names the learner may import from 'goodput' (values and types of labs/api/goodput.ts). */
  imports: z.array(identifier).default([]),
  /** Hints, revealed one at a time, in order. */
  hints: z.array(z.string().min(1)).min(1),
});
export type LabManifest = z.infer<typeof LabManifest>;
