/**
 * Text-level helpers shared by the weather parsers: lines, CSV cells, strict numbers and
 * measurement cells with missing-value codes and plausible ranges.
 */

import { WeatherParseError } from './types.ts';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Lines of a text file without their terminators (LF or CRLF), a leading byte-order mark removed and
 * trailing empty lines dropped; index i holds line i + 1.
 */
export function splitLines(text: string): string[] {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;
  const lines = body.split(/\r?\n/);
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  lines.length = end;
  return lines;
}

/**
 * Cells of one CSV line (RFC 4180: double quotes protect commas, "" is a literal quote); cells are not trimmed.
 * @example splitCsvLine('723170,"GREENSBORO, NC",NC') // ['723170', 'GREENSBORO, NC', 'NC']
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

// A decimal number as weather files write them: optional sign, digits with an optional fraction, optional
// exponent. `Number()` alone would also accept '', ' ', '0x10' and 'Infinity', which no weather file means.
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const UNSIGNED_INTEGER = /^\d+$/;

/** The number written in `text` (surrounding blanks ignored), or NaN when it is not a plain decimal number. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL_NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Where a cell sits, for error messages. */
export interface CellPlace {
  readonly file: string;
  readonly line: number;
}

/** An unsigned integer cell within [min, max]; throws a {@link WeatherParseError} naming `column` otherwise. */
export function readIntegerCell(cell: string | undefined, column: string, min: number, max: number, at: CellPlace): number {
  const trimmed = cell?.trim();
  const value = trimmed !== undefined && UNSIGNED_INTEGER.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new WeatherParseError({ ...at, column, expected: `an integer from ${min} to ${max}`, got: cell ?? '(no cell)' });
  }
  return value;
}

/** A header number within [min, max] (site metadata); throws a {@link WeatherParseError} otherwise. */
export function readHeaderNumber(cell: string | undefined, column: string, unit: string, min: number, max: number, at: CellPlace): number {
  const value = cell === undefined ? Number.NaN : parseDecimal(cell);
  if (!(value >= min && value <= max)) {
    throw new WeatherParseError({ ...at, column, expected: `a number in ${unit} from ${min} to ${max}`, got: cell ?? '(no cell)' });
  }
  return value;
}

/** How a reader treats one measurement column. */
export interface MeasurementSpec {
  /** Column name as the format (or the error message) calls it. */
  readonly column: string;
  /** Unit phrase for messages ("W/m²"). */
  readonly unit: string;
  /** Lowest and highest plausible value, in the file's unit; outside them the cell is an error. */
  readonly min: number;
  readonly max: number;
  /** A value at or above this is the format's missing-value code (EPW: 9999 for radiation). */
  readonly missingAtOrAbove?: number;
  /** A value at or below this is the format's missing-value code (NSRDB/TMY3: −9900). */
  readonly missingAtOrBelow?: number;
  /** An empty cell means missing (plain CSV optional columns). */
  readonly emptyIsMissing?: boolean;
  /** true: a missing value is an error (the simulation needs it); false: it reads as NaN. */
  readonly required: boolean;
  /** Optional: values equal to this read as missing (albedo 0, which files write for "not provided"). */
  readonly missingValue?: number;
}

/**
 * The value of a measurement cell in the file's unit, NaN for a missing optional value; throws a
 * {@link WeatherParseError} for a malformed or implausible number or a missing required value.
 */
export function readMeasurementCell(cell: string | undefined, spec: MeasurementSpec, at: CellPlace): number {
  if (cell === undefined) {
    throw new WeatherParseError({ ...at, column: spec.column, expected: `a number in ${spec.unit}`, got: '(no cell: row too short)' });
  }
  if (spec.emptyIsMissing === true && cell.trim() === '') {
    if (spec.required) throw new WeatherParseError({ ...at, column: spec.column, expected: `a number in ${spec.unit}`, got: '' });
    return Number.NaN;
  }
  const value = parseDecimal(cell);
  if (Number.isNaN(value)) {
    throw new WeatherParseError({ ...at, column: spec.column, expected: `a number in ${spec.unit}`, got: cell });
  }
  const missing =
    (spec.missingAtOrAbove !== undefined && value >= spec.missingAtOrAbove) ||
    (spec.missingAtOrBelow !== undefined && value <= spec.missingAtOrBelow) ||
    (spec.missingValue !== undefined && value === spec.missingValue);
  if (missing) {
    if (spec.required) {
      throw new WeatherParseError({
        ...at,
        column: spec.column,
        expected: `a value in ${spec.unit} (the simulation needs every hour; this one is the missing-value code)`,
        got: cell,
      });
    }
    return Number.NaN;
  }
  if (!(value >= spec.min && value <= spec.max)) {
    throw new WeatherParseError({
      ...at,
      column: spec.column,
      expected: `a number in ${spec.unit} from ${spec.min} to ${spec.max}`,
      got: cell,
    });
  }
  return value;
}

/** True when every entry is NaN (a column the file carries but never fills). */
export function allNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) return false;
  return true;
}
