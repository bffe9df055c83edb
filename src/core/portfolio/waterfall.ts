/**
 * The waterfall from today to a target: today (the unnamed baseline plus operating projects) → + under
 * construction → + approved → + signed → + prospects → named total vs target → the gap, planned and
 * risk-weighted; and what the gap means: the unnamed growth still needed, in MW a year and as a growth rate.
 */
import { countedShare, unnamedMWAt } from './paths.ts';
import type { Portfolio, PortfolioCapacityTarget, PortfolioTarget, Project, Stage } from './types.ts';

/** One step of the waterfall: what it adds in the target year, MW. */
export interface WaterfallStep {
  /** 'today' (unnamed baseline + operating projects), then the stages from under construction to prospect. */
  readonly step: 'today' | Exclude<Stage, 'operating' | 'cancelled'>;
  readonly plannedMW: number;
  readonly expectedMW: number;
}

/** What a gap means for the unnamed capacity: growth needed from the base year to the target year. */
export interface GapMeaning {
  readonly years: number;
  /** Additions a year the unnamed capacity needs on top of its baseline, MW/yr: gap / years. */
  readonly mwPerYear: number;
  /** Compound yearly growth of the unnamed capacity needed: ((B + gap) / B)^(1/years) − 1; null when B = 0. */
  readonly growthRateFrac: number | null;
}

export interface TargetWaterfall {
  readonly target: PortfolioCapacityTarget;
  readonly steps: readonly WaterfallStep[];
  /** Today + every named project, planned and expected, MW (without the unnamed growth). */
  readonly plannedMW: number;
  readonly expectedMW: number;
  /** Target − named total, at least 0, MW: what unnamed growth must supply. */
  readonly gapPlannedMW: number;
  readonly gapExpectedMW: number;
  readonly gapPlanned: GapMeaning;
  readonly gapExpected: GapMeaning;
  /** Unnamed growth the aggregate plan has from the base year to the target year, MW. */
  readonly unnamedGrowthMW: number;
  /** Named total + the plan's unnamed growth, MW, and what would still be missing. */
  readonly totalPlannedMW: number;
  readonly totalExpectedMW: number;
  readonly remainingPlannedMW: number;
  readonly remainingExpectedMW: number;
}

/** The stages added after 'today', most mature first. */
export const STEP_STAGES = ['under-construction', 'approved', 'signed', 'prospect'] as const;

/**
 * Growth the unnamed capacity needs to close a gap: gap / n MW a year and ((B + gap) / B)^(1/n) − 1 as a
 * compound rate, B the unnamed baseline (MW), n the years from the base year to the target year.
 * @example gapMeaning(300, 1000, 3) // { years: 3, mwPerYear: 100, growthRateFrac: 1.3^(1/3) − 1 ≈ 0.0914 }
 */
export function gapMeaning(gapMW: number, baselineMW: number, years: number): GapMeaning {
  const n = Math.max(1, years);
  return { years: n, mwPerYear: gapMW / n, growthRateFrac: baselineMW > 0 ? ((baselineMW + gapMW) / baselineMW) ** (1 / n) - 1 : null };
}

/** Whether a target counts a project. */
export function targetCounts(target: PortfolioTarget, project: Project): boolean {
  return target.technologies.includes(project.technology);
}

/** The waterfall of one capacity target (steps at the target year, by the target's metric); energy-targets.ts has the energy one. */
export function targetWaterfall(portfolio: Portfolio, target: PortfolioCapacityTarget): TargetWaterfall {
  const { unnamed } = portfolio;
  const metric = target.counts;
  const baselineMW = target.includeUnnamed ? unnamedMWAt(unnamed, metric, unnamed.baseYear) : 0;
  const sum = (stage: Stage, expected: boolean) => {
    let mw = 0;
    for (const p of portfolio.projects) if (p.stage === stage && targetCounts(target, p)) mw += p.capacityMW * countedShare(p, metric, target.year, expected);
    return mw;
  };
  const steps: WaterfallStep[] = [
    { step: 'today', plannedMW: baselineMW + sum('operating', false), expectedMW: baselineMW + sum('operating', true) },
    ...STEP_STAGES.map((stage) => ({ step: stage, plannedMW: sum(stage, false), expectedMW: sum(stage, true) })),
  ];
  const plannedMW = steps.reduce((s, x) => s + x.plannedMW, 0);
  const expectedMW = steps.reduce((s, x) => s + x.expectedMW, 0);
  const gapPlannedMW = Math.max(0, target.capacityMW - plannedMW);
  const gapExpectedMW = Math.max(0, target.capacityMW - expectedMW);
  const years = target.year - unnamed.baseYear;
  const unnamedGrowthMW = target.includeUnnamed ? unnamedMWAt(unnamed, metric, target.year) - baselineMW : 0;
  return {
    target,
    steps,
    plannedMW,
    expectedMW,
    gapPlannedMW,
    gapExpectedMW,
    gapPlanned: gapMeaning(gapPlannedMW, baselineMW, years),
    gapExpected: gapMeaning(gapExpectedMW, baselineMW, years),
    unnamedGrowthMW,
    totalPlannedMW: plannedMW + unnamedGrowthMW,
    totalExpectedMW: expectedMW + unnamedGrowthMW,
    remainingPlannedMW: Math.max(0, target.capacityMW - plannedMW - unnamedGrowthMW),
    remainingExpectedMW: Math.max(0, target.capacityMW - expectedMW - unnamedGrowthMW),
  };
}
