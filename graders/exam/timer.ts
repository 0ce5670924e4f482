/** Minutes-left marks at which the exam announces the time to screen readers (and no more often). */
export const ANNOUNCE_AT_MINUTES = [30, 10, 5, 1] as const;

/** "59:07" for the visible clock; never negative. */
export function formatClock(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The announcement due when the time left drops from `before` to `now` (ms), if it crossed a mark. */
export function announcementFor(beforeMs: number, nowMs: number): string | null {
  if (beforeMs > 0 && nowMs <= 0) return 'Time is up. Your answers are being submitted.';
  // Smallest mark crossed wins, so a long pause (a sleeping laptop) announces the most urgent one.
  for (const m of [...ANNOUNCE_AT_MINUTES].reverse()) {
    const mark = m * 60_000;
    if (beforeMs > mark && nowMs <= mark) return `${m} minute${m === 1 ? '' : 's'} left.`;
  }
  return null;
}
