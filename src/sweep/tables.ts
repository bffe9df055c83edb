/**
 * The CSV tables of a sweep: explicit cases (an optional id column, then one column per field path) and sites
 * (id, latitude, longitude, weather, then array options). Every problem names the file, line and column.
 */
import { statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { DATA_FILE_MAX_BYTES } from '../io/read-bounded.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import type { ReadText } from '../scenario/load.ts';
import { PhysicalArraySchema } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/validate.ts';
import { splitCsvLine, splitLines } from '../weather/fields.ts';

/** One data row of a CSV table: its 1-based line, its cells and where each cell starts (1-based column). */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly columns: readonly number[];
}

export interface CsvTable {
  readonly file: string;
  /** The file's text (hashed into the sweep). */
  readonly text: string;
  readonly header: readonly string[];
  readonly headerColumns: readonly number[];
  readonly rows: readonly CsvRow[];
}

/** 1-based start column of each cell of a CSV line (quotes protect commas, RFC 4180). */
function cellStarts(line: string): number[] {
  const starts = [1];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) starts.push(i + 2);
  }
  return starts;
}

/** Reads a CSV table (header, then rows; blank lines skipped); a row with the wrong number of cells is an error. */
export function readCsvTable(file: string, displayName: string, readText: ReadText, what: string): CsvTable {
  let text: string;
  try {
    text = readText(file, DATA_FILE_MAX_BYTES);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ScenarioError([{ file: displayName, message: `cannot read the ${what}: ${reason}` }]);
  }
  const lines = splitLines(text);
  if (lines.length === 0) throw new ScenarioError([{ file: displayName, line: 1, column: 1, message: `the ${what} is empty: expected a header line` }]);
  const header = splitCsvLine(lines[0]!).map((c) => c.trim());
  const headerColumns = cellStarts(lines[0]!);
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw).map((c) => c.trim());
    if (cells.length !== header.length) {
      throw new ScenarioError([{ file: displayName, line: i + 1, column: 1, message: `expected ${header.length} cells (${header.join(', ')}), got ${cells.length}` }]);
    }
    rows.push({ line: i + 1, cells, columns: cellStarts(raw) });
  }
  if (rows.length === 0) throw new ScenarioError([{ file: displayName, line: 2, column: 1, message: `the ${what} has a header but no rows` }]);
  return { file: displayName, text, header, headerColumns, rows };
}

/** A problem at a cell of a table. */
export function cellProblem(table: CsvTable, row: CsvRow, column: number, message: string): ScenarioProblem {
  return { file: table.file, line: row.line, column: row.columns[column] ?? 1, field: table.header[column], message };
}

/** Required columns of a sites table, in order. */
export const SITE_COLUMNS = ['id', 'latitude', 'longitude', 'weather'] as const;
/** Optional site columns beside the array options: altitude (m) and the UTC offset (h). */
const SITE_EXTRA_COLUMNS = ['altitude', 'timezone'] as const;

/** One site of a sites table. */
export interface Site {
  readonly id: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** The weather file as written in the table, and its absolute path (relative paths start at the table's folder). */
  readonly weather: string;
  readonly weatherPath: string;
  /** `yield.site` extras (altitude, timezone) and `yield.array` options, as the scenario would write them. */
  readonly site: Readonly<Record<string, number>>;
  readonly array: Readonly<Record<string, string | number | boolean>>;
  /** The row's cells by column name, for the case's inputs. */
  readonly cells: Readonly<Record<string, string>>;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** An array option cell as the scenario writes it: a number for numeric options, true/false, else the text. */
function arrayOptionValue(name: string, cell: string): string | number | boolean {
  const schema = (PhysicalArraySchema.properties as Record<string, { anyOf?: Array<{ type?: string }>; type?: string }>)[name]!;
  const types = schema.anyOf ? schema.anyOf.map((b) => b.type) : [schema.type];
  if (cell === 'true' || cell === 'false') return cell === 'true';
  if (types.includes('number') && NUMBER.test(cell)) return Number(cell);
  return cell;
}

/**
 * Reads a sites table: id, latitude (°N, −90…90), longitude (°E, −180…180), weather (a file, relative to the table),
 * then optional altitude, timezone and `yield.array` options by name (tilt, azimuth, mounting, dcAcRatio, losses, …).
 * A missing weather file, a bad coordinate, a duplicate id or an unknown column is an error at its line and column.
 */
export function readSites(file: string, displayName: string, readText: ReadText): { table: CsvTable; sites: Site[] } {
  const table = readCsvTable(file, displayName, readText, 'sites table');
  const problems: ScenarioProblem[] = [];
  const arrayOptions = Object.keys(PhysicalArraySchema.properties);
  const known = [...SITE_COLUMNS, ...SITE_EXTRA_COLUMNS, ...arrayOptions];
  table.header.forEach((name, j) => {
    if (!known.includes(name)) {
      const hint = didYouMean(name, known);
      problems.push({ file: displayName, line: 1, column: table.headerColumns[j] ?? 1, message: `unknown column '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected ${SITE_COLUMNS.join(', ')}, then altitude, timezone or array options (${arrayOptions.join(', ')})` });
    }
  });
  SITE_COLUMNS.forEach((name, j) => {
    if (table.header[j] !== name) problems.push({ file: displayName, line: 1, column: table.headerColumns[j] ?? 1, message: `expected the columns to start with ${SITE_COLUMNS.join(', ')}; column ${j + 1} is '${table.header[j] ?? ''}'` });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  const base = dirname(resolvePath(file));
  const ids = new Map<string, number>();
  const sites: Site[] = [];
  for (const row of table.rows) {
    const [id, lat, lon, weather] = row.cells as [string, string, string, string];
    const coordinate = (j: number, text: string, limit: number, what: string): number => {
      const x = Number(text);
      if (!NUMBER.test(text) || !(Math.abs(x) <= limit)) problems.push(cellProblem(table, row, j, `expected a ${what} in degrees from ${-limit} to ${limit}, got '${text}'`));
      return x;
    };
    if (id === '') problems.push(cellProblem(table, row, 0, 'expected a site id, got an empty cell'));
    else if (ids.has(id)) problems.push(cellProblem(table, row, 0, `duplicate site id '${id}' (first on line ${ids.get(id)})`));
    ids.set(id, row.line);
    const latitudeDeg = coordinate(1, lat, 90, 'latitude');
    const longitudeDeg = coordinate(2, lon, 180, 'longitude');
    const weatherPath = resolvePath(base, weather);
    if (weather === '') problems.push(cellProblem(table, row, 3, 'expected a weather file, got an empty cell'));
    else {
      let reason: string | undefined;
      try {
        if (!statSync(weatherPath).isFile()) reason = 'not a regular file';
      } catch (e) {
        reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      }
      if (reason) problems.push(cellProblem(table, row, 3, `cannot read the weather file '${weather}' (${weatherPath}): ${reason}`));
    }
    const site: Record<string, number> = {};
    const array: Record<string, string | number | boolean> = {};
    const cells: Record<string, string> = {};
    for (let j = 0; j < table.header.length; j++) {
      const name = table.header[j]!;
      const cell = row.cells[j]!;
      cells[name] = cell;
      if (j < SITE_COLUMNS.length || cell === '') continue;
      if (name === 'altitude' || name === 'timezone') {
        if (!NUMBER.test(cell)) problems.push(cellProblem(table, row, j, `expected a number, got '${cell}'`));
        site[name] = Number(cell);
      } else array[name] = arrayOptionValue(name, cell);
    }
    sites.push({ id, latitudeDeg, longitudeDeg, weather, weatherPath, site, array, cells });
  }
  if (problems.length > 0) throw new ScenarioError(problems.slice(0, 20));
  return { table, sites };
}
