// Every in-browser lab: its validated manifest, hidden tests and the mistake its wrong solution makes. Sources
// (starter, solution, wrong) are read by the page at build time and by the Node checker from disk, so they are not
// imported here.
import type { LabTest, Mistake } from '../graders/labs/harness.ts';
import { type LabManifest, LabManifest as ManifestSchema } from '../graders/labs/manifest.ts';
import blockAllocator from './block-allocator/manifest.json' with { type: 'json' };
import * as blockAllocatorTests from './block-allocator/tests.ts';
import chunkedPrefill from './chunked-prefill/manifest.json' with { type: 'json' };
import * as chunkedPrefillTests from './chunked-prefill/tests.ts';
import cost from './cost/manifest.json' with { type: 'json' };
import * as costTests from './cost/tests.ts';
import decodeCeiling from './decode-ceiling/manifest.json' with { type: 'json' };
import * as decodeCeilingTests from './decode-ceiling/tests.ts';
import diagnoseLayer from './diagnose-layer/manifest.json' with { type: 'json' };
import * as diagnoseLayerTests from './diagnose-layer/tests.ts';
import kvBytes from './kv-bytes/manifest.json' with { type: 'json' };
import * as kvBytesTests from './kv-bytes/tests.ts';
import maxConcurrency from './max-concurrency/manifest.json' with { type: 'json' };
import * as maxConcurrencyTests from './max-concurrency/tests.ts';
import percentilesGoodput from './percentiles-goodput/manifest.json' with { type: 'json' };
import * as percentilesGoodputTests from './percentiles-goodput/tests.ts';
import scheduler from './scheduler/manifest.json' with { type: 'json' };
import * as schedulerTests from './scheduler/tests.ts';
import speculative from './speculative/manifest.json' with { type: 'json' };
import * as speculativeTests from './speculative/tests.ts';
import stageAttribution from './stage-attribution/manifest.json' with { type: 'json' };
import * as stageAttributionTests from './stage-attribution/tests.ts';
import unpackingTax from './unpacking-tax/manifest.json' with { type: 'json' };
import * as unpackingTaxTests from './unpacking-tax/tests.ts';

export interface Lab {
  manifest: LabManifest;
  tests: readonly LabTest[];
  mistake: Mistake;
}

interface LabModule {
  tests: readonly LabTest[];
  mistake: Mistake;
}

function lab(manifest: unknown, mod: LabModule): Lab {
  return { manifest: ManifestSchema.parse(manifest), tests: mod.tests, mistake: mod.mistake };
}

/** In course order (manifest `number`). */
export const LABS: readonly Lab[] = [
  lab(kvBytes, kvBytesTests),
  lab(decodeCeiling, decodeCeilingTests),
  lab(maxConcurrency, maxConcurrencyTests),
  lab(percentilesGoodput, percentilesGoodputTests),
  lab(cost, costTests),
  lab(scheduler, schedulerTests),
  lab(chunkedPrefill, chunkedPrefillTests),
  lab(blockAllocator, blockAllocatorTests),
  lab(speculative, speculativeTests),
  lab(unpackingTax, unpackingTaxTests),
  lab(stageAttribution, stageAttributionTests),
  lab(diagnoseLayer, diagnoseLayerTests),
].sort((a, b) => a.manifest.number - b.manifest.number);

export function getLab(id: string): Lab {
  const found = LABS.find((l) => l.manifest.id === id);
  if (!found) throw new Error(`unknown lab "${id}"; known: ${LABS.map((l) => l.manifest.id).join(', ')}`);
  return found;
}
