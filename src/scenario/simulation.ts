/**
 * The last step of resolving and running a scenario: simulate the plan, once. A resolved plan's growth path and
 * simulation are kept with the plan object, so the rule that checks a solved path against the additions cap and
 * the run report share one simulation.
 */
import { growthPath, type GrowthPath } from '../core/plan/growth.ts';
import { simulatePlan, type PlanResult } from '../core/plan/simulate.ts';
import type { PlanInput } from '../core/plan/types.ts';

const paths = new WeakMap<PlanInput, GrowthPath>();
const results = new WeakMap<PlanInput, PlanResult>();

/** The growth path of a plan (built + under construction, MW by year from the base year), computed once per plan object. */
export function planPath(plan: PlanInput): GrowthPath {
  let path = paths.get(plan);
  if (path === undefined) paths.set(plan, (path = growthPath(plan)));
  return path;
}

/**
 * The simulation of a plan (simulatePlan: yearly capacity, energy, savings, target outcome), computed once per
 * plan object. Callers read it and never change it.
 */
export function planResult(plan: PlanInput): PlanResult {
  let result = results.get(plan);
  if (result === undefined) results.set(plan, (result = simulatePlan(plan, planPath(plan))));
  return result;
}
