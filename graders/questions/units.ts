import { BYTE_UNITS } from '../../src/engine/units.ts';
import type { Quantity } from './schema.ts';

/** Units a learner may type for each quantity, as multipliers to the canonical unit (bytes, seconds, tokens/s). */
const UNITS: Record<Quantity, Record<string, number>> = {
  bytes: BYTE_UNITS,
  time: { s: 1, ms: 1e-3, µs: 1e-6 },
  rate: { 'tok/s': 1 },
  plain: { '': 1 },
};

/** Aliases learners type, mapped to the spelling above. */
const ALIASES: Record<string, string> = {
  b: 'B',
  kb: 'KB',
  mb: 'MB',
  gb: 'GB',
  tb: 'TB',
  kib: 'KiB',
  mib: 'MiB',
  gib: 'GiB',
  tib: 'TiB',
  bytes: 'B',
  sec: 's',
  seconds: 's',
  msec: 'ms',
  us: 'µs',
  tps: 'tok/s',
  'tokens/s': 'tok/s',
  'token/s': 'tok/s',
  't/s': 'tok/s',
  'tok/sec': 'tok/s',
  'tokens/sec': 'tok/s',
};

export function unitsFor(q: Quantity): string[] {
  return Object.keys(UNITS[q]);
}

export function toCanonical(q: Quantity, value: number, unit: string): number {
  const f = UNITS[q][unit];
  if (f === undefined) throw new Error(`unknown unit ${unit} for ${q}`);
  return value * f;
}

export function fromCanonical(q: Quantity, value: number, unit: string): number {
  return value / toCanonical(q, 1, unit);
}

export type ParsedAnswer = { ok: true; value: number; unit: string | null } | { ok: false; message: string };

/** Read "70.5 GB", "65,7 GiB", "47.5", "1.2e3 tok/s"; a comma between digits counts as a thousands separator. */
export function parseNumericAnswer(text: string, q: Quantity): ParsedAnswer {
  const m = text.trim().match(/^([-+]?(?:\d[\d,_]*)?\.?\d+(?:e[-+]?\d+)?)\s*([a-zA-Zµ/%]+)?$/i);
  if (!m || m[1] === undefined) {
    return {
      ok: false,
      message: `Write a number, optionally followed by a unit (${unitsFor(q).filter(Boolean).join(', ') || 'no unit'}).`,
    };
  }
  const value = Number(m[1].replace(/[,_]/g, ''));
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is not finite.' };
  const rawUnit = m[2];
  if (rawUnit === undefined) return { ok: true, value, unit: null };
  const known = unitsFor(q);
  const unit = known.includes(rawUnit) ? rawUnit : ALIASES[rawUnit.toLowerCase()];
  if (unit === undefined || !known.includes(unit)) {
    return {
      ok: false,
      message: `"${rawUnit}" is not a unit this question accepts; use one of ${known.filter(Boolean).join(', ')}.`,
    };
  }
  return { ok: true, value, unit };
}
