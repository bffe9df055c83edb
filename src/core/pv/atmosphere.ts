/**
 * Optical air mass and site pressure: the atmosphere seen along the sun's ray.
 * Conventions follow pvlib-python's `pvlib.atmosphere` so results agree to the last digits.
 */

/** Standard sea-level atmospheric pressure (Pa), ISO 2533 / ICAO standard atmosphere. */
export const STANDARD_PRESSURE_PA = 101_325;
/** Pascals in one hectopascal (= one millibar). */
export const PA_PER_HPA = 100;

const DEG_TO_RAD = Math.PI / 180;

/** Relative air-mass formulas: Kasten & Young (1989) is the default; Kasten (1966) is the one DISC was fitted with. */
export type RelativeAirmassModel = 'kastenyoung1989' | 'kasten1966';
/** Every relative air-mass model, for loops and validation. */
export const RELATIVE_AIRMASS_MODELS: readonly RelativeAirmassModel[] = ['kastenyoung1989', 'kasten1966'];

/**
 * Relative optical air mass (dimensionless) at a zenith angle (deg, apparent/refracted for Kasten–Young);
 * NaN when the zenith exceeds 90° (sun below the horizon), as pvlib's `get_relative_airmass`.
 * kastenyoung1989: AM = 1 / (cos z + 0.50572 (96.07995° − z)^−1.6364), F. Kasten & A. T. Young,
 * "Revised optical air mass tables and approximation formula", Applied Optics 28 (1989) 4735–4738,
 * doi:10.1364/AO.28.004735. kasten1966: AM = 1 / (cos z + 0.15 (93.885° − z)^−1.253), F. Kasten,
 * "A new table and approximation formula for the relative optical air mass", Arch. Meteorol. Geophys.
 * Bioklimatol. B 14 (1966) 206–223.
 * @example relativeAirmass(60) // 1.9927 (Kasten–Young)
 */
export function relativeAirmass(zenithDeg: number, model: RelativeAirmassModel = 'kastenyoung1989'): number {
  return relativeAirmassOfCos(zenithDeg, Math.cos(zenithDeg * DEG_TO_RAD), model);
}

/**
 * {@link relativeAirmass} with cos z (dimensionless) supplied by a caller that already holds it, such as the yield chain
 * with the sun's direction from the solar position: the same formulas, one cosine fewer an hour.
 */
export function relativeAirmassOfCos(zenithDeg: number, cosZenith: number, model: RelativeAirmassModel = 'kastenyoung1989'): number {
  // `!(z <= 90)` also maps a NaN zenith to NaN.
  if (!(zenithDeg <= 90)) return Number.NaN;
  switch (model) {
    case 'kastenyoung1989':
      // x^−1.6364 as exp(−1.6364 ln x): the same value to a few ulp, and V8's exp/log pair is faster than its pow (hot in the hourly chain).
      return 1 / (cosZenith + 0.50572 * Math.exp(-1.6364 * Math.log(6.07995 + (90 - zenithDeg))));
    case 'kasten1966':
      return 1 / (cosZenith + 0.15 * (93.885 - zenithDeg) ** -1.253);
    default: {
      const unknown: never = model;
      throw new Error(`relativeAirmass: unknown model '${String(unknown)}'`);
    }
  }
}

/** Absolute (pressure-corrected) air mass: AM_abs = AM_rel × p / 101325 Pa, relative air mass dimensionless, pressure in Pa (pvlib `get_absolute_airmass`). */
export function absoluteAirmass(airmassRelative: number, pressurePa: number = STANDARD_PRESSURE_PA): number {
  return (airmassRelative * pressurePa) / STANDARD_PRESSURE_PA;
}

/**
 * Mean site pressure (Pa) from altitude above sea level (m): p = 100 × ((44331.514 − h) / 11880.516)^(1/0.1902632),
 * the standard atmosphere (288.15 K at sea level, lapse rate −6.5 K/km, dry air) as in pvlib's `alt2pres`, from
 * "A Quick Derivation relating altitude to air pressure", Portland State Aerospace Society, v1.03, 2004.
 * @example pressureFromAltitudePa(0) // 101325.0 (to 0.01 Pa)
 */
export function pressureFromAltitudePa(altitudeM: number): number {
  return PA_PER_HPA * ((44331.514 - altitudeM) / 11880.516) ** (1 / 0.1902632);
}
