/**
 * The `pvplan pipeline` report: the project table, the planned and risk-weighted years, each target's waterfall
 * and gap, and the investment; its JSON is the documented contract of docs/portfolio.md.
 */
import { mean as distributionMean } from '../core/uncertainty/distributions.ts';
import { investmentTotals, type InvestmentTotals } from '../core/portfolio/investment.ts';
import { simulatePortfolioDraws, type PortfolioMcResult } from '../core/portfolio/monte-carlo.ts';
import { portfolioYears, type PortfolioYear } from '../core/portfolio/paths.ts';
import { energyTargetWaterfall, type EnergyGapMeaning, type EnergyTargetWaterfall, type EnergyWaterfallStep } from '../core/portfolio/energy-targets.ts';
import { generatesEnergy, TECHNOLOGY_DEFAULTS } from '../core/portfolio/technologies.ts';
import type { CountedMetric, Portfolio, PortfolioEnergyTarget, Stage, TargetIdentity, Technology } from '../core/portfolio/types.ts';
import { targetWaterfall, type GapMeaning, type WaterfallStep } from '../core/portfolio/waterfall.ts';
import { seriesValueAt } from '../core/series.ts';
import type { McStats, TargetDistribution } from '../core/uncertainty/monte-carlo.ts';
import type { LoadedPortfolio } from '../scenario/projects.ts';
import { formatProblem } from '../scenario/errors.ts';

export interface PipelineProjectRow {
  readonly id: string;
  readonly name: string;
  readonly stage: Stage;
  readonly technology: Technology;
  readonly capacityMW: number;
  readonly energyMWh?: number;
  readonly completionProbabilityFrac: number;
  /** Calendar year of the planned construction start and commissioning. */
  readonly constructionStartYear: number;
  readonly plannedCommissioningYear: number;
  /** Planned commissioning year + mean delay (years), for display only: the risk-weighted paths use the whole delay distribution. */
  readonly expectedCommissioningYear: number;
  readonly meanDelayYears: number;
  readonly investmentYuan: number;
  readonly owner?: string;
}

/** A capacity target's row: the documented contract (docs/portfolio.md) plus the waterfall and gap details. */
export interface PipelineCapacityTargetRow {
  readonly kind: 'capacity';
  readonly name: string;
  readonly technologies: readonly Technology[];
  readonly counts: CountedMetric;
  readonly year: number;
  readonly capacityMW: number;
  readonly includesUnnamed: boolean;
  readonly plannedMW: number;
  readonly expectedMW: number;
  readonly gapPlannedMW: number;
  readonly gapExpectedMW: number;
  readonly steps: readonly WaterfallStep[];
  readonly gapPlanned: GapMeaning;
  readonly gapExpected: GapMeaning;
  readonly unnamedGrowthMW: number;
  readonly totalPlannedMW: number;
  readonly totalExpectedMW: number;
  readonly remainingPlannedMW: number;
  readonly remainingExpectedMW: number;
  /** With --draws: P(met in the target year), the first year met, and the counted capacity in the target year. */
  readonly monteCarlo?: { readonly draws: number; readonly seed: number; readonly probabilityMetFrac: number; readonly yearMetDistribution: TargetDistribution['yearMetDistribution']; readonly capacityInTargetYearMW: McStats };
}

/**
 * An energy target's row: the same names in energy (MWh for MW), and the gap also as the capacity that would close
 * it at `fullLoadHours` (gapPlanned.capacityMW, MW a year, growth rate). An energy target always counts operating plants.
 */
export interface PipelineEnergyTargetRow extends Omit<EnergyTargetWaterfall, 'target'>, TargetIdentity {
  readonly kind: 'energy';
  readonly counts: 'operating';
  readonly energyMWh: number;
  readonly includesUnnamed: boolean;
  /** Full-load hours the gap is converted to capacity at, h: the aggregate plan's of the target year when the target counts it, else its first technology's default. */
  readonly fullLoadHours: number;
  /** With --draws: P(met in the target year), the first year met, and the counted energy in the target year. */
  readonly monteCarlo?: { readonly draws: number; readonly seed: number; readonly probabilityMetFrac: number; readonly yearMetDistribution: TargetDistribution['yearMetDistribution']; readonly energyInTargetYearMWh: McStats };
}

export type PipelineTargetRow = PipelineCapacityTargetRow | PipelineEnergyTargetRow;

/**
 * Full-load hours an energy target's gap is converted to capacity at, h: a target counting the unnamed path is closed
 * by more of it, so the aggregate plan's hours of a new plant in the target year; otherwise the default of the first
 * generating technology it counts (technologies.ts).
 */
export function gapFullLoadHours(loaded: Pick<LoadedPortfolio, 'scenario'>, target: PortfolioEnergyTarget): number {
  if (target.includeUnnamed) return seriesValueAt(loaded.scenario.plan.yield.fullLoadHours, target.year);
  const tech = target.technologies.find(generatesEnergy) ?? target.technologies[0]!;
  return TECHNOLOGY_DEFAULTS[tech].fullLoadHours;
}

export interface PipelineReport {
  readonly scenario: { readonly id: string; readonly name: string; readonly hash: string; readonly region?: string };
  readonly baseYear: number;
  readonly projects: readonly PipelineProjectRow[];
  readonly years: readonly PortfolioYear[];
  readonly targets: readonly PipelineTargetRow[];
  readonly investmentYuan: InvestmentTotals;
  readonly warnings: readonly string[];
}

/** Builds the pipeline report; `mc` adds a Monte Carlo of `draws` draws from `seed` to each target. */
export function pipelineReport(loaded: LoadedPortfolio, mc?: { draws: number; seed: number }): PipelineReport {
  const { scenario, portfolio } = loaded;
  const projects = portfolio.projects.map((p): PipelineProjectRow => {
    const meanDelayYears = distributionMean(p.delayYears);
    const planned = Math.floor(p.commissioningYear);
    return {
      id: p.id,
      name: p.name,
      stage: p.stage,
      technology: p.technology,
      capacityMW: p.capacityMW,
      ...(p.energyMWh === undefined ? {} : { energyMWh: p.energyMWh }),
      completionProbabilityFrac: p.completionProbabilityFrac,
      constructionStartYear: Math.floor(p.constructionStartYear),
      plannedCommissioningYear: planned,
      expectedCommissioningYear: planned + meanDelayYears,
      meanDelayYears,
      investmentYuan: p.investmentYuan,
      ...(p.owner === undefined ? {} : { owner: p.owner }),
    };
  });
  const draws: PortfolioMcResult | undefined = mc ? simulatePortfolioDraws(portfolio, mc) : undefined;
  const targets = portfolio.targets.map((target, k): PipelineTargetRow => {
    const m = draws?.targets[k];
    if (target.kind === 'energy') {
      const hours = gapFullLoadHours(loaded, target);
      const e = energyTargetWaterfall(portfolio, target, hours);
      return {
        kind: 'energy',
        name: target.name,
        technologies: target.technologies,
        counts: target.counts,
        year: target.year,
        energyMWh: target.energyMWh,
        includesUnnamed: target.includeUnnamed,
        plannedMWh: e.plannedMWh,
        expectedMWh: e.expectedMWh,
        gapPlannedMWh: e.gapPlannedMWh,
        gapExpectedMWh: e.gapExpectedMWh,
        steps: e.steps,
        fullLoadHours: hours,
        gapPlanned: e.gapPlanned,
        gapExpected: e.gapExpected,
        unnamedGrowthMWh: e.unnamedGrowthMWh,
        totalPlannedMWh: e.totalPlannedMWh,
        totalExpectedMWh: e.totalExpectedMWh,
        remainingPlannedMWh: e.remainingPlannedMWh,
        remainingExpectedMWh: e.remainingExpectedMWh,
        ...(m?.energyInTargetYearMWh && mc
          ? { monteCarlo: { draws: mc.draws, seed: mc.seed, probabilityMetFrac: m.distribution.probabilityMet, yearMetDistribution: m.distribution.yearMetDistribution, energyInTargetYearMWh: m.energyInTargetYearMWh } }
          : {}),
      };
    }
    const w = targetWaterfall(portfolio, target);
    return {
      kind: 'capacity',
      name: target.name,
      technologies: target.technologies,
      counts: target.counts,
      year: target.year,
      capacityMW: target.capacityMW,
      includesUnnamed: target.includeUnnamed,
      plannedMW: w.plannedMW,
      expectedMW: w.expectedMW,
      gapPlannedMW: w.gapPlannedMW,
      gapExpectedMW: w.gapExpectedMW,
      steps: w.steps,
      gapPlanned: w.gapPlanned,
      gapExpected: w.gapExpected,
      unnamedGrowthMW: w.unnamedGrowthMW,
      totalPlannedMW: w.totalPlannedMW,
      totalExpectedMW: w.totalExpectedMW,
      remainingPlannedMW: w.remainingPlannedMW,
      remainingExpectedMW: w.remainingExpectedMW,
      ...(m?.capacityInTargetYearMW && mc
        ? { monteCarlo: { draws: mc.draws, seed: mc.seed, probabilityMetFrac: m.distribution.probabilityMet, yearMetDistribution: m.distribution.yearMetDistribution, capacityInTargetYearMW: m.capacityInTargetYearMW } }
        : {}),
    };
  });
  return {
    scenario: { id: scenario.id, name: scenario.name, hash: scenario.hash, ...(scenario.region === undefined ? {} : { region: scenario.region }) },
    baseYear: portfolio.unnamed.baseYear,
    projects,
    years: portfolioYears(portfolio.projects, portfolio.unnamed, portfolio.startYear, portfolio.endYear),
    targets,
    investmentYuan: investmentTotals(portfolio.projects, portfolio.signedInvestmentYuan),
    warnings: loaded.warnings.map(formatProblem),
  };
}

export type { Portfolio };
