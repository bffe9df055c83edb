/**
 * The run report: the stable JSON contract of `pvplan run --format json` (documented in the README),
 * built from a resolved scenario. The CLI and the server both serve exactly this object.
 */
import { withDerivedMetrics } from '../core/metrics/metrics.ts';
import { listFactorPresets, presetYearSeries } from '../core/plan/factors.ts';
import { seriesValueAt } from '../core/series.ts';
import { TARGET_MET_REL_TOL, type TargetOutcome } from '../core/plan/simulate.ts';
import type { CapacityTarget, YearResult } from '../core/plan/types.ts';
import type { ScenarioWarning } from '../scenario/plausibility.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { planResult } from '../scenario/simulation.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { runPortfolio, type RunPortfolio } from './portfolio-run.ts';

export interface CoalConvention {
  /** Preset id, or 'scenario' for the scenario's own factor. */
  readonly preset: string;
  readonly label: string;
  readonly labelZh: string;
  /** The convention's factor in the reference year, t/MWh. */
  readonly tonnesPerMWh: number;
  /** Coal saved in the reference year under this convention, t. */
  readonly coalTonnes: number;
  /** Coal saved from the start year to the end year under this convention, t. */
  readonly cumulativeCoalTonnes: number;
}

/** The target and how the plan fares against it; capacity fields appear when the target has a capacity. */
export type TargetReport = Partial<TargetOutcome> & {
  readonly year: number;
  readonly energyInTargetYearMWh: number;
  readonly coalInTargetYearTonnes: number;
  /** Energy target of the year (from capacity.target.energy), MWh, and whether it is met. */
  readonly energyMWh?: number;
  readonly energyMet?: boolean;
  /** Coal-saving target of the year, t, and whether it is met. */
  readonly coalTonnes?: number;
  readonly coalMet?: boolean;
};

function refRowFor(years: readonly YearResult[], year: number): YearResult | undefined {
  return years.find((r) => r.year === year);
}

function targetReport(t: CapacityTarget, capacity: TargetOutcome | null, row: YearResult | undefined): TargetReport {
  const energy = row?.energyMWh ?? Number.NaN;
  const coal = row?.coalTonnes ?? Number.NaN;
  const report: { -readonly [K in keyof TargetReport]: TargetReport[K] } = Object.assign({}, capacity, { year: t.year, energyInTargetYearMWh: energy, coalInTargetYearTonnes: coal });
  if (t.energyMWh !== undefined) {
    report.energyMWh = t.energyMWh;
    report.energyMet = energy >= t.energyMWh * (1 - TARGET_MET_REL_TOL);
  }
  if (t.coalTonnes !== undefined) {
    report.coalTonnes = t.coalTonnes;
    report.coalMet = coal >= t.coalTonnes * (1 - TARGET_MET_REL_TOL);
  }
  return report;
}

export interface RunReport {
  readonly scenario: { readonly id: string; readonly name: string; readonly hash: string; readonly region?: string };
  readonly pvplanVersion: string;
  readonly target: TargetReport | null;
  readonly years: YearResult[];
  readonly summary: {
    readonly startYear: number;
    readonly endYear: number;
    readonly growth: { readonly model: string; readonly parameters: Readonly<Record<string, number | string>>; readonly rSquared?: number };
    /** How the yield was given, and the full-load hours of a new plant in the start year (h/yr = kWh/kWp/yr; computed for `physical`). */
    readonly yield: { readonly model: string; readonly fullLoadHoursStartYear: number };
    /** Fields given as distributions: this run uses their medians (`pvplan mc` samples them). */
    readonly uncertainFields: string[];
    readonly capacityEndMW: number;
    readonly operatingEndMW: number;
    readonly totalEnergyMWh: number;
    readonly totalCoalTonnes: number;
    readonly totalCo2Tonnes: number;
    /** Year the coal conventions are compared in: the target year, else the year of highest energy. */
    readonly referenceYear: number;
    readonly coalConventions: CoalConvention[];
    /** Notes of the simulation (additions capped in a year). */
    readonly warnings: string[];
  };
  /** Implausible inputs (docs/plausibility.md): each with file, line, field path, value, plausible range and likely intent. */
  readonly warnings: ScenarioWarning[];
  /** A scenario with projects: planned and risk-weighted paths in total and by technology (docs/portfolio.md). */
  readonly portfolio?: RunPortfolio;
}

/** The coal presets with their factor series, made once: every report compares its coal saving under each. */
const COAL_PRESET_SERIES = listFactorPresets('coal').map((preset) => ({ preset, series: presetYearSeries(preset) }));

/** Runs a resolved scenario and assembles its report (years from years.start to years.end). */
export function runReport(resolved: ResolvedScenario): RunReport {
  const { plan } = resolved;
  // The plan's one simulation: resolving may already have run it to check a solved path against the cap.
  const result = planResult(plan);
  const years = withDerivedMetrics(result.years.filter((r) => r.year >= plan.startYear && r.year <= plan.endYear));
  const last = years[years.length - 1]!;
  const t = plan.capacity.target;
  const referenceYear = t && t.year >= plan.startYear ? t.year : years.reduce((best, r) => (r.energyMWh > best.energyMWh ? r : best), years[0]!).year;
  const refRow = years.find((r) => r.year === referenceYear)!;
  const scenarioFactor = (year: number) => seriesValueAt(plan.savings.coalTonnesPerMWh, year);
  const convention = (preset: string, label: string, labelZh: string, factorAt: (year: number) => number): CoalConvention => ({
    preset,
    label,
    labelZh,
    tonnesPerMWh: factorAt(referenceYear),
    coalTonnes: refRow.energyMWh * factorAt(referenceYear),
    cumulativeCoalTonnes: years.reduce((sum, r) => sum + r.energyMWh * factorAt(r.year), 0),
  });
  const portfolio = runPortfolio(resolved, years);
  const coalConventions = [
    convention('scenario', "This scenario's factor", '本情景取值', scenarioFactor),
    ...COAL_PRESET_SERIES.map(({ preset: p, series }) => convention(p.id, p.label, p.labelZh, (year) => seriesValueAt(series, year))),
  ];
  return {
    scenario: { id: resolved.id, name: resolved.name, hash: resolved.hash, ...(resolved.region === undefined ? {} : { region: resolved.region }) },
    pvplanVersion: PVPLAN_VERSION,
    target: t ? targetReport(t, result.target, refRowFor(years, t.year)) : null,
    years,
    summary: {
      startYear: plan.startYear,
      endYear: plan.endYear,
      growth: { model: result.growth.model, parameters: result.growth.parameters, ...(result.growth.rSquared === undefined ? {} : { rSquared: result.growth.rSquared }) },
      yield: { model: resolved.written.yield.model, fullLoadHoursStartYear: seriesValueAt(plan.yield.fullLoadHours, plan.startYear) },
      uncertainFields: resolved.uncertainty.parameters.map((p) => p.name),
      capacityEndMW: last.capacityMW,
      operatingEndMW: last.operatingMW,
      totalEnergyMWh: last.cumulativeEnergyMWh,
      totalCoalTonnes: last.cumulativeCoalTonnes,
      totalCo2Tonnes: last.cumulativeCo2Tonnes,
      referenceYear,
      coalConventions,
      warnings: result.warnings,
    },
    warnings: [...resolved.warnings],
    ...(portfolio === undefined ? {} : { portfolio }),
  };
}
