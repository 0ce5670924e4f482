// Every in-browser lab: its validated manifest and hidden tests. Sources (starter, solution) are read by the
// page at build time and by the Node checker from disk, so they are not imported here.
import type { LabTest } from '../graders/labs/harness.ts';
import { type LabManifest, LabManifest as ManifestSchema } from '../graders/labs/manifest.ts';
import decodeCeiling from './decode-ceiling/manifest.json' with { type: 'json' };
import { tests as decodeCeilingTests } from './decode-ceiling/tests.ts';

export interface Lab {
  manifest: LabManifest;
  tests: readonly LabTest[];
}

export const LABS: readonly Lab[] = [{ manifest: ManifestSchema.parse(decodeCeiling), tests: decodeCeilingTests }];

export function getLab(id: string): Lab {
  const lab = LABS.find((l) => l.manifest.id === id);
  if (!lab) throw new Error(`unknown lab "${id}"; known: ${LABS.map((l) => l.manifest.id).join(', ')}`);
  return lab;
}
