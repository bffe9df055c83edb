/**
 * Transposition: irradiance on the plane of array (POA) from beam (DNI), diffuse (DHI) and global (GHI) horizontal
 * irradiance. Three sky-diffuse models (isotropic, Hay–Davies, Perez 1990) plus ground reflection from albedo.
 * Conventions (clipping, floors, night handling) follow pvlib-python's `get_total_irradiance` so results agree to the
 * last digits; each is noted where it is applied. Irradiance in W/m², angles in degrees, azimuth clockwise from north.
 *
 * Two entry points share one implementation: `poaComponents(model, inputs, out)` takes angles in degrees (reference
 * tests, scripting); `poaComponentsFromGeometry(model, sky, sun, plane, out)` takes the sun's and the plane's
 * precomputed trigonometry and calls no trigonometric function, for the hourly loop. Neither allocates when given `out`.
 */

import { cosAoi, type SunDirection } from './aoi.ts';

const DEG_TO_RAD = Math.PI / 180;

/** Sky-diffuse transposition models. */
export type TranspositionModel = 'isotropic' | 'haydavies' | 'perez';
export const TRANSPOSITION_MODELS: readonly TranspositionModel[] = ['isotropic', 'haydavies', 'perez'];

/** Hay–Davies floor on cos(zenith), about cos 89°, so Rb stays finite near the horizon (pvlib `haydavies`). */
export const HAYDAVIES_MIN_COS_ZENITH = 0.01745;

/** Perez floor on cos(zenith): cos 85° (Perez et al. 1990; pvlib `perez`). */
export const PEREZ_MIN_COS_ZENITH = Math.cos(85 * DEG_TO_RAD);

/** Perez zenith-correction constant κ for zenith in radians (Perez et al. 1990, eq. 1). */
const PEREZ_KAPPA = 1.041;

/**
 * Lower bounds of the Perez sky-clearness (ε) bins 1…8 (overcast … clear); bin 8 is open-ended.
 * Perez et al. (1990) Table 1.
 */
export const PEREZ_EPSILON_BIN_LOWER: readonly number[] = Object.freeze([1, 1.065, 1.23, 1.5, 1.95, 2.8, 4.5, 6.2]);

/**
 * Perez 1990 "all sites composite" coefficients, one row per ε bin: f11, f12, f13 (F1 = f11 + f12·Δ + f13·z) and
 * f21, f22, f23 (F2 likewise), zenith z in radians. R. Perez, P. Ineichen, R. Seals, J. Michalsky, R. Stewart,
 * "Modeling daylight availability and irradiance components from direct and global irradiance",
 * Solar Energy 44(5) (1990) 271–289, doi:10.1016/0038-092X(90)90055-H, Table 6.
 */
export const PEREZ_ALLSITES_COMPOSITE_1990: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([-0.008, 0.588, -0.062, -0.06, 0.072, -0.022]),
  Object.freeze([0.13, 0.683, -0.151, -0.019, 0.066, -0.029]),
  Object.freeze([0.33, 0.487, -0.221, 0.055, -0.064, -0.026]),
  Object.freeze([0.568, 0.187, -0.295, 0.109, -0.152, -0.014]),
  Object.freeze([0.873, -0.392, -0.362, 0.226, -0.462, 0.001]),
  Object.freeze([1.132, -1.237, -0.412, 0.288, -0.823, 0.056]),
  Object.freeze([1.06, -1.6, -0.359, 0.264, -1.127, 0.131]),
  Object.freeze([0.678, -0.327, -0.25, 0.156, -1.377, 0.251]),
]);

// The tables above as unboxed doubles, row after row, for the hourly loop (frozen arrays hold their numbers boxed).
const PEREZ_BIN_LOWER = Float64Array.from(PEREZ_EPSILON_BIN_LOWER);
const PEREZ_COEFFICIENTS = Float64Array.from(PEREZ_ALLSITES_COMPOSITE_1990.flat());
const PEREZ_ROW = 6;

/**
 * Perez sky-clearness bin index (0…7) of a clearness ε (dimensionless): the last bin whose lower bound is ≤ ε;
 * ε below 1 (impossible for DNI ≥ 0) falls in bin 0. Perez et al. (1990) Table 1; intervals closed below, like
 * pvlib's `np.digitize`.
 */
export function perezClearnessBin(epsilon: number): number {
  // A binary search over the seven inner bounds: three comparisons for any ε.
  const b = PEREZ_BIN_LOWER;
  if (epsilon >= b[4]) return epsilon >= b[6] ? (epsilon >= b[7] ? 7 : 6) : epsilon >= b[5] ? 5 : 4;
  return epsilon >= b[2] ? (epsilon >= b[3] ? 3 : 2) : epsilon >= b[1] ? 1 : 0;
}

/** The irradiance side of one time step: what the sky delivers and what the ground reflects. */
export interface SkyIrradiance {
  dniWm2: number;
  ghiWm2: number;
  dhiWm2: number;
  /** Extraterrestrial normal irradiance, W/m² (Hay–Davies and Perez only). */
  dniExtraWm2: number;
  /** Relative (not pressure-corrected) air mass, NaN with the sun below the horizon (Perez only). */
  airmassRelative: number;
  /** Ground albedo, 0–1. */
  albedo: number;
}

/** Everything the transposition needs for one time step and one plane, angles in degrees. */
export interface PoaInputs extends SkyIrradiance {
  surfaceTiltDeg: number;
  surfaceAzimuthDeg: number;
  /** Apparent (refraction-corrected) solar zenith, deg. */
  solarZenithDeg: number;
  solarAzimuthDeg: number;
}

/** The plane's side of one time step, as a mount reports it (see `MountOrientation` in tracking.ts). */
export interface PlaneGeometry {
  readonly cosSurfaceTilt: number;
  readonly sinSurfaceTilt: number;
  /** cos(angle of incidence) of the beam on the plane, in [−1, 1]. */
  readonly cosAoi: number;
}

/** Plane-of-array irradiance components, W/m². Only the sky-diffuse split a model defines is non-zero. */
export interface PoaComponents {
  poaGlobalWm2: number;
  poaDirectWm2: number;
  /** Sky diffuse + ground diffuse. */
  poaDiffuseWm2: number;
  poaSkyDiffuseWm2: number;
  poaGroundDiffuseWm2: number;
  /** Isotropic part of the sky diffuse (all of it for the isotropic model); Perez's may be negative (F1 > 1). */
  poaIsotropicWm2: number;
  /** Circumsolar part (Hay–Davies, Perez). */
  poaCircumsolarWm2: number;
  /** Horizon-brightening part (Perez); may be negative (F2 < 0) while the sky total is ≥ 0. */
  poaHorizonWm2: number;
  /** cos(angle of incidence), dimensionless, in [−1, 1]. */
  cosAoi: number;
}

/** A {@link PoaComponents} to reuse as the `out` argument of {@link poaComponents}, not yet written (NaN: double fields from the start). */
export function createPoaComponents(): PoaComponents {
  return {
    poaGlobalWm2: Number.NaN,
    poaDirectWm2: Number.NaN,
    poaDiffuseWm2: Number.NaN,
    poaSkyDiffuseWm2: Number.NaN,
    poaGroundDiffuseWm2: Number.NaN,
    poaIsotropicWm2: Number.NaN,
    poaCircumsolarWm2: Number.NaN,
    poaHorizonWm2: Number.NaN,
    cosAoi: Number.NaN,
  };
}

/**
 * Plane-of-array irradiance (W/m²) by component for one model, written to `out` (allocated when omitted):
 * global = beam + sky diffuse + ground diffuse, beam = max(DNI cos θ, 0), ground = GHI·albedo·(1 − cos β)/2, and the
 * model's sky diffuse with its isotropic/circumsolar/horizon split. Inputs in W/m², degrees, albedo 0–1.
 * Models: isotropic (Liu & Jordan 1963), Hay–Davies (1980), Perez et al. (1990, Solar Energy 44(5) 271–289);
 * conventions of pvlib `get_total_irradiance` (see {@link poaComponentsFromGeometry} for each).
 * @example poaComponents('perez', { surfaceTiltDeg: 30, surfaceAzimuthDeg: 180, solarZenithDeg: 14, solarAzimuthDeg: 180,
 *   dniWm2: 880, ghiWm2: 963.86, dhiWm2: 110, dniExtraWm2: 1321.62, airmassRelative: 1.0302, albedo: 0.2 }).poaGlobalWm2 // 970.65
 */
export function poaComponents(model: TranspositionModel, inputs: PoaInputs, out: PoaComponents = createPoaComponents()): PoaComponents {
  const tiltRad = inputs.surfaceTiltDeg * DEG_TO_RAD;
  return transpose(
    model,
    inputs,
    inputs.solarZenithDeg,
    Math.cos(inputs.solarZenithDeg * DEG_TO_RAD),
    Math.cos(tiltRad),
    Math.sin(tiltRad),
    cosAoi(inputs.surfaceTiltDeg, inputs.surfaceAzimuthDeg, inputs.solarZenithDeg, inputs.solarAzimuthDeg),
    out,
  );
}

/**
 * Plane-of-array irradiance (W/m²) by component from precomputed geometry, written to `out`: the hourly-loop form of
 * {@link poaComponents}, with the sun from `sunDirection` (aoi.ts) and the plane from a mount (tracking.ts).
 * Conventions, as pvlib: beam = max(DNI cos θ, 0); ground = GHI·albedo·(1 − cos β)/2 (Liu & Jordan 1963);
 * isotropic sky = DHI (1 + cos β)/2 (Liu & Jordan 1963);
 * Hay–Davies (J. E. Hay, J. A. Davies, Proc. First Canadian Solar Radiation Data Workshop (1980) 59–72):
 *   iso = max(DHI (1 − A)(1 + cos β)/2, 0), circ = max(DHI·A·Rb, 0), A = DNI/DNI_extra, Rb = max(cos θ, 0)/max(cos z, 0.01745);
 * Perez (R. Perez et al., Solar Energy 44(5) (1990) 271–289, doi:10.1016/0038-092X(90)90055-H, all-sites composite 1990):
 *   sky = max(DHI [(1 − F1)(1 + cos β)/2 + F1 a/b + F2 sin β], 0), a = max(cos θ, 0), b = max(cos z, cos 85°),
 *   F1 = max(f11 + f12 Δ + f13 z, 0), F2 = f21 + f22 Δ + f23 z, Δ = DHI·AM/DNI_extra,
 *   ε = ((DHI + DNI)/DHI + κ z³)/(1 + κ z³), κ = 1.041, z in radians; 0 (with all parts) where the air mass is NaN or
 *   the total is clipped, and 0 when DHI ≤ 0 (ε undefined; pvlib yields NaN there).
 */
export function poaComponentsFromGeometry(
  model: TranspositionModel,
  sky: SkyIrradiance,
  sun: SunDirection,
  plane: PlaneGeometry,
  out: PoaComponents,
): PoaComponents {
  return transpose(model, sky, sun.apparentZenithDeg, sun.cosZenith, plane.cosSurfaceTilt, plane.sinSurfaceTilt, plane.cosAoi, out);
}

function transpose(
  model: TranspositionModel,
  sky: SkyIrradiance,
  zenithDeg: number,
  cosZenith: number,
  cosTilt: number,
  sinTilt: number,
  cosTheta: number,
  out: PoaComponents,
): PoaComponents {
  let skyDiffuse: number;
  switch (model) {
    case 'isotropic':
      skyDiffuse = sky.dhiWm2 * (1 + cosTilt) * 0.5;
      out.poaIsotropicWm2 = skyDiffuse;
      out.poaCircumsolarWm2 = 0;
      out.poaHorizonWm2 = 0;
      break;
    case 'haydavies':
      skyDiffuse = haydavies(sky, cosZenith, cosTilt, cosTheta, out);
      break;
    case 'perez':
      skyDiffuse = perez(sky, zenithDeg * DEG_TO_RAD, cosZenith, cosTilt, sinTilt, cosTheta, out);
      break;
    default: {
      const unknown: never = model;
      throw new Error(`poaComponents: unknown transposition model '${String(unknown)}'`);
    }
  }
  const beam = sky.dniWm2 * cosTheta;
  const direct = beam > 0 ? beam : 0;
  const ground = sky.ghiWm2 * sky.albedo * (1 - cosTilt) * 0.5;
  out.cosAoi = cosTheta;
  out.poaDirectWm2 = direct;
  out.poaSkyDiffuseWm2 = skyDiffuse;
  out.poaGroundDiffuseWm2 = ground;
  out.poaDiffuseWm2 = skyDiffuse + ground;
  out.poaGlobalWm2 = direct + skyDiffuse + ground;
  return out;
}

function haydavies(sky: SkyIrradiance, cosZenith: number, cosTilt: number, cosTheta: number, out: PoaComponents): number {
  const rb = (cosTheta > 0 ? cosTheta : 0) / (cosZenith > HAYDAVIES_MIN_COS_ZENITH ? cosZenith : HAYDAVIES_MIN_COS_ZENITH);
  const anisotropyIndex = sky.dniWm2 / sky.dniExtraWm2;
  const isotropic = sky.dhiWm2 * (1 - anisotropyIndex) * (1 + cosTilt) * 0.5;
  const circumsolar = sky.dhiWm2 * anisotropyIndex * rb;
  out.poaIsotropicWm2 = isotropic > 0 ? isotropic : 0;
  out.poaCircumsolarWm2 = circumsolar > 0 ? circumsolar : 0;
  out.poaHorizonWm2 = 0;
  return out.poaIsotropicWm2 + out.poaCircumsolarWm2;
}

function perez(
  sky: SkyIrradiance,
  zenithRad: number,
  cosZenith: number,
  cosTilt: number,
  sinTilt: number,
  cosTheta: number,
  out: PoaComponents,
): number {
  const dhi = sky.dhiWm2;
  const airmass = sky.airmassRelative;
  if (Number.isNaN(airmass) || !(dhi > 0)) {
    out.poaIsotropicWm2 = 0;
    out.poaCircumsolarWm2 = 0;
    out.poaHorizonWm2 = 0;
    return 0;
  }
  const kappaZ3 = PEREZ_KAPPA * zenithRad * zenithRad * zenithRad;
  const epsilon = ((dhi + sky.dniWm2) / dhi + kappaZ3) / (1 + kappaZ3);
  const delta = (dhi * airmass) / sky.dniExtraWm2;
  const c = PEREZ_COEFFICIENTS;
  const row = perezClearnessBin(epsilon) * PEREZ_ROW;
  const f1Raw = c[row] + c[row + 1] * delta + c[row + 2] * zenithRad;
  const f1 = f1Raw > 0 ? f1Raw : 0;
  const f2 = c[row + 3] + c[row + 4] * delta + c[row + 5] * zenithRad;
  const a = cosTheta > 0 ? cosTheta : 0;
  const b = cosZenith > PEREZ_MIN_COS_ZENITH ? cosZenith : PEREZ_MIN_COS_ZENITH;

  const isotropic = dhi * 0.5 * (1 - f1) * (1 + cosTilt);
  const circumsolar = (dhi * f1 * a) / b;
  const horizon = dhi * f2 * sinTilt;
  const total = isotropic + circumsolar + horizon;
  if (total > 0) {
    out.poaIsotropicWm2 = isotropic;
    out.poaCircumsolarWm2 = circumsolar;
    out.poaHorizonWm2 = horizon;
    return total;
  }
  out.poaIsotropicWm2 = 0;
  out.poaCircumsolarWm2 = 0;
  out.poaHorizonWm2 = 0;
  return 0;
}
