/**
 * Output formats shared by every reporting command and the server's downloads: an aligned text table, CSV (RFC 4180), JSON and Markdown,
 * with quantities shown in SI (MW, GWh, t) or Chinese magnitudes (万千瓦, 亿千瓦时, 万吨).
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type { YearResult } from '../core/plan/types.ts';
import { DISPLAY_UNITS, tableMetrics, type Dimension, type Metric, type UnitSystem } from '../core/metrics/metrics.ts';
import { metricHeader, t, type Lang } from './messages.ts';

export type OutputFormat = 'table' | 'csv' | 'json' | 'markdown';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'markdown'];
export const UNIT_SYSTEMS: readonly UnitSystem[] = ['si', 'cn'];

/** A column: its header, and how to show the internal value (dimension for unit conversion, decimals per system). */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => number | string | null | undefined;
  readonly dimension?: Exclude<Dimension, 'fraction'> | 'fraction';
  /** Shown only when some row has a value (an optional metric: SO2 and NOx need their factors). */
  readonly optional?: boolean;
}

/** A titled table of rows. */
export interface Section<Row = unknown> {
  readonly title?: string;
  readonly columns: ReadonlyArray<Column<Row>>;
  readonly rows: readonly Row[];
}

/** Erases a section's row type so sections of different rows can be rendered together. */
export function section<Row>(s: Section<Row>): Section {
  return s as unknown as Section;
}

/** The unit label of a dimension in a unit system, e.g. ('energy', 'cn') → '亿千瓦时'. */
export function unitLabel(dimension: Exclude<Dimension, 'fraction'> | 'fraction', system: UnitSystem): string {
  return dimension === 'fraction' ? '%' : DISPLAY_UNITS[system][dimension].unit;
}

/** A header with its unit: 'capacity (MW)' or 'capacity (万千瓦)'. */
export function headerWithUnit<Row>(column: Column<Row>, system: UnitSystem): string {
  return column.dimension ? `${column.header} (${unitLabel(column.dimension, system)})` : column.header;
}

/**
 * A quantity for a summary line, rounded as its table shows it (DISPLAY_UNITS decimals) with its unit, so a total
 * reads the same as the table's last cumulative cell: '839.33 GWh', '8.3933亿千瓦时'.
 */
export function tableQuantity(value: number, dimension: Exclude<Dimension, 'fraction'>, system: UnitSystem): string {
  const d = DISPLAY_UNITS[system][dimension];
  const shown = (value / d.divisor).toFixed(d.decimals);
  return system === 'cn' ? `${shown}${d.unit}` : `${shown} ${d.unit}`;
}

/** Shows one cell: internal value → display unit, fixed decimals for text output (full precision for CSV). */
export function displayValue<Row>(column: Column<Row>, row: Row, system: UnitSystem, fullPrecision = false): string {
  const v = column.value(row);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '';
  if (!column.dimension) return String(v);
  if (column.dimension === 'fraction') return fullPrecision ? String(v * 100) : (v * 100).toFixed(2);
  const shown = v / DISPLAY_UNITS[system][column.dimension].divisor;
  return fullPrecision ? String(Number(shown.toPrecision(12))) : shown.toFixed(DISPLAY_UNITS[system][column.dimension].decimals);
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The section without its optional columns that no row fills. */
function shownColumns<Row>(section: Section<Row>): Section<Row> {
  if (!section.columns.some((c) => c.optional)) return section;
  const filled = (c: Column<Row>) => section.rows.some((r) => {
    const v = c.value(r);
    return v !== null && v !== undefined;
  });
  return { ...section, columns: section.columns.filter((c) => !c.optional || filled(c)) };
}

/** Renders one section as CSV (header row with units, then full-precision values). */
export function renderCsv<Row>(all: Section<Row>, system: UnitSystem): string {
  const section = shownColumns(all);
  const lines = [section.columns.map((c) => csvCell(headerWithUnit(c, system))).join(',')];
  for (const row of section.rows) lines.push(section.columns.map((c) => csvCell(displayValue(c, row, system, true))).join(','));
  return `${lines.join('\n')}\n`;
}

/** Renders one section as a Markdown table (numbers right-aligned). */
export function renderMarkdown<Row>(all: Section<Row>, system: UnitSystem): string {
  const section = shownColumns(all);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| ${section.columns.map((c) => esc(headerWithUnit(c, system))).join(' | ')} |`;
  const rule = `|${section.columns.map((c) => (c.dimension || typeof section.rows[0] === 'undefined' ? '---:' : '---')).join('|')}|`;
  const body = section.rows.map((r) => `| ${section.columns.map((c) => esc(displayValue(c, r, system))).join(' | ')} |`);
  return `${section.title ? `### ${section.title}\n\n` : ''}${[head, rule, ...body].join('\n')}\n`;
}

// Marks that combine with the character before them, format characters (zero-width joiner, bidi marks) and
// variation selectors take no column.
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** Text of printable ASCII only, one column a character: most cells of a table (numbers, ids, units). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Terminal columns a text takes: two for East Asian wide and fullwidth characters (Unicode Standard Annex #11, from
 * get-east-asian-width's tables), none for controls and combining or format characters, one otherwise. It agrees
 * with string-width on the text tables hold (test/report/display-width.property.test.ts) without its 45 ms of
 * start-up (Intl.Segmenter and emoji property patterns built at import), which every command would pay.
 * Default-ignorable code points (unassigned format characters) take no column either, as in string-width.
 * @example displayWidth('装机 MW') // 7
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20 && cp < 0x7f) width++;
    else if (cp < 0xa0 || ZERO_WIDTH.test(ch)) continue;
    else width += eastAsianWidth(cp);
  }
  return width;
}

/** `text`, whose display width is `textWidth`, filled with spaces to `width` columns on the left (`right`) or the right. */
function pad(text: string, textWidth: number, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth));
  return right ? fill + text : text + fill;
}

/** Renders one section as an aligned text table: numbers right-aligned, text left-aligned, CJK-aware widths. */
export function renderText<Row>(all: Section<Row>, system: UnitSystem): string {
  const section = shownColumns(all);
  const head = section.columns.map((c) => headerWithUnit(c, system));
  const body = section.rows.map((r) => section.columns.map((c) => displayValue(c, r, system)));
  // Each cell's width is worked out once: for the column widths and again for its padding.
  const headWidths = head.map(displayWidth);
  const bodyWidths = body.map((cells) => cells.map(displayWidth));
  const widths = headWidths.map((w, i) => {
    let widest = w;
    for (const cellWidths of bodyWidths) widest = Math.max(widest, cellWidths[i]!);
    return widest;
  });
  const line = (cells: string[], cellWidths: number[]) => cells.map((cell, i) => pad(cell, cellWidths[i]!, widths[i]!, section.columns[i]!.dimension !== undefined)).join('  ').replace(/\s+$/, '');
  return `${section.title ? `${section.title}\n` : ''}${[line(head, headWidths), ...body.map((cells, r) => line(cells, bodyWidths[r]!))].join('\n')}\n`;
}

/** A metric's column: its registry header and dimension, the value read from the row's field. */
export function metricColumn<Row>(metric: Metric, header: string = metric.header): Column<Row> {
  return { header, value: (r) => (r as unknown as Readonly<Record<string, number | undefined>>)[metric.field], dimension: metric.dimension, ...(metric.optional ? { optional: true } : {}) };
}

/** The per-year columns of a run (year, then the registry's table metrics), shared by `pvplan run` tables/CSV and the server's CSV downloads (English). */
export function yearColumns(lang: Lang = 'en'): ReadonlyArray<Column<YearResult>> {
  return [{ header: t(lang, 'year'), value: (r) => String(r.year) }, ...tableMetrics().map((m) => metricColumn<YearResult>(m, metricHeader(m, lang)))];
}

/** Renders sections in a text format (table or markdown); CSV takes the first section only (one table per file). */
export function renderSections(sections: readonly Section[], format: Exclude<OutputFormat, 'json'>, system: UnitSystem): string {
  if (format === 'csv') return renderCsv(sections[0]!, system);
  const render = format === 'markdown' ? renderMarkdown : renderText;
  return sections.map((s) => render(s, system)).join('\n');
}

export { renderJson } from './json.ts';
