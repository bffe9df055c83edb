/**
 * NREL TMY3 CSV reader: text in, {@link WeatherSeries} out, no file access.
 *
 * Format: S. Wilcox and W. Marion, "Users Manual for TMY3 Data Sets", NREL/TP-581-43156 (2008).
 * - Line 1: USAF station id, name, state, time zone (h from UTC), latitude (°N), longitude (°E), elevation (m).
 * - Line 2: column names; columns are found by name ('GHI (W/m^2)', 'Dry-bulb (C)', …), not by position.
 * - Data rows: Date MM/DD/YYYY and Time HH:MM, hour ending in local standard time (01:00 = data for
 *   00:00–01:00, 24:00 = the last hour of that date); radiation is Wh/m² received over the previous hour
 *   (= mean W/m²); pressure in mbar; the year is the source year of that typical month.
 * Conventions here:
 * - A value is missing when it is ≤ −9900 (the NSRDB missing code) or, for meteorological columns, when its
 *   source flag is '?' (NSRDB: "source does not fit any of the above, used mostly for missing data").
 *   Missing GHI, dry bulb or wind speed is an error at its line; missing DNI, DHI, pressure, albedo read as NaN.
 * - Albedo 0 reads as missing (no ground has albedo 0; the Greensboro file writes 0.00 on every row).
 * - Timestamps at mid-hour, years coerced as described in ./hour-ending.ts.
 */

import { PA_PER_HPA } from '../core/pv/atmosphere.ts';
import { daysInMonth } from './calendar.ts';
import { type CellPlace, type MeasurementSpec, readHeaderNumber, readIntegerCell, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
import { createHourEndingTable, type HourEndingOptions, hourEndingSeries } from './hour-ending.ts';
import { type WeatherSeries, WeatherParseError } from './types.ts';

/** Options of {@link parseTmy3}. */
export type Tmy3Options = HourEndingOptions;

/** Pascals per millibar (1 mbar = 1 hPa), for the TMY3 pressure column. */
export const PA_PER_MBAR = PA_PER_HPA;

const HEADER_LINES = 2;
const MISSING_AT_OR_BELOW = -9900;
const MISSING_SOURCE_FLAG = '?';
const MAX_IRRADIANCE_WM2 = 2000;

const COLUMN_DATE = 'Date (MM/DD/YYYY)';
const COLUMN_TIME = 'Time (HH:MM)';

// Ranges: physical plausibility, wide enough for any station, narrow enough to catch a unit mix-up
// (°F for °C, Pa for mbar).
const GHI_SPEC: MeasurementSpec = { column: 'GHI (W/m^2)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrBelow: MISSING_AT_OR_BELOW, required: true };
const DNI_SPEC: MeasurementSpec = { column: 'DNI (W/m^2)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrBelow: MISSING_AT_OR_BELOW, required: false };
const DHI_SPEC: MeasurementSpec = { column: 'DHI (W/m^2)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, missingAtOrBelow: MISSING_AT_OR_BELOW, required: false };
const TEMP_SPEC: MeasurementSpec = { column: 'Dry-bulb (C)', unit: '°C', min: -70, max: 70, missingAtOrBelow: MISSING_AT_OR_BELOW, required: true };
const WIND_SPEC: MeasurementSpec = { column: 'Wspd (m/s)', unit: 'm/s', min: 0, max: 40, missingAtOrBelow: MISSING_AT_OR_BELOW, required: true };
const PRESSURE_SPEC: MeasurementSpec = { column: 'Pressure (mbar)', unit: 'mbar', min: 310, max: 1200, missingAtOrBelow: MISSING_AT_OR_BELOW, required: false };
const ALBEDO_SPEC: MeasurementSpec = { column: 'Alb (unitless)', unit: 'fraction 0–1', min: 0, max: 1, missingAtOrBelow: MISSING_AT_OR_BELOW, missingValue: 0, required: false };

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const TIME = /^(\d{2}):00$/;

function sourceColumn(valueColumn: string): string {
  return `${valueColumn.replace(/ \(.*\)$/, '')} source`;
}

function findColumn(names: readonly string[], name: string, file: string): number {
  const index = names.indexOf(name);
  if (index < 0) {
    throw new WeatherParseError({ file, line: 2, expected: `a TMY3 column named '${name}'`, got: names.slice(0, 3).join(',') });
  }
  return index;
}

/**
 * Parses the text of an NREL TMY3 CSV (label `file` for messages) into an hourly series timed at mid-hour,
 * NREL/TP-581-43156; radiation in W/m², temperature °C, wind m/s, pressure Pa (converted from mbar).
 * Throws {@link WeatherParseError} with the 1-based line for a wrong header, malformed or missing values,
 * non-consecutive hours, or a truncated file.
 * @example parseTmy3(text, '723170TYA.CSV').site.utcOffsetHours // -5
 */
export function parseTmy3(text: string, file: string, options: Tmy3Options = {}): WeatherSeries {
  const lines = splitLines(text);
  const header = splitCsvLine(lines[0] ?? '');
  const headerAt: CellPlace = { file, line: 1 };
  if (header.length < 7) {
    throw new WeatherParseError({ ...headerAt, expected: 'the TMY3 site line: USAF,name,state,time zone,latitude,longitude,elevation', got: (lines[0] ?? 'end of file').slice(0, 60) });
  }
  const utcOffsetHours = readHeaderNumber(header[3], 'time zone', 'hours from UTC', -12, 14, headerAt);
  const latitudeDeg = readHeaderNumber(header[4], 'latitude', '°N', -90, 90, headerAt);
  const longitudeDeg = readHeaderNumber(header[5], 'longitude', '°E', -180, 180, headerAt);
  const altitudeM = readHeaderNumber(header[6], 'elevation', 'm', -1000, 9999, headerAt);
  const name = (header[1] ?? '').trim();

  const names = splitCsvLine(lines[1] ?? '').map((cell) => cell.trim());
  if (names[0] !== COLUMN_DATE || names[1] !== COLUMN_TIME) {
    throw new WeatherParseError({ file, line: 2, expected: `TMY3 column names starting '${COLUMN_DATE},${COLUMN_TIME}'`, got: (lines[1] ?? 'end of file').slice(0, 40) });
  }
  const iGhi = findColumn(names, GHI_SPEC.column, file);
  const iDni = findColumn(names, DNI_SPEC.column, file);
  const iDhi = findColumn(names, DHI_SPEC.column, file);
  const iTemp = findColumn(names, TEMP_SPEC.column, file);
  const iTempSource = findColumn(names, sourceColumn(TEMP_SPEC.column), file);
  const iWind = findColumn(names, WIND_SPEC.column, file);
  const iWindSource = findColumn(names, sourceColumn(WIND_SPEC.column), file);
  const iPressure = names.indexOf(PRESSURE_SPEC.column);
  const iPressureSource = names.indexOf(sourceColumn(PRESSURE_SPEC.column));
  const iAlbedo = names.indexOf(ALBEDO_SPEC.column);
  const iAlbedoSource = names.indexOf(sourceColumn(ALBEDO_SPEC.column));

  const capacity = Math.max(0, lines.length - HEADER_LINES);
  const { rows, columns } = createHourEndingTable(capacity, HEADER_LINES + 1);
  const { years, months, days, hoursEnding } = rows;
  const { ghiWm2, dniWm2, dhiWm2, tempAirC, windSpeedMPerS, pressurePa, albedo } = columns;

  // A meteorological cell whose source flag says "missing" is missing whatever number it holds.
  const metValue = (cells: readonly string[], value: number, source: number, spec: MeasurementSpec, at: CellPlace): number => {
    if (source < 0 || cells[source]?.trim() !== MISSING_SOURCE_FLAG) return readMeasurementCell(cells[value], spec, at);
    if (spec.required) {
      throw new WeatherParseError({ ...at, column: spec.column, expected: `a value in ${spec.unit} (its source flag is '?', missing)`, got: cells[value] ?? '' });
    }
    return Number.NaN;
  };

  for (let i = 0; i < capacity; i++) {
    const at: CellPlace = { file, line: HEADER_LINES + 1 + i };
    const cells = splitCsvLine(lines[HEADER_LINES + i]!);
    if (cells.length < names.length) {
      throw new WeatherParseError({ ...at, expected: `a data row of ${names.length} comma-separated fields`, got: `${cells.length} field(s)` });
    }
    const date = DATE.exec(cells[0]!.trim());
    if (date === null) throw new WeatherParseError({ ...at, column: COLUMN_DATE, expected: 'a date MM/DD/YYYY', got: cells[0]! });
    const month = readIntegerCell(date[1], COLUMN_DATE, 1, 12, at);
    months[i] = month;
    days[i] = readIntegerCell(date[2], COLUMN_DATE, 1, daysInMonth(month), at);
    years[i] = Number(date[3]);
    const time = TIME.exec(cells[1]!.trim());
    if (time === null) throw new WeatherParseError({ ...at, column: COLUMN_TIME, expected: 'an hour-ending time HH:00 from 01:00 to 24:00', got: cells[1]! });
    hoursEnding[i] = readIntegerCell(time[1], COLUMN_TIME, 1, 24, at);

    ghiWm2[i] = readMeasurementCell(cells[iGhi], GHI_SPEC, at);
    dniWm2[i] = readMeasurementCell(cells[iDni], DNI_SPEC, at);
    dhiWm2[i] = readMeasurementCell(cells[iDhi], DHI_SPEC, at);
    tempAirC[i] = metValue(cells, iTemp, iTempSource, TEMP_SPEC, at);
    windSpeedMPerS[i] = metValue(cells, iWind, iWindSource, WIND_SPEC, at);
    if (iPressure >= 0) pressurePa[i] = metValue(cells, iPressure, iPressureSource, PRESSURE_SPEC, at) * PA_PER_MBAR;
    if (iAlbedo >= 0) albedo[i] = metValue(cells, iAlbedo, iAlbedoSource, ALBEDO_SPEC, at);
  }

  return hourEndingSeries('tmy3', file, rows, columns, { name, latitudeDeg, longitudeDeg, altitudeM, utcOffsetHours }, options);
}
