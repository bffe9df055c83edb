/**
 * Step 1 of resolving a scenario: quantities as written ('4.5 GW', '2 %', a distribution) → numbers in internal
 * units, with every problem collected by field path. Distributions become uncertain parameters as plain data
 * (scenario field, plan field, unit, distribution; src/core/uncertainty/parameters.ts).
 */
import { cdf, centralValue, support, validateDistribution, type Distribution, type DistributionKind, type Truncation } from '../core/uncertainty/distributions.ts';
import type { InputUnit, PlanField, UncertainParameter } from '../core/uncertainty/parameters.ts';
import type { YearSeries } from '../core/series.ts';
import { DIMENSIONS, formatQuantity, parseQuantity, QuantityError, type Dimension } from './quantity.ts';
import type { ValidationIssue } from './validate.ts';

type Issues = ValidationIssue[];

/** Where a drawn value of an uncertain field goes in the plan (see applyParameter). */
export type Setter = Pick<UncertainParameter, 'field' | 'planScale'>;

/** The field a value sets, as a Setter. */
export const to = (field: PlanField, planScale?: number): Setter => (planScale === undefined ? { field } : { field, planScale });

/** Unit of whole years (construction lag, lifetime). */
const YEARS_UNIT: InputUnit = { dimension: 'years', internalUnit: 'yr' };

/** The valid range of a field, checked against a distribution's support. */
export interface Range {
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

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the quantities of a scenario into internal units and collects the problems (each with its field path)
 * instead of stopping at the first; a distribution where a field accepts one becomes an uncertain parameter.
 */
export class Collector {
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

  /**
   * A distribution as written ({ uniform: { min, max } }, …) → the core's Distribution, each parameter through `parse`;
   * undefined (with the problems collected) when it is not valid. Sweep specs sample the ones they read through it.
   */
  distribution(value: Record<string, unknown>, parse: (v: unknown, path: string[]) => number, path: string[], range: Range | undefined, show: (x: number) => string): Distribution | undefined {
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
