/**
 * Scenario as written → ResolvedScenario, in visible steps:
 *   0. validate the shape (validate.ts: unknown keys, types, units of each quantity; file:line:col, "did you mean");
 *   1. parse quantities into internal units, distributions into uncertain parameters (quantities.ts);
 *   2. build the core's PlanInput, defaults filled (build-plan.ts), the physical yield computed by its own cached
 *      step (physical-step.ts → physical-yield.ts) and the `system:` section by system-step.ts;
 *   2b. resolve the `finance:` section (finance-step.ts) into plan.finance;
 *   3. check the rules between fields and on the plan's outcome (rules.ts), which simulates the plan once
 *      (simulation.ts: the run report reuses that simulation);
 *   4. a scenario with projects or targets by technology: the portfolio sections (portfolio-step.ts), the
 *      aggregate plan's simulation becoming the unnamed path (docs/portfolio.md);
 *   5. hash the content (hash.ts);
 *   6. check plausibility (plausibility.ts): values a planner almost never means become warnings, not errors.
 * Every problem and warning names the field; load.ts maps fields to lines.
 *
 * The steps of sections a scenario may leave out (physical yield, system, finance, portfolio) are modules of their
 * own, passed in as {@link ResolutionSteps}: resolve.ts passes all of them (synchronous, for every caller), and
 * {@link loadScenarioWithSteps} loads only those the scenario's sections need, so a plain scenario never loads
 * the weather readers, the PV chain, storage dispatch or finance.
 */
import type { PlanInput } from '../core/plan/types.ts';
import type { PlanUncertainty } from '../core/uncertainty/parameters.ts';
import type { SystemYield } from '../core/storage/system-yield.ts';
import { buildPlan } from './build-plan.ts';
import { ScenarioError } from './errors.ts';
import { planHash } from './hash.ts';
import { loadScenarioChain, problemsAt, readTextFromDisk, type ReadText, type ScenarioChain, type SourceDoc } from './load.ts';
import type { PhysicalYieldResolver } from './physical-step.ts';
import { checkPlausibility, checkPortfolioTargets, warningsAt, type ScenarioWarning } from './plausibility.ts';
import { Collector } from './quantities.ts';
import { checkCorrelations, checkPlanOutcome } from './rules.ts';
import type { Scenario } from './schema.ts';
import { validateScenarioShape, type ValidationIssue } from './validate.ts';
import type * as FinanceStep from './finance-step.ts';
import type * as PhysicalYieldStep from './physical-yield.ts';
import type * as PortfolioStep from './portfolio-step.ts';
import type { ResolvedPortfolio } from './portfolio-step.ts';
import type * as SystemStep from './system-step.ts';

export type { ResolvedPortfolio } from './portfolio-step.ts';

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

/** Options of resolvePlan. */
export interface ResolvePlanOptions {
  /** How `yield.model: physical` gets its yield; default: synthetic years and absolute weather paths only. */
  readonly physicalYield?: PhysicalYieldResolver;
  /** How the `system:` section is resolved; default: absolute file paths only. */
  readonly system?: SystemStep.SystemResolver;
}

/** The modules of the optional steps; a scenario needs those {@link stepsNeeded} names. */
export interface ResolutionSteps {
  /** `yield.model: physical` (and the PV generators of a system). */
  readonly physical?: typeof PhysicalYieldStep;
  /** The `system:` section, and wind projects' yield chains. */
  readonly system?: typeof SystemStep;
  /** The `finance:` section. */
  readonly finance?: typeof FinanceStep;
  /** Named projects and targets by technology. */
  readonly portfolio?: typeof PortfolioStep;
}

export type StepName = keyof ResolutionSteps;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const nonEmpty = (x: unknown) => Array.isArray(x) && x.length > 0;

/**
 * The optional steps a merged scenario's sections call for: physical for `yield.model: physical`, system for a
 * `system:` section (its PV generators run the physical chain too) or projects (a wind project's own yield chain),
 * finance for `finance:`, portfolio for projects or targets by technology. Reads the document before validation,
 * so it only looks, never assumes a shape.
 */
export function stepsNeeded(merged: unknown): StepName[] {
  const s = isRecord(merged) ? merged : {};
  const portfolio = nonEmpty(s.projects) || nonEmpty(s.targets);
  const system = s.system !== undefined || s.projects !== undefined;
  const physical = system || (isRecord(s.yield) && s.yield.model === 'physical');
  const names: StepName[] = [];
  if (physical) names.push('physical');
  if (system) names.push('system');
  if (s.finance !== undefined) names.push('finance');
  if (portfolio) names.push('portfolio');
  return names;
}

/** The module of a step the scenario needs; a missing one is a wiring error of the caller, not bad input. */
function step<K extends StepName>(steps: ResolutionSteps, name: K): NonNullable<ResolutionSteps[K]> {
  const m = steps[name];
  if (m === undefined) throw new Error(`resolution: the '${name}' step is needed by this scenario but was not loaded`);
  return m as NonNullable<ResolutionSteps[K]>;
}

/** Steps 1–3 with the given step modules (resolvePlan in resolve.ts passes them all). */
export function resolvePlanWith(
  s: Scenario,
  options: ResolvePlanOptions,
  steps: ResolutionSteps,
): { plan: PlanInput; uncertainty: PlanUncertainty; issues: ValidationIssue[]; system?: SystemYield } {
  const c = new Collector();
  const physicalYield: PhysicalYieldResolver = options.physicalYield ?? ((section) => step(steps, 'physical').defaultPhysicalYield(section));
  const systemResolver: SystemStep.SystemResolver = options.system ?? ((cc, spec, forPlan) => step(steps, 'system').defaultSystemResolver(cc, spec, forPlan));
  const built = buildPlan(c, s, physicalYield, systemResolver, (system) => step(steps, 'system').deliveredFullLoadHours(system));
  const { needsTarget, system } = built;
  const finance = s.finance === undefined ? undefined : step(steps, 'finance').resolveFinance(c, s, built.plan, system);
  const plan: PlanInput = finance === undefined ? built.plan : { ...built.plan, finance };
  checkPlanOutcome(c, plan, needsTarget);
  const y = s.yield;
  const interannualSdFrac = y.interannualVariability === undefined ? 0 : c.fraction(y.interannualVariability, ['yield', 'interannualVariability'], { min: 0, max: 0.5 });
  const uncertainty: PlanUncertainty = { parameters: c.uncertain, correlations: checkCorrelations(c, s, c.uncertain), interannualSdFrac };
  return { plan, uncertainty, issues: c.issues, ...(system === undefined ? {} : { system }) };
}

/** Validates and resolves a loaded chain with the given step modules; throws ScenarioError listing every problem with its file and line. */
export function resolveChainWith(chain: ScenarioChain, readText: ReadText, steps: ResolutionSteps): ResolvedScenario {
  const shapeIssues = validateScenarioShape(chain.merged);
  if (shapeIssues.length > 0) throw new ScenarioError(problemsAt(chain.chain, shapeIssues));
  const written = chain.merged as unknown as Scenario;
  const { plan, uncertainty, issues, system } = resolvePlanWith(
    written,
    {
      physicalYield: (section) => {
        const physical = step(steps, 'physical');
        return physical.physicalFullLoadHours({ ...section, weatherBaseDir: physical.weatherBaseDirOfChain(chain) }, readText);
      },
      system: (c, spec, forPlan) => {
        const systemStep = step(steps, 'system');
        return systemStep.resolveSystem(c, spec, forPlan, systemStep.systemBaseDirsOfChain(chain), readText);
      },
    },
    steps,
  );
  const sections = stepsNeeded(written).includes('portfolio')
    ? step(steps, 'portfolio').resolvePortfolioStep(chain, written, (spec, at, baseDir) => step(steps, 'system').windChainFullLoadHours(spec, at, baseDir, readText))
    : undefined;
  if (sections) issues.push(...sections.issues);
  if (issues.length > 0) throw new ScenarioError(problemsAt(chain.chain, issues));
  const portfolio = sections?.portfolio(plan);
  return {
    id: chain.id,
    file: chain.file,
    name: written.name,
    ...(written.region === undefined ? {} : { region: written.region }),
    ...(written.description === undefined ? {} : { description: written.description }),
    written,
    plan,
    uncertainty,
    hash: planHash(written.name, plan, uncertainty, portfolio && step(steps, 'portfolio').namedPart(portfolio.portfolio)),
    files: chain.chain.map((d: SourceDoc) => d.file),
    ...(system === undefined ? {} : { system }),
    warnings: warningsAt(chain.chain, [...checkPlausibility(written, plan), ...(portfolio ? checkPortfolioTargets(written, portfolio.portfolio) : [])]),
    ...(portfolio ? { portfolio } : {}),
  };
}

/** The step modules a merged scenario needs: none for a scenario without optional sections, else all of them at once. */
export async function loadSteps(merged: unknown): Promise<ResolutionSteps> {
  return stepsNeeded(merged).length === 0 ? {} : (await import('./optional-steps.ts')).ALL_STEPS;
}

/**
 * Loads, validates and resolves a scenario file like loadScenario (resolve.ts), loading only the step modules its
 * sections need: the same result, for a command that starts cold and reads one scenario.
 */
export async function loadScenarioWithSteps(file: string, readText: ReadText = readTextFromDisk): Promise<ResolvedScenario> {
  const chain = loadScenarioChain(file, readText);
  return resolveChainWith(chain, readText, await loadSteps(chain.merged));
}
