/**
 * Weather input: readers for EPW, NREL TMY3, SAM CSV (NSRDB), PVGIS TMY and plain CSV files, a CSV writer, and the synthetic year.
 * Everything except `readWeatherFile` is pure (text in, series out).
 */

export { formatIsoTimeWithOffset, formatWeatherCsv, parseIsoTimeWithOffset, parseWeatherCsv, WEATHER_CSV_COLUMNS, type WeatherCsvColumn } from './csv.ts';
export { parseEpw, type EpwOptions } from './epw.ts';
export { parsePvgisTmy, type PvgisOptions } from './pvgis.ts';
export { parseSamCsv, type SamCsvOptions } from './sam-csv.ts';
export { HOURS_PER_LEAP_YEAR, REFERENCE_LEAP_YEAR, REFERENCE_YEAR, type HourEndingOptions } from './hour-ending.ts';
export { detectWeatherFormat, parseWeatherText, readWeatherFile, WEATHER_FILE_FORMATS, type ReadWeatherOptions, type WeatherFileFormat } from './read.ts';
export {
  DEFAULT_SYNTHETIC_LINKE_TURBIDITY,
  DEFAULT_SYNTHETIC_TEMP_AIR_C,
  DEFAULT_SYNTHETIC_WIND_SPEED_M_PER_S,
  lognormalUnitMeanMultiplier,
  syntheticYear,
  type DailyVariability,
  type SyntheticYearInput,
} from './synthetic.ts';
export { PA_PER_MBAR, parseTmy3, type Tmy3Options } from './tmy3.ts';
export {
  WeatherParseError,
  type TimeConvention,
  type WeatherFormat,
  type WeatherParseErrorInit,
  type WeatherSeries,
  type WeatherSite,
} from './types.ts';
