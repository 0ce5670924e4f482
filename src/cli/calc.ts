import { InputError } from '../engine/errors.ts';
import { calcCapacity } from './calc-capacity.ts';
import { calcCeiling } from './calc-ceiling.ts';
import { type CalcSubcommand, parseFlags } from './calc-common.ts';
import { calcCost } from './calc-cost.ts';
import { calcKv } from './calc-kv.ts';
import { calcParallel } from './calc-parallel.ts';
import { calcPrefill } from './calc-prefill.ts';
import { calcQuant } from './calc-quant.ts';
import { calcSpeculative } from './calc-speculative.ts';
import { calcWeights } from './calc-weights.ts';
import { type Command, UsageError } from './command.ts';

const SUBCOMMANDS: CalcSubcommand[] = [
  calcKv,
  calcWeights,
  calcCapacity,
  calcCeiling,
  calcPrefill,
  calcCost,
  calcSpeculative,
  calcQuant,
  calcParallel,
];

const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length));
const help = `goodput calc — the course's calculations from the command line

Usage: goodput calc <calculation> [options]      (goodput calc <calculation> --help for its options)

${SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n')}

Every calculation takes --json for machine-readable output. Models come from the catalog (--model <id>) or a
Hugging Face config.json (--config <path>); GPUs from the catalog (--gpu <id>).`;

/** camelCase engine field → the --kebab-case flag that sets it, so validation errors name the flag. */
function flagFor(field: string, sub: CalcSubcommand): string | null {
  const kebab = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const aliases: Record<string, string> = { 'weight-precision': 'weight-dtype', 'kv-precision': 'kv-dtype' };
  const flag = aliases[kebab] ?? kebab;
  return flag in sub.options ? `--${flag}` : null;
}

export const calc: Command = {
  name: 'calc',
  summary: 'calculators: kv, weights, capacity, ceiling, prefill, cost, speculative, quant, parallel',
  help,
  subcommands: SUBCOMMANDS.map((s) => s.name),
  async run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      io.out(help);
      return name === undefined ? 2 : 0;
    }
    const sub = SUBCOMMANDS.find((s) => s.name === name);
    if (!sub)
      throw new UsageError(`unknown calculation "${name}"; one of ${SUBCOMMANDS.map((s) => s.name).join(', ')}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(sub.help);
      return 0;
    }
    const values = parseFlags(rest, sub.options, sub.name);
    try {
      return sub.run(values, io);
    } catch (e) {
      if (e instanceof InputError) {
        const named = e.issues.map((i) => {
          const flag = flagFor(i.field.split('.')[0] ?? i.field, sub);
          return flag ? `${flag}: ${i.message}` : `${i.field}: ${i.message}`;
        });
        throw new UsageError(`calc ${sub.name}: ${named.join('; ')}`);
      }
      throw e;
    }
  },
};
