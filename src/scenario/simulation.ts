/**
 * The last step of resolving and running a scenario: simulate the plan, once. The growth paths and simulations of
 * the plans last asked about are kept by plan object, so the rule that checks a solved path against the additions
 * cap and the run report share one simulation.
 */
import { growthPath, type GrowthPath } from '../core/plan/growth.ts';
import { simulatePlan, type PlanResult } from '../core/plan/simulate.ts';
import type { PlanInput } from '../core/plan/types.ts';

/** A plan with its growth path and simulation, each computed when first asked for. */
interface PlanMemo {
  readonly plan: PlanInput;
  path?: GrowthPath;
  result?: PlanResult;
}

/**
 * Plans remembered, most recent first. A run resolves its plan and then reports it (`pvplan compare` resolves all
 * its files first, then reports them), so a short list keeps one simulation a run. Strong references in a short
 * list, not a WeakMap keyed by plan: the server resolves a new plan for every what-if, and a weak entry for each
 * short-lived plan costs the garbage collector more than the look-up saves.
 */
export const REMEMBERED_PLANS = 16;

const remembered: PlanMemo[] = [];

function memoOf(plan: PlanInput): PlanMemo {
  for (const m of remembered) if (m.plan === plan) return m;
  const m: PlanMemo = { plan };
  remembered.unshift(m);
  if (remembered.length > REMEMBERED_PLANS) remembered.pop();
  return m;
}

/** The growth path of a plan (built + under construction, MW by year from the base year), computed once while the plan is remembered. */
export function planPath(plan: PlanInput): GrowthPath {
  const m = memoOf(plan);
  m.path ??= growthPath(plan);
  return m.path;
}

/**
 * The simulation of a plan (simulatePlan: yearly capacity, energy, savings, target outcome), computed once while
 * the plan is remembered. Callers read it and never change it.
 */
export function planResult(plan: PlanInput): PlanResult {
  const m = memoOf(plan);
  m.result ??= simulatePlan(plan, planPath(plan));
  return m.result;
}
