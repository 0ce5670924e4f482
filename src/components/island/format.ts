// Display helpers shared by the live elements: pick a readable decimal unit for a byte count.
import { formatBytes } from '../../engine/units.ts';

/** 327,680 B → "327.7 KB"; 13.1e9 → "13.11 GB". Decimal units, as the course's prose uses. */
export function bytesLabel(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1e12) return formatBytes(bytes, 'TB', 2);
  if (abs >= 1e9) return formatBytes(bytes, 'GB', 2);
  if (abs >= 1e6) return formatBytes(bytes, 'MB', 2);
  if (abs >= 1e3) return formatBytes(bytes, 'KB', 1);
  return formatBytes(bytes, 'B', 0);
}

/** A byte count with its binary twin, for places where learners will compare against nvidia-smi. */
export function bytesWithGiB(bytes: number): string {
  return `${bytesLabel(bytes)} (${formatBytes(bytes, 'GiB', 2)})`;
}
