/**
 * Validation of a distribution and its prepared form: the parameters derived once (shape constants, truncation
 * window) from which quantile, CDF, moments and compiled samplers are computed (see distributions.ts).
 */

import { DEFAULT_PERT_LAMBDA, DISTRIBUTION_KINDS, type Distribution, type LognormalDistribution } from './distribution-types.ts';
import { betaQuantileFromTails, incompleteBeta, logBeta, standardNormalCdf, standardNormalPdf, standardNormalQuantile } from './special-functions.ts';

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

/** Throws a RangeError "caller: message". */
export function fail(caller: string, message: string): never {
  throw new RangeError(`${caller}: ${message}`);
}

/** `value` if it is a finite number; throws naming `name` otherwise. */
export function requireFinite(caller: string, name: string, value: unknown): number {
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

/** Throws a RangeError naming the parameter at fault if `dist` is not a valid distribution (truncation aside). */
export function validateParameters(dist: Distribution, caller: string): void {
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
export function windowQuantile(w: NormalWindow, p: number): number {
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

/** x limited to [lower, upper]. */
export function clamp(x: number, lower: number, upper: number): number {
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
export function triangularQuantile(min: number, mode: number, max: number, p: number): number {
  const range = max - min;
  const modeCdf = (mode - min) / range;
  if (p <= modeCdf) return min + Math.sqrt(p * range * (mode - min));
  return max - Math.sqrt((1 - p) * range * (max - mode));
}

/** Beta shape (a, b) of a PERT: a = 1 + λ(mode − min)/(max − min), b = 1 + λ(max − mode)/(max − min) (Vose 2008). */
export function pertShape(min: number, mode: number, max: number, lambda: number): { a: number; b: number } {
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

/** Validates `dist` and derives its prepared form once (shape constants, truncation window). */
export function prepare(dist: Distribution, caller: string): Prepared {
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

/** The first index whose cumulative weight reaches p (binary search). */
export function discreteIndex(cumulative: Float64Array, p: number): number {
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

/** Quantile of a prepared distribution at p ∈ (0, 1), in the parameter's unit. */
export function preparedQuantile(d: Prepared, p: number): number {
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

/** CDF of a prepared distribution at x (parameter's unit), in [0, 1]. */
export function preparedCdf(d: Prepared, x: number): number {
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
export function preparedMoments(d: Prepared, dist: Distribution): [number, number] {
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


/** Throws unless u is in the open interval (0, 1). */
export function checkUniform(u: number, caller: string): void {
  if (!(u > 0 && u < 1)) fail(caller, `u must be in the open interval (0, 1), got ${u}`);
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
