// Bytes are the engine's unit; GB (10^9) and GiB (2^30) only appear when formatting.
export const KB = 1e3;
export const MB = 1e6;
export const GB = 1e9;
export const TB = 1e12;
export const KiB = 2 ** 10;
export const MiB = 2 ** 20;
export const GiB = 2 ** 30;
export const TiB = 2 ** 40;

export const BYTE_UNITS = { B: 1, KB, MB, GB, TB, KiB, MiB, GiB, TiB } as const;
export type ByteUnit = keyof typeof BYTE_UNITS;

/** Format with thousands separators and a fixed number of decimals. */
export function fixed(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Whole number with thousands separators, e.g. 327,680. */
export function int(value: number): string {
  return fixed(Math.round(value), 0);
}

export function formatBytes(bytes: number, unit: ByteUnit, decimals = 2): string {
  return `${fixed(bytes / BYTE_UNITS[unit], decimals)} ${unit}`;
}

/** Both decimal and binary forms, because learners confuse them: "70.55 GB (65.71 GiB)". */
export function formatGBAndGiB(bytes: number, decimals = 2): string {
  return `${formatBytes(bytes, 'GB', decimals)} (${formatBytes(bytes, 'GiB', decimals)})`;
}

export function formatPercent(fraction: number, decimals = 1): string {
  return `${fixed(fraction * 100, decimals)}%`;
}
