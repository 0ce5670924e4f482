import { calc } from './calc.ts';
import type { Command } from './command.ts';
import { grade } from './grade.ts';
import { labs } from './labs.ts';
import { questions } from './questions.ts';
import { simCommand } from './sim.ts';
import { simServer } from './sim-server.ts';

/** Every `goodput <command>`. Add a command by writing src/cli/<name>.ts and listing it here. */
export const COMMANDS: Command[] = [
  // one line per command
  calc,
  simCommand,
  questions,
  grade,
  simServer,
  labs,
];
