/**
 * Energy targets of a portfolio: the energy the technologies a target counts produce in its year, planned and
 * risk-weighted, and the waterfall to the target in energy.
 *
 * Energy comes from operating plants, so an energy target counts each project from its (delayed) commissioning
 * with the cohort bookkeeping `run` uses (run-paths.ts, projectEnergyPathMWh):
 *   planned:  E_y(c)              = P · h · f_op(y; c, L) · (1 − d)^age(y; c)      (cancelled: 0)
 *   expected: p · E_D[E_y(c + D)]                                                  (the true expectation)
 * plus the unnamed path's energy in the year (the aggregate plan's, as `run` reports it) when the target counts it.
 * Storage produces no energy of its own and never counts. For a target on every generating technology with the
 * unnamed path, the total equals `run`'s portfolio energy of that year.
 */
import { projectEnergyPathMWh } from './run-paths.ts';
import { generatesEnergy } from './technologies.ts';
import { gapMeaning, STEP_STAGES, targetCounts, type GapMeaning } from './waterfall.ts';
import { reachesTarget } from '../plan/simulate.ts';
import { countedShare, unnamedMWAt, unnamedMWhAt } from './paths.ts';
import type { Portfolio, PortfolioEnergyTarget, PortfolioTarget, Project, Stage } from './types.ts';

/**
 * A project's energy in one calendar year, MWh: planned (on its planned commissioning) or risk-weighted
 * p · E_D[E_y(c + D)]; 0 for storage and cancelled projects.
 * @example projectEnergyInYearMWh(datang100MW, 2025, false) // 100 MW · 1135 h = 113 500 MWh in its first full year
 */
export function projectEnergyInYearMWh(project: Project, year: number, expected: boolean): number {
  return projectEnergyPathMWh(project, year, 1, expected)[0]!;
}

/** Energy in `year` of the named projects of `stage` that `target` counts, MWh (storage never counts). */
function stageEnergyMWh(projects: readonly Project[], target: PortfolioTarget, stage: Stage, expected: boolean): number {
  let mwh = 0;
  for (const p of projects) if (p.stage === stage && generatesEnergy(p.technology) && targetCounts(target, p)) mwh += projectEnergyInYearMWh(p, target.year, expected);
  return mwh;
}

/**
 * Energy the technologies a target counts produce in its year, MWh: Σ over the named projects it counts of their
 * planned or risk-weighted energy, plus the unnamed path's energy of the year when the target includes it.
 * @example targetEnergyMWh(portfolio, { …, technologies: ['pv-utility'], year: 2025, includeUnnamed: false }, true)
 */
export function targetEnergyMWh(portfolio: Pick<Portfolio, 'projects' | 'unnamed'>, target: PortfolioTarget, expected: boolean): number {
  let mwh = target.includeUnnamed ? unnamedMWhAt(portfolio.unnamed, target.year) : 0;
  for (const p of portfolio.projects) if (generatesEnergy(p.technology) && targetCounts(target, p)) mwh += projectEnergyInYearMWh(p, target.year, expected);
  return mwh;
}

/** One step of an energy waterfall: the energy it adds in the target year, MWh. */
export interface EnergyWaterfallStep {
  /** 'today' (the unnamed path's energy in the base year + operating projects), then the stages from under construction to prospect. */
  readonly step: 'today' | Exclude<Stage, 'operating' | 'cancelled'>;
  readonly plannedMWh: number;
  readonly expectedMWh: number;
}

/** What an energy gap means: the capacity, operating the whole target year at `fullLoadHours`, that would close it. */
export interface EnergyGapMeaning extends GapMeaning {
  /** Gap / full-load hours, MW. */
  readonly capacityMW: number;
  /** Full-load hours the gap is converted at, h. */
  readonly fullLoadHours: number;
}

export interface EnergyTargetWaterfall {
  readonly target: PortfolioEnergyTarget;
  readonly steps: readonly EnergyWaterfallStep[];
  /** Today + every named project, planned and risk-weighted, MWh (without the unnamed path's growth). */
  readonly plannedMWh: number;
  readonly expectedMWh: number;
  /** Target − named total, at least 0, MWh: what the unnamed growth must supply. */
  readonly gapPlannedMWh: number;
  readonly gapExpectedMWh: number;
  readonly gapPlanned: EnergyGapMeaning;
  readonly gapExpected: EnergyGapMeaning;
  /** The unnamed path's energy in the target year less its energy in the base year, MWh (0 when the target leaves it out). */
  readonly unnamedGrowthMWh: number;
  /** Energy in the target year of everything the target counts: named projects + the whole unnamed path, MWh. */
  readonly totalPlannedMWh: number;
  readonly totalExpectedMWh: number;
  /** Target − total, at least 0, MWh. */
  readonly remainingPlannedMWh: number;
  readonly remainingExpectedMWh: number;
}

/**
 * An energy gap as capacity: gap / h MW operating the whole target year, then gapMeaning (MW a year over the
 * years from the base year, and the compound growth of the unnamed baseline capacity B, MW).
 * @example energyGapMeaning(113500, 1135, 1000, 3) // { capacityMW: 100, mwPerYear: 33.3, growthRateFrac: 1.1^(1/3) − 1, … }
 */
export function energyGapMeaning(gapMWh: number, fullLoadHours: number, baselineMW: number, years: number): EnergyGapMeaning {
  if (!(fullLoadHours > 0)) throw new RangeError(`energyGapMeaning: fullLoadHours must be positive, got ${fullLoadHours}`);
  const capacityMW = gapMWh / fullLoadHours;
  return { ...gapMeaning(capacityMW, baselineMW, years), capacityMW, fullLoadHours };
}

/**
 * The waterfall of an energy target at its year: today (the unnamed path's energy in the base year, when counted,
 * + operating projects) → + under construction → + approved → + signed → + prospects → named total vs target → the
 * gap, planned and risk-weighted; the gap also as capacity at `gapFullLoadHours` (h: the unnamed plan's for a
 * target that counts it, else its technology's).
 */
export function energyTargetWaterfall(portfolio: Portfolio, target: PortfolioEnergyTarget, gapFullLoadHours: number): EnergyTargetWaterfall {
  const { unnamed, projects } = portfolio;
  const baselineMWh = target.includeUnnamed ? unnamedMWhAt(unnamed, unnamed.baseYear) : 0;
  const baselineMW = target.includeUnnamed ? unnamedMWAt(unnamed, 'operating', unnamed.baseYear) : 0;
  const steps: EnergyWaterfallStep[] = [
    { step: 'today', plannedMWh: baselineMWh + stageEnergyMWh(projects, target, 'operating', false), expectedMWh: baselineMWh + stageEnergyMWh(projects, target, 'operating', true) },
    ...STEP_STAGES.map((stage) => ({ step: stage, plannedMWh: stageEnergyMWh(projects, target, stage, false), expectedMWh: stageEnergyMWh(projects, target, stage, true) })),
  ];
  const plannedMWh = steps.reduce((s, x) => s + x.plannedMWh, 0);
  const expectedMWh = steps.reduce((s, x) => s + x.expectedMWh, 0);
  const gapPlannedMWh = Math.max(0, target.energyMWh - plannedMWh);
  const gapExpectedMWh = Math.max(0, target.energyMWh - expectedMWh);
  const years = target.year - unnamed.baseYear;
  const totalPlannedMWh = targetEnergyMWh(portfolio, target, false);
  const totalExpectedMWh = targetEnergyMWh(portfolio, target, true);
  return {
    target,
    steps,
    plannedMWh,
    expectedMWh,
    gapPlannedMWh,
    gapExpectedMWh,
    gapPlanned: energyGapMeaning(gapPlannedMWh, gapFullLoadHours, baselineMW, years),
    gapExpected: energyGapMeaning(gapExpectedMWh, gapFullLoadHours, baselineMW, years),
    unnamedGrowthMWh: target.includeUnnamed ? unnamedMWhAt(unnamed, target.year) - baselineMWh : 0,
    totalPlannedMWh,
    totalExpectedMWh,
    remainingPlannedMWh: Math.max(0, target.energyMWh - totalPlannedMWh),
    remainingExpectedMWh: Math.max(0, target.energyMWh - totalExpectedMWh),
  };
}

/** A target's goal in its own unit: MW for a capacity target, MWh for an energy target. */
export function targetGoal(target: PortfolioTarget): number {
  return target.kind === 'energy' ? target.energyMWh : target.capacityMW;
}

/**
 * A target's counted value in its year, in its own unit, planned or risk-weighted: for a capacity target the unnamed
 * path's capacity (when counted) + Σ cap · share of the projects it counts (MW, by its metric); for an energy target
 * targetEnergyMWh (MWh). The Monte Carlo checks the same sum draw by draw.
 */
export function targetValueInYear(portfolio: Pick<Portfolio, 'projects' | 'unnamed'>, target: PortfolioTarget, expected: boolean): number {
  if (target.kind === 'energy') return targetEnergyMWh(portfolio, target, expected);
  let mw = target.includeUnnamed ? unnamedMWAt(portfolio.unnamed, target.counts, target.year) : 0;
  for (const p of portfolio.projects) if (targetCounts(target, p)) mw += p.capacityMW * countedShare(p, target.counts, target.year, expected);
  return mw;
}

/** Whether a counted value meets a target, with the plan's relative tolerance (reachesTarget). */
export function targetMet(target: PortfolioTarget, value: number): boolean {
  return reachesTarget(value, targetGoal(target));
}
