/**
 * The `pvwatts-v5` preset: NREL's PVWatts version 5 (A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641,
 * 2014) as choices of the chain in pv-yield.ts, plus the four pieces PVWatts has and the general chain does not:
 * - the module cover's angle-of-incidence loss on the beam (Fresnel, glass n = 1.526, or glass under an
 *   anti-reflective layer n = 1.3 for premium modules; no absorption; Dobos 2014 §3.2);
 * - the Fuentes (1987) cell temperature with installed NOCT 45 °C (racks, trackers) or 49 °C (roof), fuentes.ts;
 * - the sun's position for the part of the sunrise and sunset hours in which the sun is up (below);
 * - the row-to-row self-shading of one-axis trackers without backtracking (pvwatts-v5-shading.ts).
 * Module types (Dobos 2014 Table 1): standard γ = −0.47 %/°C, premium −0.35 %/°C with AR glass, thin film −0.20 %/°C.
 * Array types: fixed open rack, fixed roof mount, one-axis (±45°, tilt = axis tilt), one-axis backtracking (GCR),
 * two-axis. Where a value was not in the manual it was read from PVWatts' implementation, NREL SSC
 * `ssc/cmod_pvwattsv5.cpp` (rotation limit 45°, AR index 1.3, incidence clamped to [1°, 89°]).
 */

import { PHYSICAL_IAM_DEFAULTS, type IamOfCosAoi, type SunDirection } from './aoi.ts';
import { FUENTES_PVWATTS_DEFAULTS, type FuentesParams } from './fuentes.ts';
import type { PvArray, PvMounting } from './pv-yield-types.ts';
import type { SystemLosses } from './pvwatts.ts';

/** PVWatts v5 module types. */
export type PvwattsModuleType = 'standard' | 'premium' | 'thin-film';
export const PVWATTS_MODULE_TYPES: readonly PvwattsModuleType[] = ['standard', 'premium', 'thin-film'];

/** PVWatts v5 array types. */
export type PvwattsArrayType = 'fixed-open-rack' | 'fixed-roof' | 'one-axis' | 'one-axis-backtracking' | 'two-axis';
export const PVWATTS_ARRAY_TYPES: readonly PvwattsArrayType[] = ['fixed-open-rack', 'fixed-roof', 'one-axis', 'one-axis-backtracking', 'two-axis'];

/** Module cover of the beam's incidence-angle loss. */
export type PvwattsCover = 'glass' | 'anti-reflective';

/** Temperature coefficient (1/°C) and cover of each module type, Dobos 2014 Table 1. */
export const PVWATTS_V5_MODULES: Readonly<Record<PvwattsModuleType, { readonly gammaPerC: number; readonly cover: PvwattsCover }>> = Object.freeze({
  standard: Object.freeze({ gammaPerC: -0.0047, cover: 'glass' }),
  premium: Object.freeze({ gammaPerC: -0.0035, cover: 'anti-reflective' }),
  'thin-film': Object.freeze({ gammaPerC: -0.002, cover: 'glass' }),
});

/** Installed NOCT (°C) of racks and trackers, and of roof mounts (Dobos 2014 §3.3). */
export const PVWATTS_V5_NOCT_RACK_C = 45;
export const PVWATTS_V5_NOCT_ROOF_C = 49;
/** One-axis trackers turn at most 45° either side (SSC cmod_pvwattsv5.cpp). */
export const PVWATTS_V5_MAX_ANGLE_DEG = 45;
/** Default ground coverage ratio of one-axis trackers (Dobos 2014). */
export const PVWATTS_V5_DEFAULT_GCR = 0.4;
/** Refractive index of the anti-reflective layer of premium modules (SSC cmod_pvwattsv5.cpp). */
export const PVWATTS_V5_AR_REFRACTIVE_INDEX = 1.3;
/** PVWatts' default system losses, 14.08 % (Dobos 2014 Table 2, combined as 1 − Π(1 − l_i)). */
export const PVWATTS_V5_DEFAULT_LOSSES_FRAC = 0.1408;

const AIR_REFRACTIVE_INDEX = 1;
const RAD_TO_DEG = 180 / Math.PI;

/**
 * Fresnel transmittance (dimensionless) of unpolarised light from a medium of index n₁ into one of index n₂ at an
 * incidence whose cosine is c₁: 1 − ½(R_s + R_p), R_s = ((n₁c₁ − n₂c₂)/(n₁c₁ + n₂c₂))², R_p = ((n₁c₂ − n₂c₁)/(n₁c₂ + n₂c₁))²,
 * c₂ the cosine of the refracted ray (Snell: n₂ sin θ₂ = n₁ sin θ₁) — the same as Dobos' sin/tan form, without
 * trigonometric calls. J. A. Duffie, W. A. Beckman, Solar Engineering of Thermal Processes, 4th ed. (2013), eqs. 5.1.1–5.1.3.
 */
function fresnelTransmittance(cos1: number, n2: number, n1: number): number {
  const sin2 = (n1 / n2) * Math.sqrt(1 - cos1 * cos1);
  const cos2 = Math.sqrt(1 - sin2 * sin2);
  const rs = (n1 * cos1 - n2 * cos2) / (n1 * cos1 + n2 * cos2);
  const rp = (n1 * cos2 - n2 * cos1) / (n1 * cos2 + n2 * cos1);
  return 1 - 0.5 * (rs * rs + rp * rp);
}

/** PVWatts' cover transmittance at incidence cosine c (already clamped to [cos 89°, cos 1°]). */
function coverTransmittance(cosTheta: number, cover: PvwattsCover): number {
  const nGlass = PHYSICAL_IAM_DEFAULTS.refractiveIndex;
  if (cover === 'glass') return fresnelTransmittance(cosTheta, nGlass, AIR_REFRACTIVE_INDEX);
  const sinInCoating = (AIR_REFRACTIVE_INDEX / PVWATTS_V5_AR_REFRACTIVE_INDEX) * Math.sqrt(1 - cosTheta * cosTheta);
  const cosInCoating = Math.sqrt(1 - sinInCoating * sinInCoating);
  return fresnelTransmittance(cosTheta, PVWATTS_V5_AR_REFRACTIVE_INDEX, AIR_REFRACTIVE_INDEX) * fresnelTransmittance(cosInCoating, nGlass, PVWATTS_V5_AR_REFRACTIVE_INDEX);
}

const COS_MIN_AOI = Math.cos(1 / (180 / Math.PI));
const COS_MAX_AOI = Math.cos(89 / (180 / Math.PI));
const clampCos = (c: number) => (c > COS_MIN_AOI ? COS_MIN_AOI : c < COS_MAX_AOI ? COS_MAX_AOI : c);

/**
 * PVWatts v5 cover transmittance relative to near-normal incidence (dimensionless, 0–1) at an angle of incidence θ (deg):
 * τ(θ)/τ(1°), θ clamped to [1°, 89°]; τ is the Fresnel transmittance of unpolarised light through air → glass
 * (n = 1.526), or through air → AR layer (n = 1.3) times AR layer → glass, without absorption (Dobos 2014 §3.2, after
 * De Soto et al., Solar Energy 80 (2006) 78–88, who add absorption; PVWatts leaves it out as negligible).
 * aoi.ts's `iamPhysical` is the fuller model (absorption, inter-reflections in the AR layer); this one is PVWatts'.
 * @example pvwattsV5CoverIam(60, 'glass') // 0.94763
 */
export function pvwattsV5CoverIam(aoiDegrees: number, cover: PvwattsCover): number {
  if (Number.isNaN(aoiDegrees)) return Number.NaN;
  return coverTransmittance(clampCos(Math.cos(aoiDegrees / RAD_TO_DEG)), cover) / coverTransmittance(COS_MIN_AOI, cover);
}

/**
 * The beam IAM of a PVWatts v5 cover as a function of cos(aoi), for the hourly loop: 0 behind the plane
 * (PVWatts has no beam there), else {@link pvwattsV5CoverIam}.
 */
export function pvwattsV5BeamIam(cover: PvwattsCover): IamOfCosAoi {
  const normal = coverTransmittance(COS_MIN_AOI, cover);
  return (cosAoi: number) => (cosAoi > 0 ? coverTransmittance(clampCos(cosAoi), cover) / normal : 0);
}

/** Above this apparent zenith (deg) an hour may include sunrise or sunset (the sun climbs at most 15°/h). */
export const SUN_UP_CHECK_ZENITH_DEG = 80;

/**
 * The sun for the part of a step (centred on the sun's direction `sun`, `stepHours` long) in which it is above the
 * horizon, written into `sun`: returns 1 when the sun is up the whole step (unchanged), 0 when it is down all of it,
 * and the up fraction otherwise, with `sun` moved to the middle of the up part. PVWatts v5 computes the sun at the middle
 * of each hour and, in the hour holding sunrise (sunset), at the midpoint between sunrise and the end of the hour
 * (the start of the hour and sunset); hours the sun does not reach produce nothing (SSC `shared/lib_irradproc.cpp`,
 * `irrad::calc`, which PVWatts v5 runs). Declination δ and hour angle ω come from the sun vector at latitude φ
 * (sin δ = sin φ cos z + cos φ sin z cos A; tan ω = −sin z sin A / (cos φ cos z − sin φ sin z cos A)), sunrise and
 * sunset from cos ω₀ = −tan φ tan δ (geometric, Duffie & Beckman (2013) eq. 1.6.10), with δ held over the step.
 * The moved sun has no refraction: the hours it applies to have the sun within a few degrees of the horizon.
 */
export function sunUpPartOfStep(latitudeDeg: number, sun: SunDirection, stepHours: number): number {
  const phi = latitudeDeg / RAD_TO_DEG;
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const east = sun.sinZenith * sun.sinAzimuth;
  const north = sun.sinZenith * sun.cosAzimuth;
  const up = sun.cosZenith;
  const sinDec = sinPhi * up + cosPhi * north;
  const cosDec = Math.sqrt(Math.max(0, 1 - sinDec * sinDec));
  const omega = Math.atan2(-east, cosPhi * up - sinPhi * north);
  const cosOmega0 = cosDec * cosPhi === 0 ? (sinDec * sinPhi > 0 ? -1 : 1) : -(sinPhi * sinDec) / (cosPhi * cosDec);
  if (cosOmega0 <= -1) return 1; // polar day
  if (cosOmega0 >= 1) return 0; // polar night
  const omega0 = Math.acos(cosOmega0);
  const halfStep = (stepHours * Math.PI) / 24;
  const start = Math.max(omega - halfStep, -omega0);
  const end = Math.min(omega + halfStep, omega0);
  if (start === omega - halfStep && end === omega + halfStep) return 1;
  if (!(end > start)) return 0;
  const w = (start + end) / 2;
  const cosW = Math.cos(w);
  const upW = sinPhi * sinDec + cosPhi * cosDec * cosW;
  const eastW = -cosDec * Math.sin(w);
  const northW = cosPhi * sinDec - sinPhi * cosDec * cosW;
  const horizontal = Math.sqrt(eastW * eastW + northW * northW);
  sun.cosZenith = upW;
  sun.sinZenith = horizontal;
  sun.apparentZenithDeg = Math.atan2(horizontal, upW) * RAD_TO_DEG;
  sun.cosAzimuth = horizontal > 0 ? northW / horizontal : 1;
  sun.sinAzimuth = horizontal > 0 ? eastW / horizontal : 0;
  let azimuthDeg = Math.atan2(eastW, northW) * RAD_TO_DEG;
  if (azimuthDeg < 0) azimuthDeg += 360;
  sun.azimuthDeg = azimuthDeg;
  return (end - start) / (2 * halfStep);
}

/** The inputs of the PVWatts v5 calculator. */
export interface PvwattsV5Options {
  readonly moduleType: PvwattsModuleType;
  readonly arrayType: PvwattsArrayType;
  /** Fixed: the modules' tilt; trackers: the axis tilt (deg). PVWatts' default is 20° for fixed arrays, 0° for trackers. */
  readonly tiltDeg: number;
  /** Fixed: the direction the modules face; one-axis: the axis azimuth (deg clockwise from north); default 180. */
  readonly azimuthDeg?: number;
  /** One-axis: ground coverage ratio (0–1]; default 0.4 (used for backtracking). */
  readonly gcr?: number;
  readonly dcNameplateW?: number;
  /** Default 1.2. */
  readonly dcAcRatio?: number;
  /** Nominal inverter efficiency (0–1); default 0.96. */
  readonly inverterEfficiency?: number;
  /** Default 14.08 % total. */
  readonly losses?: SystemLosses;
  /** Ground albedo where the weather has none; default 0.2. */
  readonly albedo?: number;
}

/**
 * The PvArray of the PVWatts v5 calculator (Dobos 2014): module type → γ and cover, array type → mounting and installed
 * NOCT, Perez 1990 sky, beam-only cover IAM, Fuentes cell temperature, PVWatts DC and inverter models, system losses
 * on DC (default 14.08 %), the sun at the middle of the sun-up part of sunrise and sunset hours, and for `one-axis`
 * the rows' self-shading.
 * @example pvwattsV5Array({ moduleType: 'standard', arrayType: 'fixed-open-rack', tiltDeg: 20 }).gammaPerC // -0.0047
 */
export function pvwattsV5Array(options: PvwattsV5Options): PvArray {
  const module = PVWATTS_V5_MODULES[options.moduleType];
  if (module === undefined) throw new Error(`pvwattsV5Array: unknown module type '${String(options.moduleType)}'`);
  const azimuthDeg = options.azimuthDeg ?? 180;
  let mounting: PvMounting;
  switch (options.arrayType) {
    case 'fixed-open-rack':
    case 'fixed-roof':
      mounting = { type: 'fixed', tiltDeg: options.tiltDeg, azimuthDeg };
      break;
    case 'one-axis':
    case 'one-axis-backtracking':
      mounting = {
        type: 'single-axis',
        axisTiltDeg: options.tiltDeg,
        axisAzimuthDeg: azimuthDeg,
        maxAngleDeg: PVWATTS_V5_MAX_ANGLE_DEG,
        backtrack: options.arrayType === 'one-axis-backtracking',
        gcr: options.gcr ?? PVWATTS_V5_DEFAULT_GCR,
      };
      break;
    case 'two-axis':
      mounting = { type: 'two-axis' };
      break;
    default: {
      const unknown: never = options.arrayType;
      throw new Error(`pvwattsV5Array: unknown array type '${String(unknown)}'`);
    }
  }
  const fuentes: FuentesParams = {
    ...FUENTES_PVWATTS_DEFAULTS,
    noctInstalledC: options.arrayType === 'fixed-roof' ? PVWATTS_V5_NOCT_ROOF_C : PVWATTS_V5_NOCT_RACK_C,
  };
  return {
    mounting,
    ...(options.dcNameplateW === undefined ? {} : { dcNameplateW: options.dcNameplateW }),
    gammaPerC: module.gammaPerC,
    dcAcRatio: options.dcAcRatio ?? 1.2,
    inverterEfficiency: options.inverterEfficiency ?? 0.96,
    losses: options.losses ?? { kind: 'total', totalFrac: PVWATTS_V5_DEFAULT_LOSSES_FRAC },
    transposition: 'perez',
    pvwattsCover: module.cover,
    fuentes,
    sunPosition: 'sun-up-midpoint',
    solarPositionModel: 'michalsky',
    albedo: options.albedo ?? 0.2,
    decomposition: 'erbs',
    ...(options.arrayType === 'one-axis' ? { pvwattsSelfShading: true } : {}),
  };
}
