#!/usr/bin/env node
// Launcher for the goodput CLI (TypeScript sources run directly). Node 22.18+ strips types by default;
// 22.12–22.17 need --experimental-strip-types, so re-run there with the flag.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  const { main: run } = await import(main);
  process.exitCode = await run(process.argv.slice(2));
} else {
  const r = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings=ExperimentalWarning', main, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(r.status ?? 1);
}
