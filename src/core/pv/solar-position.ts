/**
 * Solar position by the NREL Solar Position Algorithm (SPA): I. Reda & A. Andreas, "Solar position algorithm
 * for solar radiation applications", Solar Energy 76 (2004) 577–589, doi:10.1016/j.solener.2003.12.003;
 * NREL/TP-560-34302 (rev. 2008). Uncertainty ±0.0003° for the years −2000…6000.
 *
 * The algorithm splits in two, and so does this module:
 * - the time part (`spaTimeTerms`, `computeSpaTimeTermsBatch`): Julian days, the Earth's heliocentric position,
 *   nutation, obliquity, aberration, sidereal time and the sun's geocentric right ascension and declination —
 *   it depends only on the instant and ΔT, so a batch computes it once per timestamp and shares it among sites;
 * - the site part (`solarPositionFromTimeTerms`, `solarPositionBatch`): hour angle, parallax, topocentric
 *   coordinates, refraction and azimuth.
 *
 * Conventions follow pvlib-python's `spa_python` (numpy mode), and results agree with it to ~1e-12°: refraction
 * is added only while the unrefracted elevation e0 ≥ −(0.26667° + atmos_refract), with pressure in millibar inside
 * the formula (our API takes pascals); the equation of time is wrapped as pvlib does.
 *
 * For speed some equations are evaluated through exact identities instead of one library call per angle: the
 * 63 nutation terms take their sines and cosines from products of those of the five fundamental arguments, and
 * the site part takes the sines and cosines of the parallax-corrected angles from the vectors they come from
 * rather than through atan2 and back. Each agrees with the direct evaluation to a few units in the last place.
 * A batch of evenly spaced timestamps goes further: it advances the ~260 periodic terms from one timestamp to the
 * next by angle-addition recurrences (see `earthSeriesSumsByRecurrence`) instead of evaluating them, and can hand its
 * callers the sun's direction as sines and cosines; single calls still evaluate every term.
 */

import { PA_PER_HPA, pressureFromAltitudePa } from './atmosphere.ts';
import { julianDayFromUnixTime, SECONDS_PER_DAY } from '../time.ts';

/** ΔT = TT − UT1 (s) used when none is given: pvlib's `spa_python` default (the SPA paper's 2003 example uses 67 s too). */
export const DEFAULT_DELTA_T_S = 67;
/** Refraction of the sun's centre at sunrise/sunset (deg), SPA's default `atmos_refract`. */
export const DEFAULT_ATMOS_REFRACT_DEG = 0.5667;
/** Air temperature (°C) used for refraction when none is given: pvlib's `spa_python` default (annual mean). */
export const DEFAULT_TEMPERATURE_C = 12;
/** Apparent radius of the sun's disc (deg), as in NREL's spa.c and pvlib: refraction applies while the upper limb is above the refracted horizon. */
export const SUN_RADIUS_DEG = 0.26667;

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;
const ARCSEC_PER_DEG = 3600;
const MINUTES_PER_DEG_OF_ROTATION = 4;
const MINUTES_PER_DAY = 1440;
const JULIAN_DAY_J2000 = 2_451_545;
const DAYS_PER_JULIAN_CENTURY = 36_525;
const CENTURIES_PER_MILLENNIUM = 10;
// Periodic-term amplitudes are in units of 1e-8 rad (1e-8 AU for the radius vector).
const PERIODIC_TERM_SCALE = 1e8;
// Nutation coefficients are in 0.0001″: 1° = 3600″ = 36,000,000 × 0.0001″.
const NUTATION_UNITS_PER_DEG = 36_000_000;
/** Earth's equatorial radius (m) in SPA eq. 35–36. */
const EARTH_EQUATORIAL_RADIUS_M = 6_378_140;
/** Ratio of polar to equatorial Earth radius (1 − flattening) in SPA eq. 34–36. */
const EARTH_AXIS_RATIO = 0.99664719;
/** Sun's equatorial horizontal parallax at 1 AU (arcsec), SPA eq. 33. */
const SOLAR_PARALLAX_ARCSEC = 8.794;
/** Constant of aberration (arcsec at 1 AU), SPA eq. 26. */
const ABERRATION_ARCSEC = 20.4898;

/** Floor modulo into [0, 360] exactly as Python's `%` (so a tiny negative angle wraps to 360, as in pvlib). */
function wrapDeg(angleDeg: number): number {
  const r = angleDeg % 360;
  return r < 0 ? r + 360 : r;
}

// ---------------------------------------------------------------------------------------------------------------
// Time part

/** Everything in the SPA that depends only on the instant and ΔT (Reda & Andreas 2004, §3.1–3.8 and A.1). */
export interface SpaTimeTerms {
  /** Julian day (days, UT), eq. 4. */
  readonly julianDay: number;
  /** Julian ephemeris day (days, TT), eq. 5. */
  readonly julianEphemerisDay: number;
  /** Julian century (UT), eq. 6. */
  readonly julianCentury: number;
  /** Julian ephemeris century (TT), eq. 7. */
  readonly julianEphemerisCentury: number;
  /** Julian ephemeris millennium (TT), eq. 8. */
  readonly julianEphemerisMillennium: number;
  /** Earth heliocentric longitude L (deg, [0, 360)), eq. 9–12. */
  readonly heliocentricLongitudeDeg: number;
  /** Earth heliocentric latitude B (deg), eq. 9–12 with B0, B1. */
  readonly heliocentricLatitudeDeg: number;
  /** Earth–sun distance R (AU), eq. 9–11 with R0…R4. */
  readonly earthRadiusVectorAu: number;
  /** Geocentric longitude Θ (deg), eq. 13. */
  readonly geocentricLongitudeDeg: number;
  /** Geocentric latitude β (deg), eq. 14. */
  readonly geocentricLatitudeDeg: number;
  /** Nutation in longitude Δψ (deg), eq. 20 and 22. */
  readonly nutationLongitudeDeg: number;
  /** Nutation in obliquity Δε (deg), eq. 21 and 23. */
  readonly nutationObliquityDeg: number;
  /** Mean obliquity of the ecliptic ε0 (arcsec), eq. 24. */
  readonly meanObliquityArcsec: number;
  /** True obliquity of the ecliptic ε (deg), eq. 25. */
  readonly trueObliquityDeg: number;
  /** Aberration correction Δτ (deg), eq. 26. */
  readonly aberrationCorrectionDeg: number;
  /** Apparent sun longitude λ (deg), eq. 27. */
  readonly apparentSunLongitudeDeg: number;
  /** Mean sidereal time at Greenwich ν0 (deg, [0, 360)), eq. 28. */
  readonly meanSiderealTimeDeg: number;
  /** Apparent sidereal time at Greenwich ν (deg), eq. 29. */
  readonly apparentSiderealTimeDeg: number;
  /** Geocentric sun right ascension α (deg, [0, 360)), eq. 30. */
  readonly geocentricRightAscensionDeg: number;
  /** Geocentric sun declination δ (deg), eq. 31. */
  readonly geocentricDeclinationDeg: number;
  /** Equation of time (min), SPA appendix A.1 eq. A1–A2, wrapped into (−20, 20] min as pvlib does. */
  readonly equationOfTimeMin: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Σ A·cos(B + C·JME) for each Earth periodic-term table (SPA eq. 9–10), in the order of EARTH_SERIES. The sums go
// to a module-level scratch rather than being returned: V8 boxes a double returned from a call it does not inline,
// which would allocate 13 heap numbers per timestamp. Nothing here is re-entrant or async.
const earthSeriesSums = new Float64Array(13);

function fillEarthSeriesSums(jme: number): void {
  for (let k = 0; k < EARTH_SERIES.length; k++) {
    const table = EARTH_SERIES[k]!;
    let sum = 0;
    for (let i = 0; i < table.length; i += EARTH_ROW_LENGTH) {
      sum += table[i] * Math.cos(table[i + 1] + table[i + 2] * jme);
    }
    earthSeriesSums[k] = sum;
  }
}

// Scratch for the nutation: cos and sin of m·Xj for the five arguments j and multiples m = −3…3, stored at
// j·7 + m + 3. Module-level so the per-timestamp path allocates nothing; nothing here is re-entrant or async.
const NUTATION_MULTIPLES = 7;
const nutationCos = new Float64Array(5 * NUTATION_MULTIPLES);
const nutationSin = new Float64Array(5 * NUTATION_MULTIPLES);

// The five nutation arguments X0…X4 (deg) of the current timestamp, and the cos/sin of 0…±3 times each of them by
// the double- and triple-angle formulas (10 library calls instead of 126 for the 63 rows).
const nutationArgumentsDeg = new Float64Array(5);

function fillArgumentMultiples(): void {
  for (let j = 0; j < 5; j++) {
    const c1 = Math.cos(nutationArgumentsDeg[j] * DEG_TO_RAD);
    const s1 = Math.sin(nutationArgumentsDeg[j] * DEG_TO_RAD);
    const c2 = 2 * c1 * c1 - 1;
    const s2 = 2 * s1 * c1;
    const c3 = c2 * c1 - s2 * s1;
    const s3 = s2 * c1 + c2 * s1;
    const base = j * NUTATION_MULTIPLES + 3;
    nutationCos[base] = 1;
    nutationSin[base] = 0;
    nutationCos[base + 1] = c1;
    nutationSin[base + 1] = s1;
    nutationCos[base + 2] = c2;
    nutationSin[base + 2] = s2;
    nutationCos[base + 3] = c3;
    nutationSin[base + 3] = s3;
    nutationCos[base - 1] = c1;
    nutationSin[base - 1] = -s1;
    nutationCos[base - 2] = c2;
    nutationSin[base - 2] = -s2;
    nutationCos[base - 3] = c3;
    nutationSin[base - 3] = -s3;
  }
}

function createTimeTermsTarget(): Mutable<SpaTimeTerms> {
  return {
    julianDay: 0,
    julianEphemerisDay: 0,
    julianCentury: 0,
    julianEphemerisCentury: 0,
    julianEphemerisMillennium: 0,
    heliocentricLongitudeDeg: 0,
    heliocentricLatitudeDeg: 0,
    earthRadiusVectorAu: 0,
    geocentricLongitudeDeg: 0,
    geocentricLatitudeDeg: 0,
    nutationLongitudeDeg: 0,
    nutationObliquityDeg: 0,
    meanObliquityArcsec: 0,
    trueObliquityDeg: 0,
    aberrationCorrectionDeg: 0,
    apparentSunLongitudeDeg: 0,
    meanSiderealTimeDeg: 0,
    apparentSiderealTimeDeg: 0,
    geocentricRightAscensionDeg: 0,
    geocentricDeclinationDeg: 0,
    equationOfTimeMin: 0,
  };
}

// The Julian-day family of the current instant (SPA eq. 4–8): JD, JDE, JC, JCE, JME, in that order. A scratch
// so that single calls and batches compute them with the very same operations.
const julianScratch = new Float64Array(5);
const JD = 0;
const JDE = 1;
const JC = 2;
const JCE = 3;
const JME = 4;

function fillJulianScratch(unixTimeS: number, deltaTS: number): void {
  const jd = julianDayFromUnixTime(unixTimeS);
  const jde = jd + deltaTS / SECONDS_PER_DAY;
  const jce = (jde - JULIAN_DAY_J2000) / DAYS_PER_JULIAN_CENTURY;
  julianScratch[JD] = jd;
  julianScratch[JDE] = jde;
  julianScratch[JC] = (jd - JULIAN_DAY_J2000) / DAYS_PER_JULIAN_CENTURY;
  julianScratch[JCE] = jce;
  julianScratch[JME] = jce / CENTURIES_PER_MILLENNIUM;
}

// Σ (a + b·JCE)·sin(Σ Yj·Xj) and Σ (c + d·JCE)·cos(Σ Yj·Xj) over the 63 nutation rows (SPA eq. 22–23), in units of
// 0.0001″; module-level for the same reason as `earthSeriesSums`.
const nutationSums = new Float64Array(2);

/** The five nutation arguments X0…X4 (deg) at a Julian ephemeris century, SPA eq. 15–19, into `out` at `offset`. */
function nutationArgumentsInto(jce: number, out: Float64Array, offset: number): void {
  const jce2 = jce * jce;
  const jce3 = jce2 * jce;
  out[offset] = 297.85036 + 445267.11148 * jce - 0.0019142 * jce2 + jce3 / 189474;
  out[offset + 1] = 357.52772 + 35999.05034 * jce - 0.0001603 * jce2 - jce3 / 300000;
  out[offset + 2] = 134.96298 + 477198.867398 * jce + 0.0086972 * jce2 + jce3 / 56250;
  out[offset + 3] = 93.27191 + 483202.017538 * jce - 0.0036825 * jce2 + jce3 / 327270;
  out[offset + 4] = 125.04452 - 1934.136261 * jce + 0.0020708 * jce2 + jce3 / 450000;
}

function fillNutationSums(jce: number): void {
  nutationArgumentsInto(jce, nutationArgumentsDeg, 0);
  fillArgumentMultiples();
  // cos and sin of Σ Yj·Xj as the product of the unit complex numbers exp(i·Yj·Xj).
  let dPsiSum = 0;
  let dEpsSum = 0;
  for (let i = 0; i < NUTATION_TERMS.length; i += NUTATION_ROW_LENGTH) {
    let cosArg = 1;
    let sinArg = 0;
    for (let j = 0; j < 5; j++) {
      const k = j * NUTATION_MULTIPLES + 3 + NUTATION_TERMS[i + j];
      const c = nutationCos[k];
      const s = nutationSin[k];
      const nextCos = cosArg * c - sinArg * s;
      sinArg = sinArg * c + cosArg * s;
      cosArg = nextCos;
    }
    dPsiSum += (NUTATION_TERMS[i + 5] + NUTATION_TERMS[i + 6] * jce) * sinArg;
    dEpsSum += (NUTATION_TERMS[i + 7] + NUTATION_TERMS[i + 8] * jce) * cosArg;
  }
  nutationSums[0] = dPsiSum;
  nutationSums[1] = dEpsSum;
}

// Fills `t` in place so batches reuse one object instead of allocating per timestamp.
function fillTimeTerms(unixTimeS: number, deltaTS: number, t: Mutable<SpaTimeTerms>): void {
  fillJulianScratch(unixTimeS, deltaTS);
  fillEarthSeriesSums(julianScratch[JME]);
  fillNutationSums(julianScratch[JCE]);
  finishTimeTerms(t);
}

// Everything after the periodic-term sums, from `julianScratch`, `earthSeriesSums` and `nutationSums`.
function finishTimeTerms(t: Mutable<SpaTimeTerms>): void {
  const jd = julianScratch[JD];
  const jc = julianScratch[JC];
  const jce = julianScratch[JCE];
  const jme = julianScratch[JME];
  const jme2 = jme * jme;
  const jme3 = jme2 * jme;
  const jme4 = jme3 * jme;
  const jme5 = jme4 * jme;

  // Earth heliocentric position, eq. 9–12.
  const e = earthSeriesSums;
  const lRad = (e[0] + e[1] * jme + e[2] * jme2 + e[3] * jme3 + e[4] * jme4 + e[5] * jme5) / PERIODIC_TERM_SCALE;
  const bRad = (e[6] + e[7] * jme) / PERIODIC_TERM_SCALE;
  const radiusAu = (e[8] + e[9] * jme + e[10] * jme2 + e[11] * jme3 + e[12] * jme4) / PERIODIC_TERM_SCALE;
  const lDeg = wrapDeg(lRad * RAD_TO_DEG);
  const bDeg = bRad * RAD_TO_DEG;

  // Geocentric position, eq. 13–14.
  const thetaDeg = wrapDeg(lDeg + 180);
  const betaDeg = -bDeg;

  // Nutation in longitude and obliquity, eq. 20–23.
  const dPsiDeg = nutationSums[0] / NUTATION_UNITS_PER_DEG;
  const dEpsDeg = nutationSums[1] / NUTATION_UNITS_PER_DEG;

  // Obliquity of the ecliptic, eq. 24–25 (U = JME/10, Laskar's polynomial in arcsec).
  const u = jme / 10;
  const eps0Arcsec =
    84381.448 +
    u *
      (-4680.93 +
        u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67 + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const epsDeg = eps0Arcsec / ARCSEC_PER_DEG + dEpsDeg;

  // Aberration and apparent sun longitude, eq. 26–27.
  const dTauDeg = -ABERRATION_ARCSEC / (ARCSEC_PER_DEG * radiusAu);
  const lambdaDeg = thetaDeg + dPsiDeg + dTauDeg;

  // Sidereal time at Greenwich, eq. 28–29.
  const nu0Deg = wrapDeg(
    280.46061837 + 360.98564736629 * (jd - JULIAN_DAY_J2000) + 0.000387933 * jc * jc - (jc * jc * jc) / 38710000,
  );
  const epsRad = epsDeg * DEG_TO_RAD;
  const cosEps = Math.cos(epsRad);
  const nuDeg = nu0Deg + dPsiDeg * cosEps;

  // Geocentric right ascension and declination, eq. 30–31.
  const lambdaRad = lambdaDeg * DEG_TO_RAD;
  const betaRad = betaDeg * DEG_TO_RAD;
  const sinLambda = Math.sin(lambdaRad);
  const sinEps = Math.sin(epsRad);
  const alphaDeg = wrapDeg(
    Math.atan2(sinLambda * cosEps - Math.tan(betaRad) * sinEps, Math.cos(lambdaRad)) * RAD_TO_DEG,
  );
  const deltaDeg = Math.asin(Math.sin(betaRad) * cosEps + Math.cos(betaRad) * sinEps * sinLambda) * RAD_TO_DEG;

  // Equation of time, appendix A.1: sun's mean longitude M (eq. A2), then E = M − 0.0057183° − α + Δψ cos ε (eq. A1),
  // wrapped to a day and expressed in minutes within (−20, 20] as pvlib does.
  const meanLongitudeDeg =
    280.4664567 + 360007.6982779 * jme + 0.03032028 * jme2 + jme3 / 49931 - jme4 / 15300 - jme5 / 2000000;
  let eotMin = wrapDeg(meanLongitudeDeg - 0.0057183 - alphaDeg + dPsiDeg * cosEps) * MINUTES_PER_DEG_OF_ROTATION;
  if (eotMin > 20) eotMin -= MINUTES_PER_DAY;
  else if (eotMin < -20) eotMin += MINUTES_PER_DAY;

  t.julianDay = jd;
  t.julianEphemerisDay = julianScratch[JDE];
  t.julianCentury = jc;
  t.julianEphemerisCentury = jce;
  t.julianEphemerisMillennium = jme;
  t.heliocentricLongitudeDeg = lDeg;
  t.heliocentricLatitudeDeg = bDeg;
  t.earthRadiusVectorAu = radiusAu;
  t.geocentricLongitudeDeg = thetaDeg;
  t.geocentricLatitudeDeg = betaDeg;
  t.nutationLongitudeDeg = dPsiDeg;
  t.nutationObliquityDeg = dEpsDeg;
  t.meanObliquityArcsec = eps0Arcsec;
  t.trueObliquityDeg = epsDeg;
  t.aberrationCorrectionDeg = dTauDeg;
  t.apparentSunLongitudeDeg = lambdaDeg;
  t.meanSiderealTimeDeg = nu0Deg;
  t.apparentSiderealTimeDeg = nuDeg;
  t.geocentricRightAscensionDeg = alphaDeg;
  t.geocentricDeclinationDeg = deltaDeg;
  t.equationOfTimeMin = eotMin;
}

/**
 * SPA time-only terms (Julian days, heliocentric L/B/R, nutation, obliquity, sidereal time, geocentric α/δ,
 * equation of time) for a unix time (s, UTC) and ΔT = TT − UT1 (s); Reda & Andreas 2004, eq. 4–31 and A1–A2.
 * @example spaTimeTerms(1066419030, 67).heliocentricLongitudeDeg // 24.0182616917 (paper example, 2003-10-17T19:30:30Z)
 */
export function spaTimeTerms(unixTimeS: number, deltaTS: number = DEFAULT_DELTA_T_S): SpaTimeTerms {
  const terms = createTimeTermsTarget();
  fillTimeTerms(unixTimeS, deltaTS, terms);
  return terms;
}

// What the site part needs from the time part, in the form it uses them: the Greenwich hour angle ν − α as
// cosine and sine, the declination's sine and cosine and the sine of the sun's horizontal parallax ξ (eq. 33).
interface SiteReadyTimeTerms {
  cosGreenwichHourAngle: number;
  sinGreenwichHourAngle: number;
  sinDeclination: number;
  cosDeclination: number;
  sinParallax: number;
}

function siteReadyInto(
  apparentSiderealTimeDeg: number,
  rightAscensionDeg: number,
  declinationDeg: number,
  radiusAu: number,
  out: SiteReadyTimeTerms,
): void {
  const greenwichHourAngleRad = (apparentSiderealTimeDeg - rightAscensionDeg) * DEG_TO_RAD;
  const declinationRad = declinationDeg * DEG_TO_RAD;
  out.cosGreenwichHourAngle = Math.cos(greenwichHourAngleRad);
  out.sinGreenwichHourAngle = Math.sin(greenwichHourAngleRad);
  out.sinDeclination = Math.sin(declinationRad);
  out.cosDeclination = Math.cos(declinationRad);
  out.sinParallax = Math.sin((SOLAR_PARALLAX_ARCSEC / (ARCSEC_PER_DEG * radiusAu)) * DEG_TO_RAD);
}

function createSiteReady(): SiteReadyTimeTerms {
  return { cosGreenwichHourAngle: 0, sinGreenwichHourAngle: 0, sinDeclination: 0, cosDeclination: 0, sinParallax: 0 };
}

/**
 * SPA time terms for many timestamps as a struct of arrays. The first five arrays are the SPA quantities; the
 * `site…` arrays hold the same information in the form the site part consumes (sines and cosines), so every
 * site reuses them instead of recomputing them.
 */
export interface SpaTimeTermsBatch {
  readonly length: number;
  /** ΔT = TT − UT1 (s) the terms were computed with. */
  readonly deltaTS: number;
  readonly apparentSiderealTimeDeg: Float64Array;
  readonly geocentricRightAscensionDeg: Float64Array;
  readonly geocentricDeclinationDeg: Float64Array;
  readonly earthRadiusVectorAu: Float64Array;
  readonly equationOfTimeMin: Float64Array;
  /** cos(ν − α), the Greenwich hour angle. */
  readonly siteCosGreenwichHourAngle: Float64Array;
  /** sin(ν − α). */
  readonly siteSinGreenwichHourAngle: Float64Array;
  /** sin δ. */
  readonly siteSinDeclination: Float64Array;
  /** cos δ. */
  readonly siteCosDeclination: Float64Array;
  /** sin ξ, the sun's equatorial horizontal parallax. */
  readonly siteSinParallax: Float64Array;
}

/**
 * Time steps between re-anchorings of the periodic-term recurrences in `computeSpaTimeTermsBatch` (a month of
 * hours): every anchor evaluates cos and sin exactly, so rounding in the rotations cannot accumulate past it. The
 * drift is far below what matters: measured against single calls on hourly years 1900–2100, zeniths agree within
 * 5e-11° and azimuths within 2e-10° whether the recurrences are re-anchored every 24 steps, every 720 or once a year (that residue is the single
 * call's own rounding of the Julian day, ~40 µs at JD 2.45e6, and of its 30-term sums).
 */
export const SPA_RECURRENCE_ANCHOR_STEPS = 720;

/** The constant step (s) of `unixTimesS` when there are at least two timestamps, all finite and evenly spaced; NaN otherwise. */
function evenStepS(unixTimesS: Float64Array): number {
  const n = unixTimesS.length;
  if (n < 2) return Number.NaN;
  const stepS = unixTimesS[1] - unixTimesS[0];
  if (!(Number.isFinite(stepS) && stepS !== 0)) return Number.NaN;
  for (let i = 2; i < n; i++) {
    if (unixTimesS[i] - unixTimesS[i - 1] !== stepS) return Number.NaN;
  }
  return stepS;
}

// The recurrences advance four phasors side by side: each rotation depends on the previous one, so a single phasor
// per loop would wait on its own multiply-add chain; four independent chains keep the FPU busy.
const PHASORS_PER_PASS = 4;
/** Number of Earth periodic-term tables (L0–L5, B0–B1, R0–R4). */
const EARTH_TABLE_COUNT = 13;

/** cos and sin of the constant step C·ΔJME of every Earth term, in EARTH_SERIES row order, for one time step. */
interface EarthSteps {
  readonly cosStep: Float64Array;
  readonly sinStep: Float64Array;
}

function earthSteps(stepJme: number): EarthSteps {
  let rows = 0;
  for (const table of EARTH_SERIES) rows += table.length / EARTH_ROW_LENGTH;
  const cosStep = new Float64Array(rows);
  const sinStep = new Float64Array(rows);
  let r = 0;
  for (const table of EARTH_SERIES) {
    for (let row = 0; row < table.length; row += EARTH_ROW_LENGTH, r++) {
      cosStep[r] = Math.cos(table[row + 2] * stepJme);
      sinStep[r] = Math.sin(table[row + 2] * stepJme);
    }
  }
  return { cosStep, sinStep };
}

/**
 * Σ A·cos(B + C·JME) of every Earth table (SPA eq. 9–10) for `count` evenly spaced steps from `jmeAtAnchor`, into
 * `out` (table k at k·stride + j). Each term is a phasor turning by the constant angle C·ΔJME per step: from its exact
 * value at the anchor it advances by the angle-addition identity, cos(x + δ) = cos x cos δ − sin x sin δ (likewise
 * sin), with no library call.
 */
function earthSeriesSumsByRecurrence(jmeAtAnchor: number, count: number, steps: EarthSteps, out: Float64Array, stride: number): void {
  out.fill(0);
  const phaseAtAnchor = new Float64Array(PHASORS_PER_PASS);
  const amplitude = new Float64Array(PHASORS_PER_PASS);
  const cosStep = new Float64Array(PHASORS_PER_PASS);
  const sinStep = new Float64Array(PHASORS_PER_PASS);
  let rowIndex = 0;
  for (let k = 0; k < EARTH_SERIES.length; k++) {
    const table = EARTH_SERIES[k]!;
    const rows = table.length / EARTH_ROW_LENGTH;
    for (let first = 0; first < rows; first += PHASORS_PER_PASS) {
      // Rows past the table's end get amplitude 0, so every pass turns exactly four phasors.
      for (let p = 0; p < PHASORS_PER_PASS; p++) {
        const present = first + p < rows;
        const row = (first + p) * EARTH_ROW_LENGTH;
        amplitude[p] = present ? table[row] : 0;
        phaseAtAnchor[p] = present ? table[row + 1] + table[row + 2] * jmeAtAnchor : 0;
        cosStep[p] = present ? steps.cosStep[rowIndex + first + p] : 1;
        sinStep[p] = present ? steps.sinStep[rowIndex + first + p] : 0;
      }
      accumulatePhasors(count, amplitude, phaseAtAnchor, cosStep, sinStep, out, k * stride);
    }
    rowIndex += rows;
  }
}

// Adds Σp amplitude[p]·cos(phaseAtAnchor[p] + j·step[p]) to out[offset + j] for j < count, four phasors per pass.
function accumulatePhasors(
  count: number,
  amplitude: Float64Array,
  phaseAtAnchor: Float64Array,
  cosStep: Float64Array,
  sinStep: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  const a0 = amplitude[0];
  const a1 = amplitude[1];
  const a2 = amplitude[2];
  const a3 = amplitude[3];
  const cd0 = cosStep[0];
  const cd1 = cosStep[1];
  const cd2 = cosStep[2];
  const cd3 = cosStep[3];
  const sd0 = sinStep[0];
  const sd1 = sinStep[1];
  const sd2 = sinStep[2];
  const sd3 = sinStep[3];
  let c0 = Math.cos(phaseAtAnchor[0]);
  let s0 = Math.sin(phaseAtAnchor[0]);
  let c1 = Math.cos(phaseAtAnchor[1]);
  let s1 = Math.sin(phaseAtAnchor[1]);
  let c2 = Math.cos(phaseAtAnchor[2]);
  let s2 = Math.sin(phaseAtAnchor[2]);
  let c3 = Math.cos(phaseAtAnchor[3]);
  let s3 = Math.sin(phaseAtAnchor[3]);
  for (let j = 0; j < count; j++) {
    out[offset + j] += a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3;
    const n0 = c0 * cd0 - s0 * sd0;
    s0 = s0 * cd0 + c0 * sd0;
    c0 = n0;
    const n1 = c1 * cd1 - s1 * sd1;
    s1 = s1 * cd1 + c1 * sd1;
    c1 = n1;
    const n2 = c2 * cd2 - s2 * sd2;
    s2 = s2 * cd2 + c2 * sd2;
    c2 = n2;
    const n3 = c3 * cd3 - s3 * sd3;
    s3 = s3 * cd3 + c3 * sd3;
    c3 = n3;
  }
}

/**
 * The nutation sums Σ (a + b·JCE) sin φ and Σ (c + d·JCE) cos φ, φ = Σ Yj·Xj (SPA eq. 15–23), for `count` evenly
 * spaced JCE values in `jce`, into `out` (Δψ sums at j, Δε sums at stride + j). The arguments Xj are cubic in JCE, so
 * each φ advances along its chord from the anchor to `jceAtChordEnd`, `chordSteps` steps later (constant step,
 * angle-addition identity as above); over 720 hourly steps the cubic leaves the chord by under 1e-8°, which moves Δψ
 * and Δε by under 1e-13°.
 */
function nutationSumsByRecurrence(jce: Float64Array, count: number, jceAtChordEnd: number, chordSteps: number, out: Float64Array, stride: number): void {
  out.fill(0);
  const rows = NUTATION_TERMS.length / NUTATION_ROW_LENGTH;
  const startArgsDeg = new Float64Array(5);
  const endArgsDeg = new Float64Array(5);
  const startRad = new Float64Array(PHASORS_PER_PASS);
  const stepRad = new Float64Array(PHASORS_PER_PASS);
  const coefficients = new Float64Array(4 * PHASORS_PER_PASS);
  nutationArgumentsInto(jce[0], startArgsDeg, 0);
  nutationArgumentsInto(jceAtChordEnd, endArgsDeg, 0);
  for (let first = 0; first < rows; first += PHASORS_PER_PASS) {
    for (let p = 0; p < PHASORS_PER_PASS; p++) {
      const row = (first + p) * NUTATION_ROW_LENGTH;
      const present = first + p < rows;
      let startDeg = 0;
      let endDeg = 0;
      for (let j = 0; present && j < 5; j++) {
        startDeg += NUTATION_TERMS[row + j] * startArgsDeg[j];
        endDeg += NUTATION_TERMS[row + j] * endArgsDeg[j];
      }
      startRad[p] = startDeg * DEG_TO_RAD;
      stepRad[p] = chordSteps > 0 ? ((endDeg - startDeg) / chordSteps) * DEG_TO_RAD : 0;
      // Rows past the table's end get zero coefficients, so every pass turns exactly four phasors.
      for (let q = 0; q < 4; q++) coefficients[4 * p + q] = present ? NUTATION_TERMS[row + 5 + q] : 0;
    }
    accumulateNutationPhasors(jce, count, startRad, stepRad, coefficients, out, stride);
  }
}

// Adds four nutation rows' (a + b·JCE)·sin φ and (c + d·JCE)·cos φ to `out` for j < count, φ from its start by constant steps.
function accumulateNutationPhasors(
  jce: Float64Array,
  count: number,
  startRad: Float64Array,
  stepRad: Float64Array,
  k: Float64Array,
  out: Float64Array,
  stride: number,
): void {
  const cd0 = Math.cos(stepRad[0]);
  const sd0 = Math.sin(stepRad[0]);
  const cd1 = Math.cos(stepRad[1]);
  const sd1 = Math.sin(stepRad[1]);
  const cd2 = Math.cos(stepRad[2]);
  const sd2 = Math.sin(stepRad[2]);
  const cd3 = Math.cos(stepRad[3]);
  const sd3 = Math.sin(stepRad[3]);
  let c0 = Math.cos(startRad[0]);
  let s0 = Math.sin(startRad[0]);
  let c1 = Math.cos(startRad[1]);
  let s1 = Math.sin(startRad[1]);
  let c2 = Math.cos(startRad[2]);
  let s2 = Math.sin(startRad[2]);
  let c3 = Math.cos(startRad[3]);
  let s3 = Math.sin(startRad[3]);
  for (let j = 0; j < count; j++) {
    const x = jce[j];
    out[j] += (k[0] + k[1] * x) * s0 + (k[4] + k[5] * x) * s1 + (k[8] + k[9] * x) * s2 + (k[12] + k[13] * x) * s3;
    out[stride + j] += (k[2] + k[3] * x) * c0 + (k[6] + k[7] * x) * c1 + (k[10] + k[11] * x) * c2 + (k[14] + k[15] * x) * c3;
    const n0 = c0 * cd0 - s0 * sd0;
    s0 = s0 * cd0 + c0 * sd0;
    c0 = n0;
    const n1 = c1 * cd1 - s1 * sd1;
    s1 = s1 * cd1 + c1 * sd1;
    c1 = n1;
    const n2 = c2 * cd2 - s2 * sd2;
    s2 = s2 * cd2 + c2 * sd2;
    c2 = n2;
    const n3 = c3 * cd3 - s3 * sd3;
    s3 = s3 * cd3 + c3 * sd3;
    c3 = n3;
  }
}

/**
 * SPA time-only terms for every unix time (s, UTC) in `unixTimesS` with ΔT (s), computed once so that any number
 * of sites can reuse them through `solarPositionBatch`; allocates its arrays once per call, nothing per step.
 * Reda & Andreas 2004, eq. 4–31 and A1–A2. For evenly spaced timestamps (a weather year) the ~260 periodic terms
 * are advanced by exact angle-addition recurrences, block by block of SPA_RECURRENCE_ANCHOR_STEPS, instead of ~200
 * cosines per timestamp (see `earthSeriesSumsByRecurrence`), which makes this about four times faster; results then
 * agree with `spaTimeTerms` to rounding (zenith within 5e-11°, azimuth within 2e-10°, far inside the algorithm's ±0.0003°). Other
 * timestamps take the single-call path. With `needed`, only timestamps i with needed[i] ≠ 0 are finished (the others
 * hold NaN): a caller that knows which hours are dark skips them.
 */
export function computeSpaTimeTermsBatch(
  unixTimesS: Float64Array,
  deltaTS: number = DEFAULT_DELTA_T_S,
  needed?: Uint8Array,
): SpaTimeTermsBatch {
  const n = unixTimesS.length;
  if (needed !== undefined && needed.length !== n) {
    throw new Error(`computeSpaTimeTermsBatch: needed has ${needed.length} entries for ${n} timestamps`);
  }
  const batch: SpaTimeTermsBatch = {
    length: n,
    deltaTS,
    apparentSiderealTimeDeg: new Float64Array(n),
    geocentricRightAscensionDeg: new Float64Array(n),
    geocentricDeclinationDeg: new Float64Array(n),
    earthRadiusVectorAu: new Float64Array(n),
    equationOfTimeMin: new Float64Array(n),
    siteCosGreenwichHourAngle: new Float64Array(n),
    siteSinGreenwichHourAngle: new Float64Array(n),
    siteSinDeclination: new Float64Array(n),
    siteCosDeclination: new Float64Array(n),
    siteSinParallax: new Float64Array(n),
  };
  const t = createTimeTermsTarget();
  const ready = createSiteReady();
  const store = (i: number): void => {
    batch.apparentSiderealTimeDeg[i] = t.apparentSiderealTimeDeg;
    batch.geocentricRightAscensionDeg[i] = t.geocentricRightAscensionDeg;
    batch.geocentricDeclinationDeg[i] = t.geocentricDeclinationDeg;
    batch.earthRadiusVectorAu[i] = t.earthRadiusVectorAu;
    batch.equationOfTimeMin[i] = t.equationOfTimeMin;
    siteReadyInto(t.apparentSiderealTimeDeg, t.geocentricRightAscensionDeg, t.geocentricDeclinationDeg, t.earthRadiusVectorAu, ready);
    batch.siteCosGreenwichHourAngle[i] = ready.cosGreenwichHourAngle;
    batch.siteSinGreenwichHourAngle[i] = ready.sinGreenwichHourAngle;
    batch.siteSinDeclination[i] = ready.sinDeclination;
    batch.siteCosDeclination[i] = ready.cosDeclination;
    batch.siteSinParallax[i] = ready.sinParallax;
  };
  const skip = (i: number): void => {
    batch.apparentSiderealTimeDeg[i] = Number.NaN;
    batch.geocentricRightAscensionDeg[i] = Number.NaN;
    batch.geocentricDeclinationDeg[i] = Number.NaN;
    batch.earthRadiusVectorAu[i] = Number.NaN;
    batch.equationOfTimeMin[i] = Number.NaN;
    batch.siteCosGreenwichHourAngle[i] = Number.NaN;
    batch.siteSinGreenwichHourAngle[i] = Number.NaN;
    batch.siteSinDeclination[i] = Number.NaN;
    batch.siteCosDeclination[i] = Number.NaN;
    batch.siteSinParallax[i] = Number.NaN;
  };

  const stepS = evenStepS(unixTimesS);
  if (Number.isNaN(stepS)) {
    for (let i = 0; i < n; i++) {
      if (needed !== undefined && needed[i] === 0) {
        skip(i);
        continue;
      }
      fillTimeTerms(unixTimesS[i], deltaTS, t);
      store(i);
    }
    return batch;
  }

  const block = Math.min(SPA_RECURRENCE_ANCHOR_STEPS, n);
  const steps = earthSteps(stepS / (SECONDS_PER_DAY * DAYS_PER_JULIAN_CENTURY * CENTURIES_PER_MILLENNIUM));
  const jme = new Float64Array(block);
  const jce = new Float64Array(block);
  const earthSums = new Float64Array(EARTH_TABLE_COUNT * block);
  const nutation = new Float64Array(2 * block);
  for (let anchor = 0; anchor < n; anchor += block) {
    const count = Math.min(block, n - anchor);
    for (let j = 0; j < count; j++) {
      fillJulianScratch(unixTimesS[anchor + j], deltaTS);
      jme[j] = julianScratch[JME];
      jce[j] = julianScratch[JCE];
    }
    // The nutation chord ends at the next block's anchor (or at the last timestamp).
    const chordEnd = Math.min(anchor + block, n - 1);
    fillJulianScratch(unixTimesS[chordEnd], deltaTS);
    earthSeriesSumsByRecurrence(jme[0], count, steps, earthSums, block);
    nutationSumsByRecurrence(jce, count, julianScratch[JCE], chordEnd - anchor, nutation, block);
    for (let j = 0; j < count; j++) {
      const i = anchor + j;
      if (needed !== undefined && needed[i] === 0) {
        skip(i);
        continue;
      }
      fillJulianScratch(unixTimesS[i], deltaTS);
      for (let k = 0; k < EARTH_TABLE_COUNT; k++) earthSeriesSums[k] = earthSums[k * block + j];
      nutationSums[0] = nutation[j];
      nutationSums[1] = nutation[block + j];
      finishTimeTerms(t);
      store(i);
    }
  }
  return batch;
}

// ---------------------------------------------------------------------------------------------------------------
// Site part

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
  if (!(elevationDeg >= -(SUN_RADIUS_DEG + atmosRefractDeg))) return 0;
  const pressureMbar = pressurePa / PA_PER_HPA;
  return (
    ((pressureMbar / 1010) * (283 / (273 + temperatureC)) * 1.02) /
    (60 * Math.tan((elevationDeg + 10.3 / (elevationDeg + 5.11)) * DEG_TO_RAD))
  );
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
  pressurePa: number,
  temperatureC: number,
  atmosRefractDeg: number,
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
  const dEDeg = atmosphericRefractionDeg(e0Deg, pressurePa, temperatureC, atmosRefractDeg);

  // Eq. 45 multiplied through by cos δ′ > 0, which leaves atan2 unchanged and avoids tan δ′.
  const azimuthY = sinHPrime * cosDeltaPrime;
  const azimuthX = cosHPrime * site.sinLatitude * cosDeltaPrime - sinDeltaPrime * site.cosLatitude;
  const gammaDeg = Math.atan2(azimuthY, azimuthX) * RAD_TO_DEG;
  // Eq. 46: Φ = Γ + 180°, in [0, 360).
  const phiDeg = gammaDeg + 180;

  out.parallaxNumerator = dAlphaNumerator;
  out.parallaxDenominator = denominator;
  out.declinationNumerator = deltaNumerator;
  out.elevationDeg = e0Deg;
  out.refractionCorrectionDeg = dEDeg;
  out.azimuthDeg = phiDeg >= 360 ? phiDeg - 360 : phiDeg;
  out.sinElevation = sinE0;
  out.azimuthY = azimuthY;
  out.azimuthX = azimuthX;
}

function createTopocentricScratch(): TopocentricScratch {
  return {
    parallaxNumerator: 0,
    parallaxDenominator: 0,
    declinationNumerator: 0,
    elevationDeg: 0,
    refractionCorrectionDeg: 0,
    azimuthDeg: 0,
    sinElevation: 0,
    azimuthY: 0,
    azimuthX: 0,
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
  topocentricInto(ready, siteGeometry(latitudeDeg, longitudeDeg, altitudeM), pressurePa, temperatureC, atmosRefractDeg, out);
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

// Refraction Δe is below 0.02 rad, so its sine and cosine to the x⁷ and x⁸ terms are exact to rounding.
function sinOfSmallAngle(x: number): number {
  const x2 = x * x;
  return x * (1 - (x2 / 6) * (1 - (x2 / 20) * (1 - x2 / 42)));
}
function cosOfSmallAngle(x: number): number {
  const x2 = x * x;
  return 1 - (x2 / 2) * (1 - (x2 / 12) * (1 - (x2 / 30) * (1 - x2 / 56)));
}

function checkPerStep(fn: string, name: string, value: number | Float64Array, length: number): void {
  if (typeof value !== 'number' && value.length !== length) {
    throw new Error(`${fn}: ${name} has ${value.length} values for ${length} timestamps`);
  }
}

/**
 * Solar position for every timestamp of `terms` at one site, written into `out` (deg; azimuth clockwise from
 * north) with no allocation per step; identical, bit for bit, to `solarPositionFromTimeTerms` on the same time
 * terms. With `needed`, timestamps with needed[i] = 0 are skipped and hold NaN.
 * NREL SPA site part, Reda & Andreas 2004, eq. 32–46.
 */
export function solarPositionBatch(
  terms: SpaTimeTermsBatch,
  site: SolarPositionSite,
  out: SolarPositionBatchOut = createSolarPositionBatchOut(terms.length),
  needed?: Uint8Array,
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
  const atmosRefractDeg = site.atmosRefractDeg ?? DEFAULT_ATMOS_REFRACT_DEG;
  const geometry = siteGeometry(site.latitudeDeg, site.longitudeDeg, altitudeM);
  const ready = createSiteReady();
  const k = createTopocentricScratch();
  for (let i = 0; i < n; i++) {
    if (needed !== undefined && needed[i] === 0) {
      out.zenithDeg[i] = Number.NaN;
      out.apparentZenithDeg[i] = Number.NaN;
      out.azimuthDeg[i] = Number.NaN;
      out.elevationDeg[i] = Number.NaN;
      out.apparentElevationDeg[i] = Number.NaN;
      if (direction !== undefined) {
        direction.cosApparentZenith[i] = Number.NaN;
        direction.sinApparentZenith[i] = Number.NaN;
        direction.cosAzimuth[i] = Number.NaN;
        direction.sinAzimuth[i] = Number.NaN;
      }
      continue;
    }
    ready.cosGreenwichHourAngle = terms.siteCosGreenwichHourAngle[i];
    ready.sinGreenwichHourAngle = terms.siteSinGreenwichHourAngle[i];
    ready.sinDeclination = terms.siteSinDeclination[i];
    ready.cosDeclination = terms.siteCosDeclination[i];
    ready.sinParallax = terms.siteSinParallax[i];
    topocentricInto(
      ready,
      geometry,
      typeof pressure === 'number' ? pressure : pressure[i],
      typeof temperature === 'number' ? temperature : temperature[i],
      atmosRefractDeg,
      k,
    );
    const apparentElevationDeg = k.elevationDeg + k.refractionCorrectionDeg;
    out.zenithDeg[i] = 90 - k.elevationDeg;
    out.apparentZenithDeg[i] = 90 - apparentElevationDeg;
    out.azimuthDeg[i] = k.azimuthDeg;
    out.elevationDeg[i] = k.elevationDeg;
    out.apparentElevationDeg[i] = apparentElevationDeg;
    if (direction !== undefined) {
      // (x, y) of Γ are the southward and westward components of the unit sun vector, so their norm is cos e0.
      // Apparent elevation e = e0 + Δe by angle addition; azimuth Φ = Γ + 180° flips the (x, y) of Γ.
      const cosE0 = Math.sqrt(k.azimuthY * k.azimuthY + k.azimuthX * k.azimuthX);
      const refractionRad = k.refractionCorrectionDeg * DEG_TO_RAD;
      const cosRefraction = cosOfSmallAngle(refractionRad);
      const sinRefraction = sinOfSmallAngle(refractionRad);
      direction.cosApparentZenith[i] = k.sinElevation * cosRefraction + cosE0 * sinRefraction;
      direction.sinApparentZenith[i] = cosE0 * cosRefraction - k.sinElevation * sinRefraction;
      direction.cosAzimuth[i] = cosE0 > 0 ? -k.azimuthX / cosE0 : -1;
      direction.sinAzimuth[i] = cosE0 > 0 ? -k.azimuthY / cosE0 : 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

/*
 * Periodic-term tables of the NREL Solar Position Algorithm: I. Reda & A. Andreas, "Solar position
 * algorithm for solar radiation applications", Solar Energy 76 (2004) 577–589, doi:10.1016/j.solener.2003.12.003,
 * and NREL/TP-560-34302 (rev. 2008). Table A4.2 holds the Earth periodic terms (from VSOP87, Bretagnon &
 * Francou 1988), Table A4.3 the 63 nutation terms (from Meeus, Astronomical Algorithms, 1998, Table 22.A).
 *
 * Each Earth row is (A, B, C) and contributes A·cos(B + C·JME); A in 1e-8 rad (or 1e-8 AU for R),
 * B in rad, C in rad per Julian millennium. Rows are flattened into Float64Arrays so the hot loop reads
 * them with a stride of 3.
 */

/** Heliocentric longitude terms L0 (64 rows). */
const L0 = new Float64Array([
  175347046, 0, 0,
  3341656, 4.6692568, 6283.07585,
  34894, 4.6261, 12566.1517,
  3497, 2.7441, 5753.3849,
  3418, 2.8289, 3.5231,
  3136, 3.6277, 77713.7715,
  2676, 4.4181, 7860.4194,
  2343, 6.1352, 3930.2097,
  1324, 0.7425, 11506.7698,
  1273, 2.0371, 529.691,
  1199, 1.1096, 1577.3435,
  990, 5.233, 5884.927,
  902, 2.045, 26.298,
  857, 3.508, 398.149,
  780, 1.179, 5223.694,
  753, 2.533, 5507.553,
  505, 4.583, 18849.228,
  492, 4.205, 775.523,
  357, 2.92, 0.067,
  317, 5.849, 11790.629,
  284, 1.899, 796.298,
  271, 0.315, 10977.079,
  243, 0.345, 5486.778,
  206, 4.806, 2544.314,
  205, 1.869, 5573.143,
  202, 2.458, 6069.777,
  156, 0.833, 213.299,
  132, 3.411, 2942.463,
  126, 1.083, 20.775,
  115, 0.645, 0.98,
  103, 0.636, 4694.003,
  102, 0.976, 15720.839,
  102, 4.267, 7.114,
  99, 6.21, 2146.17,
  98, 0.68, 155.42,
  86, 5.98, 161000.69,
  85, 1.3, 6275.96,
  85, 3.67, 71430.7,
  80, 1.81, 17260.15,
  79, 3.04, 12036.46,
  75, 1.76, 5088.63,
  74, 3.5, 3154.69,
  74, 4.68, 801.82,
  70, 0.83, 9437.76,
  62, 3.98, 8827.39,
  61, 1.82, 7084.9,
  57, 2.78, 6286.6,
  56, 4.39, 14143.5,
  56, 3.47, 6279.55,
  52, 0.19, 12139.55,
  52, 1.33, 1748.02,
  51, 0.28, 5856.48,
  49, 0.49, 1194.45,
  41, 5.37, 8429.24,
  41, 2.4, 19651.05,
  39, 6.17, 10447.39,
  37, 6.04, 10213.29,
  37, 2.57, 1059.38,
  36, 1.71, 2352.87,
  36, 1.78, 6812.77,
  33, 0.59, 17789.85,
  30, 0.44, 83996.85,
  30, 2.74, 1349.87,
  25, 3.16, 4690.48,
]);

/** Heliocentric longitude terms L1 (34 rows). */
const L1 = new Float64Array([
  628331966747, 0, 0,
  206059, 2.678235, 6283.07585,
  4303, 2.6351, 12566.1517,
  425, 1.59, 3.523,
  119, 5.796, 26.298,
  109, 2.966, 1577.344,
  93, 2.59, 18849.23,
  72, 1.14, 529.69,
  68, 1.87, 398.15,
  67, 4.41, 5507.55,
  59, 2.89, 5223.69,
  56, 2.17, 155.42,
  45, 0.4, 796.3,
  36, 0.47, 775.52,
  29, 2.65, 7.11,
  21, 5.34, 0.98,
  19, 1.85, 5486.78,
  19, 4.97, 213.3,
  17, 2.99, 6275.96,
  16, 0.03, 2544.31,
  16, 1.43, 2146.17,
  15, 1.21, 10977.08,
  12, 2.83, 1748.02,
  12, 3.26, 5088.63,
  12, 5.27, 1194.45,
  12, 2.08, 4694,
  11, 0.77, 553.57,
  10, 1.3, 6286.6,
  10, 4.24, 1349.87,
  9, 2.7, 242.73,
  9, 5.64, 951.72,
  8, 5.3, 2352.87,
  6, 2.65, 9437.76,
  6, 4.67, 4690.48,
]);

/** Heliocentric longitude terms L2 (20 rows). */
const L2 = new Float64Array([
  52919, 0, 0,
  8720, 1.0721, 6283.0758,
  309, 0.867, 12566.152,
  27, 0.05, 3.52,
  16, 5.19, 26.3,
  16, 3.68, 155.42,
  10, 0.76, 18849.23,
  9, 2.06, 77713.77,
  7, 0.83, 775.52,
  5, 4.66, 1577.34,
  4, 1.03, 7.11,
  4, 3.44, 5573.14,
  3, 5.14, 796.3,
  3, 6.05, 5507.55,
  3, 1.19, 242.73,
  3, 6.12, 529.69,
  3, 0.31, 398.15,
  3, 2.28, 553.57,
  2, 4.38, 5223.69,
  2, 3.75, 0.98,
]);

/** Heliocentric longitude terms L3 (7 rows). */
const L3 = new Float64Array([
  289, 5.844, 6283.076,
  35, 0, 0,
  17, 5.49, 12566.15,
  3, 5.2, 155.42,
  1, 4.72, 3.52,
  1, 5.3, 18849.23,
  1, 5.97, 242.73,
]);

/** Heliocentric longitude terms L4 (3 rows). */
const L4 = new Float64Array([
  114, 3.142, 0,
  8, 4.13, 6283.08,
  1, 3.84, 12566.15,
]);

/** Heliocentric longitude terms L5 (1 row). */
const L5 = new Float64Array([1, 3.14, 0]);

/** Heliocentric latitude terms B0 (5 rows). */
const B0 = new Float64Array([
  280, 3.199, 84334.662,
  102, 5.422, 5507.553,
  80, 3.88, 5223.69,
  44, 3.7, 2352.87,
  32, 4, 1577.34,
]);

/** Heliocentric latitude terms B1 (2 rows). */
const B1 = new Float64Array([
  9, 3.9, 5507.55,
  6, 1.73, 5223.69,
]);

/** Earth radius vector terms R0 (40 rows). */
const R0 = new Float64Array([
  100013989, 0, 0,
  1670700, 3.0984635, 6283.07585,
  13956, 3.05525, 12566.1517,
  3084, 5.1985, 77713.7715,
  1628, 1.1739, 5753.3849,
  1576, 2.8469, 7860.4194,
  925, 5.453, 11506.77,
  542, 4.564, 3930.21,
  472, 3.661, 5884.927,
  346, 0.964, 5507.553,
  329, 5.9, 5223.694,
  307, 0.299, 5573.143,
  243, 4.273, 11790.629,
  212, 5.847, 1577.344,
  186, 5.022, 10977.079,
  175, 3.012, 18849.228,
  110, 5.055, 5486.778,
  98, 0.89, 6069.78,
  86, 5.69, 15720.84,
  86, 1.27, 161000.69,
  65, 0.27, 17260.15,
  63, 0.92, 529.69,
  57, 2.01, 83996.85,
  56, 5.24, 71430.7,
  49, 3.25, 2544.31,
  47, 2.58, 775.52,
  45, 5.54, 9437.76,
  43, 6.01, 6275.96,
  39, 5.36, 4694,
  38, 2.39, 8827.39,
  37, 0.83, 19651.05,
  37, 4.9, 12139.55,
  36, 1.67, 12036.46,
  35, 1.84, 2942.46,
  33, 0.24, 7084.9,
  32, 0.18, 5088.63,
  32, 1.78, 398.15,
  28, 1.21, 6286.6,
  28, 1.9, 6279.55,
  26, 4.59, 10447.39,
]);

/** Earth radius vector terms R1 (10 rows). */
const R1 = new Float64Array([
  103019, 1.10749, 6283.07585,
  1721, 1.0644, 12566.1517,
  702, 3.142, 0,
  32, 1.02, 18849.23,
  31, 2.84, 5507.55,
  25, 1.32, 5223.69,
  18, 1.42, 1577.34,
  10, 5.91, 10977.08,
  9, 1.42, 6275.96,
  9, 0.27, 5486.78,
]);

/** Earth radius vector terms R2 (6 rows). */
const R2 = new Float64Array([
  4359, 5.7846, 6283.0758,
  124, 5.579, 12566.152,
  12, 3.14, 0,
  9, 3.63, 77713.77,
  6, 1.87, 5573.14,
  3, 5.47, 18849.23,
]);

/** Earth radius vector terms R3 (2 rows). */
const R3 = new Float64Array([
  145, 4.273, 6283.076,
  7, 3.92, 12566.15,
]);

/** Earth radius vector terms R4 (1 row). */
const R4 = new Float64Array([4, 2.56, 6283.08]);

/**
 * Nutation terms (63 rows of 9 numbers): the multiples Y0…Y4 of the arguments X0 (mean elongation of the
 * moon), X1 (mean anomaly of the sun), X2 (mean anomaly of the moon), X3 (moon's argument of latitude) and
 * X4 (longitude of the moon's ascending node), then the coefficients a, b (longitude, 0.0001″ and 0.0001″
 * per Julian century) and c, d (obliquity, same units): Δψ = Σ (a + b·JCE) sin(Σ Yj·Xj), Δε = Σ (c + d·JCE) cos(Σ Yj·Xj).
 */
const NUTATION_TERMS = new Float64Array([
  0, 0, 0, 0, 1, -171996, -174.2, 92025, 8.9,
  -2, 0, 0, 2, 2, -13187, -1.6, 5736, -3.1,
  0, 0, 0, 2, 2, -2274, -0.2, 977, -0.5,
  0, 0, 0, 0, 2, 2062, 0.2, -895, 0.5,
  0, 1, 0, 0, 0, 1426, -3.4, 54, -0.1,
  0, 0, 1, 0, 0, 712, 0.1, -7, 0,
  -2, 1, 0, 2, 2, -517, 1.2, 224, -0.6,
  0, 0, 0, 2, 1, -386, -0.4, 200, 0,
  0, 0, 1, 2, 2, -301, 0, 129, -0.1,
  -2, -1, 0, 2, 2, 217, -0.5, -95, 0.3,
  -2, 0, 1, 0, 0, -158, 0, 0, 0,
  -2, 0, 0, 2, 1, 129, 0.1, -70, 0,
  0, 0, -1, 2, 2, 123, 0, -53, 0,
  2, 0, 0, 0, 0, 63, 0, 0, 0,
  0, 0, 1, 0, 1, 63, 0.1, -33, 0,
  2, 0, -1, 2, 2, -59, 0, 26, 0,
  0, 0, -1, 0, 1, -58, -0.1, 32, 0,
  0, 0, 1, 2, 1, -51, 0, 27, 0,
  -2, 0, 2, 0, 0, 48, 0, 0, 0,
  0, 0, -2, 2, 1, 46, 0, -24, 0,
  2, 0, 0, 2, 2, -38, 0, 16, 0,
  0, 0, 2, 2, 2, -31, 0, 13, 0,
  0, 0, 2, 0, 0, 29, 0, 0, 0,
  -2, 0, 1, 2, 2, 29, 0, -12, 0,
  0, 0, 0, 2, 0, 26, 0, 0, 0,
  -2, 0, 0, 2, 0, -22, 0, 0, 0,
  0, 0, -1, 2, 1, 21, 0, -10, 0,
  0, 2, 0, 0, 0, 17, -0.1, 0, 0,
  2, 0, -1, 0, 1, 16, 0, -8, 0,
  -2, 2, 0, 2, 2, -16, 0.1, 7, 0,
  0, 1, 0, 0, 1, -15, 0, 9, 0,
  -2, 0, 1, 0, 1, -13, 0, 7, 0,
  0, -1, 0, 0, 1, -12, 0, 6, 0,
  0, 0, 2, -2, 0, 11, 0, 0, 0,
  2, 0, -1, 2, 1, -10, 0, 5, 0,
  2, 0, 1, 2, 2, -8, 0, 3, 0,
  0, 1, 0, 2, 2, 7, 0, -3, 0,
  -2, 1, 1, 0, 0, -7, 0, 0, 0,
  0, -1, 0, 2, 2, -7, 0, 3, 0,
  2, 0, 0, 2, 1, -7, 0, 3, 0,
  2, 0, 1, 0, 0, 6, 0, 0, 0,
  -2, 0, 2, 2, 2, 6, 0, -3, 0,
  -2, 0, 1, 2, 1, 6, 0, -3, 0,
  2, 0, -2, 0, 1, -6, 0, 3, 0,
  2, 0, 0, 0, 1, -6, 0, 3, 0,
  0, -1, 1, 0, 0, 5, 0, 0, 0,
  -2, -1, 0, 2, 1, -5, 0, 3, 0,
  -2, 0, 0, 0, 1, -5, 0, 3, 0,
  0, 0, 2, 2, 1, -5, 0, 3, 0,
  -2, 0, 2, 0, 1, 4, 0, 0, 0,
  -2, 1, 0, 2, 1, 4, 0, 0, 0,
  0, 0, 1, -2, 0, 4, 0, 0, 0,
  -1, 0, 1, 0, 0, -4, 0, 0, 0,
  -2, 1, 0, 0, 0, -4, 0, 0, 0,
  1, 0, 0, 0, 0, -4, 0, 0, 0,
  0, 0, 1, 2, 0, 3, 0, 0, 0,
  0, 0, -2, 2, 2, -3, 0, 0, 0,
  -1, -1, 1, 0, 0, -3, 0, 0, 0,
  0, 1, 1, 0, 0, -3, 0, 0, 0,
  0, -1, 1, 2, 2, -3, 0, 0, 0,
  2, -1, -1, 2, 2, -3, 0, 0, 0,
  0, 0, 3, 2, 2, -3, 0, 0, 0,
  2, -1, 0, 2, 2, -3, 0, 0, 0,
]);

/** The Earth tables in the order `fillEarthSeriesSums` writes them: L0…L5 (0–5), B0–B1 (6–7), R0…R4 (8–12). */
const EARTH_SERIES: readonly Float64Array[] = [L0, L1, L2, L3, L4, L5, B0, B1, R0, R1, R2, R3, R4];

/** Numbers per nutation row: five argument multiples and four coefficients. */
const NUTATION_ROW_LENGTH = 9;
/** Numbers per Earth periodic-term row: A, B, C. */
const EARTH_ROW_LENGTH = 3;

/** Rows in each SPA table as transcribed (paper: L0–L5 64/34/20/7/3/1, B0–B1 5/2, R0–R4 40/10/6/2/1, nutation 63). */
export const SPA_TABLE_ROW_COUNTS: Readonly<Record<string, number>> = Object.freeze({
  L0: L0.length / EARTH_ROW_LENGTH,
  L1: L1.length / EARTH_ROW_LENGTH,
  L2: L2.length / EARTH_ROW_LENGTH,
  L3: L3.length / EARTH_ROW_LENGTH,
  L4: L4.length / EARTH_ROW_LENGTH,
  L5: L5.length / EARTH_ROW_LENGTH,
  B0: B0.length / EARTH_ROW_LENGTH,
  B1: B1.length / EARTH_ROW_LENGTH,
  R0: R0.length / EARTH_ROW_LENGTH,
  R1: R1.length / EARTH_ROW_LENGTH,
  R2: R2.length / EARTH_ROW_LENGTH,
  R3: R3.length / EARTH_ROW_LENGTH,
  R4: R4.length / EARTH_ROW_LENGTH,
  nutation: NUTATION_TERMS.length / NUTATION_ROW_LENGTH,
});
