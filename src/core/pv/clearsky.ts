/**
 * Clear-sky irradiance: what a cloudless sky delivers, used to synthesise weather and to check measured data.
 * Conventions follow pvlib-python's `pvlib.clearsky` so results agree to the last digits.
 */

const DEG_TO_RAD = Math.PI / 180;
const MONTHS_PER_YEAR = 12;

/** Linke turbidity (dimensionless, typically 2–7): one value for the whole year or 12 monthly values, January first. */
export type LinkeTurbidity = number | readonly number[];

/**
 * The Linke turbidity to use in month `month` (1 = January … 12 = December): the constant itself, or the
 * month's entry of 12 monthly values (no interpolation between months).
 * @example linkeTurbidityForMonth([2, 2.5, 3, 3.5, 4, 4.5, 4.5, 4, 3.5, 3, 2.5, 2], 3) // 3
 */
export function linkeTurbidityForMonth(linkeTurbidity: LinkeTurbidity, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > MONTHS_PER_YEAR) {
    throw new Error(`linkeTurbidityForMonth: month must be an integer 1-12, got ${month}`);
  }
  if (typeof linkeTurbidity === 'number') return linkeTurbidity;
  if (linkeTurbidity.length !== MONTHS_PER_YEAR) {
    throw new Error(`linkeTurbidityForMonth: expected 12 monthly values, got ${linkeTurbidity.length}`);
  }
  return linkeTurbidity[month - 1]!;
}

/** max(x, 0) that also maps NaN to 0, like numpy's `fmax(x, 0)`: pvlib relies on it to zero night-time NaN air mass. */
function nonNegativeOrZero(x: number): number {
  return x > 0 ? x : 0;
}

// numpy's `fmin(x, 1e20)` cap on the empirical DNI ratio, so that cos z = 0 yields 0·1e20 = 0 instead of 0·∞ = NaN.
const BEAM_RATIO_CAP = 1e20;

/**
 * Ineichen–Perez clear-sky GHI, DNI and DHI (W/m²) from the apparent zenith (deg), absolute (pressure-corrected)
 * air mass, Linke turbidity, site altitude (m) and extraterrestrial normal irradiance (W/m²):
 * GHI = cg1·I0·cos z·exp(−cg2·AM·(fh1 + fh2·(TL − 1))), DNI = min(b·I0·exp(−0.09·AM·(TL − 1)), GHI·(1 − (0.1 − 0.2e^−TL)/(0.1 + 0.882/fh1))/cos z),
 * DHI = GHI − DNI·cos z. P. Ineichen & R. Perez, "A new airmass independent formulation for the Linke turbidity
 * coefficient", Solar Energy 73 (2002) 151–157, doi:10.1016/S0038-092X(02)00045-2, with the corrections of
 * R. Perez et al., Solar Energy 73 (2002) 307–317, as pvlib's `ineichen(perez_enhancement=False)`: a NaN air mass
 * (sun below the horizon) gives zeros, and cos z is floored at 0.
 */
export function clearskyIneichen(
  apparentZenithDeg: number,
  airmassAbsolute: number,
  linkeTurbidity: number,
  altitudeM: number,
  dniExtraWm2: number,
): { ghiWm2: number; dniWm2: number; dhiWm2: number } {
  // Math.max, unlike nonNegativeOrZero, keeps a NaN zenith NaN (numpy's `maximum`, as pvlib).
  const cosZenith = Math.max(Math.cos(apparentZenithDeg * DEG_TO_RAD), 0);
  const tl = linkeTurbidity;

  // Altitude corrections of Ineichen & Perez 2002, eq. 7–11: scale heights of 8 km and 1.25 km.
  const fh1 = Math.exp(-altitudeM / 8000);
  const fh2 = Math.exp(-altitudeM / 1250);
  const cg1 = 5.09e-5 * altitudeM + 0.868;
  const cg2 = 3.92e-5 * altitudeM + 0.0387;

  const ghiTransmittance = Math.exp(-cg2 * airmassAbsolute * (fh1 + fh2 * (tl - 1)));
  const ghiWm2 = cg1 * dniExtraWm2 * cosZenith * nonNegativeOrZero(ghiTransmittance);

  // Beam model, Ineichen & Perez 2002 eq. 8 with b = 0.664 + 0.163/fh1 (the published form; pvlib PR #808).
  const b = 0.664 + 0.163 / fh1;
  const beamWm2 = dniExtraWm2 * nonNegativeOrZero(b * Math.exp(-0.09 * airmassAbsolute * (tl - 1)));

  // Empirical correction keeping DNI·cos z below a fraction of GHI (Solar Energy 73, p. 157 and p. 312).
  const beamRatio = (1 - (0.1 - 0.2 * Math.exp(-tl)) / (0.1 + 0.882 / fh1)) / cosZenith;
  const beamFromGhiWm2 = ghiWm2 * Math.min(nonNegativeOrZero(beamRatio), BEAM_RATIO_CAP);

  const dniWm2 = Math.min(beamWm2, beamFromGhiWm2);
  return { ghiWm2, dniWm2, dhiWm2: ghiWm2 - dniWm2 * cosZenith };
}
