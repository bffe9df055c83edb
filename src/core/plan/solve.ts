/**
 * What it takes to meet a plan's target: the growth rate or yearly additions for a capacity target,
 * and the capacity or full-load hours for an energy or coal target. Energy is linear in capacity and
 * in full-load hours (cohorts.ts), so both are solved exactly by scaling.
 */
import { energyForAvoidedTonnesMWh } from './emissions.ts';
import { PlanError } from '../errors.ts';
import { growthPath, requiredCagrFrac, requiredLinearAdditionsMWPerYear } from './growth.ts';
import { seriesValueAt } from '../series.ts';
import { simulatePlan, TARGET_MET_REL_TOL } from './simulate.ts';
import type { PlanInput } from './types.ts';

export interface CapacitySolution {
  readonly fromYear: number;
  readonly fromMW: number;
  readonly year: number;
  readonly targetMW: number;
  /** target / baseline, e.g. 4 for 翻两番. */
  readonly multiple: number;
  readonly requiredCagrFrac: number;
  /** Net additions per year for a straight-line path, MW/yr. */
  readonly requiredLinearAdditionsMWPerYear: number;
  /** Largest capacity reachable in the target year under the additions cap (Infinity without a cap), MW. */
  readonly maxReachableMW: number;
}

export interface EnergySolution {
  readonly year: number;
  readonly kind: 'energy' | 'coal';
  readonly targetEnergyMWh: number;
  readonly targetCoalTonnes?: number;
  readonly plannedEnergyMWh: number;
  /** Factor by which capacity (the whole path) or full-load hours must be multiplied. */
  readonly requiredMultiplier: number;
  readonly requiredCapacityMW: number;
  readonly requiredOperatingMW: number;
  readonly requiredFullLoadHoursH: number;
}

export interface Solution {
  readonly capacity?: CapacitySolution;
  readonly energy?: EnergySolution;
}

/** Largest built + under-construction capacity reachable in `year` when every year adds the cap (net of retirements), MW. */
export function maxReachableCapacityMW(plan: PlanInput, year: number): number {
  const cap = plan.capacity.maxAdditionsMWPerYear;
  if (cap === undefined) return Number.POSITIVE_INFINITY;
  const nYears = plan.endYear - plan.capacity.baseYear + 1;
  const greedy = new Float64Array(nYears).fill(Number.POSITIVE_INFINITY);
  greedy[0] = plan.capacity.baselineMW;
  const result = simulatePlan(plan, { capacityMW: greedy, baseYear: plan.capacity.baseYear, model: plan.capacity.growth.model, parameters: {} });
  return result.years.find((r) => r.year === year)?.capacityMW ?? Number.NaN;
}

/** Throws a PlanError when the capacity target cannot be met in its year under the additions cap. */
export function assertTargetReachable(plan: PlanInput): void {
  const t = plan.capacity.target;
  if (!t || t.capacityMW === undefined || plan.capacity.maxAdditionsMWPerYear === undefined) return;
  const maxMW = maxReachableCapacityMW(plan, t.year);
  if (maxMW < t.capacityMW * (1 - TARGET_MET_REL_TOL)) {
    throw new PlanError(
      `the target of ${t.capacityMW} MW in ${t.year} is unreachable under the additions cap of ${plan.capacity.maxAdditionsMWPerYear} MW/yr: at most ${maxMW.toFixed(1)} MW can be reached by then`,
      'capacity.maxAdditionsPerYear',
    );
  }
}

/** Solves a plan's target(s): required CAGR and linear additions for a capacity target; required capacity or hours for an energy/coal target. */
export function solvePlan(plan: PlanInput): Solution {
  const t = plan.capacity.target;
  if (!t) throw new PlanError('the scenario has no target to solve for', 'capacity.target');
  let capacity: CapacitySolution | undefined;
  if (t.capacityMW !== undefined) {
    const { baseYear, baselineMW } = plan.capacity;
    const n = t.year - baseYear;
    if (n <= 0) throw new PlanError(`the target year ${t.year} must come after the base year ${baseYear}`, 'capacity.target.year');
    capacity = {
      fromYear: baseYear,
      fromMW: baselineMW,
      year: t.year,
      targetMW: t.capacityMW,
      multiple: t.capacityMW / baselineMW,
      requiredCagrFrac: requiredCagrFrac(baselineMW, t.capacityMW, n),
      requiredLinearAdditionsMWPerYear: requiredLinearAdditionsMWPerYear(baselineMW, t.capacityMW, n),
      maxReachableMW: maxReachableCapacityMW(plan, t.year),
    };
    assertTargetReachable(plan);
  }
  let energy: EnergySolution | undefined;
  if (t.energyMWh !== undefined || t.coalTonnes !== undefined) {
    const kind = t.energyMWh !== undefined ? 'energy' : 'coal';
    const targetEnergyMWh = t.energyMWh ?? energyForAvoidedTonnesMWh(t.coalTonnes!, seriesValueAt(plan.savings.coalTonnesPerMWh, t.year));
    const result = simulatePlan(plan, growthPath(plan));
    const row = result.years.find((r) => r.year === t.year);
    if (!row) throw new PlanError(`the target year ${t.year} is outside the scenario's years`, 'capacity.target.year');
    if (!(row.energyMWh > 0)) {
      throw new PlanError(`the plan produces no energy in ${t.year}, so no multiple of its capacity or hours can meet the target`, 'capacity.target');
    }
    const m = targetEnergyMWh / row.energyMWh;
    energy = {
      year: t.year,
      kind,
      targetEnergyMWh,
      ...(t.coalTonnes === undefined ? {} : { targetCoalTonnes: t.coalTonnes }),
      plannedEnergyMWh: row.energyMWh,
      requiredMultiplier: m,
      requiredCapacityMW: row.capacityMW * m,
      requiredOperatingMW: row.operatingMW * m,
      requiredFullLoadHoursH: seriesValueAt(plan.yield.fullLoadHours, t.year) * m,
    };
  }
  return { ...(capacity ? { capacity } : {}), ...(energy ? { energy } : {}) };
}
