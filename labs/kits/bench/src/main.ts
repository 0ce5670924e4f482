// The bench kit's command line: node bench.mjs [run|parity|cost|compare] …
import { InputError } from '../../../../src/engine/errors.ts';
import { runCompare } from './compare.ts';
import { runCost } from './cost.ts';
import { UsageError } from './flags.ts';
import { COMPARE_HELP, COST_HELP, PARITY_HELP, RUN_HELP, TOP_HELP } from './help.ts';
import { type Io, processIo } from './io.ts';
import { runParity } from './parity.ts';
import { ResultsFileError } from './results-file.ts';
import { runBench } from './run.ts';
import { parseRunFlags } from './run-flags.ts';

const HELP: Record<string, string> = { run: RUN_HELP, parity: PARITY_HELP, cost: COST_HELP, compare: COMPARE_HELP };

export async function main(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(TOP_HELP);
    return 0;
  }
  const command = first.startsWith('-') ? 'run' : first;
  const rest = first.startsWith('-') ? argv : argv.slice(1);
  if (!(command in HELP)) {
    io.err(`bench: unknown command "${command}"; commands: run, parity, cost, compare (see --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(HELP[command] as string);
    return 0;
  }
  try {
    if (command === 'run') return await runBench(parseRunFlags(rest), io, signal);
    if (command === 'parity') return await runParity(rest, io, signal);
    if (command === 'cost') return runCost(rest, io);
    return runCompare(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(`bench ${command}: ${e.message}`);
      return 2;
    }
    if (e instanceof ResultsFileError) {
      io.err(`bench ${command}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** Run as a program: the first Ctrl-C stops the run gracefully (results written), a second one quits at once. */
export async function cli(): Promise<void> {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping: finishing the result line… (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  process.exitCode = await main(process.argv.slice(2), processIo, controller.signal);
  // Keep-alive sockets would hold the process open.
  process.exit();
}
