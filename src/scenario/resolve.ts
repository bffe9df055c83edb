/**
 * Scenario as written → ResolvedScenario, in visible steps:
 *   0. validate the shape (validate.ts: unknown keys, types, units of each quantity; file:line:col, "did you mean");
 *   1. parse quantities into internal units, distributions into uncertain parameters (quantities.ts);
 *   2. build the core's PlanInput, defaults filled (build-plan.ts), the physical yield computed by its own cached
 *      step (physical-step.ts → physical-yield.ts);
 *   2b. resolve the `finance:` section (finance-step.ts) into plan.finance;
 *   3. check the rules between fields and on the plan's outcome (rules.ts), which simulates the plan once
 *      (simulation.ts: the run report reuses that simulation);
 *   4. a scenario with projects or targets by technology: the portfolio sections (portfolio-sections.ts), the
 *      aggregate plan's simulation becoming the unnamed path (docs/portfolio.md);
 *   5. hash the content (hash.ts);
 *   6. check plausibility (plausibility.ts): values a planner almost never means become warnings, not errors.
 * Every problem and warning names the field; load.ts maps fields to lines.
 */
import type { PlanInput } from '../core/plan/types.ts';
import type { PlanUncertainty } from '../core/uncertainty/parameters.ts';
import { unnamedPathFromPlanRows } from '../core/portfolio/paths.ts';
import type { Portfolio, Stage, StageAssumption } from '../core/portfolio/types.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { buildPlan } from './build-plan.ts';
import { ScenarioError, type ScenarioProblem } from './errors.ts';
import { planHash } from './hash.ts';
import { loadScenarioChain, problemsAt, readTextFromDisk, type ReadText, type ScenarioChain, type SourceDoc } from './load.ts';
import { defaultPhysicalYield, type PhysicalYieldResolver } from './physical-step.ts';
import { physicalFullLoadHours, weatherBaseDirOfChain } from './physical-yield.ts';
import { checkPlausibility, checkPortfolioTargets, warningsAt, type ScenarioWarning } from './plausibility.ts';
import { Collector } from './quantities.ts';
import { hasPortfolio, resolvePortfolioSections, writtenBaselineMW, type WindYield } from './portfolio-sections.ts';
import { resolveFinance } from './finance-step.ts';
import { checkCorrelations, checkPlanOutcome } from './rules.ts';
import { planResult } from './simulation.ts';
import type { Scenario } from './schema.ts';
import { validateScenarioShape, type ValidationIssue } from './validate.ts';
import type { SystemYield } from '../core/storage/system-yield.ts';
import { defaultSystemResolver, resolveSystem, systemBaseDirsOfChain, windChainFullLoadHours, type SystemResolver } from './system-step.ts';
import { dirname } from 'node:path';

export { SCENARIO_DEFAULTS } from './defaults.ts';
export { canonicalJson, planHash } from './hash.ts';

/** The named projects of a scenario, resolved: the core Portfolio, the stage assumptions used, and warnings with file and line. */
export interface ResolvedPortfolio {
  readonly portfolio: Portfolio;
  readonly stageAssumptions: Readonly<Record<Stage, StageAssumption>>;
  readonly warnings: readonly ScenarioProblem[];
}

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
  /** The hourly system of the `system:` section, resolved (also when the yield does not come from it). */
  readonly system?: SystemYield;
  /** Values that are valid but implausible (a target below the baseline, 4035 g/kWh), with file, line and the likely intent. */
  readonly warnings: readonly ScenarioWarning[];
  /** Present when the scenario lists projects or targets by technology (docs/portfolio.md). */
  readonly portfolio?: ResolvedPortfolio;
}

/** Options of {@link resolvePlan}. */
export interface ResolvePlanOptions {
  /** How `yield.model: physical` gets its yield; default: synthetic years and absolute weather paths only. */
  readonly physicalYield?: PhysicalYieldResolver;
  /** How the `system:` section is resolved; default: absolute file paths only. */
  readonly system?: SystemResolver;
}

/** Turns a structurally valid scenario into the core's input (steps 1–3); returns the problems instead when there are any. */
export function resolvePlan(s: Scenario, options: ResolvePlanOptions = {}): { plan: PlanInput; uncertainty: PlanUncertainty; issues: ValidationIssue[]; system?: SystemYield } {
  const c = new Collector();
  const built = buildPlan(c, s, options.physicalYield ?? defaultPhysicalYield, options.system ?? defaultSystemResolver);
  const { needsTarget, system } = built;
  const finance = resolveFinance(c, s, built.plan, system);
  const plan: PlanInput = finance === undefined ? built.plan : { ...built.plan, finance };
  checkPlanOutcome(c, plan, needsTarget);
  const y = s.yield;
  const interannualSdFrac = y.interannualVariability === undefined ? 0 : c.fraction(y.interannualVariability, ['yield', 'interannualVariability'], { min: 0, max: 0.5 });
  const uncertainty: PlanUncertainty = { parameters: c.uncertain, correlations: checkCorrelations(c, s, c.uncertain), interannualSdFrac };
  return { plan, uncertainty, issues: c.issues, ...(system === undefined ? {} : { system }) };
}

/** Validates and resolves a loaded chain; throws ScenarioError listing every problem with its file and line. */
export function resolveChain(chain: ScenarioChain, readText: ReadText = readTextFromDisk): ResolvedScenario {
  const shapeIssues = validateScenarioShape(chain.merged);
  if (shapeIssues.length > 0) throw new ScenarioError(problemsAt(chain.chain, shapeIssues));
  const written = chain.merged as unknown as Scenario;
  const weatherBaseDir = weatherBaseDirOfChain(chain);
  const systemDirs = systemBaseDirsOfChain(chain);
  const { plan, uncertainty, issues, system } = resolvePlan(written, {
    physicalYield: (section) => physicalFullLoadHours({ ...section, weatherBaseDir }, readText),
    system: (c, spec, forPlan) => resolveSystem(c, spec, forPlan, systemDirs, readText),
  });
  // A project's weather file (wind chain) is read relative to the file of the chain that writes `projects`.
  const projectsFile = chain.chain.find((d) => d.data.projects !== undefined)?.file ?? chain.file;
  const windYield: WindYield = (spec, at) => windChainFullLoadHours(spec, at, dirname(projectsFile), readText);
  const sections = hasPortfolio(written) ? resolvePortfolioSections(written, written.capacity.baseline.year, writtenBaselineMW(written), windYield) : undefined;
  if (sections) issues.push(...sections.issues);
  if (issues.length > 0) throw new ScenarioError(problemsAt(chain.chain, issues));
  const portfolio: ResolvedPortfolio | undefined = sections && {
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
  };
  return {
    id: chain.id,
    file: chain.file,
    name: written.name,
    ...(written.region === undefined ? {} : { region: written.region }),
    ...(written.description === undefined ? {} : { description: written.description }),
    written,
    plan,
    uncertainty,
    hash: planHash(written.name, plan, uncertainty, portfolio && namedPart(portfolio.portfolio)),
    files: chain.chain.map((d: SourceDoc) => d.file),
    ...(system === undefined ? {} : { system }),
    warnings: warningsAt(chain.chain, [...checkPlausibility(written, plan), ...(portfolio ? checkPortfolioTargets(written, portfolio.portfolio) : [])]),
    ...(portfolio ? { portfolio } : {}),
  };
}

/** What the hash adds for a portfolio: everything but the unnamed path, which the plan already determines. */
function namedPart(p: Portfolio): unknown {
  return { projects: p.projects, targets: p.targets, signedInvestmentYuan: p.signedInvestmentYuan, correlation: p.correlation };
}

/** Loads, validates and resolves a scenario file (YAML or JSON) with its `extends` parents. */
export function loadScenario(file: string, readText: ReadText = readTextFromDisk): ResolvedScenario {
  return resolveChain(loadScenarioChain(file, readText), readText);
}

export { PVPLAN_VERSION };
