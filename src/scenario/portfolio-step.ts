/**
 * The portfolio step of resolving a scenario (resolve-steps.ts, step 4): the named projects and targets by
 * technology (portfolio-sections.ts) with the aggregate plan's simulation as the unnamed path (docs/portfolio.md).
 * Its own module so that a scenario without projects or targets never loads it.
 */
import { dirname } from 'node:path';
import { unnamedPathFromPlanRows } from '../core/portfolio/paths.ts';
import type { Portfolio, Stage, StageAssumption } from '../core/portfolio/types.ts';
import type { PlanInput } from '../core/plan/types.ts';
import type { ScenarioProblem } from './errors.ts';
import { problemsAt, type ScenarioChain } from './load.ts';
import { resolvePortfolioSections, writtenBaselineMW } from './portfolio-sections.ts';
import type { Scenario } from './schema.ts';
import { planResult } from './simulation.ts';
import type { WindChainSpec } from './system-step.ts';
import type { ValidationIssue } from './validate.ts';

/** The named projects of a scenario, resolved: the core Portfolio, the stage assumptions used, and warnings with file and line. */
export interface ResolvedPortfolio {
  readonly portfolio: Portfolio;
  readonly stageAssumptions: Readonly<Record<Stage, StageAssumption>>;
  readonly warnings: readonly ScenarioProblem[];
}

/** A wind project's own yield chain (system-step.ts windChainFullLoadHours), its weather read relative to `baseDir`. */
export type WindChainYield = (spec: WindChainSpec, at: string[], baseDir: string) => { fullLoadHours?: number; issues: ReadonlyArray<{ path: string[]; message: string }> };

/**
 * The sections of a scenario with projects or targets by technology: their problems, and the resolved portfolio
 * to build once the caller has found no problem at all (it simulates the plan for the unnamed path).
 */
export function resolvePortfolioStep(
  chain: ScenarioChain,
  written: Scenario,
  windChain: WindChainYield,
): { issues: ValidationIssue[]; portfolio: (plan: PlanInput) => ResolvedPortfolio } {
  // A project's weather file (wind chain) is read relative to the file of the chain that writes `projects`.
  const projectsDir = dirname(chain.chain.find((d) => d.data.projects !== undefined)?.file ?? chain.file);
  const sections = resolvePortfolioSections(written, written.capacity.baseline.year, writtenBaselineMW(written), (spec, at) => windChain(spec, at, projectsDir));
  const portfolio = (plan: PlanInput): ResolvedPortfolio => ({
    portfolio: {
      projects: sections.projects,
      targets: sections.targets,
      unnamed: unnamedPathFromPlanRows(planResult(plan).years, plan.capacity.baseYear),
      startYear: plan.startYear,
      endYear: plan.endYear,
      ...(sections.signedInvestmentYuan === undefined ? {} : { signedInvestmentYuan: sections.signedInvestmentYuan }),
      ...(sections.correlation ? { correlation: sections.correlation } : {}),
    },
    stageAssumptions: sections.stageAssumptions,
    warnings: problemsAt(chain.chain, sections.warnings),
  });
  return { issues: sections.issues, portfolio };
}

/** What the hash adds for a portfolio: everything but the unnamed path, which the plan already determines. */
export function namedPart(p: Portfolio): unknown {
  return { projects: p.projects, targets: p.targets, signedInvestmentYuan: p.signedInvestmentYuan, correlation: p.correlation };
}
