/** The distributions an uncertain scenario parameter may follow, as plain data (see distributions.ts for their functions). */

/** Truncation bounds in the parameter's own unit; either may be omitted (or ±Infinity) to leave that side open. */
export interface Truncation {
  readonly lower?: number;
  readonly upper?: number;
}

interface Truncatable {
  /** Restricts the distribution to [lower, upper], renormalised. */
  readonly truncation?: Truncation;
}

/** Normal (Gaussian) with mean `mean` and standard deviation `sd ≥ 0`, in the parameter's unit. */
export interface NormalDistribution extends Truncatable {
  readonly kind: 'normal';
  readonly mean: number;
  readonly sd: number;
}

/**
 * Lognormal given by the mean `mean > 0` and standard deviation `sd ≥ 0` of the variable itself (not of its
 * logarithm): σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2 (Johnson, Kotz & Balakrishnan 1994, Continuous
 * Univariate Distributions vol. 1, ch. 14).
 */
export interface LognormalDistribution extends Truncatable {
  readonly kind: 'lognormal';
  readonly mean: number;
  readonly sd: number;
}

/** Triangular on [min, max] with peak at `mode` (Kotz & van Dorp 2004, Beyond Beta, ch. 1). */
export interface TriangularDistribution extends Truncatable {
  readonly kind: 'triangular';
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

/** Continuous uniform on [min, max]. */
export interface UniformDistribution extends Truncatable {
  readonly kind: 'uniform';
  readonly min: number;
  readonly max: number;
}

/**
 * Beta-PERT on [min, max] with most likely value `mode` and shape weight `lambda` (default 4): a Beta(α, β)
 * scaled to [min, max] with α = 1 + λ(mode − min)/(max − min), β = 1 + λ(max − mode)/(max − min), so that
 * mean = (min + λ·mode + max)/(λ + 2). Malcolm, Roseboom, Clark & Fazar (1959) Operations Research 7(5):646–669;
 * the modified-PERT weight λ as in Vose (2008) Risk Analysis: A Quantitative Guide, 3rd ed.
 */
export interface PertDistribution extends Truncatable {
  readonly kind: 'pert';
  readonly min: number;
  readonly mode: number;
  readonly max: number;
  readonly lambda?: number;
}

/** Discrete distribution: value `values[i]` with probability weights[i] / Σ weights (weights ≥ 0, Σ > 0). */
export interface DiscreteDistribution extends Truncatable {
  readonly kind: 'discrete';
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

/** A fixed value (zero spread). */
export interface ConstantDistribution extends Truncatable {
  readonly kind: 'constant';
  readonly value: number;
}

/** Any supported distribution; `kind` discriminates. */
export type Distribution =
  | NormalDistribution
  | LognormalDistribution
  | TriangularDistribution
  | UniformDistribution
  | PertDistribution
  | DiscreteDistribution
  | ConstantDistribution;

/** The names of the distribution kinds. */
export type DistributionKind = Distribution['kind'];

/** Every distribution kind, for schemas and for tests that loop over all of them. */
export const DISTRIBUTION_KINDS: readonly DistributionKind[] = [
  'normal',
  'lognormal',
  'triangular',
  'uniform',
  'pert',
  'discrete',
  'constant',
];

/** Default PERT shape weight λ (classical PERT; Malcolm et al. 1959). */
export const DEFAULT_PERT_LAMBDA = 4;

/** A compiled sampler: maps u ∈ (0, 1) to a draw, i.e. the quantile of the (truncated) distribution at u. */
export type Sampler = (u: number) => number;
