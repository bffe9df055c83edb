/**
 * Monte Carlo over a plan's uncertain inputs.
 *
 * Random numbers: draw i is a pure function of (seed, i). Parameter j reads the counter-based uniform
 * (seed, stream j, index i), correlated through a Gaussian copula; the inter-annual yield term of year
 * baseYear + k reads stream INTERANNUAL_STREAM_BASE + k (random.ts, Threefry-2x32). So any split of the draws
 * over threads or chunks gives the same numbers, draw for draw.
 *
 * Memory: a run keeps, per (metric, reported year), one Float64Array column over all draws, laid out
 * column-major ([column][draw]) so that each column is contiguous for sorting. The metrics are the registry's
 * (core/metrics/registry.ts); the engine stores only the yearly ones (STORED_METRICS); the running totals are
 * rebuilt from them in the same order of additions as the kernel, hence bit for bit. When all columns do not fit a memory budget the
 * orchestrator (src/mc/) runs the draws again for the next group of columns (`planPasses`): same seed, same
 * draws, so the passes are exact.
 */
import { mean, quantileSorted, quickselect, sampleStandardDeviation } from 'simple-statistics';
import { createSampler, standardNormalQuantile, type Sampler } from './distributions.ts';
import { growthPathInto } from '../plan/growth.ts';
import { fillUniforms } from './random.ts';
import { createGaussianCopula, type GaussianCopula } from './rank-correlation.ts';
import { createPlanWorkspace, reachesTarget, simulatePlanInto, type PlanWorkspace } from '../plan/simulate.ts';
import type { PlanInput } from '../plan/types.ts';
import { isKernelMetric, metricById, metricByField, metricValueAt, monteCarloMetrics, type FieldArrays, type McCumulativeField, type McMetricField } from '../metrics/metrics.ts';
import { createParameterApplier, type PlanUncertainty } from './parameters.ts';

/** Year-row fields a Monte Carlo run summarises for every year: the registry's `monteCarlo` metrics, in its order. */
export const MC_METRICS: readonly McMetric[] = monteCarloMetrics().map((m) => m.field as McMetric);
export type McMetric = McMetricField;

/** The metrics kept per draw (the yearly ones); the running totals are rebuilt from them. */
export const STORED_METRICS: readonly StoredMetric[] = monteCarloMetrics()
  .filter((m) => m.cumulativeOf === undefined)
  .map((m) => m.field as StoredMetric);
export type StoredMetric = Exclude<McMetric, McCumulativeField>;

/** Each running-total metric and the yearly metric it sums (from years.start, as simulatePlanInto does). */
export const CUMULATIVE_OF: Readonly<Record<McCumulativeField, StoredMetric>> = Object.fromEntries(
  monteCarloMetrics()
    .filter((m) => m.cumulativeOf !== undefined)
    .map((m) => [m.field, metricById(m.cumulativeOf!).field]),
) as Record<McCumulativeField, StoredMetric>;

/** Whether a Monte Carlo metric is a running total from years.start. */
export function isCumulativeMetric(field: McMetric): boolean {
  return metricByField(field).cumulativeOf !== undefined;
}

/**
 * A metric's value at index i (from the base year) of a kernel workspace whose reported years start at index
 * `fromIndex`: the kernel's own array, or the registry's derivation of it (metricValueAt).
 */
export function workspaceValue(ws: PlanWorkspace, field: McMetric, i: number, fromIndex: number): number {
  return metricValueAt(ws as unknown as FieldArrays, metricByField(field), i, fromIndex);
}

/** Plan fields of the growth model: drawing one changes the desired capacity path. */
const GROWTH_FIELD_PREFIX = 'capacity.growth.';

/** First stream of the inter-annual yield term; parameter streams are 0, 1, 2, … below it. */
export const INTERANNUAL_STREAM_BASE = 65536;

/** A plan with its uncertainty: what a Monte Carlo samples. */
export interface UncertainPlan {
  readonly plan: PlanInput;
  readonly uncertainty: PlanUncertainty;
}

/**
 * Draw i's inputs and model run. A draw's uniforms are laid out as [parameters…, weather years…]: parameter j
 * at index j, the inter-annual term of year baseYear + k at parameterCount + k (only when its sd > 0).
 */
export interface Drawer {
  readonly parameterCount: number;
  /** Years simulated: base year to end year. */
  readonly yearCount: number;
  /** Uniforms of the inter-annual term: yearCount when its sd > 0, else 0. */
  readonly weatherCount: number;
  /** parameterCount + weatherCount. */
  readonly dimension: number;
  /** Random stream of each uniform, by index. */
  readonly streams: Uint32Array;
  /** Reported years (years.start to years.end) and the index of years.start in the workspace. */
  readonly reportedYears: number;
  readonly reportedOffset: number;
  readonly baseYear: number;
  /** The plan's capacity target (not uncertain): goal in MW (undefined without one) and its year (NaN without one). */
  readonly targetCapacityMW: number | undefined;
  readonly targetYear: number;
  /** The kernel's output of the last `evaluate`. */
  readonly workspace: PlanWorkspace;
  /** Parameter values of the last `evaluate` (internal units), by parameter index. */
  readonly values: Float64Array;
  /**
   * Runs the draw whose uniforms are `u` (length `dimension`, each in (0, 1)) into `workspace`; `correlated`
   * puts the parameters' uniforms through the Gaussian copula first (false: independent inputs, for Sobol).
   */
  evaluate(u: Float64Array, correlated: boolean): PlanWorkspace;
}

/** The Spearman matrix of all parameters: identity except the given rank correlations. */
function spearmanMatrix(u: PlanUncertainty): number[][] {
  const k = u.parameters.length;
  const m: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  for (const { a, b, rank } of u.correlations) m[a]![b] = m[b]![a] = rank;
  return m;
}

/**
 * Multiplier of a year's full-load hours for weather: 1 + σ·Φ⁻¹(u), floored at 0 (dimensionless; σ ≤ 50 % is
 * enforced by the scenario layer, so the floor is a > 2σ event). The normal model of year-to-year irradiation
 * follows the P50/P90 practice of yield assessments (e.g. Dobos, Gilman & Kasberg 2012, "P50/P90 analysis for
 * solar energy systems using the System Advisor Model", NREL/CP-6A20-54488).
 */
export function interannualYieldFactor(sdFrac: number, u: number): number {
  const f = 1 + sdFrac * standardNormalQuantile(u);
  return f > 0 ? f : 0;
}

/** Prepares samplers, the copula, the drawn plan, its growth path and scratch space once; `evaluate` overwrites them draw after draw. */
export function createDrawer(input: UncertainPlan): Drawer {
  const { plan: base, uncertainty } = input;
  const params = uncertainty.parameters;
  const parameterCount = params.length;
  const samplers: Sampler[] = params.map((p) => createSampler(p.distribution));
  const copula: GaussianCopula | undefined = uncertainty.correlations.length > 0 ? createGaussianCopula(spearmanMatrix(uncertainty)) : undefined;
  const workspace = createPlanWorkspace(base);
  const yearCount = workspace.years;
  const sd = uncertainty.interannualSdFrac;
  const weatherCount = sd > 0 ? yearCount : 0;
  const dimension = parameterCount + weatherCount;
  const streams = new Uint32Array(dimension);
  for (let j = 0; j < parameterCount; j++) streams[j] = j;
  for (let k = 0; k < weatherCount; k++) streams[parameterCount + k] = INTERANNUAL_STREAM_BASE + k;
  const uniforms = new Float64Array(parameterCount);
  const values = new Float64Array(parameterCount);
  const factors = new Float64Array(yearCount);

  // The desired capacity path depends on the drawn values only through the growth model's fields; when none of
  // them is uncertain the path of the first draw holds for every draw.
  const growthVaries = params.some((p) => p.field.startsWith(GROWTH_FIELD_PREFIX));
  const path = { capacityMW: new Float64Array(yearCount) };
  let pathReady = false;
  const pathOf = (p: PlanInput): { capacityMW: Float64Array } => {
    if (growthVaries || !pathReady) {
      growthPathInto(p, path.capacityMW);
      pathReady = true;
    }
    return path;
  };

  const planOf = createParameterApplier(base, params);

  return {
    parameterCount,
    yearCount,
    weatherCount,
    dimension,
    streams,
    reportedYears: base.endYear - base.startYear + 1,
    reportedOffset: base.startYear - base.capacity.baseYear,
    baseYear: base.capacity.baseYear,
    targetCapacityMW: base.capacity.target?.capacityMW,
    targetYear: base.capacity.target?.year ?? Number.NaN,
    workspace,
    values,
    evaluate(u, correlated) {
      for (let j = 0; j < parameterCount; j++) uniforms[j] = u[j]!;
      if (correlated && copula) copula.correlate(uniforms, uniforms);
      for (let j = 0; j < parameterCount; j++) values[j] = samplers[j]!(uniforms[j]!);
      const p = planOf(values);
      if (weatherCount > 0) for (let k = 0; k < yearCount; k++) factors[k] = interannualYieldFactor(sd, u[parameterCount + k]!);
      simulatePlanInto(p, pathOf(p), weatherCount > 0 ? factors : undefined, workspace);
      return workspace;
    },
  };
}

/** One (metric, reported year) series over draws: what a pass stores and summarises. */
export interface McColumn {
  readonly metric: StoredMetric;
  /** Index over the reported years: 0 = years.start. */
  readonly yearIndex: number;
}

/** Bytes of one stored value (Float64). */
export const BYTES_PER_VALUE = Float64Array.BYTES_PER_ELEMENT;

/**
 * Splits the stored columns (metric-major, years ascending, so a cumulative sum can run across passes) into
 * passes of at most ⌊budget / (draws × 8 B)⌋ columns each, at least one.
 * @example planPasses(1_000_000, 14, 384 * 2 ** 20).length // 2 (50 columns of 8 MB, then 20)
 */
export function planPasses(draws: number, reportedYears: number, budgetBytes: number): McColumn[][] {
  const all: McColumn[] = [];
  for (const metric of STORED_METRICS) for (let k = 0; k < reportedYears; k++) all.push({ metric, yearIndex: k });
  const perPass = Math.max(1, Math.floor(budgetBytes / (draws * BYTES_PER_VALUE)));
  const passes: McColumn[][] = [];
  for (let i = 0; i < all.length; i += perPass) passes.push(all.slice(i, i + perPass));
  return passes;
}

/**
 * Results of draws [fromDraw, fromDraw + count) for some columns, in one buffer (so a worker can transfer it):
 * column c of draw d at data[c × count + d]; then, when `withTarget`, the first year the capacity target is
 * met (0 when never, or no capacity target) at data[columns × count + d] and whether it is met in the target
 * year (1/0) at data[(columns + 1) × count + d].
 */
export interface DrawBlock {
  readonly fromDraw: number;
  readonly count: number;
  readonly columns: readonly McColumn[];
  readonly withTarget: boolean;
  readonly data: Float64Array;
}

/** Values of a block's column c (a view, in draw order). */
export function blockColumn(block: DrawBlock, c: number): Float64Array {
  return block.data.subarray(c * block.count, (c + 1) * block.count);
}

/** A block's per-draw target outcome: first year met (0 = never) and met in the target year (1/0), as views. */
export function blockTarget(block: DrawBlock): { firstMetYear: Float64Array; metInTargetYear: Float64Array } {
  if (!block.withTarget) throw new Error('blockTarget: the block was run without the target outcome');
  const at = block.columns.length * block.count;
  return { firstMetYear: block.data.subarray(at, at + block.count), metInTargetYear: block.data.subarray(at + block.count, at + 2 * block.count) };
}

/** Draws whose uniforms runDraws generates at once: enough to amortise the per-stream set-up, few enough to stay in cache. */
const UNIFORM_BLOCK = 256;

/** Largest draw index + 1 a run may reach: uniforms are indexed by 32-bit counters (random.ts). */
export const MAX_DRAW_INDEX = 0xffffffff;

/** Values a DrawBlock of `count` draws holds: `columns` columns, plus two for the target outcome. */
export function blockLength(columns: number, count: number, withTarget: boolean): number {
  return (columns + (withTarget ? 2 : 0)) * count;
}

/**
 * Runs draws [fromDraw, fromDraw + count) under `seed` and keeps `columns` (and, with `withTarget`, the
 * target outcome) in a DrawBlock. Uniforms are generated a stream at a time for the whole chunk
 * (fillUniforms), then each draw runs the kernel in the drawer's workspace: nothing is allocated per year.
 * `out`, when it holds at least blockLength values, is written over (every value the block holds, whatever it
 * held before) and the block's data is a view of its start; else a new buffer is allocated. Reusing one buffer
 * chunk after chunk spares allocating and collecting megabytes a chunk.
 */
export function runDraws(drawer: Drawer, seed: number, fromDraw: number, count: number, columns: readonly McColumn[], withTarget: boolean, out?: Float64Array): DrawBlock {
  if (!(Number.isInteger(fromDraw) && Number.isInteger(count) && fromDraw >= 0 && count >= 0 && fromDraw + count <= MAX_DRAW_INDEX)) {
    throw new RangeError(`runDraws: draws [${fromDraw}, ${fromDraw + count}) must be integers within [0, 2^32 − 1]`);
  }
  const { dimension, streams, reportedOffset, workspace: ws, baseYear } = drawer;
  const length = blockLength(columns.length, count, withTarget);
  const data = out !== undefined && out.length >= length ? out.subarray(0, length) : new Float64Array(length);
  // Uniforms for UNIFORM_BLOCK draws at a time, a stream at a time: [stream][draw within the block].
  const block = Math.min(count, UNIFORM_BLOCK);
  const uniformColumns = new Float64Array(dimension * block);
  const u = new Float64Array(dimension);
  const metrics = columns.map((c) => metricByField(c.metric));
  const offsets = Int32Array.from(columns, (c) => reportedOffset + c.yearIndex);
  const nColumns = columns.length;
  // Columns of the kernel's own arrays, copied in the hot loop; the others are derived from the registry per draw.
  const kernel = Int32Array.from(metrics.flatMap((m, c) => (isKernelMetric(m) ? [c] : [])));
  const kernelSources = Array.from(kernel, (c) => ws[columns[c]!.metric as keyof PlanWorkspace] as Float64Array);
  const derived = Int32Array.from(metrics.flatMap((m, c) => (isKernelMetric(m) ? [] : [c])));
  const goalMW = drawer.targetCapacityMW;
  const targetIndex = drawer.targetYear - baseYear;
  const firstMetAt = nColumns * count;
  const metInTargetAt = firstMetAt + count;
  const trackTarget = withTarget && goalMW !== undefined;
  if (withTarget && !trackTarget) data.fill(0, firstMetAt);
  for (let d = 0; d < count; d++) {
    const b = d % block;
    if (b === 0) {
      const n = Math.min(block, count - d);
      for (let s = 0; s < dimension; s++) fillUniforms(seed, streams[s]!, fromDraw + d, uniformColumns.subarray(s * block, s * block + n));
    }
    for (let s = 0; s < dimension; s++) u[s] = uniformColumns[s * block + b]!;
    drawer.evaluate(u, true);
    for (let k = 0; k < kernel.length; k++) {
      const c = kernel[k]!;
      data[c * count + d] = kernelSources[k]![offsets[c]!]!;
    }
    for (let k = 0; k < derived.length; k++) {
      const c = derived[k]!;
      data[c * count + d] = metricValueAt(ws as unknown as FieldArrays, metrics[c]!, offsets[c]!, reportedOffset);
    }
    if (trackTarget) {
      // The same rule and years as targetOutcome: the first year from the base year on that reaches the goal.
      let firstMetYear = 0;
      for (let k = 0; k < ws.years; k++) {
        if (reachesTarget(ws.capacityMW[k]!, goalMW)) {
          firstMetYear = baseYear + k;
          break;
        }
      }
      data[firstMetAt + d] = firstMetYear;
      data[metInTargetAt + d] = targetIndex >= 0 && targetIndex < ws.years && reachesTarget(ws.capacityMW[targetIndex]!, goalMW) ? 1 : 0;
    }
  }
  return { fromDraw, count, columns, withTarget, data };
}

/** Summary statistics of one metric in one year across draws. */
export interface McStats {
  readonly mean: number;
  readonly sd: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** Extra quantiles asked for, keyed 'p05', 'p95', 'p2.5'… */
  readonly [extra: `p${string}`]: number;
}

/** Key of a quantile: 0.1 → 'p10', 0.05 → 'p05', 0.025 → 'p2.5', 0.999 → 'p99.9'. */
export function quantileKey(q: number): `p${string}` {
  const pct = Number((q * 100).toPrecision(10));
  return `p${pct < 10 && Number.isInteger(pct) ? `0${pct}` : String(pct)}`;
}

/** The quantiles every summary reports (P10, P50, P90). */
export const STANDARD_QUANTILES = [0.1, 0.5, 0.9] as const;

/**
 * Mean, sample standard deviation (n − 1) and quantiles (type 7: linear interpolation of order statistics, as
 * R's and numpy's default; Hyndman & Fan 1996, Am. Stat. 50(4):361–365) of `values`, with simple-statistics:
 * mean, sampleStandardDeviation, and quantileSorted on a copy in which `quickselect` (Floyd & Rivest 1975,
 * CACM 18(3):173–175) has put the order statistics the quantiles read in their sorted places — O(n), no
 * full sort. pX is the X-th percentile: the "P90" of a yield assessment (exceeded with 90 % probability) is
 * p10 here. A constant sample returns its value and sd 0 exactly (n equal values summed and divided by n need
 * not round back to the value), so a zero-spread Monte Carlo reproduces the deterministic run bit for bit.
 * `values` is left unchanged; `scratch` (length ≥ n), when given, holds the copy, so that nothing is allocated.
 * @example summarizeValues(Float64Array.of(1, 2, 3, 4)) // { mean: 2.5, sd: 1.29…, p10: 1.3, p50: 2.5, p90: 3.7 }
 */
export function summarizeValues(values: Float64Array, extraQuantiles: readonly number[] = [], scratch?: Float64Array): McStats {
  const n = values.length;
  if (n === 0) throw new RangeError('summarizeValues: no values');
  let lo = values[0]!;
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  const constant = lo === hi;
  const ps = [...STANDARD_QUANTILES, ...extraQuantiles];
  let qs: number[];
  if (constant) qs = ps.map(() => lo);
  else {
    const copy = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
    copy.set(values);
    // Type 7 reads x[⌊(n − 1)p⌋] and x[⌈(n − 1)p⌉]; select them in ascending order, each in the part above the last.
    const positions = [...new Set(ps.flatMap((p) => [Math.floor((n - 1) * p), Math.ceil((n - 1) * p)]))].sort((x, y) => x - y);
    let left = 0;
    for (const k of positions) {
      quickselect(copy as unknown as number[], k, left, n - 1);
      left = k + 1;
    }
    qs = ps.map((p) => quantileSorted(copy as unknown as number[], p));
  }
  const stats: Record<string, number> = {
    mean: constant ? lo : mean(values as unknown as number[]),
    sd: constant || n < 2 ? 0 : sampleStandardDeviation(values as unknown as number[]),
    p10: qs[0]!,
    p50: qs[1]!,
    p90: qs[2]!,
  };
  extraQuantiles.forEach((q, i) => (stats[quantileKey(q)] = qs[STANDARD_QUANTILES.length + i]!));
  return stats as unknown as McStats;
}

/** How often the capacity target is met in its year, and the distribution of the year it is first met. */
export interface TargetDistribution {
  /** Share of draws meeting the target in its year (0–1). */
  readonly probabilityMet: number;
  /** Share of draws by the first year the target is reached; year null = not within the horizon. Ascending, never last. */
  readonly yearMetDistribution: ReadonlyArray<{ readonly year: number | null; readonly draws: number; readonly probability: number }>;
}

/**
 * The target summary from per-draw outcomes (first year met, 0 = never; met in the target year, 1/0), counted
 * in draw order so that the result does not depend on how the draws were split.
 * @example targetDistribution(Float64Array.of(2025, 2026, 0), Float64Array.of(1, 0, 0)) // probabilityMet 1/3
 */
export function targetDistribution(firstMetYear: Float64Array, metInTargetYear: Float64Array): TargetDistribution {
  const n = firstMetYear.length;
  if (n === 0 || metInTargetYear.length !== n) throw new RangeError('targetDistribution: expected two non-empty arrays of equal length');
  let met = 0;
  const counts = new Map<number, number>();
  for (let d = 0; d < n; d++) {
    met += metInTargetYear[d]!;
    counts.set(firstMetYear[d]!, (counts.get(firstMetYear[d]!) ?? 0) + 1);
  }
  const years = [...counts.keys()].filter((y) => y !== 0).sort((a, b) => a - b);
  const rows = years.map((year) => ({ year: year as number | null, draws: counts.get(year)!, probability: counts.get(year)! / n }));
  const never = counts.get(0);
  if (never !== undefined) rows.push({ year: null, draws: never, probability: never / n });
  return { probabilityMet: met / n, yearMetDistribution: rows };
}
