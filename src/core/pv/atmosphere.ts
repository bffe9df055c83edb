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
 * Bioklimatol. B 14 (1966) 206–223. Kasten–Young's power term is read from an exact quintic interpolant (relative
 * error below 7e-14, see `kastenYoungTable`), which is hot in the hourly chain.
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
      return kastenYoungAirmassOfCos(zenithDeg, cosZenith);
    case 'kasten1966':
      return 1 / (cosZenith + 0.15 * (93.885 - zenithDeg) ** -1.253);
    default: {
      const unknown: never = model;
      throw new Error(`relativeAirmass: unknown model '${String(unknown)}'`);
    }
  }
}

/** Kasten–Young's horizon term 0.50572 (96.07995° − z)^−1.6364 as written: x^a as exp(a ln x), cheaper than pow in V8. */
function kastenYoungTermExact(zenithDeg: number): number {
  return 0.50572 * Math.exp(-1.6364 * Math.log(6.07995 + (90 - zenithDeg)));
}

/** Intervals per degree of zenith of the table below: 1/16°, where the quintic's error is below 7e-14 of the air mass. */
const KY_STEPS_PER_DEG = 16;
const KY_INTERVALS = 90 * KY_STEPS_PER_DEG;

/**
 * The quintic Hermite interpolant of {@link kastenYoungTermExact} over z ∈ [0°, 90°] in steps of 1/16°: on each
 * step, the polynomial in t ∈ [0, 1] that matches the term and its first two derivatives (exact, from the power law)
 * at both ends, stored as its six coefficients c0…c5. Its error is below 7e-14 of the air mass (largest at the
 * horizon, tested against the formula); it replaces an exp and a log an hour by five multiply-adds.
 */
function kastenYoungTable(): Float64Array {
  const table = new Float64Array(6 * KY_INTERVALS);
  const h = 1 / KY_STEPS_PER_DEG;
  // d/dz of 0.50572 x^−a with x = 96.07995 − z is +a·term/x, and the second derivative a(a + 1)·term/x².
  const a = 1.6364;
  const at = (z: number) => {
    const x = 6.07995 + (90 - z);
    const g = kastenYoungTermExact(z);
    return [g, ((a * g) / x) * h, ((a * (a + 1) * g) / (x * x)) * h * h] as const;
  };
  let [p0, v0, a0] = at(0);
  for (let k = 0; k < KY_INTERVALS; k++) {
    const [p1, v1, a1] = at((k + 1) * h);
    const d = p1 - p0;
    const o = 6 * k;
    table[o] = p0;
    table[o + 1] = v0;
    table[o + 2] = a0 / 2;
    table[o + 3] = 10 * d - 6 * v0 - 4 * v1 - 1.5 * a0 + 0.5 * a1;
    table[o + 4] = -15 * d + 8 * v0 + 7 * v1 + 1.5 * a0 - a1;
    table[o + 5] = 6 * d - 3 * v0 - 3 * v1 - 0.5 * a0 + 0.5 * a1;
    [p0, v0, a0] = [p1, v1, a1];
  }
  return table;
}

// Built when the module loads (1,441 knots, ~0.05 ms), so the hourly lookup below stays small enough to be inlined.
const KASTEN_YOUNG_COEFFICIENTS = kastenYoungTable();

/** Kasten–Young's horizon term at z (deg): from the table within [0°, 90°], else by the formula. */
function kastenYoungTerm(zenithDeg: number): number {
  if (!(zenithDeg >= 0)) return kastenYoungTermExact(zenithDeg);
  const c = KASTEN_YOUNG_COEFFICIENTS;
  const u = zenithDeg * KY_STEPS_PER_DEG;
  const k = u < KY_INTERVALS ? Math.floor(u) : KY_INTERVALS - 1;
  const t = u - k;
  const o = 6 * k;
  return c[o] + t * (c[o + 1] + t * (c[o + 2] + t * (c[o + 3] + t * (c[o + 4] + t * c[o + 5]))));
}

/** Kasten–Young's relative air mass from z (deg, ≤ 90) and cos z: {@link relativeAirmassOfCos} without the model switch, for the hourly chain. */
export function kastenYoungAirmassOfCos(zenithDeg: number, cosZenith: number): number {
  return zenithDeg <= 90 ? 1 / (cosZenith + kastenYoungTerm(zenithDeg)) : Number.NaN;
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
