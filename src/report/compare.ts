/** Comparing scenarios: which inputs differ (a parameter diff) and the paths side by side. */
import { MERGE_RULES } from '../scenario/load.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { SCENARIO_DEFAULTS } from '../scenario/resolve.ts';
import { compareMetrics, metricById, runningTotalOf, type CompareMetricId } from '../core/metrics/metrics.ts';
import type { YearResult } from '../core/plan/types.ts';
import type { RunReport } from './run.ts';

/** Metrics a comparison can show: the registry's `compare` metrics, by id. */
export type CompareMetric = CompareMetricId;
export const COMPARE_METRICS: readonly CompareMetric[] = compareMetrics().map((m) => m.id as CompareMetric);

/** A year row's value of a field (NaN when the row has none, e.g. an optional metric). */
function valueOf(row: YearResult, field: string): number {
  return (row as unknown as Readonly<Record<string, number | undefined>>)[field] ?? Number.NaN;
}

/** One input that differs: its dotted path and the value in each scenario (undefined when absent). */
export interface ParameterDifference {
  readonly path: string;
  readonly values: ReadonlyArray<string | undefined>;
}

/** Kinds of a distribution as written in a scenario (src/scenario/schema.ts), with the name a person writes. */
const DISTRIBUTION_NAMES: Readonly<Record<string, string>> = { normal: 'normal', lognormal: 'lognormal', triangular: 'triangular', uniform: 'uniform', pert: 'PERT', discrete: 'discrete' };

type Written = Readonly<Record<string, unknown>>;

function isMapping(v: unknown): v is Written {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A range as written: '35 %–65 %'. */
function range(min: unknown, max: unknown): string {
  return `${String(min)}–${String(max)}`;
}

/** Truncation bounds as a person writes them: ', truncated to 955 h–1315 h', ', truncated at ≥ 0 %'. */
function truncation(t: unknown): string {
  if (!isMapping(t)) return '';
  if (t.min !== undefined && t.max !== undefined) return `, truncated to ${range(t.min, t.max)}`;
  if (t.min !== undefined) return `, truncated at ≥ ${String(t.min)}`;
  if (t.max !== undefined) return `, truncated at ≤ ${String(t.max)}`;
  return '';
}

/**
 * A distribution as written in a scenario, the way a person writes it: 'PERT 35 %–65 %, mode 58.7 %',
 * 'normal, mean 1135 h, sd 60 h, truncated to 955 h–1315 h', 'discrete: 0 (20 %), 1 (60 %), 2 (20 %)';
 * undefined when the value is not a distribution.
 */
export function describeDistribution(value: unknown): string | undefined {
  if (!isMapping(value)) return undefined;
  const keys = Object.keys(value).filter((k) => k !== 'truncate');
  if (keys.length !== 1 || !(keys[0]! in DISTRIBUTION_NAMES) || !isMapping(value[keys[0]!])) return undefined;
  const kind = keys[0]!;
  const p = value[kind] as Written;
  const name = DISTRIBUTION_NAMES[kind]!;
  let text: string;
  if (kind === 'pert' || kind === 'triangular') text = `${name} ${range(p.min, p.max)}, mode ${String(p.mode)}${p.lambda === undefined ? '' : `, λ ${String(p.lambda)}`}`;
  else if (kind === 'uniform') text = `${name} ${range(p.min, p.max)}`;
  else if (kind === 'discrete') {
    const values = Array.isArray(p.values) ? p.values : [];
    const weights = Array.isArray(p.weights) ? (p.weights as number[]) : [];
    const sum = weights.reduce((a, b) => a + b, 0);
    // Weights are relative: shown as shares of their sum, to three significant digits.
    text = `${name}: ${values.map((v, i) => `${String(v)} (${Number((((weights[i] ?? 0) / sum) * 100).toPrecision(3))} %)`).join(', ')}`;
  } else text = `${name}, mean ${String(p.mean)}, sd ${String(p.sd)}`;
  return text + truncation(value.truncate);
}

/** Rank correlations as written (uncertainty.correlations): 'rank 0.4 between capacity.growth.rate and yield.curtailment'. */
function describeCorrelations(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.every((c) => isMapping(c) && Array.isArray(c.between) && typeof c.rank === 'number')) return undefined;
  return (value as Written[]).map((c) => `rank ${String(c.rank)} between ${(c.between as unknown[]).map(String).join(' and ')}`).join('; ');
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  const described = describeDistribution(value) ?? (prefix.endsWith('correlations') ? describeCorrelations(value) : undefined);
  if (described !== undefined) {
    out.set(prefix, described);
    return;
  }
  // A keyed list (projects by id, MERGE_RULES) is compared item by item under its keys: projects.<id>.<field>.
  const listKey = Object.hasOwn(MERGE_RULES.mergeListsByKey, prefix) ? MERGE_RULES.mergeListsByKey[prefix as keyof typeof MERGE_RULES.mergeListsByKey] : undefined;
  if (listKey !== undefined && Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[listKey] === 'string')) {
    for (const item of value as Array<Record<string, unknown>>) flatten(item, `${prefix}.${String(item[listKey])}`, out);
    return;
  }
  if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : String(value));
}

/** The scenario as written with defaults filled, flattened to dotted paths, so a default and its explicit value compare equal. */
export function flattenWithDefaults(s: ResolvedScenario): Map<string, string> {
  const out = new Map<string, string>();
  const w = s.written;
  const withDefaults = {
    ...w,
    capacity: { constructionLagYears: SCENARIO_DEFAULTS.constructionLagYears, lifetimeYears: SCENARIO_DEFAULTS.lifetimeYears, ...w.capacity },
    yield: {
      availability: SCENARIO_DEFAULTS.availability,
      curtailment: SCENARIO_DEFAULTS.curtailment,
      commissioning: SCENARIO_DEFAULTS.commissioning,
      ...w.yield,
      degradation: { firstYear: SCENARIO_DEFAULTS.firstYearDegradation, annual: SCENARIO_DEFAULTS.annualDegradation, mode: SCENARIO_DEFAULTS.degradationMode, ...w.yield.degradation },
    },
  };
  flatten(withDefaults, '', out);
  return out;
}

/** Inputs that differ between scenarios (name and description excluded: they always differ and explain nothing). */
export function parameterDiff(scenarios: readonly ResolvedScenario[]): ParameterDifference[] {
  const flat = scenarios.map(flattenWithDefaults);
  const paths = new Set<string>();
  for (const f of flat) for (const k of f.keys()) paths.add(k);
  const diffs: ParameterDifference[] = [];
  for (const path of [...paths].sort()) {
    if (path === 'name' || path === 'description') continue;
    const values = flat.map((f) => f.get(path));
    if (values.some((v) => v !== values[0])) diffs.push({ path, values });
  }
  return diffs;
}

/** One year of a side-by-side comparison: each scenario's value (NaN where outside its horizon) and its difference to the first. */
export interface CompareRow {
  readonly year: number;
  readonly values: number[];
  readonly deltas: number[];
}

/** The metric by year for every report, aligned on the union of their years. */
export function comparePaths(reports: readonly RunReport[], metric: CompareMetric): CompareRow[] {
  const { field } = metricById(metric);
  const years = [...new Set(reports.flatMap((r) => r.years.map((y) => y.year)))].sort((a, b) => a - b);
  return years.map((year) => {
    const values = reports.map((r) => {
      const row = r.years.find((y) => y.year === year);
      return row ? valueOf(row, field) : Number.NaN;
    });
    return { year, values, deltas: values.map((v) => v - values[0]!) };
  });
}

/** Per-scenario summary of a comparison: the year the target is met, the metric in the target year and its total (or end value) to the end year. */
export interface CompareSummary {
  readonly id: string;
  readonly targetMetYear: number | null;
  readonly targetYear: number | null;
  readonly valueInTargetYear: number;
  /** Cumulative to the end year for energy/coal/CO2; the end-year value for capacity metrics. */
  readonly toEndYear: number;
  readonly endYear: number;
}

export function compareSummary(reports: readonly RunReport[], metric: CompareMetric): CompareSummary[] {
  const { field } = metricById(metric);
  const cumulative = runningTotalOf(metricById(metric))?.field;
  return reports.map((r) => {
    const last = r.years[r.years.length - 1]!;
    const ty = r.target?.year ?? null;
    const inTarget = ty === null ? undefined : r.years.find((y) => y.year === ty);
    return {
      id: r.scenario.id,
      targetMetYear: r.target?.metYear ?? null,
      targetYear: ty,
      valueInTargetYear: inTarget ? valueOf(inTarget, field) : Number.NaN,
      toEndYear: valueOf(last, cumulative ?? field),
      endYear: last.year,
    };
  });
}
