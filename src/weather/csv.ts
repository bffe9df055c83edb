/**
 * Plain weather CSV: reader and writer, text only, no file access.
 *
 * Layout: a header row naming the columns (any order), then one row per time step.
 * - `time`: ISO 8601 date-time WITH a UTC offset (`2022-06-21T12:00:00+08:00`, `…Z`); a time without an offset
 *   is an error, since guessing the zone would shift the sun by hours.
 * - `ghi`, `dni`, `dhi` in W/m²; `temp_air` in °C; `wind_speed` in m/s (pvlib's names).
 * - Required: time, ghi, temp_air, wind_speed. Optional: dni, dhi (absent column or empty cell → NaN, for the
 *   caller to decompose GHI), pressure (Pa) and albedo (0–1), also NaN when empty.
 * - Solar position is computed at each row's own timestamp (`'instant'`): stamp hour means at mid-hour.
 * - Times must increase with a constant step; `stepHours` is that step.
 */

import { SECONDS_PER_HOUR } from '../core/time.ts';
import { daysInMonth } from './calendar.ts';
import { type CellPlace, type MeasurementSpec, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
import { type WeatherSeries, WeatherParseError } from './types.ts';

/** Column names of the plain weather CSV. */
export type WeatherCsvColumn = 'time' | 'ghi' | 'dni' | 'dhi' | 'temp_air' | 'wind_speed' | 'pressure' | 'albedo';
export const WEATHER_CSV_COLUMNS: readonly WeatherCsvColumn[] = ['time', 'ghi', 'dni', 'dhi', 'temp_air', 'wind_speed', 'pressure', 'albedo'];
const REQUIRED_COLUMNS: readonly WeatherCsvColumn[] = ['time', 'ghi', 'temp_air', 'wind_speed'];

const MAX_IRRADIANCE_WM2 = 2000;
const SPECS: Readonly<Record<Exclude<WeatherCsvColumn, 'time'>, MeasurementSpec>> = {
  ghi: { column: 'ghi', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, required: true },
  dni: { column: 'dni', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, emptyIsMissing: true, required: false },
  dhi: { column: 'dhi', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, emptyIsMissing: true, required: false },
  temp_air: { column: 'temp_air', unit: '°C', min: -70, max: 70, required: true },
  wind_speed: { column: 'wind_speed', unit: 'm/s', min: 0, max: 40, required: true },
  pressure: { column: 'pressure', unit: 'Pa', min: 31_000, max: 120_000, emptyIsMissing: true, required: false },
  albedo: { column: 'albedo', unit: 'fraction 0–1', min: 0, max: 1, emptyIsMissing: true, required: false },
};

const MS_PER_S = 1000;
const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_HOUR = 60;
const MAX_OFFSET_HOURS = 14;
/** Two steps count as equal within this (s): fractional seconds in text do not add up exactly in binary. */
const STEP_TOLERANCE_S = 1e-3;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_EXPECTED = 'an ISO 8601 time with a UTC offset, e.g. 2022-06-21T12:00:00+08:00';

/** A parsed ISO time: unix seconds and the UTC offset it was written with. */
interface IsoTime {
  readonly unixTimeS: number;
  readonly utcOffsetHours: number;
}

/** Unix time (s) of an ISO 8601 date-time with a UTC offset, or undefined when `text` is not one (RFC 3339 subset). */
export function parseIsoTimeWithOffset(text: string): IsoTime | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(m[7]);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(month, year) || hour > 23 || minute >= MINUTES_PER_HOUR || second >= SECONDS_PER_MINUTE) return undefined;
  const zone = m[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const offsetH = Number(zone.slice(1, 3));
    const offsetM = Number(zone.slice(4, 6));
    if (offsetH > MAX_OFFSET_HOURS || offsetM >= MINUTES_PER_HOUR) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (offsetH * MINUTES_PER_HOUR + offsetM);
  }
  const localS = Date.UTC(year, month - 1, day, hour, minute, second) / MS_PER_S + fraction;
  return { unixTimeS: localS - offsetMinutes * SECONDS_PER_MINUTE, utcOffsetHours: offsetMinutes / MINUTES_PER_HOUR };
}

/**
 * Parses a plain weather CSV (label `file` for messages) into a series timed at each row's timestamp;
 * irradiance W/m², temperature °C, wind m/s, pressure Pa. Throws {@link WeatherParseError} with the 1-based line
 * for an unknown, duplicate or missing column, a malformed number or time, a time without UTC offset, a time that
 * does not increase, or a step that changes.
 * @example parseWeatherCsv('time,ghi,temp_air,wind_speed\n2022-06-21T12:00:00+08:00,900,25,1\n2022-06-21T13:00:00+08:00,850,26,1', 'w.csv').stepHours // 1
 */
export function parseWeatherCsv(text: string, file: string): WeatherSeries {
  const lines = splitLines(text);
  const names = splitCsvLine(lines[0] ?? '').map((cell) => cell.trim());
  const index = headerIndex(names, file, `column names from ${WEATHER_CSV_COLUMNS.join(', ')}`);
  const missingColumns = REQUIRED_COLUMNS.filter((column) => !index.has(column));
  if (missingColumns.length > 0) {
    const named = missingColumns.map((c) => `'${c}'`).join(', ');
    throw new WeatherParseError({
      file,
      line: 1,
      expected: `${missingColumns.length === 1 ? 'a column named' : 'columns named'} ${named}: the header needs ${REQUIRED_COLUMNS.join(', ')} (dni, dhi, pressure, albedo optional)`,
      got: lines[0] ?? 'end of file',
    });
  }

  const measured = [...index.keys()].filter((column): column is Exclude<WeatherCsvColumn, 'time'> => column !== 'time');
  const rows = readTimedRows(lines, file, names.length, index.get('time')!, measured.map((column) => ({ spec: SPECS[column], cell: index.get(column)! })));
  const columns = new Map(measured.map((column, k) => [column, rows.values[k]!]));
  const { unixTimeS, stepS, utcOffsetHours } = rows;
  const missing = (): Float64Array => new Float64Array(unixTimeS.length).fill(Number.NaN);
  const pressurePa = columns.get('pressure');
  const albedo = columns.get('albedo');
  return {
    format: 'csv',
    label: file,
    unixTimeS,
    ghiWm2: columns.get('ghi')!,
    dniWm2: columns.get('dni') ?? missing(),
    dhiWm2: columns.get('dhi') ?? missing(),
    tempAirC: columns.get('temp_air')!,
    windSpeedMPerS: columns.get('wind_speed')!,
    ...(pressurePa === undefined ? {} : { pressurePa }),
    ...(albedo === undefined ? {} : { albedo }),
    stepHours: stepS / SECONDS_PER_HOUR,
    timeConvention: 'instant',
    site: utcOffsetHours === undefined ? {} : { utcOffsetHours },
  };
}

/**
 * The header of a timed CSV (plain weather or wind): column name → cell index. Throws {@link WeatherParseError} on
 * line 1 for a name that is not one of {@link WEATHER_CSV_COLUMNS} (`expected` says which the reader takes) or a
 * name given twice.
 */
export function headerIndex(names: readonly string[], file: string, expected: string): Map<WeatherCsvColumn, number> {
  const index = new Map<WeatherCsvColumn, number>();
  names.forEach((name, i) => {
    const column = WEATHER_CSV_COLUMNS.find((c) => c === name);
    if (column === undefined) throw new WeatherParseError({ file, line: 1, expected, got: name });
    if (index.has(column)) throw new WeatherParseError({ file, line: 1, expected: 'each column once', got: `'${name}' twice` });
    index.set(column, i);
  });
  return index;
}

/** The data rows of a timed CSV as read by {@link readTimedRows}. */
export interface TimedRows {
  /** Unix time of each row, s. */
  readonly unixTimeS: Float64Array;
  /** The constant step between rows, s. */
  readonly stepS: number;
  /** The UTC offset every time was written with, when they share one, h. */
  readonly utcOffsetHours?: number;
  /** The measured columns, in the order asked for. */
  readonly values: readonly Float64Array[];
}

/**
 * Reads the data rows (line 2 on) of a timed CSV whose header has `cellCount` cells and the time in cell `timeCell`:
 * every row has that many cells and an ISO 8601 time with a UTC offset, later than the previous one by the step of
 * the first two rows (within {@link STEP_TOLERANCE_S}); then each measured column's cell, checked against its spec.
 * Throws {@link WeatherParseError} with the 1-based line (and column) of the first fault, or for fewer than two rows.
 */
export function readTimedRows(lines: readonly string[], file: string, cellCount: number, timeCell: number, measured: ReadonlyArray<{ readonly spec: MeasurementSpec; readonly cell: number }>): TimedRows {
  const n = lines.length - 1;
  if (n < 2) {
    throw new WeatherParseError({ file, line: lines.length + 1, expected: 'at least two data rows (the time step is inferred from them)', got: 'end of file' });
  }
  const unixTimeS = new Float64Array(n);
  const values = measured.map(() => new Float64Array(n));
  let utcOffsetHours: number | undefined;
  let sameOffset = true;
  let stepS = 0;
  for (let i = 0; i < n; i++) {
    const at: CellPlace = { file, line: i + 2 };
    const cells = splitCsvLine(lines[i + 1]!);
    if (cells.length !== cellCount) {
      throw new WeatherParseError({ ...at, expected: `${cellCount} comma-separated cells as in the header`, got: `${cells.length} cell(s)` });
    }
    const time = parseIsoTimeWithOffset(cells[timeCell]!);
    if (time === undefined) throw new WeatherParseError({ ...at, column: 'time', expected: TIME_EXPECTED, got: cells[timeCell]! });
    unixTimeS[i] = time.unixTimeS;
    if (i === 0) utcOffsetHours = time.utcOffsetHours;
    else sameOffset &&= time.utcOffsetHours === utcOffsetHours;
    if (i > 0) {
      const deltaS = time.unixTimeS - unixTimeS[i - 1]!;
      if (!(deltaS > 0)) {
        throw new WeatherParseError({ ...at, column: 'time', expected: 'a time later than the previous row', got: cells[timeCell]! });
      }
      if (i === 1) stepS = deltaS;
      else if (Math.abs(deltaS - stepS) > STEP_TOLERANCE_S) {
        throw new WeatherParseError({
          ...at,
          column: 'time',
          expected: `the constant time step of the first two rows (${stepS / SECONDS_PER_HOUR} h) after the previous row`,
          got: `${cells[timeCell]!} (${deltaS / SECONDS_PER_HOUR} h later)`,
        });
      }
    }
    measured.forEach(({ spec, cell }, k) => (values[k]![i] = readMeasurementCell(cells[cell], spec, at)));
  }
  return { unixTimeS, stepS, ...(sameOffset && utcOffsetHours !== undefined ? { utcOffsetHours } : {}), values };
}

function formatOffset(utcOffsetHours: number): string {
  const totalMinutes = Math.round(Math.abs(utcOffsetHours) * MINUTES_PER_HOUR);
  const hh = String(Math.floor(totalMinutes / MINUTES_PER_HOUR)).padStart(2, '0');
  const mm = String(totalMinutes % MINUTES_PER_HOUR).padStart(2, '0');
  return `${utcOffsetHours < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** ISO 8601 text of a unix time (s) on a clock `utcOffsetHours` ahead of UTC, milliseconds only when non-zero. */
export function formatIsoTimeWithOffset(unixTimeS: number, utcOffsetHours: number): string {
  const local = new Date((unixTimeS + utcOffsetHours * SECONDS_PER_HOUR) * MS_PER_S).toISOString();
  const withoutZone = local.endsWith('.000Z') ? local.slice(0, -'.000Z'.length) : local.slice(0, -1);
  return withoutZone + formatOffset(utcOffsetHours);
}

function formatValue(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

/**
 * Writes a series as a plain weather CSV (the format {@link parseWeatherCsv} reads): times are the series'
 * solar-position instants (mid-hour for hour-ending series) on the clock `utcOffsetHours` ahead of UTC
 * (default: the site's, else UTC); NaN as an empty cell; numbers in shortest round-trip form, so reading the
 * text back reproduces every value.
 */
export function formatWeatherCsv(series: WeatherSeries, utcOffsetHours: number = series.site.utcOffsetHours ?? 0): string {
  const header: string[] = ['time', 'ghi', 'dni', 'dhi', 'temp_air', 'wind_speed'];
  const { pressurePa, albedo } = series;
  if (pressurePa !== undefined) header.push('pressure');
  if (albedo !== undefined) header.push('albedo');
  const out: string[] = [header.join(',')];
  for (let i = 0; i < series.unixTimeS.length; i++) {
    const row = [
      formatIsoTimeWithOffset(series.unixTimeS[i]!, utcOffsetHours),
      formatValue(series.ghiWm2[i]!),
      formatValue(series.dniWm2[i]!),
      formatValue(series.dhiWm2[i]!),
      formatValue(series.tempAirC[i]!),
      formatValue(series.windSpeedMPerS[i]!),
    ];
    if (pressurePa !== undefined) row.push(formatValue(pressurePa[i]!));
    if (albedo !== undefined) row.push(formatValue(albedo[i]!));
    out.push(row.join(','));
  }
  return `${out.join('\n')}\n`;
}
