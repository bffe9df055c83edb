/**
 * Decomposition of global horizontal irradiance into its direct-normal and diffuse-horizontal parts, so that
 * weather files with GHI only can still be transposed to the plane of array.
 * Conventions follow pvlib-python's `pvlib.irradiance` (`clearness_index`, `erbs`, `disc`) to the last digits.
 */

import { absoluteAirmass, relativeAirmass, STANDARD_PRESSURE_PA } from './atmosphere.ts';
import { dayOfYearFromUnixTime } from '../time.ts';
import { extraterrestrialDniWm2 } from './extraterrestrial.ts';

const DEG_TO_RAD = Math.PI / 180;

// pvlib's guards for a low sun, shared by Erbs and DISC.
/** Floor on cos z in the clearness index (z ≈ 86.273°), pvlib's `min_cos_zenith`. */
export const DEFAULT_MIN_COS_ZENITH = 0.065;
/** Zenith (deg) above which DNI is set to 0 (and Erbs' DHI to GHI), pvlib's `max_zenith`; also for GHI < 0 or DNI < 0. */
export const DEFAULT_MAX_ZENITH_DEG = 87;
/** DISC's air mass is capped at 12, the range Maxwell fitted Kn over (pvlib `max_airmass`). */
export const DEFAULT_DISC_MAX_AIRMASS = 12;
/** Solar constant (W/m²) in Maxwell's DISC and in pvlib's `disc` (unlike the 1366.1 W/m² used elsewhere). */
export const DISC_SOLAR_CONSTANT_WM2 = 1370;

/** GHI decomposition models. */
export type DecompositionModel = 'erbs' | 'disc';
/** Every decomposition model, for loops and validation. */
export const DECOMPOSITION_MODELS: readonly DecompositionModel[] = ['erbs', 'disc'];

/** DNI and DHI (W/m²) from a decomposition, with the clearness index it used (dimensionless). */
export interface DecompositionResult {
  readonly dniWm2: number;
  readonly dhiWm2: number;
  readonly clearnessIndex: number;
}

/** Optional limits of the decompositions; defaults are pvlib's. */
export interface DecompositionOptions {
  /** Floor on cos z in the clearness index; default 0.065. */
  readonly minCosZenith?: number;
  /** Zenith (deg) above which DNI is set to 0 and DHI to GHI; default 87. */
  readonly maxZenithDeg?: number;
}

/**
 * Clearness index kt = GHI / (I0·max(cos z, minCosZenith)), clipped to [0, maxClearnessIndex]: GHI (W/m²),
 * true (unrefracted) zenith (deg), extraterrestrial normal irradiance I0 (W/m²). E. L. Maxwell, "A quasi-physical
 * model for converting hourly global horizontal to direct normal insolation", SERI/TR-215-3087 (1987); defaults as
 * pvlib's `clearness_index` (0.065 and 2.0, the latter allowing sub-hourly over-irradiance).
 */
export function clearnessIndex(
  ghiWm2: number,
  zenithDeg: number,
  dniExtraWm2: number,
  minCosZenith: number = DEFAULT_MIN_COS_ZENITH,
  maxClearnessIndex = 2,
): number {
  const horizontalExtraterrestrialWm2 = dniExtraWm2 * Math.max(Math.cos(zenithDeg * DEG_TO_RAD), minCosZenith);
  return Math.min(Math.max(ghiWm2 / horizontalExtraterrestrialWm2, 0), maxClearnessIndex);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Both decompositions cap kt at 1 (pvlib passes max_clearness_index=1 from erbs and disc).
const DECOMPOSITION_MAX_CLEARNESS_INDEX = 1;

function erbsInto(
  ghiWm2: number,
  zenithDeg: number,
  dniExtraWm2: number,
  minCosZenith: number,
  maxZenithDeg: number,
  out: Mutable<DecompositionResult>,
): void {
  const kt = clearnessIndex(ghiWm2, zenithDeg, dniExtraWm2, minCosZenith, DECOMPOSITION_MAX_CLEARNESS_INDEX);
  // Erbs, Klein & Duffie 1982, eq. 1; written so that a NaN kt stays NaN.
  const diffuseFrac =
    kt > 0.8
      ? 0.165
      : kt > 0.22
        ? 0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3 + 12.336 * kt ** 4
        : 1 - 0.09 * kt;
  const dhiWm2 = diffuseFrac * ghiWm2;
  const dniWm2 = (ghiWm2 - dhiWm2) / Math.cos(zenithDeg * DEG_TO_RAD);
  if (zenithDeg > maxZenithDeg || ghiWm2 < 0 || dniWm2 < 0) {
    out.dniWm2 = 0;
    out.dhiWm2 = ghiWm2;
  } else {
    out.dniWm2 = dniWm2;
    out.dhiWm2 = dhiWm2;
  }
  out.clearnessIndex = kt;
}

/**
 * Erbs decomposition of GHI (W/m²) into DNI and DHI (W/m²) from the true (unrefracted) zenith (deg) and the
 * extraterrestrial normal irradiance (W/m², e.g. `extraterrestrialDniAtUnixTimeWm2`, as pvlib computes it from the
 * timestamps): diffuse fraction DF(kt) = 1 − 0.09kt (kt ≤ 0.22), 0.9511 − 0.1604kt + 4.388kt² − 16.638kt³ + 12.336kt⁴
 * (≤ 0.8), 0.165 (> 0.8); DHI = DF·GHI, DNI = (GHI − DHI)/cos z. D. G. Erbs, S. A. Klein & J. A. Duffie, "Estimation
 * of the diffuse radiation fraction for hourly, daily and monthly-average global radiation", Solar Energy 28 (1982)
 * 293–302, doi:10.1016/0038-092X(82)90302-4. pvlib's `erbs` conventions: kt capped at 1 with cos z floored at 0.065,
 * and DNI = 0, DHI = GHI for zenith > 87°, GHI < 0 or DNI < 0, so DHI + DNI·cos z = GHI always holds.
 */
export function decomposeErbs(
  ghiWm2: number,
  zenithDeg: number,
  dniExtraWm2: number,
  options: DecompositionOptions = {},
): DecompositionResult {
  const out: Mutable<DecompositionResult> = { dniWm2: 0, dhiWm2: 0, clearnessIndex: 0 };
  erbsInto(
    ghiWm2,
    zenithDeg,
    dniExtraWm2,
    options.minCosZenith ?? DEFAULT_MIN_COS_ZENITH,
    options.maxZenithDeg ?? DEFAULT_MAX_ZENITH_DEG,
    out,
  );
  return out;
}

/** DISC's result also reports the air mass it used (after the cap). */
export interface DiscResult extends DecompositionResult {
  readonly airmass: number;
}

/** Options of DISC: those of every decomposition plus the air-mass cap. */
export interface DiscOptions extends DecompositionOptions {
  /** Air mass above which Kn uses this value; default 12. */
  readonly maxAirmass?: number;
}

function discInto(
  ghiWm2: number,
  zenithDeg: number,
  dayOfYear: number,
  pressurePa: number | null,
  minCosZenith: number,
  maxZenithDeg: number,
  maxAirmass: number,
  out: Mutable<DiscResult>,
): void {
  const dniExtraWm2 = extraterrestrialDniWm2(dayOfYear, DISC_SOLAR_CONSTANT_WM2);
  const kt = clearnessIndex(ghiWm2, zenithDeg, dniExtraWm2, minCosZenith, DECOMPOSITION_MAX_CLEARNESS_INDEX);
  const relative = relativeAirmass(zenithDeg, 'kasten1966');
  const airmass = Math.min(pressurePa === null ? relative : absoluteAirmass(relative, pressurePa), maxAirmass);

  // Maxwell 1987: ΔKn = a + b·exp(c·AM), with a, b, c cubic in kt on either side of kt = 0.6 (Horner form).
  const cloudy = kt <= 0.6;
  const a = cloudy ? 0.512 + kt * (-1.56 + kt * (2.286 - 2.222 * kt)) : -5.743 + kt * (21.77 + kt * (-27.49 + 11.56 * kt));
  const b = cloudy ? 0.37 + 0.962 * kt : 41.4 + kt * (-118.5 + kt * (66.05 + 31.9 * kt));
  const c = cloudy ? -0.28 + kt * (0.932 - 2.048 * kt) : -47.01 + kt * (184.2 + kt * (-222.0 + 73.81 * kt));
  const deltaKn = a + b * Math.exp(c * airmass);
  // Clear-sky direct beam transmittance Knc, a quartic in air mass.
  const knc = 0.866 + airmass * (-0.122 + airmass * (0.0121 + airmass * (-0.000653 + 1.4e-5 * airmass)));
  const dniWm2 = (knc - deltaKn) * dniExtraWm2;

  out.dniWm2 = zenithDeg > maxZenithDeg || ghiWm2 < 0 || dniWm2 < 0 ? 0 : dniWm2;
  out.dhiWm2 = ghiWm2 - out.dniWm2 * Math.cos(zenithDeg * DEG_TO_RAD);
  out.clearnessIndex = kt;
  out.airmass = airmass;
}

/**
 * DISC estimate of DNI (W/m²) from GHI (W/m²), the true zenith (deg), the day of year (1–366; pvlib uses the UTC day)
 * and the site pressure (Pa; `null` for relative air mass as in Maxwell's report, default 101325 Pa as pvlib and
 * NREL's implementation): DNI = (Knc(AM) − ΔKn(kt, AM))·I0 with I0 by Spencer at 1370 W/m² and Kasten (1966) air mass
 * capped at 12. E. L. Maxwell, "A quasi-physical model for converting hourly global horizontal to direct normal
 * insolation", SERI/TR-215-3087, Solar Energy Research Institute (1987). DHI = GHI − DNI·cos z (pvlib's
 * `complete_irradiance` closure); DNI is 0 for zenith > 87°, GHI < 0 or a negative model value.
 */
export function decomposeDisc(
  ghiWm2: number,
  zenithDeg: number,
  dayOfYear: number,
  pressurePa: number | null = STANDARD_PRESSURE_PA,
  options: DiscOptions = {},
): DiscResult {
  const out: Mutable<DiscResult> = { dniWm2: 0, dhiWm2: 0, clearnessIndex: 0, airmass: 0 };
  discInto(
    ghiWm2,
    zenithDeg,
    dayOfYear,
    pressurePa,
    options.minCosZenith ?? DEFAULT_MIN_COS_ZENITH,
    options.maxZenithDeg ?? DEFAULT_MAX_ZENITH_DEG,
    options.maxAirmass ?? DEFAULT_DISC_MAX_AIRMASS,
    out,
  );
  return out;
}

/**
 * DNI and DHI (W/m²) from GHI (W/m²) with the chosen model at a true zenith (deg) and unix time (s), taking the UTC
 * day of year as pvlib does with a DatetimeIndex (Erbs: Spencer at 1366.1 W/m²; DISC: Spencer at 1370 W/m² and
 * pressure in Pa). Erbs, Klein & Duffie, Solar Energy 28 (1982) 293–302; Maxwell, SERI/TR-215-3087 (1987).
 */
export function decomposeGhi(
  model: DecompositionModel,
  ghiWm2: number,
  zenithDeg: number,
  unixTimeS: number,
  pressurePa: number = STANDARD_PRESSURE_PA,
  options: DiscOptions = {},
): DecompositionResult {
  const dayOfYear = dayOfYearFromUnixTime(unixTimeS);
  switch (model) {
    case 'erbs':
      return decomposeErbs(ghiWm2, zenithDeg, extraterrestrialDniWm2(dayOfYear), options);
    case 'disc':
      return decomposeDisc(ghiWm2, zenithDeg, dayOfYear, pressurePa, options);
    default: {
      const unknown: never = model;
      throw new Error(`decomposeGhi: unknown model '${String(unknown)}'`);
    }
  }
}

/** Output arrays of `decomposeGhiBatch`, one entry per timestamp. */
export interface DecompositionBatchOut {
  readonly dniWm2: Float64Array;
  readonly dhiWm2: Float64Array;
}

/**
 * Decomposes a series of GHI (W/m²) at true zeniths (deg) and unix times (s) into `out` with the chosen model,
 * taking the UTC day of year of each timestamp for the extraterrestrial irradiance as pvlib does with a
 * DatetimeIndex (Erbs: Spencer at 1366.1 W/m²; DISC: Spencer at 1370 W/m², pressure in Pa, constant or per step).
 * No allocation per step; each entry equals the scalar `decomposeErbs`/`decomposeDisc` result exactly.
 */
export function decomposeGhiBatch(
  model: DecompositionModel,
  ghiWm2: Float64Array,
  zenithDeg: Float64Array,
  unixTimesS: Float64Array,
  out: DecompositionBatchOut,
  pressurePa: number | Float64Array = STANDARD_PRESSURE_PA,
  options: DiscOptions = {},
): DecompositionBatchOut {
  const fn = 'decomposeGhiBatch';
  const n = ghiWm2.length;
  const lengths: [string, number][] = [
    ['zenithDeg', zenithDeg.length],
    ['unixTimesS', unixTimesS.length],
    ['out.dniWm2', out.dniWm2.length],
    ['out.dhiWm2', out.dhiWm2.length],
  ];
  if (typeof pressurePa !== 'number') lengths.push(['pressurePa', pressurePa.length]);
  for (const [name, length] of lengths) {
    if (length !== n) throw new Error(`${fn}: ${name} has ${length} values, ghiWm2 has ${n}`);
  }
  const minCosZenith = options.minCosZenith ?? DEFAULT_MIN_COS_ZENITH;
  const maxZenithDeg = options.maxZenithDeg ?? DEFAULT_MAX_ZENITH_DEG;
  const maxAirmass = options.maxAirmass ?? DEFAULT_DISC_MAX_AIRMASS;
  const scratch: Mutable<DiscResult> = { dniWm2: 0, dhiWm2: 0, clearnessIndex: 0, airmass: 0 };
  for (let i = 0; i < n; i++) {
    const dayOfYear = dayOfYearFromUnixTime(unixTimesS[i]);
    switch (model) {
      case 'erbs':
        erbsInto(ghiWm2[i], zenithDeg[i], extraterrestrialDniWm2(dayOfYear), minCosZenith, maxZenithDeg, scratch);
        break;
      case 'disc':
        discInto(
          ghiWm2[i],
          zenithDeg[i],
          dayOfYear,
          typeof pressurePa === 'number' ? pressurePa : pressurePa[i],
          minCosZenith,
          maxZenithDeg,
          maxAirmass,
          scratch,
        );
        break;
      default: {
        const unknown: never = model;
        throw new Error(`${fn}: unknown model '${String(unknown)}'`);
      }
    }
    out.dniWm2[i] = scratch.dniWm2;
    out.dhiWm2[i] = scratch.dhiWm2;
  }
  return out;
}
