/**
 * Timestamps for hourly typical-year files (EPW, TMY3) whose rows are stamped with the END of the hour in
 * local standard time (hour 1 = 00:00–01:00, hour 24 = 23:00–24:00) and whose values are the mean over that hour.
 *
 * Solar position for an hour mean is computed at the middle of the hour (end − 30 min), which keeps the series
 * inside the calendar year (31 December hour 24 → 23:30) so no row rolls over into the next year.
 *
 * Which year the timestamps carry: typical-year files take each month from a different source year
 * (Greensboro TMY3: 1980–2003; Amsterdam IWEC: 1982–1999), which would make the series jump back and forth.
 * - When every row carries the same year Y and Y is a leap year exactly when the file has 29 February,
 *   Y is kept (real-year files, and typical years stamped with one year such as the CSWD files' 2005;
 *   this also matches pvlib's `read_epw`, which keeps the file's years).
 * - Otherwise every row gets the month, day and hour it has in the file and the reference year 2001
 *   (2004 if the file has 29 February). Any year would do; 2001 sits near the middle of the leap-year cycle's
 *   drift of the calendar against the seasons, so no source year is far from it.
 * - `referenceYear` forces a year.
 * Error bound: the sun's position at a given calendar date and clock time repeats from year to year up to the
 * quarter-day drift of the 4-year leap cycle (under 0.75 day between any two years), so re-dating a row moves the
 * sun by at most ~0.4°/day × 0.75 day ≈ 0.3° in declination near the equinoxes. Measured on every daylight hour
 * of the shipped files (zenith at the re-dated time against the row's source year, test/weather/hour-ending.test.ts):
 * at most 0.29° (Greensboro TMY3) and 0.26° (Amsterdam IWEC).
 */

import { isLeapYear, SECONDS_PER_HOUR } from '../core/time.ts';
import { HOURS_PER_YEAR } from '../core/units.ts';
import { allNaN } from './fields.ts';
import { WeatherParseError, type WeatherSeries } from './types.ts';

/** Year given to typical-year rows whose source years differ (see module comment). */
export const REFERENCE_YEAR = 2001;
/** Year given to typical-year rows with 29 February whose source years differ. */
export const REFERENCE_LEAP_YEAR = 2004;
/** Hours in a leap year (8784 = 366 × 24). */
export const HOURS_PER_LEAP_YEAR = 8784;

const HALF_HOUR_S = SECONDS_PER_HOUR / 2;
const MS_PER_S = 1000;
const FEBRUARY = 2;
const LEAP_DAY = 29;

/** Date columns of the data rows of an hourly file; row i sits on line `firstDataLine + i`. */
export interface HourEndingRows {
  readonly years: Int32Array;
  readonly months: Int32Array;
  readonly days: Int32Array;
  /** Hour ending, 1–24, local standard time. */
  readonly hoursEnding: Int32Array;
  readonly count: number;
  readonly firstDataLine: number;
}

/** Options shared by the hourly typical-year readers. */
export interface HourEndingOptions {
  /** Year for every timestamp, overriding the file's (must be a leap year if the file has 29 February). */
  readonly referenceYear?: number;
}

function firstLeapDayRow(rows: HourEndingRows): number {
  for (let i = 0; i < rows.count; i++) {
    if (rows.months[i] === FEBRUARY && rows.days[i] === LEAP_DAY) return i;
  }
  return -1;
}

/** The year the timestamps of an hourly typical-year file carry (policy in the module comment). */
export function timestampYear(rows: HourEndingRows, file: string, options: HourEndingOptions = {}): number {
  const leapRow = firstLeapDayRow(rows);
  const hasLeapDay = leapRow >= 0;
  if (options.referenceYear !== undefined) {
    const year = options.referenceYear;
    if (!Number.isInteger(year)) throw new Error(`timestampYear: referenceYear must be an integer, got ${year}`);
    if (hasLeapDay && !isLeapYear(year)) {
      throw new WeatherParseError({
        file,
        line: rows.firstDataLine + leapRow,
        expected: `no 29 February, since the timestamps are forced to the non-leap year ${year}`,
        got: '29 February',
      });
    }
    return year;
  }
  if (rows.count > 0) {
    const first = rows.years[0]!;
    let uniform = true;
    for (let i = 1; i < rows.count && uniform; i++) uniform = rows.years[i] === first;
    if (uniform && isLeapYear(first) === hasLeapDay) return first;
  }
  return hasLeapDay ? REFERENCE_LEAP_YEAR : REFERENCE_YEAR;
}

function describeHour(month: number, day: number, hourEnding: number): string {
  return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')} hour ${hourEnding}`;
}

/**
 * Unix times (s) of the middle of each hour of a full year of hour-ending rows in `year`, local standard time
 * `utcOffsetHours` ahead of UTC: t = UTC(year, month, day, hourEnding) − offset − 30 min.
 * Throws a {@link WeatherParseError} at the first row that is not the hour after the previous one (starting at
 * 1 January hour 1), and when the file holds fewer or more rows than the year has hours.
 */
export function hourEndingMidpointTimes(rows: HourEndingRows, utcOffsetHours: number, year: number, file: string): Float64Array {
  const hoursInYear = isLeapYear(year) ? HOURS_PER_LEAP_YEAR : HOURS_PER_YEAR;
  const offsetS = utcOffsetHours * SECONDS_PER_HOUR;
  const firstS = Date.UTC(year, 0, 1, 1) / MS_PER_S - offsetS - HALF_HOUR_S;
  const n = Math.min(rows.count, hoursInYear);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const month = rows.months[i]!;
    const day = rows.days[i]!;
    const hourEnding = rows.hoursEnding[i]!;
    // Date.UTC rolls hour 24 over to 00:00 of the next day, which is the end of the hour we want.
    const t = Date.UTC(year, month - 1, day, hourEnding) / MS_PER_S - offsetS - HALF_HOUR_S;
    const expectedS = firstS + i * SECONDS_PER_HOUR;
    if (t !== expectedS) {
      const expectedEnd = new Date((expectedS + offsetS + HALF_HOUR_S) * MS_PER_S);
      // The end of the hour on the local clock; 00:00 of a day is hour 24 of the day before.
      const endHour = expectedEnd.getUTCHours();
      const endDay = endHour === 0 ? new Date((expectedS + offsetS) * MS_PER_S) : expectedEnd;
      const expected = describeHour(endDay.getUTCMonth() + 1, endDay.getUTCDate(), endHour === 0 ? 24 : endHour);
      throw new WeatherParseError({
        file,
        line: rows.firstDataLine + i,
        expected: `consecutive hours from 01/01 hour 1: the row for ${expected}`,
        got: describeHour(month, day, hourEnding),
      });
    }
    times[i] = t;
  }
  if (rows.count < hoursInYear) {
    throw new WeatherParseError({
      file,
      line: rows.firstDataLine + rows.count,
      expected: `${hoursInYear} hourly rows (a full year to 12/31 hour 24)`,
      got: `end of file after ${rows.count} rows`,
    });
  }
  if (rows.count > hoursInYear) {
    throw new WeatherParseError({
      file,
      line: rows.firstDataLine + hoursInYear,
      expected: `the end of the data after ${hoursInYear} hourly rows`,
      got: 'another row',
    });
  }
  return times;
}

/** The columns an hour-ending reader fills, one entry per row (NaN where a value is missing). */
export interface HourEndingColumns {
  readonly ghiWm2: Float64Array;
  readonly dniWm2: Float64Array;
  readonly dhiWm2: Float64Array;
  readonly tempAirC: Float64Array;
  readonly windSpeedMPerS: Float64Array;
  readonly pressurePa: Float64Array;
  readonly albedo: Float64Array;
}

/**
 * Empty row and column arrays for `rowCount` data rows of an hour-ending file. Pressure and albedo start as NaN
 * (missing), since not every file carries them; the other columns are filled by every row.
 */
export function createHourEndingTable(rowCount: number, firstDataLine: number): { rows: HourEndingRows; columns: HourEndingColumns } {
  const f = () => new Float64Array(rowCount);
  const i = () => new Int32Array(rowCount);
  return {
    rows: { years: i(), months: i(), days: i(), hoursEnding: i(), count: rowCount, firstDataLine },
    columns: { ghiWm2: f(), dniWm2: f(), dhiWm2: f(), tempAirC: f(), windSpeedMPerS: f(), pressurePa: f().fill(Number.NaN), albedo: f().fill(Number.NaN) },
  };
}

/** Header fields of an hour-ending file: station name (may be empty), position and time zone. */
export interface HourEndingSite {
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  readonly utcOffsetHours: number;
}

/**
 * The WeatherSeries of an hour-ending file (EPW, TMY3): timestamps at mid-hour in one year, pressure and albedo
 * left out when the file has none at all.
 */
export function hourEndingSeries(format: 'epw' | 'tmy3', file: string, rows: HourEndingRows, columns: HourEndingColumns, site: HourEndingSite, options: HourEndingOptions = {}): WeatherSeries {
  const year = timestampYear(rows, file, options);
  const { pressurePa, albedo, ...always } = columns;
  const { name, ...position } = site;
  return {
    format,
    label: file,
    unixTimeS: hourEndingMidpointTimes(rows, site.utcOffsetHours, year, file),
    ...always,
    ...(allNaN(pressurePa) ? {} : { pressurePa }),
    ...(allNaN(albedo) ? {} : { albedo }),
    stepHours: 1,
    timeConvention: 'hour-ending-midpoint',
    site: { ...(name === '' ? {} : { name }), ...position },
  };
}
