import { InputError } from '../engine/errors.ts';
import { type Io, processIo, UsageError } from './command.ts';
import { COMMANDS } from './commands.ts';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return [
    'goodput — the course engine from the command line',
    '',
    'Usage: goodput <command> [options]    (goodput <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(topHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`goodput: unknown command "${name}". Run "goodput --help" for the list.`);
    return 2;
  }
  if ((rest.includes('--help') || rest.includes('-h')) && !command.subcommands) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(`goodput ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

// Run directly (node src/cli/main.ts …), not when imported by the launcher or by tests.
if (process.argv[1]?.endsWith('src/cli/main.ts')) {
  process.exitCode = await main(process.argv.slice(2));
}
