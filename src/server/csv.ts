/**
 * CSV downloads: the same tables as `pvplan run --format csv` and `pvplan compare --format csv`, rendered with
 * the CLI's column definitions and RFC 4180 writer (src/report/format.ts), so a download and a CLI export match.
 */
import { renderCsv, section, yearColumns, type Column } from '../report/format.ts';
import { metricById } from '../core/metrics/metrics.ts';
import { comparePaths, type CompareMetric, type CompareRow } from '../report/compare.ts';
import type { RunReport } from '../report/run.ts';
import type { UnitSystem } from '../scenario/quantity.ts';

/** The per-year table of one run (year, capacity, operating, …, cumulative CO2), header units in `units`. */
export function runCsv(report: RunReport, units: UnitSystem): string {
  return renderCsv(section({ columns: yearColumns(), rows: report.years }), units);
}

/** A metric by year side by side, then each scenario's difference to the first: the CLI's `compare --format csv`. */
export function compareCsv(reports: readonly RunReport[], metric: CompareMetric, units: UnitSystem): string {
  const ids = reports.map((r) => r.scenario.id);
  const { dimension } = metricById(metric);
  const columns: Array<Column<CompareRow>> = [
    { header: 'year', value: (r) => String(r.year) },
    ...ids.map((id, i) => ({ header: id, value: (r: CompareRow) => r.values[i], dimension })),
    ...ids.slice(1).map((id, j) => ({ header: `Δ ${id}`, value: (r: CompareRow) => r.deltas[j + 1], dimension })),
  ];
  return renderCsv(section({ columns, rows: comparePaths(reports, metric) }), units);
}

/** A safe download file name: letters, digits, '.', '_' and '-' only. */
export function downloadName(...parts: string[]): string {
  return parts.join('-').replace(/[^a-zA-Z0-9._-]+/g, '_').slice(0, 120);
}
