/**
 * EnergyPlus weather (EPW) reader: text in, {@link WeatherSeries} out, no file access.
 *
 * Format: EnergyPlus "Auxiliary Programs", ch. 2.9 "Weather Data Format (EPW)" (U.S. DOE).
 * - 8 header lines; LOCATION = city, state, country, source, WMO, latitude (°N), longitude (°E),
 *   time zone (h from UTC), elevation (m). DATA PERIODS field 2 = records per hour (only 1 is read here).
 * - Data rows: 1 year, 2 month, 3 day, 4 hour (1–24, hour ending, local standard time), 5 minute,
 *   6 flags, 7 dry bulb (°C), …, 10 station pressure (Pa), 11–12 extraterrestrial radiation (not read),
 *   14 GHI, 15 DNI, 16 DHI (Wh/m² over the previous hour = mean W/m²), …, 22 wind speed (m/s), …, 33 albedo.
 * Missing-value codes (from the format's field definitions): temperature 99.9, pressure 999999,
 * radiation 9999, wind speed 999, albedo 999.
 * The pressure and albedo columns are left out of the series when no row has a value.
 * Conventions here:
 * - GHI, dry bulb and wind speed flagged missing are errors at their line (every hour of a simulation needs
 *   them); DNI, DHI and pressure flagged missing read as NaN (decompose, or pressure from altitude).
 * - Albedo 0 reads as missing too: no ground has albedo 0, and files without albedo data write 0 there
 *   (the Amsterdam IWEC file does on every row).
 * - ETR/ETRN (fields 11–12) and illuminances are never read, so their 9999 codes (all rows of the Beijing
 *   CSWD file) are not errors.
 * - The minute field is ignored (files write 0 or 60 for hourly data). Timestamps: see ./hour-ending.ts.
 */

import { daysInMonth } from './calendar.ts';
import { type CellPlace, type MeasurementSpec, readHeaderNumber, readIntegerCell, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
import { createHourEndingTable, type HourEndingOptions, hourEndingSeries } from './hour-ending.ts';
import { type WeatherSeries, WeatherParseError } from './types.ts';

/** Options of {@link parseEpw}. */
export type EpwOptions = HourEndingOptions;

const HEADER_KEYWORDS = [
  'LOCATION',
  'DESIGN CONDITIONS',
  'TYPICAL/EXTREME PERIODS',
  'GROUND TEMPERATURES',
  'HOLIDAYS/DAYLIGHT SAVINGS',
  'COMMENTS 1',
  'COMMENTS 2',
  'DATA PERIODS',
] as const;
const HEADER_LINES = HEADER_KEYWORDS.length;
const FIELDS_PER_ROW = 35;

// 0-based indexes of the data fields read (EPW field number − 1).
const YEAR = 0;
const MONTH = 1;
const DAY = 2;
const HOUR = 3;
const DRY_BULB = 6;
const PRESSURE = 9;
const GHI = 13;
const DNI = 14;
const DHI = 15;
const WIND_SPEED = 21;
const ALBEDO = 32;

// Plausible ranges are the format's own "minimum/maximum" field limits, widened where they are tighter than
// physics allows for a radiation cell (the spec gives no maximum for GHI/DNI/DHI).
const MAX_IRRADIANCE_WM2 = 2000;
const IRRADIANCE_MISSING = 9999;
const TEMP_SPEC: MeasurementSpec = { column: 'dry bulb temperature (field 7)', unit: '°C', min: -70, max: 70, missingAtOrAbove: 99.9, required: true };
const PRESSURE_SPEC: MeasurementSpec = { column: 'atmospheric station pressure (field 10)', unit: 'Pa', min: 31_000, max: 120_000, missingAtOrAbove: 999_999, required: false };
const GHI_SPEC: MeasurementSpec = { column: 'global horizontal radiation (field 14)', unit: 'Wh/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrAbove: IRRADIANCE_MISSING, required: true };
const DNI_SPEC: MeasurementSpec = { column: 'direct normal radiation (field 15)', unit: 'Wh/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrAbove: IRRADIANCE_MISSING, required: false };
const DHI_SPEC: MeasurementSpec = { column: 'diffuse horizontal radiation (field 16)', unit: 'Wh/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrAbove: IRRADIANCE_MISSING, required: false };
const WIND_SPEC: MeasurementSpec = { column: 'wind speed (field 22)', unit: 'm/s', min: 0, max: 40, missingAtOrAbove: 999, required: true };
const ALBEDO_SPEC: MeasurementSpec = { column: 'albedo (field 33)', unit: 'fraction 0–1', min: 0, max: 1, missingAtOrAbove: 999, missingValue: 0, required: false };

const MAX_YEAR = 9999;
const MAX_HOUR_ENDING = 24;
const MONTHS = 12;

function checkHeaderLines(lines: readonly string[], file: string): void {
  for (let i = 0; i < HEADER_LINES; i++) {
    const keyword = HEADER_KEYWORDS[i]!;
    const line = lines[i];
    if (line === undefined || !line.toUpperCase().startsWith(`${keyword},`)) {
      throw new WeatherParseError({
        file,
        line: i + 1,
        expected: `the EPW header line '${keyword},…' (line ${i + 1} of 8)`,
        got: line === undefined ? 'end of file' : line.slice(0, 40),
      });
    }
  }
}

/**
 * Parses the text of an EPW file (label `file` for messages) into an hourly series timed at mid-hour,
 * EnergyPlus Auxiliary Programs "Weather Data Format (EPW)"; radiation in W/m², temperature °C, wind m/s, pressure Pa.
 * Throws {@link WeatherParseError} with the 1-based line for a wrong header, malformed or missing values,
 * non-consecutive hours, or a truncated file.
 * @example parseEpw(text, 'CHN_Beijing.Beijing.545110_CSWD.epw').site // { name: 'Beijing', latitudeDeg: 39.8, … }
 */
export function parseEpw(text: string, file: string, options: EpwOptions = {}): WeatherSeries {
  const lines = splitLines(text);
  checkHeaderLines(lines, file);

  const location = splitCsvLine(lines[0]!);
  const locationAt: CellPlace = { file, line: 1 };
  const latitudeDeg = readHeaderNumber(location[6], 'LOCATION latitude', '°N', -90, 90, locationAt);
  const longitudeDeg = readHeaderNumber(location[7], 'LOCATION longitude', '°E', -180, 180, locationAt);
  const utcOffsetHours = readHeaderNumber(location[8], 'LOCATION time zone', 'hours from UTC', -12, 14, locationAt);
  const altitudeM = readHeaderNumber(location[9], 'LOCATION elevation', 'm', -1000, 9999.9, locationAt);
  const name = (location[1] ?? '').trim();

  const dataPeriods = splitCsvLine(lines[HEADER_LINES - 1]!);
  const recordsPerHour = readIntegerCell(dataPeriods[2], 'DATA PERIODS records per hour', 1, 60, { file, line: HEADER_LINES });
  if (recordsPerHour !== 1) {
    throw new WeatherParseError({ file, line: HEADER_LINES, column: 'DATA PERIODS records per hour', expected: '1 (hourly data)', got: String(recordsPerHour) });
  }

  const capacity = Math.max(0, lines.length - HEADER_LINES);
  const { rows, columns } = createHourEndingTable(capacity, HEADER_LINES + 1);
  const { years, months, days, hoursEnding } = rows;
  const { ghiWm2, dniWm2, dhiWm2, tempAirC, windSpeedMPerS, pressurePa, albedo } = columns;

  for (let i = 0; i < capacity; i++) {
    const at: CellPlace = { file, line: HEADER_LINES + 1 + i };
    const cells = lines[HEADER_LINES + i]!.split(',');
    if (cells.length < FIELDS_PER_ROW) {
      throw new WeatherParseError({ ...at, expected: `a data row of ${FIELDS_PER_ROW} comma-separated fields`, got: `${cells.length} field(s)` });
    }
    years[i] = readIntegerCell(cells[YEAR], 'year (field 1)', 0, MAX_YEAR, at);
    const month = readIntegerCell(cells[MONTH], 'month (field 2)', 1, MONTHS, at);
    months[i] = month;
    days[i] = readIntegerCell(cells[DAY], 'day (field 3)', 1, daysInMonth(month), at);
    hoursEnding[i] = readIntegerCell(cells[HOUR], 'hour (field 4)', 1, MAX_HOUR_ENDING, at);
    tempAirC[i] = readMeasurementCell(cells[DRY_BULB], TEMP_SPEC, at);
    pressurePa[i] = readMeasurementCell(cells[PRESSURE], PRESSURE_SPEC, at);
    ghiWm2[i] = readMeasurementCell(cells[GHI], GHI_SPEC, at);
    dniWm2[i] = readMeasurementCell(cells[DNI], DNI_SPEC, at);
    dhiWm2[i] = readMeasurementCell(cells[DHI], DHI_SPEC, at);
    windSpeedMPerS[i] = readMeasurementCell(cells[WIND_SPEED], WIND_SPEC, at);
    albedo[i] = readMeasurementCell(cells[ALBEDO], ALBEDO_SPEC, at);
  }

  return hourEndingSeries('epw', file, rows, columns, { name, latitudeDeg, longitudeDeg, altitudeM, utcOffsetHours }, options);
}
