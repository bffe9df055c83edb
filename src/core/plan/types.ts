import type { YearSeries } from '../series.ts';
import type { SystemYield } from '../storage/system-yield.ts';
import type { PlanFinance } from '../finance/plan-finance.ts';

/** Capacity growth models; each resolves to a path of built + under-construction capacity (MW) by year. */
export type GrowthModelName = 'cagr' | 'linear' | 'logistic' | 'additions' | 'milestones' | 'trend' | 'formula';
export const GROWTH_MODEL_NAMES: readonly GrowthModelName[] = ['cagr', 'linear', 'logistic', 'additions', 'milestones', 'trend', 'formula'];

/** What follows a cagr/linear path after its `untilYear`: a constant yearly growth rate (0 = hold). */
export interface AfterPhase {
  readonly rateFrac: number;
}

export type GrowthModel =
  | { readonly model: 'cagr'; readonly rateFrac?: number; readonly fromYear?: number; readonly untilYear?: number; readonly after?: AfterPhase }
  | { readonly model: 'linear'; readonly additionsMWPerYear?: number; readonly fromYear?: number; readonly untilYear?: number; readonly after?: AfterPhase }
  | { readonly model: 'logistic'; readonly saturationMW: number; readonly steepnessPerYear?: number }
  | { readonly model: 'additions'; readonly additionsMW: ReadonlyArray<{ readonly year: number; readonly value: number }> }
  | { readonly model: 'milestones'; readonly pointsMW: ReadonlyArray<{ readonly year: number; readonly value: number }> }
  | { readonly model: 'trend'; readonly fit: 'exponential' | 'logistic'; readonly saturationMW?: number }
  | { readonly model: 'formula'; readonly expression: string; readonly capacityMWAt: (year: number) => number };

export type DegradationMode = 'linear' | 'compounding';
export const DEGRADATION_MODES: readonly DegradationMode[] = ['linear', 'compounding'];

/**
 * When in its first operating year a cohort starts producing:
 * 'mid-year' (half a year of energy), 'full-year' (from 1 January), 'year-end' (none in that year).
 */
export type CommissioningConvention = 'mid-year' | 'full-year' | 'year-end';
export const COMMISSIONING_CONVENTIONS: readonly CommissioningConvention[] = ['mid-year', 'full-year', 'year-end'];

export interface CapacityTarget {
  readonly year: number;
  /** Built + under construction (在建+在运) capacity to reach, MW. */
  readonly capacityMW?: number;
  /** Energy to produce in `year`, MWh (for solve). */
  readonly energyMWh?: number;
  /** Coal to save in `year`, t (for solve). */
  readonly coalTonnes?: number;
}

/** A scenario with defaults filled and every quantity in internal units: the core's only input. */
export interface PlanInput {
  readonly startYear: number;
  readonly endYear: number;
  readonly capacity: {
    readonly baseYear: number;
    /** Built + under construction at the end of the base year, MW. */
    readonly baselineMW: number;
    /** Of the baseline, operating at the end of the base year, MW (defaults to all of it when there is no history). */
    readonly baselineOperatingMW?: number;
    /** Past built + under-construction capacity by year (end of year), MW; its increments are the baseline cohorts. */
    readonly historyMW?: ReadonlyArray<{ readonly year: number; readonly value: number }>;
    readonly target?: CapacityTarget;
    readonly growth: GrowthModel;
    readonly maxAdditionsMWPerYear?: number;
    /** Years from entering construction to operating. */
    readonly constructionLagYears: number;
    /** Operating years before retirement. */
    readonly lifetimeYears: number;
  };
  readonly yield: {
    /** Full-load hours of a new plant before degradation, availability and curtailment, h/yr (= kWh/kWp/yr). */
    readonly fullLoadHours: YearSeries;
    readonly firstYearDegradationFrac: number;
    readonly annualDegradationFrac: number;
    readonly degradationMode: DegradationMode;
    readonly availabilityFrac: number;
    readonly curtailmentFrac: YearSeries;
    readonly commissioning: CommissioningConvention;
    /**
     * The hourly system the full-load hours come from (`yield.model: system`): they are its delivered MWh per MW of
     * generating capacity (deliveredFullLoadHours), recomputed when an uncertain input of the system is drawn.
     */
    readonly system?: SystemYield;
  };
  readonly savings: {
    readonly coalTonnesPerMWh: YearSeries;
    readonly co2TonnesPerMWh: YearSeries;
    readonly so2TonnesPerMWh?: YearSeries;
    readonly noxTonnesPerMWh?: YearSeries;
  };
  /** Costs, tariffs and finance terms of the `finance:` section (docs/finance.md); absent without one. */
  readonly finance?: PlanFinance;
}

/** One row of the yearly result. Capacity is end-of-year stock. */
export interface YearResult {
  readonly year: number;
  /** Built + under construction (在建+在运), MW. */
  readonly capacityMW: number;
  /** Operating (在运), MW. */
  readonly operatingMW: number;
  /** Gross capacity entering construction this year, MW. */
  readonly additionsMW: number;
  readonly retirementsMW: number;
  readonly energyMWh: number;
  readonly coalTonnes: number;
  readonly co2Tonnes: number;
  readonly so2Tonnes?: number;
  readonly noxTonnes?: number;
  readonly cumulativeEnergyMWh: number;
  readonly cumulativeCoalTonnes: number;
  readonly cumulativeCo2Tonnes: number;
}
