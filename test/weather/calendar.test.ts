import { describe, expect, it } from 'vitest';
import { daysInMonth } from '../../src/weather/calendar.ts';

describe('daysInMonth', () => {
  it('follows the Gregorian rules (leap every 4 years, not centuries, except every 400)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(m, 2001))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2, 2004)).toBe(29);
    expect(daysInMonth(2, 1900)).toBe(28);
    expect(daysInMonth(2, 2000)).toBe(29);
    // Without a year: the largest day a month can have.
    expect(daysInMonth(2)).toBe(29);
    expect(daysInMonth(4)).toBe(30);
  });
});
