// `npm run build:kits`: writes dist/kits/bench.zip and dist/kits/probe.zip (the site build emits the same files
// through src/pages/kits/[name].zip.ts).

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { KIT_NAMES, kitZip } from './kits.ts';

mkdirSync('dist/kits', { recursive: true });
for (const name of KIT_NAMES) {
  const zip = await kitZip(name);
  writeFileSync(`dist/kits/${name}.zip`, zip);
  const sha = createHash('sha256').update(zip).digest('hex');
  console.log(`dist/kits/${name}.zip  ${zip.length} bytes  sha256 ${sha}`);
}
