/** Compiled samplers: a distribution turned once into a function u ↦ quantile(dist, u) that allocates nothing per call. */

import type { Distribution, Sampler } from './distribution-types.ts';
import { checkUniform, clamp, discreteIndex, prepare, triangularQuantile, windowQuantile } from './prepared-distribution.ts';
import { betaLowerTailQuantile, betaQuantileFromTails, LOG_SQRT_2PI, standardNormalCdf, standardNormalQuantile } from './special-functions.ts';

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
