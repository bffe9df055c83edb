/**
 * Resolving a scenario, synchronously and with every step at hand: the steps themselves and their order are in
 * resolve-steps.ts; this module passes it every optional step (physical yield, system, finance, portfolio), for the
 * library, the server and the commands that read many scenarios. A command that starts cold for one scenario uses
 * loadScenarioWithSteps (resolve-steps.ts), which loads only the steps the scenario needs.
 */
import type { PlanInput } from '../core/plan/types.ts';
import type { PlanUncertainty } from '../core/uncertainty/parameters.ts';
import type { SystemYield } from '../core/storage/system-yield.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { loadScenarioChain, readTextFromDisk, type ReadText, type ScenarioChain } from './load.ts';
import { ALL_STEPS } from './optional-steps.ts';
import { resolveChainWith, resolvePlanWith, type ResolvedScenario, type ResolvePlanOptions } from './resolve-steps.ts';
import type { Scenario } from './schema.ts';
import type { ValidationIssue } from './validate.ts';

export { SCENARIO_DEFAULTS } from './defaults.ts';
export { canonicalJson, planHash } from './hash.ts';
export type { ResolvedPortfolio, ResolvedScenario, ResolvePlanOptions } from './resolve-steps.ts';

/** Turns a structurally valid scenario into the core's input (steps 1–3); returns the problems instead when there are any. */
export function resolvePlan(s: Scenario, options: ResolvePlanOptions = {}): { plan: PlanInput; uncertainty: PlanUncertainty; issues: ValidationIssue[]; system?: SystemYield } {
  return resolvePlanWith(s, options, ALL_STEPS);
}

/** Validates and resolves a loaded chain; throws ScenarioError listing every problem with its file and line. */
export function resolveChain(chain: ScenarioChain, readText: ReadText = readTextFromDisk): ResolvedScenario {
  return resolveChainWith(chain, readText, ALL_STEPS);
}

/** Loads, validates and resolves a scenario file (YAML or JSON) with its `extends` parents. */
export function loadScenario(file: string, readText: ReadText = readTextFromDisk): ResolvedScenario {
  return resolveChain(loadScenarioChain(file, readText), readText);
}

export { PVPLAN_VERSION };
