/**
 * PVGIS typical-meteorological-year reader, CSV and JSON outputs of the PVGIS "TMY" tool (European Commission JRC,
 * PVGIS 5, https://re.jrc.ec.europa.eu/pvg_tools/, "TMY" tab, outputformat csv or json): text in, {@link WeatherSeries}
 * out, no file access.
 *
 * - CSV: lines `Latitude (decimal degrees): 45.000`, `Longitude (decimal degrees): 8.000`, `Elevation (m): 250.0`, a
 *   `month,year` table of the source year of each month, then the column line `time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),
 *   WS10m,WD10m,SP`, one row per hour (`20180101:0000`), and a footer describing the fields.
 * - JSON: `inputs.location.{latitude, longitude, elevation}` and `outputs.tmy_hourly`, records with the same keys.
 * - Read: G(h) = GHI, Gb(n) = DNI, Gd(h) = DHI (W/m²), T2m (°C), WS10m (m/s, at 10 m), SP (Pa).
 * Times are UTC; each row is taken as the hour starting at its label, sun at hh:30 UTC (./hour-start.ts), and the 12
 * months from different years are re-dated to one. The file carries no time zone: months are then counted on
 * round(longitude / 15°) unless the site gives one.
 */

import { type CellPlace, type MeasurementSpec, parseDecimal, readMeasurementCell, splitCsvLine, splitLines } from './fields.ts';
import { daysInMonth } from './calendar.ts';
import type { HourEndingOptions } from './hour-ending.ts';
import { createHourStartRows, hourStartSeries, type HourStartRows } from './hour-start.ts';
import { WeatherParseError, type WeatherSeries } from './types.ts';

/** Options of {@link parsePvgisTmy}. */
export type PvgisOptions = HourEndingOptions;

const TIME_COLUMN = 'time(UTC)';
const TIME = /^(\d{4})(\d{2})(\d{2}):(\d{2})(\d{2})$/;
const MAX_IRRADIANCE_WM2 = 2000;

type Quantity = 'ghi' | 'dni' | 'dhi' | 'temp' | 'wind' | 'pressure';
const KEYS: Readonly<Record<Quantity, string>> = { ghi: 'G(h)', dni: 'Gb(n)', dhi: 'Gd(h)', temp: 'T2m', wind: 'WS10m', pressure: 'SP' };
const SPECS: Readonly<Record<Quantity, MeasurementSpec>> = {
  ghi: { column: 'G(h)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, required: true },
  dni: { column: 'Gb(n)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, required: false },
  dhi: { column: 'Gd(h)', unit: 'W/m²', min: 0, max: MAX_IRRADIANCE_WM2, required: false },
  temp: { column: 'T2m', unit: '°C', min: -70, max: 70, required: true },
  wind: { column: 'WS10m', unit: 'm/s', min: 0, max: 40, required: true },
  pressure: { column: 'SP', unit: 'Pa', min: 31_000, max: 120_000, required: false },
};
const QUANTITIES = Object.keys(KEYS) as Quantity[];

/** True when `text` is a PVGIS TMY output: a CSV starting `Latitude (decimal degrees):` or JSON with `tmy_hourly`. */
export function looksLikePvgis(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('Latitude (decimal degrees):')) return true;
  return head.startsWith('{') && text.includes('"tmy_hourly"');
}

interface Table {
  readonly rows: HourStartRows;
  readonly columns: Record<Quantity, Float64Array>;
}

function createTable(n: number): Table {
  const f = () => new Float64Array(n);
  return { rows: createHourStartRows(n), columns: { ghi: f(), dni: f(), dhi: f(), temp: f(), wind: f(), pressure: f() } };
}

function readTime(text: string, i: number, rows: HourStartRows, at: CellPlace): void {
  const m = TIME.exec(text.trim());
  const month = m === null ? 0 : Number(m[2]);
  const day = m === null ? 0 : Number(m[3]);
  const hour = m === null ? -1 : Number(m[4]);
  if (m === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(month) || hour > 23 || m[5] !== '00') {
    throw new WeatherParseError({ ...at, column: TIME_COLUMN, expected: 'a UTC hour YYYYMMDD:HH00, e.g. 20180101:0000', got: text });
  }
  rows.years[i] = Number(m[1]);
  rows.months[i] = month;
  rows.days[i] = day;
  rows.hours[i] = hour;
  rows.lines[i] = at.line;
}

/** PVGIS times are UTC. */
function series(file: string, table: Table, site: { latitudeDeg: number; longitudeDeg: number; altitudeM?: number }, options: PvgisOptions): WeatherSeries {
  return hourStartSeries('pvgis', file, table.rows, table.columns, site, 0, options);
}

function checkSite(latitudeDeg: number, longitudeDeg: number, at: CellPlace): void {
  if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) throw new WeatherParseError({ ...at, column: 'latitude', expected: 'a latitude in ° from -90 to 90', got: String(latitudeDeg) });
  if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) throw new WeatherParseError({ ...at, column: 'longitude', expected: 'a longitude in ° from -180 to 180', got: String(longitudeDeg) });
}

/** The CSV output of the PVGIS TMY tool; see the module comment. */
function parsePvgisCsv(text: string, file: string, options: PvgisOptions): WeatherSeries {
  const lines = splitLines(text);
  const meta = new Map<string, { value: string; line: number }>();
  let header = -1;
  for (let i = 0; i < lines.length; i++) {
    const cells = splitCsvLine(lines[i]!);
    if (cells[0]!.trim() === TIME_COLUMN) {
      header = i;
      break;
    }
    // "Latitude (decimal degrees): 45.000" (some versions put a comma after the colon).
    const m = /^([^:]+:)\s*,?\s*(.*)$/.exec(lines[i]!);
    if (m !== null) meta.set(m[1]!.trim().toLowerCase(), { value: m[2]!, line: i + 1 });
  }
  if (header < 0) throw new WeatherParseError({ file, line: lines.length + 1, expected: `the PVGIS column line starting '${TIME_COLUMN},'`, got: 'end of file' });
  const metaNumber = (key: string, what: string, required: boolean): number | undefined => {
    const entry = meta.get(key);
    if (entry === undefined) {
      if (!required) return undefined;
      throw new WeatherParseError({ file, line: 1, expected: `a line '${key.replace(/^./, (c) => c.toUpperCase())},…' (${what})`, got: (lines[0] ?? '').slice(0, 40) });
    }
    const x = parseDecimal(entry.value);
    if (Number.isNaN(x)) throw new WeatherParseError({ file, line: entry.line, column: what, expected: 'a number', got: entry.value });
    return x;
  };
  const latitudeDeg = metaNumber('latitude (decimal degrees):', 'latitude', true)!;
  const longitudeDeg = metaNumber('longitude (decimal degrees):', 'longitude', true)!;
  const altitudeM = metaNumber('elevation (m):', 'elevation', false);
  checkSite(latitudeDeg, longitudeDeg, { file, line: meta.get('latitude (decimal degrees):')!.line });

  const names = splitCsvLine(lines[header]!).map((c) => c.trim());
  const index = {} as Record<Quantity, number>;
  for (const q of QUANTITIES) {
    index[q] = names.indexOf(KEYS[q]);
    if (index[q] < 0 && SPECS[q].required) throw new WeatherParseError({ file, line: header + 1, expected: `a PVGIS column named '${KEYS[q]}'`, got: lines[header]!.slice(0, 60) });
  }
  let end = header + 1;
  // Data rows start with a digit; the footer follows a blank line and starts with field names (`T2m: …`).
  while (end < lines.length && /^[+-]?\d/.test(lines[end]!.trim())) end++;
  const n = end - header - 1;
  const table = createTable(n);
  for (const q of QUANTITIES) if (index[q] < 0) table.columns[q].fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const at: CellPlace = { file, line: header + 2 + i };
    const cells = splitCsvLine(lines[header + 1 + i]!);
    if (cells.length < names.length) throw new WeatherParseError({ ...at, expected: `${names.length} comma-separated fields as in line ${header + 1}`, got: `${cells.length} field(s)` });
    readTime(cells[0]!, i, table.rows, at);
    for (const q of QUANTITIES) if (index[q] >= 0) table.columns[q][i] = readMeasurementCell(cells[index[q]], SPECS[q], at);
  }
  return series(file, table, { latitudeDeg, longitudeDeg, ...(altitudeM === undefined ? {} : { altitudeM }) }, options);
}

/** Line and column (1-based) of a character offset. */
function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first character where `text` stops being JSON (RFC 8259), for the error message: Node's JSON.parse does
 * not say where. A recursive-descent check that builds nothing; text.length when the text ends too early.
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (m === null) fail();
      i += m![0].length;
    }
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}

/** The JSON output of the PVGIS TMY tool; a record's errors name the line where its `time(UTC)` key stands. */
function parsePvgisJson(text: string, file: string, options: PvgisOptions): WeatherSeries {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const where = lineColumnOf(text, Math.max(0, jsonErrorOffset(text)));
    throw new WeatherParseError({ file, line: where.line, column: `character ${where.column}`, expected: 'valid JSON (the PVGIS TMY json output)', got: (e as Error).message });
  }
  const root = doc as { inputs?: { location?: { latitude?: unknown; longitude?: unknown; elevation?: unknown } }; outputs?: { tmy_hourly?: unknown } };
  const location = root.inputs?.location;
  const records = root.outputs?.tmy_hourly;
  if (location === undefined || typeof location.latitude !== 'number' || typeof location.longitude !== 'number' || !Array.isArray(records)) {
    throw new WeatherParseError({ file, line: 1, expected: 'a PVGIS TMY JSON object with inputs.location.latitude/longitude and outputs.tmy_hourly', got: text.slice(0, 40) });
  }
  checkSite(location.latitude, location.longitude, { file, line: 1 });
  // The line of each record: where its time key stands (the output may put many records on one line).
  const recordLines = new Int32Array(records.length);
  let from = 0;
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    const at = text.indexOf(`"${TIME_COLUMN}"`, from);
    if (at < 0) break;
    for (let k = from; k < at; k++) if (text.charCodeAt(k) === 10) line++;
    recordLines[i] = line;
    from = at + 1;
  }
  const table = createTable(records.length);
  for (let i = 0; i < records.length; i++) {
    const place: CellPlace = { file, line: recordLines[i] || 1 };
    const record = records[i] as Record<string, unknown>;
    const time = record?.[TIME_COLUMN];
    readTime(typeof time === 'string' ? time : String(time), i, table.rows, place);
    for (const q of QUANTITIES) {
      const value = record[KEYS[q]];
      if (value === undefined && !SPECS[q].required) table.columns[q][i] = Number.NaN;
      else table.columns[q][i] = readMeasurementCell(typeof value === 'number' ? String(value) : value === undefined ? undefined : String(value), SPECS[q], place);
    }
  }
  const elevation = location.elevation;
  return series(file, table, { latitudeDeg: location.latitude, longitudeDeg: location.longitude, ...(typeof elevation === 'number' ? { altitudeM: elevation } : {}) }, options);
}

/**
 * Parses a PVGIS TMY output, CSV or JSON (told apart by its first character), into an hourly series timed at mid-hour
 * UTC, site from the file; irradiance W/m², temperature °C, wind m/s at 10 m, pressure Pa. Throws
 * {@link WeatherParseError} with line and column for a malformed file, value or time, or rows that skip an hour.
 * @example parsePvgisTmy(text, 'tmy_36.600_114.500_2005_2020.csv').site.latitudeDeg // 36.6
 */
export function parsePvgisTmy(text: string, file: string, options: PvgisOptions = {}): WeatherSeries {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? parsePvgisJson(text, file, options) : parsePvgisCsv(text, file, options);
}
