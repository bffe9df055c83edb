/**
 * Probability distributions for uncertain scenario parameters: quantile (inverse CDF), CDF, moments, the
 * central value used by deterministic runs, and sampling as a pure function of a uniform u ∈ (0, 1), which
 * is what Latin hypercube sampling, Iman–Conover and counter-based random numbers need.
 *
 * Every distribution may carry a truncation {lower?, upper?}; all functions here then describe the truncated
 * distribution (its CDF is (F(x) − F(lower⁻)) / (F(upper) − F(lower⁻)) on [lower, upper]), so
 * `sample(d, u) === quantile(d, u)` always holds.
 *
 * Central value (what `pvplan run` uses): the median, quantile(d, ½), for every kind. One rule, chosen
 * because (a) the median commutes with monotone models, so with a single uncertain input the deterministic
 * run equals the Monte Carlo P50 exactly, matching the P50/P90 language of yield reports; (b) for a discrete
 * parameter it is always one of its values (a construction lag of 0.65 years would be meaningless);
 * (c) it is the value the tornado's P10/P90 swings are centred on. For symmetric distributions it equals the
 * mean (and the mode of a symmetric triangular/PERT); for skewed ones it lies between mode and mean.
 *
 * Lognormal is parameterised by the mean and standard deviation of the variable itself (planner-friendly);
 * `lognormalFromLogParameters` converts from the (μ, σ) of its logarithm.
 *
 * Functions taking a Distribution validate it on every call; hot loops should build a `createSampler` once.
 */

import { DEFAULT_PERT_LAMBDA, type Distribution, type LognormalDistribution, type PertDistribution, type Truncation } from './distribution-types.ts';
import { checkUniform, fail, pertShape, prepare, preparedCdf, preparedMoments, preparedQuantile, requireFinite, validateParameters } from './prepared-distribution.ts';

export * from './distribution-types.ts';
export {
  erfc,
  inverseRegularizedIncompleteBeta,
  logGamma,
  regularizedIncompleteBeta,
  standardNormalCdf,
  standardNormalPdf,
  standardNormalQuantile,
} from './special-functions.ts';
export { lognormalLogParameters } from './prepared-distribution.ts';
export { createSampler, PERT_TABLE_TOLERANCE, PERT_TABLE_Z_MAX } from './sampler.ts';

/**
 * Throws a RangeError naming the parameter at fault if `dist` is not a valid distribution (e.g. sd < 0,
 * min > mode, weights summing to 0, a truncation with zero probability); returns nothing otherwise.
 * @example validateDistribution({ kind: 'normal', mean: 1135, sd: -60 }) // throws "normal.sd must be >= 0"
 */
export function validateDistribution(dist: Distribution): void {
  prepare(dist, 'validateDistribution');
}

/**
 * Quantile (inverse CDF) of the (truncated) distribution at probability p ∈ [0, 1], in the parameter's unit;
 * the smallest x with F(x) ≥ p. Normal: Wichura AS 241; PERT: inverse regularized incomplete beta.
 * @example quantile({ kind: 'triangular', min: 0, mode: 1, max: 2 }, 0.5) // = 1
 */
export function quantile(dist: Distribution, p: number): number {
  const d = prepare(dist, 'quantile');
  if (!(p >= 0 && p <= 1)) fail('quantile', `p must be in [0, 1], got ${p}`);
  if (p === 0 && d.kind !== 'point' && d.kind !== 'discrete') return d.lower;
  if (p === 1 && d.kind !== 'point' && d.kind !== 'discrete') return d.upper;
  return preparedQuantile(d, p);
}

/**
 * Cumulative distribution function P(X ≤ x) of the (truncated) distribution, x in the parameter's unit,
 * result in [0, 1]. Normal: Cody (1969) erfc; PERT: regularized incomplete beta (DLMF 8.17.22).
 * @example cdf({ kind: 'uniform', min: 0, max: 4 }, 1) // = 0.25
 */
export function cdf(dist: Distribution, x: number): number {
  const d = prepare(dist, 'cdf');
  if (Number.isNaN(x)) fail('cdf', 'x must be a number, got NaN');
  return preparedCdf(d, x);
}

/**
 * Expected value of the (truncated) distribution, in the parameter's unit; closed forms (truncated normal and
 * lognormal: Johnson, Kotz & Balakrishnan 1994; PERT: Vose 2008 / incomplete-beta moments when truncated).
 * @example mean({ kind: 'pert', min: 0, mode: 1, max: 4 }) // = (0 + 4·1 + 4)/6 = 4/3
 */
export function mean(dist: Distribution): number {
  return preparedMoments(prepare(dist, 'mean'), dist)[0];
}

/**
 * Variance of the (truncated) distribution, in the parameter's unit squared; closed forms as for `mean`.
 * Truncated normal, lognormal and PERT variances come from raw moments, E[X²] − E[X]², whose relative error
 * is ≈ ε·mean²/variance: negligible unless the spread (or truncation window) is below ~1e-4 of the mean.
 * @example variance({ kind: 'uniform', min: 0, max: 12 }) // = 12
 */
export function variance(dist: Distribution): number {
  return preparedMoments(prepare(dist, 'variance'), dist)[1];
}

/**
 * The value a deterministic run uses for an uncertain parameter: the median, quantile(dist, ½), in the
 * parameter's unit. Chosen over the mean because it commutes with monotone models (the deterministic run is
 * the P50 of a one-parameter Monte Carlo) and is always a valid value of a discrete parameter.
 * @example centralValue({ kind: 'discrete', values: [0, 1, 2], weights: [0.5, 0.35, 0.15] }) // = 0
 */
export function centralValue(dist: Distribution): number {
  return preparedQuantile(prepare(dist, 'centralValue'), 0.5);
}

/**
 * Support [lower, upper] of the (truncated) distribution, in the parameter's unit (±Infinity when unbounded).
 * @example support({ kind: 'normal', mean: 0, sd: 1, truncation: { lower: 0 } }) // { lower: 0, upper: Infinity }
 */
export function support(dist: Distribution): { lower: number; upper: number } {
  const d = prepare(dist, 'support');
  switch (d.kind) {
    case 'point':
      return { lower: d.value, upper: d.value };
    case 'discrete':
      return { lower: d.values[0], upper: d.values[d.values.length - 1] };
    default:
      return { lower: d.lower, upper: d.upper };
  }
}

/**
 * A draw from the (truncated) distribution as a pure function of a uniform u ∈ (0, 1): quantile(dist, u),
 * the inversion method (Devroye 1986, Non-Uniform Random Variate Generation, ch. II.2), in the parameter's unit.
 * @example sample({ kind: 'uniform', min: 10, max: 20 }, 0.25) // = 12.5
 */
export function sample(dist: Distribution, u: number): number {
  const d = prepare(dist, 'sample');
  checkUniform(u, 'sample');
  return preparedQuantile(d, u);
}

/**
 * Converts the (μ, σ) of ln X to the lognormal {mean, sd} of X: mean = e^(μ + σ²/2),
 * sd = mean·√(e^(σ²) − 1) (Johnson, Kotz & Balakrishnan 1994, vol. 1, ch. 14).
 * @example lognormalFromLogParameters(0, 0) // { kind: 'lognormal', mean: 1, sd: 0 }
 */
export function lognormalFromLogParameters(mu: number, sigma: number, truncation?: Truncation): LognormalDistribution {
  requireFinite('lognormalFromLogParameters', 'mu', mu);
  requireFinite('lognormalFromLogParameters', 'sigma', sigma);
  if (sigma < 0) fail('lognormalFromLogParameters', `sigma must be >= 0, got ${sigma}`);
  const meanValue = Math.exp(mu + 0.5 * sigma * sigma);
  const sd = meanValue * Math.sqrt(Math.expm1(sigma * sigma));
  return truncation === undefined ? { kind: 'lognormal', mean: meanValue, sd } : { kind: 'lognormal', mean: meanValue, sd, truncation };
}


/**
 * Beta shape parameters (α, β) of a PERT distribution: α = 1 + λ(mode − min)/(max − min),
 * β = 1 + λ(max − mode)/(max − min) (Vose 2008, Risk Analysis, 3rd ed.). Throws for a zero-width PERT.
 * @example pertShapeParameters({ kind: 'pert', min: 0, mode: 1, max: 4 }) // { alpha: 2, beta: 4 }
 */
export function pertShapeParameters(dist: PertDistribution): { alpha: number; beta: number } {
  validateParameters(dist, 'pertShapeParameters');
  if (dist.min === dist.max) fail('pertShapeParameters', `a PERT with min = max = ${dist.min} has no shape`);
  const { a, b } = pertShape(dist.min, dist.mode, dist.max, dist.lambda ?? DEFAULT_PERT_LAMBDA);
  return { alpha: a, beta: b };
}
