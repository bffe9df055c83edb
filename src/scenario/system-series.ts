/**
 * The hourly series of the energy system, read from plain CSV text (no file access here):
 * - generation: header `time,generation_mw`, plant output in MW (mean over the step), ≥ 0;
 * - prices: header `time,price_yuan_per_mwh`, energy price in yuan/MWh (negative allowed: spot markets clear
 *   below zero), one row for every generation row with the same time.
 * `time` is ISO 8601 with a UTC offset (as in the weather CSV), the START of the step it describes; times must
 * increase by one constant step (a gap, a repeat or a change of step is an error at its line). Errors are
 * {@link ScenarioError}s at `file:line:column: field: …`, the way every pvplan reader reports.
 */
import { SECONDS_PER_HOUR } from '../core/time.ts';
import { parseIsoTimeWithOffset } from '../weather/csv.ts';
import { parseDecimal, splitCsvLine, splitLines } from '../weather/fields.ts';
import { ScenarioError } from './errors.ts';

/** One value column on a constant time step. */
export interface HourlyColumn {
  readonly label: string;
  /** Start of each step, unix s. */
  readonly unixTimeS: Float64Array;
  readonly values: Float64Array;
  readonly stepHours: number;
  /** The UTC offset of the first time (the local clock for months and hours of day). */
  readonly utcOffsetHours: number;
}

/** What one series file holds. */
export interface ColumnSpec {
  readonly column: string;
  /** "a power in MW ≥ 0" */
  readonly expected: string;
  readonly min: number;
}

export const GENERATION_COLUMN: ColumnSpec = { column: 'generation_mw', expected: 'a power in MW, at least 0', min: 0 };
export const LOAD_COLUMN: ColumnSpec = { column: 'load_mw', expected: 'a power in MW, at least 0', min: 0 };
export const PRICE_COLUMN: ColumnSpec = { column: 'price_yuan_per_mwh', expected: 'a price in yuan/MWh', min: Number.NEGATIVE_INFINITY };

const TIME_EXPECTED = 'an ISO 8601 time with a UTC offset, e.g. 2025-01-01T00:00:00+08:00';
/** Two steps count as equal within this (s): fractional seconds in text do not add up exactly in binary. */
const STEP_TOLERANCE_S = 1e-3;

/** 1-based character column where cell `i` of `line` starts (cells as splitCsvLine returns them, unquoted lines). */
function cellColumn(cells: readonly string[], i: number): number {
  let column = 1;
  for (let j = 0; j < i; j++) column += cells[j]!.length + 1;
  return column;
}

function fail(file: string, line: number, column: number, field: string, message: string): never {
  throw new ScenarioError([{ file, line, column, field, message }]);
}

/**
 * Reads a two-column series `time,<spec.column>` (columns in either order). Throws a ScenarioError naming the
 * file, line, column and field for a wrong header, a malformed or out-of-range number, a bad time, or a time
 * that does not follow the previous one by the constant step of the first two rows.
 */
export function parseHourlyColumnCsv(text: string, file: string, spec: ColumnSpec): HourlyColumn {
  const lines = splitLines(text);
  const names = splitCsvLine(lines[0] ?? '').map((c) => c.trim());
  const timeCell = names.indexOf('time');
  const valueCell = names.indexOf(spec.column);
  if (names.length !== 2 || timeCell < 0 || valueCell < 0) {
    fail(file, 1, 1, 'header', `expected the columns time,${spec.column}, got '${lines[0] ?? ''}'`);
  }
  const n = lines.length - 1;
  if (n < 2) fail(file, lines.length + 1, 1, 'rows', 'expected at least two data rows (the time step is inferred from them), got the end of the file');
  const unixTimeS = new Float64Array(n);
  const values = new Float64Array(n);
  let utcOffsetHours = 0;
  let stepS = 0;
  for (let i = 0; i < n; i++) {
    const line = i + 2;
    const cells = splitCsvLine(lines[i + 1]!);
    if (cells.length !== 2) fail(file, line, 1, 'row', `expected 2 comma-separated cells as in the header, got ${cells.length}`);
    const timeText = cells[timeCell]!;
    const time = parseIsoTimeWithOffset(timeText);
    if (time === undefined) fail(file, line, cellColumn(cells, timeCell), 'time', `expected ${TIME_EXPECTED}, got '${timeText}'`);
    unixTimeS[i] = time.unixTimeS;
    if (i === 0) utcOffsetHours = time.utcOffsetHours;
    else {
      const deltaS = time.unixTimeS - unixTimeS[i - 1]!;
      if (i === 1) {
        if (!(deltaS > 0)) fail(file, line, cellColumn(cells, timeCell), 'time', `expected a time later than the previous row, got '${timeText}'`);
        stepS = deltaS;
      } else if (Math.abs(deltaS - stepS) > STEP_TOLERANCE_S) {
        const what = deltaS > stepS ? 'a gap' : deltaS > 0 ? 'a shorter step' : 'not later than the previous row';
        fail(file, line, cellColumn(cells, timeCell), 'time', `expected ${stepS / SECONDS_PER_HOUR} h after the previous row (the step of the first two rows), got '${timeText}', ${deltaS / SECONDS_PER_HOUR} h later (${what})`);
      }
    }
    const valueText = cells[valueCell]!;
    const value = parseDecimal(valueText);
    if (!(Number.isFinite(value) && value >= spec.min)) fail(file, line, cellColumn(cells, valueCell), spec.column, `expected ${spec.expected}, got '${valueText.trim()}'`);
    values[i] = value;
  }
  return { label: file, unixTimeS, values, stepHours: stepS / SECONDS_PER_HOUR, utcOffsetHours };
}

/** Plant output series (`time,generation_mw`). */
export function parseGenerationCsv(text: string, file: string): HourlyColumn {
  return parseHourlyColumnCsv(text, file, GENERATION_COLUMN);
}

/**
 * Price series (`time,price_yuan_per_mwh`) that must match the generation row for row: same number of rows and
 * the same instant on every row (a different length or time is an error at the first line that differs).
 */
export function parsePricesCsv(text: string, file: string, generation: HourlyColumn): HourlyColumn {
  const prices = parseHourlyColumnCsv(text, file, PRICE_COLUMN);
  const n = Math.min(prices.values.length, generation.values.length);
  for (let i = 0; i < n; i++) {
    if (prices.unixTimeS[i] !== generation.unixTimeS[i]) {
      const lines = splitLines(text);
      const cells = splitCsvLine(lines[i + 1]!);
      const timeCell = splitCsvLine(lines[0]!).map((c) => c.trim()).indexOf('time');
      fail(file, i + 2, cellColumn(cells, timeCell), 'time', `expected the time of ${generation.label} line ${i + 2} (the same instant on every row), got '${cells[timeCell]}'`);
    }
  }
  if (prices.values.length !== generation.values.length) {
    fail(file, n + 2, 1, 'rows', `expected one price for each of the ${generation.values.length} rows of ${generation.label}, got ${prices.values.length} rows`);
  }
  return prices;
}
