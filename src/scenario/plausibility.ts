/**
 * Plausibility checks: pure functions over a resolved plan (and the scenario as written, for the text a value was
 * written as) that find values a planner almost never means — a target below the baseline, a coal factor of
 * 4035 g/kWh, PV giving 1837.5 h in Shandong — and say what was probably meant. They run once after resolution
 * (resolve.ts); `solve` adds the checks of its solution. A warning is plain data (code, parameters, value, range);
 * its text comes from plausibility-messages.ts, its ranges from plausibility-ranges.ts, its line from load.ts.
 */
import { LRUCache } from 'lru-cache';
import type { Solution } from '../core/plan/solve.ts';
import type { PlanInput } from '../core/plan/types.ts';
import { targetValueInYear } from '../core/portfolio/energy-targets.ts';
import { TECHNOLOGY_DEFAULTS } from '../core/portfolio/technologies.ts';
import type { Portfolio, PortfolioCapacityTarget } from '../core/portfolio/types.ts';
import { pvYieldCeilingKWhPerKWp } from '../core/pv/yield-ceiling.ts';
import type { YearSeries } from '../core/series.ts';
import { HOURS_PER_YEAR } from '../core/units.ts';
import type { ScenarioProblem } from './errors.ts';
import { locateField, type SourceDoc } from './load.ts';
import { warningMessage, type WarningCode, type WarningParams } from './plausibility-messages.ts';
import { PLAUSIBLE_RANGES, provinceOf, pvHoursRange, type PlausibleRange, type Province } from './plausibility-ranges.ts';
import { formatQuantity, tryParseQuantity, writtenParts, type Dimension } from './quantity.ts';
import type { Scenario } from './schema.ts';

/** A range as a warning carries it, in the unit of its value; an open end is left out. */
export interface WarningRange {
  readonly min?: number;
  readonly max?: number;
  readonly unit: string;
}

/** A plausibility finding before it is located in a file: the field, the code and its parameters, the value and its range. */
export interface PlausibilityIssue {
  readonly code: WarningCode;
  readonly path: readonly string[];
  readonly value: number;
  readonly range: WarningRange;
  readonly params: WarningParams;
}

/** A warning as reports and the API carry it: where (file, line, column, dotted field path), what, and the likely intent. */
export interface ScenarioWarning {
  readonly code: WarningCode;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Dotted path of the field, e.g. 'capacity.target.capacity'. */
  readonly path: string;
  /** English text (plausibility-messages.ts); a translation rebuilds it from code and params. */
  readonly message: string;
  /** The value, in range.unit. */
  readonly value: number;
  readonly range: WarningRange;
  /** What was probably meant, e.g. '450万千瓦 = 4500 MW', when a slip of magnitude lands inside the range. */
  readonly hint?: string;
  readonly params: WarningParams;
}

/** Where the checks look for the site: the province a region names, and a latitude (the physical site's, else the province capital's). */
interface Place {
  readonly province?: Province;
  readonly latitudeDeg?: number;
}

/** Rounds off binary noise for display (0.1 × 4035 must show 403.5). */
const clean = (x: number) => Number(x.toPrecision(12));
/** A value with its unit for a message, to six significant digits ('1837.5 h', '58.7401 %'). */
const show = (x: number, unit: string) => `${Number(x.toPrecision(6))}${unit === '%' || unit === '%/yr' ? ' %' : ` ${unit}`}`;
/** A range for a message: '250–450 g/kWh', 'at most 3 %'. */
function showRange(r: { min?: number; max?: number; unit: string }): string {
  if (r.min !== undefined && r.max !== undefined) return `${r.min}–${show(r.max, r.unit)}`;
  return r.max !== undefined ? `at most ${show(r.max, r.unit)}` : `at least ${show(r.min!, r.unit)}`;
}
const inRange = (x: number, r: { min?: number; max?: number }) => (r.min === undefined || x >= r.min) && (r.max === undefined || x <= r.max);
/**
 * Whether x lies inside r by more than 1e-9 of itself at both ends: clean(x) differs from x by under 1e-11 of x
 * (12 significant digits), so clean(x) is inside r too. False for values at or near an end, which take the exact test.
 */
export const clearlyInRange = (x: number, r: { min?: number; max?: number }) =>
  Number.isFinite(x) && (r.min === undefined || x - r.min > 1e-9 * Math.abs(x)) && (r.max === undefined || r.max - x > 1e-9 * Math.abs(x));
const rangeOf = (r: PlausibleRange): WarningRange => ({ ...(r.min === undefined ? {} : { min: r.min }), ...(r.max === undefined ? {} : { max: r.max }), unit: r.unit });

/** Other units a number may have been meant in, by dimension: the magnitude slips between MW, 万千瓦 and kW and their kin. */
const UNIT_SWAPS: Partial<Record<Dimension, readonly string[]>> = {
  power: ['万千瓦', 'MW', 'kW', 'GW'],
  energy: ['亿千瓦时', '万千瓦时', 'MWh', 'GWh', 'kWh'],
  mass: ['万吨', 't', 'kt'],
  intensity: ['g/kWh', 'kg/kWh', 't/MWh'],
  moneyPerEnergy: ['元/kWh', '元/MWh'],
  moneyPerPower: ['元/W', '元/kW'],
};

/**
 * The likeliest meant value of a quantity written as `written`: the same number in another unit of its dimension
 * (450 MW → 450万千瓦) or with its decimal point moved by up to three places (4035 g/kWh → 403.5 g/kWh), among those
 * `accept` takes (internal units), closest in magnitude first; at the same size, one written with 万 or 亿 (the slips
 * happen between 万千瓦 and MW), then a unit slip before a decimal slip. Shown with its SI value where that differs.
 * @example likelyIntent('450 MW', 'power', (mw) => mw > 1125 && mw < 9000) // '450万千瓦 = 4500 MW'
 */
export function likelyIntent(written: unknown, dim: Dimension, accept: (internal: number) => boolean): string | undefined {
  if (typeof written !== 'string') return undefined;
  const parts = writtenParts(written);
  const original = tryParseQuantity(written, dim);
  if (!parts || typeof original !== 'number' || original === 0) return undefined;
  const found: Array<{ shown: string; size: number; rank: number }> = [];
  const consider = (text: string, swapped: boolean) => {
    const x = tryParseQuantity(text, dim);
    if (typeof x !== 'number' || !accept(x)) return;
    const si = formatQuantity(x, dim, 'si', 6);
    found.push({ shown: text === si ? text : `${text} = ${si}`, size: Math.round(Math.abs(Math.log10(x / original)) * 1e6), rank: (/[万亿]/u.test(text) ? 0 : 2) + (swapped ? 0 : 1) });
  };
  for (const unit of UNIT_SWAPS[dim] ?? []) {
    if (unit !== parts.unit) consider(/^[^\x00-\x7f]/u.test(unit) ? `${parts.number}${unit}` : `${parts.number} ${unit}`, true);
  }
  for (const k of [1, -1, 2, -2, 3, -3]) consider(written.replace(parts.number, String(clean(Number(parts.number) * 10 ** k))), false);
  found.sort((a, b) => a.size - b.size || a.rank - b.rank);
  return found[0]?.shown;
}

/** The value written at `path` in the scenario as written (a text, a mapping, …), or undefined. */
function writtenAt(written: unknown, path: readonly string[]): unknown {
  let node = written;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The points of a year series with their paths (a constant is one point at the field itself). */
function points(series: YearSeries, path: readonly string[]): Array<{ value: number; path: string[] }> {
  return typeof series === 'number' ? [{ value: series, path: [...path] }] : series.map((p) => ({ value: p.value, path: [...path, String(p.year)] }));
}

/** Adds `params` for a value outside a registry range, with the likely intent when the value was written as text. */
function outside(
  s: Scenario,
  code: WarningCode,
  range: PlausibleRange,
  internal: number,
  path: string[],
  dim: Dimension,
  extra: WarningParams = {},
): PlausibilityIssue | undefined {
  const raw = internal / range.toInternal;
  // Most values lie well inside their range; rounding them (clean) could not move them out, so it is skipped.
  if (clearlyInRange(raw, range)) return undefined;
  const value = clean(raw);
  if (!Number.isFinite(value) || inRange(value, range)) return undefined;
  const written = writtenAt(s, path);
  const intent = likelyIntent(written, dim, (x) => inRange(x / range.toInternal, range));
  const params: WarningParams = {
    value: show(value, range.unit),
    ...(range.min === undefined ? {} : { min: show(range.min, range.unit) }),
    ...(range.max === undefined ? {} : { max: show(range.max, range.unit) }),
    range: showRange(range),
    ...extra,
    ...(intent === undefined ? {} : { intent }),
  };
  return { code, path, value, range: rangeOf(range), params };
}

/** A target below the baseline, or one that implies more than doubling every year; each with the likely intent. */
function checkTarget(s: Scenario, plan: PlanInput): PlausibilityIssue[] {
  const cap = plan.capacity;
  const t = cap.target;
  const n = t ? t.year - cap.baseYear : 0;
  if (!t || t.capacityMW === undefined || !(cap.baselineMW > 0) || n <= 0) return [];
  const growth = PLAUSIBLE_RANGES.growthRate;
  const maxMW = cap.baselineMW * (1 + (growth.max! * growth.toInternal)) ** n;
  const path = ['capacity', 'target', 'capacity'];
  const accept = (mw: number) => mw >= cap.baselineMW && mw <= maxMW;
  const power = (mw: number) => formatQuantity(mw, 'power', 'si', 6);
  if (t.capacityMW < cap.baselineMW) {
    const intent = likelyIntent(writtenAt(s, path), 'power', accept);
    return [
      {
        code: 'target-below-baseline',
        path,
        value: clean(t.capacityMW),
        range: { min: clean(cap.baselineMW), max: clean(maxMW), unit: 'MW' },
        params: { value: power(t.capacityMW), baseYear: cap.baseYear, baseline: power(cap.baselineMW), ...(intent === undefined ? {} : { intent }) },
      },
    ];
  }
  const rateFrac = (t.capacityMW / cap.baselineMW) ** (1 / n) - 1;
  if (rateFrac <= growth.max! * growth.toInternal) return [];
  const intent = likelyIntent(writtenAt(s, path), 'power', accept);
  return [
    {
      code: 'growth-rate-high',
      path,
      value: clean(rateFrac * 100),
      range: rangeOf(growth),
      params: { what: `the growth from ${power(cap.baselineMW)} in ${cap.baseYear} to ${power(t.capacityMW)} in ${t.year}`, value: show(rateFrac * 100, '%'), max: show(growth.max!, '%'), ...(intent === undefined ? {} : { intent }) },
    },
  ];
}

/** A given growth rate (or the rate after the path) above 100 % a year. */
function checkRates(s: Scenario, plan: PlanInput): PlausibilityIssue[] {
  const g = plan.capacity.growth;
  const out: Array<PlausibilityIssue | undefined> = [];
  const growth = PLAUSIBLE_RANGES.growthRate;
  const high = { ...growth, min: undefined } as PlausibleRange;
  if (g.model === 'cagr' && g.rateFrac !== undefined) out.push(outside(s, 'growth-rate-high', high, g.rateFrac, ['capacity', 'growth', 'rate'], 'fraction', { what: 'the growth rate' }));
  if ((g.model === 'cagr' || g.model === 'linear') && g.after !== undefined) out.push(outside(s, 'growth-rate-high', high, g.after.rateFrac, ['capacity', 'growth', 'after'], 'fraction', { what: 'the growth rate after the path' }));
  return out.filter((x): x is PlausibilityIssue => x !== undefined);
}

/** PV full-load hours outside what plants at the place give, or above what PV can do at its latitude at all. */
/** The PV yield ceiling at a latitude, h (rounded): a year's sum of daily sunlight, worked out once per latitude. */
function yieldCeilingAt(latitudeDeg: number): number {
  let ceiling = CEILINGS.get(latitudeDeg);
  if (ceiling === undefined) CEILINGS.set(latitudeDeg, (ceiling = Math.round(pvYieldCeilingKWhPerKWp(latitudeDeg))));
  return ceiling;
}

const CEILINGS = new LRUCache<number, number>({ max: 256 });

function checkPvHours(s: Scenario, hours: number, path: string[], dim: Dimension, hoursPerUnit: number, place: Place): PlausibilityIssue | undefined {
  if (place.latitudeDeg !== undefined) {
    const ceiling = yieldCeilingAt(place.latitudeDeg);
    if (hours > ceiling) {
      const intent = likelyIntent(writtenAt(s, path), dim, (x) => inRange(x * hoursPerUnit, pvHoursRange(place.province)));
      return {
        code: 'pv-hours-above-ceiling',
        path,
        value: clean(hours),
        range: { max: ceiling, unit: 'h' },
        params: { value: show(hours, 'h'), max: show(ceiling, 'h'), latitude: `${place.latitudeDeg}°`, ...(intent === undefined ? {} : { intent }) },
      };
    }
  }
  const range = pvHoursRange(place.province);
  const practice = Object.assign({}, range, { toInternal: 1 / hoursPerUnit });
  const issue = outside(s, 'pv-hours-outside-practice', practice, hours / hoursPerUnit, path, dim, place.province ? { place: place.province.en[0]! } : {});
  // The value and its range stay in hours whatever unit it was written in (a capacity factor).
  return issue && { ...issue, value: clean(hours), range: rangeOf(range), params: { ...issue.params, value: show(hours, 'h'), min: show(range.min!, 'h'), max: show(range.max!, 'h'), range: showRange(range) } };
}

function checkYield(s: Scenario, plan: PlanInput, place: Place): PlausibilityIssue[] {
  const y = s.yield;
  const out: Array<PlausibilityIssue | undefined> = [];
  if (y.model === 'physical') {
    out.push(checkPvHours(s, plan.yield.fullLoadHours as number, ['yield', 'weather'], 'duration', 1, place));
  } else {
    const cf = y.model === 'capacity-factor';
    for (const p of points(plan.yield.fullLoadHours, ['yield', 'value'])) out.push(checkPvHours(s, p.value, p.path, cf ? 'fraction' : 'duration', cf ? HOURS_PER_YEAR : 1, place));
  }
  const r = PLAUSIBLE_RANGES;
  out.push(outside(s, 'degradation-high', r.annualDegradation, plan.yield.annualDegradationFrac, ['yield', 'degradation', 'annual'], 'fraction'));
  out.push(outside(s, 'first-year-degradation-high', r.firstYearDegradation, plan.yield.firstYearDegradationFrac, ['yield', 'degradation', 'firstYear'], 'fraction'));
  for (const p of points(plan.yield.curtailmentFrac, ['yield', 'curtailment'])) out.push(outside(s, 'curtailment-high', r.curtailment, p.value, p.path, 'fraction'));
  for (const p of points(plan.savings.coalTonnesPerMWh, ['savings', 'coal'])) out.push(outside(s, 'coal-intensity-outside', r.coalIntensity, p.value, p.path, 'intensity'));
  for (const p of points(plan.savings.co2TonnesPerMWh, ['savings', 'co2'])) out.push(outside(s, 'co2-factor-outside', r.co2Factor, p.value, p.path, 'intensity'));
  return out.filter((x): x is PlausibilityIssue => x !== undefined);
}

/** The yield override of each named project: PV against the place's range, wind against the wind range. */
function checkProjects(s: Scenario, place: Place): PlausibilityIssue[] {
  const out: Array<PlausibilityIssue | undefined> = [];
  (s.projects ?? []).forEach((p, i) => {
    const written = p.yield?.fullLoadHours;
    const hours = written === undefined ? Number.NaN : tryParseQuantity(written, 'duration');
    if (typeof hours !== 'number' || Number.isNaN(hours)) return;
    const path = ['projects', String(i), 'yield', 'fullLoadHours'];
    if (TECHNOLOGY_DEFAULTS[p.technology].isPv) out.push(checkPvHours(s, hours, path, 'duration', 1, place));
    else if (p.technology === 'wind-onshore' || p.technology === 'wind-offshore') out.push(outside(s, 'wind-hours-outside-practice', PLAUSIBLE_RANGES.windFullLoadHours, hours, path, 'duration'));
  });
  return out.filter((x): x is PlausibilityIssue => x !== undefined);
}

/** The finance section's fixed tariffs, capex per W and fixed O&M per kW in every block, against the registry's ranges. */
function checkFinance(s: Scenario): PlausibilityIssue[] {
  const f = s.finance;
  if (f === undefined) return [];
  const blocks: Array<[Record<string, unknown>, string[]]> = [[f as Record<string, unknown>, ['finance']]];
  for (const [t, b] of Object.entries(f.technologies ?? {})) if (b) blocks.push([b as Record<string, unknown>, ['finance', 'technologies', t]]);
  for (const [id, b] of Object.entries(f.projects ?? {})) blocks.push([b as Record<string, unknown>, ['finance', 'projects', id]]);
  if (f.unnamed) blocks.push([f.unnamed as Record<string, unknown>, ['finance', 'unnamed']]);
  const out: Array<PlausibilityIssue | undefined> = [];
  const r = PLAUSIBLE_RANGES;
  const check = (value: unknown, path: string[], dim: Dimension, code: WarningCode, range: PlausibleRange) => {
    const x = typeof value === 'string' ? tryParseQuantity(value, dim) : Number.NaN;
    if (typeof x === 'number' && x !== 0 && !Number.isNaN(x)) out.push(outside(s, code, range, x, path, dim));
  };
  const each = (value: unknown, path: string[], dim: Dimension, code: WarningCode, range: PlausibleRange) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => /^[12][0-9]{3}$/.test(k))) {
      for (const [y, v] of Object.entries(value)) check(v, [...path, y], dim, code, range);
    } else check(value, path, dim, code, range);
  };
  for (const [b, path] of blocks) {
    each(b.tariff, [...path, 'tariff'], 'moneyPerEnergy', 'tariff-implausible', r.tariff);
    each(b.capex, [...path, 'capex'], 'moneyPerPower', 'capex-implausible', r.capexPerPower);
    check(b.opex, [...path, 'opex'], 'moneyPerPower', 'opex-implausible', r.fixedOpexPerPower);
  }
  return out.filter((x): x is PlausibilityIssue => x !== undefined);
}

/**
 * A capacity target of the `targets:` list below what it already counts in the base year (the unnamed baseline and the
 * projects then built), like checkTarget for `capacity.target`: usually 450 MW written for 450万千瓦.
 */
function capacityTargetBelowBase(s: Scenario, portfolio: Pick<Portfolio, 'projects' | 'unnamed'>, target: PortfolioCapacityTarget, i: number): PlausibilityIssue | undefined {
  const baseYear = portfolio.unnamed.baseYear;
  const baseMW = targetValueInYear(portfolio, { ...target, year: baseYear }, false);
  if (!(baseMW > 0) || target.year <= baseYear || target.capacityMW >= baseMW) return undefined;
  const growth = PLAUSIBLE_RANGES.growthRate;
  const maxMW = baseMW * (1 + growth.max! * growth.toInternal) ** (target.year - baseYear);
  const path = ['targets', String(i), 'capacity'];
  const power = (mw: number) => formatQuantity(mw, 'power', 'si', 6);
  const intent = likelyIntent(writtenAt(s, path), 'power', (mw) => mw >= baseMW && mw <= maxMW);
  return {
    code: 'target-below-baseline',
    path,
    value: clean(target.capacityMW),
    range: { min: clean(baseMW), max: clean(maxMW), unit: 'MW' },
    params: { value: power(target.capacityMW), baseYear, baseline: power(baseMW), ...(intent === undefined ? {} : { intent }) },
  };
}

/**
 * Each energy target against the capacity it counts: E / P, the full-load hours it asks of the planned operating
 * capacity P (unnamed path + named projects it counts) in its year, outside 100–8,784 h is a slip of magnitude or
 * unit (1.135 kWh for 1.135亿 kWh), with the likely intent.
 */
export function checkPortfolioTargets(s: Scenario, portfolio: Pick<Portfolio, 'projects' | 'unnamed' | 'targets'>): PlausibilityIssue[] {
  const out: Array<PlausibilityIssue | undefined> = [];
  const range = PLAUSIBLE_RANGES.energyTargetHours;
  // portfolio.targets holds the written targets in order (the single capacity.target only when `targets:` is absent).
  portfolio.targets.forEach((target, i) => {
    if (target.kind === 'capacity' && s.targets?.[i] !== undefined) return void out.push(capacityTargetBelowBase(s, portfolio, target, i));
    if (target.kind !== 'energy' || s.targets?.[i] === undefined) return;
    const capacityMW = targetValueInYear(portfolio, { ...target, kind: 'capacity', capacityMW: 0 }, false);
    if (!(capacityMW > 0)) return;
    const path = ['targets', String(i), 'energy'];
    const hours = target.energyMWh / capacityMW;
    const issue = outside(s, 'energy-target-implausible', { ...range, toInternal: capacityMW }, target.energyMWh, path, 'energy', {
      energy: formatQuantity(target.energyMWh, 'energy', 'si', 6),
      capacity: formatQuantity(capacityMW, 'power', 'si', 6),
      year: target.year,
    });
    // The value and its range stay in hours (the energy the target asks of each MW), whatever unit the target is in.
    out.push(issue && { ...issue, value: clean(hours), range: rangeOf(range), params: { ...issue.params, value: show(hours, 'h'), min: show(range.min!, 'h'), max: show(range.max!, 'h'), range: showRange(range) } });
  });
  return out.filter((x): x is PlausibilityIssue => x !== undefined);
}

/** The place of a scenario: the province its region names, and the physical site's latitude (else the province capital's). */
export function placeOf(s: Scenario): Place {
  const province = provinceOf(s.region);
  const lat = s.yield.model === 'physical' ? s.yield.site?.lat : undefined;
  const latitudeDeg = lat ?? province?.latitudeDeg;
  const place: { province?: Province; latitudeDeg?: number } = {};
  if (province) place.province = province;
  if (latitudeDeg !== undefined) place.latitudeDeg = latitudeDeg;
  return place;
}

/**
 * Every plausibility issue of a resolved plan, in document order of the checks: the target and growth, the yield,
 * degradation and curtailment, the savings factors, the projects' yields.
 */
export function checkPlausibility(s: Scenario, plan: PlanInput): PlausibilityIssue[] {
  const place = placeOf(s);
  return [...checkTarget(s, plan), ...checkRates(s, plan), ...checkYield(s, plan, place), ...checkProjects(s, place), ...checkFinance(s)];
}

/**
 * The plausibility of `solve`'s answer: full-load hours PV cannot give at the place, or a capacity that means more
 * than doubling every year from the baseline.
 */
export function checkSolution(s: Scenario, plan: PlanInput, solution: Solution): PlausibilityIssue[] {
  const e = solution.energy;
  if (!e) return [];
  const out: PlausibilityIssue[] = [];
  const path = ['capacity', 'target', e.kind];
  const place = placeOf(s);
  const range = pvHoursRange(place.province);
  if (Number.isFinite(e.requiredFullLoadHoursH) && !inRange(e.requiredFullLoadHoursH, range)) {
    out.push({
      code: 'solved-hours-implausible',
      path,
      value: clean(e.requiredFullLoadHoursH),
      range: rangeOf(range),
      params: { value: show(e.requiredFullLoadHoursH, 'h'), min: show(range.min!, 'h'), max: show(range.max!, 'h'), range: showRange(range), ...(place.province ? { place: place.province.en[0]! } : {}) },
    });
  }
  const cap = plan.capacity;
  const n = e.year - cap.baseYear;
  const growth = PLAUSIBLE_RANGES.growthRate;
  if (cap.baselineMW > 0 && n > 0) {
    const rateFrac = (e.requiredCapacityMW / cap.baselineMW) ** (1 / n) - 1;
    if (rateFrac > growth.max! * growth.toInternal) {
      out.push({
        code: 'solved-capacity-implausible',
        path,
        value: clean(rateFrac * 100),
        range: rangeOf(growth),
        params: { value: formatQuantity(e.requiredCapacityMW, 'power', 'si', 6), year: e.year, rate: show(rateFrac * 100, '%'), baseYear: cap.baseYear, max: show(growth.max!, '%') },
      });
    }
  }
  return out;
}

/** Locates plausibility issues in the files of a scenario's chain and gives them their text. */
export function warningsAt(chain: readonly SourceDoc[], issues: readonly PlausibilityIssue[]): ScenarioWarning[] {
  return issues.map((i) => ({
    code: i.code,
    ...locateField(chain, i.path),
    path: i.path.join('.'),
    message: warningMessage(i.code, i.params),
    value: i.value,
    range: i.range,
    ...(i.params.intent === undefined ? {} : { hint: String(i.params.intent) }),
    params: i.params,
  }));
}

/** A warning in the shape of a scenario problem, for `file:line:col: field: message` and for --strict. */
export function warningAsProblem(w: ScenarioWarning): ScenarioProblem {
  return { file: w.file, ...(w.line === undefined ? {} : { line: w.line }), ...(w.column === undefined ? {} : { column: w.column }), field: w.path, message: w.message, code: w.code, params: w.params };
}
