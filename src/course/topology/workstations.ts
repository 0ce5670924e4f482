/**
 * Unified-memory machines and their vendor memory bandwidth, GB/s — quoted in shared/course/errata.md (E004-42) from
 * vendor specs via localsonly.run and jlw-newsletter comparisons.
 */
export const WORKSTATIONS = [
  { name: 'Mac Studio M3 Ultra', gbs: 819 },
  { name: 'MacBook Pro M4 Max', gbs: 546 },
  { name: 'MacBook Pro M3 Max', gbs: 400 },
  { name: 'DGX Spark', gbs: 273 },
] as const;
