// Shared by the `goodput calc` subcommands: flag parsing, model and GPU lookup, output.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CapacityGpu } from '../engine/capacity.ts';
import type { Gpu } from '../engine/catalog/gpu.ts';
import { GPUS, getGpu, getModel, MODELS } from '../engine/catalog/index.ts';
import type { Model } from '../engine/catalog/model.ts';
import { modelFromConfig } from '../engine/catalog/read-config.ts';
import { InputError } from '../engine/errors.ts';
import { PRECISIONS, type Precision } from '../engine/precision.ts';
import { GiB } from '../engine/units.ts';
import { type Io, UsageError } from './command.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export interface CalcSubcommand {
  name: string;
  summary: string;
  help: string;
  options: Options;
  run(values: Values, io: Io): number;
}

export const MODEL_OPTIONS: Options = {
  model: { type: 'string' },
  config: { type: 'string' },
};
export const JSON_OPTION: Options = { json: { type: 'boolean' } };

export const MODEL_HELP = `  --model <id>          a catalog model (${MODELS.map((m) => m.id).join(', ')})
  --config <path>       a Hugging Face config.json instead of --model`;
export const GPU_HELP = `  --gpu <id>            a catalog GPU (${GPUS.map((g) => g.id).join(', ')})`;
export const PRECISION_LIST = PRECISIONS.join(', ');

/** Parse flags strictly; an unknown or malformed flag becomes a UsageError that names it. */
export function parseFlags(argv: string[], options: Options, command: string): Values {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument "${positionals[0]}" (see goodput calc ${command} --help)`);
    return values as Values;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(
      `${message.replace(/\. To specify a positional argument.*$/s, '')} (see goodput calc ${command} --help)`,
    );
  }
}

interface NumberRule {
  int?: boolean;
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed. */
  exclusiveMin?: boolean;
}

/** A numeric flag: undefined when absent, else a finite number within its range, or a UsageError naming the flag. */
export function numberFlag(values: Values, flag: string, rule: NumberRule = {}): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new UsageError(`--${flag} needs a number`);
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a finite number (got "${raw}")`);
  if (rule.int && !Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number (got "${raw}")`);
  if (rule.min !== undefined && (rule.exclusiveMin ? n <= rule.min : n < rule.min)) {
    throw new UsageError(`--${flag} must be ${rule.exclusiveMin ? 'above' : 'at least'} ${rule.min} (got "${raw}")`);
  }
  if (rule.max !== undefined && n > rule.max)
    throw new UsageError(`--${flag} must be at most ${rule.max} (got "${raw}")`);
  return n;
}

export function requiredNumber(values: Values, flag: string, rule: NumberRule = {}): number {
  const n = numberFlag(values, flag, rule);
  if (n === undefined) throw new UsageError(`--${flag} is required`);
  return n;
}

/** A comma-separated list of whole numbers, e.g. --batch 1,8,64. */
export function intListFlag(values: Values, flag: string, rule: NumberRule = {}): number[] | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new UsageError(`--${flag} needs a value`);
  return raw.split(',').map((part) => numberFlag({ [flag]: part.trim() }, flag, { ...rule, int: true }) as number);
}

export function precisionFlag(values: Values, flag: string): Precision | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !(PRECISIONS as readonly string[]).includes(raw)) {
    throw new UsageError(`--${flag} must be one of ${PRECISION_LIST} (got "${String(raw)}")`);
  }
  return raw as Precision;
}

export function stringFlag(values: Values, flag: string): string | undefined {
  const raw = values[flag];
  return typeof raw === 'string' ? raw : undefined;
}

/** The model from --model or --config (exactly one). */
export function resolveModel(values: Values): Model {
  const id = stringFlag(values, 'model');
  const path = stringFlag(values, 'config');
  if (id !== undefined && path !== undefined) throw new UsageError('give either --model or --config, not both');
  if (id !== undefined) return getModel(id);
  if (path === undefined) throw new UsageError('--model <id> or --config <config.json> is required');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--config: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config: ${path} is not valid JSON (${(e as Error).message})`);
  }
  const name = basename(path).replace(/\.json$/, '');
  try {
    return modelFromConfig(raw, { id: name || 'config', name: name || 'config.json' });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`--config ${path}: ${e.message}`);
    throw e;
  }
}

/** A catalog GPU from --gpu, or undefined. */
export function catalogGpu(values: Values): Gpu | undefined {
  const id = stringFlag(values, 'gpu');
  return id === undefined ? undefined : getGpu(id);
}

/** The card for memory questions: --gpu, or --gpu-memory <GiB> for one the catalog lacks (as nvidia-smi reports it). */
export function memoryGpu(values: Values, required: boolean): CapacityGpu | undefined {
  const gpu = catalogGpu(values);
  const gib = numberFlag(values, 'gpu-memory', { min: 0, exclusiveMin: true, max: 1_000_000 });
  if (gpu && gib !== undefined) throw new UsageError('give either --gpu or --gpu-memory, not both');
  if (gpu) return gpu;
  if (gib !== undefined) return { name: `${gib} GiB GPU`, memoryBytes: Math.round(gib * GiB) };
  if (required) throw new UsageError('--gpu <id> or --gpu-memory <GiB> is required');
  return undefined;
}

/** Print JSON or a table. */
export function emit(io: Io, values: Values, json: unknown, table: () => string): void {
  io.out(values.json === true ? JSON.stringify(json, null, 2) : table());
}

/** Two aligned columns. */
export function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** A grid with a header row, right-aligned numbers. */
export function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
