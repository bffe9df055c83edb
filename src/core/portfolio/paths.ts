/**
 * Capacity paths of a portfolio: planned (every non-cancelled project on its planned dates) and risk-weighted
 * (the expectation over completion and delay), named and unnamed, by technology and by stage.
 *
 * A project counts in year y when its counted date t (construction start for built + under construction,
 * commissioning for operating) plus its delay D falls in or before y: t + D < y + 1 (dates.ts). So
 *   planned:  cap · [⌊t⌋ ≤ y]                       (cancelled projects: 0)
 *   expected: cap · p · P(D < y + 1 − t)            (the true expectation, not the capacity at the mean delay).
 */
import { cdf, mean as distributionMean, type Distribution } from '../uncertainty/distributions.ts';
import { prepare, preparedCdf } from '../uncertainty/prepared-distribution.ts';

type Prepared = ReturnType<typeof prepare>;
import { generatesEnergy } from './technologies.ts';
import type { CountedMetric, Project, Stage, Technology, UnnamedPath } from './types.ts';
import { STAGES, TECHNOLOGIES } from './types.ts';

/** The date a metric counts a project from, as a fractional year. */
export function countedDateYear(project: Project, metric: CountedMetric): number {
  return metric === 'operating' ? project.commissioningYear : project.constructionStartYear;
}

const BELOW = new WeakMap<Distribution, Map<number, number>>();
const PREPARED = new WeakMap<Distribution, Prepared>();

/** A delay checked and prepared once (prepare validates on every call). */
function preparedDelay(delay: Distribution): Prepared {
  let d = PREPARED.get(delay);
  if (d === undefined) PREPARED.set(delay, (d = prepare(delay, 'delayBelowProbability')));
  return d;
}

/**
 * P(D < x) for a delay D (years): the CDF for continuous kinds; for a discrete or constant delay the mass of the
 * values strictly below x, so that a date landing exactly on 1 January counts in the new year.
 * @example delayBelowProbability({ kind: 'uniform', min: 0, max: 2 }, 0.5) // 0.25
 */
export function delayBelowProbability(delay: Distribution, x: number): number {
  // A few flops: cheaper than the memo, which is for the kinds whose CDF is dear (PERT's incomplete beta, lognormal).
  if (delay.kind === 'constant') return delay.value < x ? 1 : 0;
  if (delay.kind === 'triangular' || delay.kind === 'uniform') return preparedCdf(preparedDelay(delay), x);
  let memo = BELOW.get(delay);
  if (memo === undefined) BELOW.set(delay, (memo = new Map()));
  let p = memo.get(x);
  if (p === undefined) {
    if (delay.kind === 'discrete') {
      let below = Number.NEGATIVE_INFINITY;
      for (const v of delay.values) if (v < x && v > below) below = v;
      p = below === Number.NEGATIVE_INFINITY ? 0 : cdf(delay, below);
    } else p = cdf(delay, x);
    if (memo.size < 4096) memo.set(x, p);
  }
  return p;
}

/**
 * Share (0–1) of a project's capacity counted in `year`: planned, [⌊t⌋ ≤ year] unless cancelled; expected,
 * p · P(D < year + 1 − t). t is the date `metric` counts (fractional year).
 */
export function countedShare(project: Project, metric: CountedMetric, year: number, expected: boolean): number {
  if (project.stage === 'cancelled') return 0;
  const t = countedDateYear(project, metric);
  if (!expected) return Math.floor(t) <= year ? 1 : 0;
  if (project.completionProbabilityFrac === 0) return 0;
  return project.completionProbabilityFrac * delayBelowProbability(project.delayYears, year + 1 - t);
}

/**
 * Named capacity counted by year, MW: Σ cap · share over the projects `include` accepts, for years
 * firstYear … firstYear + years − 1.
 */
export function namedCapacityMW(projects: readonly Project[], metric: CountedMetric, firstYear: number, years: number, expected: boolean, include: (p: Project) => boolean = () => true): Float64Array {
  const out = new Float64Array(years);
  for (const p of projects) {
    if (!include(p) || p.stage === 'cancelled') continue;
    for (let i = 0; i < years; i++) out[i]! += p.capacityMW * countedShare(p, metric, firstYear + i, expected);
  }
  return out;
}

/** The unnamed path's capacity in `year` for a metric, MW (0 before its first year, held flat after its last). */
export function unnamedMWAt(unnamed: UnnamedPath, metric: CountedMetric, year: number): number {
  const series = metric === 'operating' ? unnamed.operatingMW : unnamed.capacityMW;
  if (series.length === 0 || year < unnamed.firstYear) return 0;
  return series[Math.min(series.length - 1, year - unnamed.firstYear)]!;
}

/**
 * Portfolio total = unnamed path + named projects, MW by year (firstYear … firstYear + years − 1): the one way
 * the aggregate plan's capacity and the named list are combined.
 * @example combineUnnamedAndNamed(unnamed, projects, 'operating', 2022, 4, true) // Float64Array of 4 totals
 */
export function combineUnnamedAndNamed(
  unnamed: UnnamedPath,
  projects: readonly Project[],
  metric: CountedMetric,
  firstYear: number,
  years: number,
  expected: boolean,
  include: (p: Project) => boolean = (p) => generatesEnergy(p.technology),
): Float64Array {
  const out = namedCapacityMW(projects, metric, firstYear, years, expected, include);
  for (let i = 0; i < years; i++) out[i]! += unnamedMWAt(unnamed, metric, firstYear + i);
  return out;
}

/** Planned and expected capacity of one technology in a year. */
export interface TechnologyYear {
  readonly plannedCapacityMW: number;
  readonly expectedCapacityMW: number;
  /** Storage only: energy capacity, MWh. */
  readonly plannedEnergyMWh?: number;
  readonly expectedEnergyMWh?: number;
}

/** One reported year of a portfolio (built + under construction unless named "operating"). */
export interface PortfolioYear {
  readonly year: number;
  /** Generation capacity (all but storage), unnamed + named, planned, MW. */
  readonly plannedCapacityMW: number;
  readonly expectedCapacityMW: number;
  readonly plannedOperatingMW: number;
  readonly expectedOperatingMW: number;
  /** The unnamed path alone (aggregate plan), MW: shown apart from the named projects. */
  readonly unnamedCapacityMW: number;
  readonly unnamedOperatingMW: number;
  /** Named projects by technology (storage included, with its MWh). */
  readonly byTechnology: Readonly<Record<Technology, TechnologyYear>>;
  /** Named generation capacity of each stage, built + under construction on planned dates, MW (cancelled: 0). */
  readonly byStage: Readonly<Record<Stage, number>>;
}

/** The portfolio's years from firstYear to lastYear. */
export function portfolioYears(projects: readonly Project[], unnamed: UnnamedPath, firstYear: number, lastYear: number): PortfolioYear[] {
  const n = lastYear - firstYear + 1;
  const built = 'built-plus-under-construction';
  const gen = (p: Project) => generatesEnergy(p.technology);
  const plannedCap = combineUnnamedAndNamed(unnamed, projects, built, firstYear, n, false);
  const expectedCap = combineUnnamedAndNamed(unnamed, projects, built, firstYear, n, true);
  const plannedOp = combineUnnamedAndNamed(unnamed, projects, 'operating', firstYear, n, false);
  const expectedOp = combineUnnamedAndNamed(unnamed, projects, 'operating', firstYear, n, true);
  const byTech = TECHNOLOGIES.map((tech) => {
    const of = (p: Project) => p.technology === tech;
    const planned = namedCapacityMW(projects, built, firstYear, n, false, of);
    const expected = namedCapacityMW(projects, built, firstYear, n, true, of);
    if (tech !== 'storage') return { tech, planned, expected, plannedEnergy: undefined, expectedEnergy: undefined };
    const energyOf = (exp: boolean) => {
      const out = new Float64Array(n);
      for (const p of projects) if (of(p) && p.stage !== 'cancelled') for (let i = 0; i < n; i++) out[i]! += (p.energyMWh ?? 0) * countedShare(p, built, firstYear + i, exp);
      return out;
    };
    return { tech, planned, expected, plannedEnergy: energyOf(false), expectedEnergy: energyOf(true) };
  });
  const byStage = STAGES.map((stage) => ({ stage, mw: namedCapacityMW(projects, built, firstYear, n, false, (p) => p.stage === stage && gen(p)) }));
  const rows: PortfolioYear[] = [];
  for (let i = 0; i < n; i++) {
    const year = firstYear + i;
    const technology = {} as Record<Technology, TechnologyYear>;
    for (const t of byTech) {
      technology[t.tech] = {
        plannedCapacityMW: t.planned[i]!,
        expectedCapacityMW: t.expected[i]!,
        ...(t.plannedEnergy && t.expectedEnergy ? { plannedEnergyMWh: t.plannedEnergy[i]!, expectedEnergyMWh: t.expectedEnergy[i]! } : {}),
      };
    }
    const stage = {} as Record<Stage, number>;
    for (const s of byStage) stage[s.stage] = s.mw[i]!;
    rows.push({
      year,
      plannedCapacityMW: plannedCap[i]!,
      expectedCapacityMW: expectedCap[i]!,
      plannedOperatingMW: plannedOp[i]!,
      expectedOperatingMW: expectedOp[i]!,
      unnamedCapacityMW: unnamedMWAt(unnamed, built, year),
      unnamedOperatingMW: unnamedMWAt(unnamed, 'operating', year),
      byTechnology: technology,
      byStage: stage,
    });
  }
  return rows;
}

/** Expected commissioning year for display: planned commissioning + mean delay (not what the expectation uses). */
export function expectedCommissioningYear(project: Project): number {
  return project.commissioningYear + distributionMean(project.delayYears);
}

/** The unnamed path from an aggregate plan's yearly rows (built + under construction and operating, MW; energy, MWh), which start in its base year. */
export function unnamedPathFromPlanRows(rows: ReadonlyArray<{ readonly year: number; readonly capacityMW: number; readonly operatingMW: number; readonly energyMWh: number }>, baseYear: number): UnnamedPath {
  return { firstYear: rows[0]?.year ?? baseYear, baseYear, capacityMW: rows.map((r) => r.capacityMW), operatingMW: rows.map((r) => r.operatingMW), energyMWh: rows.map((r) => r.energyMWh) };
}

/** The unnamed path's energy in `year`, MWh (0 before its first year, the last year's after its last). */
export function unnamedMWhAt(unnamed: UnnamedPath, year: number): number {
  const series = unnamed.energyMWh;
  if (series.length === 0 || year < unnamed.firstYear) return 0;
  return series[Math.min(series.length - 1, year - unnamed.firstYear)]!;
}
