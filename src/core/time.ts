/**
 * Calendar helpers on unix time (seconds since 1970-01-01T00:00:00Z), written as pure arithmetic
 * so hourly loops neither allocate `Date` objects nor depend on the host's time zone.
 */

/** Seconds in one day (86,400 s; unix time has no leap seconds). */
export const SECONDS_PER_DAY = 86_400;
/** Seconds in one hour. */
export const SECONDS_PER_HOUR = 3_600;
/** Julian day of the unix epoch, 1970-01-01T00:00:00Z (Meeus, Astronomical Algorithms, ch. 7). */
export const JULIAN_DAY_UNIX_EPOCH = 2_440_587.5;

// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar, and the day counts of
// the 400-year cycle, from H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
const DAYS_FROM_0000_03_01_TO_EPOCH = 719_468;
const DAYS_PER_400_YEARS = 146_097;

/** Julian day (days) of a unix time (s): JD = t / 86400 + 2440587.5 (Reda & Andreas 2004, NREL/TP-560-34302, eq. 4 on a UTC clock). */
export function julianDayFromUnixTime(unixTimeS: number): number {
  return unixTimeS / SECONDS_PER_DAY + JULIAN_DAY_UNIX_EPOCH;
}

/** True when `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Hinnant's civil_from_days, split in two so callers get plain numbers without allocating:
// the "March year" (1 March to end of February, so the leap day comes last) and the day within it.
function marchYear(days: number): number {
  const z = days + DAYS_FROM_0000_03_01_TO_EPOCH;
  const era = Math.floor(z / DAYS_PER_400_YEARS);
  const dayOfEra = z - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  return yearOfEra + era * 400;
}

function dayFromMarch1(days: number, year: number): number {
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfEra = days + DAYS_FROM_0000_03_01_TO_EPOCH - era * DAYS_PER_400_YEARS;
  return dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
}

// 1 March → 31 December is 306 days, so 1 January is day 306 of the March year.
const DAYS_MARCH1_TO_JANUARY1 = 306;
// Days in January and February of a common year.
const DAYS_JANUARY_FEBRUARY = 59;

/**
 * Day of the year (1 = 1 January, up to 366) of a unix time (s) on a clock `utcOffsetS` seconds ahead
 * of UTC (0 = UTC day of year); proleptic Gregorian calendar, Hinnant's civil-from-days algorithm.
 * @example dayOfYearFromUnixTime(Date.UTC(2024, 11, 31) / 1000) // 366
 */
export function dayOfYearFromUnixTime(unixTimeS: number, utcOffsetS = 0): number {
  const days = Math.floor((unixTimeS + utcOffsetS) / SECONDS_PER_DAY);
  const year = marchYear(days);
  const day = dayFromMarch1(days, year);
  if (day >= DAYS_MARCH1_TO_JANUARY1) return day - DAYS_MARCH1_TO_JANUARY1 + 1;
  return day + DAYS_JANUARY_FEBRUARY + (isLeapYear(year) ? 1 : 0) + 1;
}

/**
 * Month (1 = January … 12 = December) of a unix time (s) on a clock `utcOffsetS` seconds ahead of UTC;
 * proleptic Gregorian calendar, Hinnant's civil-from-days algorithm.
 * @example monthFromUnixTime(Date.UTC(2023, 0, 31, 20) / 1000, 8 * 3600) // 2 (1 February in UTC+8)
 */
export function monthFromUnixTime(unixTimeS: number, utcOffsetS = 0): number {
  const days = Math.floor((unixTimeS + utcOffsetS) / SECONDS_PER_DAY);
  const day = dayFromMarch1(days, marchYear(days));
  // Hinnant's month-from-March formula: months of 31,30,31,30,31 days repeat every 153 days.
  const monthFromMarch = Math.floor((5 * day + 2) / 153);
  return monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
}
