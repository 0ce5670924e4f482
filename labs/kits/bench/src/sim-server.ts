// Entry point of the bundled practice server (sim-server.mjs): the course's `goodput sim-server`, packed with the kit.
import { runSimServer } from '../../../../src/cli/sim-server.ts';
import { processIo } from './io.ts';
import { KIT_VERSION } from './version.ts';

const stop = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  const { simServer } = await import('../../../../src/cli/sim-server.ts');
  processIo.out(simServer.help.replaceAll('goodput sim-server', 'node sim-server.mjs'));
} else {
  try {
    process.exitCode = await runSimServer(argv, processIo, stop, KIT_VERSION);
  } catch (e) {
    processIo.err(`sim-server: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
