/**
 * A wind series from a plain CSV: the offshore or mast series that comes without irradiance.
 *
 * Layout: a header naming the columns (any order), then one row per time step.
 * - `time`: ISO 8601 with a UTC offset, as in the plain weather CSV (src/weather/csv.ts), strictly increasing with a
 *   constant step;
 * - `wind_speed` (m/s) required; `temp_air` (°C) and `pressure` (Pa) optional (empty cell in `pressure` → missing);
 * - the weather CSV's other columns (`ghi`, `dni`, `dhi`, `albedo`) may be present and are ignored, so a full weather
 *   CSV reads here too.
 * The measurement height is not in the file: the caller gives it (`pvplan wind --wind-height`).
 */
import { SECONDS_PER_HOUR } from '../core/time.ts';
import { headerIndex, readTimedRows, WEATHER_CSV_COLUMNS } from './csv.ts';
import { type MeasurementSpec, splitCsvLine, splitLines } from './fields.ts';
import { WeatherParseError } from './types.ts';

/** A wind series: times, wind and, where the file has them, temperature and pressure. */
export interface WindSeries {
  readonly label: string;
  readonly unixTimeS: Float64Array;
  readonly windSpeedMPerS: Float64Array;
  readonly tempAirC?: Float64Array;
  readonly pressurePa?: Float64Array;
  readonly stepHours: number;
  /** The UTC offset every time was written with, when they share one. */
  readonly utcOffsetHours?: number;
}

const SPECS: Readonly<Record<'wind_speed' | 'temp_air' | 'pressure', MeasurementSpec>> = {
  wind_speed: { column: 'wind_speed', unit: 'm/s', min: 0, max: 80, required: true },
  temp_air: { column: 'temp_air', unit: '°C', min: -70, max: 70, required: true },
  pressure: { column: 'pressure', unit: 'Pa', min: 31_000, max: 120_000, emptyIsMissing: true, required: false },
};
const READ_COLUMNS = ['wind_speed', 'temp_air', 'pressure'] as const;

/**
 * Parses a wind CSV (`time,wind_speed[,temp_air][,pressure]`) labelled `file`; throws {@link WeatherParseError} with the
 * 1-based line and column for an unknown or missing column, a malformed number or time, or a time step that changes.
 * @example parseWindCsv('time,wind_speed\n2022-01-01T00:30:00+08:00,7.5\n2022-01-01T01:30:00+08:00,8', 'w.csv').stepHours // 1
 */
export function parseWindCsv(text: string, file: string): WindSeries {
  const lines = splitLines(text);
  const names = splitCsvLine(lines[0] ?? '').map((c) => c.trim());
  const index = headerIndex(names, file, `column names from time, wind_speed, temp_air, pressure (or a weather CSV's ${WEATHER_CSV_COLUMNS.join(', ')})`);
  if (!index.has('time') || !index.has('wind_speed')) {
    throw new WeatherParseError({ file, line: 1, expected: 'a header with the columns time and wind_speed (temp_air, pressure optional)', got: lines[0] ?? 'end of file' });
  }
  const read = READ_COLUMNS.filter((c) => index.has(c));
  const rows = readTimedRows(lines, file, names.length, index.get('time')!, read.map((c) => ({ spec: SPECS[c], cell: index.get(c)! })));
  const get = (c: (typeof READ_COLUMNS)[number]) => (read.includes(c) ? rows.values[read.indexOf(c)] : undefined);
  const tempAirC = get('temp_air');
  const pressurePa = get('pressure');
  return {
    label: file,
    unixTimeS: rows.unixTimeS,
    windSpeedMPerS: get('wind_speed')!,
    ...(tempAirC === undefined ? {} : { tempAirC }),
    ...(pressurePa === undefined ? {} : { pressurePa }),
    stepHours: rows.stepS / SECONDS_PER_HOUR,
    ...(rows.utcOffsetHours === undefined ? {} : { utcOffsetHours: rows.utcOffsetHours }),
  };
}
