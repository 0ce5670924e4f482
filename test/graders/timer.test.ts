import { describe, expect, it } from 'vitest';
import { announcementFor, formatClock } from '../../graders/exam/timer.ts';

const min = 60_000;

describe('exam timer', () => {
  it('shows minutes and seconds, rounding up, never below zero', () => {
    expect(formatClock(60 * min)).toBe('60:00');
    expect(formatClock(59 * min + 7_000)).toBe('59:07');
    expect(formatClock(500)).toBe('0:01');
    expect(formatClock(-5_000)).toBe('0:00');
  });

  it('announces only when a mark is crossed', () => {
    const said: string[] = [];
    for (let left = 60 * min; left >= -1000; left -= 1000) {
      const a = announcementFor(left + 1000, left);
      if (a) said.push(a);
    }
    expect(said).toEqual([
      '30 minutes left.',
      '10 minutes left.',
      '5 minutes left.',
      '1 minute left.',
      'Time is up. Your answers are being submitted.',
    ]);
  });

  it('after a long pause announces the most urgent mark once', () => {
    expect(announcementFor(31 * min, 4 * min)).toBe('5 minutes left.');
    expect(announcementFor(4 * min, 4 * min - 1000)).toBeNull();
  });
});
