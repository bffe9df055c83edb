/**
 * Where the shipped weather files live: `scenarios/weather/` in the repository (provenance in its SOURCES.md),
 * resolved from the repository root, not from cwd.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEATHER_DIR = resolve(REPO_ROOT, 'scenarios/weather');

export const BEIJING_EPW = 'CHN_Beijing.Beijing.545110_CSWD.epw';
export const AMSTERDAM_EPW = 'NLD_Amsterdam062400_IWEC.epw';
export const GREENSBORO_TMY3 = '723170TYA.CSV';

/** Absolute path of a shipped weather file. */
export function weatherPath(name: string): string {
  return resolve(WEATHER_DIR, name);
}

/** Text of a shipped weather file. */
export function weatherText(name: string): string {
  return readFileSync(weatherPath(name), 'utf8');
}

/** Sum of a column (e.g. W/m² hourly → Wh/m²). */
export function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** `text` with line `lineNumber` (1-based) replaced by `replace(line)`. */
export function editLine(text: string, lineNumber: number, replace: (line: string) => string): string {
  const lines = text.split('\n');
  lines[lineNumber - 1] = replace(lines[lineNumber - 1]!);
  return lines.join('\n');
}

/** `text` with its comma-separated field `field` (0-based) on line `lineNumber` (1-based) set to `value`. */
export function editField(text: string, lineNumber: number, field: number, value: string): string {
  return editLine(text, lineNumber, (line) => {
    const cells = line.split(',');
    cells[field] = value;
    return cells.join(',');
  });
}

/** The first `lineCount` lines of `text`. */
export function truncateLines(text: string, lineCount: number): string {
  return text.split('\n').slice(0, lineCount).join('\n');
}

/** The {@link WeatherParseError}-like fields a test checks. */
export interface ExpectedParseError {
  readonly line: number;
  readonly column?: string;
  readonly file?: string;
}

/** Runs `fn`, which must throw a WeatherParseError at `expected.line` (and column/file when given); returns it. */
export function catchParseError<E extends Error & { line: number; column: string | undefined; file: string }>(
  fn: () => unknown,
  errorClass: new (...args: never[]) => E,
  expected: ExpectedParseError,
): E {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof errorClass)) {
    throw new Error(`expected a ${errorClass.name}, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  }
  if (caught.line !== expected.line) throw new Error(`expected line ${expected.line}, got: ${caught.message}`);
  if (expected.column !== undefined && caught.column !== expected.column) {
    throw new Error(`expected column '${expected.column}', got: ${caught.message}`);
  }
  if (expected.file !== undefined && caught.file !== expected.file) throw new Error(`expected file '${expected.file}', got: ${caught.message}`);
  return caught;
}
