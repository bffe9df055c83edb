/**
 * Timestamps for hourly files whose rows are labelled with the START of their hour (SAM CSV and NSRDB downloads in
 * local standard time, PVGIS in UTC): a row labelled hh covers hh:00–hh+1:00 and its sun is taken at hh:30.
 * A minute column does not move it (NSRDB writes hh:30 for the same hour). Years follow the policy of ./hour-ending.ts:
 * a full typical year (8,760 or 8,784 rows) whose months come from different years is re-dated to one year; any other
 * series keeps its own dates. Rows must follow each other hour by hour.
 */

import { SECONDS_PER_HOUR } from '../core/time.ts';
import { HOURS_PER_YEAR } from '../core/units.ts';
import { allNaN } from './fields.ts';
import { HOURS_PER_LEAP_YEAR, timestampYear, type HourEndingOptions } from './hour-ending.ts';
import { WeatherParseError, type WeatherFormat, type WeatherSeries, type WeatherSite } from './types.ts';

/** Date columns of the data rows of an hour-start file; row i sits on line `lines[i]` (1-based). */
export interface HourStartRows {
  readonly years: Int32Array;
  readonly months: Int32Array;
  readonly days: Int32Array;
  /** Hour the row starts at, 0–23, on the file's clock. */
  readonly hours: Int32Array;
  readonly count: number;
  /** 1-based line of each row (JSON records are not one a line). */
  readonly lines: Int32Array;
}

/** Empty date columns for `count` rows. */
export function createHourStartRows(count: number): HourStartRows {
  const i = () => new Int32Array(count);
  return { years: i(), months: i(), days: i(), hours: i(), count, lines: i() };
}

const HALF_HOUR_S = SECONDS_PER_HOUR / 2;
const MS_PER_S = 1000;

function label(year: number, month: number, day: number, hour: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;
}

/**
 * Unix times (s) of the middle of each row's hour on a clock `utcOffsetHours` ahead of UTC:
 * t = UTC(year, month, day, hour) + 30 min − offset. Throws a {@link WeatherParseError} at the first row that is not one
 * hour after the one before (sub-hourly data included: these readers take hourly rows).
 */
export function hourStartMidpointTimes(rows: HourStartRows, utcOffsetHours: number, file: string, options: HourEndingOptions = {}): Float64Array {
  const fullYear = rows.count === HOURS_PER_YEAR || rows.count === HOURS_PER_LEAP_YEAR;
  const year = fullYear || options.referenceYear !== undefined
    ? timestampYear({ years: rows.years, months: rows.months, days: rows.days, hoursEnding: rows.hours, count: rows.count, firstDataLine: rows.lines[0] ?? 1 }, file, options)
    : undefined;
  const offsetS = utcOffsetHours * SECONDS_PER_HOUR;
  const times = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    const y = year ?? rows.years[i]!;
    const t = Date.UTC(y, rows.months[i]! - 1, rows.days[i]!, rows.hours[i]!) / MS_PER_S + HALF_HOUR_S - offsetS;
    if (i > 0 && t !== times[i - 1]! + SECONDS_PER_HOUR) {
      const next = new Date((times[i - 1]! + SECONDS_PER_HOUR - HALF_HOUR_S + offsetS) * MS_PER_S);
      throw new WeatherParseError({
        file,
        line: rows.lines[i]!,
        expected: `hourly rows one after another: the hour starting ${label(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), next.getUTCHours())}`,
        got: label(rows.years[i]!, rows.months[i]!, rows.days[i]!, rows.hours[i]!),
      });
    }
    times[i] = t;
  }
  if (rows.count < 2) {
    throw new WeatherParseError({ file, line: (rows.lines[0] ?? 0) + 1, expected: 'at least two hourly rows', got: `${rows.count} row(s)` });
  }
  return times;
}

/** The columns an hour-start reader fills, one value a row: W/m², °C, m/s, Pa, albedo 0–1; NaN where the file has none. */
export interface HourStartColumns {
  readonly ghi: Float64Array;
  readonly dni: Float64Array;
  readonly dhi: Float64Array;
  readonly temp: Float64Array;
  readonly wind: Float64Array;
  readonly pressure: Float64Array;
  readonly albedo?: Float64Array;
}

/**
 * The hourly series of an hour-start file (SAM CSV, PVGIS): each row timed at the middle of its hour on the clock
 * `utcOffsetHours` ahead of UTC ({@link hourStartMidpointTimes}); pressure and albedo only when some row has a value.
 */
export function hourStartSeries(format: WeatherFormat, file: string, rows: HourStartRows, columns: HourStartColumns, site: WeatherSite, utcOffsetHours: number, options: HourEndingOptions): WeatherSeries {
  const { albedo } = columns;
  return {
    format,
    label: file,
    unixTimeS: hourStartMidpointTimes(rows, utcOffsetHours, file, options),
    ghiWm2: columns.ghi,
    dniWm2: columns.dni,
    dhiWm2: columns.dhi,
    tempAirC: columns.temp,
    windSpeedMPerS: columns.wind,
    ...(allNaN(columns.pressure) ? {} : { pressurePa: columns.pressure }),
    ...(albedo === undefined || allNaN(albedo) ? {} : { albedo }),
    stepHours: 1,
    timeConvention: 'hour-start-midpoint',
    site,
  };
}
