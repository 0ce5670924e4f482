import type { Command } from './command.ts';
import { gradeVerify } from './grade-verify.ts';

/** Every `goodput grade <subcommand>`. Add one by writing src/cli/grade-<name>.ts and appending it here. */
export const GRADE_SUBCOMMANDS: Command[] = [
  // one line per subcommand
  gradeVerify,
];
