/**
 * Step 3 of resolving a scenario: the rules that relate fields to each other (years in order, history against the
 * baseline, target against the years, a solved growth model against its target, a trend against its history,
 * correlations against the uncertain fields), and the rules on the whole plan's outcome (a finite path, a
 * reachable target, a solved path that fits the additions cap), which simulate the plan once (simulation.ts).
 * Each adds its problems to the Collector with the field they concern.
 */
import { PlanError } from '../core/errors.ts';
import { COMMISSIONING_OFFSET_YEARS } from '../core/plan/cohorts.ts';
import { fitLogisticTrend } from '../core/plan/growth.ts';
import { assertTargetReachable } from '../core/plan/solve.ts';
import type { GrowthModel, PlanInput } from '../core/plan/types.ts';
import type { RankCorrelation, UncertainParameter } from '../core/uncertainty/parameters.ts';
import { createGaussianCopula, validateCorrelationMatrix } from '../core/uncertainty/rank-correlation.ts';
import { SCENARIO_DEFAULTS } from './defaults.ts';
import type { Collector } from './quantities.ts';
import type { Scenario } from './schema.ts';
import { planPath, planResult } from './simulation.ts';
import { didYouMean } from './validate.ts';

type Points = ReadonlyArray<{ readonly year: number; readonly value: number }>;

/** years.end not before years.start; years.start not before the base year. */
export function checkYears(c: Collector, s: Scenario): void {
  const { start, end } = s.years;
  if (end < start) c.add(['years', 'end'], `expected a year not before years.start (${start}), got ${end}`);
  const baseYear = s.capacity.baseline.year;
  if (start < baseYear) c.add(['years', 'start'], `expected the base year (capacity.baseline.year = ${baseYear}) or later, got ${start}`);
}

/** The operating part of the baseline lies within it, and is not given beside a history (which sets it). */
export function checkBaselineOperating(c: Collector, cap: Scenario['capacity'], baselineMW: number, baselineOperatingMW: number): void {
  if (baselineOperatingMW < 0 || baselineOperatingMW > baselineMW) c.add(['capacity', 'baseline', 'operating'], `expected a power between 0 and the baseline (${cap.baseline.capacity}), got '${cap.baseline.operating}'`);
  if (cap.history) c.add(['capacity', 'baseline', 'operating'], 'give either capacity.baseline.operating or capacity.history, not both (the history sets which cohorts operate)');
}

/** The history never decreases, has no cohort retired by the base year, stays within the baseline and meets it in the base year. */
export function checkHistory(c: Collector, s: Scenario, historyMW: Points, baselineMW: number): void {
  const cap = s.capacity;
  const baseYear = cap.baseline.year;
  for (let i = 1; i < historyMW.length; i++) {
    if (historyMW[i]!.value < historyMW[i - 1]!.value) c.add(['capacity', 'history', String(historyMW[i]!.year)], `expected the history not to decrease (built + under construction), but ${historyMW[i]!.year} is below ${historyMW[i - 1]!.year}`);
  }
  // A history cohort whose lifetime ends by the base year would have retired, yet the baseline counts it in the stock.
  const lifetime = typeof cap.lifetimeYears === 'number' ? cap.lifetimeYears : SCENARIO_DEFAULTS.lifetimeYears;
  const lag = typeof cap.constructionLagYears === 'number' ? cap.constructionLagYears : SCENARIO_DEFAULTS.constructionLagYears;
  const offset = COMMISSIONING_OFFSET_YEARS[s.yield.commissioning ?? SCENARIO_DEFAULTS.commissioning];
  const retired = historyMW.find((h) => h.year < baseYear && Math.floor(h.year + lag + offset + lifetime) <= baseYear);
  if (retired) {
    c.add(['capacity', 'history', String(retired.year)], `capacity built in ${retired.year} would have retired by the base year ${baseYear} (lifetime ${lifetime} years); start the history later or raise capacity.lifetimeYears`);
  }
  // The history is built + under construction up to the base year, so it cannot exceed the baseline (the cohorts would outnumber the stock).
  const above = historyMW.find((h) => h.year !== baseYear && h.value > baselineMW * (1 + 1e-9));
  if (above) c.add(['capacity', 'history', String(above.year)], `expected at most the baseline (${cap.baseline.capacity}), got ${above.value} MW in ${above.year}`);
  const atBase = historyMW.find((h) => h.year === baseYear);
  if (atBase && Math.abs(atBase.value - baselineMW) > 1e-9 * Math.max(1, baselineMW)) {
    c.add(['capacity', 'history', String(baseYear)], `expected the history in the base year to equal the baseline (${cap.baseline.capacity}), got ${atBase.value} MW`);
  }
}

/** The target year lies after the base year and within the years; the target names at least one goal. */
export function checkTargetYear(c: Collector, t: NonNullable<Scenario['capacity']['target']>, baseYear: number, end: number): void {
  if (t.year <= baseYear || t.year > end) c.add(['capacity', 'target', 'year'], `expected a year after the base year ${baseYear} and not after years.end ${end}, got ${t.year}`);
  if (t.capacity === undefined && t.energy === undefined && t.coal === undefined) c.add(['capacity', 'target'], "expected at least one of 'capacity', 'energy' or 'coal'");
}

/**
 * A growth model against the target, baseline and history: a model solved from the target has one, over years it
 * can be solved on; S-curves sit above their baseline and target; trends have enough growing history. Returns
 * whether the model's rate, additions or steepness is solved from the target.
 */
export function checkGrowth(c: Collector, cap: Scenario['capacity'], growth: GrowthModel, target: PlanInput['capacity']['target'], baselineMW: number, historyMW: Points | undefined): boolean {
  const needsTarget =(growth.model === 'cagr' && growth.rateFrac === undefined) || (growth.model === 'linear' && growth.additionsMWPerYear === undefined) || (growth.model === 'logistic' && growth.steepnessPerYear === undefined);
  if (needsTarget && target?.capacityMW === undefined) {
    c.add(['capacity', 'growth'], `the ${growth.model} model solves its ${growth.model === 'cagr' ? 'rate' : growth.model === 'linear' ? 'additionsPerYear' : 'steepness'} from capacity.target.capacity: give one or the other`);
  }
  if ((growth.model === 'cagr' || growth.model === 'linear') && needsTarget && target?.capacityMW !== undefined) {
    // The step is solved over from → target year; growth must start before the target year and last until it.
    const solved = growth.model === 'cagr' ? 'rate' : 'additionsPerYear';
    if (growth.fromYear !== undefined && growth.fromYear >= target.year) c.add(['capacity', 'growth', 'from'], `expected a year before the target year ${target.year} (the ${solved} is solved from 'from' to the target year), got ${growth.fromYear}`);
    if (growth.untilYear !== undefined && growth.untilYear < target.year) c.add(['capacity', 'growth', 'until'], `expected a year not before the target year ${target.year} (the ${solved} is solved to reach the target then), got ${growth.untilYear}`);
  }
  if (growth.model === 'cagr' && needsTarget && !(baselineMW > 0)) c.add(['capacity', 'baseline', 'capacity'], 'expected a positive baseline: a compound growth rate cannot start from zero');
  if (growth.model === 'logistic') {
    if (!(growth.saturationMW > baselineMW)) c.add(['capacity', 'growth', 'saturation'], `expected a saturation above the baseline (${cap.baseline.capacity}), got '${cap.growth.model === 'logistic' ? cap.growth.saturation : ''}'`);
    else if (needsTarget && target?.capacityMW !== undefined && !(growth.saturationMW > target.capacityMW)) c.add(['capacity', 'growth', 'saturation'], 'expected a saturation above the target capacity (an S-curve never reaches its saturation)');
    if (!(baselineMW > 0)) c.add(['capacity', 'baseline', 'capacity'], 'expected a positive baseline for a logistic path');
    else if (needsTarget && target?.capacityMW !== undefined && !(target.capacityMW > baselineMW)) c.add(['capacity', 'target', 'capacity'], `expected a target above the baseline (${cap.baseline.capacity}) for an S-curve solved through both, got '${cap.target?.capacity}'`);
  }
  if (growth.model === 'trend') {
    const n = historyMW?.length ?? 0;
    const needN = growth.fit === 'logistic' && growth.saturationMW === undefined ? 3 : 2;
    if (n < needN) c.add(['capacity', 'history'], `the ${growth.fit} trend needs at least ${needN} history points, got ${n}`);
    else if (historyMW!.some((h) => !(h.value > 0))) c.add(['capacity', 'history'], 'expected positive history values for a trend fit');
    else if (growth.fit === 'logistic') {
      const highestMW = Math.max(baselineMW, ...historyMW!.map((h) => h.value));
      if (historyMW!.every((h) => h.value === historyMW![0]!.value)) {
        c.add(['capacity', 'history'], 'expected a growing history for a logistic trend fit (a flat history has no S-curve)');
      } else if (growth.saturationMW !== undefined) {
        if (growth.saturationMW <= highestMW) c.add(['capacity', 'growth', 'saturation'], `expected a saturation above the history and the baseline (${highestMW} MW), got '${cap.growth.model === 'trend' ? String(cap.growth.saturation) : ''}'`);
      } else if (!(fitLogisticTrend(historyMW!).saturationMW > baselineMW)) {
        c.add(['capacity', 'growth'], 'the logistic fit to the history saturates below the baseline: give a saturation, or a history up to the base year');
      }
    }
  }
  return needsTarget;
}

/**
 * The rules on the whole plan, once every field is valid: a finite capacity path; for a path solved from the
 * target, a target reachable under the additions cap and a solved path that fits it (checked on the plan's one
 * simulation, which the run report then reuses).
 */
export function checkPlanOutcome(c: Collector, plan: PlanInput, needsTarget: boolean): void {
  if (c.issues.length === 0) {
    // A rate too high for the horizon (or any other overflow) would put Infinity or NaN into every result.
    const pathMW = planPath(plan).capacityMW;
    const i = pathMW.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) c.add(['capacity', 'growth'], `expected a finite capacity path, got ${pathMW[i]} MW in ${plan.capacity.baseYear + i}`);
  }
  if (c.issues.length === 0 && needsTarget) {
    try {
      assertTargetReachable(plan);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      c.add((e.field ?? 'capacity').split('.'), e.message);
    }
    // Reachable is not enough: a solved path must itself fit under the cap, or it misses the target it was solved for.
    const outcome = c.issues.length === 0 && plan.capacity.maxAdditionsMWPerYear !== undefined ? planResult(plan).target : null;
    if (outcome && !outcome.metInTargetYear) {
      c.add(
        ['capacity', 'maxAdditionsPerYear'],
        `the solved ${plan.capacity.growth.model} path needs more than the additions cap of ${plan.capacity.maxAdditionsMWPerYear} MW/yr and reaches only ${outcome.capacityInTargetYearMW.toFixed(1)} of ${outcome.capacityMW} MW in ${outcome.year}: raise the cap, or give a path that fits it (e.g. linear, milestones)`,
      );
    }
  }
}

/** Rank correlations between uncertain fields, by index; a field that is not uncertain, or a matrix that is not a valid correlation matrix, is an issue. */
export function checkCorrelations(c: Collector, s: Scenario, params: readonly UncertainParameter[]): RankCorrelation[] {
  const written = s.uncertainty?.correlations ?? [];
  const names = params.map((p) => p.name);
  const out: RankCorrelation[] = [];
  written.forEach((corr, i) => {
    const path = ['uncertainty', 'correlations', String(i)];
    const [a, b] = corr.between.map((name, j) => {
      const k = names.indexOf(name);
      if (k < 0) {
        const hint = didYouMean(name, names);
        c.add([...path, 'between', String(j)], `'${name}' is not an uncertain field of this scenario${hint ? ` (did you mean '${hint}'?)` : ''}; uncertain fields: ${names.join(', ') || 'none'}`);
      }
      return k;
    }) as [number, number];
    if (a >= 0 && b >= 0) {
      if (a === b) c.add([...path, 'between'], 'expected two different fields');
      else out.push({ a, b, rank: corr.rank });
    }
  });
  if (out.length > 0) {
    const matrix: number[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0)));
    for (const { a, b, rank } of out) matrix[a]![b] = matrix[b]![a] = rank;
    try {
      validateCorrelationMatrix(matrix);
      createGaussianCopula(matrix);
    } catch (e) {
      if (!(e instanceof RangeError || e instanceof Error)) throw e;
      c.add(['uncertainty', 'correlations'], `the rank correlations do not form a valid correlation matrix: ${e.message}`);
    }
  }
  return out;
}
