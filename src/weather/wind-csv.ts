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
import { parseIsoTimeWithOffset, WEATHER_CSV_COLUMNS } from './csv.ts';
import { type CellPlace, type MeasurementSpec, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
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
const STEP_TOLERANCE_S = 1e-3;
const TIME_EXPECTED = 'an ISO 8601 time with a UTC offset, e.g. 2022-06-21T12:00:00+08:00';

/**
 * Parses a wind CSV (`time,wind_speed[,temp_air][,pressure]`) labelled `file`; throws {@link WeatherParseError} with the
 * 1-based line and column for an unknown or missing column, a malformed number or time, or a time step that changes.
 * @example parseWindCsv('time,wind_speed\n2022-01-01T00:30:00+08:00,7.5\n2022-01-01T01:30:00+08:00,8', 'w.csv').stepHours // 1
 */
export function parseWindCsv(text: string, file: string): WindSeries {
  const lines = splitLines(text);
  const names = splitCsvLine(lines[0] ?? '').map((c) => c.trim());
  const known = new Set<string>(WEATHER_CSV_COLUMNS);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!known.has(name)) throw new WeatherParseError({ file, line: 1, expected: `column names from time, wind_speed, temp_air, pressure (or a weather CSV's ${WEATHER_CSV_COLUMNS.join(', ')})`, got: name });
    if (index.has(name)) throw new WeatherParseError({ file, line: 1, expected: 'each column once', got: `'${name}' twice` });
    index.set(name, i);
  });
  if (!index.has('time') || !index.has('wind_speed')) {
    throw new WeatherParseError({ file, line: 1, expected: 'a header with the columns time and wind_speed (temp_air, pressure optional)', got: lines[0] ?? 'end of file' });
  }
  const n = lines.length - 1;
  if (n < 2) throw new WeatherParseError({ file, line: lines.length + 1, expected: 'at least two data rows (the time step is inferred from them)', got: 'end of file' });

  const unixTimeS = new Float64Array(n);
  const columns = READ_COLUMNS.filter((c) => index.has(c)).map((c) => ({ column: c, spec: SPECS[c], cell: index.get(c)!, values: new Float64Array(n) }));
  const timeCell = index.get('time')!;
  let utcOffsetHours: number | undefined;
  let sameOffset = true;
  let stepS = 0;
  for (let i = 0; i < n; i++) {
    const at: CellPlace = { file, line: i + 2 };
    const cells = splitCsvLine(lines[i + 1]!);
    if (cells.length !== names.length) throw new WeatherParseError({ ...at, expected: `${names.length} comma-separated cells as in the header`, got: `${cells.length} cell(s)` });
    const time = parseIsoTimeWithOffset(cells[timeCell]!);
    if (time === undefined) throw new WeatherParseError({ ...at, column: 'time', expected: TIME_EXPECTED, got: cells[timeCell]! });
    unixTimeS[i] = time.unixTimeS;
    if (i === 0) utcOffsetHours = time.utcOffsetHours;
    else sameOffset &&= time.utcOffsetHours === utcOffsetHours;
    if (i > 0) {
      const deltaS = time.unixTimeS - unixTimeS[i - 1]!;
      if (!(deltaS > 0)) throw new WeatherParseError({ ...at, column: 'time', expected: 'a time later than the previous row', got: cells[timeCell]! });
      if (i === 1) stepS = deltaS;
      else if (Math.abs(deltaS - stepS) > STEP_TOLERANCE_S) {
        throw new WeatherParseError({ ...at, column: 'time', expected: `the constant time step of the first two rows (${stepS / SECONDS_PER_HOUR} h) after the previous row`, got: `${cells[timeCell]!} (${deltaS / SECONDS_PER_HOUR} h later)` });
      }
    }
    for (const c of columns) c.values[i] = readMeasurementCell(cells[c.cell], c.spec, at);
  }
  const get = (c: (typeof READ_COLUMNS)[number]) => columns.find((x) => x.column === c)?.values;
  const tempAirC = get('temp_air');
  const pressurePa = get('pressure');
  return {
    label: file,
    unixTimeS,
    windSpeedMPerS: get('wind_speed')!,
    ...(tempAirC === undefined ? {} : { tempAirC }),
    ...(pressurePa === undefined ? {} : { pressurePa }),
    stepHours: stepS / SECONDS_PER_HOUR,
    ...(sameOffset && utcOffsetHours !== undefined ? { utcOffsetHours } : {}),
  };
}
