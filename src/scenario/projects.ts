/**
 * A scenario's portfolio: resolving checks and builds the sections (resolve.ts, portfolio-sections.ts); this module
 * gives every scenario one, so that `pvplan pipeline` also reads a file with only today's single capacity target.
 */
import { unnamedPathFromPlanRows } from '../core/portfolio/paths.ts';
import type { Portfolio, Stage, StageAssumption } from '../core/portfolio/types.ts';
import type { ScenarioProblem } from './errors.ts';
import { readTextFromDisk, type ReadText } from './load.ts';
import { resolvePortfolioSections, writtenBaselineMW } from './portfolio-sections.ts';
import { loadScenario, type ResolvedScenario } from './resolve.ts';
import { planResult } from './simulation.ts';

export { resolvePortfolioSections, type PortfolioSections } from './portfolio-sections.ts';

/** A scenario with its portfolio: the resolved aggregate plan, the core Portfolio and the warnings (with file and line). */
export interface LoadedPortfolio {
  readonly scenario: ResolvedScenario;
  readonly portfolio: Portfolio;
  readonly stageAssumptions: Readonly<Record<Stage, StageAssumption>>;
  readonly warnings: readonly ScenarioProblem[];
}

/**
 * The portfolio of a resolved scenario: the one resolving built, or for a scenario without projects and targets,
 * an empty list with capacity.target as its one target (that resolving already checked).
 */
export function portfolioOf(scenario: ResolvedScenario): LoadedPortfolio {
  if (scenario.portfolio) return { scenario, ...scenario.portfolio };
  const { written, plan } = scenario;
  const sections = resolvePortfolioSections(written, written.capacity.baseline.year, writtenBaselineMW(written));
  const portfolio: Portfolio = {
    projects: [],
    targets: sections.targets,
    unnamed: unnamedPathFromPlanRows(planResult(plan).years, plan.capacity.baseYear),
    startYear: plan.startYear,
    endYear: plan.endYear,
  };
  return { scenario, portfolio, stageAssumptions: sections.stageAssumptions, warnings: [] };
}

/** Loads a scenario file with its projects (`extends`, the schema, the plan, the portfolio sections; every problem with its file and line). */
export function loadPortfolio(file: string, readText: ReadText = readTextFromDisk): LoadedPortfolio {
  return portfolioOf(loadScenario(file, readText));
}
