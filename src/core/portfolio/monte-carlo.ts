/**
 * Monte Carlo of a portfolio: each draw decides every project's completion (Bernoulli) and delay, counts its
 * capacity from its delayed dates, adds the unnamed path, and checks each target. Deterministic by seed: the
 * uniform of draw d for project i is uniformAt(seed, stream, d) with a stream per project and purpose
 * (random.ts), so a draw's outcome does not depend on how draws are split.
 *
 * One uniform u per project and draw decides both: the project is built when u < p, and then u/p, which given
 * u < p is again uniform on (0, 1), is the quantile of its delay (so a project that only just gets built is the
 * one that slips most). A smaller u never means a later date, so raising p never lowers P(target met).
 *
 * An energy target sums, in each draw, the energy of every project it counts commissioned at its delayed date
 * (addEnergyPath, the cohort bookkeeping of run-paths.ts) plus the unnamed path's energy, year by year; so the mean
 * over draws converges to the risk-weighted energy of energy-targets.ts.
 *
 * Correlation (`by: stage | owner`, Spearman rank ρ_s ≥ 0 within a group): a Gaussian copula whose normal
 * correlation is ρ = 2·sin(π·ρ_s/6) between every two projects of a group (rank-correlation.ts), written in its
 * one-factor form z_i = √ρ·Z_g + √(1 − ρ)·Φ⁻¹(u_i) (Vasicek 2002, "The distribution of loan portfolio value",
 * Risk 15(12)): the same copula as the Cholesky form for an equicorrelated block, at O(1) per project and draw.
 * A group that fails together also slips together.
 */
import { reachesTarget } from '../plan/simulate.ts';
import { createSampler, standardNormalCdf, standardNormalQuantile, type Distribution, type Sampler } from '../uncertainty/distributions.ts';
import { summarizeValues, targetDistribution, type McStats, type TargetDistribution } from '../uncertainty/monte-carlo.ts';
import { fillUniforms } from '../uncertainty/random.ts';
import { normalCorrelationFromSpearman } from '../uncertainty/rank-correlation.ts';
import { countedDateYear, unnamedMWAt, unnamedMWhAt } from './paths.ts';
import { addEnergyPath } from './run-paths.ts';
import { generatesEnergy } from './technologies.ts';
import type { CountedMetric, Portfolio, PortfolioTarget, Project } from './types.ts';
import { targetCounts } from './waterfall.ts';

/** Group factors use streams from here up, far above any project's (project i uses stream streamBase + i). */
export const GROUP_STREAM_BASE = 0x80000000;
/** streamBase of a portfolio drawn together with a plan's uncertain inputs: above their streams (monte-carlo.ts in uncertainty: parameters from 0, inter-annual terms from 65536). */
export const PORTFOLIO_STREAM_BASE = 0x40000000;
/** Where u/p rounds to 1 (u just below p), the delay quantile is taken at this largest uniform below 1. */
const UNIFORM_CLAMP = 1 - 2 ** -53;

export interface PortfolioMcOptions {
  readonly seed: number;
  readonly draws: number;
  /** First draw index (for splitting a run into chunks); default 0. */
  readonly fromDraw?: number;
  /**
   * Project i draws from stream streamBase + i; default 0. A run that also draws the plan's uncertain inputs sets it
   * above their streams (PORTFOLIO_STREAM_BASE), so that a project's draws never reuse an input's.
   */
  readonly streamBase?: number;
  /**
   * The unnamed path of each draw, when the plan's own inputs are uncertain: built + under construction and
   * operating, MW, and energy, MWh (needed by energy targets), draw-major ([d · years + y], years startYear … endYear).
   * Default: portfolio.unnamed in every draw.
   */
  readonly unnamedByDraw?: { readonly capacityMW: Float64Array; readonly operatingMW: Float64Array; readonly energyMWh?: Float64Array };
  /** Also summarise the total capacity and operating capacity of each year across draws (mean, sd, P10/P50/P90). */
  readonly yearStats?: boolean;
}

export interface PortfolioTargetMc {
  readonly target: PortfolioTarget;
  /** P(target met in its year) and the distribution of the first year it is met (null = not by the end year). */
  readonly distribution: TargetDistribution;
  /** A capacity target: counted capacity in the target year across draws, MW. */
  readonly capacityInTargetYearMW?: McStats;
  /** An energy target: counted energy in the target year across draws, MWh. */
  readonly energyInTargetYearMWh?: McStats;
}

export interface PortfolioMcResult {
  readonly draws: number;
  readonly years: readonly number[];
  /** Mean generation capacity (unnamed + named), built + under construction and operating, MW by year. */
  readonly meanCapacityMW: Float64Array;
  readonly meanOperatingMW: Float64Array;
  /** With `yearStats`: the same across draws, year by year. */
  readonly capacityStatsMW?: readonly McStats[];
  readonly operatingStatsMW?: readonly McStats[];
  readonly targets: readonly PortfolioTargetMc[];
}

/**
 * A quantity summed per draw and year over the projects `include` accepts, plus the unnamed path when asked: a
 * capacity counted by `metric`, or (`energy`) the energy produced in each year.
 */
interface Sink {
  readonly metric: CountedMetric;
  readonly energy: boolean;
  readonly include: (p: Project) => boolean;
  readonly withUnnamed: boolean;
  /** draw-major: [d · years + y]; capacity: first increments, then running sums; energy: each year's own. */
  readonly values: Float64Array;
}

/** The group key of a project under a correlation, or undefined when it is drawn independently (no owner). */
function groupOf(p: Project, by: 'stage' | 'owner'): string | undefined {
  return by === 'stage' ? p.stage : p.owner;
}

/**
 * Each draw's outcome for one project: its delay in years when it is built, NaN when it is not. Built when u < p
 * (or z < Φ⁻¹(p) with a group factor), delayed by the delay's quantile at u/p.
 */
function drawSlips(
  uniforms: Float64Array,
  draws: number,
  prob: number,
  fixedDelay: number,
  sampler: Sampler | undefined,
  factor: Float64Array | undefined,
  loading: number,
  residual: number,
  threshold: number,
  slips: Float64Array,
): void {
  const certain = prob >= 1;
  for (let d = 0; d < draws; d++) {
    let u = uniforms[d]!;
    slips[d] = Number.NaN;
    if (factor !== undefined) {
      // Built when z < Φ⁻¹(p), i.e. Φ(z) < p; Φ(z) only when a delay needs it.
      const z = loading * factor[d]! + residual * standardNormalQuantile(u);
      if (!(z < threshold)) continue;
      if (sampler !== undefined) u = standardNormalCdf(z);
    } else if (!certain && !(u < prob)) continue;
    let slip = fixedDelay;
    if (sampler !== undefined) {
      const v = certain ? u : u / prob;
      slip = sampler(v > 0 && v < 1 ? v : UNIFORM_CLAMP);
    }
    slips[d] = slip;
  }
}

/** Adds one project's capacity to the capacity sinks it counts in, in each draw it is built: from year ⌊date + delay⌋ (before the first year: the first). */
function accumulateCapacity(slips: Float64Array, draws: number, nYears: number, firstYear: number, capacityMW: number, dates: Float64Array, sinks: readonly Float64Array[], nSinks: number): void {
  for (let d = 0; d < draws; d++) {
    const slip = slips[d]!;
    if (Number.isNaN(slip)) continue;
    const row = d * nYears;
    for (let j = 0; j < nSinks; j++) {
      let y = Math.floor(dates[j]! + slip) - firstYear;
      if (y < 0) y = 0;
      if (y < nYears) sinks[j]![row + y]! += capacityMW;
    }
  }
}

/** Adds one project's energy of each year to the energy sinks it counts in, in each draw it is built, commissioned at its delayed date. */
function accumulateEnergy(slips: Float64Array, draws: number, nYears: number, firstYear: number, project: Project, sinks: readonly Float64Array[], nSinks: number): void {
  for (let d = 0; d < draws; d++) {
    const slip = slips[d]!;
    if (Number.isNaN(slip)) continue;
    for (let j = 0; j < nSinks; j++) addEnergyPath(sinks[j]!, project, firstYear, project.commissioningYear + slip, 1, d * nYears, nYears);
  }
}

/** Runs `draws` draws of a portfolio. */
export function simulatePortfolioDraws(portfolio: Portfolio, options: PortfolioMcOptions): PortfolioMcResult {
  const { seed, draws } = options;
  const fromDraw = options.fromDraw ?? 0;
  const streamBase = options.streamBase ?? 0;
  const byDraw = options.unnamedByDraw;
  if (!(Number.isInteger(draws) && draws > 0)) throw new RangeError(`simulatePortfolioDraws: draws must be a positive whole number, got ${draws}`);
  const first = portfolio.startYear;
  const nYears = portfolio.endYear - first + 1;
  if (byDraw && (byDraw.capacityMW.length !== draws * nYears || byDraw.operatingMW.length !== draws * nYears || (byDraw.energyMWh !== undefined && byDraw.energyMWh.length !== draws * nYears))) {
    throw new RangeError(`simulatePortfolioDraws: unnamedByDraw must hold draws × years = ${draws * nYears} values`);
  }
  if (byDraw && byDraw.energyMWh === undefined && portfolio.targets.some((t) => t.kind === 'energy' && t.includeUnnamed)) throw new RangeError('simulatePortfolioDraws: an energy target counting the unnamed path needs unnamedByDraw.energyMWh');
  const gen = (p: Project) => generatesEnergy(p.technology);
  const sinks: Sink[] = [
    { metric: 'built-plus-under-construction', energy: false, include: gen, withUnnamed: true, values: new Float64Array(draws * nYears) },
    { metric: 'operating', energy: false, include: gen, withUnnamed: true, values: new Float64Array(draws * nYears) },
    ...portfolio.targets.map((t) => ({
      metric: t.counts,
      energy: t.kind === 'energy',
      include: (p: Project) => targetCounts(t, p) && (t.kind !== 'energy' || gen(p)),
      withUnnamed: t.includeUnnamed,
      values: new Float64Array(draws * nYears),
    })),
  ];

  const correlation = portfolio.correlation;
  const rho = correlation && correlation.rank > 0 ? normalCorrelationFromSpearman(correlation.rank) : 0;
  const loading = Math.sqrt(rho);
  const residual = Math.sqrt(1 - rho);
  const groupSize = new Map<string, number>();
  if (rho > 0) for (const p of portfolio.projects) {
    const g = groupOf(p, correlation!.by);
    if (g !== undefined) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  }
  const factors = new Map<string, Float64Array>();
  /** Normal scores of a group's factor, one per draw. */
  const factorOf = (group: string): Float64Array => {
    let z = factors.get(group);
    if (!z) {
      z = fillUniforms(seed, GROUP_STREAM_BASE + factors.size, fromDraw, new Float64Array(draws));
      for (let d = 0; d < draws; d++) z[d] = standardNormalQuantile(z[d]!);
      factors.set(group, z);
    }
    return z;
  };

  const uniforms = new Float64Array(draws);
  const slips = new Float64Array(draws);
  const samplers = new Map<Distribution, Sampler>();
  const dates = new Float64Array(sinks.length);
  const targets = new Int32Array(sinks.length);
  const projectSinks: Float64Array[] = sinks.map((x) => x.values);
  const energySinks: Float64Array[] = sinks.map((x) => x.values);
  portfolio.projects.forEach((p, i) => {
    const prob = p.completionProbabilityFrac;
    if (p.stage === 'cancelled' || !(prob > 0)) return;
    let nSinks = 0;
    let nEnergy = 0;
    sinks.forEach((s, k) => {
      if (!s.include(p)) return;
      if (s.energy) {
        energySinks[nEnergy++] = s.values;
        return;
      }
      targets[nSinks] = k;
      dates[nSinks] = countedDateYear(p, s.metric);
      nSinks++;
    });
    if (nSinks === 0 && nEnergy === 0) return;
    const delay = p.delayYears;
    const fixedDelay = delay.kind === 'constant' ? delay.value : Number.NaN;
    let sampler: Sampler | undefined;
    if (Number.isNaN(fixedDelay)) {
      sampler = samplers.get(delay);
      if (!sampler) samplers.set(delay, (sampler = createSampler(delay)));
    }
    const certain = prob >= 1;
    const group = rho > 0 ? groupOf(p, correlation!.by) : undefined;
    const factor = group !== undefined && (groupSize.get(group) ?? 0) > 1 ? factorOf(group) : undefined;
    if (!certain || sampler) fillUniforms(seed, streamBase + i, fromDraw, uniforms);
    const threshold = factor ? (certain ? Number.POSITIVE_INFINITY : standardNormalQuantile(prob)) : prob;
    for (let j = 0; j < nSinks; j++) projectSinks[j] = sinks[targets[j]!]!.values;
    drawSlips(uniforms, draws, prob, fixedDelay, sampler, factor, loading, residual, threshold, slips);
    if (nSinks > 0) accumulateCapacity(slips, draws, nYears, first, p.capacityMW, dates, projectSinks, nSinks);
    if (nEnergy > 0) accumulateEnergy(slips, draws, nYears, first, p, energySinks, nEnergy);
  });

  // Capacity: increments → running sums; then the unnamed path (the same in every draw, or each draw's own).
  for (const s of sinks) {
    const unnamed = new Float64Array(nYears);
    if (s.withUnnamed && !byDraw) for (let y = 0; y < nYears; y++) unnamed[y] = s.energy ? unnamedMWhAt(portfolio.unnamed, first + y) : unnamedMWAt(portfolio.unnamed, s.metric, first + y);
    const own = s.withUnnamed && byDraw ? (s.energy ? byDraw.energyMWh : s.metric === 'operating' ? byDraw.operatingMW : byDraw.capacityMW) : undefined;
    for (let d = 0; d < draws; d++) {
      const row = d * nYears;
      let run = 0;
      for (let y = 0; y < nYears; y++) {
        run = s.energy ? s.values[row + y]! : run + s.values[row + y]!;
        s.values[row + y] = run + (own ? own[row + y]! : unnamed[y]!);
      }
    }
  }
  const meanOf = (s: Sink) => {
    const m = new Float64Array(nYears);
    for (let d = 0; d < draws; d++) for (let y = 0; y < nYears; y++) m[y]! += s.values[d * nYears + y]!;
    for (let y = 0; y < nYears; y++) m[y]! /= draws;
    return m;
  };
  const targetResults = portfolio.targets.map((target, k): PortfolioTargetMc => {
    const s = sinks[2 + k]!;
    const firstMet = new Float64Array(draws);
    const metInYear = new Float64Array(draws);
    const inTargetYear = new Float64Array(draws);
    const ty = target.year - first;
    const goal = target.kind === 'energy' ? target.energyMWh : target.capacityMW;
    for (let d = 0; d < draws; d++) {
      const row = d * nYears;
      for (let y = 0; y < nYears; y++) {
        if (reachesTarget(s.values[row + y]!, goal)) {
          firstMet[d] = first + y;
          break;
        }
      }
      const atTarget = ty >= 0 && ty < nYears ? s.values[row + ty]! : Number.NaN;
      inTargetYear[d] = atTarget;
      metInYear[d] = reachesTarget(atTarget, goal) ? 1 : 0;
    }
    const stats = summarizeValues(inTargetYear);
    return { target, distribution: targetDistribution(firstMet, metInYear), ...(target.kind === 'energy' ? { energyInTargetYearMWh: stats } : { capacityInTargetYearMW: stats }) };
  });
  const statsOf = (s: Sink): McStats[] => {
    const column = new Float64Array(draws);
    return Array.from({ length: nYears }, (_, y) => {
      for (let d = 0; d < draws; d++) column[d] = s.values[d * nYears + y]!;
      return summarizeValues(column);
    });
  };
  return {
    draws,
    years: Array.from({ length: nYears }, (_, y) => first + y),
    meanCapacityMW: meanOf(sinks[0]!),
    meanOperatingMW: meanOf(sinks[1]!),
    ...(options.yearStats ? { capacityStatsMW: statsOf(sinks[0]!), operatingStatsMW: statsOf(sinks[1]!) } : {}),
    targets: targetResults,
  };
}
