/**
 * Yearly energy of PV capacity by vintage (cohort): each cohort keeps its own age, so degradation,
 * commissioning and retirement apply per cohort. Conventions are documented in docs/model.md.
 */
import type { CommissioningConvention, DegradationMode } from './types.ts';

/** Fraction of its first operating year a cohort produces: mid-year 0.5, full-year 1, year-end 0. */
export const COMMISSIONING_OFFSET_YEARS: Readonly<Record<CommissioningConvention, number>> = {
  'full-year': 0,
  'mid-year': 0.5,
  'year-end': 1,
};

/**
 * Performance remaining, relative to nameplate (a 0–1 multiplier, not a loss), after `ageYears` completed years of operation.
 * linear: 1 − d1 − d·age (percentage points of nameplate, as module warranties state them);
 * compounding: (1 − d1)(1 − d)^age. Year 1 carries only d1, as in SAM's degradation input
 * (Gilman et al., SAM Photovoltaic Model Technical Reference, NREL/TP-6A20-64102, 2015; SAM switched its
 * default from compounding to linear in 2017). Clamped at 0.
 */
export function degradationFactor(ageYears: number, firstYearFrac: number, annualFrac: number, mode: DegradationMode): number {
  const f = mode === 'linear' ? 1 - firstYearFrac - annualFrac * ageYears : (1 - firstYearFrac) * Math.pow(1 - annualFrac, ageYears);
  return f > 0 ? f : 0;
}

/**
 * Completed years of operation at the start of calendar year `year` for a cohort commissioned at
 * `commissionedAtYear` (a fractional year: 2024.5 = mid-2024): max(0, ⌊year − t0⌋).
 */
export function completedOperatingYears(year: number, commissionedAtYear: number): number {
  const age = Math.floor(year - commissionedAtYear);
  return age > 0 ? age : 0;
}

/** Fraction of calendar year `year` during which a cohort operating over [t0, t0 + lifetime) produces: overlap of the two intervals. */
export function operatingFractionOfYear(year: number, commissionedAtYear: number, lifetimeYears: number): number {
  const start = Math.max(year, commissionedAtYear);
  const end = Math.min(year + 1, commissionedAtYear + lifetimeYears);
  return end > start ? end - start : 0;
}

/**
 * Energy of one cohort in one year: E = P · h · f_op · f_rem · A · (1 − c), MWh
 * (P MW nameplate, h full-load hours of a new plant, f_op fraction of the year operating, f_rem the performance
 * remaining after degradation (`degradationFactor`, 1 when new), A availability, c curtailment — IEC 61724-1
 * final-yield bookkeeping, with losses as multipliers).
 */
export function cohortEnergyMWh(
  capacityMW: number,
  fullLoadHours: number,
  operatingFrac: number,
  remainingPerformanceFrac: number,
  availabilityFrac: number,
  curtailmentFrac: number,
): number {
  return capacityMW * fullLoadHours * operatingFrac * remainingPerformanceFrac * availabilityFrac * (1 - curtailmentFrac);
}
