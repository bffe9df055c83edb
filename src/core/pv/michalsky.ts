/**
 * Approximate solar position of the Astronomical Almanac, as PVWatts v5 computes it: J. J. Michalsky, "The Astronomical
 * Almanac's algorithm for approximate solar position (1950–2050)", Solar Energy 40(3), 227–235 (1988), with the
 * azimuth by Iqbal's formula and Michalsky's refraction correction, as in NREL SSC's `solarpos`
 * (shared/lib_irradproc.cpp), which PVWatts v5 (cmod_pvwattsv5) calls. Accurate to about 0.01° in 1950–2050; cheaper
 * than the NREL SPA (solar-position.ts), which the physical chain keeps.
 * Angles in degrees at the interface; time in s since 1970-01-01T00:00:00Z (UT).
 */

import { markPositionSkipped, type SolarPositionBatchOut } from './solar-position.ts';

const DEG = Math.PI / 180;
const RAD = 180 / Math.PI;
const SECONDS_PER_DAY = 86_400;
/** Julian date of the Unix epoch, and of the algorithm's epoch J2000.0 (2000-01-01 12:00 UT). */
const UNIX_EPOCH_JD = 2_440_587.5;
const J2000_JD = 2_451_545;

/**
 * Michalsky's refraction correction (deg) at true elevation e (deg): 3.51561(0.1594 + 0.0196e + 0.00002e²) /
 * (1 + 0.505e + 0.0845e²) above −0.56°, else 0.56° (Michalsky 1988 eq. for refraction; 3.51561 = 1013.2 mb / 288.2 K).
 */
export function michalskyRefractionDeg(elevationDeg: number): number {
  const e = elevationDeg;
  return e > -0.56 ? (3.51561 * (0.1594 + 0.0196 * e + 0.00002 * e * e)) / (1 + 0.505 * e + 0.0845 * e * e) : 0.56;
}

/** Remainder of x by m in [0, m). */
function wrap(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}

/**
 * The part of Michalsky's (1988) algorithm that depends only on the instant (s since 1970, UT), for a series: right
 * ascension α (rad), sin and cos of the declination δ, and Greenwich mean sidereal time (h, 0–24). Per instant,
 * n = JD − 2451545: L = 280.46 + 0.9856474n, g = 357.528 + 0.9856003n, λ = L + 1.915 sin g + 0.020 sin 2g,
 * ε = 23.439 − 4e-7 n, α = atan2(cos ε sin λ, cos λ), sin δ = sin ε sin λ, GMST = 6.697375 + 0.0657098242n + UT (h)
 * (Michalsky 1988; SSC solarpos). The same for every site: a weather series' terms serve all its sites. With `needed`,
 * instants with needed[i] = 0 are skipped and hold NaN.
 * @example michalskyTimeTermsBatch(Float64Array.of(Date.UTC(2020, 5, 21, 12) / 1000)).sinDeclination[0] // ≈ 0.3978 (δ ≈ 23.44°)
 */
export function michalskyTimeTermsBatch(unixTimeS: Float64Array, needed?: Uint8Array): MichalskyTimeTerms {
  const n = unixTimeS.length;
  const terms: MichalskyTimeTerms = {
    rightAscensionRad: new Float64Array(n),
    sinDeclination: new Float64Array(n),
    cosDeclination: new Float64Array(n),
    gmstHours: new Float64Array(n),
  };
  const { rightAscensionRad, sinDeclination, cosDeclination, gmstHours } = terms;
  for (let i = 0; i < n; i++) {
    if (needed !== undefined && needed[i] === 0) {
      rightAscensionRad[i] = Number.NaN;
      sinDeclination[i] = Number.NaN;
      cosDeclination[i] = Number.NaN;
      gmstHours[i] = Number.NaN;
      continue;
    }
    const days = unixTimeS[i] / SECONDS_PER_DAY;
    const julian = days + UNIX_EPOCH_JD - J2000_JD;
    const utHours = (days - Math.floor(days)) * 24;
    const meanLongitudeDeg = wrap(280.46 + 0.9856474 * julian, 360);
    const meanAnomaly = wrap(357.528 + 0.9856003 * julian, 360) * DEG;
    const eclipticLongitude = wrap(meanLongitudeDeg + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly), 360) * DEG;
    const obliquity = (23.439 - 0.0000004 * julian) * DEG;
    const sinLambda = Math.sin(eclipticLongitude);
    rightAscensionRad[i] = Math.atan2(Math.cos(obliquity) * sinLambda, Math.cos(eclipticLongitude));
    const sinDec = Math.sin(obliquity) * sinLambda;
    sinDeclination[i] = sinDec;
    cosDeclination[i] = Math.sqrt(1 - sinDec * sinDec);
    gmstHours[i] = wrap(6.697375 + 0.0657098242 * julian + utHours, 24);
  }
  return terms;
}

/** Michalsky's time terms of a series of instants, see {@link michalskyTimeTermsBatch}. */
export interface MichalskyTimeTerms {
  readonly rightAscensionRad: Float64Array;
  readonly sinDeclination: Float64Array;
  readonly cosDeclination: Float64Array;
  /** Greenwich mean sidereal time (h, 0–24). */
  readonly gmstHours: Float64Array;
}

/**
 * Sun position for every instant of `unixTimeS` at one site by Michalsky (1988), written into `out` (true and apparent
 * zenith and elevation, azimuth clockwise from north, and the direction's sines and cosines when `out` has them). With
 * `needed`, instants with needed[i] = 0 are skipped and hold NaN. The time terms of {@link michalskyTimeTermsBatch}
 * (computed here unless given as `terms`, which must hold every needed instant), then per site:
 * h = 15(GMST + lon/15) − α, sin e = sin δ sin φ + cos δ cos φ cos h; azimuth by Iqbal,
 * cos A' = (sin e sin φ − sin δ)/(cos e cos φ), A = 180° − A' before noon, 180° + A' after;
 * apparent elevation e + refraction, at most 90° (Michalsky 1988; SSC solarpos).
 * @example michalskySolarPositionBatch(Float64Array.of(Date.UTC(2020, 5, 21, 19, 30) / 1000), 33.45, -111.98).zenithDeg[0] // ≈ 10.017
 */
export function michalskySolarPositionBatch(
  unixTimeS: Float64Array,
  latitudeDeg: number,
  longitudeDeg: number,
  out: SolarPositionBatchOut = {
    zenithDeg: new Float64Array(unixTimeS.length),
    apparentZenithDeg: new Float64Array(unixTimeS.length),
    azimuthDeg: new Float64Array(unixTimeS.length),
    elevationDeg: new Float64Array(unixTimeS.length),
    apparentElevationDeg: new Float64Array(unixTimeS.length),
  },
  needed?: Uint8Array,
  terms: MichalskyTimeTerms = michalskyTimeTermsBatch(unixTimeS, needed),
): SolarPositionBatchOut {
  if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) throw new Error(`michalskySolarPositionBatch: latitude must be within −90…90°, got ${latitudeDeg}`);
  const phi = latitudeDeg * DEG;
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const direction = out.direction;
  const { rightAscensionRad, sinDeclination, cosDeclination, gmstHours } = terms;
  for (let i = 0; i < unixTimeS.length; i++) {
    if (needed !== undefined && needed[i] === 0) {
      markPositionSkipped(out, i);
      continue;
    }
    const sinDec = sinDeclination[i];
    const cosDec = cosDeclination[i];
    const lmst = wrap(gmstHours[i] + longitudeDeg / 15, 24) * 15 * DEG;
    let hourAngle = wrap(lmst - rightAscensionRad[i], 2 * Math.PI);
    if (hourAngle > Math.PI) hourAngle -= 2 * Math.PI;
    const sinElevation = Math.min(1, Math.max(-1, sinDec * sinPhi + cosDec * cosPhi * Math.cos(hourAngle)));
    const elevationDeg = Math.asin(sinElevation) * RAD;
    const cosElevation = Math.sqrt(1 - sinElevation * sinElevation);
    let azimuthDeg = 180;
    if (cosElevation > 0 && cosPhi > 0) {
      const cosA = Math.min(1, Math.max(-1, (sinElevation * sinPhi - sinDec) / (cosElevation * cosPhi)));
      const a = Math.acos(cosA) * RAD;
      azimuthDeg = hourAngle <= 0 ? 180 - a : 180 + a;
    }
    const apparentElevationDeg = Math.min(90, elevationDeg + michalskyRefractionDeg(elevationDeg));
    out.elevationDeg[i] = elevationDeg;
    out.zenithDeg[i] = 90 - elevationDeg;
    out.apparentElevationDeg[i] = apparentElevationDeg;
    out.apparentZenithDeg[i] = 90 - apparentElevationDeg;
    out.azimuthDeg[i] = azimuthDeg;
    if (direction !== undefined) {
      const apparent = apparentElevationDeg * DEG;
      const azimuth = azimuthDeg * DEG;
      direction.cosApparentZenith[i] = Math.sin(apparent);
      direction.sinApparentZenith[i] = Math.cos(apparent);
      direction.cosAzimuth[i] = Math.cos(azimuth);
      direction.sinAzimuth[i] = Math.sin(azimuth);
    }
  }
  return out;
}
