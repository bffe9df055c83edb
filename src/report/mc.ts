/**
 * The Monte Carlo report: the stable JSON contract of `pvplan mc --format json` (docs/uncertainty.md), which the
 * CLI prints and the server serves. Built from per-(metric, year) statistics the engine computed in draw order,
 * so the same seed gives the same bytes whatever the thread count.
 */
import type { TornadoBar } from '../core/uncertainty/sensitivity.ts';
import type { FinanceMcSummary } from '../core/finance/monte-carlo-finance.ts';
import { quantile, type Distribution } from '../core/uncertainty/distributions.ts';
import { MC_METRICS, type McMetric, type McStats, type TargetDistribution } from '../core/uncertainty/monte-carlo.ts';
import type { CountedMetric, TargetIdentity, Technology } from '../core/portfolio/types.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { PVPLAN_VERSION } from '../version.ts';

/** One reported year: the statistics of every metric across draws. */
export type McYear = { readonly year: number } & { readonly [M in McMetric]: McStats };

/** An uncertain input as sampled: its distribution (internal units) and its own P10/P50/P90. */
export interface McInput {
  readonly name: string;
  readonly distribution: Distribution;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface McTarget extends TargetDistribution {
  readonly year: number;
  /** Capacity goal (built + under construction), MW. */
  readonly capacityMW: number;
  /** Energy or coal goals of the target year, when the scenario sets them, and the share of draws meeting each. */
  readonly energyMWh?: number;
  readonly probabilityEnergyMet?: number;
  readonly coalTonnes?: number;
  readonly probabilityCoalMet?: number;
}

/** One target of a portfolio across draws: a capacity target has the capacity fields, an energy target the energy ones. */
export interface McPortfolioTarget extends TargetDistribution, TargetIdentity {
  /** Capacity target, MW, and the counted capacity in the target year across draws, MW. */
  readonly capacityMW?: number;
  readonly capacityInTargetYearMW?: McStats;
  /** Energy target (operating plants), MWh, and the counted energy in the target year across draws, MWh. */
  readonly energyMWh?: number;
  readonly energyInTargetYearMWh?: McStats;
}

/** `portfolio` of a Monte Carlo report: the total generation capacity (unnamed + named) by year, and every target. */
export interface McPortfolio {
  readonly years: ReadonlyArray<{ readonly year: number; readonly capacityMW: McStats; readonly operatingMW: McStats }>;
  readonly targets: readonly McPortfolioTarget[];
}

export interface McReport {
  readonly scenario: { readonly id: string; readonly name: string; readonly hash: string; readonly region?: string };
  readonly pvplanVersion: string;
  readonly draws: number;
  readonly seed: number;
  readonly inputs: {
    readonly parameters: readonly McInput[];
    readonly correlations: ReadonlyArray<{ readonly between: readonly [string, string]; readonly rank: number }>;
    /** Standard deviation of the yearly weather multiplier of full-load hours (0 = none). */
    readonly interannualSdFrac: number;
  };
  readonly years: readonly McYear[];
  /** Null when the scenario has no capacity target. */
  readonly target: McTarget | null;
  /** A scenario with projects: each project's completion and delay drawn with the inputs (src/mc/portfolio.ts). */
  readonly portfolio?: McPortfolio;
  /** With a finance section: P10/P50/P90 of the whole plan's LCOE, NPV and IRR and P(NPV > 0) over the same draws. */
  readonly finance?: FinanceMcSummary;
}

/** Statistics by metric, each an array over the reported years (years.start … years.end). */
export type McStatsByMetric = { readonly [M in McMetric]: readonly McStats[] };

/** The uncertain inputs of a resolved scenario, with their P10/P50/P90 (quantiles of each distribution). */
export function mcInputs(resolved: ResolvedScenario): McReport['inputs'] {
  const { parameters, correlations, interannualSdFrac } = resolved.uncertainty;
  return {
    parameters: parameters.map((p) => ({
      name: p.name,
      distribution: p.distribution,
      p10: quantile(p.distribution, 0.1),
      p50: quantile(p.distribution, 0.5),
      p90: quantile(p.distribution, 0.9),
    })),
    correlations: correlations.map((c) => ({ between: [parameters[c.a]!.name, parameters[c.b]!.name] as const, rank: c.rank })),
    interannualSdFrac,
  };
}

/** Assembles the report from the engine's statistics (keys in MC_METRICS order, so the JSON is stable). */
export function mcReport(resolved: ResolvedScenario, draws: number, seed: number, stats: McStatsByMetric, target: McTarget | null): McReport {
  const { startYear, endYear } = resolved.plan;
  const years: McYear[] = [];
  for (let k = 0; k <= endYear - startYear; k++) {
    const row: Record<string, unknown> = { year: startYear + k };
    for (const m of MC_METRICS) row[m] = stats[m][k];
    years.push(row as McYear);
  }
  return {
    scenario: { id: resolved.id, name: resolved.name, hash: resolved.hash, ...(resolved.region === undefined ? {} : { region: resolved.region }) },
    pvplanVersion: PVPLAN_VERSION,
    draws,
    seed,
    inputs: mcInputs(resolved),
    years,
    target,
  };
}

/** One input's share of an output's variance, and its rank correlation with the output. */
export interface SensitivityInput {
  readonly input: string;
  /** Sobol first-order index S_i (independent inputs), its standard error, total effect S_Ti and its standard error; null when the output does not vary. */
  readonly firstOrder: number | null;
  readonly firstOrderSe: number | null;
  readonly totalEffect: number | null;
  readonly totalEffectSe: number | null;
  /** Spearman rank correlation with the output over correlated Monte Carlo draws, and its square; null when either does not vary. */
  readonly rankCorrelation: number | null;
  readonly rankCorrelationSquared: number | null;
}

/** Sensitivity of one output: the tornado and the variance-based ranking. */
export interface SensitivityResult {
  readonly metric: McMetric;
  readonly year: number;
  /** The output with every input at its median and weather at its long-term value (= `pvplan run`). */
  readonly central: number;
  /** Mean and standard deviation over the Sobol samples (independent inputs). */
  readonly mean: number;
  readonly sd: number;
  readonly tornado: ReadonlyArray<{ readonly input: string; readonly lowInput: number; readonly highInput: number; readonly atLow: number; readonly atHigh: number; readonly swing: number }>;
  /** Ranked by total effect, then first order. */
  readonly inputs: readonly SensitivityInput[];
}

/** The JSON report of `pvplan sensitivity --format json` (docs/uncertainty.md). */
export interface SensitivityReport {
  readonly scenario: McReport['scenario'];
  readonly pvplanVersion: string;
  /** Base samples N of the Saltelli design (and Monte Carlo draws for the rank correlations). */
  readonly draws: number;
  readonly seed: number;
  /** Model runs: N·(k + 2) for Sobol plus N for the rank correlations, plus 2 per tornado bar. */
  readonly evaluations: number;
  readonly inputs: McReport['inputs'];
  readonly outputs: readonly SensitivityResult[];
  /** With a finance section: the whole plan's LCOE (元/kWh) with each input at its P10 and P90, the others central. */
  readonly financeTornado?: { readonly metric: 'lcoeYuanPerKWh'; readonly central: number; readonly tornado: readonly TornadoBar[] };
}
