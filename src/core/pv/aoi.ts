/**
 * Angle of incidence between the sun's beam and a plane, and incidence-angle modifiers (IAM): the fraction of
 * light a module's glass lets through at an angle, relative to normal incidence.
 * Angles in degrees; azimuths clockwise from north (N = 0, E = 90, S = 180, W = 270); tilt from horizontal.
 *
 * Where the IAM applies in the chain is the caller's choice. PVWatts (Dobos 2014, NREL/TP-6A20-62641) applies its
 * AOI correction to the beam only; for a fuller account, `isotropicDiffuseIam` integrates any model over the
 * isotropic sky and ground seen by a tilted plane (Marion 2017), and the Martin–Ruiz closed forms approximate that.
 */

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;
const HALF_PI = Math.PI / 2;

/**
 * Cosine of the angle of incidence (dimensionless, in [−1, 1]) of the beam on a plane:
 * cos θ = cos β cos z + sin β sin z cos(γs − γ), tilt β, surface azimuth γ, solar zenith z and azimuth γs in degrees.
 * Duffie & Beckman, Solar Engineering of Thermal Processes, 4th ed. (2013), eq. 1.6.3; clipped to [−1, 1] as pvlib's
 * `aoi_projection`, so rounding never yields an impossible cosine.
 * @example cosAoi(30, 180, 14, 180) // cos 16° = 0.96126
 */
export function cosAoi(surfaceTiltDeg: number, surfaceAzimuthDeg: number, solarZenithDeg: number, solarAzimuthDeg: number): number {
  const tiltRad = surfaceTiltDeg * DEG_TO_RAD;
  const zenithRad = solarZenithDeg * DEG_TO_RAD;
  const projection =
    Math.cos(tiltRad) * Math.cos(zenithRad) +
    Math.sin(tiltRad) * Math.sin(zenithRad) * Math.cos((solarAzimuthDeg - surfaceAzimuthDeg) * DEG_TO_RAD);
  return projection > 1 ? 1 : projection < -1 ? -1 : projection;
}

/**
 * Angle of incidence (deg, in [0, 180]) of the beam on a plane: θ = arccos(cosAoi(...)); inputs as {@link cosAoi}.
 * Duffie & Beckman (2013) eq. 1.6.3; angles above 90° mean the sun is behind the plane.
 * @example aoiDeg(30, 180, 14, 180) // 16
 */
export function aoiDeg(surfaceTiltDeg: number, surfaceAzimuthDeg: number, solarZenithDeg: number, solarAzimuthDeg: number): number {
  return Math.acos(cosAoi(surfaceTiltDeg, surfaceAzimuthDeg, solarZenithDeg, solarAzimuthDeg)) * RAD_TO_DEG;
}

/** The sun's direction for one time step, with the trigonometry every plane at a site shares (compute once per hour). */
export interface SunDirection {
  /** Apparent (refraction-corrected) zenith, deg. */
  apparentZenithDeg: number;
  /** Solar azimuth, deg clockwise from north. */
  azimuthDeg: number;
  cosZenith: number;
  sinZenith: number;
  cosAzimuth: number;
  sinAzimuth: number;
}

/** A {@link SunDirection} for the sun overhead, to reuse as the `out` argument of {@link sunDirection}. */
export function createSunDirection(): SunDirection {
  return { apparentZenithDeg: 0, azimuthDeg: 180, cosZenith: 1, sinZenith: 0, cosAzimuth: -1, sinAzimuth: 0 };
}

/**
 * The sun's direction from apparent zenith and azimuth (deg), with their sines and cosines, written to `out`
 * (allocated when omitted). Unit vector (east, north, up) = (sin z sin γs, sin z cos γs, cos z).
 * @example sunDirection(60, 120).cosZenith // 0.5
 */
export function sunDirection(apparentZenithDeg: number, solarAzimuthDeg: number, out: SunDirection = createSunDirection()): SunDirection {
  const zenithRad = apparentZenithDeg * DEG_TO_RAD;
  const azimuthRad = solarAzimuthDeg * DEG_TO_RAD;
  out.apparentZenithDeg = apparentZenithDeg;
  out.azimuthDeg = solarAzimuthDeg;
  out.cosZenith = Math.cos(zenithRad);
  out.sinZenith = Math.sin(zenithRad);
  out.cosAzimuth = Math.cos(azimuthRad);
  out.sinAzimuth = Math.sin(azimuthRad);
  return out;
}

/** Incidence-angle-modifier models: none (IAM = 1), physical (Fresnel + Beer's law, De Soto 2006), Martin–Ruiz (2001). */
export type IamModel = 'none' | 'physical' | 'martin-ruiz';
export const IAM_MODELS: readonly IamModel[] = ['none', 'physical', 'martin-ruiz'];

/** Glass cover of the physical IAM model; an AR coating index of undefined (or 1, or equal to the glass) means no coating. */
export interface PhysicalIamParams {
  /** Effective refractive index of the glass (dimensionless). */
  readonly refractiveIndex: number;
  /** Glazing extinction coefficient (1/m). */
  readonly extinctionPerM: number;
  /** Glazing thickness (m). */
  readonly glassThicknessM: number;
  /** Effective refractive index of an anti-reflective coating (dimensionless), e.g. 1.29; undefined for bare glass. */
  readonly arCoatingRefractiveIndex?: number;
}

/** De Soto et al. (2006) values, also pvlib's `iam.physical` defaults: n = 1.526, K = 4 m⁻¹, L = 2 mm, no AR coating. */
export const PHYSICAL_IAM_DEFAULTS: PhysicalIamParams = Object.freeze({ refractiveIndex: 1.526, extinctionPerM: 4, glassThicknessM: 0.002 });

/** Martin & Ruiz (2001) angular-loss coefficient a_r for a typical crystalline module (dimensionless). */
export const MARTIN_RUIZ_DEFAULT_A_R = 0.16;

/** Parameters of every IAM model; only the chosen model's entry is read. */
export interface IamParams {
  readonly physical: PhysicalIamParams;
  readonly martinRuizAR: number;
}
export const IAM_DEFAULTS: IamParams = Object.freeze({ physical: PHYSICAL_IAM_DEFAULTS, martinRuizAR: MARTIN_RUIZ_DEFAULT_A_R });

/** Refractive index of air, the medium the light comes from. */
const AIR_REFRACTIVE_INDEX = 1;
/** Indices this close count as equal: the interface between them reflects nothing. */
const SAME_INDEX_TOLERANCE = 1e-12;

/**
 * Physical IAM (dimensionless, [0, 1]) of a glass cover at an angle of incidence (deg): Fresnel reflection of s- and
 * p-polarised light at each interface, incoherent multiple reflections inside an optional AR layer, and Beer's-law
 * absorption along the refracted path through the glass, all divided by the same at normal incidence.
 * W. De Soto, S. A. Klein, W. A. Beckman, "Improvement and validation of a model for photovoltaic array performance",
 * Solar Energy 80 (2006) 78–88, doi:10.1016/j.solener.2005.06.010, Section 3 (with θr = arcsin(sin θ / n), Snell's law,
 * where their eq. 14 has a misprint); AR-coating layer as pvlib `iam.physical(n_ar=...)`. |aoi| ≥ 90° gives 0.
 * @example iamPhysical(45) // 0.98797788
 */
export function iamPhysical(
  aoiDegrees: number,
  refractiveIndex: number = PHYSICAL_IAM_DEFAULTS.refractiveIndex,
  extinctionPerM: number = PHYSICAL_IAM_DEFAULTS.extinctionPerM,
  glassThicknessM: number = PHYSICAL_IAM_DEFAULTS.glassThicknessM,
  arCoatingRefractiveIndex?: number,
): number {
  if (Number.isNaN(aoiDegrees)) return Number.NaN;
  if (Math.abs(aoiDegrees) >= 90) return 0;
  const coating = effectiveCoatingIndex(arCoatingRefractiveIndex, refractiveIndex);
  const absorptionDepth = extinctionPerM * glassThicknessM;
  const normal = coverTransmittance(1, refractiveIndex, coating, absorptionDepth);
  const modifier = coverTransmittance(Math.cos(aoiDegrees * DEG_TO_RAD), refractiveIndex, coating, absorptionDepth) / normal;
  return modifier > 0 ? modifier : 0;
}

/** The AR coating's index, or 0 when there is effectively none (absent, equal to air's, or equal to the glass's). */
function effectiveCoatingIndex(nAr: number | undefined, nGlass: number): number {
  if (nAr === undefined) return 0;
  if (Math.abs(nAr - AIR_REFRACTIVE_INDEX) <= SAME_INDEX_TOLERANCE || Math.abs(nAr - nGlass) <= SAME_INDEX_TOLERANCE) return 0;
  return nAr;
}

/**
 * Fraction of light at incidence cosine `cosIncidence` (> 0) transmitted through air → [coating →] glass and absorbed
 * along the refracted path (Beer's law, absorption depth K·L); `coatingIndex` 0 means bare glass.
 */
function coverTransmittance(cosIncidence: number, glassIndex: number, coatingIndex: number, absorptionDepth: number): number {
  return coatingIndex > 0 ? coatedCoverTransmittance(cosIncidence, glassIndex, coatingIndex, absorptionDepth) : bareGlassTransmittance(cosIncidence, glassIndex, absorptionDepth);
}

/** {@link coverTransmittance} of bare glass: Fresnel at air → glass, then Beer's law along the refracted path. */
function bareGlassTransmittance(cosIncidence: number, glassIndex: number, absorptionDepth: number): number {
  const cos0 = cosIncidence;
  const sin1 = (AIR_REFRACTIVE_INDEX / glassIndex) * Math.sqrt(1 - cos0 * cos0);
  const cos1 = Math.sqrt(1 - sin1 * sin1);
  const transS = 1 - fresnelS(AIR_REFRACTIVE_INDEX, cos0, glassIndex, cos1);
  const transP = 1 - fresnelP(AIR_REFRACTIVE_INDEX, cos0, glassIndex, cos1);
  return 0.5 * (transS + transP) * expOfAbsorption(-absorptionDepth / cos1);
}

/** {@link coverTransmittance} through an anti-reflective layer of index `coatingIndex` on the glass. */
function coatedCoverTransmittance(cosIncidence: number, glassIndex: number, coatingIndex: number, absorptionDepth: number): number {
  const n0 = AIR_REFRACTIVE_INDEX;
  const n1 = coatingIndex;
  const cos0 = cosIncidence;
  const sin0 = Math.sqrt(1 - cos0 * cos0);
  const sin1 = (n0 / n1) * sin0;
  const cos1 = Math.sqrt(1 - sin1 * sin1);
  const reflS01 = fresnelS(n0, cos0, n1, cos1);
  const reflP01 = fresnelP(n0, cos0, n1, cos1);
  let transS = 1 - reflS01;
  let transP = 1 - reflP01;
  const sin2 = (n1 / glassIndex) * sin1;
  const cos2 = Math.sqrt(1 - sin2 * sin2);
  const reflS12 = fresnelS(n1, cos1, glassIndex, cos2);
  const reflP12 = fresnelP(n1, cos1, glassIndex, cos2);
  // Light bouncing between the two interfaces adds a geometric series 1 + r12·r01 + (r12·r01)² + … = 1/(1 − r12·r01).
  transS *= (1 - reflS12) / (1 - reflS12 * reflS01);
  transP *= (1 - reflP12) / (1 - reflP12 * reflP01);
  return 0.5 * (transS + transP) * expOfAbsorption(-absorptionDepth / cos2);
}

/**
 * e^y for Beer's law along the path in the glass: by its Taylor series to y⁷ where |y| ≤ 0.0125 (a 2–4 mm cover's K·L
 * is 0.004–0.016 over cos θr ≥ 0.75, so nearly always), where the omitted terms are below 1e-20, else Math.exp.
 */
function expOfAbsorption(y: number): number {
  if (!(y >= -0.0125 && y <= 0.0125)) return Math.exp(y);
  return 1 + y * (1 + y * (1 / 2 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y * (1 / 720 + y * (1 / 5040)))))));
}

/** Fresnel reflectance of s-polarised light from medium a (index, cosine of angle) into medium b. */
function fresnelS(nA: number, cosA: number, nB: number, cosB: number): number {
  const r = (nA * cosA - nB * cosB) / (nA * cosA + nB * cosB);
  return r * r;
}

/** Fresnel reflectance of p-polarised light from medium a into medium b. */
function fresnelP(nA: number, cosA: number, nB: number, cosB: number): number {
  const r = (nA * cosB - nB * cosA) / (nA * cosB + nB * cosA);
  return r * r;
}

/**
 * Martin–Ruiz IAM (dimensionless, [0, 1]) at an angle of incidence (deg): IAM = (1 − exp(−cos θ / a_r)) / (1 − exp(−1 / a_r)),
 * 0 for |θ| ≥ 90°. N. Martin, J. M. Ruiz, "Calculation of the PV modules angular losses under field conditions by means
 * of an analytical model", Solar Energy Materials & Solar Cells 70 (2001) 25–38, eq. 3–4, doi:10.1016/S0927-0248(00)00408-6
 * (corrigendum SEMSC 110 (2013) 154).
 * @example iamMartinRuiz(45) // 0.98986965
 */
export function iamMartinRuiz(aoiDegrees: number, aR: number = MARTIN_RUIZ_DEFAULT_A_R): number {
  if (!(aR > 0)) throw new Error(`iamMartinRuiz: a_r must be positive, got ${aR}`);
  if (Number.isNaN(aoiDegrees)) return Number.NaN;
  if (Math.abs(aoiDegrees) >= 90) return 0;
  return (1 - Math.exp(-Math.cos(aoiDegrees * DEG_TO_RAD) / aR)) / (1 - Math.exp(-1 / aR));
}

/** A beam IAM as a function of cos(aoi) (dimensionless → dimensionless), with the model's constants computed once. */
export type IamOfCosAoi = (cosAoi: number) => number;

/**
 * Prepare the beam IAM of a model as a function of cos(aoi), for the hourly loop: 0 for cos θ ≤ 0 (beam from behind),
 * otherwise {@link iamPhysical} (De Soto 2006) or {@link iamMartinRuiz} (2001) with their normal-incidence constants
 * precomputed; 'none' gives 1. Build once per array.
 * @example const beamIam = iamOfCosAoi('martin-ruiz'); beamIam(0.5) // 0.9336 (aoi 60°)
 */
export function iamOfCosAoi(model: IamModel, params: IamParams = IAM_DEFAULTS): IamOfCosAoi {
  switch (model) {
    case 'none':
      return (cosAoi) => (cosAoi > 0 ? 1 : Number.isNaN(cosAoi) ? Number.NaN : 0);
    case 'physical': {
      const p = params.physical;
      const coating = effectiveCoatingIndex(p.arCoatingRefractiveIndex, p.refractiveIndex);
      const absorptionDepth = p.extinctionPerM * p.glassThicknessM;
      const nGlass = p.refractiveIndex;
      const normal = coverTransmittance(1, nGlass, coating, absorptionDepth);
      // Bare glass, the common case, gets a function of its own: small enough to be compiled into the hourly loop.
      if (coating === 0) {
        return (cosAoi) => {
          if (!(cosAoi > 0)) return Number.isNaN(cosAoi) ? Number.NaN : 0;
          const modifier = bareGlassTransmittance(cosAoi > 1 ? 1 : cosAoi, nGlass, absorptionDepth) / normal;
          return modifier > 0 ? modifier : 0;
        };
      }
      return (cosAoi) => {
        if (!(cosAoi > 0)) return Number.isNaN(cosAoi) ? Number.NaN : 0;
        const modifier = coatedCoverTransmittance(cosAoi > 1 ? 1 : cosAoi, nGlass, coating, absorptionDepth) / normal;
        return modifier > 0 ? modifier : 0;
      };
    }
    case 'martin-ruiz': {
      const aR = params.martinRuizAR;
      if (!(aR > 0)) throw new Error(`iamOfCosAoi: a_r must be positive, got ${aR}`);
      const scale = 1 / (1 - Math.exp(-1 / aR));
      return (cosAoi) => (cosAoi > 0 ? (1 - Math.exp(-cosAoi / aR)) * scale : Number.isNaN(cosAoi) ? Number.NaN : 0);
    }
    default: {
      const unknown: never = model;
      throw new Error(`iamOfCosAoi: unknown model '${String(unknown)}'`);
    }
  }
}

/**
 * Beam IAM (dimensionless, [0, 1]) of the chosen model at an angle of incidence (deg); 'none' gives 1 in front of the
 * plane and 0 behind it (|θ| ≥ 90°). Dispatches to {@link iamPhysical} (De Soto 2006) or {@link iamMartinRuiz} (2001);
 * for the hourly loop use {@link iamOfCosAoi}.
 * @example iam('martin-ruiz', 60) // 0.9336
 */
export function iam(model: IamModel, aoiDegrees: number, params: IamParams = IAM_DEFAULTS): number {
  switch (model) {
    case 'none':
      if (Number.isNaN(aoiDegrees)) return Number.NaN;
      return Math.abs(aoiDegrees) >= 90 ? 0 : 1;
    case 'physical': {
      const p = params.physical;
      return iamPhysical(aoiDegrees, p.refractiveIndex, p.extinctionPerM, p.glassThicknessM, p.arCoatingRefractiveIndex);
    }
    case 'martin-ruiz':
      return iamMartinRuiz(aoiDegrees, params.martinRuizAR);
    default: {
      const unknown: never = model;
      throw new Error(`iam: unknown model '${String(unknown)}'`);
    }
  }
}

/** Martin & Ruiz (2001) fit constant c1 for the diffuse approximations, 4/(3π) as printed there (0.4244). */
export const MARTIN_RUIZ_DIFFUSE_C1 = 0.4244;

/** IEC 61853-3:2018 §7.2 linear relation for the second Martin–Ruiz diffuse constant: c2 = 0.5 a_r − 0.154. */
export function martinRuizDiffuseC2(aR: number): number {
  return 0.5 * aR - 0.154;
}

/**
 * Martin–Ruiz IAM (dimensionless) for isotropic sky diffuse on a plane of tilt β (deg, [0, 180]):
 * IAM = 1 − exp(−(c1 + c2 T) T / a_r), T = sin β' + (β' − sin β')/(1 − cos β') with β' = 180° − β.
 * Martin & Ruiz (2001) eq. 11–12 (SEMSC 70, 25–38); c2 from IEC 61853-3 unless given. Equals the ground IAM at 180° − β.
 * @example iamMartinRuizDiffuseSky(30) // 0.9549735
 */
export function iamMartinRuizDiffuseSky(
  surfaceTiltDeg: number,
  aR: number = MARTIN_RUIZ_DEFAULT_A_R,
  c1: number = MARTIN_RUIZ_DIFFUSE_C1,
  c2: number = martinRuizDiffuseC2(aR),
): number {
  return martinRuizDiffuse((180 - surfaceTiltDeg) * DEG_TO_RAD, aR, c1, c2);
}

/**
 * Martin–Ruiz IAM (dimensionless) for isotropic ground-reflected light on a plane of tilt β (deg, [0, 180]):
 * IAM = 1 − exp(−(c1 + c2 T) T / a_r), T = sin β + (β − sin β)/(1 − cos β); 0 on a horizontal plane (it sees no ground).
 * Martin & Ruiz (2001) eq. 11–12 (SEMSC 70, 25–38); c2 from IEC 61853-3 unless given.
 * @example iamMartinRuizDiffuseGround(30) // 0.7944426
 */
export function iamMartinRuizDiffuseGround(
  surfaceTiltDeg: number,
  aR: number = MARTIN_RUIZ_DEFAULT_A_R,
  c1: number = MARTIN_RUIZ_DIFFUSE_C1,
  c2: number = martinRuizDiffuseC2(aR),
): number {
  return martinRuizDiffuse(surfaceTiltDeg * DEG_TO_RAD, aR, c1, c2);
}

/** Below this angle (rad) (β − sin β)/(1 − cos β) loses its digits to cancellation; its series β/3 is exact there. */
const SMALL_ANGLE_RAD = 1e-4;

function martinRuizDiffuse(betaRad: number, aR: number, c1: number, c2: number): number {
  if (!(aR > 0)) throw new Error(`iamMartinRuizDiffuse: a_r must be positive, got ${aR}`);
  if (Number.isNaN(betaRad)) return Number.NaN;
  const sinBeta = Math.sin(betaRad);
  const ratio = betaRad < SMALL_ANGLE_RAD ? betaRad / 3 : (betaRad - sinBeta) / (1 - Math.cos(betaRad));
  const term = sinBeta + ratio;
  return 1 - Math.exp((-(c1 + c2 * term) * term) / aR);
}

/** Which isotropic diffuse source a plane sees: the sky dome above the horizon or the ground below it. */
export type DiffuseRegion = 'sky' | 'ground';

/** Simpson panels per integration segment; with the square-root substitution below, results agree with closed forms to ~1e-8. */
const DIFFUSE_IAM_PANELS = 200;

/**
 * IAM (dimensionless) for isotropic sky or ground irradiance on a plane of tilt β (deg, [0, 180]) under any beam IAM
 * model: the cos θ-weighted mean of IAM(θ) over the directions of that region in front of the plane,
 * ∫ IAM(θ) cos θ sin θ f(θ) dθ / ∫ cos θ sin θ f(θ) dθ, where f is the share of the circle of directions at angle θ from
 * the normal lying above (sky) or below (ground) the horizon: f_sky = 1 − arccos(cot θ cot β)/π (clamped).
 * The integral over azimuth is done in closed form, so only θ is integrated numerically (Simpson, with a square-root
 * substitution at the horizon kink θ* = |90° − β|). Method: W. F. Marion, "Numerical method for angle-of-incidence
 * correction factors for diffuse radiation incident photovoltaic modules", Solar Energy 147 (2017) 344–348,
 * doi:10.1016/j.solener.2017.03.027. Costs ~800 IAM evaluations: call once per tilt, not per hour (see {@link diffuseIamTable}).
 * Returns NaN where the plane sees none of the region (ground on a horizontal plane, sky on a face-down one).
 * @example isotropicDiffuseIam('physical', 20, 'sky') // ≈ 0.9539
 */
export function isotropicDiffuseIam(model: IamModel, surfaceTiltDeg: number, region: DiffuseRegion, params: IamParams = IAM_DEFAULTS): number {
  if (!(surfaceTiltDeg >= 0 && surfaceTiltDeg <= 180)) {
    throw new Error(`isotropicDiffuseIam: tilt must be within [0, 180] degrees, got ${surfaceTiltDeg}`);
  }
  // A horizontal plane sees no ground and a face-down one no sky; sin(180°) ≠ 0 in floating point, so say so directly.
  if ((surfaceTiltDeg === 0 && region === 'ground') || (surfaceTiltDeg === 180 && region === 'sky')) return Number.NaN;
  const betaRad = surfaceTiltDeg * DEG_TO_RAD;
  const sinBeta = Math.sin(betaRad);
  const cosBeta = Math.cos(betaRad);
  const kinkRad = Math.abs(HALF_PI - betaRad);
  const sums = { weighted: 0, weight: 0 };
  const beamIam = iamOfCosAoi(model, params);
  // Segment 1: θ in [0, θ*], where every direction lies on one side of the horizon.
  accumulateSimpson(0, kinkRad, false, beamIam, region, sinBeta, cosBeta, sums);
  // Segment 2: θ in [θ*, 90°], with θ = θ* + (90° − θ*) t² so the arccos square-root edge becomes smooth in t.
  accumulateSimpson(kinkRad, HALF_PI, true, beamIam, region, sinBeta, cosBeta, sums);
  return sums.weight > 0 ? sums.weighted / sums.weight : Number.NaN;
}

function accumulateSimpson(
  fromRad: number,
  toRad: number,
  squareRootSubstitution: boolean,
  beamIam: IamOfCosAoi,
  region: DiffuseRegion,
  sinBeta: number,
  cosBeta: number,
  sums: { weighted: number; weight: number },
): void {
  const span = toRad - fromRad;
  if (span <= 0) return;
  const h = 1 / DIFFUSE_IAM_PANELS;
  for (let i = 0; i <= DIFFUSE_IAM_PANELS; i++) {
    const t = i * h;
    const simpson = i === 0 || i === DIFFUSE_IAM_PANELS ? 1 : i % 2 === 1 ? 4 : 2;
    const thetaRad = squareRootSubstitution ? fromRad + span * t * t : fromRad + span * t;
    const jacobian = squareRootSubstitution ? 2 * span * t : span;
    const sinTheta = Math.sin(thetaRad);
    const cosTheta = Math.cos(thetaRad);
    const share = regionShare(region, sinTheta, cosTheta, sinBeta, cosBeta);
    const weight = simpson * jacobian * cosTheta * sinTheta * share;
    if (weight === 0) continue;
    sums.weight += weight;
    sums.weighted += weight * beamIam(cosTheta);
  }
}

/**
 * Share of the directions at angle θ from the plane's normal that lie above the horizon (sky) or below it (ground).
 * A direction at azimuth φ about the normal points above the horizon when cos θ cos β − sin θ sin β cos φ > 0,
 * i.e. cos φ < cot θ cot β; the share of φ in [0, 2π) meeting that is 1 − arccos(c)/π for c in [−1, 1].
 */
function regionShare(region: DiffuseRegion, sinTheta: number, cosTheta: number, sinBeta: number, cosBeta: number): number {
  let skyShare: number;
  const upward = cosTheta * cosBeta;
  const across = sinTheta * sinBeta;
  if (across <= 0) {
    skyShare = upward > 0 ? 1 : upward < 0 ? 0 : 0.5;
  } else {
    const c = upward / across;
    skyShare = c >= 1 ? 1 : c <= -1 ? 0 : 1 - Math.acos(c) / Math.PI;
  }
  return region === 'sky' ? skyShare : 1 - skyShare;
}

/** Sky and ground diffuse IAM tabulated by tilt for hourly lookup (trackers change tilt every hour). */
export interface DiffuseIamTable {
  /** Tilt step between entries (deg); entry i is at tilt i·step, from 0 to 180. */
  readonly stepDeg: number;
  readonly skyIam: Float64Array;
  /** Ground IAM; entry 0 (horizontal plane, no ground in view) holds the limit from the next tilt so lookups stay finite. */
  readonly groundIam: Float64Array;
}

/**
 * Sky and ground IAM (dimensionless) of a model tabulated from tilt 0° to 180° every `stepDeg` degrees, from
 * {@link isotropicDiffuseIam} (Marion 2017, Solar Energy 147, 344–348). Build once per array; read with {@link lookupDiffuseIam}.
 * @example const table = diffuseIamTable('physical'); lookupDiffuseIam(table.skyIam, table.stepDeg, 25.3)
 */
export function diffuseIamTable(model: IamModel, params: IamParams = IAM_DEFAULTS, stepDeg = 1): DiffuseIamTable {
  const count = Math.round(180 / stepDeg);
  if (!(stepDeg > 0) || Math.abs(count * stepDeg - 180) > 1e-9) {
    throw new Error(`diffuseIamTable: the tilt step must divide 180 degrees, got ${stepDeg}`);
  }
  const skyIam = new Float64Array(count + 1);
  const groundIam = new Float64Array(count + 1);
  for (let i = 0; i <= count; i++) {
    const tiltDeg = i * stepDeg;
    skyIam[i] = isotropicDiffuseIam(model, tiltDeg, 'sky', params);
    groundIam[i] = isotropicDiffuseIam(model, tiltDeg, 'ground', params);
  }
  // The plane sees no ground at 0° and no sky at 180°; its irradiance there is 0, so any finite modifier works: the neighbour's.
  groundIam[0] = groundIam[1];
  skyIam[count] = skyIam[count - 1];
  return { stepDeg, skyIam, groundIam };
}

/** Linear interpolation (dimensionless) in a {@link DiffuseIamTable} column at a tilt (deg, clamped to [0, 180]). */
export function lookupDiffuseIam(values: Float64Array, stepDeg: number, surfaceTiltDeg: number): number {
  const last = values.length - 1;
  const position = surfaceTiltDeg / stepDeg;
  if (!(position > 0)) return values[0];
  if (position >= last) return values[last];
  const index = Math.floor(position);
  const fraction = position - index;
  return values[index] + (values[index + 1] - values[index]) * fraction;
}
