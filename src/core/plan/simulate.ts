/**
 * Wiring only: growth path → cohorts (stock, additions, retirements) → energy → savings → summary.
 * The physics and the formulas live in growth.ts, cohorts.ts and emissions.ts.
 *
 * One implementation, two shapes: `simulatePlanInto` is the kernel (typed arrays, a reusable workspace, no
 * allocation per year or per cohort, what the Monte Carlo calls per draw); `simulatePlan` wraps it and builds
 * the YearResult rows, warnings and target outcome that reports show.
 */
import { COMMISSIONING_OFFSET_YEARS, cohortEnergyMWh, completedOperatingYears, degradationFactor, operatingFractionOfYear } from './cohorts.ts';
import { avoidedTonnes } from './emissions.ts';
import { growthPath, type GrowthPath } from './growth.ts';
import { PlanError } from '../errors.ts';
import { seriesValueAt, type YearSeries } from '../series.ts';
import type { PlanInput, YearResult } from './types.ts';

/** Relative tolerance for "target met": solved paths land on the target up to rounding. */
export const TARGET_MET_REL_TOL = 1e-9;

/** Whether a capacity reaches a target: capacity ≥ target·(1 − TARGET_MET_REL_TOL), both in MW. */
export function reachesTarget(capacityMW: number, targetMW: number): boolean {
  return capacityMW >= targetMW * (1 - TARGET_MET_REL_TOL);
}

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

/**
 * The kernel's output and scratch space, index i = year baseYear + i (all Float64Array of `years` entries).
 * Build one with `createPlanWorkspace` and reuse it for every plan with the same years.
 */
export interface PlanWorkspace {
  /** Number of years, base year to end year. */
  readonly years: number;
  readonly capacityMW: Float64Array;
  readonly operatingMW: Float64Array;
  readonly additionsMW: Float64Array;
  readonly retirementsMW: Float64Array;
  readonly energyMWh: Float64Array;
  readonly coalTonnes: Float64Array;
  readonly co2Tonnes: Float64Array;
  /** Filled only when the plan has an SO2 (NOx) factor. */
  readonly so2Tonnes: Float64Array;
  readonly noxTonnes: Float64Array;
  /** Running sums from years.start (0 before it). */
  readonly cumulativeEnergyMWh: Float64Array;
  readonly cumulativeCoalTonnes: Float64Array;
  readonly cumulativeCo2Tonnes: Float64Array;
  /** Gross additions the path asked for in years where the cap bound them, MW; NaN in other years. */
  readonly cappedRequestMW: Float64Array;
  /** Performance remaining after degradation (0–1) by completed operating years 0 … years (scratch). */
  readonly remainingPerformanceByAge: Float64Array;
  /** Cohorts (capacity MW, fractional commissioning year, retirement year); grown when a plan needs more. */
  cohortCapacityMW: Float64Array;
  cohortCommissionedAt: Float64Array;
  cohortRetirementYear: Float64Array;
}

/**
 * A plan's year series tabulated by year, which the kernel reads instead of looking each series up in its year loop
 * (a lookup searches the series' points, and V8 boxes every value it returns). Tables, in order: full-load hours h,
 * curtailment (0–1), coal, CO2, SO2 and NOx factors t/MWh; `years` values each.
 */
interface PlanSeriesTables {
  readonly years: number;
  readonly values: Float64Array;
  /** The series each table holds (series are immutable plan data: the same object, the same values) and their base year. */
  readonly sources: Array<YearSeries | undefined>;
  baseYear: number;
}

const HOURS_TABLE = 0;
const CURTAILMENT_TABLE = 1;
const COAL_TABLE = 2;
const CO2_TABLE = 3;
const SO2_TABLE = 4;
const NOX_TABLE = 5;
const SERIES_TABLES = 6;

/** Empty tables of year series for plans of `years` years (base year to end year). */
function createPlanSeriesTables(years: number): PlanSeriesTables {
  return { years, values: new Float64Array(SERIES_TABLES * years), sources: new Array<YearSeries | undefined>(SERIES_TABLES).fill(undefined), baseYear: Number.NaN };
}

/**
 * The kernel's tables, kept between calls (one set, for the last number of years asked): runs of plans that share
 * their series objects (the Monte Carlo's draws, a tornado, repeated runs of one scenario) tabulate them once. The
 * kernel is synchronous and each worker thread has its own, so no two calls ever share them at once.
 */
let kernelTables: PlanSeriesTables | undefined;

function tablesFor(years: number): PlanSeriesTables {
  if (kernelTables === undefined || kernelTables.years !== years) kernelTables = createPlanSeriesTables(years);
  return kernelTables;
}

/** Writes `series` (seriesValueAt, in its unit) into table `slot` for years baseYear …, unless the table already holds it. */
function tabulateSeries(tables: PlanSeriesTables, slot: number, series: YearSeries, baseYear: number): void {
  if (tables.sources[slot] === series) return;
  const from = slot * tables.years;
  for (let i = 0; i < tables.years; i++) tables.values[from + i] = typeof series === 'number' ? series : seriesValueAt(series, baseYear + i);
  tables.sources[slot] = series;
}

/** Brings `tables` up to date for `plan`: only the tables whose series (or base year) changed are written again. */
function tabulatePlanSeries(plan: PlanInput, tables: PlanSeriesTables): void {
  const { baseYear } = plan.capacity;
  if (tables.baseYear !== baseYear) {
    tables.sources.fill(undefined);
    tables.baseYear = baseYear;
  }
  const y = plan.yield;
  const s = plan.savings;
  tabulateSeries(tables, HOURS_TABLE, y.fullLoadHours, baseYear);
  tabulateSeries(tables, CURTAILMENT_TABLE, y.curtailmentFrac, baseYear);
  tabulateSeries(tables, COAL_TABLE, s.coalTonnesPerMWh, baseYear);
  tabulateSeries(tables, CO2_TABLE, s.co2TonnesPerMWh, baseYear);
  if (s.so2TonnesPerMWh !== undefined) tabulateSeries(tables, SO2_TABLE, s.so2TonnesPerMWh, baseYear);
  if (s.noxTonnesPerMWh !== undefined) tabulateSeries(tables, NOX_TABLE, s.noxTonnesPerMWh, baseYear);
}

/** Cohorts a plan can have: the baseline's (history increments + remainder, or operating + under construction) plus one a year. */
function cohortsNeeded(plan: PlanInput, years: number): number {
  return Math.max(2, (plan.capacity.historyMW?.length ?? 0) + 1) + years;
}

/**
 * The workspace simulatePlan runs in, kept between calls like the kernel's tables (one, for the last number of years
 * asked): simulatePlan copies its results into the rows it returns, so nothing it returns refers to the workspace.
 */
let kernelWorkspace: PlanWorkspace | undefined;

function workspaceFor(plan: PlanInput): PlanWorkspace {
  const years = Math.max(0, plan.endYear - plan.capacity.baseYear + 1);
  if (kernelWorkspace === undefined || kernelWorkspace.years !== years) kernelWorkspace = createPlanWorkspace(plan);
  return kernelWorkspace;
}

/** A workspace sized for `plan` (its years and history); reusable for every plan with the same base and end year. */
export function createPlanWorkspace(plan: PlanInput): PlanWorkspace {
  const years = Math.max(0, plan.endYear - plan.capacity.baseYear + 1);
  const cohorts = cohortsNeeded(plan, years);
  // One backing buffer cut into views: a what-if builds a workspace per request, and seventeen separate small
  // typed arrays cost four times as much to allocate and free as one.
  const buffer = new ArrayBuffer((13 * years + (years + 1) + 3 * cohorts) * Float64Array.BYTES_PER_ELEMENT);
  let offset = 0;
  const view = (length: number): Float64Array => {
    const v = new Float64Array(buffer, offset, length);
    offset += length * Float64Array.BYTES_PER_ELEMENT;
    return v;
  };
  return {
    years,
    capacityMW: view(years),
    operatingMW: view(years),
    additionsMW: view(years),
    retirementsMW: view(years),
    energyMWh: view(years),
    coalTonnes: view(years),
    co2Tonnes: view(years),
    so2Tonnes: view(years),
    noxTonnes: view(years),
    cumulativeEnergyMWh: view(years),
    cumulativeCoalTonnes: view(years),
    cumulativeCo2Tonnes: view(years),
    cappedRequestMW: view(years),
    remainingPerformanceByAge: view(years + 1),
    cohortCapacityMW: view(cohorts),
    cohortCommissionedAt: view(cohorts),
    cohortRetirementYear: view(cohorts),
  };
}

/** Writes cohort n (capacity MW, fractional commissioning year, lifetime) into the workspace; returns n + 1. */
function addCohort(ws: PlanWorkspace, n: number, capacityMW: number, commissionedAt: number, lifetimeYears: number): number {
  ws.cohortCapacityMW[n] = capacityMW;
  ws.cohortCommissionedAt[n] = commissionedAt;
  ws.cohortRetirementYear[n] = Math.floor(commissionedAt + lifetimeYears);
  return n + 1;
}

/**
 * Cohorts standing at the end of the base year, written into the workspace: history increments, or the
 * baseline split into operating and under construction. Returns the cohort count.
 */
function baselineCohorts(plan: PlanInput, ws: PlanWorkspace): number {
  const { baseYear, baselineMW, historyMW, constructionLagYears: lag, lifetimeYears } = plan.capacity;
  const offset = COMMISSIONING_OFFSET_YEARS[plan.yield.commissioning];
  let n = 0;
  if (historyMW && historyMW.length > 0) {
    let previous = 0;
    for (const point of historyMW) {
      if (point.year > baseYear) break;
      const increment = point.value - previous;
      if (increment > 0) n = addCohort(ws, n, increment, point.year + lag + offset, lifetimeYears);
      previous = point.value;
    }
    if (baselineMW > previous) n = addCohort(ws, n, baselineMW - previous, baseYear + lag + offset, lifetimeYears);
    // A history older than the plant lifetime would retire capacity before the plan starts; the baseline is the stock as stated, so keep it until the first plan year.
    const retire = ws.cohortRetirementYear;
    for (let c = 0; c < n; c++) if (retire[c]! <= baseYear) retire[c] = baseYear + 1;
    return n;
  }
  const operatingMW = Math.min(plan.capacity.baselineOperatingMW ?? baselineMW, baselineMW);
  if (operatingMW > 0) n = addCohort(ws, n, operatingMW, baseYear, lifetimeYears);
  if (baselineMW > operatingMW) n = addCohort(ws, n, baselineMW - operatingMW, baseYear + lag + offset, lifetimeYears);
  return n;
}

/** The earliest retirement year among the first `cohorts` cohorts that is later than `year` (Infinity when none). */
function nextRetirementAfter(retire: Float64Array, cohorts: number, year: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (let c = 0; c < cohorts; c++) if (retire[c]! > year && retire[c]! < next) next = retire[c]!;
  return next;
}

/**
 * The model kernel: capacity stock, operating capacity, energy and savings for every year from the base year to
 * the end year, written into `ws` (index = year − base year); cohort bookkeeping as in cohorts.ts, energy
 * E = P·h·f_op·f_deg·A·(1 − c) per cohort (IEC 61724-1 final-yield bookkeeping), savings = E × factor.
 * `yieldFactorByYear[i]` (optional, dimensionless) multiplies the full-load hours of year baseYear + i: the
 * Monte Carlo's inter-annual weather term. Allocates nothing once `ws` is large enough (and the year-series tables,
 * kept between calls, are as long as the plan).
 */
export function simulatePlanInto(plan: PlanInput, path: Pick<GrowthPath, 'capacityMW'>, yieldFactorByYear: Float64Array | undefined, ws: PlanWorkspace): void {
  const { baseYear, lifetimeYears, constructionLagYears: lag, maxAdditionsMWPerYear } = plan.capacity;
  const years = Math.max(0, plan.endYear - baseYear + 1);
  if (years !== ws.years) throw new Error(`simulatePlanInto: the workspace holds ${ws.years} years, the plan ${years}`);
  const needed = cohortsNeeded(plan, years);
  if (ws.cohortCapacityMW.length < needed) {
    ws.cohortCapacityMW = new Float64Array(needed);
    ws.cohortCommissionedAt = new Float64Array(needed);
    ws.cohortRetirementYear = new Float64Array(needed);
  }
  const y = plan.yield;
  const s = plan.savings;
  const offset = COMMISSIONING_OFFSET_YEARS[y.commissioning];
  const cap = ws.cohortCapacityMW;
  const at = ws.cohortCommissionedAt;
  const retire = ws.cohortRetirementYear;
  let cohorts = baselineCohorts(plan, ws);
  // The performance remaining at each age a cohort commissioned in the plan's years can reach, computed once.
  const remainingByAge = ws.remainingPerformanceByAge;
  const ages = remainingByAge.length;
  for (let a = 0; a < ages; a++) remainingByAge[a] = degradationFactor(a, y.firstYearDegradationFrac, y.annualDegradationFrac, y.degradationMode);
  const tables = tablesFor(years);
  tabulatePlanSeries(plan, tables);
  const table = tables.values;
  let stockMW = plan.capacity.baselineMW;
  let cumEnergy = 0;
  let cumCoal = 0;
  let cumCo2 = 0;
  const { availabilityFrac, firstYearDegradationFrac, annualDegradationFrac, degradationMode } = y;
  // Retirements are summed only in the years some cohort retires: the next such year after the base year.
  let nextRetirementYear = nextRetirementAfter(retire, cohorts, baseYear);

  for (let i = 0; i < years; i++) {
    const year = baseYear + i;
    let additionsMW = 0;
    let retirementsMW = 0;
    ws.cappedRequestMW[i] = Number.NaN;
    if (i > 0) {
      if (year === nextRetirementYear) {
        for (let c = 0; c < cohorts; c++) if (retire[c] === year) retirementsMW += cap[c]!;
        nextRetirementYear = nextRetirementAfter(retire, cohorts, year);
      }
      const remaining = stockMW - retirementsMW;
      const desired = path.capacityMW[i]!;
      additionsMW = Math.max(0, desired - remaining);
      if (maxAdditionsMWPerYear !== undefined && additionsMW > maxAdditionsMWPerYear) {
        ws.cappedRequestMW[i] = additionsMW;
        additionsMW = maxAdditionsMWPerYear;
      }
      if (additionsMW > 0) {
        cohorts = addCohort(ws, cohorts, additionsMW, year + lag + offset, lifetimeYears);
        const retirement = retire[cohorts - 1]!;
        if (retirement > year && !(retirement >= nextRetirementYear)) nextRetirementYear = retirement;
      }
      // When the path is followed (not capped, not declining faster than retirements) the stock is the path itself, exactly.
      stockMW = additionsMW > 0 && additionsMW === desired - remaining ? desired : remaining + additionsMW;
    }

    const fullLoadHours = table[HOURS_TABLE * years + i]! * (yieldFactorByYear ? yieldFactorByYear[i]! : 1);
    const curtailmentFrac = table[CURTAILMENT_TABLE * years + i]!;
    let operatingMW = 0;
    let energyMWh = 0;
    for (let c = 0; c < cohorts; c++) {
      const t0 = at[c]!;
      if (retire[c]! > year && t0 <= year + 1) operatingMW += cap[c]!;
      // A cohort retiring mid-year is out of the end-of-year stock but still produced part of the year.
      const opFrac = operatingFractionOfYear(year, t0, lifetimeYears);
      if (opFrac === 0) continue;
      const age = completedOperatingYears(year, t0);
      const remainingFrac = age < ages ? remainingByAge[age]! : degradationFactor(age, firstYearDegradationFrac, annualDegradationFrac, degradationMode);
      energyMWh += cohortEnergyMWh(cap[c]!, fullLoadHours, opFrac, remainingFrac, availabilityFrac, curtailmentFrac);
    }

    const coalTonnes = avoidedTonnes(energyMWh, table[COAL_TABLE * years + i]!);
    const co2Tonnes = avoidedTonnes(energyMWh, table[CO2_TABLE * years + i]!);
    // Cumulative columns are running sums over the reported years (from years.start).
    if (year >= plan.startYear) {
      cumEnergy += energyMWh;
      cumCoal += coalTonnes;
      cumCo2 += co2Tonnes;
    }
    ws.capacityMW[i] = stockMW;
    ws.operatingMW[i] = operatingMW;
    ws.additionsMW[i] = additionsMW;
    ws.retirementsMW[i] = retirementsMW;
    ws.energyMWh[i] = energyMWh;
    ws.coalTonnes[i] = coalTonnes;
    ws.co2Tonnes[i] = co2Tonnes;
    if (s.so2TonnesPerMWh !== undefined) ws.so2Tonnes[i] = avoidedTonnes(energyMWh, table[SO2_TABLE * years + i]!);
    if (s.noxTonnesPerMWh !== undefined) ws.noxTonnes[i] = avoidedTonnes(energyMWh, table[NOX_TABLE * years + i]!);
    ws.cumulativeEnergyMWh[i] = cumEnergy;
    ws.cumulativeCoalTonnes[i] = cumCoal;
    ws.cumulativeCo2Tonnes[i] = cumCo2;
  }
}

/** Largest capacity a plan may reach, MW: a hundred times the world's generating capacity (about 9 TW in 2023, IEA). */
export const MAX_PLAN_CAPACITY_MW = 1e9;

/** The reported series of a workspace, by the field name a report gives them. */
const REPORTED_SERIES = ['capacityMW', 'operatingMW', 'additionsMW', 'retirementsMW', 'energyMWh', 'coalTonnes', 'co2Tonnes', 'so2Tonnes', 'noxTonnes', 'cumulativeEnergyMWh', 'cumulativeCoalTonnes', 'cumulativeCo2Tonnes'] as const;

/**
 * Throws PlanError when the capacity path leaves every plausible scale or a reported value is not a finite number: an input so large that the arithmetic overflows
 * (a growth formula or rate that explodes) must be an error, never `Infinity` or `null` in a report.
 */
function isFiniteSeries(series: Float64Array): boolean {
  for (let i = 0; i < series.length; i++) if (!Number.isFinite(series[i]!)) return false;
  return true;
}

function assertFiniteResults(ws: PlanWorkspace, baseYear: number): void {
  for (let i = 0; i < ws.years; i++) {
    if (Math.abs(ws.capacityMW[i]!) > MAX_PLAN_CAPACITY_MW) {
      throw new PlanError(`the capacity path reaches ${ws.capacityMW[i]!.toPrecision(3)} MW in ${baseYear + i}, beyond the largest a plan may hold (${MAX_PLAN_CAPACITY_MW} MW, a hundred times the world's generating capacity): check the growth rate, formula or additions`, 'capacity.growth');
    }
  }
  // Non-finite values propagate into the running totals (energy, coal and CO2 feed them; additions, retirements and
  // operating capacity feed energy), so their last values settle the common case; the full scan only names the culprit.
  const last = ws.years - 1;
  if (last < 0 || (Number.isFinite(ws.cumulativeEnergyMWh[last]!) && Number.isFinite(ws.cumulativeCoalTonnes[last]!) && Number.isFinite(ws.cumulativeCo2Tonnes[last]!) && isFiniteSeries(ws.capacityMW))) return;
  for (const name of REPORTED_SERIES) {
    const series = ws[name];
    for (let i = 0; i < series.length; i++) {
      if (!Number.isFinite(series[i]!)) {
        throw new PlanError(`the results overflow: ${name} of ${baseYear + i} is not a finite number; an input is far too large (check the growth rate or formula, additions, yield and factors)`);
      }
    }
  }
}

/**
 * Runs a plan: capacity stock, operating capacity, energy and savings for every year from the base year to the end year.
 * `yieldFactorByYear[i]` (optional) multiplies the energy of year baseYear + i: the Monte Carlo's inter-annual weather term.
 */
export function simulatePlan(plan: PlanInput, path: GrowthPath = growthPath(plan), yieldFactorByYear?: Float64Array): PlanResult {
  const ws = workspaceFor(plan);
  simulatePlanInto(plan, path, yieldFactorByYear, ws);
  const { baseYear, maxAdditionsMWPerYear } = plan.capacity;
  const s = plan.savings;
  const warnings: string[] = [];
  const rows: YearResult[] = [];
  const withPollutants = s.so2TonnesPerMWh !== undefined || s.noxTonnesPerMWh !== undefined;
  assertFiniteResults(ws, baseYear);
  for (let i = 0; i < ws.years; i++) {
    const year = baseYear + i;
    const asked = ws.cappedRequestMW[i]!;
    if (!Number.isNaN(asked)) warnings.push(`${year}: additions capped at ${maxAdditionsMWPerYear} MW (the path asked for ${asked.toFixed(1)} MW)`);
    // One literal when the plan has no SO2 or NOx factors (the usual case): every row then shares one shape.
    if (!withPollutants) {
      rows.push({
        year,
        capacityMW: ws.capacityMW[i]!,
        operatingMW: ws.operatingMW[i]!,
        additionsMW: ws.additionsMW[i]!,
        retirementsMW: ws.retirementsMW[i]!,
        energyMWh: ws.energyMWh[i]!,
        coalTonnes: ws.coalTonnes[i]!,
        co2Tonnes: ws.co2Tonnes[i]!,
        cumulativeEnergyMWh: ws.cumulativeEnergyMWh[i]!,
        cumulativeCoalTonnes: ws.cumulativeCoalTonnes[i]!,
        cumulativeCo2Tonnes: ws.cumulativeCo2Tonnes[i]!,
      });
      continue;
    }
    rows.push({
      year,
      capacityMW: ws.capacityMW[i]!,
      operatingMW: ws.operatingMW[i]!,
      additionsMW: ws.additionsMW[i]!,
      retirementsMW: ws.retirementsMW[i]!,
      energyMWh: ws.energyMWh[i]!,
      coalTonnes: ws.coalTonnes[i]!,
      co2Tonnes: ws.co2Tonnes[i]!,
      ...(s.so2TonnesPerMWh === undefined ? {} : { so2Tonnes: ws.so2Tonnes[i]! }),
      ...(s.noxTonnesPerMWh === undefined ? {} : { noxTonnes: ws.noxTonnes[i]! }),
      cumulativeEnergyMWh: ws.cumulativeEnergyMWh[i]!,
      cumulativeCoalTonnes: ws.cumulativeCoalTonnes[i]!,
      cumulativeCo2Tonnes: ws.cumulativeCo2Tonnes[i]!,
    });
  }
  return { years: rows, growth: path, target: targetOutcome(plan, rows), warnings };
}

/** Whether and when the capacity target is met, and the shortfall in the target year. */
export function targetOutcome(plan: PlanInput, rows: readonly YearResult[]): TargetOutcome | null {
  const t = plan.capacity.target;
  if (!t || t.capacityMW === undefined) return null;
  const goal = t.capacityMW;
  const met = rows.find((r) => reachesTarget(r.capacityMW, goal));
  const inTarget = rows.find((r) => r.year === t.year);
  const capacityInTargetYearMW = inTarget?.capacityMW ?? Number.NaN;
  const metInTargetYear = inTarget !== undefined && reachesTarget(inTarget.capacityMW, goal);
  return {
    year: t.year,
    capacityMW: goal,
    capacityInTargetYearMW,
    metYear: met ? met.year : null,
    metInTargetYear,
    shortfallMW: metInTargetYear ? 0 : goal - capacityInTargetYearMW,
  };
}
