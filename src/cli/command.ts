// What every CLI command provides; main.ts dispatches to them. Commands print and return an exit code.

export interface Command {
  /** The word after `goodput`, e.g. "calc". */
  name: string;
  /** One line for `goodput --help`. */
  summary: string;
  /** Full help text for `goodput <name> --help`. */
  help: string;
  /** Words this command dispatches on; when set, the command prints its own help (`goodput calc kv --help`). */
  subcommands?: readonly string[];
  run(argv: string[], io: Io): Promise<number>;
}

/** Where a command writes; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** A usage problem: main prints the message (naming the flag) and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
