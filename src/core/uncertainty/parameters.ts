/**
 * Uncertain inputs of a plan: which parameter, its distribution (in internal units), and how a drawn value is
 * put into a PlanInput. The scenario layer builds these; the Monte Carlo engine only samples and applies them.
 */
import type { Distribution } from './distributions.ts';
import type { PlanInput } from '../plan/types.ts';

export interface UncertainParameter {
  /** Dotted scenario path, e.g. 'yield.value' or 'capacity.growth.rate'. */
  readonly name: string;
  /** In the internal unit of the field (MW, h, fraction, t/MWh, years). */
  readonly distribution: Distribution;
  /** A copy of `plan` with this parameter set to `value` (pure). */
  readonly apply: (plan: PlanInput, value: number) => PlanInput;
}

/** A Spearman rank correlation between two uncertain parameters, by index into the parameter list. */
export interface RankCorrelation {
  readonly a: number;
  readonly b: number;
  readonly rank: number;
}

/** Everything uncertain about a plan. An empty list and no inter-annual term means a deterministic plan. */
export interface PlanUncertainty {
  readonly parameters: readonly UncertainParameter[];
  readonly correlations: readonly RankCorrelation[];
  /** Standard deviation of the yearly yield multiplier (weather), independent each year; 0 when not given. */
  readonly interannualSdFrac: number;
}
