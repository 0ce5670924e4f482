// Figures the kits page prints about the downloads, computed from the zips the build emits.
import { createHash } from 'node:crypto';
import { PARITY_ITEMS } from '../../../labs/kits/bench/src/parity-set.ts';
import { KIT_NAMES, type KitName, kitZip } from '../../../labs/kits/build/kits.ts';

function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

async function describe(name: KitName) {
  const zip = await kitZip(name);
  return { size: size(zip.length), sha256: createHash('sha256').update(zip).digest('hex') };
}

export const kitDownloads = Object.fromEntries(
  await Promise.all(KIT_NAMES.map(async (name) => [name, await describe(name)] as const)),
) as Record<KitName, { size: string; sha256: string }>;

/** Size of the bench kit's bundled parity eval. */
export const parityQuestions = PARITY_ITEMS.length;
