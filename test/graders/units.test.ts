import { describe, expect, it } from 'vitest';
import { fromCanonical, parseNumericAnswer, toCanonical } from '../../graders/questions/units.ts';

describe('parseNumericAnswer', () => {
  it('reads thousands separators, exponents and unit spellings', () => {
    expect(parseNumericAnswer('1,234.5 gb', 'bytes')).toEqual({ ok: true, value: 1234.5, unit: 'GB' });
    expect(parseNumericAnswer('2e3 ms', 'time')).toEqual({ ok: true, value: 2000, unit: 'ms' });
    expect(parseNumericAnswer('47.9 tokens/s', 'rate')).toEqual({ ok: true, value: 47.9, unit: 'tok/s' });
    expect(parseNumericAnswer('10240MiB', 'bytes')).toEqual({ ok: true, value: 10240, unit: 'MiB' });
    expect(parseNumericAnswer('.5', 'plain')).toEqual({ ok: true, value: 0.5, unit: null });
    expect(parseNumericAnswer('', 'rate').ok).toBe(false);
  });

  it('reads dollars written first or last, prices per million tokens and percentages', () => {
    expect(parseNumericAnswer('$2.40', 'money')).toEqual({ ok: true, value: 2.4, unit: '$' });
    expect(parseNumericAnswer('$2.40/MTok', 'money')).toEqual({ ok: true, value: 2.4, unit: '$/MTok' });
    expect(parseNumericAnswer('2.40 $/MTok', 'money')).toEqual({ ok: true, value: 2.4, unit: '$/MTok' });
    expect(parseNumericAnswer('2.40 usd', 'money')).toEqual({ ok: true, value: 2.4, unit: '$' });
    expect(parseNumericAnswer('35%', 'fraction')).toEqual({ ok: true, value: 35, unit: '%' });
  });

  it('names the accepted units when it does not know the one typed', () => {
    const r = parseNumericAnswer('3 furlongs', 'bytes');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/"furlongs" is not a unit.*GB.*GiB/);
    const t = parseNumericAnswer('3 GB', 'time');
    expect(t.ok).toBe(false);
  });
});

describe('unit conversion', () => {
  it('converts by the SI and binary definitions (1 GiB = 1.073741824 GB)', () => {
    expect(toCanonical('bytes', 1, 'GiB')).toBe(1_073_741_824);
    expect(fromCanonical('bytes', 1_073_741_824, 'GB')).toBeCloseTo(1.073741824, 12);
    expect(toCanonical('time', 250, 'ms')).toBeCloseTo(0.25, 12);
    expect(toCanonical('fraction', 35, '%')).toBeCloseTo(0.35, 12);
    expect(() => toCanonical('bytes', 1, 'parsec')).toThrow(/unknown unit/);
  });
});
