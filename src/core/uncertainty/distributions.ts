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

// ---------------------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------------------

const SQRT_HALF = Math.SQRT1_2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
/** Machine epsilon of IEEE-754 doubles, 2^-52. */
const EPSILON = Number.EPSILON;

// Cody (1969) "Rational Chebyshev approximations for the error function", Math. Comp. 23(107):631–638,
// coefficients as published in the SPECFUN package (Cody 1993, ACM TOMS 19(1):22–32, routine CALERF).
// erf(x) on |x| ≤ 0.46875:
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
// erfc(x) on 0.46875 < |x| ≤ 4:
const ERFC_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERFC_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
// erfc(x) on |x| > 4:
const ERFC_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const ERFC_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
/** Below this |x|, erf is evaluated directly (Cody's first interval). */
const ERF_SMALL_LIMIT = 0.46875;
/** Beyond this x, erfc(x) underflows to 0 in doubles (Cody's XBIG for IEEE double). */
const ERFC_UNDERFLOW_X = 26.543;
/** exp(−x²) is evaluated as exp(−t²)·exp(−(x − t)(x + t)) with t = x rounded down to 1/16, so t² is exact. */
const EXP_SPLIT_STEPS = 16;

/** exp(−x²) for x ≥ 0 without amplifying the rounding error of x² (Cody 1969, CALERF). */
function expMinusSquare(x: number): number {
  const t = Math.floor(x * EXP_SPLIT_STEPS) / EXP_SPLIT_STEPS;
  return Math.exp(-t * t) * Math.exp(-(x - t) * (x + t));
}

/**
 * R(y) with erfc(y) = e^(−y²)·R(y) for y > 0.46875: Cody's (1969) rational approximations on (0.46875, 4]
 * and (4, ∞). Kept apart from the exponential so that callers can form e^(−y²) accurately themselves.
 */
function erfcRatio(y: number): number {
  if (y <= 4) {
    let num = ERFC_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERFC_C[i]) * y;
      den = (den + ERFC_D[i]) * y;
    }
    return (num + ERFC_C[7]) / (den + ERFC_D[7]);
  }
  const s = 1 / (y * y);
  let num = ERFC_P[5] * s;
  let den = s;
  for (let i = 0; i < 4; i++) {
    num = (num + ERFC_P[i]) * s;
    den = (den + ERFC_Q[i]) * s;
  }
  return (INV_SQRT_PI - (s * (num + ERFC_P[4])) / (den + ERFC_Q[4])) / y;
}

/** erf(x) for |x| ≤ 0.46875 (Cody 1969, first interval). */
function erfSmall(x: number): number {
  const s = x * x;
  const num = (((ERF_A[4] * s + ERF_A[0]) * s + ERF_A[1]) * s + ERF_A[2]) * s + ERF_A[3];
  const den = (((s + ERF_B[0]) * s + ERF_B[1]) * s + ERF_B[2]) * s + ERF_B[3];
  return (x * num) / den;
}

/**
 * Complementary error function erfc(x) = 2/√π ∫ₓ^∞ e^(−t²) dt, to ~1e-16 relative accuracy, by Cody's
 * (1969) rational Chebyshev approximations, Math. Comp. 23(107):631–638.
 * @example erfc(1) // ≈ 0.15729920705028513
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL_LIMIT) return 1 - erfSmall(x);
  const upper = y >= ERFC_UNDERFLOW_X ? 0 : expMinusSquare(y) * erfcRatio(y);
  return x < 0 ? 2 - upper : upper;
}

/**
 * Standard normal CDF Φ(z) = ½·erfc(−z/√2) (Cody 1969 erfc), with e^(−z²/2) formed from z itself so that
 * the rounding of z/√2 is not amplified: relative accuracy ~1e-15 in the lower tail, down to Φ ≈ 1e-308.
 * @example standardNormalCdf(1.959963984540054) // ≈ 0.975
 */
export function standardNormalCdf(z: number): number {
  const y = Math.abs(z) * SQRT_HALF;
  if (y <= ERF_SMALL_LIMIT) return 0.5 - 0.5 * erfSmall(-z * SQRT_HALF);
  if (Number.isNaN(z)) return NaN;
  const absZ = Math.abs(z);
  if (absZ === Infinity) return z < 0 ? 0 : 1;
  const t = Math.floor(absZ * EXP_SPLIT_STEPS) / EXP_SPLIT_STEPS;
  const lowerTail = 0.5 * Math.exp(-0.5 * t * t) * Math.exp(-0.5 * (absZ - t) * (absZ + t)) * erfcRatio(y);
  return z < 0 ? lowerTail : 1 - lowerTail;
}

/** Standard normal density φ(z) = e^(−z²/2)/√(2π). */
export function standardNormalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

// Wichura (1988) Algorithm AS 241 "The percentage points of the normal distribution", Applied Statistics
// 37(3):477–484, routine PPND16 (about 1 part in 1e16).
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];
/** AS 241 splits: |p − ½| ≤ 0.425 central; r = √(−ln min(p, 1−p)) ≤ 5 intermediate; beyond, far tail. */
const AS241_SPLIT_CENTRAL = 0.425;
const AS241_SPLIT_TAIL = 5;
const AS241_CENTRAL_OFFSET = 0.180625;
const AS241_INTERMEDIATE_OFFSET = 1.6;

function horner7(c: readonly number[], r: number): number {
  return ((((((c[7] * r + c[6]) * r + c[5]) * r + c[4]) * r + c[3]) * r + c[2]) * r + c[1]) * r + c[0];
}

/**
 * Standard normal quantile Φ⁻¹(p) for p ∈ [0, 1] (±Infinity at the ends), by Wichura's Algorithm AS 241
 * PPND16, Applied Statistics 37(3):477–484 (1988), accurate to about 1e-16 relative.
 * @example standardNormalQuantile(0.975) // ≈ 1.959963984540054
 */
export function standardNormalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= AS241_SPLIT_CENTRAL) {
    const r = AS241_CENTRAL_OFFSET - q * q;
    return (q * horner7(AS241_A, r)) / horner7(AS241_B, r);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`standardNormalQuantile: p must be in [0, 1], got ${p}`);
  }
  const tail = q < 0 ? p : 1 - p;
  if (tail === 0) return q < 0 ? -Infinity : Infinity;
  let r = Math.sqrt(-Math.log(tail));
  let z: number;
  if (r <= AS241_SPLIT_TAIL) {
    r -= AS241_INTERMEDIATE_OFFSET;
    z = horner7(AS241_C, r) / horner7(AS241_D, r);
  } else {
    r -= AS241_SPLIT_TAIL;
    z = horner7(AS241_E, r) / horner7(AS241_F, r);
  }
  return q < 0 ? -z : z;
}

/** Arguments below this are shifted up before Stirling's series is applied. */
const STIRLING_MIN_X = 15;
// Stirling series coefficients B_{2k} / (2k(2k−1)) for k = 1…7 (Abramowitz & Stegun 1964, 6.1.40).
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/**
 * ln Γ(x) for x > 0: Stirling's asymptotic series (Abramowitz & Stegun 1964, 6.1.40) after the recurrence
 * Γ(x) = Γ(x + n)/(x(x+1)…(x+n−1)) lifts x to ≥ 15, where the truncated series is accurate to ~1e-17.
 * @example logGamma(0.5) // ≈ 0.5723649429247001 = ln √π
 */
export function logGamma(x: number): number {
  if (!(x > 0) || x === Infinity) {
    throw new RangeError(`logGamma: x must be a finite number > 0, got ${x}`);
  }
  let shiftLog = 0;
  let product = 1;
  while (x < STIRLING_MIN_X) {
    product *= x;
    x += 1;
  }
  shiftLog = Math.log(product);
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = STIRLING[6];
  for (let k = 5; k >= 0; k--) series = series * inv2 + STIRLING[k];
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series * inv - shiftLog;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CONTINUED_FRACTION_MAX_TERMS = 1000;
const CONTINUED_FRACTION_TOLERANCE = 1e-16;
/** Lentz's guard against zero denominators (Thompson & Barnett 1986, J. Comput. Phys. 64:490–509). */
const LENTZ_TINY = 1e-300;

/**
 * Continued fraction of I_x(a, b)·a·B(a, b)/(x^a·y^b) (DLMF 8.17.22), evaluated by the modified Lentz
 * method; converges fast for x < (a + 1)/(a + b + 2).
 */
function incompleteBetaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CONTINUED_FRACTION_MAX_TERMS; m++) {
    const twoM = 2 * m;
    // Even term d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let term = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 + term * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + term / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    h *= d * c;
    // Odd term d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    term = (-(a + m) * (a + b + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 + term * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + term / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CONTINUED_FRACTION_TOLERANCE) return h;
  }
  throw new RangeError(`regularizedIncompleteBeta: continued fraction did not converge for x=${x}, a=${a}, b=${b}`);
}

/**
 * I_x(a, b) with y = 1 − x passed separately so that x near 1 keeps its precision; lnB = ln B(a, b).
 * Uses the fraction directly below (a + 1)/(a + b + 2) and the symmetry I_x(a, b) = 1 − I_y(b, a) above.
 */
function incompleteBeta(x: number, y: number, a: number, b: number, lnB: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lnB);
  if (x < (a + 1) / (a + b + 2)) return (front * incompleteBetaFraction(x, a, b)) / a;
  return 1 - (front * incompleteBetaFraction(y, b, a)) / b;
}

/** Beta(a, b) density at x, with y = 1 − x passed separately; lnB = ln B(a, b). */
function betaDensity(x: number, y: number, a: number, b: number, lnB: number): number {
  if (x <= 0) return a < 1 ? Infinity : a === 1 ? Math.exp(-lnB) : 0;
  if (y <= 0) return b < 1 ? Infinity : b === 1 ? Math.exp(-lnB) : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(y) - lnB);
}

function checkBetaShape(a: number, b: number, caller: string): void {
  if (!(a > 0 && a < Infinity) || !(b > 0 && b < Infinity)) {
    throw new RangeError(`${caller}: shape parameters a and b must be finite numbers > 0, got a=${a}, b=${b}`);
  }
}

/**
 * Regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b) for x ∈ [0, 1], a, b > 0, by its
 * continued fraction (DLMF 8.17.22) with the modified Lentz method; relative accuracy ~1e-15.
 * @example regularizedIncompleteBeta(0.5, 2, 3) // = 0.6875
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  checkBetaShape(a, b, 'regularizedIncompleteBeta');
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  return incompleteBeta(x, 1 - x, a, b, logBeta(a, b));
}

const INVERSE_BETA_MAX_ITERATIONS = 200;
const INVERSE_BETA_RELATIVE_TOLERANCE = 1e-15;

/**
 * Solves I_x(a, b) = p for x given p ≤ ½ (the lower tail, where p carries full relative precision), by
 * Halley's method on I_x − p with a bisection safeguard that keeps a bracket [lo, hi] around the root.
 * Returns x; the caller passes the swapped problem (b, a, 1 − p) for the upper tail.
 */
function betaLowerTailQuantile(p: number, a: number, b: number, lnB: number, guess: number): number {
  if (p <= 0) return 0;
  let lo = 0;
  let hi = 1;
  let x = guess;
  if (!(x > 0 && x < 1)) {
    // For small p, I_x(a, b) ≈ x^a / (a·B(a, b)) (leading term of its power series, DLMF §8.17(ii)).
    x = Math.exp((Math.log(p) + Math.log(a) + lnB) / a);
    // Kerman (2011, arXiv:1111.0433): the median of Beta(a, b) is ≈ (a − ⅓)/(a + b − ⅔) for a, b ≥ 1.
    const median = (a - 1 / 3) / (a + b - 2 / 3);
    if (!(x > 0 && x < 1) || x > median) x = a >= 1 && b >= 1 ? median : 0.5;
  }
  for (let i = 0; i < INVERSE_BETA_MAX_ITERATIONS; i++) {
    const y = 1 - x;
    const f = incompleteBeta(x, y, a, b, lnB) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = betaDensity(x, y, a, b, lnB);
    let next: number;
    if (density > 0 && density < Infinity) {
      const newton = f / density;
      // Halley: f''/f' = (a − 1)/x − (b − 1)/y for the beta density.
      const curvature = (a - 1) / x - (b - 1) / y;
      const denominator = 1 - 0.5 * newton * curvature;
      const step = denominator > 0.5 ? newton / denominator : newton;
      next = x - step;
    } else {
      next = 0.5 * (lo + hi);
    }
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= INVERSE_BETA_RELATIVE_TOLERANCE * x || hi - lo <= EPSILON * lo) return next;
    x = next;
  }
  return x;
}

/**
 * Beta(a, b) quantile at lower-tail probability p with upper-tail probability q = 1 − p given separately;
 * `guess` (NaN for none) is a starting point in (0, 1), e.g. a neighbouring table node.
 */
function betaQuantileFromTails(p: number, q: number, a: number, b: number, lnB: number, guess = NaN): number {
  if (p <= 0) return 0;
  if (q <= 0) return 1;
  return p <= q ? betaLowerTailQuantile(p, a, b, lnB, guess) : 1 - betaLowerTailQuantile(q, b, a, lnB, 1 - guess);
}

/**
 * Inverse of the regularized incomplete beta function: x ∈ [0, 1] with I_x(a, b) = p, for a, b > 0, by
 * safeguarded Halley iteration on the continued-fraction I_x (DLMF 8.17.22); relative accuracy ~1e-14.
 * @example inverseRegularizedIncompleteBeta(0.6875, 2, 3) // ≈ 0.5
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  checkBetaShape(a, b, 'inverseRegularizedIncompleteBeta');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverseRegularizedIncompleteBeta: p must be in [0, 1], got ${p}`);
  return betaQuantileFromTails(p, 1 - p, a, b, logBeta(a, b));
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

function fail(caller: string, message: string): never {
  throw new RangeError(`${caller}: ${message}`);
}

function requireFinite(caller: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(caller, `${name} must be a finite number, got ${String(value)}`);
  return value;
}

function requireOrdered(caller: string, kind: string, min: number, mode: number, max: number): void {
  if (!(min <= mode && mode <= max)) {
    fail(caller, `${kind} needs min <= mode <= max, got min=${min}, mode=${mode}, max=${max}`);
  }
}

/** Short description of a distribution for error messages. */
function describe(dist: Distribution): string {
  switch (dist.kind) {
    case 'normal':
    case 'lognormal':
      return `${dist.kind} {mean: ${dist.mean}, sd: ${dist.sd}}`;
    case 'triangular':
      return `triangular {min: ${dist.min}, mode: ${dist.mode}, max: ${dist.max}}`;
    case 'pert':
      return `pert {min: ${dist.min}, mode: ${dist.mode}, max: ${dist.max}, lambda: ${dist.lambda ?? DEFAULT_PERT_LAMBDA}}`;
    case 'uniform':
      return `uniform {min: ${dist.min}, max: ${dist.max}}`;
    case 'discrete':
      return `discrete {values: [${dist.values.join(', ')}], weights: [${dist.weights.join(', ')}]}`;
    case 'constant':
      return `constant {value: ${dist.value}}`;
  }
}

function validateParameters(dist: Distribution, caller: string): void {
  const kind = (dist as { kind?: unknown }).kind;
  switch (dist.kind) {
    case 'normal': {
      requireFinite(caller, 'normal.mean', dist.mean);
      const sd = requireFinite(caller, 'normal.sd', dist.sd);
      if (sd < 0) fail(caller, `normal.sd must be >= 0, got ${sd}`);
      return;
    }
    case 'lognormal': {
      const mean = requireFinite(caller, 'lognormal.mean', dist.mean);
      const sd = requireFinite(caller, 'lognormal.sd', dist.sd);
      if (mean <= 0) fail(caller, `lognormal.mean must be > 0 (a lognormal variable is positive), got ${mean}`);
      if (sd < 0) fail(caller, `lognormal.sd must be >= 0, got ${sd}`);
      return;
    }
    case 'triangular':
    case 'pert': {
      const min = requireFinite(caller, `${dist.kind}.min`, dist.min);
      const mode = requireFinite(caller, `${dist.kind}.mode`, dist.mode);
      const max = requireFinite(caller, `${dist.kind}.max`, dist.max);
      requireOrdered(caller, dist.kind, min, mode, max);
      if (dist.kind === 'pert' && dist.lambda !== undefined) {
        const lambda = requireFinite(caller, 'pert.lambda', dist.lambda);
        if (lambda < 0) fail(caller, `pert.lambda must be >= 0, got ${lambda}`);
      }
      return;
    }
    case 'uniform': {
      const min = requireFinite(caller, 'uniform.min', dist.min);
      const max = requireFinite(caller, 'uniform.max', dist.max);
      if (min > max) fail(caller, `uniform needs min <= max, got min=${min}, max=${max}`);
      return;
    }
    case 'discrete': {
      const { values, weights } = dist;
      if (!Array.isArray(values) || values.length === 0) fail(caller, 'discrete.values must be a non-empty array');
      if (!Array.isArray(weights) || weights.length !== values.length) {
        fail(caller, `discrete.weights must have one weight per value (${values.length}), got ${Array.isArray(weights) ? weights.length : String(weights)}`);
      }
      let total = 0;
      for (let i = 0; i < values.length; i++) {
        requireFinite(caller, `discrete.values[${i}]`, values[i]);
        const w = requireFinite(caller, `discrete.weights[${i}]`, weights[i]);
        if (w < 0) fail(caller, `discrete.weights[${i}] must be >= 0, got ${w}`);
        total += w;
      }
      if (!(total > 0) || total === Infinity) fail(caller, `discrete.weights must sum to a finite number > 0, got ${total}`);
      return;
    }
    case 'constant':
      requireFinite(caller, 'constant.value', dist.value);
      return;
    default:
      fail(caller, `unknown distribution kind ${JSON.stringify(kind)}; expected one of ${DISTRIBUTION_KINDS.join(', ')}`);
  }
}

function truncationBounds(dist: Distribution, caller: string): { lower: number; upper: number } {
  const t = dist.truncation;
  const lower = t?.lower ?? -Infinity;
  const upper = t?.upper ?? Infinity;
  if (typeof lower !== 'number' || Number.isNaN(lower) || lower === Infinity) {
    fail(caller, `truncation.lower must be a number or -Infinity, got ${String(lower)}`);
  }
  if (typeof upper !== 'number' || Number.isNaN(upper) || upper === -Infinity) {
    fail(caller, `truncation.upper must be a number or Infinity, got ${String(upper)}`);
  }
  if (lower > upper) fail(caller, `truncation needs lower <= upper, got lower=${lower}, upper=${upper}`);
  return { lower, upper };
}

function zeroMass(dist: Distribution, caller: string, lower: number, upper: number): never {
  return fail(caller, `truncation to [${lower}, ${upper}] leaves zero probability under ${describe(dist)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Prepared form: parameters derived once (shape constants, truncation window) for all the functions below
// ---------------------------------------------------------------------------------------------------------

/**
 * A truncation window [zLo, zHi] in standard-normal space, with both tail masses pLo = Φ(zLo) and
 * sHi = Φ(−zHi) kept so that quantiles and CDFs in either tail are formed from small numbers and keep full
 * relative precision. Untruncated: pLo = sHi = 0, mass = 1.
 */
interface NormalWindow {
  readonly zLo: number;
  readonly zHi: number;
  readonly pLo: number;
  readonly sHi: number;
  readonly mass: number;
}

type Prepared =
  | { readonly kind: 'point'; readonly value: number }
  | { readonly kind: 'normal'; readonly center: number; readonly scale: number; readonly window: NormalWindow; readonly lower: number; readonly upper: number }
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number; readonly window: NormalWindow; readonly lower: number; readonly upper: number }
  | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number; readonly pLo: number; readonly mass: number; readonly lower: number; readonly upper: number }
  | { readonly kind: 'uniform'; readonly lower: number; readonly upper: number }
  | { readonly kind: 'pert'; readonly min: number; readonly range: number; readonly a: number; readonly b: number; readonly lnB: number; readonly pLo: number; readonly mass: number; readonly lower: number; readonly upper: number }
  | { readonly kind: 'discrete'; readonly values: Float64Array; readonly cumulative: Float64Array };

function normalWindow(zLo: number, zHi: number): NormalWindow {
  if (zLo === -Infinity && zHi === Infinity) return { zLo, zHi, pLo: 0, sHi: 0, mass: 1 };
  return { zLo, zHi, pLo: standardNormalCdf(zLo), sHi: standardNormalCdf(-zHi), mass: normalMass(zLo, zHi) };
}

/**
 * Quantile of the standard normal restricted to the window, at probability p of the truncated law:
 * Φ⁻¹(pLo + p·mass), or in the upper half the equal −Φ⁻¹(sHi + (1 − p)·mass), whose argument is small.
 */
function windowQuantile(w: NormalWindow, p: number): number {
  if (w.mass === 1) return standardNormalQuantile(p);
  const lower = w.pLo + p * w.mass;
  return lower <= 0.5 ? standardNormalQuantile(lower) : -standardNormalQuantile(w.sHi + (1 - p) * w.mass);
}

/** CDF of the standard normal restricted to the window, at z, formed in the tail that z lies in. */
function windowCdf(w: NormalWindow, z: number): number {
  if (z < w.zLo) return 0;
  if (z >= w.zHi) return 1;
  const p = z <= 0 ? (standardNormalCdf(z) - w.pLo) / w.mass : 1 - (standardNormalCdf(-z) - w.sHi) / w.mass;
  return Math.min(1, Math.max(0, p));
}

function clamp(x: number, lower: number, upper: number): number {
  return x < lower ? lower : x > upper ? upper : x;
}

function triangularCdf(min: number, mode: number, max: number, x: number): number {
  if (x <= min) return 0;
  if (x >= max) return 1;
  const range = max - min;
  // Written as products of ratios ≤ 1 so that a mode a few ulps from an end cannot overflow or give 0/0.
  if (x <= mode) return ((x - min) / range) * ((x - min) / (mode - min));
  return 1 - ((max - x) / range) * ((max - x) / (max - mode));
}

/** Triangular quantile: the inverse of the two quadratic pieces of its CDF (Kotz & van Dorp 2004, ch. 1). */
function triangularQuantile(min: number, mode: number, max: number, p: number): number {
  const range = max - min;
  const modeCdf = (mode - min) / range;
  if (p <= modeCdf) return min + Math.sqrt(p * range * (mode - min));
  return max - Math.sqrt((1 - p) * range * (max - mode));
}

function pertShape(min: number, mode: number, max: number, lambda: number): { a: number; b: number } {
  const range = max - min;
  return { a: 1 + (lambda * (mode - min)) / range, b: 1 + (lambda * (max - mode)) / range };
}

/** The value of a zero-spread distribution, or undefined if it has spread. */
function pointValue(dist: Distribution): number | undefined {
  switch (dist.kind) {
    case 'constant':
      return dist.value;
    case 'normal':
    case 'lognormal':
      return dist.sd === 0 ? dist.mean : undefined;
    case 'triangular':
    case 'pert':
    case 'uniform':
      return dist.min === dist.max ? dist.min : undefined;
    case 'discrete': {
      let value: number | undefined;
      for (let i = 0; i < dist.values.length; i++) {
        if (dist.weights[i] > 0) {
          if (value === undefined) value = dist.values[i];
          else if (dist.values[i] !== value) return undefined;
        }
      }
      return value;
    }
  }
}

function prepare(dist: Distribution, caller: string): Prepared {
  if (typeof dist !== 'object' || dist === null) fail(caller, `expected a distribution object, got ${String(dist)}`);
  validateParameters(dist, caller);
  const { lower, upper } = truncationBounds(dist, caller);
  const point = pointValue(dist);
  if (point !== undefined) {
    if (point < lower || point > upper) zeroMass(dist, caller, lower, upper);
    return { kind: 'point', value: point };
  }
  switch (dist.kind) {
    case 'normal': {
      const window = normalWindow((lower - dist.mean) / dist.sd, (upper - dist.mean) / dist.sd);
      if (!(window.mass > 0)) zeroMass(dist, caller, lower, upper);
      return { kind: 'normal', center: dist.mean, scale: dist.sd, window, lower, upper };
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalLogParameters(dist);
      const logLower = lower > 0 ? Math.log(lower) : -Infinity;
      const logUpper = Math.log(upper);
      if (!(upper > 0)) zeroMass(dist, caller, lower, upper);
      const window = normalWindow((logLower - mu) / sigma, (logUpper - mu) / sigma);
      if (!(window.mass > 0)) zeroMass(dist, caller, lower, upper);
      return { kind: 'lognormal', mu, sigma, window, lower: Math.max(lower, 0), upper };
    }
    case 'triangular': {
      const lo = Math.max(lower, dist.min);
      const hi = Math.min(upper, dist.max);
      const pLo = triangularCdf(dist.min, dist.mode, dist.max, lo);
      const mass = triangularCdf(dist.min, dist.mode, dist.max, hi) - pLo;
      if (!(mass > 0)) zeroMass(dist, caller, lower, upper);
      return { kind: 'triangular', min: dist.min, mode: dist.mode, max: dist.max, pLo, mass, lower: lo, upper: hi };
    }
    case 'uniform': {
      const lo = Math.max(lower, dist.min);
      const hi = Math.min(upper, dist.max);
      if (!(hi > lo)) zeroMass(dist, caller, lower, upper);
      return { kind: 'uniform', lower: lo, upper: hi };
    }
    case 'pert': {
      const range = dist.max - dist.min;
      const { a, b } = pertShape(dist.min, dist.mode, dist.max, dist.lambda ?? DEFAULT_PERT_LAMBDA);
      const lnB = logBeta(a, b);
      const lo = Math.max(lower, dist.min);
      const hi = Math.min(upper, dist.max);
      const yLo = (lo - dist.min) / range;
      const yHi = (hi - dist.min) / range;
      const pLo = incompleteBeta(yLo, 1 - yLo, a, b, lnB);
      const mass = incompleteBeta(yHi, 1 - yHi, a, b, lnB) - pLo;
      if (!(mass > 0)) zeroMass(dist, caller, lower, upper);
      return { kind: 'pert', min: dist.min, range, a, b, lnB, pLo, mass, lower: lo, upper: hi };
    }
    case 'discrete': {
      const order = dist.values.map((_, i) => i).filter((i) => dist.weights[i] > 0 && dist.values[i] >= lower && dist.values[i] <= upper);
      order.sort((i, j) => dist.values[i] - dist.values[j]);
      if (order.length === 0) zeroMass(dist, caller, lower, upper);
      const values: number[] = [];
      const weights: number[] = [];
      for (const i of order) {
        const v = dist.values[i];
        if (values.length > 0 && values[values.length - 1] === v) weights[weights.length - 1] += dist.weights[i];
        else {
          values.push(v);
          weights.push(dist.weights[i]);
        }
      }
      const total = weights.reduce((s, w) => s + w, 0);
      const cumulative = new Float64Array(values.length);
      let running = 0;
      for (let i = 0; i < values.length; i++) {
        running += weights[i];
        cumulative[i] = running / total;
      }
      cumulative[values.length - 1] = 1;
      return { kind: 'discrete', values: Float64Array.from(values), cumulative };
    }
    case 'constant':
      // A constant always has a point value; kept for exhaustiveness.
      return { kind: 'point', value: dist.value };
  }
}

function discreteIndex(cumulative: Float64Array, p: number): number {
  // Smallest i with cumulative[i] >= p: the left-continuous inverse of a step CDF.
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] >= p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function preparedQuantile(d: Prepared, p: number): number {
  switch (d.kind) {
    case 'point':
      return d.value;
    case 'normal':
      return clamp(d.center + d.scale * windowQuantile(d.window, p), d.lower, d.upper);
    case 'lognormal':
      return clamp(Math.exp(d.mu + d.sigma * windowQuantile(d.window, p)), d.lower, d.upper);
    case 'triangular':
      return clamp(triangularQuantile(d.min, d.mode, d.max, d.pLo + p * d.mass), d.lower, d.upper);
    case 'uniform':
      return clamp(d.lower + p * (d.upper - d.lower), d.lower, d.upper);
    case 'pert': {
      const pp = d.pLo + p * d.mass;
      const y = betaQuantileFromTails(pp, 1 - pp, d.a, d.b, d.lnB);
      return clamp(d.min + d.range * y, d.lower, d.upper);
    }
    case 'discrete':
      return d.values[discreteIndex(d.cumulative, p)];
  }
}

function preparedCdf(d: Prepared, x: number): number {
  switch (d.kind) {
    case 'point':
      return x >= d.value ? 1 : 0;
    case 'normal':
      return windowCdf(d.window, (x - d.center) / d.scale);
    case 'lognormal':
      return x <= 0 ? 0 : windowCdf(d.window, (Math.log(x) - d.mu) / d.sigma);
    case 'triangular':
      if (x < d.lower) return 0;
      if (x >= d.upper) return 1;
      return clamp((triangularCdf(d.min, d.mode, d.max, x) - d.pLo) / d.mass, 0, 1);
    case 'uniform':
      return x <= d.lower ? 0 : x >= d.upper ? 1 : (x - d.lower) / (d.upper - d.lower);
    case 'pert': {
      if (x < d.lower) return 0;
      if (x >= d.upper) return 1;
      const y = (x - d.min) / d.range;
      return clamp((incompleteBeta(y, 1 - y, d.a, d.b, d.lnB) - d.pLo) / d.mass, 0, 1);
    }
    case 'discrete': {
      let below = 0;
      for (let i = 0; i < d.values.length && d.values[i] <= x; i++) below = d.cumulative[i];
      return below;
    }
  }
}

/** Probability mass of the standard normal on [zLo, zHi], computed in the lower tail for precision. */
function normalMass(zLo: number, zHi: number): number {
  return zLo > 0 ? standardNormalCdf(-zLo) - standardNormalCdf(-zHi) : standardNormalCdf(zHi) - standardNormalCdf(zLo);
}

/** z·φ(z), which is 0 at z = ±∞. */
function zTimesPdf(z: number): number {
  return Number.isFinite(z) ? z * standardNormalPdf(z) : 0;
}

// Two-point Gauss–Legendre rule on [−1, 1]: exact for cubics, hence for x²·(linear density).
const GAUSS_LEGENDRE_NODE = 1 / Math.sqrt(3);

/** ∫ (x − shift)^k f(x) dx over [from, to] for k = 0, 1, 2, f linear there; added to acc. */
function addLinearPieceMoments(from: number, to: number, density: (x: number) => number, shift: number, acc: Float64Array): void {
  if (!(to > from)) return;
  const half = 0.5 * (to - from);
  const mid = 0.5 * (to + from);
  for (const node of [-GAUSS_LEGENDRE_NODE, GAUSS_LEGENDRE_NODE]) {
    const x = mid + half * node;
    const w = half * density(x);
    acc[0] += w;
    acc[1] += w * (x - shift);
    acc[2] += w * (x - shift) * (x - shift);
  }
}

/** [mean, variance] of the prepared distribution. */
function preparedMoments(d: Prepared, dist: Distribution): [number, number] {
  switch (d.kind) {
    case 'point':
      return [d.value, 0];
    case 'normal': {
      const w = d.window;
      if (w.mass === 1) return [d.center, d.scale * d.scale];
      // Truncated normal moments (Johnson, Kotz & Balakrishnan 1994, Continuous Univariate Distributions vol. 1, ch. 13).
      const mass = normalMass(w.zLo, w.zHi);
      const ratio = (standardNormalPdf(w.zLo) - standardNormalPdf(w.zHi)) / mass;
      const spread = (zTimesPdf(w.zLo) - zTimesPdf(w.zHi)) / mass;
      return [d.center + d.scale * ratio, d.scale * d.scale * Math.max(0, 1 + spread - ratio * ratio)];
    }
    case 'lognormal': {
      const w = d.window;
      const { mean, sd } = dist as LognormalDistribution;
      if (w.mass === 1) return [mean, sd * sd];
      // E[X^k; window] = exp(kμ + k²σ²/2)·(Φ(zHi − kσ) − Φ(zLo − kσ)) (Johnson et al. 1994, vol. 1, ch. 14).
      const mass = normalMass(w.zLo, w.zHi);
      const m1 = (Math.exp(d.mu + 0.5 * d.sigma * d.sigma) * normalMass(w.zLo - d.sigma, w.zHi - d.sigma)) / mass;
      const m2 = (Math.exp(2 * d.mu + 2 * d.sigma * d.sigma) * normalMass(w.zLo - 2 * d.sigma, w.zHi - 2 * d.sigma)) / mass;
      return [m1, Math.max(0, m2 - m1 * m1)];
    }
    case 'triangular': {
      const { min, mode, max } = d;
      const range = max - min;
      if (d.lower === min && d.upper === max) {
        // (a² + b² + c² − ab − ac − bc)/18 written relative to min, which avoids cancellation when the
        // range is small next to the values themselves.
        const modeOffset = mode - min;
        return [min + (modeOffset + range) / 3, (modeOffset * modeOffset + range * range - modeOffset * range) / 18];
      }
      const acc = new Float64Array(3);
      const shift = 0.5 * (d.lower + d.upper);
      addLinearPieceMoments(d.lower, Math.min(d.upper, mode), (x) => (2 / range) * ((x - min) / (mode - min)), shift, acc);
      addLinearPieceMoments(Math.max(d.lower, mode), d.upper, (x) => (2 / range) * ((max - x) / (max - mode)), shift, acc);
      const m1 = acc[1] / acc[0];
      return [shift + m1, Math.max(0, acc[2] / acc[0] - m1 * m1)];
    }
    case 'uniform': {
      const width = d.upper - d.lower;
      return [0.5 * (d.lower + d.upper), (width * width) / 12];
    }
    case 'pert': {
      const { a, b, range, min } = d;
      const yLo = (d.lower - min) / range;
      const yHi = (d.upper - min) / range;
      if (yLo === 0 && yHi === 1) {
        const meanY = a / (a + b);
        const varY = (a * b) / ((a + b) * (a + b) * (a + b + 1));
        return [min + range * meanY, range * range * varY];
      }
      // E[Y^k; window] = [Π_{j<k} (a+j)/(a+b+j)]·(I_yHi(a+k, b) − I_yLo(a+k, b)) (Johnson et al. 1995, vol. 2, ch. 25).
      const massOf = (shapeA: number): number => {
        const lnB = logBeta(shapeA, b);
        return incompleteBeta(yHi, 1 - yHi, shapeA, b, lnB) - incompleteBeta(yLo, 1 - yLo, shapeA, b, lnB);
      };
      const m1 = ((a / (a + b)) * massOf(a + 1)) / d.mass;
      const m2 = (((a * (a + 1)) / ((a + b) * (a + b + 1))) * massOf(a + 2)) / d.mass;
      return [min + range * m1, range * range * Math.max(0, m2 - m1 * m1)];
    }
    case 'discrete': {
      let m = 0;
      let previous = 0;
      for (let i = 0; i < d.values.length; i++) {
        m += (d.cumulative[i] - previous) * d.values[i];
        previous = d.cumulative[i];
      }
      let v = 0;
      previous = 0;
      for (let i = 0; i < d.values.length; i++) {
        v += (d.cumulative[i] - previous) * (d.values[i] - m) * (d.values[i] - m);
        previous = d.cumulative[i];
      }
      return [m, v];
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------------------

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

function checkUniform(u: number, caller: string): void {
  if (!(u > 0 && u < 1)) fail(caller, `u must be in the open interval (0, 1), got ${u}`);
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
 * The (μ, σ) of ln X for a lognormal given by the mean and sd of X: σ² = ln(1 + sd²/mean²),
 * μ = ln(mean) − σ²/2 (Johnson, Kotz & Balakrishnan 1994, vol. 1, ch. 14).
 * @example lognormalLogParameters({ kind: 'lognormal', mean: 1, sd: 0 }) // { mu: 0, sigma: 0 }
 */
export function lognormalLogParameters(dist: LognormalDistribution): { mu: number; sigma: number } {
  const ratio = dist.sd / dist.mean;
  const sigmaSquared = Math.log1p(ratio * ratio);
  return { mu: Math.log(dist.mean) - 0.5 * sigmaSquared, sigma: Math.sqrt(sigmaSquared) };
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

// ---------------------------------------------------------------------------------------------------------
// Compiled samplers
// ---------------------------------------------------------------------------------------------------------

/**
 * PERT samplers interpolate x(z), z = Φ⁻¹(p), on a uniform grid over [−PERT_TABLE_Z_MAX, PERT_TABLE_Z_MAX] by
 * cubic Hermite with exact slopes dx/dz = φ(z)/f(x). In z the map is smooth even where x(p) has infinite
 * slope (p → 0 or 1 when α, β > 1). The grid covers every p ∈ [Φ(−8.5), Φ(8.5)] ⊃ [2^-53, 1 − 2^-53],
 * i.e. every uniform random.ts produces; outside it the exact inverse is used.
 */
export const PERT_TABLE_Z_MAX = 8.5;
/** Bound on |interpolated − exact| of a PERT sampler, as a fraction of max − min, verified at build time. */
export const PERT_TABLE_TOLERANCE = 1e-11;
const PERT_TABLE_MIN_INTERVALS = 512;
const PERT_TABLE_MAX_INTERVALS = 1 << 16;
/** Fritsch & Carlson (1980) SIAM J. Numer. Anal. 17(2):238–246: a cubic Hermite piece is monotone if α² + β² ≤ 9. */
const FRITSCH_CARLSON_LIMIT = 9;

interface PertTable {
  readonly intervals: number;
  readonly step: number;
  readonly x: Float64Array;
  /** Slope at each node times the step, so that evaluation needs no multiplication by h. */
  readonly slopeTimesStep: Float64Array;
}

/**
 * Exact Beta(a, b) quantile at p = Φ(z), written to out as [x, 1 − x] with the smaller of the two solved for
 * directly, so that both keep full relative precision (needed for the log-density at either end).
 */
function exactBetaAtZ(z: number, a: number, b: number, lnB: number, guess: number, out: Float64Array): void {
  if (z <= 0) {
    const x = betaLowerTailQuantile(standardNormalCdf(z), a, b, lnB, guess);
    out[0] = x;
    out[1] = 1 - x;
  } else {
    const w = betaLowerTailQuantile(standardNormalCdf(-z), b, a, lnB, 1 - guess);
    out[0] = 1 - w;
    out[1] = w;
  }
}

function hermite(table: PertTable, t: number): number {
  const k = Math.min(Math.floor(t), table.intervals - 1);
  const s = t - k;
  const x0 = table.x[k];
  const x1 = table.x[k + 1];
  const m0 = table.slopeTimesStep[k];
  const m1 = table.slopeTimesStep[k + 1];
  const s2 = s * s;
  const s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * x0 + (s3 - 2 * s2 + s) * m0 + (3 * s2 - 2 * s3) * x1 + (s3 - s2) * m1;
}

/** Interior points (fractions of an interval) where each table interval is checked against the exact inverse. */
const PERT_TABLE_CHECK_POINTS = [0.25, 0.5, 0.75];
/** Safety factor between the error allowed at the check points and the documented PERT_TABLE_TOLERANCE. */
const PERT_TABLE_SAFETY_FACTOR = 2;

/**
 * Builds the z-grid table for Beta(a, b) with the fewest power-of-two intervals (≥ 512) such that on every
 * interval the interpolant is within PERT_TABLE_TOLERANCE / 2 of the exact inverse at s = ¼, ½, ¾ (the
 * Hermite error h⁴s²(1−s)²x⁗(ξ)/24 peaks near s = ½) and monotone (Fritsch–Carlson), except on intervals
 * whose whole rise is below the tolerance, where it may deviate from monotone by less than the tolerance.
 */
function buildPertTable(a: number, b: number, lnB: number): PertTable {
  const allowed = PERT_TABLE_TOLERANCE / PERT_TABLE_SAFETY_FACTOR;
  for (let intervals = PERT_TABLE_MIN_INTERVALS; intervals <= PERT_TABLE_MAX_INTERVALS; intervals *= 2) {
    const step = (2 * PERT_TABLE_Z_MAX) / intervals;
    const x = new Float64Array(intervals + 1);
    const slopeTimesStep = new Float64Array(intervals + 1);
    const node = new Float64Array(2);
    for (let k = 0; k <= intervals; k++) {
      const z = -PERT_TABLE_Z_MAX + k * step;
      exactBetaAtZ(z, a, b, lnB, k > 0 ? x[k - 1] : NaN, node);
      x[k] = node[0];
      // dx/dz = φ(z)/f(x), formed in logs because both factors are tiny in the far tails.
      const logDensity = (a === 1 ? 0 : (a - 1) * Math.log(node[0])) + (b === 1 ? 0 : (b - 1) * Math.log(node[1])) - lnB;
      slopeTimesStep[k] = step * Math.exp(-0.5 * z * z - LOG_SQRT_2PI - logDensity);
    }
    const table: PertTable = { intervals, step, x, slopeTimesStep };
    let ok = true;
    for (let k = 0; k < intervals && ok; k++) {
      const rise = x[k + 1] - x[k];
      const alpha = slopeTimesStep[k] / rise;
      const beta = slopeTimesStep[k + 1] / rise;
      const monotone = rise > 0 && alpha * alpha + beta * beta <= FRITSCH_CARLSON_LIMIT;
      // An interval whose whole rise is below the tolerance (x pinned near 0 or 1 by rounding) may wiggle,
      // but only negligibly: a Hermite piece strays from its nodes by at most (m₀ + m₁)/4.
      const negligible = rise < allowed && slopeTimesStep[k] + slopeTimesStep[k + 1] <= allowed;
      if (!monotone && !negligible) ok = false;
      for (const s of PERT_TABLE_CHECK_POINTS) {
        const interpolated = hermite(table, k + s);
        exactBetaAtZ(-PERT_TABLE_Z_MAX + (k + s) * step, a, b, lnB, interpolated, node);
        if (!(Math.abs(interpolated - node[0]) <= allowed)) ok = false;
      }
    }
    if (ok) return table;
  }
  throw new RangeError(`createSampler: PERT table for Beta(${a}, ${b}) did not reach tolerance ${PERT_TABLE_TOLERANCE}`);
}

/**
 * Compiles `dist` into a fast sampler u ↦ quantile(dist, u) for u ∈ (0, 1) (in the parameter's unit): shape
 * constants and the truncation window are computed once and each call allocates nothing. Identical to
 * `sample` for every kind except PERT, whose sampler interpolates a per-distribution table of the exact
 * inverse incomplete beta (cubic Hermite in z = Φ⁻¹(u)) within PERT_TABLE_TOLERANCE·(max − min).
 * @example const draw = createSampler({ kind: 'normal', mean: 1135, sd: 60 }); draw(0.5) // = 1135
 */
export function createSampler(dist: Distribution): Sampler {
  const d = prepare(dist, 'createSampler');
  switch (d.kind) {
    case 'point': {
      const value = d.value;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return value;
      };
    }
    case 'normal': {
      const { center, scale, window, lower, upper } = d;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return clamp(center + scale * windowQuantile(window, u), lower, upper);
      };
    }
    case 'lognormal': {
      const { mu, sigma, window, lower, upper } = d;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return clamp(Math.exp(mu + sigma * windowQuantile(window, u)), lower, upper);
      };
    }
    case 'triangular': {
      const { min, mode, max, pLo, mass, lower, upper } = d;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return clamp(triangularQuantile(min, mode, max, pLo + u * mass), lower, upper);
      };
    }
    case 'uniform': {
      const { lower, upper } = d;
      const width = upper - lower;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return clamp(lower + u * width, lower, upper);
      };
    }
    case 'pert': {
      const { min, range, a, b, lnB, pLo, mass, lower, upper } = d;
      const table = buildPertTable(a, b, lnB);
      const inverseStep = 1 / table.step;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        const p = pLo + u * mass;
        const z = standardNormalQuantile(p);
        const y = z >= -PERT_TABLE_Z_MAX && z <= PERT_TABLE_Z_MAX
          ? hermite(table, (z + PERT_TABLE_Z_MAX) * inverseStep)
          : betaQuantileFromTails(p, 1 - p, a, b, lnB);
        return clamp(min + range * y, lower, upper);
      };
    }
    case 'discrete': {
      const { values, cumulative } = d;
      return (u) => {
        if (!(u > 0 && u < 1)) checkUniform(u, 'sampler');
        return values[discreteIndex(cumulative, u)];
      };
    }
  }
}
