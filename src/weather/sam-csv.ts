/**
 * SAM CSV reader (the weather format of NREL's System Advisor Model, and of NSRDB/PSM TMY downloads): text in,
 * {@link WeatherSeries} out, no file access.
 *
 * Format: "SAM CSV Data Format" (NREL, System Advisor Model help, "Weather File Formats"):
 * - Line 1: metadata names (Source, Location ID, City, State, Country, Latitude, Longitude, Time Zone, Elevation, …);
 *   line 2: their values. Latitude °N, longitude °E, time zone in hours from UTC, elevation in m.
 * - Line 3: column names; Year, Month, Day, Hour[, Minute], then GHI, DNI, DHI (W/m²), Tdry (°C), Wspd (m/s),
 *   optionally Pres (mbar) and Albedo, in any order and with NSRDB's spellings (Temperature, Wind Speed, Pressure,
 *   Surface Albedo). Names are matched without regard to case.
 * - Rows from line 4, local standard time; an hourly row covers the hour that starts at its label (Hour 0 = 00:00–01:00),
 *   so its sun is at hh:30 whatever the minute column says (NSRDB writes 30). See ./hour-start.ts for years.
 * Conventions here: GHI, temperature and wind speed must be present on every row; DNI, DHI, pressure and albedo may be
 * empty or at or below −999 (missing: NaN); albedo 0 reads as missing as in the TMY3 reader.
 */

import { PA_PER_MBAR } from './tmy3.ts';
import { type CellPlace, type MeasurementSpec, readHeaderNumber, readIntegerCell, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
import { daysInMonth } from './calendar.ts';
import type { HourEndingOptions } from './hour-ending.ts';
import { createHourStartRows, hourStartSeries } from './hour-start.ts';
import { WeatherParseError, type WeatherSeries } from './types.ts';

/** Options of {@link parseSamCsv}. */
export type SamCsvOptions = HourEndingOptions;

const HEADER_LINES = 3;
const MISSING_AT_OR_BELOW = -999;
const MAX_IRRADIANCE_WM2 = 2000;

const META_NAMES = {
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'long'],
  timeZone: ['time zone', 'tz', 'timezone'],
  elevation: ['elevation', 'elev', 'altitude'],
  city: ['city', 'location', 'location id', 'station'],
} as const;

type Quantity = 'ghi' | 'dni' | 'dhi' | 'temp' | 'wind' | 'pressure' | 'albedo';
const COLUMN_NAMES: Readonly<Record<Quantity, readonly string[]>> = {
  ghi: ['ghi', 'gh', 'global horizontal'],
  dni: ['dni', 'dn', 'beam', 'direct normal'],
  dhi: ['dhi', 'df', 'diffuse', 'diffuse horizontal'],
  temp: ['tdry', 'temperature', 'temp', 'dry bulb', 'drybulb'],
  wind: ['wspd', 'wind speed', 'windspeed', 'wind'],
  pressure: ['pres', 'pressure'],
  albedo: ['albedo', 'surface albedo', 'alb'],
};

const specs = (name: string): Record<Quantity, MeasurementSpec> => ({
  ghi: { column: name, unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, required: true },
  dni: { column: name, unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrBelow: MISSING_AT_OR_BELOW, emptyIsMissing: true, required: false },
  dhi: { column: name, unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrBelow: MISSING_AT_OR_BELOW, emptyIsMissing: true, required: false },
  temp: { column: name, unit: '°C', min: -70, max: 70, required: true },
  wind: { column: name, unit: 'm/s', min: 0, max: 40, required: true },
  pressure: { column: name, unit: 'mbar', min: 310, max: 1200, missingAtOrBelow: MISSING_AT_OR_BELOW, emptyIsMissing: true, required: false },
  albedo: { column: name, unit: 'fraction 0–1', min: 0, max: 1, missingAtOrBelow: MISSING_AT_OR_BELOW, missingValue: 0, emptyIsMissing: true, required: false },
});

/** Column names as SAM matches them: lower case, units in parentheses and surrounding blanks dropped. */
function normalise(name: string): string {
  return name.replace(/\(.*?\)/g, '').trim().toLowerCase();
}

function findIndex(names: readonly string[], aliases: readonly string[]): number {
  return names.findIndex((n) => aliases.includes(n));
}

/** True when `text` looks like a SAM CSV: its third line names Year, Month, Day, Hour first. */
export function looksLikeSamCsv(text: string): boolean {
  const third = splitLines(text.slice(0, 8192))[2];
  return third !== undefined && /^\s*year\s*,\s*month\s*,\s*day\s*,\s*hour\s*(,|$)/i.test(third);
}

/**
 * Parses the text of a SAM CSV or NSRDB download (label `file` for messages) into an hourly series timed at mid-hour,
 * site and time zone from its header; radiation W/m², temperature °C, wind m/s, pressure Pa (from mbar).
 * Throws {@link WeatherParseError} with the 1-based line and column for a wrong header, a malformed or missing value,
 * or rows that do not follow hour by hour.
 * @example parseSamCsv(text, 'phoenix_az_psmv3_60_tmy.csv').site.utcOffsetHours // -7
 */
export function parseSamCsv(text: string, file: string, options: SamCsvOptions = {}): WeatherSeries {
  const lines = splitLines(text);
  const metaNames = splitCsvLine(lines[0] ?? '').map(normalise);
  const metaValues = splitCsvLine(lines[1] ?? '');
  const metaAt: CellPlace = { file, line: 2 };
  const meta = (aliases: readonly string[]): string | undefined => {
    const i = findIndex(metaNames, aliases);
    return i < 0 ? undefined : metaValues[i];
  };
  const requireMeta = (aliases: readonly string[], what: string): string => {
    const value = meta(aliases);
    if (value === undefined) throw new WeatherParseError({ file, line: 1, expected: `a SAM CSV metadata line naming '${what}'`, got: (lines[0] ?? 'end of file').slice(0, 60) });
    return value;
  };
  const latitudeDeg = readHeaderNumber(requireMeta(META_NAMES.latitude, 'Latitude'), 'Latitude', '°N', -90, 90, metaAt);
  const longitudeDeg = readHeaderNumber(requireMeta(META_NAMES.longitude, 'Longitude'), 'Longitude', '°E', -180, 180, metaAt);
  const utcOffsetHours = readHeaderNumber(requireMeta(META_NAMES.timeZone, 'Time Zone'), 'Time Zone', 'hours from UTC', -12, 14, metaAt);
  const elevation = meta(META_NAMES.elevation);
  const altitudeM = elevation === undefined || elevation.trim() === '' ? undefined : readHeaderNumber(elevation, 'Elevation', 'm', -1000, 9999, metaAt);
  const name = (meta(META_NAMES.city) ?? '').trim();

  const rawNames = splitCsvLine(lines[2] ?? '');
  const names = rawNames.map(normalise);
  if (names[0] !== 'year' || names[1] !== 'month' || names[2] !== 'day' || names[3] !== 'hour') {
    throw new WeatherParseError({ file, line: 3, expected: "SAM CSV column names starting 'Year,Month,Day,Hour'", got: (lines[2] ?? 'end of file').slice(0, 40) });
  }
  const index = {} as Record<Quantity, number>;
  for (const q of Object.keys(COLUMN_NAMES) as Quantity[]) index[q] = findIndex(names, COLUMN_NAMES[q]);
  for (const [q, label] of [['ghi', 'GHI'], ['temp', 'Tdry (or Temperature)'], ['wind', 'Wspd (or Wind Speed)']] as const) {
    if (index[q] < 0) throw new WeatherParseError({ file, line: 3, expected: `a column named ${label}`, got: (lines[2] ?? '').slice(0, 60) });
  }
  const spec = {} as Record<Quantity, MeasurementSpec>;
  for (const q of Object.keys(COLUMN_NAMES) as Quantity[]) spec[q] = specs(index[q] >= 0 ? rawNames[index[q]]!.trim() : q)[q];

  const n = Math.max(0, lines.length - HEADER_LINES);
  const rows = createHourStartRows(n);
  const f = () => new Float64Array(n);
  const columns = { ghi: f(), dni: f().fill(Number.NaN), dhi: f().fill(Number.NaN), temp: f(), wind: f(), pressure: f().fill(Number.NaN), albedo: f().fill(Number.NaN) };
  for (let i = 0; i < n; i++) {
    const line = HEADER_LINES + 1 + i;
    const at: CellPlace = { file, line };
    const cells = splitCsvLine(lines[HEADER_LINES + i]!);
    if (cells.length < names.length) {
      throw new WeatherParseError({ ...at, expected: `a data row of ${names.length} comma-separated fields as in line 3`, got: `${cells.length} field(s)` });
    }
    rows.lines[i] = line;
    rows.years[i] = readIntegerCell(cells[0], 'Year', 1, 9999, at);
    const month = readIntegerCell(cells[1], 'Month', 1, 12, at);
    rows.months[i] = month;
    rows.days[i] = readIntegerCell(cells[2], 'Day', 1, daysInMonth(month), at);
    rows.hours[i] = readIntegerCell(cells[3], 'Hour', 0, 23, at);
    for (const q of Object.keys(COLUMN_NAMES) as Quantity[]) {
      if (index[q] >= 0) columns[q][i] = readMeasurementCell(cells[index[q]], spec[q], at);
    }
  }
  for (let i = 0; i < n; i++) columns.pressure[i] *= PA_PER_MBAR;
  const site = { ...(name === '' ? {} : { name }), latitudeDeg, longitudeDeg, ...(altitudeM === undefined ? {} : { altitudeM }), utcOffsetHours };
  return hourStartSeries('sam-csv', file, rows, columns, site, utcOffsetHours, options);
}
