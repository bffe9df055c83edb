/**
 * Wiring only: growth path → cohorts (stock, additions, retirements) → energy → savings → summary.
 * The physics and the formulas live in growth.ts, cohorts.ts and emissions.ts.
 */
import { COMMISSIONING_OFFSET_YEARS, cohortEnergyMWh, completedOperatingYears, degradationFactor, operatingFractionOfYear } from './cohorts.ts';
import { avoidedTonnes } from './emissions.ts';
import { growthPath, type GrowthPath } from './growth.ts';
import { seriesValueAt } from './series.ts';
import type { PlanInput, YearResult } from './types.ts';

/** Relative tolerance for "target met": solved paths land on the target up to rounding. */
export const TARGET_MET_REL_TOL = 1e-9;

export interface TargetOutcome {
  readonly year: number;
  readonly capacityMW: number;
  /** Built + under construction in the target year, MW. */
  readonly capacityInTargetYearMW: number;
  /** First year the capacity reaches the target, or null if it never does within the horizon. */
  readonly metYear: number | null;
  readonly metInTargetYear: boolean;
  /** Target minus capacity in the target year (0 when met), MW. */
  readonly shortfallMW: number;
}

export interface PlanResult {
  readonly years: YearResult[];
  readonly growth: GrowthPath;
  readonly target: TargetOutcome | null;
  readonly warnings: string[];
}

interface Cohort {
  capacityMW: number;
  /** Fractional year operation starts (e.g. 2024.5). */
  commissionedAt: number;
  /** Calendar year in which it leaves the stock. */
  retirementYear: number;
}

function makeCohort(capacityMW: number, commissionedAt: number, lifetimeYears: number): Cohort {
  return { capacityMW, commissionedAt, retirementYear: Math.floor(commissionedAt + lifetimeYears) };
}

/** Cohorts standing at the end of the base year: history increments, or the baseline split into operating and under construction. */
function baselineCohorts(plan: PlanInput): Cohort[] {
  const { baseYear, baselineMW, historyMW, constructionLagYears: lag, lifetimeYears } = plan.capacity;
  const offset = COMMISSIONING_OFFSET_YEARS[plan.yield.commissioning];
  const cohorts: Cohort[] = [];
  if (historyMW && historyMW.length > 0) {
    let previous = 0;
    for (const point of historyMW) {
      if (point.year > baseYear) break;
      const increment = point.value - previous;
      if (increment > 0) cohorts.push(makeCohort(increment, point.year + lag + offset, lifetimeYears));
      previous = point.value;
    }
    if (baselineMW > previous) cohorts.push(makeCohort(baselineMW - previous, baseYear + lag + offset, lifetimeYears));
    // A history older than the plant lifetime would retire capacity before the plan starts; the baseline is the stock as stated, so keep it until the first plan year.
    for (const c of cohorts) if (c.retirementYear <= baseYear) c.retirementYear = baseYear + 1;
    return cohorts;
  }
  const operatingMW = Math.min(plan.capacity.baselineOperatingMW ?? baselineMW, baselineMW);
  if (operatingMW > 0) cohorts.push(makeCohort(operatingMW, baseYear, lifetimeYears));
  if (baselineMW > operatingMW) cohorts.push(makeCohort(baselineMW - operatingMW, baseYear + lag + offset, lifetimeYears));
  return cohorts;
}

/** Runs a plan: capacity stock, operating capacity, energy and savings for every year from the base year to the end year. */
export function simulatePlan(plan: PlanInput, path: GrowthPath = growthPath(plan)): PlanResult {
  const { baseYear, lifetimeYears, constructionLagYears: lag, maxAdditionsMWPerYear } = plan.capacity;
  const y = plan.yield;
  const s = plan.savings;
  const offset = COMMISSIONING_OFFSET_YEARS[y.commissioning];
  const cohorts = baselineCohorts(plan);
  const warnings: string[] = [];
  const rows: YearResult[] = [];
  let stockMW = plan.capacity.baselineMW;
  let cumEnergy = 0;
  let cumCoal = 0;
  let cumCo2 = 0;

  for (let year = baseYear; year <= plan.endYear; year++) {
    let additionsMW = 0;
    let retirementsMW = 0;
    if (year > baseYear) {
      for (const c of cohorts) if (c.retirementYear === year) retirementsMW += c.capacityMW;
      const remaining = stockMW - retirementsMW;
      const desired = path.capacityMW[year - baseYear]!;
      additionsMW = Math.max(0, desired - remaining);
      if (maxAdditionsMWPerYear !== undefined && additionsMW > maxAdditionsMWPerYear) {
        warnings.push(`${year}: additions capped at ${maxAdditionsMWPerYear} MW (the path asked for ${additionsMW.toFixed(1)} MW)`);
        additionsMW = maxAdditionsMWPerYear;
      }
      if (additionsMW > 0) cohorts.push(makeCohort(additionsMW, year + lag + offset, lifetimeYears));
      // When the path is followed (not capped, not declining faster than retirements) the stock is the path itself, exactly.
      stockMW = additionsMW > 0 && additionsMW === desired - remaining ? desired : remaining + additionsMW;
    }

    const hoursH = seriesValueAt(y.fullLoadHours, year);
    const curtailmentFrac = seriesValueAt(y.curtailmentFrac, year);
    let operatingMW = 0;
    let energyMWh = 0;
    for (const c of cohorts) {
      if (c.retirementYear > year && c.commissionedAt <= year + 1) operatingMW += c.capacityMW;
      // A cohort retiring mid-year is out of the end-of-year stock but still produced part of the year.
      const opFrac = operatingFractionOfYear(year, c.commissionedAt, lifetimeYears);
      if (opFrac === 0) continue;
      const deg = degradationFactor(completedOperatingYears(year, c.commissionedAt), y.firstYearDegradationFrac, y.annualDegradationFrac, y.degradationMode);
      energyMWh += cohortEnergyMWh(c.capacityMW, hoursH, opFrac, deg, y.availabilityFrac, curtailmentFrac);
    }

    const coalTonnes = avoidedTonnes(energyMWh, seriesValueAt(s.coalTonnesPerMWh, year));
    const co2Tonnes = avoidedTonnes(energyMWh, seriesValueAt(s.co2TonnesPerMWh, year));
    // Cumulative columns are running sums over the reported years (from years.start).
    if (year >= plan.startYear) {
      cumEnergy += energyMWh;
      cumCoal += coalTonnes;
      cumCo2 += co2Tonnes;
    }
    rows.push({
      year,
      capacityMW: stockMW,
      operatingMW,
      additionsMW,
      retirementsMW,
      energyMWh,
      coalTonnes,
      co2Tonnes,
      ...(s.so2TonnesPerMWh === undefined ? {} : { so2Tonnes: avoidedTonnes(energyMWh, seriesValueAt(s.so2TonnesPerMWh, year)) }),
      ...(s.noxTonnesPerMWh === undefined ? {} : { noxTonnes: avoidedTonnes(energyMWh, seriesValueAt(s.noxTonnesPerMWh, year)) }),
      cumulativeEnergyMWh: cumEnergy,
      cumulativeCoalTonnes: cumCoal,
      cumulativeCo2Tonnes: cumCo2,
    });
  }
  return { years: rows, growth: path, target: targetOutcome(plan, rows), warnings };
}

/** Whether and when the capacity target is met, and the shortfall in the target year. */
export function targetOutcome(plan: PlanInput, rows: readonly YearResult[]): TargetOutcome | null {
  const t = plan.capacity.target;
  if (!t || t.capacityMW === undefined) return null;
  const goal = t.capacityMW;
  const reached = (mw: number) => mw >= goal * (1 - TARGET_MET_REL_TOL);
  const met = rows.find((r) => reached(r.capacityMW));
  const inTarget = rows.find((r) => r.year === t.year);
  const capacityInTargetYearMW = inTarget?.capacityMW ?? Number.NaN;
  const metInTargetYear = inTarget !== undefined && reached(inTarget.capacityMW);
  return {
    year: t.year,
    capacityMW: goal,
    capacityInTargetYearMW,
    metYear: met ? met.year : null,
    metInTargetYear,
    shortfallMW: metInTargetYear ? 0 : goal - capacityInTargetYearMW,
  };
}
