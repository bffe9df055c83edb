/**
 * Which uncertain input drives an output, three ways:
 *
 * - Tornado (one at a time): each input at its own P10 and P90 with all others at their central values (the
 *   medians `pvplan run` uses), weather at its long-term value; the swing is |f(P90) − f(P10)|. Ignores
 *   correlations and interactions by construction.
 * - Variance-based (Sobol) indices from the Saltelli/Jansen "radial" design: two independent sample matrices
 *   A and B (N × k) and, per input group i, A with group i's columns taken from B (A_B^i). First-order index
 *   S_i = V_i / V with V_i ≈ (1/N) Σ f(B)·(f(A_B^i) − f(A)) (Saltelli et al. 2010, Comput. Phys. Commun.
 *   181(2):259–270, doi:10.1016/j.cpc.2009.09.018, Table 2 (b)); total effect S_Ti = V_Ti / V with
 *   V_Ti ≈ (1/2N) Σ (f(A) − f(A_B^i))² (Jansen 1999, Comput. Phys. Commun. 117:35–43,
 *   doi:10.1016/S0010-4655(98)00154-4; Saltelli 2010 Table 2 (f)). Cost N·(k + 2) runs. The decomposition
 *   assumes independent inputs, so these indices are computed with the rank correlations switched off.
 * - Squared Spearman rank correlation between each input and the output over Monte Carlo draws that do carry
 *   the correlations (simple-statistics sampleRankCorrelation, midranks for ties).
 *
 * The inter-annual weather term is one input group (all its yearly uniforms move together in A_B^i).
 */
import { sampleRankCorrelation } from 'simple-statistics';
import { quantile } from './distributions.ts';
import { growthPath } from '../plan/growth.ts';
import { applyParameter } from './parameters.ts';
import { interannualYieldFactor, workspaceValue, type McMetric, type UncertainPlan } from './monte-carlo.ts';
import { createPlanWorkspace, simulatePlanInto } from '../plan/simulate.ts';
import type { PlanInput } from '../plan/types.ts';

/** Name of the inter-annual weather input in sensitivity results (the scenario field that sets it). */
export const WEATHER_INPUT = 'yield.interannualVariability';

/** An output to explain: a metric in a year (cumulative metrics sum from years.start to that year). */
export interface SensitivityOutput {
  readonly metric: McMetric;
  readonly year: number;
}

/** One bar of a tornado: the output with one input at its P10 and at its P90, the others central. */
export interface TornadoBar {
  readonly input: string;
  /** The input's P10 and P90 (internal units; for weather, the yearly multiplier). */
  readonly lowInput: number;
  readonly highInput: number;
  /** The output with the input at its P10 and at its P90. */
  readonly atLow: number;
  readonly atHigh: number;
  /** |atHigh − atLow|. */
  readonly swing: number;
}

/** The output's value in the kernel workspace of a run (metric at year, index from the base year). */
function outputIndex(plan: PlanInput, o: SensitivityOutput): number {
  if (o.year < plan.startYear || o.year > plan.endYear) throw new RangeError(`sensitivity: year ${o.year} is outside the reported years ${plan.startYear}–${plan.endYear}`);
  return o.year - plan.capacity.baseYear;
}

/**
 * Tornado of each output: every uncertain input (and the weather term, all years at its one-year P10/P90 —
 * for cumulative outputs an upper bound, as the years really vary independently) at its P10 and P90 with the
 * others at their medians; bars sorted by swing, largest first. Inputs with zero spread have swing 0 exactly.
 * @example tornado({ plan, uncertainty }, [{ metric: 'energyMWh', year: 2025 }]).bars[0][0].input
 */
export function tornado(input: UncertainPlan, outputs: readonly SensitivityOutput[]): { base: number[]; bars: TornadoBar[][] } {
  const { plan, uncertainty } = input;
  const ws = createPlanWorkspace(plan);
  const at = outputs.map((o) => outputIndex(plan, o));
  const run = (p: PlanInput, factors?: Float64Array) => {
    simulatePlanInto(p, growthPath(p), factors, ws);
    return outputs.map((o, i) => workspaceValue(ws, o.metric, at[i]!, plan.startYear - plan.capacity.baseYear));
  };
  const base = run(plan);
  const bars: TornadoBar[][] = outputs.map(() => []);
  const add = (name: string, lowInput: number, highInput: number, low: number[], high: number[]) =>
    outputs.forEach((_, i) => bars[i]!.push({ input: name, lowInput, highInput, atLow: low[i]!, atHigh: high[i]!, swing: Math.abs(high[i]! - low[i]!) }));
  for (const p of uncertainty.parameters) {
    const lo = quantile(p.distribution, 0.1);
    const hi = quantile(p.distribution, 0.9);
    add(p.name, lo, hi, run(applyParameter(plan, p, lo)), run(applyParameter(plan, p, hi)));
  }
  const sd = uncertainty.interannualSdFrac;
  if (sd > 0) {
    const lo = interannualYieldFactor(sd, 0.1);
    const hi = interannualYieldFactor(sd, 0.9);
    add(WEATHER_INPUT, lo, hi, run(plan, new Float64Array(ws.years).fill(lo)), run(plan, new Float64Array(ws.years).fill(hi)));
  }
  for (const b of bars) b.sort((x, y) => y.swing - x.swing);
  return { base, bars };
}

/** A model for Sobol analysis: `evaluate` maps uniforms u (length `dimension`) to `outputs` values written into `out`. */
export interface SobolModel {
  readonly dimension: number;
  readonly outputs: number;
  evaluate(u: Float64Array, out: Float64Array): void;
}

/** Running sums of the Saltelli/Jansen estimators; create with createSobolSums, fill with accumulateSobol. */
export interface SobolSums {
  readonly groups: readonly (readonly number[])[];
  readonly outputs: number;
  samples: number;
  /** Centring constant per output (the first f(A)): subtracting a constant from f(B) leaves the first-order estimator unbiased (E[f(A_B) − f(A)] = 0) and removes the noise a large mean adds (Sobol' 2001, Math. Comput. Simul. 55:271–280). */
  readonly shift: Float64Array;
  /** Welford mean and sum of squared deviations of all f(A) and f(B), per output. */
  readonly count: Float64Array;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  /** Per (output o, group g) at o × groups + g: Σ term and Σ term² of the first-order and total-effect estimators. */
  readonly firstSum: Float64Array;
  readonly firstSq: Float64Array;
  readonly totalSum: Float64Array;
  readonly totalSq: Float64Array;
}

/** Empty sums for `outputs` outputs and these input groups (each a list of uniform indices). */
export function createSobolSums(outputs: number, groups: readonly (readonly number[])[]): SobolSums {
  const k = outputs * groups.length;
  return {
    groups,
    outputs,
    samples: 0,
    shift: new Float64Array(outputs),
    count: new Float64Array(outputs),
    mean: new Float64Array(outputs),
    m2: new Float64Array(outputs),
    firstSum: new Float64Array(k),
    firstSq: new Float64Array(k),
    totalSum: new Float64Array(k),
    totalSq: new Float64Array(k),
  };
}

function welford(s: SobolSums, o: number, y: number): void {
  s.count[o]! += 1;
  const delta = y - s.mean[o]!;
  s.mean[o]! += delta / s.count[o]!;
  s.m2[o]! += delta * (y - s.mean[o]!);
}

/**
 * Adds `count` rows of the radial design to `sums`: row r uses A = a[r] and B = b[r] (each `dimension`
 * uniforms, row-major in `a` and `b`), and one extra run per group with that group's uniforms from B.
 * Saltelli et al. (2010) doi:10.1016/j.cpc.2009.09.018; Jansen (1999) doi:10.1016/S0010-4655(98)00154-4.
 */
export function accumulateSobol(model: SobolModel, a: Float64Array, b: Float64Array, count: number, sums: SobolSums): void {
  const { dimension, outputs } = model;
  const groups = sums.groups;
  const G = groups.length;
  const uA = new Float64Array(dimension);
  const uB = new Float64Array(dimension);
  const uAB = new Float64Array(dimension);
  const fA = new Float64Array(outputs);
  const fB = new Float64Array(outputs);
  const fAB = new Float64Array(outputs);
  for (let r = 0; r < count; r++) {
    for (let s = 0; s < dimension; s++) {
      uA[s] = a[r * dimension + s]!;
      uB[s] = b[r * dimension + s]!;
    }
    model.evaluate(uA, fA);
    model.evaluate(uB, fB);
    if (sums.samples === 0) sums.shift.set(fA);
    for (let o = 0; o < outputs; o++) {
      welford(sums, o, fA[o]!);
      welford(sums, o, fB[o]!);
    }
    for (let g = 0; g < G; g++) {
      uAB.set(uA);
      for (const s of groups[g]!) uAB[s] = uB[s]!;
      model.evaluate(uAB, fAB);
      for (let o = 0; o < outputs; o++) {
        const first = (fB[o]! - sums.shift[o]!) * (fAB[o]! - fA[o]!);
        const d = fA[o]! - fAB[o]!;
        const total = 0.5 * d * d;
        const i = o * G + g;
        sums.firstSum[i]! += first;
        sums.firstSq[i]! += first * first;
        sums.totalSum[i]! += total;
        sums.totalSq[i]! += total * total;
      }
    }
    sums.samples++;
  }
}

/** First-order and total-effect indices of one input group for one output, with their standard errors. */
export interface SobolIndex {
  /** S_i: the share of the output's variance explained by the input alone (0–1; NaN when the output does not vary). */
  readonly firstOrder: number;
  /** Standard error of S_i from the spread of its estimator's terms (the variance's own error not included). */
  readonly firstOrderSe: number;
  /** S_Ti: the share involving the input, interactions included. */
  readonly totalEffect: number;
  readonly totalEffectSe: number;
}

/**
 * The indices from accumulated sums: S_i = mean(first terms)/V, S_Ti = mean(total terms)/V with V the sample
 * variance of all f(A), f(B); standard errors sd(terms)/(√N·V). Result[o][g] for output o, group g.
 */
export function sobolIndices(sums: SobolSums): { mean: number[]; variance: number[]; indices: SobolIndex[][] } {
  const n = sums.samples;
  const G = sums.groups.length;
  const mean: number[] = [];
  const variance: number[] = [];
  const indices: SobolIndex[][] = [];
  for (let o = 0; o < sums.outputs; o++) {
    const v = sums.count[o]! > 1 ? sums.m2[o]! / (sums.count[o]! - 1) : 0;
    mean.push(sums.mean[o]!);
    variance.push(v);
    const row: SobolIndex[] = [];
    for (let g = 0; g < G; g++) {
      const i = o * G + g;
      const se = (sum: number, sq: number) => Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2) / n) / v;
      row.push(
        v > 0
          ? { firstOrder: sums.firstSum[i]! / n / v, firstOrderSe: se(sums.firstSum[i]!, sums.firstSq[i]!), totalEffect: sums.totalSum[i]! / n / v, totalEffectSe: se(sums.totalSum[i]!, sums.totalSq[i]!) }
          : { firstOrder: Number.NaN, firstOrderSe: Number.NaN, totalEffect: Number.NaN, totalEffectSe: Number.NaN },
      );
    }
    indices.push(row);
  }
  return { mean, variance, indices };
}

/**
 * Spearman rank correlation of x and y (midranks for ties; simple-statistics sampleRankCorrelation), NaN when
 * either does not vary. Its square is the share of the output's rank variance a monotone trend in x explains.
 * @example rankCorrelation(Float64Array.of(1, 2, 3), Float64Array.of(1, 4, 9)) // 1
 */
export function rankCorrelation(x: Float64Array, y: Float64Array): number {
  const constant = (v: Float64Array) => v.every((e) => e === v[0]);
  if (x.length < 2 || constant(x) || constant(y)) return Number.NaN;
  return sampleRankCorrelation(Array.from(x), Array.from(y));
}
