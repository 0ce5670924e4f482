// goodput labs check: every lab's hidden tests against its reference solution (must pass), its starter (must fail)
// and its deliberately wrong solution (must fail with a message that helps), in Node.
import * as nodeModule from 'node:module';
import { parseArgs } from 'node:util';
import { checkLab, type LabCheck, type LoadLab } from '../../graders/labs/check.ts';
import { LAB_MODULE } from '../../graders/labs/imports.ts';
import { getLab, LABS } from '../../labs/registry.ts';
import { type Command, UsageError } from './command.ts';

const help = `goodput labs — the in-browser labs, checked from the command line

Usage: goodput labs check [--lab <id>] [--seed <n>] [--json]

Runs each lab's hidden tests in Node against labs/<id>/solution.ts (must pass), starter.ts (must fail) and
wrong.ts, a deliberately wrong solution (must fail with the message the lab promises). Exits 1 if any lab
does not hold.

Options:
  --lab <id>    check one lab (${LABS.map((l) => l.manifest.id).join(', ')})
  --seed <n>    seed for the generated test inputs (default 1)
  --json        one JSON array: per lab {id, solutionPassed, starterFailed, wrongFailed, problems}`;

const API = new URL('../../labs/api/goodput.ts', import.meta.url).href;
let hooked = false;

/** Lab code imports the engine as 'goodput'; in Node that resolves to the same facade the browser runner serves. */
function resolveGoodput(): void {
  if (hooked) return;
  hooked = true;
  const register = (nodeModule as { registerHooks?: typeof nodeModule.registerHooks }).registerHooks;
  if (!register)
    throw new Error(`goodput labs needs Node 22.15 or newer (module.registerHooks); this is ${process.version}`);
  register({
    resolve(specifier, context, next) {
      return specifier === LAB_MODULE ? { url: API, shortCircuit: true } : next(specifier, context);
    },
  });
}

export const loadFromDisk: LoadLab = async (id, file) => {
  resolveGoodput();
  return (await import(new URL(`../../labs/${id}/${file}`, import.meta.url).href)) as Record<string, unknown>;
};

function line(c: LabCheck): string {
  const ok = c.solutionPassed && c.starterFailed && c.wrongFailed;
  const parts = [
    c.solutionPassed ? 'solution passes' : 'SOLUTION FAILS',
    c.starterFailed ? 'starter fails' : 'STARTER PASSES',
    c.wrongFailed ? 'wrong solution fails with its message' : 'WRONG SOLUTION NOT CAUGHT',
  ];
  return [`${ok ? '✓' : '✗'} ${c.id.padEnd(20)} ${parts.join(', ')}`, ...c.problems.map((p) => `    ${p}`)].join('\n');
}

export const labs: Command = {
  name: 'labs',
  summary: "labs check: every lab's tests against its solution, starter and wrong solution",
  help,
  subcommands: ['check'],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.out(help);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'check') throw new UsageError(`unknown subcommand "${sub}"; the only one is check`);
    let values: { lab?: string | undefined; seed?: string | undefined; json?: boolean | undefined; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          lab: { type: 'string' },
          seed: { type: 'string' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    if (values.help) {
      io.out(help);
      return 0;
    }
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0)
      throw new UsageError(`--seed must be a whole number of 0 or more (got "${values.seed}")`);
    let selected = LABS;
    if (values.lab !== undefined) {
      try {
        selected = [getLab(values.lab)];
      } catch {
        throw new UsageError(`--lab "${values.lab}" is not a lab; one of ${LABS.map((l) => l.manifest.id).join(', ')}`);
      }
    }
    const checks: LabCheck[] = [];
    for (const lab of selected) checks.push(await checkLab(lab, loadFromDisk, seed));
    if (values.json) io.out(JSON.stringify(checks, null, 2));
    else {
      for (const c of checks) io.out(line(c));
      const good = checks.filter((c) => c.solutionPassed && c.starterFailed && c.wrongFailed).length;
      io.out(`${good} of ${checks.length} labs hold.`);
    }
    return checks.every((c) => c.solutionPassed && c.starterFailed && c.wrongFailed) ? 0 : 1;
  },
};
