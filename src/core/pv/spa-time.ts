/**
 * The time part of the NREL Solar Position Algorithm (Reda & Andreas 2004, §3.1–3.8 and A.1; see `solar-position.ts`):
 * Julian days, the Earth's heliocentric position, nutation, obliquity, aberration, sidereal time and the sun's
 * geocentric right ascension and declination, for one instant. It depends only on the instant and ΔT.
 *
 * The 63 nutation terms take their sines and cosines from products of those of the five fundamental arguments
 * (exact identities, agreeing with the direct evaluation to a few units in the last place). The scratch arrays
 * are shared with the batch recurrence (`spa-time-batch.ts`) so that single calls and batches finish each
 * timestamp with the very same operations.
 */

import { julianDayFromUnixTime, SECONDS_PER_DAY } from '../time.ts';
import { EARTH_ROW_LENGTH, EARTH_SERIES, NUTATION_ROW_LENGTH, NUTATION_TERMS } from './spa-tables.ts';

/** ΔT = TT − UT1 (s) used when none is given: pvlib's `spa_python` default (the SPA paper's 2003 example uses 67 s too). */
export const DEFAULT_DELTA_T_S = 67;

/** Degrees to radians and back. */
export const DEG_TO_RAD = Math.PI / 180;
export const RAD_TO_DEG = 180 / Math.PI;
/** Arcseconds in a degree. */
export const ARCSEC_PER_DEG = 3600;
const MINUTES_PER_DEG_OF_ROTATION = 4;
const MINUTES_PER_DAY = 1440;
const JULIAN_DAY_J2000 = 2_451_545;
/** Days in a Julian century and centuries in a millennium (SPA eq. 6–8). */
export const DAYS_PER_JULIAN_CENTURY = 36_525;
export const CENTURIES_PER_MILLENNIUM = 10;
// Periodic-term amplitudes are in units of 1e-8 rad (1e-8 AU for the radius vector).
const PERIODIC_TERM_SCALE = 1e8;
// Nutation coefficients are in 0.0001″: 1° = 3600″ = 36,000,000 × 0.0001″.
const NUTATION_UNITS_PER_DEG = 36_000_000;
/** Sun's equatorial horizontal parallax at 1 AU (arcsec), SPA eq. 33. */
export const SOLAR_PARALLAX_ARCSEC = 8.794;
/** Constant of aberration (arcsec at 1 AU), SPA eq. 26. */
const ABERRATION_ARCSEC = 20.4898;

/** Floor modulo into [0, 360] exactly as Python's `%` (so a tiny negative angle wraps to 360, as in pvlib). */
export function wrapDeg(angleDeg: number): number {
  const r = angleDeg % 360;
  return r < 0 ? r + 360 : r;
}

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

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Σ A·cos(B + C·JME) for each Earth periodic-term table (SPA eq. 9–10), in the order of EARTH_SERIES. The sums go
// to a module-level scratch rather than being returned: V8 boxes a double returned from a call it does not inline,
// which would allocate 13 heap numbers per timestamp. Nothing here is re-entrant or async.
export const earthSeriesSums = new Float64Array(13);

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

/** A zeroed `SpaTimeTerms` for `fillTimeTerms` to fill in place. */
export function createTimeTermsTarget(): Mutable<SpaTimeTerms> {
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
export const julianScratch = new Float64Array(5);
export const JD = 0;
export const JDE = 1;
export const JC = 2;
export const JCE = 3;
export const JME = 4;

/** JD, JDE, JC, JCE and JME of a unix time (s) and ΔT (s) into `julianScratch`, SPA eq. 4–8. */
export function fillJulianScratch(unixTimeS: number, deltaTS: number): void {
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
export const nutationSums = new Float64Array(2);

/** The five nutation arguments X0…X4 (deg) at a Julian ephemeris century, SPA eq. 15–19, into `out` at `offset`. */
export function nutationArgumentsInto(jce: number, out: Float64Array, offset: number): void {
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
export function fillTimeTerms(unixTimeS: number, deltaTS: number, t: Mutable<SpaTimeTerms>): void {
  fillJulianScratch(unixTimeS, deltaTS);
  fillEarthSeriesSums(julianScratch[JME]);
  fillNutationSums(julianScratch[JCE]);
  finishTimeTerms(t);
}

/**
 * Mean sidereal time at Greenwich ν0 (deg) before it is wrapped into [0, 360), from the Julian day (UT) and Julian
 * century (UT), SPA eq. 28.
 * @example wrapDeg(unwrappedMeanSiderealTimeDeg(2452930.312847, (2452930.312847 - 2451545) / 36525)) // 318.5155 (the paper's example instant)
 */
export function unwrappedMeanSiderealTimeDeg(julianDay: number, julianCentury: number): number {
  const jc = julianCentury;
  return 280.46061837 + 360.98564736629 * (julianDay - JULIAN_DAY_J2000) + 0.000387933 * jc * jc - (jc * jc * jc) / 38710000;
}

/**
 * Equation of time (min, within (−20, 20] as pvlib wraps it) from the Julian ephemeris millennium, the sun's
 * geocentric right ascension α (deg) and the nutation in right ascension Δψ·cos ε (deg): the sun's mean longitude M
 * (SPA appendix A.1 eq. A2), then E = M − 0.0057183° − α + Δψ·cos ε (eq. A1), wrapped to a day.
 */
export function equationOfTimeMin(julianEphemerisMillennium: number, rightAscensionDeg: number, nutationInRightAscensionDeg: number): number {
  const jme = julianEphemerisMillennium;
  const jme2 = jme * jme;
  const jme3 = jme2 * jme;
  const jme4 = jme3 * jme;
  const jme5 = jme4 * jme;
  const meanLongitudeDeg =
    280.4664567 + 360007.6982779 * jme + 0.03032028 * jme2 + jme3 / 49931 - jme4 / 15300 - jme5 / 2000000;
  let eotMin = wrapDeg(meanLongitudeDeg - 0.0057183 - rightAscensionDeg + nutationInRightAscensionDeg) * MINUTES_PER_DEG_OF_ROTATION;
  if (eotMin > 20) eotMin -= MINUTES_PER_DAY;
  else if (eotMin < -20) eotMin += MINUTES_PER_DAY;
  return eotMin;
}

// Everything after the periodic-term sums, from `julianScratch`, `earthSeriesSums` and `nutationSums`.
export function finishTimeTerms(t: Mutable<SpaTimeTerms>): void {
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
  const nu0Deg = wrapDeg(unwrappedMeanSiderealTimeDeg(jd, jc));
  const epsRad = epsDeg * DEG_TO_RAD;
  const cosEps = Math.cos(epsRad);
  const nutationInRightAscensionDeg = dPsiDeg * cosEps;
  const nuDeg = nu0Deg + nutationInRightAscensionDeg;

  // Geocentric right ascension and declination, eq. 30–31.
  const lambdaRad = lambdaDeg * DEG_TO_RAD;
  const betaRad = betaDeg * DEG_TO_RAD;
  const sinLambda = Math.sin(lambdaRad);
  const sinEps = Math.sin(epsRad);
  const alphaDeg = wrapDeg(
    Math.atan2(sinLambda * cosEps - Math.tan(betaRad) * sinEps, Math.cos(lambdaRad)) * RAD_TO_DEG,
  );
  const deltaDeg = Math.asin(Math.sin(betaRad) * cosEps + Math.cos(betaRad) * sinEps * sinLambda) * RAD_TO_DEG;

  const eotMin = equationOfTimeMin(jme, alphaDeg, nutationInRightAscensionDeg);

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
export interface SiteReadyTimeTerms {
  cosGreenwichHourAngle: number;
  sinGreenwichHourAngle: number;
  sinDeclination: number;
  cosDeclination: number;
  sinParallax: number;
}

/** The site-ready form of the time terms (see `SiteReadyTimeTerms`) into `out`; SPA eq. 33 for the parallax. */
export function siteReadyInto(
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

/** A `SiteReadyTimeTerms` not yet written (NaN: double fields from the start, so hourly writes keep one hidden class). */
export function createSiteReady(): SiteReadyTimeTerms {
  const unset = Number.NaN;
  return { cosGreenwichHourAngle: unset, sinGreenwichHourAngle: unset, sinDeclination: unset, cosDeclination: unset, sinParallax: unset };
}
