/**
 * Scenario as written → PlanInput (defaults filled, every quantity in internal units), with the checks that
 * span fields (years in order, percentages within 0–100 %, dimensions that depend on the yield model…).
 * Every problem names the field; load.ts maps fields to lines.
 */
import * as crypto from 'node:crypto';
import { isAbsolute } from 'node:path';
import { getPreset, presetYearSeries, factorPresetIds, type FactorKind } from '../core/plan/factors.ts';
import { cdf, centralValue, support, validateDistribution, type Distribution, type DistributionKind, type Truncation } from '../core/uncertainty/distributions.ts';
import { PlanError } from '../core/errors.ts';
import type { InputUnit, PlanField, PlanUncertainty, RankCorrelation, UncertainParameter } from '../core/uncertainty/parameters.ts';
import { createGaussianCopula, validateCorrelationMatrix } from '../core/uncertainty/rank-correlation.ts';
import type { YearSeries } from '../core/series.ts';
import { fitLogisticTrend, growthPath } from '../core/plan/growth.ts';
import { simulatePlan } from '../core/plan/simulate.ts';
import { assertTargetReachable } from '../core/plan/solve.ts';
import { COMMISSIONING_OFFSET_YEARS } from '../core/plan/cohorts.ts';
import type { GrowthModel, PlanInput } from '../core/plan/types.ts';
import { fullLoadHoursFromCapacityFactor, HOURS_PER_YEAR } from '../core/units.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { physicalFullLoadHours, weatherBaseDirOfChain, type PhysicalYieldIssue } from './physical-yield.ts';
import { ScenarioError } from './errors.ts';
import { compileCapacityFormula } from './formula.ts';
import { loadScenarioChain, problemsAt, readTextFromDisk, type ReadText, type ScenarioChain, type SourceDoc } from './load.ts';
import { DIMENSIONS, formatQuantity, parseQuantity, QuantityError, type Dimension } from './quantity.ts';
import type { Scenario } from './schema.ts';
import { didYouMean, validateScenarioShape, type ValidationIssue } from './validate.ts';

/** Defaults filled in when a scenario leaves a field out (documented in the schema and docs/scenarios.md). */
export const SCENARIO_DEFAULTS = {
  constructionLagYears: 0,
  lifetimeYears: 25,
  firstYearDegradation: '0 %',
  annualDegradation: '0.5 %',
  degradationMode: 'linear',
  availability: '100 %',
  curtailment: '0 %',
  commissioning: 'mid-year',
} as const;

/** A scenario ready to run: its identity, the merged text as written, the core's input and a content hash. */
export interface ResolvedScenario {
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly region?: string;
  readonly description?: string;
  /** The scenario as written after `extends` (without the `extends` key). */
  readonly written: Scenario;
  readonly plan: PlanInput;
  /** Uncertain fields (distributions), their correlations and the inter-annual yield term; empty for a deterministic scenario. */
  readonly uncertainty: PlanUncertainty;
  /** sha256 of the canonical JSON of the resolved plan and name: two runs with the same hash had the same inputs. */
  readonly hash: string;
  /** Files of the `extends` chain, child first. */
  readonly files: readonly string[];
}

type Issues = ValidationIssue[];

/** Where a drawn value of an uncertain field goes in the plan (see applyParameter). */
type Setter = Pick<UncertainParameter, 'field' | 'planScale'>;

/** The field a value sets, as a Setter. */
const to = (field: PlanField, planScale?: number): Setter => (planScale === undefined ? { field } : { field, planScale });

/** Unit of whole years (construction lag, lifetime). */
const YEARS_UNIT: InputUnit = { dimension: 'years', internalUnit: 'yr' };

/** The valid range of a field, checked against a distribution's support. */
interface Range {
  readonly min?: number;
  readonly max?: number;
  /** True when min itself is not allowed (e.g. hours must be > 0). */
  readonly minExclusive?: boolean;
}

/** A distribution may leave a field's valid range with at most this probability; it is then truncated there. */
export const OUT_OF_RANGE_TOLERANCE = 1e-6;

const YEAR_KEY = /^[12][0-9]{3}$/;

function isYearSeries(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => YEAR_KEY.test(k));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Collector {
  readonly issues: Issues = [];
  readonly uncertain: UncertainParameter[] = [];

  /** A quantity in internal units; a distribution (where `apply` is given) registers an uncertain parameter and returns its median. */
  quantity(value: unknown, dim: Dimension, path: string[], apply?: Setter, range?: Range): number {
    if (isMapping(value)) {
      if (!apply) {
        this.add(path, `expected a single quantity here (distributions are supported only for the fields listed in docs/uncertainty.md)`);
        return Number.NaN;
      }
      const dist = this.distribution(value, (v, p) => this.quantity(v, dim, p), path, range, (x) => formatQuantity(x, dim, 'si', 6));
      if (!dist) return Number.NaN;
      this.uncertain.push({ name: path.join('.'), ...apply, unit: { dimension: dim, internalUnit: DIMENSIONS[dim].internalUnit }, distribution: dist });
      return centralValue(dist);
    }
    try {
      return parseQuantity(value, dim);
    } catch (e) {
      if (e instanceof QuantityError) {
        this.issues.push({ path, message: e.message });
        return Number.NaN;
      }
      throw e;
    }
  }

  /** A whole number, or a discrete distribution of whole numbers (years). */
  integer(value: unknown, path: string[], apply: Setter, range: Range): number {
    if (typeof value === 'number') return value;
    if (!isMapping(value)) return Number.NaN;
    const dist = this.distribution(value, (v) => (typeof v === 'number' ? v : Number.NaN), path, range, String);
    if (!dist) return Number.NaN;
    this.uncertain.push({ name: path.join('.'), ...apply, unit: YEARS_UNIT, distribution: dist });
    return centralValue(dist);
  }

  private distribution(value: Record<string, unknown>, parse: (v: unknown, path: string[]) => number, path: string[], range: Range | undefined, show: (x: number) => string): Distribution | undefined {
    const kind = Object.keys(value).find((k) => k !== 'truncate') as DistributionKind | undefined;
    const params = (kind ? value[kind] : undefined) as Record<string, unknown> | undefined;
    if (!kind || !params) return undefined;
    const issuesBefore = this.issues.length;
    const q = (key: string) => parse(params[key], [...path, kind, key]);
    const t = value.truncate as Record<string, unknown> | undefined;
    const truncation: Truncation | undefined = t
      ? { ...(t.min === undefined ? {} : { lower: parse(t.min, [...path, 'truncate', 'min']) }), ...(t.max === undefined ? {} : { upper: parse(t.max, [...path, 'truncate', 'max']) }) }
      : undefined;
    const tr = truncation ? { truncation } : {};
    let dist: Distribution;
    switch (kind) {
      case 'normal':
      case 'lognormal':
        dist = { kind, mean: q('mean'), sd: q('sd'), ...tr };
        break;
      case 'triangular':
        dist = { kind, min: q('min'), mode: q('mode'), max: q('max'), ...tr };
        break;
      case 'uniform':
        dist = { kind, min: q('min'), max: q('max'), ...tr };
        break;
      case 'pert':
        dist = { kind, min: q('min'), mode: q('mode'), max: q('max'), ...(typeof params.lambda === 'number' ? { lambda: params.lambda } : {}), ...tr };
        break;
      case 'discrete':
        dist = {
          kind,
          values: (params.values as unknown[]).map((v, i) => parse(v, [...path, kind, 'values', String(i)])),
          weights: params.weights as number[],
          ...tr,
        };
        if (dist.values.length !== dist.weights.length) this.add([...path, kind, 'weights'], `expected one weight per value (${dist.values.length}), got ${dist.weights.length}`);
        break;
      default:
        return undefined;
    }
    if (this.issues.length > issuesBefore) return undefined;
    try {
      validateDistribution(dist);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      this.add([...path, kind], `invalid ${kind} distribution: ${e.message.replace(/^[a-zA-Z]+: /, '')}`);
      return undefined;
    }
    return range ? this.withinRange(dist, path, range, show) : dist;
  }

  /** Checks a distribution stays in the field's range; a negligible tail outside it is cut off (truncated) at the bound. */
  private withinRange(dist: Distribution, path: string[], range: Range, show: (x: number) => string): Distribution | undefined {
    const lo = range.min ?? Number.NEGATIVE_INFINITY;
    const hi = range.max ?? Number.POSITIVE_INFINITY;
    const { lower, upper } = support(dist);
    const below = lower < lo || (range.minExclusive && lower <= lo) ? cdf(dist, lo) : 0;
    const above = upper > hi ? 1 - cdf(dist, hi) : 0;
    if (below === 0 && above === 0 && !(range.minExclusive && lower <= lo)) return dist;
    if (below + above > OUT_OF_RANGE_TOLERANCE || dist.kind === 'discrete') {
      const bounds = [range.min !== undefined ? `${range.minExclusive ? 'above' : 'at least'} ${show(range.min)}` : '', range.max !== undefined ? `at most ${show(range.max)}` : ''].filter(Boolean).join(' and ');
      this.add(path, `expected the distribution to stay ${bounds}; it has a ${((below + above) * 100).toPrecision(2)} % chance of leaving that range: add 'truncate: { min: …, max: … }' or narrow it`);
      return undefined;
    }
    const t = dist.truncation ?? {};
    const truncation: Truncation = { lower: Math.max(t.lower ?? lo, lo), upper: Math.min(t.upper ?? hi, hi) };
    return { ...dist, truncation };
  }

  fraction(value: unknown, path: string[], bounds: { min?: number; max?: number } = { min: 0, max: 1 }, apply?: Setter): number {
    const x = this.quantity(value, 'fraction', path, apply, bounds);
    if (Number.isNaN(x)) return x;
    const { min, max } = bounds;
    if ((min !== undefined && x < min) || (max !== undefined && x > max)) {
      const range = min !== undefined && max !== undefined ? `between ${min * 100} % and ${max * 100} %` : min !== undefined ? `at least ${min * 100} %` : `at most ${max! * 100} %`;
      this.issues.push({ path, message: `expected a percentage ${range}, got '${String(value)}'` });
    }
    return x;
  }

  series(value: unknown, dim: Dimension, path: string[], check?: (x: number, p: string[], raw: unknown) => void, apply?: Setter, range?: Range): YearSeries {
    if (isYearSeries(value)) {
      const points = Object.entries(value)
        .map(([year, v]) => {
          const p = [...path, year];
          const x = this.quantity(v, dim, p);
          if (check && !Number.isNaN(x)) check(x, p, v);
          return { year: Number(year), value: x };
        })
        .sort((a, b) => a.year - b.year);
      return points;
    }
    const x = this.quantity(value, dim, path, apply, range);
    if (check && !Number.isNaN(x) && !isMapping(value)) check(x, path, value);
    return x;
  }

  add(path: string[], message: string): void {
    this.issues.push({ path, message });
  }
}

/** Reports a negative plain value (a distribution's range is checked by the Collector). */
function nonNegative(c: Collector, x: number, path: string[], raw: unknown): number {
  if (x < 0) c.add(path, `expected a non-negative power (capacity is never demolished to follow a path), got '${String(raw)}'`);
  return x;
}

const SAVINGS_FIELD = { coal: 'coalTonnesPerMWh', co2: 'co2TonnesPerMWh', so2: 'so2TonnesPerMWh', nox: 'noxTonnesPerMWh' } as const;

function factorSeries(c: Collector, value: unknown, kind: FactorKind, path: string[]): YearSeries {
  if (typeof value === 'object' && value !== null && 'preset' in value) {
    const id = String((value as { preset: unknown }).preset);
    try {
      return presetYearSeries(getPreset(id, kind));
    } catch {
      const ids = factorPresetIds(kind);
      const hint = didYouMean(id, ids);
      c.add([...path, 'preset'], `unknown ${kind} factor preset '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')} (see \`pvplan factors\`)`);
      return Number.NaN;
    }
  }
  return c.series(
    value,
    'intensity',
    path,
    (x, p, raw) => {
      if (x < 0) c.add(p, `expected a non-negative factor, got '${String(raw)}'`);
    },
    to(`savings.${SAVINGS_FIELD[kind]}`),
    { min: 0 },
  );
}

function growthModel(c: Collector, g: Scenario['capacity']['growth'], baseYear: number, endYear: number): GrowthModel {
  const path = ['capacity', 'growth'];
  const yearIn = (y: number | undefined, key: string) => {
    if (y !== undefined && (y < baseYear || y > endYear)) c.add([...path, key], `expected a year between the base year ${baseYear} and years.end ${endYear}, got ${y}`);
  };
  const pointsAfterBase = (series: Record<string, string>, key: string, allowNegative: boolean) =>
    (c.series(series, 'power', [...path, key], (x, p, raw) => {
      if (!allowNegative && x < 0) c.add(p, `expected a non-negative power, got '${String(raw)}'`);
      const y = Number(p[p.length - 1]);
      if (y <= baseYear) c.add(p, `expected a year after the base year ${baseYear}, got ${y}`);
    }) as Array<{ year: number; value: number }>);
  switch (g.model) {
    case 'cagr':
    case 'linear': {
      yearIn(g.from, 'from');
      yearIn(g.until, 'until');
      if (g.from !== undefined && g.until !== undefined && g.until <= g.from) c.add([...path, 'until'], `expected a year after 'from' (${g.from}), got ${g.until}`);
      const common = {
        ...(g.from === undefined ? {} : { fromYear: g.from }),
        ...(g.until === undefined ? {} : { untilYear: g.until }),
        ...(g.after === undefined ? {} : { after: { rateFrac: c.fraction(g.after, [...path, 'after'], { min: -1 }, to('capacity.growth.after.rateFrac')) } }),
      };
      if (g.model === 'cagr') {
        return { model: 'cagr', ...common, ...(g.rate === undefined ? {} : { rateFrac: c.fraction(g.rate, [...path, 'rate'], { min: -1 }, to('capacity.growth.rateFrac')) }) };
      }
      return {
        model: 'linear',
        ...common,
        ...(g.additionsPerYear === undefined ? {} : { additionsMWPerYear: nonNegative(c, c.quantity(g.additionsPerYear, 'power', [...path, 'additionsPerYear'], to('capacity.growth.additionsMWPerYear'), { min: 0 }), [...path, 'additionsPerYear'], g.additionsPerYear) }),
      };
    }
    case 'logistic':
      return { model: 'logistic', saturationMW: c.quantity(g.saturation, 'power', [...path, 'saturation'], to('capacity.growth.saturationMW'), { min: 0, minExclusive: true }), ...(g.steepness === undefined ? {} : { steepnessPerYear: g.steepness }) };
    case 'additions':
      return { model: 'additions', additionsMW: pointsAfterBase(g.additions, 'additions', false) };
    case 'milestones':
      return { model: 'milestones', pointsMW: pointsAfterBase(g.points, 'points', false) };
    case 'trend':
      return { model: 'trend', fit: g.fit, ...(g.saturation === undefined ? {} : { saturationMW: c.quantity(g.saturation, 'power', [...path, 'saturation']) }) };
    case 'formula': {
      try {
        const at = compileCapacityFormula(g.expression);
        for (let y = baseYear + 1; y <= endYear; y++) {
          const mw = at(y);
          if (!Number.isFinite(mw) || mw < 0) {
            c.add([...path, 'expression'], `expected a finite, non-negative capacity for every year, got ${mw} MW in ${y}`);
            break;
          }
        }
        return { model: 'formula', expression: g.expression, capacityMWAt: at };
      } catch (e) {
        if (!(e instanceof QuantityError)) throw e;
        c.add([...path, 'expression'], e.message);
        return { model: 'formula', expression: g.expression, capacityMWAt: () => Number.NaN };
      }
    }
  }
}

/** Rank correlations between uncertain fields, by index; a field that is not uncertain, or a matrix that is not a valid correlation matrix, is an issue. */
function correlationsOf(c: Collector, s: Scenario, params: readonly UncertainParameter[]): RankCorrelation[] {
  const written = s.uncertainty?.correlations ?? [];
  const names = params.map((p) => p.name);
  const out: RankCorrelation[] = [];
  written.forEach((corr, i) => {
    const path = ['uncertainty', 'correlations', String(i)];
    const [a, b] = corr.between.map((name, j) => {
      const k = names.indexOf(name);
      if (k < 0) {
        const hint = didYouMean(name, names);
        c.add([...path, 'between', String(j)], `'${name}' is not an uncertain field of this scenario${hint ? ` (did you mean '${hint}'?)` : ''}; uncertain fields: ${names.join(', ') || 'none'}`);
      }
      return k;
    }) as [number, number];
    if (a >= 0 && b >= 0) {
      if (a === b) c.add([...path, 'between'], 'expected two different fields');
      else out.push({ a, b, rank: corr.rank });
    }
  });
  if (out.length > 0) {
    const matrix: number[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0)));
    for (const { a, b, rank } of out) matrix[a]![b] = matrix[b]![a] = rank;
    try {
      validateCorrelationMatrix(matrix);
      createGaussianCopula(matrix);
    } catch (e) {
      if (!(e instanceof RangeError || e instanceof Error)) throw e;
      c.add(['uncertainty', 'correlations'], `the rank correlations do not form a valid correlation matrix: ${e.message}`);
    }
  }
  return out;
}

/** Turns a structurally valid scenario into the core's input; returns the problems instead when there are any. */
/** The physical yield model's site, array and weather sections as written. */
export type PhysicalYieldSection = Pick<Scenario['yield'], 'site' | 'array' | 'weather'>;

/** Computes the first-year specific yield (kWh/kWp) of a physical yield section, or the problems preventing it. */
export type PhysicalYieldResolver = (section: PhysicalYieldSection) => { fullLoadHours?: number; issues: readonly PhysicalYieldIssue[] };

/** Options of {@link resolvePlan}. */
export interface ResolvePlanOptions {
  /** How `yield.model: physical` gets its yield; default: synthetic years and absolute weather paths only. */
  readonly physicalYield?: PhysicalYieldResolver;
}

const PHYSICAL_ONLY_FIELDS = ['site', 'array', 'weather'] as const;

// Without a scenario file there is no folder for a relative weather path to resolve against.
const defaultPhysicalYield: PhysicalYieldResolver = (section) => {
  const file = section.weather?.file;
  if (file !== undefined && !isAbsolute(file)) {
    return { issues: [{ path: ['yield', 'weather', 'file'], message: `'${file}' is relative to the scenario file: resolve the scenario with loadScenario or resolveChain` }] };
  }
  return physicalFullLoadHours({ ...section, weatherBaseDir: '/' }, readTextFromDisk);
};

/** The physical model's full-load hours (kWh/kWp, first year) from the resolver, with its problems added to `c`. */
function physicalYieldHours(c: Collector, y: Scenario['yield'], resolver: PhysicalYieldResolver): number {
  if (y.value !== undefined) c.add(['yield', 'value'], "the physical model computes the yield from site, array and weather: remove 'value'");
  const { fullLoadHours, issues } = resolver({ site: y.site, array: y.array, weather: y.weather });
  for (const issue of issues) c.add([...issue.path], issue.message);
  if (fullLoadHours === undefined) return Number.NaN;
  if (!(fullLoadHours > 0 && fullLoadHours <= 8784)) c.add(['yield', 'weather'], `expected the weather to give a specific yield above 0 and at most 8784 kWh/kWp, got ${fullLoadHours}`);
  return fullLoadHours;
}

export function resolvePlan(s: Scenario, options: ResolvePlanOptions = {}): { plan: PlanInput; uncertainty: PlanUncertainty; issues: Issues } {
  const c = new Collector();
  const { start, end } = s.years;
  if (end < start) c.add(['years', 'end'], `expected a year not before years.start (${start}), got ${end}`);
  const cap = s.capacity;
  const baseYear = cap.baseline.year;
  if (start < baseYear) c.add(['years', 'start'], `expected the base year (capacity.baseline.year = ${baseYear}) or later, got ${start}`);
  const baselineMW = c.quantity(cap.baseline.capacity, 'power', ['capacity', 'baseline', 'capacity']);
  if (baselineMW < 0) c.add(['capacity', 'baseline', 'capacity'], `expected a non-negative power, got '${cap.baseline.capacity}'`);
  let baselineOperatingMW: number | undefined;
  if (cap.baseline.operating !== undefined) {
    baselineOperatingMW = c.quantity(cap.baseline.operating, 'power', ['capacity', 'baseline', 'operating']);
    if (baselineOperatingMW < 0 || baselineOperatingMW > baselineMW) c.add(['capacity', 'baseline', 'operating'], `expected a power between 0 and the baseline (${cap.baseline.capacity}), got '${cap.baseline.operating}'`);
    if (cap.history) c.add(['capacity', 'baseline', 'operating'], 'give either capacity.baseline.operating or capacity.history, not both (the history sets which cohorts operate)');
  }
  let historyMW: Array<{ year: number; value: number }> | undefined;
  if (cap.history) {
    historyMW = c.series(cap.history, 'power', ['capacity', 'history'], (x, p, raw) => {
      const y = Number(p[p.length - 1]);
      if (y > baseYear) c.add(p, `expected a year up to the base year ${baseYear}, got ${y}`);
      if (x < 0) c.add(p, `expected a non-negative power, got '${String(raw)}'`);
    }) as Array<{ year: number; value: number }>;
    for (let i = 1; i < historyMW.length; i++) {
      if (historyMW[i]!.value < historyMW[i - 1]!.value) c.add(['capacity', 'history', String(historyMW[i]!.year)], `expected the history not to decrease (built + under construction), but ${historyMW[i]!.year} is below ${historyMW[i - 1]!.year}`);
    }
    // A history cohort whose lifetime ends by the base year would have retired, yet the baseline counts it in the stock.
    const lifetime = typeof cap.lifetimeYears === 'number' ? cap.lifetimeYears : SCENARIO_DEFAULTS.lifetimeYears;
    const lag = typeof cap.constructionLagYears === 'number' ? cap.constructionLagYears : SCENARIO_DEFAULTS.constructionLagYears;
    const offset = COMMISSIONING_OFFSET_YEARS[s.yield.commissioning ?? SCENARIO_DEFAULTS.commissioning];
    const retired = historyMW.find((h) => h.year < baseYear && Math.floor(h.year + lag + offset + lifetime) <= baseYear);
    if (retired) {
      c.add(['capacity', 'history', String(retired.year)], `capacity built in ${retired.year} would have retired by the base year ${baseYear} (lifetime ${lifetime} years); start the history later or raise capacity.lifetimeYears`);
    }
    // The history is built + under construction up to the base year, so it cannot exceed the baseline (the cohorts would outnumber the stock).
    const above = historyMW.find((h) => h.year !== baseYear && h.value > baselineMW * (1 + 1e-9));
    if (above) c.add(['capacity', 'history', String(above.year)], `expected at most the baseline (${cap.baseline.capacity}), got ${above.value} MW in ${above.year}`);
    const atBase = historyMW.find((h) => h.year === baseYear);
    if (atBase && Math.abs(atBase.value - baselineMW) > 1e-9 * Math.max(1, baselineMW)) {
      c.add(['capacity', 'history', String(baseYear)], `expected the history in the base year to equal the baseline (${cap.baseline.capacity}), got ${atBase.value} MW`);
    }
  }
  let target: PlanInput['capacity']['target'];
  if (cap.target) {
    const t = cap.target;
    if (t.year <= baseYear || t.year > end) c.add(['capacity', 'target', 'year'], `expected a year after the base year ${baseYear} and not after years.end ${end}, got ${t.year}`);
    if (t.capacity === undefined && t.energy === undefined && t.coal === undefined) c.add(['capacity', 'target'], "expected at least one of 'capacity', 'energy' or 'coal'");
    target = {
      year: t.year,
      ...(t.capacity === undefined ? {} : { capacityMW: c.quantity(t.capacity, 'power', ['capacity', 'target', 'capacity']) }),
      ...(t.energy === undefined ? {} : { energyMWh: c.quantity(t.energy, 'energy', ['capacity', 'target', 'energy']) }),
      ...(t.coal === undefined ? {} : { coalTonnes: c.quantity(t.coal, 'mass', ['capacity', 'target', 'coal']) }),
    };
    for (const [key, value] of [['capacity', target.capacityMW], ['energy', target.energyMWh], ['coal', target.coalTonnes]] as const) {
      if (value !== undefined && value < 0) c.add(['capacity', 'target', key], `expected a non-negative target, got '${String(t[key])}'`);
    }
  }
  const growth = growthModel(c, cap.growth, baseYear, end);
  const needsTarget = (growth.model === 'cagr' && growth.rateFrac === undefined) || (growth.model === 'linear' && growth.additionsMWPerYear === undefined) || (growth.model === 'logistic' && growth.steepnessPerYear === undefined);
  if (needsTarget && target?.capacityMW === undefined) {
    c.add(['capacity', 'growth'], `the ${growth.model} model solves its ${growth.model === 'cagr' ? 'rate' : growth.model === 'linear' ? 'additionsPerYear' : 'steepness'} from capacity.target.capacity: give one or the other`);
  }
  if ((growth.model === 'cagr' || growth.model === 'linear') && needsTarget && target?.capacityMW !== undefined) {
    // The step is solved over from → target year; growth must start before the target year and last until it.
    const solved = growth.model === 'cagr' ? 'rate' : 'additionsPerYear';
    if (growth.fromYear !== undefined && growth.fromYear >= target.year) c.add(['capacity', 'growth', 'from'], `expected a year before the target year ${target.year} (the ${solved} is solved from 'from' to the target year), got ${growth.fromYear}`);
    if (growth.untilYear !== undefined && growth.untilYear < target.year) c.add(['capacity', 'growth', 'until'], `expected a year not before the target year ${target.year} (the ${solved} is solved to reach the target then), got ${growth.untilYear}`);
  }
  if (growth.model === 'cagr' && needsTarget && !(baselineMW > 0)) c.add(['capacity', 'baseline', 'capacity'], 'expected a positive baseline: a compound growth rate cannot start from zero');
  if (growth.model === 'logistic') {
    if (!(growth.saturationMW > baselineMW)) c.add(['capacity', 'growth', 'saturation'], `expected a saturation above the baseline (${cap.baseline.capacity}), got '${cap.growth.model === 'logistic' ? cap.growth.saturation : ''}'`);
    else if (needsTarget && target?.capacityMW !== undefined && !(growth.saturationMW > target.capacityMW)) c.add(['capacity', 'growth', 'saturation'], 'expected a saturation above the target capacity (an S-curve never reaches its saturation)');
    if (!(baselineMW > 0)) c.add(['capacity', 'baseline', 'capacity'], 'expected a positive baseline for a logistic path');
    else if (needsTarget && target?.capacityMW !== undefined && !(target.capacityMW > baselineMW)) c.add(['capacity', 'target', 'capacity'], `expected a target above the baseline (${cap.baseline.capacity}) for an S-curve solved through both, got '${cap.target?.capacity}'`);
  }
  if (growth.model === 'trend') {
    const n = historyMW?.length ?? 0;
    const needN = growth.fit === 'logistic' && growth.saturationMW === undefined ? 3 : 2;
    if (n < needN) c.add(['capacity', 'history'], `the ${growth.fit} trend needs at least ${needN} history points, got ${n}`);
    else if (historyMW!.some((h) => !(h.value > 0))) c.add(['capacity', 'history'], 'expected positive history values for a trend fit');
    else if (growth.fit === 'logistic') {
      const highestMW = Math.max(baselineMW, ...historyMW!.map((h) => h.value));
      if (historyMW!.every((h) => h.value === historyMW![0]!.value)) {
        c.add(['capacity', 'history'], 'expected a growing history for a logistic trend fit (a flat history has no S-curve)');
      } else if (growth.saturationMW !== undefined) {
        if (growth.saturationMW <= highestMW) c.add(['capacity', 'growth', 'saturation'], `expected a saturation above the history and the baseline (${highestMW} MW), got '${cap.growth.model === 'trend' ? String(cap.growth.saturation) : ''}'`);
      } else if (!(fitLogisticTrend(historyMW!).saturationMW > baselineMW)) {
        c.add(['capacity', 'growth'], 'the logistic fit to the history saturates below the baseline: give a saturation, or a history up to the base year');
      }
    }
  }
  let maxAdditionsMWPerYear: number | undefined;
  if (cap.maxAdditionsPerYear !== undefined) {
    maxAdditionsMWPerYear = c.quantity(cap.maxAdditionsPerYear, 'power', ['capacity', 'maxAdditionsPerYear'], to('capacity.maxAdditionsMWPerYear'), { min: 0 });
    if (!(maxAdditionsMWPerYear >= 0)) c.add(['capacity', 'maxAdditionsPerYear'], `expected a non-negative power, got '${cap.maxAdditionsPerYear}'`);
  }

  const y = s.yield;
  const valueDim: Dimension = y.model === 'capacity-factor' ? 'fraction' : 'duration';
  const hoursCheck = (x: number, p: string[], raw: unknown) => {
    if (y.model === 'capacity-factor' ? !(x > 0 && x <= 1) : !(x > 0 && x <= 8784)) {
      c.add(p, y.model === 'capacity-factor' ? `expected a capacity factor above 0 % and at most 100 %, got '${String(raw)}'` : `expected hours per year above 0 and at most 8784 h, got '${String(raw)}'`);
    }
  };
  const cf = y.model === 'capacity-factor';
  let fullLoadHours: YearSeries;
  if (y.model === 'physical') {
    fullLoadHours = physicalYieldHours(c, y, options.physicalYield ?? defaultPhysicalYield);
  } else {
    for (const key of PHYSICAL_ONLY_FIELDS) {
      if (y[key] !== undefined) c.add(['yield', key], `'${key}' belongs to the physical model (yield.model: physical); the ${y.model} model takes 'value'`);
    }
    if (y.value === undefined) c.add(['yield', 'value'], `missing required field 'value' for the ${y.model} model`);
    const valueIssuesBefore = c.issues.length;
    fullLoadHours = c.series(
      y.value,
      valueDim,
      ['yield', 'value'],
      hoursCheck,
      cf ? to('yield.fullLoadHours', HOURS_PER_YEAR) : to('yield.fullLoadHours'),
      cf ? { min: 0, max: 1, minExclusive: true } : { min: 0, max: 8784, minExclusive: true },
    );
    if (c.issues.length > valueIssuesBefore) {
      for (let i = valueIssuesBefore; i < c.issues.length; i++) {
        const issue = c.issues[i]!;
        c.issues[i] = { path: issue.path, message: `${issue.message} (for the ${y.model} model)` };
      }
    }
    if (y.model === 'capacity-factor') {
      fullLoadHours = typeof fullLoadHours === 'number' ? fullLoadHoursFromCapacityFactor(fullLoadHours) : fullLoadHours.map((p) => ({ year: p.year, value: fullLoadHoursFromCapacityFactor(p.value) }));
    }
  }
  const d = y.degradation ?? {};
  const plan: PlanInput = {
    startYear: start,
    endYear: end,
    capacity: {
      baseYear,
      baselineMW,
      ...(baselineOperatingMW === undefined ? {} : { baselineOperatingMW }),
      ...(historyMW ? { historyMW } : {}),
      ...(target ? { target } : {}),
      growth,
      ...(maxAdditionsMWPerYear === undefined ? {} : { maxAdditionsMWPerYear }),
      constructionLagYears: c.integer(cap.constructionLagYears ?? SCENARIO_DEFAULTS.constructionLagYears, ['capacity', 'constructionLagYears'], to('capacity.constructionLagYears'), { min: 0, max: 10 }),
      lifetimeYears: c.integer(cap.lifetimeYears ?? SCENARIO_DEFAULTS.lifetimeYears, ['capacity', 'lifetimeYears'], to('capacity.lifetimeYears'), { min: 1, max: 60 }),
    },
    yield: {
      fullLoadHours,
      firstYearDegradationFrac: c.fraction(d.firstYear ?? SCENARIO_DEFAULTS.firstYearDegradation, ['yield', 'degradation', 'firstYear'], undefined, to('yield.firstYearDegradationFrac')),
      annualDegradationFrac: c.fraction(d.annual ?? SCENARIO_DEFAULTS.annualDegradation, ['yield', 'degradation', 'annual'], undefined, to('yield.annualDegradationFrac')),
      degradationMode: d.mode ?? SCENARIO_DEFAULTS.degradationMode,
      availabilityFrac: c.fraction(y.availability ?? SCENARIO_DEFAULTS.availability, ['yield', 'availability'], undefined, to('yield.availabilityFrac')),
      curtailmentFrac: c.series(
        y.curtailment ?? SCENARIO_DEFAULTS.curtailment,
        'fraction',
        ['yield', 'curtailment'],
        (x, p, raw) => {
          if (x < 0 || x > 1) c.add(p, `expected a percentage between 0 % and 100 %, got '${String(raw)}'`);
        },
        to('yield.curtailmentFrac'),
        { min: 0, max: 1 },
      ),
      commissioning: y.commissioning ?? SCENARIO_DEFAULTS.commissioning,
    },
    savings: {
      coalTonnesPerMWh: factorSeries(c, s.savings.coal, 'coal', ['savings', 'coal']),
      co2TonnesPerMWh: factorSeries(c, s.savings.co2, 'co2', ['savings', 'co2']),
      ...(s.savings.so2 === undefined ? {} : { so2TonnesPerMWh: factorSeries(c, s.savings.so2, 'so2', ['savings', 'so2']) }),
      ...(s.savings.nox === undefined ? {} : { noxTonnesPerMWh: factorSeries(c, s.savings.nox, 'nox', ['savings', 'nox']) }),
    },
  };
  if (c.issues.length === 0) {
    // A rate too high for the horizon (or any other overflow) would put Infinity or NaN into every result.
    const pathMW = growthPath(plan).capacityMW;
    const i = pathMW.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) c.add(['capacity', 'growth'], `expected a finite capacity path, got ${pathMW[i]} MW in ${baseYear + i}`);
  }
  if (c.issues.length === 0 && needsTarget) {
    try {
      assertTargetReachable(plan);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      c.add((e.field ?? 'capacity').split('.'), e.message);
    }
    // Reachable is not enough: a solved path must itself fit under the cap, or it misses the target it was solved for.
    const outcome = c.issues.length === 0 && plan.capacity.maxAdditionsMWPerYear !== undefined ? simulatePlan(plan).target : null;
    if (outcome && !outcome.metInTargetYear) {
      c.add(
        ['capacity', 'maxAdditionsPerYear'],
        `the solved ${growth.model} path needs more than the additions cap of ${plan.capacity.maxAdditionsMWPerYear} MW/yr and reaches only ${outcome.capacityInTargetYearMW.toFixed(1)} of ${outcome.capacityMW} MW in ${outcome.year}: raise the cap, or give a path that fits it (e.g. linear, milestones)`,
      );
    }
  }
  const interannualSdFrac = y.interannualVariability === undefined ? 0 : c.fraction(y.interannualVariability, ['yield', 'interannualVariability'], { min: 0, max: 0.5 });
  const uncertainty: PlanUncertainty = { parameters: c.uncertain, correlations: correlationsOf(c, s, c.uncertain), interannualSdFrac };
  return { plan, uncertainty, issues: c.issues };
}

/** Hex SHA-256 of a text: the one-shot crypto.hash where Node has it (20.12+, a third cheaper for short texts), else a Hash object. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Keys as JSON strings, quoted once: plans use the same few dozen field names over and over. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Bounded, because year-series keys and user-written names can be anything.
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** Longest key list sorted by insertion; longer ones go to Array#sort. */
const INSERTION_SORT_MAX_KEYS = 32;

/**
 * Sorts keys in place in UTF-16 code unit order (what the default sort and `<` on strings use). An insertion
 * sort: objects of a plan have a dozen keys at most, and Array#sort allocates work arrays for each call.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > INSERTION_SORT_MAX_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** Canonical JSON (sorted keys, functions dropped) so that equal inputs hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'function' || value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  let out = '{';
  for (const k of keys) {
    const v = record[k];
    if (typeof v === 'function' || v === undefined) continue;
    if (out.length > 1) out += ',';
    out += quotedKey(k);
    out += ':';
    out += canonicalJson(v);
  }
  return out + '}';
}

/**
 * Content hash of a resolved plan: 'sha256:' + 64 hex digits. The uncertainty (distributions, correlations,
 * inter-annual sd) is hashed too when there is any, so that two files with the same medians but different
 * ranges do not share a hash; a deterministic plan hashes as before.
 */
export function planHash(name: string, plan: PlanInput, uncertainty?: PlanUncertainty): string {
  const uncertain = uncertainty !== undefined && (uncertainty.parameters.length > 0 || uncertainty.interannualSdFrac > 0);
  const content = uncertain ? { name, plan, uncertainty: { parameters: uncertainty.parameters.map((p) => ({ name: p.name, distribution: p.distribution })), correlations: uncertainty.correlations, interannualSdFrac: uncertainty.interannualSdFrac } } : { name, plan };
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}

/** Validates and resolves a loaded chain; throws ScenarioError listing every problem with its file and line. */
export function resolveChain(chain: ScenarioChain, readText: ReadText = readTextFromDisk): ResolvedScenario {
  const shapeIssues = validateScenarioShape(chain.merged);
  if (shapeIssues.length > 0) throw new ScenarioError(problemsAt(chain.chain, shapeIssues));
  const written = chain.merged as unknown as Scenario;
  const weatherBaseDir = weatherBaseDirOfChain(chain);
  const { plan, uncertainty, issues } = resolvePlan(written, { physicalYield: (section) => physicalFullLoadHours({ ...section, weatherBaseDir }, readText) });
  if (issues.length > 0) throw new ScenarioError(problemsAt(chain.chain, issues));
  return {
    id: chain.id,
    file: chain.file,
    name: written.name,
    ...(written.region === undefined ? {} : { region: written.region }),
    ...(written.description === undefined ? {} : { description: written.description }),
    written,
    plan,
    uncertainty,
    hash: planHash(written.name, plan, uncertainty),
    files: chain.chain.map((d: SourceDoc) => d.file),
  };
}

/** Loads, validates and resolves a scenario file (YAML or JSON) with its `extends` parents. */
export function loadScenario(file: string, readText: ReadText = readTextFromDisk): ResolvedScenario {
  return resolveChain(loadScenarioChain(file, readText), readText);
}

export { PVPLAN_VERSION };
