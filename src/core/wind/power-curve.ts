/**
 * Turbine power from a power curve, as windpowerlib's `power_output.power_curve` and
 * `power_output.power_curve_density_correction` do it (https://windpowerlib.readthedocs.io): linear interpolation
 * between the published points, zero below the first and above the last (numpy `interp` with left = right = 0), and
 * optionally the site-density correction of IEC 61400-12-1 (2005), annex on air density normalisation, as windpowerlib
 * applies it (Svenningsen, "Power curve air density correction and other power curve options in WindPRO", EMD 2010).
 */
import { STANDARD_AIR_DENSITY_KG_PER_M3 } from './profile.ts';

/** A power curve at the standard density 1.225 kg/m³: wind speeds (m/s, strictly increasing) and power (kW, ≥ 0). */
export interface PowerCurve {
  readonly windSpeedsMPerS: ArrayLike<number>;
  readonly powerKW: ArrayLike<number>;
}

/** What is wrong with a power curve: the 0-based point, the column, and what was expected. */
export interface PowerCurveIssue {
  readonly index: number;
  readonly field: 'windSpeedMPerS' | 'powerKW';
  readonly message: string;
}

/**
 * The first problem of a power curve, or undefined when it is usable: at least two points, finite numbers, wind speeds
 * ≥ 0 and strictly increasing, power ≥ 0 and not all zero.
 * @example checkPowerCurve({ windSpeedsMPerS: [3, 2], powerKW: [0, 5] })?.message // 'expected a wind speed above the previous point's 3 m/s, got 2'
 */
export function checkPowerCurve(curve: PowerCurve): PowerCurveIssue | undefined {
  const v = curve.windSpeedsMPerS;
  const p = curve.powerKW;
  if (v.length !== p.length) return { index: Math.min(v.length, p.length), field: 'powerKW', message: `expected as many power values as wind speeds (${v.length}), got ${p.length}` };
  if (v.length < 2) return { index: v.length, field: 'windSpeedMPerS', message: `expected at least two points, got ${v.length}` };
  let anyPower = false;
  for (let i = 0; i < v.length; i++) {
    const vi = v[i]!;
    const pi = p[i]!;
    if (!(Number.isFinite(vi) && vi >= 0)) return { index: i, field: 'windSpeedMPerS', message: `expected a wind speed ≥ 0 m/s, got ${vi}` };
    if (i > 0 && !(vi > v[i - 1]!)) return { index: i, field: 'windSpeedMPerS', message: `expected a wind speed above the previous point's ${v[i - 1]} m/s (strictly increasing), got ${vi}` };
    if (!(Number.isFinite(pi) && pi >= 0)) return { index: i, field: 'powerKW', message: `expected a power ≥ 0 kW, got ${pi}` };
    anyPower ||= pi > 0;
  }
  if (!anyPower) return { index: 0, field: 'powerKW', message: 'expected some power above 0 kW; every point is 0' };
  return undefined;
}

/** The highest power of a curve (kW): the rated power of a custom curve. */
export function maxPowerKW(curve: PowerCurve): number {
  let max = 0;
  for (let i = 0; i < curve.powerKW.length; i++) max = Math.max(max, curve.powerKW[i]!);
  return max;
}

/** Index i of the segment [v_i, v_{i+1}] holding `x`, for v_0 ≤ x < v_last (binary search on a strictly increasing array). */
function segment(speeds: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = speeds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (speeds[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Power (kW) at a wind speed (m/s) by linear interpolation in the curve; 0 below the first and above the last point,
 * the last point's power at exactly its speed (windpowerlib `power_output.power_curve`, numpy `interp(left=0, right=0)`).
 * @example powerCurveKW(5, { windSpeedsMPerS: [4, 6], powerKW: [100, 300] }) // 200
 */
export function powerCurveKW(windSpeedMPerS: number, curve: PowerCurve): number {
  const v = curve.windSpeedsMPerS;
  const p = curve.powerKW;
  const last = v.length - 1;
  if (!(windSpeedMPerS >= v[0]! && windSpeedMPerS <= v[last]!)) return 0;
  if (windSpeedMPerS === v[last]!) return p[last]!;
  const i = segment(v, windSpeedMPerS);
  const v0 = v[i]!;
  return p[i]! + ((p[i + 1]! - p[i]!) * (windSpeedMPerS - v0)) / (v[i + 1]! - v0);
}

/** Below this standard-curve wind speed (m/s) the density-correction exponent is 1/3 (IEC 61400-12-1 as in windpowerlib). */
export const DENSITY_CORRECTION_LOW_SPEED_M_PER_S = 7.5;
/** From this standard-curve wind speed (m/s) the exponent is 2/3. */
export const DENSITY_CORRECTION_HIGH_SPEED_M_PER_S = 12.5;
const EXPONENT_LOW = 1 / 3;
const EXPONENT_HIGH = 2 / 3;

/**
 * Exponent p of the density correction at a standard-curve wind speed (m/s): 1/3 up to 7.5 m/s, 2/3 from 12.5 m/s,
 * linear between (windpowerlib `power_curve_density_correction`: numpy `interp(v, [7.5, 12.5], [1/3, 2/3])`).
 * @example densityCorrectionExponent(10) // 0.5
 */
export function densityCorrectionExponent(standardWindSpeedMPerS: number): number {
  if (standardWindSpeedMPerS <= DENSITY_CORRECTION_LOW_SPEED_M_PER_S) return EXPONENT_LOW;
  if (standardWindSpeedMPerS >= DENSITY_CORRECTION_HIGH_SPEED_M_PER_S) return EXPONENT_HIGH;
  const share = (standardWindSpeedMPerS - DENSITY_CORRECTION_LOW_SPEED_M_PER_S) / (DENSITY_CORRECTION_HIGH_SPEED_M_PER_S - DENSITY_CORRECTION_LOW_SPEED_M_PER_S);
  return EXPONENT_LOW + share * (EXPONENT_HIGH - EXPONENT_LOW);
}

/**
 * Wind speed (m/s) at which the turbine gives, at site density ρ (kg/m³), the power the standard curve gives at v_std:
 * v_site = v_std · (1.225 / ρ)^p(v_std) (IEC 61400-12-1 density normalisation, inverted as in windpowerlib).
 * @example siteWindSpeedMPerS(5, 1.225) // 5
 */
export function siteWindSpeedMPerS(standardWindSpeedMPerS: number, densityKgPerM3: number): number {
  return standardWindSpeedMPerS * (STANDARD_AIR_DENSITY_KG_PER_M3 / densityKgPerM3) ** densityCorrectionExponent(standardWindSpeedMPerS);
}

/** v_std · (1.225/ρ)^p(v_std) with ln(1.225/ρ) given, so that a search over the curve takes one exp a probe. */
function movedSpeed(standardWindSpeedMPerS: number, lnDensityRatio: number): number {
  return standardWindSpeedMPerS * Math.exp(densityCorrectionExponent(standardWindSpeedMPerS) * lnDensityRatio);
}

/**
 * Power (kW) from the density-corrected curve: the curve's speeds moved to v_site = v_std · (1.225/ρ)^p, then linear
 * interpolation at the hub wind speed (m/s), 0 outside the moved curve (windpowerlib
 * `power_output.power_curve_density_correction`). Density in kg/m³. The moved speeds stay increasing for any
 * density below ~1.6 kg/m³ and curve points below ~50 m/s, which the binary search relies on.
 * @example densityCorrectedPowerKW(5, { windSpeedsMPerS: [4, 6], powerKW: [100, 300] }, 1.225) // 200
 */
export function densityCorrectedPowerKW(windSpeedMPerS: number, curve: PowerCurve, densityKgPerM3: number): number {
  const v = curve.windSpeedsMPerS;
  const p = curve.powerKW;
  const last = v.length - 1;
  const lnRatio = Math.log(STANDARD_AIR_DENSITY_KG_PER_M3 / densityKgPerM3);
  const first = movedSpeed(v[0]!, lnRatio);
  const end = movedSpeed(v[last]!, lnRatio);
  if (!(windSpeedMPerS >= first && windSpeedMPerS <= end)) return 0;
  if (windSpeedMPerS === end) return p[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (movedSpeed(v[mid]!, lnRatio) <= windSpeedMPerS) lo = mid;
    else hi = mid;
  }
  const v0 = movedSpeed(v[lo]!, lnRatio);
  return p[lo]! + ((p[hi]! - p[lo]!) * (windSpeedMPerS - v0)) / (movedSpeed(v[hi]!, lnRatio) - v0);
}
