/**
 * The one file-system edge of src/weather: reads a weather file and hands its text to the parser of its format.
 */

import { DATA_FILE_MAX_BYTES, readRegularFileText } from '../io/read-bounded.ts';
import { extname } from 'node:path';
import { parseWeatherCsv } from './csv.ts';
import { parseEpw } from './epw.ts';
import { checkIrradianceUnits } from './irradiance-units.ts';
import { looksLikePvgis, parsePvgisTmy } from './pvgis.ts';
import { looksLikeSamCsv, parseSamCsv } from './sam-csv.ts';
import type { HourEndingOptions } from './hour-ending.ts';
import { parseTmy3 } from './tmy3.ts';
import type { WeatherSeries } from './types.ts';

/** Formats a weather file can be read as. */
export type WeatherFileFormat = 'epw' | 'tmy3' | 'csv' | 'sam-csv' | 'pvgis';
export const WEATHER_FILE_FORMATS: readonly WeatherFileFormat[] = ['epw', 'tmy3', 'csv', 'sam-csv', 'pvgis'];

/** Options of {@link readWeatherFile} and {@link parseWeatherText}. */
export interface ReadWeatherOptions extends HourEndingOptions {
  /** Skip detection and read the file as this format. */
  readonly format?: WeatherFileFormat;
}

// Every TMY3 column-name line has these; a plain CSV header has neither.
const TMY3_COLUMN_MARKERS = ['Date (MM/DD/YYYY)', '(W/m^2)'] as const;

/**
 * Format of a weather file from its name and text: `.epw` → EPW; otherwise a first line starting `LOCATION,`
 * → EPW, a second line naming `Date (MM/DD/YYYY)` or a `(W/m^2)` column → TMY3, a first line
 * `Latitude (decimal degrees):` or JSON with `tmy_hourly` → PVGIS TMY, a third line starting `Year,Month,Day,Hour`
 * → SAM CSV, anything else → plain CSV (whose parser then reports a wrong header with its line).
 */
export function detectWeatherFormat(fileName: string, text: string): WeatherFileFormat {
  if (extname(fileName).toLowerCase() === '.epw') return 'epw';
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (head.toUpperCase().startsWith('LOCATION,')) return 'epw';
  const secondLine = head.split(/\r?\n/, 2)[1];
  if (secondLine !== undefined && TMY3_COLUMN_MARKERS.some((marker) => secondLine.includes(marker))) return 'tmy3';
  if (looksLikePvgis(text)) return 'pvgis';
  if (looksLikeSamCsv(head)) return 'sam-csv';
  return 'csv';
}

/**
 * Parses weather text of a detected (or given) format; `file` labels error messages. Every reader's series passes
 * the one unit check (irradiance-units.ts): irradiance in kW/m² or daily kWh/m² is an error, not a dark year.
 */
export function parseWeatherText(text: string, file: string, options: ReadWeatherOptions = {}): WeatherSeries {
  return checkIrradianceUnits(parseWeatherTextAsIs(text, file, options));
}

function parseWeatherTextAsIs(text: string, file: string, options: ReadWeatherOptions): WeatherSeries {
  const format = options.format ?? detectWeatherFormat(file, text);
  switch (format) {
    case 'epw':
      return parseEpw(text, file, options);
    case 'tmy3':
      return parseTmy3(text, file, options);
    case 'csv':
      return parseWeatherCsv(text, file);
    case 'sam-csv':
      return parseSamCsv(text, file, options);
    case 'pvgis':
      return parsePvgisTmy(text, file, options);
    default: {
      const unknown: never = format;
      throw new Error(`parseWeatherText: unknown format '${String(unknown)}'`);
    }
  }
}

/**
 * Reads an EPW, TMY3, SAM CSV (NSRDB), PVGIS TMY (CSV or JSON) or plain weather CSV file (UTF-8) into a {@link WeatherSeries}; errors carry `path` as given.
 * @example await readWeatherFile('scenarios/weather/723170TYA.CSV') // { format: 'tmy3', … }
 */
export async function readWeatherFile(path: string, options: ReadWeatherOptions = {}): Promise<WeatherSeries> {
  const text = readRegularFileText(path, DATA_FILE_MAX_BYTES);
  return parseWeatherText(text, path, options);
}
