/**
 * Capacity growth paths: built + under-construction capacity (MW, end of year) by year.
 * Each model is a small pure function; `growthPath` wires them to a PlanInput.
 */
import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics';
import type { CapacityTarget, GrowthModel, PlanInput } from './types.ts';

/** What the growth model resolved to: the path plus the parameters it solved or fitted. */
export interface GrowthPath {
  /** Desired capacity (MW) in year `baseYear + i` at index i. */
  readonly capacityMW: Float64Array;
  readonly baseYear: number;
  readonly model: GrowthModel['model'];
  /** Parameters used (given or solved), in internal units; for reports. */
  readonly parameters: Readonly<Record<string, number | string>>;
  /** Goodness of fit of a `trend` model (coefficient of determination on the fitted scale). */
  readonly rSquared?: number;
}

/** Compound annual growth rate that turns `fromMW` into `toMW` in `years` years: (to/from)^(1/n) − 1. */
export function requiredCagrFrac(fromMW: number, toMW: number, years: number): number {
  if (!(fromMW > 0)) throw new Error('requiredCagrFrac: the starting capacity must be positive');
  if (!(years > 0)) throw new Error('requiredCagrFrac: the number of years must be positive');
  return Math.pow(toMW / fromMW, 1 / years) - 1;
}

/** Constant yearly (net) additions that turn `fromMW` into `toMW` in `years` years: (to − from)/n, MW/yr. */
export function requiredLinearAdditionsMWPerYear(fromMW: number, toMW: number, years: number): number {
  if (!(years > 0)) throw new Error('requiredLinearAdditionsMWPerYear: the number of years must be positive');
  return (toMW - fromMW) / years;
}

/** Capacity after compound growth: C0 (1 + r)^t, MW. */
export function cagrCapacityMW(startMW: number, rateFrac: number, years: number): number {
  return startMW * Math.pow(1 + rateFrac, years);
}

/** Logistic (S-curve) capacity: K / (1 + exp(−k (t − t_m))), MW (Verhulst 1838; as used for technology diffusion, e.g. Kramer & Haigh 2009). */
export function logisticCapacityMW(saturationMW: number, steepnessPerYear: number, midpointYear: number, year: number): number {
  return saturationMW / (1 + Math.exp(-steepnessPerYear * (year - midpointYear)));
}

/**
 * Steepness k and midpoint t_m of the logistic through (y0, C0) and (y1, C1) with saturation K:
 * from the logit L = ln(K/C − 1) = −k (t − t_m), k = (L0 − L1)/(y1 − y0), t_m = y0 + L0/k.
 */
export function logisticThroughPoints(
  saturationMW: number,
  y0: number,
  c0MW: number,
  y1: number,
  c1MW: number,
): { steepnessPerYear: number; midpointYear: number } {
  if (!(saturationMW > c1MW && c1MW > c0MW && c0MW > 0)) {
    throw new Error('logisticThroughPoints: need saturation > target > baseline > 0');
  }
  const l0 = Math.log(saturationMW / c0MW - 1);
  const l1 = Math.log(saturationMW / c1MW - 1);
  const steepnessPerYear = (l0 - l1) / (y1 - y0);
  return { steepnessPerYear, midpointYear: y0 + l0 / steepnessPerYear };
}

/** Exponential trend fitted to history by least squares on ln C (log-linear regression); rate = e^b − 1. */
export function fitExponentialTrend(history: ReadonlyArray<{ year: number; value: number }>): { rateFrac: number; rSquared: number } {
  if (history.length < 2) throw new Error('fitExponentialTrend: need at least 2 history points');
  const points = history.map((p) => {
    if (!(p.value > 0)) throw new Error('fitExponentialTrend: history values must be positive');
    return [p.year, Math.log(p.value)];
  });
  const fit = linearRegression(points);
  return { rateFrac: Math.expm1(fit.m), rSquared: rSquaredOrOne(points, linearRegressionLine(fit)) };
}

/**
 * Logistic trend fitted to history by least squares on the logit ln(K/C − 1) (linearised Verhulst fit).
 * Without a saturation K, K is chosen to maximise R² on that scale (golden-section search over ln K).
 */
export function fitLogisticTrend(
  history: ReadonlyArray<{ year: number; value: number }>,
  saturationMW?: number,
): { saturationMW: number; steepnessPerYear: number; midpointYear: number; rSquared: number } {
  const maxMW = Math.max(...history.map((p) => p.value));
  const fitFor = (k: number) => {
    const points = history.map((p) => [p.year, Math.log(k / p.value - 1)]);
    const fit = linearRegression(points);
    return { fit, r2: rSquaredOrOne(points, linearRegressionLine(fit)) };
  };
  if (saturationMW === undefined) {
    if (history.length < 3) throw new Error('fitLogisticTrend: need at least 3 history points to fit the saturation');
    let lo = Math.log(maxMW * 1.001);
    let hi = Math.log(maxMW * 1000);
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 100; i++) {
      const a = hi - phi * (hi - lo);
      const b = lo + phi * (hi - lo);
      if (fitFor(Math.exp(a)).r2 > fitFor(Math.exp(b)).r2) hi = b;
      else lo = a;
    }
    saturationMW = Math.exp((lo + hi) / 2);
  }
  if (!(saturationMW > maxMW)) throw new Error('fitLogisticTrend: the saturation must exceed every history value');
  if (history.length < 2) throw new Error('fitLogisticTrend: need at least 2 history points');
  const { fit, r2 } = fitFor(saturationMW);
  const steepnessPerYear = -fit.m;
  return { saturationMW, steepnessPerYear, midpointYear: fit.b / steepnessPerYear, rSquared: r2 };
}

function rSquaredOrOne(points: number[][], line: (x: number) => number): number {
  // simple-statistics returns NaN when all y are equal (0/0); a perfect flat fit explains everything.
  const r2 = rSquared(points, line);
  return Number.isNaN(r2) ? 1 : r2;
}

/** Piecewise-linear interpolation of capacity through (year, MW) points, held flat after the last one. */
export function interpolateMilestonesMW(points: ReadonlyArray<{ year: number; value: number }>, year: number): number {
  const first = points[0]!;
  if (year <= first.year) return first.value;
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    if (year <= b.year) {
      const a = points[i - 1]!;
      return a.value + ((b.value - a.value) * (year - a.year)) / (b.year - a.year);
    }
  }
  return points[points.length - 1]!.value;
}

/**
 * A cagr or linear path resolved: from `fromYear` to `untilYear` it grows by `step` a year (a rate for cagr,
 * MW/yr for linear) from `baselineMW`, then at `afterRateFrac` a year; `solvedTarget` (when the step was solved
 * for it) is the target the path lands on exactly in its year.
 */
interface StepPath {
  readonly model: 'cagr' | 'linear';
  readonly baselineMW: number;
  readonly step: number;
  readonly fromYear: number;
  readonly untilYear: number;
  readonly afterRateFrac: number;
  readonly solvedTarget: CapacityTarget | undefined;
}

/** The StepPath of a plan whose growth model is cagr or linear: the given step, or the one solved for the capacity target. */
function stepPathOf(plan: PlanInput): StepPath {
  const { baseYear, baselineMW, target, growth } = plan.capacity;
  if (growth.model !== 'cagr' && growth.model !== 'linear') throw new Error(`stepPathOf: expected a cagr or linear growth model, got ${growth.model}`);
  const fromYear = growth.fromYear ?? baseYear;
  const untilYear = growth.untilYear ?? target?.year ?? plan.endYear;
  const given = growth.model === 'cagr' ? growth.rateFrac : growth.additionsMWPerYear;
  let step = given;
  if (step === undefined) {
    if (!target || target.capacityMW === undefined) {
      throw new Error(`growthPath: the ${growth.model} model needs ${growth.model === 'cagr' ? 'a rate' : 'yearly additions'} or a capacity target to solve for it`);
    }
    step = growth.model === 'cagr' ? requiredCagrFrac(baselineMW, target.capacityMW, target.year - fromYear) : requiredLinearAdditionsMWPerYear(baselineMW, target.capacityMW, target.year - fromYear);
  }
  // A solved path lands on the target exactly in the target year, not up to rounding of the solved step.
  return { model: growth.model, baselineMW, step, fromYear, untilYear, afterRateFrac: growth.after?.rateFrac ?? 0, solvedTarget: given === undefined ? target : undefined };
}

/** Capacity of a StepPath in a year up to its untilYear, MW: C0(1 + r)^t (cagr) or C0 + a·t (linear), t = years grown since fromYear. */
function stepCapacityMW(p: StepPath, year: number): number {
  const t = Math.max(0, Math.min(year, p.untilYear) - p.fromYear);
  if (p.solvedTarget && p.fromYear + t === p.solvedTarget.year) return p.solvedTarget.capacityMW!;
  return p.model === 'cagr' ? cagrCapacityMW(p.baselineMW, p.step, t) : p.baselineMW + p.step * t;
}

/**
 * Writes a StepPath into out (index i = year baseYear + i, MW): the step phase to untilYear, then compound
 * growth at afterRateFrac from the untilYear capacity.
 */
function stepPathInto(p: StepPath, baseYear: number, out: Float64Array): void {
  out[0] = p.baselineMW;
  let untilMW = Number.NaN;
  for (let i = 1; i < out.length; i++) {
    const year = baseYear + i;
    if (year <= p.untilYear) {
      out[i] = stepCapacityMW(p, year);
      continue;
    }
    if (Number.isNaN(untilMW)) untilMW = stepCapacityMW(p, p.untilYear);
    // (1 + 0)^n = 1 exactly: a path that holds needs no power.
    out[i] = p.afterRateFrac === 0 ? untilMW : cagrCapacityMW(untilMW, p.afterRateFrac, year - p.untilYear);
  }
}

/**
 * The desired capacity path of a plan (as growthPath's capacityMW) written into `out` (length endYear − baseYear + 1,
 * MW), without the report's parameters: what the Monte Carlo computes per draw when the growth is uncertain.
 */
export function growthPathInto(plan: PlanInput, out: Float64Array): void {
  const nYears = plan.endYear - plan.capacity.baseYear + 1;
  if (out.length !== nYears) throw new Error(`growthPathInto: the output holds ${out.length} years, the plan ${nYears}`);
  const { model } = plan.capacity.growth;
  if (model === 'cagr' || model === 'linear') stepPathInto(stepPathOf(plan), plan.capacity.baseYear, out);
  else out.set(growthPath(plan).capacityMW);
}

/** The desired capacity path of a plan, from its base year to its end year, with solved or fitted parameters. */
export function growthPath(plan: PlanInput): GrowthPath {
  const { baseYear, baselineMW, target, growth } = plan.capacity;
  const nYears = plan.endYear - baseYear + 1;
  const capacityMW = new Float64Array(nYears);
  const parameters: Record<string, number | string> = {};
  let r2: number | undefined;
  const need = (what: string) => {
    if (!target || target.capacityMW === undefined) {
      throw new Error(`growthPath: the ${growth.model} model needs ${what} or a capacity target to solve for it`);
    }
    return target;
  };

  let at: (year: number) => number;
  switch (growth.model) {
    case 'cagr':
    case 'linear': {
      const step = stepPathOf(plan);
      if (growth.model === 'cagr') parameters.rateFrac = step.step;
      else parameters.additionsMWPerYear = step.step;
      parameters.fromYear = step.fromYear;
      parameters.untilYear = step.untilYear;
      parameters.afterRateFrac = step.afterRateFrac;
      stepPathInto(step, baseYear, capacityMW);
      return { capacityMW, baseYear, model: growth.model, parameters };
    }
    case 'logistic': {
      let steepness = growth.steepnessPerYear;
      let midpoint: number;
      if (steepness === undefined) {
        const t = need('a steepness');
        ({ steepnessPerYear: steepness, midpointYear: midpoint } = logisticThroughPoints(growth.saturationMW, baseYear, baselineMW, t.year, t.capacityMW!));
      } else {
        if (!(growth.saturationMW > baselineMW)) throw new Error('growthPath: the logistic saturation must exceed the baseline');
        midpoint = baseYear + Math.log(growth.saturationMW / baselineMW - 1) / steepness;
      }
      parameters.saturationMW = growth.saturationMW;
      parameters.steepnessPerYear = steepness;
      parameters.midpointYear = midpoint;
      const k = steepness;
      const solvedTarget = growth.steepnessPerYear === undefined ? target : undefined;
      at = (year) => (solvedTarget && year === solvedTarget.year ? solvedTarget.capacityMW! : logisticCapacityMW(growth.saturationMW, k, midpoint, year));
      break;
    }
    case 'additions': {
      const byYear = new Map<number, number>();
      for (const p of growth.additionsMW) byYear.set(p.year, (byYear.get(p.year) ?? 0) + p.value);
      let running = baselineMW;
      const path = new Map<number, number>();
      for (let y = baseYear + 1; y <= plan.endYear; y++) {
        running += byYear.get(y) ?? 0;
        path.set(y, running);
      }
      at = (year) => path.get(year) ?? baselineMW;
      break;
    }
    case 'milestones': {
      const points = [{ year: baseYear, value: baselineMW }, ...growth.pointsMW.filter((p) => p.year > baseYear)];
      at = (year) => interpolateMilestonesMW(points, year);
      break;
    }
    case 'trend': {
      const history = plan.capacity.historyMW ?? [];
      parameters.fit = growth.fit;
      if (growth.fit === 'exponential') {
        const fit = fitExponentialTrend(history);
        parameters.rateFrac = fit.rateFrac;
        r2 = fit.rSquared;
        at = (year) => cagrCapacityMW(baselineMW, fit.rateFrac, year - baseYear);
      } else {
        const fit = fitLogisticTrend(history, growth.saturationMW);
        if (!(fit.saturationMW > baselineMW)) throw new Error('growthPath: the fitted saturation must exceed the baseline');
        // Keep the fitted steepness and saturation, but anchor the curve at the baseline so the path starts where the plan does.
        const midpoint = baseYear + Math.log(fit.saturationMW / baselineMW - 1) / fit.steepnessPerYear;
        parameters.saturationMW = fit.saturationMW;
        parameters.steepnessPerYear = fit.steepnessPerYear;
        parameters.midpointYear = midpoint;
        r2 = fit.rSquared;
        at = (year) => logisticCapacityMW(fit.saturationMW, fit.steepnessPerYear, midpoint, year);
      }
      break;
    }
    case 'formula': {
      parameters.expression = growth.expression;
      at = growth.capacityMWAt;
      break;
    }
  }
  capacityMW[0] = baselineMW;
  for (let i = 1; i < nYears; i++) capacityMW[i] = at(baseYear + i);
  return { capacityMW, baseYear, model: growth.model, parameters, ...(r2 === undefined ? {} : { rSquared: r2 }) };
}
