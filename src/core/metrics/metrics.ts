/**
 * Reading the metric registry (registry.ts): lookups, the lists each output shows, and the values of
 * metrics the simulation kernel does not compute itself (derived ones and their running totals).
 */
import { DISPLAY_MAGNITUDES, DISPLAY_UNITS, METRICS, type DerivedMetric, type DisplayDimension, type Magnitude, type Metric, type UnitSystem } from './registry.ts';

export * from './registry.ts';

type Registered = (typeof METRICS)[number];
/** Id of a metric `compare --metric` and the API accept. */
export type CompareMetricId = Extract<Registered, { compare: true }>['id'];
/** Year-row field of a metric the Monte Carlo summarises. */
export type McMetricField = Extract<Registered, { monteCarlo: true }>['field'];
/** Year-row field of a running total the Monte Carlo summarises. */
export type McCumulativeField = Extract<Registered, { monteCarlo: true; cumulativeOf: string }>['field'];

/** The registry as plain Metric records (what code that must work for any metric reads). */
export function allMetrics(): readonly Metric[] {
  return METRICS;
}

/** The metric with this id; throws on an unknown id (a programming error: ids come from this registry). */
export function metricById(id: string): Metric {
  const m = allMetrics().find((x) => x.id === id);
  if (!m) throw new RangeError(`metricById: no metric '${id}'`);
  return m;
}

/** The metric stored in this year-row field. */
export function metricByField(field: string): Metric {
  const m = allMetrics().find((x) => x.field === field);
  if (!m) throw new RangeError(`metricByField: no metric in field '${field}'`);
  return m;
}

/** The running total of a yearly metric (energy → cumulative energy), if the registry has one. */
export function runningTotalOf(metric: Metric): Metric | undefined {
  return allMetrics().find((x) => x.cumulativeOf === metric.id);
}

/** Metrics of the run table and CSV, in column order. */
export function tableMetrics(): readonly Metric[] {
  return allMetrics().filter((m) => m.table);
}

/** Metrics a comparison can show. */
export function compareMetrics(): readonly Metric[] {
  return allMetrics().filter((m) => m.compare);
}

/** Metrics a Monte Carlo summarises, in report order. */
export function monteCarloMetrics(): readonly Metric[] {
  return allMetrics().filter((m) => m.monteCarlo);
}

/** Metrics `pvplan run` reports for a portfolio (planned and risk-weighted, by technology and in total), in row order. */
export function portfolioMetrics(): readonly Metric[] {
  return allMetrics().filter((m) => m.portfolio === true);
}

/** Whether the simulation kernel fills the metric's field itself (else it is derived, or a running total of a derived one). */
export function isKernelMetric(metric: Metric): boolean {
  if (metric.derive) return false;
  return metric.cumulativeOf === undefined || isKernelMetric(metricById(metric.cumulativeOf));
}

/** a − b, a + b or a / b for a derived metric (a / 0 is NaN: no meaningful value, written null in JSON). */
export function deriveValue(op: DerivedMetric['op'], a: number, b: number): number {
  if (op === 'difference') return a - b;
  if (op === 'sum') return a + b;
  return b === 0 ? Number.NaN : a / b;
}

/** Arrays by field, index i = one year (the kernel's PlanWorkspace has this shape). */
export type FieldArrays = Readonly<Record<string, Float64Array>>;

/**
 * A metric's value at index i of a kernel workspace: the kernel's own array, a derived value of two arrays, or
 * for a running total of a derived metric its sum over indices fromIndex … i (the reported years start at fromIndex).
 */
export function metricValueAt(arrays: FieldArrays, metric: Metric, i: number, fromIndex: number): number {
  if (metric.derive) return deriveValue(metric.derive.op, arrays[metric.derive.of[0]]![i]!, arrays[metric.derive.of[1]]![i]!);
  if (!isKernelMetric(metric)) {
    const yearly = metricById(metric.cumulativeOf!);
    let sum = 0;
    for (let k = fromIndex; k <= i; k++) sum += metricValueAt(arrays, yearly, k, fromIndex);
    return sum;
  }
  return arrays[metric.field]![i]!;
}

/**
 * Year rows with the metrics the kernel does not fill added (derived ones, and running totals of those from
 * the first row on), in registry order after the kernel's fields. Rows come back unchanged (the same objects)
 * when the registry has no such metric.
 */
export function withDerivedMetrics<Row extends { readonly year: number }>(rows: readonly Row[]): Row[] {
  const extra = allMetrics().filter((m) => !isKernelMetric(m));
  if (extra.length === 0) return [...rows];
  const totals = new Map<string, number>();
  return rows.map((row) => {
    const out: Record<string, number> = { ...(row as unknown as Record<string, number>) };
    for (const m of extra) {
      if (m.derive) out[m.field] = deriveValue(m.derive.op, out[m.derive.of[0]]!, out[m.derive.of[1]]!);
      else {
        const total = (totals.get(m.field) ?? 0) + out[metricById(m.cumulativeOf!).field]!;
        totals.set(m.field, total);
        out[m.field] = total;
      }
    }
    return out as unknown as Row;
  });
}

/**
 * The magnitude a value is shown in at a glance (DISPLAY_MAGNITUDES): the largest whose divisor |value| reaches,
 * else the smallest; 0 and non-finite values take the table's display unit. 4,500 MW → GW; 2.2e7 t → Mt in SI,
 * 万吨 in Chinese units (it does not reach 1 亿吨). The page applies the same rule (web/units.js, magnitudeFor) to
 * the same table, served by GET /api/meta.
 */
export function magnitudeFor(value: number, system: UnitSystem, dimension: DisplayDimension): Magnitude {
  const list = DISPLAY_MAGNITUDES[system][dimension];
  const a = Math.abs(value);
  if (a === 0 || !Number.isFinite(a)) return list.find((m) => m.unit === DISPLAY_UNITS[system][dimension].unit) ?? list[0]!;
  let chosen = list[0]!;
  for (const m of list) if (a >= m.divisor) chosen = m;
  return chosen;
}
