/**
 * Solar position by the NREL Solar Position Algorithm (SPA): I. Reda & A. Andreas, "Solar position algorithm
 * for solar radiation applications", Solar Energy 76 (2004) 577–589, doi:10.1016/j.solener.2003.12.003;
 * NREL/TP-560-34302 (rev. 2008). Uncertainty ±0.0003° for the years −2000…6000.
 *
 * The algorithm splits in two, and so does the code:
 * - the time part (`spaTimeTerms` in spa-time.ts, `computeSpaTimeTermsBatch` in spa-time-batch.ts, the periodic-term
 *   tables in spa-tables.ts): Julian days, the Earth's heliocentric position,
 *   nutation, obliquity, aberration, sidereal time and the sun's geocentric right ascension and declination —
 *   it depends only on the instant and ΔT, so a batch computes it once per timestamp and shares it among sites;
 * - the site part (this module: `solarPositionFromTimeTerms`, `solarPositionBatch`): hour angle, parallax, topocentric
 *   coordinates, refraction and azimuth.
 *
 * Conventions follow pvlib-python's `spa_python` (numpy mode), and results agree with it to ~1e-12°: refraction
 * is added only while the unrefracted elevation e0 ≥ −(0.26667° + atmos_refract), with pressure in millibar inside
 * the formula (our API takes pascals); the equation of time is wrapped as pvlib does.
 *
 * Some equations are evaluated through exact identities instead of one library call per angle: the
 * 63 nutation terms take their sines and cosines from products of those of the five fundamental arguments, and
 * the site part takes the sines and cosines of the parallax-corrected angles from the vectors they come from
 * rather than through atan2 and back. Each agrees with the direct evaluation to a few units in the last place.
 * A batch of evenly spaced timestamps goes further: it advances the ~260 periodic terms from one timestamp to the
 * next by angle-addition recurrences (see `earthSeriesSumsByRecurrence`) instead of evaluating them, and can hand its
 * callers the sun's direction as sines and cosines; single calls still evaluate every term.
 */

import { PA_PER_HPA, pressureFromAltitudePa } from './atmosphere.ts';
import { ARCSEC_PER_DEG, createSiteReady, DEFAULT_DELTA_T_S, DEG_TO_RAD, RAD_TO_DEG, siteReadyInto, SOLAR_PARALLAX_ARCSEC, spaTimeTerms, wrapDeg } from './spa-time.ts';
import type { SiteReadyTimeTerms, SpaTimeTerms } from './spa-time.ts';
import type { SpaTimeTermsBatch } from './spa-time-batch.ts';
import type { SunDirection } from './aoi.ts';

export { DEFAULT_DELTA_T_S, spaTimeTerms } from './spa-time.ts';
export type { SpaTimeTerms } from './spa-time.ts';
export { computeSpaTimeTermsBatch, SPA_BATCH_METHODS, SPA_RECURRENCE_ANCHOR_STEPS } from './spa-time-batch.ts';
export type { SpaBatchMethod, SpaTimeTermsBatch } from './spa-time-batch.ts';
export { SPA_TABLE_ROW_COUNTS } from './spa-tables.ts';

/** Refraction of the sun's centre at sunrise/sunset (deg), SPA's default `atmos_refract`. */
export const DEFAULT_ATMOS_REFRACT_DEG = 0.5667;
/** Air temperature (°C) used for refraction when none is given: pvlib's `spa_python` default (annual mean). */
export const DEFAULT_TEMPERATURE_C = 12;
/** Apparent radius of the sun's disc (deg), as in NREL's spa.c and pvlib: refraction applies while the upper limb is above the refracted horizon. */
export const SUN_RADIUS_DEG = 0.26667;

/** Earth's equatorial radius (m) in SPA eq. 35–36. */
const EARTH_EQUATORIAL_RADIUS_M = 6_378_140;
/** Ratio of polar to equatorial Earth radius (1 − flattening) in SPA eq. 34–36. */
const EARTH_AXIS_RATIO = 0.99664719;

/**
 * Atmospheric refraction correction Δe (deg) added to the unrefracted topocentric elevation e0 (deg), SPA eq. 42:
 * Δe = (P/1010)·(283/(273 + T))·1.02 / (60·tan(e0 + 10.3/(e0 + 5.11))) with P in millibar, T in °C (Sæmundsson's
 * formula, Meeus, Astronomical Algorithms, eq. 16.4, scaled for pressure and temperature); zero once the sun's upper limb is below the refracted horizon,
 * e0 < −(0.26667° + atmosRefractDeg), exactly as pvlib's `spa_python`. Pressure is taken in Pa.
 * Near the zenith (e0 ≳ 89.89°) the tangent's argument passes 90° and Δe turns slightly negative (|Δe| < 5e-5° for P ≤ 1100 hPa, T ≥ −50 °C):
 * that is the published formula, kept for agreement with the SPA and pvlib.
 */
export function atmosphericRefractionDeg(
  elevationDeg: number,
  pressurePa: number,
  temperatureC: number,
  atmosRefractDeg: number = DEFAULT_ATMOS_REFRACT_DEG,
): number {
  const elevationRad = elevationDeg * DEG_TO_RAD;
  return refractionOfElevationDeg(elevationDeg, Math.sin(elevationRad), Math.cos(elevationRad), refractionScale(pressurePa, temperatureC), atmosRefractDeg);
}

/**
 * The air's factor in SPA eq. 42, (P/1010)·(283/(273 + T))·1.02 with P in millibar (taken in Pa) and T in °C: it
 * depends on the weather alone, so a run over many sites on one weather series computes it once per step.
 */
export function refractionScale(pressurePa: number, temperatureC: number): number {
  return (pressurePa / PA_PER_HPA / 1010) * (283 / (273 + temperatureC)) * 1.02;
}

/**
 * {@link atmosphericRefractionDeg} for an elevation e0 (deg) whose sine and cosine the caller holds: tan(e0 + δ),
 * δ = 10.3/(e0 + 5.11) deg, by angle addition, (sin e0 + cos e0 tan δ)/(cos e0 − sin e0 tan δ), with tan δ from its
 * Taylor series (δ ≤ 2.42° wherever refraction applies, so the terms to δ¹³ are exact to rounding). The same
 * formula, one tangent fewer per step.
 */
function refractionOfElevationDeg(
  elevationDeg: number,
  sinElevation: number,
  cosElevation: number,
  airFactor: number,
  atmosRefractDeg: number,
): number {
  if (!(elevationDeg >= -(SUN_RADIUS_DEG + atmosRefractDeg))) return 0;
  const tanDelta = tanOfSmallAngle((10.3 / (elevationDeg + 5.11)) * DEG_TO_RAD);
  return (airFactor * (cosElevation - sinElevation * tanDelta)) / (60 * (sinElevation + cosElevation * tanDelta));
}

// tan x = x + x³/3 + 2x⁵/15 + 17x⁷/315 + 62x⁹/2835 + 1382x¹¹/155925 + 21844x¹³/6081075 + …: for |x| ≤ 0.0422 rad
// the first omitted term is below 1e-19 of x.
function tanOfSmallAngle(x: number): number {
  const x2 = x * x;
  return x * (1 + x2 * (1 / 3 + x2 * (2 / 15 + x2 * (17 / 315 + x2 * (62 / 2835 + x2 * (1382 / 155925 + x2 * (21844 / 6081075)))))));
}

/** What the SPA needs of a site that does not change with time. */
interface SiteGeometry {
  sinLatitude: number;
  cosLatitude: number;
  sinLongitude: number;
  cosLongitude: number;
  /** x = ρ cos φ′ (Earth radii), eq. 34–35. */
  xTerm: number;
  /** y = ρ sin φ′ (Earth radii), eq. 34, 36. */
  yTerm: number;
}

function siteGeometry(latitudeDeg: number, longitudeDeg: number, altitudeM: number): SiteGeometry {
  const latRad = latitudeDeg * DEG_TO_RAD;
  const uRad = Math.atan(EARTH_AXIS_RATIO * Math.tan(latRad));
  const altitudeInRadii = altitudeM / EARTH_EQUATORIAL_RADIUS_M;
  const sinLatitude = Math.sin(latRad);
  const cosLatitude = Math.cos(latRad);
  return {
    sinLatitude,
    cosLatitude,
    sinLongitude: Math.sin(longitudeDeg * DEG_TO_RAD),
    cosLongitude: Math.cos(longitudeDeg * DEG_TO_RAD),
    xTerm: Math.cos(uRad) + altitudeInRadii * cosLatitude,
    yTerm: EARTH_AXIS_RATIO * Math.sin(uRad) + altitudeInRadii * sinLatitude,
  };
}

// Output of the site kernel. Besides the results it keeps the vectors the parallax angles come from, so that
// `spaTopocentricTerms` can report Δα and δ′ in degrees without the hot path computing them.
interface TopocentricScratch {
  /** Numerator and denominator of tan Δα (eq. 37) and numerator of tan δ′ (eq. 39); the denominators are equal. */
  parallaxNumerator: number;
  parallaxDenominator: number;
  declinationNumerator: number;
  elevationDeg: number;
  refractionCorrectionDeg: number;
  azimuthDeg: number;
  /** sin e0 (clamped to [−1, 1]) and the (y, x) arguments of the azimuth's atan2, for the sun's direction without trigonometry. */
  sinElevation: number;
  /** cos e0: the norm of the sun vector's horizontal part. */
  cosElevation: number;
  azimuthY: number;
  azimuthX: number;
}

// The one site kernel: every public site function goes through it, so single calls and batches agree bit for bit.
// SPA eq. 32–46 with H = ν + σ − α from the Greenwich hour angle and the longitude by angle addition, and the
// sines and cosines of Δα, δ′ and H′ = H − Δα taken from the (numerator, denominator) vectors of eq. 37 and 39
// (the denominator cos δ − x sin ξ cos H is always positive since ξ < 0.0025°).
function topocentricInto(
  ready: SiteReadyTimeTerms,
  site: SiteGeometry,
  airFactor: number,
  atmosRefractDeg: number,
  withAzimuthDeg: boolean,
  out: TopocentricScratch,
): void {
  const sinH = ready.sinGreenwichHourAngle * site.cosLongitude + ready.cosGreenwichHourAngle * site.sinLongitude;
  const cosH = ready.cosGreenwichHourAngle * site.cosLongitude - ready.sinGreenwichHourAngle * site.sinLongitude;
  const xSinXi = site.xTerm * ready.sinParallax;

  const denominator = ready.cosDeclination - xSinXi * cosH;
  const dAlphaNumerator = -xSinXi * sinH;
  const dAlphaNorm = Math.sqrt(dAlphaNumerator * dAlphaNumerator + denominator * denominator);
  const cosDAlpha = denominator / dAlphaNorm;
  const sinDAlpha = dAlphaNumerator / dAlphaNorm;

  const deltaNumerator = (ready.sinDeclination - site.yTerm * ready.sinParallax) * cosDAlpha;
  const deltaNorm = Math.sqrt(deltaNumerator * deltaNumerator + denominator * denominator);
  const sinDeltaPrime = deltaNumerator / deltaNorm;
  const cosDeltaPrime = denominator / deltaNorm;

  const cosHPrime = cosH * cosDAlpha + sinH * sinDAlpha;
  const sinHPrime = sinH * cosDAlpha - cosH * sinDAlpha;

  // Rounding can push |sin e0| a hair past 1 with the sun exactly at the zenith or nadir.
  const sinE0 = Math.min(1, Math.max(-1, site.sinLatitude * sinDeltaPrime + site.cosLatitude * cosDeltaPrime * cosHPrime));
  const e0Deg = Math.asin(sinE0) * RAD_TO_DEG;
  // Eq. 45 multiplied through by cos δ′ > 0, which leaves atan2 unchanged and avoids tan δ′. (x, y) of Γ are the
  // southward and westward components of the unit sun vector, so their norm is cos e0.
  const azimuthY = sinHPrime * cosDeltaPrime;
  const azimuthX = cosHPrime * site.sinLatitude * cosDeltaPrime - sinDeltaPrime * site.cosLatitude;
  const cosE0 = Math.sqrt(azimuthY * azimuthY + azimuthX * azimuthX);
  const dEDeg = refractionOfElevationDeg(e0Deg, sinE0, cosE0, airFactor, atmosRefractDeg);
  // Eq. 46: Φ = Γ + 180°, in [0, 360).
  const phiDeg = withAzimuthDeg ? Math.atan2(azimuthY, azimuthX) * RAD_TO_DEG + 180 : Number.NaN;

  out.parallaxNumerator = dAlphaNumerator;
  out.parallaxDenominator = denominator;
  out.declinationNumerator = deltaNumerator;
  out.elevationDeg = e0Deg;
  out.refractionCorrectionDeg = dEDeg;
  out.azimuthDeg = phiDeg >= 360 ? phiDeg - 360 : phiDeg;
  out.sinElevation = sinE0;
  out.cosElevation = cosE0;
  out.azimuthY = azimuthY;
  out.azimuthX = azimuthX;
}

function createTopocentricScratch(): TopocentricScratch {
  return {
    parallaxNumerator: Number.NaN,
    parallaxDenominator: Number.NaN,
    declinationNumerator: Number.NaN,
    elevationDeg: Number.NaN,
    refractionCorrectionDeg: Number.NaN,
    azimuthDeg: Number.NaN,
    sinElevation: Number.NaN,
    cosElevation: Number.NaN,
    azimuthY: Number.NaN,
    azimuthX: Number.NaN,
  };
}

function checkLatitude(fn: string, latitudeDeg: number): void {
  if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
    throw new Error(`${fn}: latitude must be within [-90, 90] degrees, got ${latitudeDeg}`);
  }
}

function runKernel(
  fn: string,
  terms: SpaTimeTerms,
  latitudeDeg: number,
  longitudeDeg: number,
  altitudeM: number,
  pressurePa: number,
  temperatureC: number,
  atmosRefractDeg: number,
): TopocentricScratch {
  checkLatitude(fn, latitudeDeg);
  const ready = createSiteReady();
  siteReadyInto(
    terms.apparentSiderealTimeDeg,
    terms.geocentricRightAscensionDeg,
    terms.geocentricDeclinationDeg,
    terms.earthRadiusVectorAu,
    ready,
  );
  const out = createTopocentricScratch();
  topocentricInto(ready, siteGeometry(latitudeDeg, longitudeDeg, altitudeM), refractionScale(pressurePa, temperatureC), atmosRefractDeg, true, out);
  return out;
}

/** SPA topocentric (site) quantities for one instant and site, §3.9–3.15. */
export interface SpaTopocentricTerms {
  /** Observer local hour angle H (deg, [0, 360), westward from south), eq. 32. */
  readonly localHourAngleDeg: number;
  /** Equatorial horizontal parallax of the sun ξ (deg), eq. 33. */
  readonly equatorialHorizontalParallaxDeg: number;
  /** Parallax in the sun right ascension Δα (deg), eq. 37. */
  readonly parallaxRightAscensionDeg: number;
  /** Topocentric sun right ascension α′ (deg), eq. 38. */
  readonly topocentricRightAscensionDeg: number;
  /** Topocentric sun declination δ′ (deg), eq. 39. */
  readonly topocentricDeclinationDeg: number;
  /** Topocentric local hour angle H′ (deg), eq. 40. */
  readonly topocentricLocalHourAngleDeg: number;
  /** Topocentric elevation without refraction e0 (deg), eq. 41. */
  readonly elevationDeg: number;
  /** Refraction correction Δe (deg), eq. 42 (0 when the sun is below the refracted horizon). */
  readonly refractionCorrectionDeg: number;
  /** Topocentric elevation with refraction e = e0 + Δe (deg), eq. 43. */
  readonly apparentElevationDeg: number;
  /** Topocentric zenith without refraction 90° − e0 (deg). */
  readonly zenithDeg: number;
  /** Topocentric zenith with refraction 90° − e (deg), eq. 44. */
  readonly apparentZenithDeg: number;
  /** Topocentric azimuth Φ (deg, clockwise from north, [0, 360)), eq. 45–46. */
  readonly azimuthDeg: number;
}

/**
 * SPA topocentric terms (hour angle, parallax, topocentric α′/δ′/H′, e0, refraction, zenith, azimuth) for a site:
 * latitude/longitude (deg, east positive), altitude (m), pressure (Pa), temperature (°C), atmospheric refraction at
 * the horizon (deg); Reda & Andreas 2004, eq. 32–46. Meant for inspection and tests; hot paths use the batch.
 */
export function spaTopocentricTerms(
  terms: SpaTimeTerms,
  latitudeDeg: number,
  longitudeDeg: number,
  altitudeM: number,
  pressurePa: number,
  temperatureC: number,
  atmosRefractDeg: number = DEFAULT_ATMOS_REFRACT_DEG,
): SpaTopocentricTerms {
  const k = runKernel('spaTopocentricTerms', terms, latitudeDeg, longitudeDeg, altitudeM, pressurePa, temperatureC, atmosRefractDeg);
  const hourAngleDeg = wrapDeg(terms.apparentSiderealTimeDeg + longitudeDeg - terms.geocentricRightAscensionDeg);
  const dAlphaDeg = Math.atan2(k.parallaxNumerator, k.parallaxDenominator) * RAD_TO_DEG;
  const apparentElevationDeg = k.elevationDeg + k.refractionCorrectionDeg;
  return {
    localHourAngleDeg: hourAngleDeg,
    equatorialHorizontalParallaxDeg: SOLAR_PARALLAX_ARCSEC / (ARCSEC_PER_DEG * terms.earthRadiusVectorAu),
    parallaxRightAscensionDeg: dAlphaDeg,
    topocentricRightAscensionDeg: terms.geocentricRightAscensionDeg + dAlphaDeg,
    topocentricDeclinationDeg: Math.atan2(k.declinationNumerator, k.parallaxDenominator) * RAD_TO_DEG,
    topocentricLocalHourAngleDeg: hourAngleDeg - dAlphaDeg,
    elevationDeg: k.elevationDeg,
    refractionCorrectionDeg: k.refractionCorrectionDeg,
    apparentElevationDeg,
    zenithDeg: 90 - k.elevationDeg,
    apparentZenithDeg: 90 - apparentElevationDeg,
    azimuthDeg: k.azimuthDeg,
  };
}

/** Sun position seen from a site: angles in degrees, azimuth clockwise from north in [0, 360), equation of time in minutes. */
export interface SolarPosition {
  /** Topocentric zenith without refraction (deg). */
  readonly zenithDeg: number;
  /** Topocentric zenith with refraction (deg); use it for air mass and clear-sky models. */
  readonly apparentZenithDeg: number;
  /** Azimuth (deg, clockwise from north, [0, 360)). */
  readonly azimuthDeg: number;
  /** Topocentric elevation without refraction (deg). */
  readonly elevationDeg: number;
  /** Topocentric elevation with refraction (deg). */
  readonly apparentElevationDeg: number;
  /** Equation of time (min): apparent minus mean solar time. */
  readonly equationOfTimeMin: number;
}

/**
 * Solar position at a site from precomputed SPA time terms: latitude/longitude (deg, east positive), altitude (m),
 * pressure (Pa), air temperature (°C), horizon refraction (deg, default 0.5667); Reda & Andreas 2004 (NREL SPA).
 */
export function solarPositionFromTimeTerms(
  terms: SpaTimeTerms,
  latitudeDeg: number,
  longitudeDeg: number,
  altitudeM: number,
  pressurePa: number,
  temperatureC: number,
  atmosRefractDeg: number = DEFAULT_ATMOS_REFRACT_DEG,
): SolarPosition {
  const k = runKernel('solarPositionFromTimeTerms', terms, latitudeDeg, longitudeDeg, altitudeM, pressurePa, temperatureC, atmosRefractDeg);
  const apparentElevationDeg = k.elevationDeg + k.refractionCorrectionDeg;
  return {
    zenithDeg: 90 - k.elevationDeg,
    apparentZenithDeg: 90 - apparentElevationDeg,
    azimuthDeg: k.azimuthDeg,
    elevationDeg: k.elevationDeg,
    apparentElevationDeg,
    equationOfTimeMin: terms.equationOfTimeMin,
  };
}

/** Inputs of `solarPosition`; optional ones default as documented on each field. */
export interface SolarPositionInput {
  /** Instant (s since 1970-01-01T00:00:00Z). */
  readonly unixTimeS: number;
  /** Geographic latitude (deg, north positive, [-90, 90]). */
  readonly latitudeDeg: number;
  /** Geographic longitude (deg, east positive). */
  readonly longitudeDeg: number;
  /** Altitude above sea level (m); default 0. */
  readonly altitudeM?: number;
  /** Mean air pressure (Pa); default: the standard-atmosphere pressure at `altitudeM` (`pressureFromAltitudePa`). */
  readonly pressurePa?: number;
  /** Mean air temperature (°C); default 12 °C as pvlib. */
  readonly temperatureC?: number;
  /** ΔT = TT − UT1 (s); default 67 s as pvlib. */
  readonly deltaTS?: number;
  /** Refraction at the horizon (deg); default 0.5667. */
  readonly atmosRefractDeg?: number;
}

/**
 * Solar position (zenith, apparent zenith, azimuth, elevations in deg; equation of time in min) at one instant and
 * site by the NREL SPA, Reda & Andreas, Solar Energy 76 (2004) 577–589, NREL/TP-560-34302.
 * @example solarPosition({ unixTimeS: 1066419030, latitudeDeg: 39.742476, longitudeDeg: -105.1786, altitudeM: 1830.14,
 *   pressurePa: 82000, temperatureC: 11, deltaTS: 67 }).apparentZenithDeg // 50.11162
 */
export function solarPosition(input: SolarPositionInput): SolarPosition {
  const altitudeM = input.altitudeM ?? 0;
  return solarPositionFromTimeTerms(
    spaTimeTerms(input.unixTimeS, input.deltaTS ?? DEFAULT_DELTA_T_S),
    input.latitudeDeg,
    input.longitudeDeg,
    altitudeM,
    input.pressurePa ?? pressureFromAltitudePa(altitudeM),
    input.temperatureC ?? DEFAULT_TEMPERATURE_C,
    input.atmosRefractDeg ?? DEFAULT_ATMOS_REFRACT_DEG,
  );
}

/** A site for `solarPositionBatch`; pressure and temperature may be one value or one per timestamp. */
export interface SolarPositionSite {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** Altitude above sea level (m); default 0. */
  readonly altitudeM?: number;
  /** Air pressure (Pa), constant or per timestamp; default: standard atmosphere at `altitudeM`. */
  readonly pressurePa?: number | Float64Array;
  /** Air temperature (°C), constant or per timestamp; default 12 °C. */
  readonly temperatureC?: number | Float64Array;
  /** Refraction at the horizon (deg); default 0.5667. */
  readonly atmosRefractDeg?: number;
}

/** Output arrays of `solarPositionBatch` (one entry per timestamp); the equation of time is in the time terms. */
export interface SolarPositionBatchOut {
  readonly zenithDeg: Float64Array;
  readonly apparentZenithDeg: Float64Array;
  readonly azimuthDeg: Float64Array;
  readonly elevationDeg: Float64Array;
  readonly apparentElevationDeg: Float64Array;
  /**
   * The sun's direction as cosines and sines of the apparent zenith and of the azimuth (dimensionless), filled when
   * present: taken from the vectors the angles come from, so a caller needs no trigonometric call (see
   * {@link createSolarPositionBatchOut}).
   */
  readonly direction?: SolarDirectionBatch;
}

/** cos/sin of the apparent zenith and of the azimuth per timestamp. */
export interface SolarDirectionBatch {
  readonly cosApparentZenith: Float64Array;
  readonly sinApparentZenith: Float64Array;
  readonly cosAzimuth: Float64Array;
  readonly sinAzimuth: Float64Array;
}

/**
 * Allocates the output arrays for `solarPositionBatch` with `length` timestamps (allocate once, reuse per site);
 * with `withDirection`, also the sun's direction as sines and cosines.
 */
export function createSolarPositionBatchOut(length: number, withDirection = false): SolarPositionBatchOut {
  return {
    zenithDeg: new Float64Array(length),
    apparentZenithDeg: new Float64Array(length),
    azimuthDeg: new Float64Array(length),
    elevationDeg: new Float64Array(length),
    apparentElevationDeg: new Float64Array(length),
    ...(withDirection
      ? {
          direction: {
            cosApparentZenith: new Float64Array(length),
            sinApparentZenith: new Float64Array(length),
            cosAzimuth: new Float64Array(length),
            sinAzimuth: new Float64Array(length),
          },
        }
      : {}),
  };
}

// Refraction Δe is below 0.02 rad, so its sine and cosine to the x⁷ and x⁸ terms are exact to rounding (the next terms
// are below 1e-19); the Taylor coefficients 1/3!, 1/5!, … are multiplied rather than divided by, as divisions are slow.
function sinOfSmallAngle(x: number): number {
  const x2 = x * x;
  return x * (1 - x2 * (1 / 6 - x2 * (1 / 120 - x2 * (1 / 5040))));
}
function cosOfSmallAngle(x: number): number {
  const x2 = x * x;
  return 1 - x2 * (1 / 2 - x2 * (1 / 24 - x2 * (1 / 720 - x2 * (1 / 40320))));
}

function checkPerStep(fn: string, name: string, value: number | Float64Array, length: number): void {
  if (typeof value !== 'number' && value.length !== length) {
    throw new Error(`${fn}: ${name} has ${value.length} values for ${length} timestamps`);
  }
}

/** Marks timestamp i of a batch output as not computed (a `needed` mask skipped it): every angle and direction NaN. */
export function markPositionSkipped(out: SolarPositionBatchOut, i: number): void {
  out.zenithDeg[i] = Number.NaN;
  out.apparentZenithDeg[i] = Number.NaN;
  out.azimuthDeg[i] = Number.NaN;
  out.elevationDeg[i] = Number.NaN;
  out.apparentElevationDeg[i] = Number.NaN;
  const direction = out.direction;
  if (direction === undefined) return;
  direction.cosApparentZenith[i] = Number.NaN;
  direction.sinApparentZenith[i] = Number.NaN;
  direction.cosAzimuth[i] = Number.NaN;
  direction.sinAzimuth[i] = Number.NaN;
}

/** The sun at one step, angles in degrees, with its direction as the cosines and sines of the apparent zenith and azimuth. */
export interface SolarPositionStep extends SunDirection {
  zenithDeg: number;
  elevationDeg: number;
  apparentElevationDeg: number;
}

/**
 * A {@link SolarPositionStep} to reuse as the `out` argument of {@link solarPositionStepInto}, not yet written (NaN).
 * Every field starts as a double, so V8 keeps them unboxed when steps are written into it.
 */
export function createSolarPositionStep(): SolarPositionStep {
  const unset = Number.NaN;
  return {
    apparentZenithDeg: unset,
    azimuthDeg: unset,
    cosZenith: unset,
    sinZenith: unset,
    cosAzimuth: unset,
    sinAzimuth: unset,
    zenithDeg: unset,
    elevationDeg: unset,
    apparentElevationDeg: unset,
  };
}

/** A site made ready for {@link solarPositionStepInto}: its fixed geometry and the kernel's scratch. */
export interface SolarPositionStepper {
  readonly geometry: SiteGeometry;
  readonly atmosRefractDeg: number;
  readonly withAzimuthDeg: boolean;
  readonly ready: SiteReadyTimeTerms;
  readonly kernel: TopocentricScratch;
}

/**
 * Prepares a site (latitude, longitude in deg, altitude in m, horizon refraction in deg) for step-by-step solar
 * positions; `withAzimuthDeg` false leaves the azimuth angle NaN (its direction is still given).
 */
export function createSolarPositionStepper(site: SolarPositionSite, withAzimuthDeg = true): SolarPositionStepper {
  checkLatitude('createSolarPositionStepper', site.latitudeDeg);
  return {
    geometry: siteGeometry(site.latitudeDeg, site.longitudeDeg, site.altitudeM ?? 0),
    atmosRefractDeg: site.atmosRefractDeg ?? DEFAULT_ATMOS_REFRACT_DEG,
    withAzimuthDeg,
    ready: createSiteReady(),
    kernel: createTopocentricScratch(),
  };
}

/**
 * The sun at step i of `terms` for a prepared site, with the step's {@link refractionScale} of pressure and air
 * temperature, written to `out`: what {@link solarPositionBatch} stores for that step, for a caller that uses each
 * step as it comes (the yield chain). The apparent direction comes from the vectors the angles come from: apparent elevation e = e0 + Δe by angle
 * addition, and azimuth Φ = Γ + 180° flips the (x, y) of Γ. NREL SPA site part, Reda & Andreas 2004, eq. 32–46.
 */
export function solarPositionStepInto(
  terms: SpaTimeTermsBatch,
  i: number,
  stepper: SolarPositionStepper,
  airFactor: number,
  out: SolarPositionStep,
): void {
  const ready = stepper.ready;
  ready.cosGreenwichHourAngle = terms.siteCosGreenwichHourAngle[i];
  ready.sinGreenwichHourAngle = terms.siteSinGreenwichHourAngle[i];
  ready.sinDeclination = terms.siteSinDeclination[i];
  ready.cosDeclination = terms.siteCosDeclination[i];
  ready.sinParallax = terms.siteSinParallax[i];
  const k = stepper.kernel;
  topocentricInto(ready, stepper.geometry, airFactor, stepper.atmosRefractDeg, stepper.withAzimuthDeg, k);
  const apparentElevationDeg = k.elevationDeg + k.refractionCorrectionDeg;
  out.zenithDeg = 90 - k.elevationDeg;
  out.apparentZenithDeg = 90 - apparentElevationDeg;
  out.azimuthDeg = k.azimuthDeg;
  out.elevationDeg = k.elevationDeg;
  out.apparentElevationDeg = apparentElevationDeg;
  const cosE0 = k.cosElevation;
  const refractionRad = k.refractionCorrectionDeg * DEG_TO_RAD;
  const cosRefraction = cosOfSmallAngle(refractionRad);
  const sinRefraction = sinOfSmallAngle(refractionRad);
  out.cosZenith = k.sinElevation * cosRefraction + cosE0 * sinRefraction;
  out.sinZenith = cosE0 * cosRefraction - k.sinElevation * sinRefraction;
  out.cosAzimuth = cosE0 > 0 ? -k.azimuthX / cosE0 : -1;
  out.sinAzimuth = cosE0 > 0 ? -k.azimuthY / cosE0 : 0;
}

/**
 * Solar position for every timestamp of `terms` at one site, written into `out` (deg; azimuth clockwise from
 * north) with no allocation per step; identical, bit for bit, to `solarPositionFromTimeTerms` on the same time
 * terms. With `needed`, timestamps with needed[i] = 0 are skipped and hold NaN. With `withAzimuthDeg` false, a caller
 * that reads the azimuth only from `out.direction` saves the angle's arctangent: `out.azimuthDeg` then holds NaN.
 * NREL SPA site part, Reda & Andreas 2004, eq. 32–46.
 */
export function solarPositionBatch(
  terms: SpaTimeTermsBatch,
  site: SolarPositionSite,
  out: SolarPositionBatchOut = createSolarPositionBatchOut(terms.length),
  needed?: Uint8Array,
  withAzimuthDeg = true,
): SolarPositionBatchOut {
  const fn = 'solarPositionBatch';
  checkLatitude(fn, site.latitudeDeg);
  const n = terms.length;
  if (needed !== undefined && needed.length !== n) throw new Error(`${fn}: needed has ${needed.length} entries for ${n} timestamps`);
  const { direction, ...angles } = out;
  for (const [name, array] of Object.entries({ ...angles, ...direction }) as [string, Float64Array][]) {
    if (array.length < n) throw new Error(`${fn}: out.${name} has ${array.length} slots for ${n} timestamps`);
  }
  const altitudeM = site.altitudeM ?? 0;
  const pressure = site.pressurePa ?? pressureFromAltitudePa(altitudeM);
  const temperature = site.temperatureC ?? DEFAULT_TEMPERATURE_C;
  checkPerStep(fn, 'pressurePa', pressure, n);
  checkPerStep(fn, 'temperatureC', temperature, n);
  const stepper = createSolarPositionStepper(site, withAzimuthDeg);
  const step = createSolarPositionStep();
  for (let i = 0; i < n; i++) {
    if (needed !== undefined && needed[i] === 0) {
      markPositionSkipped(out, i);
      continue;
    }
    const airFactor = refractionScale(typeof pressure === 'number' ? pressure : pressure[i], typeof temperature === 'number' ? temperature : temperature[i]);
    solarPositionStepInto(terms, i, stepper, airFactor, step);
    out.zenithDeg[i] = step.zenithDeg;
    out.apparentZenithDeg[i] = step.apparentZenithDeg;
    out.azimuthDeg[i] = step.azimuthDeg;
    out.elevationDeg[i] = step.elevationDeg;
    out.apparentElevationDeg[i] = step.apparentElevationDeg;
    if (direction !== undefined) {
      direction.cosApparentZenith[i] = step.cosZenith;
      direction.sinApparentZenith[i] = step.sinZenith;
      direction.cosAzimuth[i] = step.cosAzimuth;
      direction.sinAzimuth[i] = step.sinAzimuth;
    }
  }
  return out;
}
