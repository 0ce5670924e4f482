import type { Command } from './command.ts';
import { GRADE_SUBCOMMANDS } from './grade-subcommands.ts';

function help(): string {
  const width = Math.max(...GRADE_SUBCOMMANDS.map((c) => c.name.length));
  return [
    'goodput grade — check graded work from a file',
    '',
    'Usage: goodput grade <subcommand> [options]    (goodput grade <subcommand> --help for details)',
    '',
    'Subcommands:',
    ...GRADE_SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export const grade: Command = {
  name: 'grade',
  summary: 'Verify an exam certificate (and other graded records)',
  get help() {
    return help();
  },
  get subcommands() {
    return GRADE_SUBCOMMANDS.map((c) => c.name);
  },
  async run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      io.out(help());
      return name === undefined ? 2 : 0;
    }
    const sub = GRADE_SUBCOMMANDS.find((c) => c.name === name);
    if (!sub) {
      io.err(`goodput grade: unknown subcommand "${name}"; known: ${GRADE_SUBCOMMANDS.map((c) => c.name).join(', ')}`);
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(sub.help);
      return 0;
    }
    return sub.run(rest, io);
  },
};
