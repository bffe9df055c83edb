// Calendar helpers against the host's own Gregorian calendar (Date.UTC), which is an independent implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayOfYearFromUnixTime,
  isLeapYear,
  julianDayFromUnixTime,
  monthFromUnixTime,
  SECONDS_PER_DAY,
} from '../../src/core/time.ts';

const MS_PER_S = 1000;

function dateDayOfYear(unixTimeS: number): number {
  const date = new Date(unixTimeS * MS_PER_S);
  return (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / (SECONDS_PER_DAY * MS_PER_S) + 1;
}

// 1700-01-01 to 2300-01-01 in unix seconds: wide enough to cross the non-leap centuries 1800, 1900 and 2100.
const unixTime = fc.integer({ min: -8_520_336_000, max: 10_413_792_000 });

describe('calendar helpers', () => {
  it('day of year and month agree with Date.UTC over 1700–2300, at any UTC offset', () => {
    fc.assert(
      fc.property(unixTime, fc.integer({ min: -12 * 3600, max: 14 * 3600 }), (t, offsetS) => {
        expect(dayOfYearFromUnixTime(t, offsetS)).toBe(dateDayOfYear(t + offsetS));
        expect(monthFromUnixTime(t, offsetS)).toBe(new Date((t + offsetS) * MS_PER_S).getUTCMonth() + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles year ends, leap days and the UTC+8 day boundary', () => {
    const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) / MS_PER_S;
    expect(dayOfYearFromUnixTime(utc(2023, 1, 1))).toBe(1);
    expect(dayOfYearFromUnixTime(utc(2023, 12, 31, 23))).toBe(365);
    expect(dayOfYearFromUnixTime(utc(2024, 2, 29, 12))).toBe(60);
    expect(dayOfYearFromUnixTime(utc(2024, 3, 1))).toBe(61);
    expect(dayOfYearFromUnixTime(utc(2024, 12, 31))).toBe(366);
    expect(dayOfYearFromUnixTime(utc(1900, 3, 1))).toBe(60); // 1900 is not a leap year
    expect(dayOfYearFromUnixTime(utc(2000, 3, 1))).toBe(61); // 2000 is
    // 2023-01-01T00:00+08:00 is still 31 December in UTC.
    expect(dayOfYearFromUnixTime(utc(2022, 12, 31, 16))).toBe(365);
    expect(dayOfYearFromUnixTime(utc(2022, 12, 31, 16), 8 * 3600)).toBe(1);
    expect(monthFromUnixTime(utc(2023, 1, 31, 20), 8 * 3600)).toBe(2);
    expect(monthFromUnixTime(utc(1969, 12, 31, 23))).toBe(12);
  });

  it('counts leap years by the Gregorian rule', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it('gives the Julian day of the epoch and of J2000.0 (Meeus, Astronomical Algorithms, ch. 7)', () => {
    expect(julianDayFromUnixTime(0)).toBe(2_440_587.5);
    // 2000-01-01T12:00:00Z is JD 2451545.0.
    expect(julianDayFromUnixTime(Date.UTC(2000, 0, 1, 12) / MS_PER_S)).toBe(2_451_545);
  });
});
