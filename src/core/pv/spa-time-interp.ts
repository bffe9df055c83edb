/**
 * SPA time terms of an evenly spaced series by interpolation between exact anchors, after the idea of the SG2
 * algorithm (P. Blanc & L. Wald, "The SG2 algorithm for a fast and accurate computation of the position of the Sun
 * for multi-decadal time period", Solar Energy 86(10) 3072–3083, 2012, doi:10.1016/j.solener.2012.07.018), which
 * precomputes the slowly varying heliocentric quantities and interpolates them; its coarser approximations (~0.005°)
 * are not taken up. The quantities that change slowly (the sun's geocentric right ascension α and declination δ, the
 * Earth–sun distance R, the nutation in right ascension Δψ·cos ε and the equation of time: periods of ~5 days and
 * more, Reda & Andreas 2004 eq. 9–27, 30–31 and A1) are evaluated exactly at anchors half a day apart and carried to
 * each timestamp by a 4-point cubic. The sidereal time, which turns 360° a day, is never interpolated: its mean part
 * ν0 is evaluated at each timestamp (eq. 28) and the interpolated Δψ·cos ε added (eq. 29).
 */

import { SECONDS_PER_DAY } from '../time.ts';
import { EARTH_ROW_LENGTH, EARTH_SERIES } from './spa-tables.ts';
import {
  CENTURIES_PER_MILLENNIUM,
  DAYS_PER_JULIAN_CENTURY,
  fillJulianScratch,
  JC,
  JCE,
  JD,
  JDE,
  julianScratch,
  JME,
  unwrappedMeanSiderealTimeDeg,
  type Mutable,
  type SpaTimeTerms,
} from './spa-time.ts';

/**
 * The widest spacing (s) of the interpolation anchors: half a day. Against the exact evaluation over hourly, 30-min
 * and 15-min years (2000, 2022, 2050) the cubic is off by at most 2.0e-8° in α, 9.4e-9° in δ and ν and 4.3e-12 AU in
 * R (with R's lunar terms carried exactly, below); a day apart it is off by 3e-7° in α, 8 h apart by 4e-9°: the error
 * grows as the fourth power of the spacing (test/core/pv/spa-time-interp.test.ts, docs/pv-yield.md).
 */
export const SPA_INTERPOLATION_MAX_SPACING_S = 12 * 3600;

// The radius vector's two lunar terms in R0 (periods 29.5 and 14.3 days, 3.1e-5 and 8.6e-7 AU) bend R too fast for a
// cubic on anchors half a day apart (1.4e-10 AU off); they are carried exactly and only the smooth rest is
// interpolated. R0's other terms with periods under 115 days are below 6e-7 AU and leave under 1e-11 AU.
const R0_TABLE = 8;
const LUNAR_MIN_RATE_RAD_PER_MILLENNIUM = 20_000;
const LUNAR_MIN_AMPLITUDE = 80;
const PERIODIC_TERM_SCALE = 1e8;
const RADIUS_LUNAR_ROWS = ((): Float64Array => {
  const table = EARTH_SERIES[R0_TABLE]!;
  const rows: number[] = [];
  for (let i = 0; i < table.length; i += EARTH_ROW_LENGTH) {
    if (table[i + 2] > LUNAR_MIN_RATE_RAD_PER_MILLENNIUM && table[i] > LUNAR_MIN_AMPLITUDE) rows.push(table[i], table[i + 1], table[i + 2]);
  }
  return Float64Array.from(rows);
})();
const LUNAR_ROW_COUNT = RADIUS_LUNAR_ROWS.length / EARTH_ROW_LENGTH;
const SECONDS_PER_JULIAN_MILLENNIUM = SECONDS_PER_DAY * DAYS_PER_JULIAN_CENTURY * CENTURIES_PER_MILLENNIUM;

/**
 * An angle (deg) wrapped into [0, 360) by a floor instead of the remainder operator, which V8 leaves to a slow library
 * call; it agrees with `wrapDeg` (both may round a tiny negative angle up to 360).
 */
function wrap360Deg(angleDeg: number): number {
  const r = angleDeg - 360 * Math.floor(angleDeg / 360);
  return r < 0 ? r + 360 : r >= 360 ? r - 360 : r;
}

/**
 * Everything the interpolation of one evenly spaced series needs: per position r = 0…stride−1 within an anchor
 * interval, the cubic's four weights and the lunar terms' turn since the interval's start; per anchor, the exact
 * slowly varying terms (α unwrapped, so that consecutive anchors differ by less than 180°) and the lunar terms' phasors.
 */
export interface InterpolationGrid {
  /** Time steps between anchors. */
  readonly stride: number;
  /** 4 per position r: the Lagrange weights on the anchors at −1, 0, 1, 2 for u = r/stride. */
  readonly weights: Float64Array;
  /** 2 per lunar row per position r: cos and sin of C·(JME − JME of the interval's start). */
  readonly lunarTurn: Float64Array;
  readonly rightAscensionDeg: Float64Array;
  readonly declinationDeg: Float64Array;
  /** R without its lunar terms (AU). */
  readonly smoothRadiusAu: Float64Array;
  /** Δψ·cos ε (deg), the nutation in right ascension (the equation of the equinoxes), SPA eq. 29. */
  readonly nutationInRightAscensionDeg: Float64Array;
  /** Equation of time (min), SPA eq. A1: within ±17 min, so never wrapped between anchors. */
  readonly equationOfTimeMin: Float64Array;
  /** 2 per lunar row per anchor: A·cos φ and A·sin φ, φ = B + C·JME (A in 1e-8 AU). */
  readonly lunarPhasor: Float64Array;
}

/**
 * How many time steps apart the anchors of an evenly spaced series of n timestamps (step `stepS`, s) are, or 0 when
 * the series should be evaluated exactly: steps longer than half the widest spacing, or a series spanning fewer than
 * three anchor intervals (where the anchors would cost about as much as the timestamps).
 */
export function interpolationStride(stepS: number, n: number, maxSpacingS: number = SPA_INTERPOLATION_MAX_SPACING_S): number {
  const stride = Math.floor(maxSpacingS / Math.abs(stepS));
  if (!(stride >= 2) || n - 1 < 3 * stride) return 0;
  return stride;
}

/**
 * Anchors for n timestamps `stride` steps apart: one before the first timestamp, then every `stride` steps, and two
 * beyond the last interval, so every timestamp has two anchors on each side.
 */
export function anchorCount(n: number, stride: number): number {
  return Math.floor((n - 1) / stride) + 4;
}

/**
 * The 4-point Lagrange weights on anchors at −1, 0, 1, 2 for u = r/stride, r = 0…stride−1, flattened (4 per r):
 * w0 = −u(u−1)(u−2)/6, w1 = (u+1)(u−1)(u−2)/2, w2 = −(u+1)u(u−2)/2, w3 = (u+1)u(u−1)/6. They sum to 1 and
 * reproduce cubics exactly; at u = 0 they are (0, 1, 0, 0), so a timestamp on an anchor takes the anchor's value.
 */
export function cubicWeights(stride: number): Float64Array {
  const w = new Float64Array(4 * stride);
  for (let r = 0; r < stride; r++) {
    const u = r / stride;
    w[4 * r] = (-u * (u - 1) * (u - 2)) / 6;
    w[4 * r + 1] = ((u + 1) * (u - 1) * (u - 2)) / 2;
    w[4 * r + 2] = (-(u + 1) * u * (u - 2)) / 2;
    w[4 * r + 3] = ((u + 1) * u * (u - 1)) / 6;
  }
  return w;
}

/** An empty grid for `count` anchors `stride` steps of `stepS` (s) apart; the anchors are filled by `storeAnchor`. */
export function createInterpolationGrid(stride: number, stepS: number, count: number): InterpolationGrid {
  const lunarTurn = new Float64Array(2 * LUNAR_ROW_COUNT * stride);
  for (let r = 0; r < stride; r++) {
    const elapsedJme = (r * stepS) / SECONDS_PER_JULIAN_MILLENNIUM;
    for (let k = 0; k < LUNAR_ROW_COUNT; k++) {
      const turnRad = RADIUS_LUNAR_ROWS[k * EARTH_ROW_LENGTH + 2] * elapsedJme;
      lunarTurn[2 * (r * LUNAR_ROW_COUNT + k)] = Math.cos(turnRad);
      lunarTurn[2 * (r * LUNAR_ROW_COUNT + k) + 1] = Math.sin(turnRad);
    }
  }
  return {
    stride,
    weights: cubicWeights(stride),
    lunarTurn,
    rightAscensionDeg: new Float64Array(count),
    declinationDeg: new Float64Array(count),
    smoothRadiusAu: new Float64Array(count),
    nutationInRightAscensionDeg: new Float64Array(count),
    equationOfTimeMin: new Float64Array(count),
    lunarPhasor: new Float64Array(2 * LUNAR_ROW_COUNT * count),
  };
}

/** Stores the exact terms `t` as anchor m; anchors must be stored in order (α is unwrapped against the previous one). */
export function storeAnchor(grid: InterpolationGrid, m: number, t: SpaTimeTerms): void {
  let alphaDeg = t.geocentricRightAscensionDeg;
  if (m > 0) alphaDeg += 360 * Math.round((grid.rightAscensionDeg[m - 1] - alphaDeg) / 360);
  grid.rightAscensionDeg[m] = alphaDeg;
  grid.declinationDeg[m] = t.geocentricDeclinationDeg;
  let lunarAu = 0;
  for (let k = 0; k < LUNAR_ROW_COUNT; k++) {
    const row = k * EARTH_ROW_LENGTH;
    const phaseRad = RADIUS_LUNAR_ROWS[row + 1] + RADIUS_LUNAR_ROWS[row + 2] * t.julianEphemerisMillennium;
    const cosPart = RADIUS_LUNAR_ROWS[row] * Math.cos(phaseRad);
    grid.lunarPhasor[2 * (m * LUNAR_ROW_COUNT + k)] = cosPart;
    grid.lunarPhasor[2 * (m * LUNAR_ROW_COUNT + k) + 1] = RADIUS_LUNAR_ROWS[row] * Math.sin(phaseRad);
    lunarAu += cosPart;
  }
  grid.smoothRadiusAu[m] = t.earthRadiusVectorAu - lunarAu / PERIODIC_TERM_SCALE;
  grid.nutationInRightAscensionDeg[m] = t.apparentSiderealTimeDeg - t.meanSiderealTimeDeg;
  grid.equationOfTimeMin[m] = t.equationOfTimeMin;
}

/**
 * The SPA time terms a site needs (ν, α, δ, R and the equation of time; SPA eq. 28–29, A1) of timestamp i of an evenly
 * spaced series into `t`: α, δ, R without its lunar terms, Δψ·cos ε and the equation of time by the cubic through the
 * four anchors around it; R's lunar terms turned on from the interval's start; ν0 evaluated at the timestamp
 * `unixTimeS` (s, UTC) with ΔT in s. Other fields of `t` are left as they are.
 */
export function interpolatedTimeTermsInto(unixTimeS: number, deltaTS: number, i: number, grid: InterpolationGrid, t: Mutable<SpaTimeTerms>): void {
  const m = Math.floor(i / grid.stride);
  const r = i - m * grid.stride;
  const weights = grid.weights;
  const w0 = weights[4 * r];
  const w1 = weights[4 * r + 1];
  const w2 = weights[4 * r + 2];
  const w3 = weights[4 * r + 3];
  const a = grid.rightAscensionDeg;
  const d = grid.declinationDeg;
  const rad = grid.smoothRadiusAu;
  const e = grid.nutationInRightAscensionDeg;
  const eot = grid.equationOfTimeMin;
  // The interval's start is anchor m + 1.
  let lunarAu = 0;
  for (let k = 0; k < LUNAR_ROW_COUNT; k++) {
    const p = 2 * ((m + 1) * LUNAR_ROW_COUNT + k);
    const q = 2 * (r * LUNAR_ROW_COUNT + k);
    lunarAu += grid.lunarPhasor[p] * grid.lunarTurn[q] - grid.lunarPhasor[p + 1] * grid.lunarTurn[q + 1];
  }
  const alphaDeg = wrap360Deg(w0 * a[m] + w1 * a[m + 1] + w2 * a[m + 2] + w3 * a[m + 3]);
  const nutationInRightAscensionDeg = w0 * e[m] + w1 * e[m + 1] + w2 * e[m + 2] + w3 * e[m + 3];
  fillJulianScratch(unixTimeS, deltaTS);
  const nu0Deg = wrap360Deg(unwrappedMeanSiderealTimeDeg(julianScratch[JD], julianScratch[JC]));
  t.julianDay = julianScratch[JD];
  t.julianEphemerisDay = julianScratch[JDE];
  t.julianCentury = julianScratch[JC];
  t.julianEphemerisCentury = julianScratch[JCE];
  t.julianEphemerisMillennium = julianScratch[JME];
  t.meanSiderealTimeDeg = nu0Deg;
  t.apparentSiderealTimeDeg = nu0Deg + nutationInRightAscensionDeg;
  t.geocentricRightAscensionDeg = alphaDeg;
  t.geocentricDeclinationDeg = w0 * d[m] + w1 * d[m + 1] + w2 * d[m + 2] + w3 * d[m + 3];
  t.earthRadiusVectorAu = w0 * rad[m] + w1 * rad[m + 1] + w2 * rad[m + 2] + w3 * rad[m + 3] + lunarAu / PERIODIC_TERM_SCALE;
  t.equationOfTimeMin = w0 * eot[m] + w1 * eot[m + 1] + w2 * eot[m + 2] + w3 * eot[m + 3];
}
