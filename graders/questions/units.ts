import { BYTE_UNITS } from '../../src/engine/units.ts';
import type { Quantity } from './schema.ts';

/** Units a learner may type for each quantity, as multipliers to the canonical unit. */
const UNITS: Record<Quantity, Record<string, number>> = {
  bytes: BYTE_UNITS,
  time: { s: 1, ms: 1e-3, µs: 1e-6, min: 60, h: 3600 },
  rate: { 'tok/s': 1 },
  requests: { 'req/s': 1 },
  /** Dollars; a price per million tokens is its own unit so "$2.40" on a price question reads as $/MTok. */
  money: { $: 1, '$/MTok': 1 },
  fraction: { '%': 0.01, '': 1 },
  /** Counts of things (parameters, tokens): "12.9 B" or "12,900,000,000". */
  count: { '': 1, K: 1e3, M: 1e6, B: 1e9 },
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
  mins: 'min',
  minutes: 'min',
  hours: 'h',
  hr: 'h',
  tps: 'tok/s',
  'tokens/s': 'tok/s',
  'token/s': 'tok/s',
  't/s': 'tok/s',
  'tok/sec': 'tok/s',
  'tokens/sec': 'tok/s',
  rps: 'req/s',
  'requests/s': 'req/s',
  'request/s': 'req/s',
  'req/sec': 'req/s',
  usd: '$',
  'usd/mtok': '$/MTok',
  '/mtok': '$/MTok',
  '$/mtok': '$/MTok',
  'per mtok': '$/MTok',
  percent: '%',
  k: 'K',
  thousand: 'K',
  m: 'M',
  million: 'M',
  bn: 'B',
  billion: 'B',
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

const NUMBER = /^([-+]?(?:\d[\d,_]*)?\.?\d+(?:e[-+]?\d+)?)\s*(.*)$/i;

/**
 * Read "70.5 GB", "65,7 GiB", "47.5", "1.2e3 tok/s", "$2.40", "2.40 $/MTok", "35%".
 * A comma between digits counts as a thousands separator.
 */
export function parseNumericAnswer(text: string, q: Quantity): ParsedAnswer {
  const known = unitsFor(q);
  const listed = known.filter(Boolean).join(', ') || 'no unit';
  let t = text.trim();
  // A leading dollar sign is a unit written first: "$2.40" or "$2.40/MTok".
  const dollar = t.startsWith('$');
  if (dollar) t = t.slice(1).trim();
  const m = t.match(NUMBER);
  if (!m || m[1] === undefined)
    return { ok: false, message: `Write a number, optionally followed by a unit (${listed}).` };
  const value = Number(m[1].replace(/[,_]/g, ''));
  if (!Number.isFinite(value)) return { ok: false, message: 'That number is not finite.' };
  let raw = (m[2] ?? '').trim();
  if (dollar) raw = raw === '' ? '$' : `$${raw.startsWith('/') ? '' : '/'}${raw}`;
  if (raw === '') return { ok: true, value, unit: null };
  const unit = known.includes(raw) ? raw : ALIASES[raw.toLowerCase()];
  if (unit === undefined || !known.includes(unit)) {
    return { ok: false, message: `"${raw}" is not a unit this question accepts; use ${listed}.` };
  }
  return { ok: true, value, unit };
}
