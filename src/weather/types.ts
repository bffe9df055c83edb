/**
 * The weather time series every reader returns, and the one error type they throw.
 *
 * Conventions shared by all readers (see docs in each parser for the format-specific ones):
 * - Columns are parallel Float64Arrays, one entry per time step (struct of arrays, so the hourly chain
 *   reads them without allocating).
 * - `unixTimeS[i]` is the instant at which solar position should be computed for row i: the middle of the
 *   hour for hour-ending averages (EPW, TMY3, synthetic years: `'hour-ending-midpoint'`) and for rows labelled with
 *   the start of their hour (SAM CSV, PVGIS: `'hour-start-midpoint'`), the row's own
 *   timestamp for the plain CSV (`'instant'`).
 * - Missing values: DNI, DHI, pressure and albedo may be NaN (absent from the file or flagged missing);
 *   a caller decomposes GHI, derives pressure from altitude or uses a configured albedo there.
 *   GHI, air temperature and wind speed are never NaN: a reader throws a {@link WeatherParseError}
 *   at the line where one is missing or malformed, because no simulation can run that hour.
 */

/** Where the timestamps sit relative to the interval a value describes. */
export type TimeConvention = 'hour-ending-midpoint' | 'hour-start-midpoint' | 'instant';

/** File formats the readers understand, plus the synthetic year built from monthly means. */
export type WeatherFormat = 'epw' | 'tmy3' | 'csv' | 'sam-csv' | 'pvgis' | 'synthetic';

/** Site metadata found in a file header; a field is absent when the format does not carry it. */
export interface WeatherSite {
  readonly name?: string;
  readonly latitudeDeg?: number;
  /** East positive. */
  readonly longitudeDeg?: number;
  readonly altitudeM?: number;
  /** Offset of the file's local standard time from UTC, hours (UTC+8 → 8). */
  readonly utcOffsetHours?: number;
}

/** One weather series: parallel columns plus metadata. All columns have `unixTimeS.length` entries. */
export interface WeatherSeries {
  readonly format: WeatherFormat;
  /** The file label the series was read from (path as given, or a description for synthetic years). */
  readonly label: string;
  /** Time at which to evaluate solar position, s since 1970-01-01T00:00:00Z. Strictly increasing, constant step. */
  readonly unixTimeS: Float64Array;
  /** Global horizontal irradiance, W/m² (mean over the step for hour-ending formats). Never NaN. */
  readonly ghiWm2: Float64Array;
  /** Direct normal irradiance, W/m²; NaN where the file has none. */
  readonly dniWm2: Float64Array;
  /** Diffuse horizontal irradiance, W/m²; NaN where the file has none. */
  readonly dhiWm2: Float64Array;
  /** Dry-bulb air temperature, °C. Never NaN. */
  readonly tempAirC: Float64Array;
  /** Wind speed, m/s (at the station's anemometer height, usually 10 m). Never NaN. */
  readonly windSpeedMPerS: Float64Array;
  /** Station pressure, Pa; absent when the file has no pressure column, NaN where a value is missing. */
  readonly pressurePa?: Float64Array;
  /** Ground albedo (0–1); absent when the file has no usable value, NaN where a value is missing. */
  readonly albedo?: Float64Array;
  /** Time step, hours (1 for hourly files). */
  readonly stepHours: number;
  readonly timeConvention: TimeConvention;
  readonly site: WeatherSite;
}

/** Fields of a {@link WeatherParseError}. */
export interface WeatherParseErrorInit {
  /** File label (path as given by the caller). */
  readonly file: string;
  /** 1-based line number in the file. */
  readonly line: number;
  /** Column name as the format calls it, when the error is about one cell. */
  readonly column?: string;
  /** What the reader expected there, as a phrase ("a number in W/m²"). */
  readonly expected: string;
  /** The offending text, when there is one. */
  readonly got?: string;
}

/**
 * A weather file that cannot be read as it stands, located by file and 1-based line.
 * @example new WeatherParseError({ file: 'weather.csv', line: 14, column: 'ghi', expected: 'a number in W/m²', got: 'abc' }).message
 * // "weather.csv line 14: column 'ghi': expected a number in W/m², got 'abc'"
 */
export class WeatherParseError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: string | undefined;
  readonly expected: string;
  readonly got: string | undefined;

  constructor(init: WeatherParseErrorInit) {
    const where = init.column === undefined ? '' : `column '${init.column}': `;
    const got = init.got === undefined ? '' : `, got '${init.got}'`;
    super(`${init.file} line ${init.line}: ${where}expected ${init.expected}${got}`);
    this.name = 'WeatherParseError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.expected = init.expected;
    this.got = init.got;
  }
}
