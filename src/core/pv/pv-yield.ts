/**
 * The PV model chain: from a site, an array and a weather year to hourly AC power and specific yield (kWh/kWp), at
 * PVWatts v5 grade (A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641, 2014) with pvlib-python's model
 * chain conventions. Pure, typed arrays, no allocation per hour; docs/pv-yield.md walks through every step.
 *
 * Per hour, in this order:
 *  1. Solar position by the NREL SPA at the row's timestamp (readers stamp hour-ending rows at mid-hour), with
 *     refraction from the hour's pressure and air temperature; the Earth-centred part is shared by every site.
 *  2. Extraterrestrial normal irradiance (Spencer 1971) on the UTC day of year.
 *  3. Relative air mass (Kasten–Young 1989) at the apparent zenith, for Perez; the absolute air mass (× p/101325,
 *     p the file's pressure where present, else the standard atmosphere at the site's altitude) is reported hourly.
 *  4. DNI and DHI from GHI (Erbs by default, or DISC) where the weather lacks either.
 *  5. Mount orientation: fixed, or a single-axis tracker with backtracking.
 *  6. Transposition (isotropic, Hay–Davies or Perez 1990) with ground reflection from albedo (the file's where
 *     present, else the array's); beam, sky-diffuse and ground components kept apart.
 *  7. Incidence-angle modifier on the beam only, as PVWatts and pvlib's model chain do:
 *     E_eff = E_beam·IAM(θ) + E_sky + E_ground.
 *  8. Cell temperature (SAPM or Faiman) from the plane-of-array global irradiance, air temperature and wind.
 *  9. PVWatts DC power: P_dc = E_eff/1000 · P_dc0 · (1 + γ (T_c − 25 °C)).
 * 10. System losses on DC, before the inverter (one total, or the PVWatts categories combined multiplicatively).
 * 11. PVWatts inverter: P_ac0 = P_dc0 / (DC/AC ratio), DC input rating P_ac0 / η_nom, part-load curve, clipping.
 * Hours with no light at all (GHI, DNI and DHI all zero or missing) give exactly zero power, so they skip 4–11.
 */

import { absoluteAirmass, pressureFromAltitudePa, relativeAirmass } from './atmosphere.ts';
import { createSunDirection, IAM_DEFAULTS, iamOfCosAoi, type IamModel, type IamParams } from './aoi.ts';
import { createFuentesState, fuentesModel, fuentesStep, type FuentesModel, type FuentesParams } from './fuentes.ts';
import { pvwattsV5BeamIam, SUN_UP_CHECK_ZENITH_DEG, sunUpPartOfStep, type PvwattsCover } from './pvwatts-v5.ts';
import { decomposeGhiBatch, type DecompositionModel } from './decomposition.ts';
import { extraterrestrialDniWm2 } from './extraterrestrial.ts';
import {
  computeSpaTimeTermsBatch,
  createSolarPositionBatchOut,
  DEFAULT_DELTA_T_S,
  solarPositionBatch,
  type SolarPositionBatchOut,
  type SpaTimeTermsBatch,
} from './solar-position.ts';
import { cellTemperatureC, cellTemperatureParams, type CellTemperatureParams } from './temperature.ts';
import { dayOfYearFromUnixTime, monthFromUnixTime, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.ts';
import { createMountOrientation, fixedMount, orientMount, singleAxisMount, SINGLE_AXIS_DEFAULTS, TWO_AXIS_MOUNT, type Mount } from './tracking.ts';
import { createPoaComponents, poaComponentsFromGeometry, type SkyIrradiance, type TranspositionModel } from './transposition.ts';
import {
  PVWATTS_DEFAULT_LOSSES_FRAC,
  PVWATTS_ETA_INV_NOM,
  pvwattsClippedDcW,
  pvwattsDcW,
  pvwattsInverter,
  pvwattsInverterAcW,
  STC_IRRADIANCE_WM2,
  systemLossFrac,
  type SystemLosses,
} from './pvwatts.ts';
import { W_PER_KW } from '../units.ts';

const MONTHS_PER_YEAR = 12;
const RAD_TO_DEG = 180 / Math.PI;
/** Degrees of longitude per hour of time zone, for the default UTC offset round(longitude / 15°). */
const DEGREES_OF_LONGITUDE_PER_HOUR = 15;

/** PVWatts v8 temperature coefficient of a standard crystalline-silicon module (1/°C). */
export const DEFAULT_GAMMA_PER_C = -0.0037;
/** PVWatts default DC/AC ratio (dimensionless). */
export const DEFAULT_DC_AC_RATIO = 1.2;
/** Ground albedo used where the weather has none (dimensionless; grass, pvlib's and PVWatts' default). */
export const DEFAULT_ALBEDO = 0.2;
/** DC nameplate of the array when none is given (W): 1 kWp, so powers read per kWp. */
export const DEFAULT_DC_NAMEPLATE_W = 1000;

/** Where the array is: the SPA site plus the local clock that months are counted on. */
export interface PvSite {
  /** Latitude (deg, north positive, [-90, 90]). */
  readonly latitudeDeg: number;
  /** Longitude (deg, east positive). */
  readonly longitudeDeg: number;
  /** Altitude above sea level (m); default 0. */
  readonly altitudeM?: number;
  /** Local standard time ahead of UTC (h) for monthly sums; default round(longitude / 15°). */
  readonly utcOffsetHours?: number;
}

/** How the modules are held: a fixed rack, or a single-axis tracker (fields default to `SINGLE_AXIS_DEFAULTS`). */
export type PvMounting =
  | { readonly type: 'fixed'; readonly tiltDeg: number; readonly azimuthDeg: number }
  | {
      readonly type: 'single-axis';
      readonly axisTiltDeg?: number;
      readonly axisAzimuthDeg?: number;
      readonly maxAngleDeg?: number;
      readonly backtrack?: boolean;
      readonly gcr?: number;
    }
  | { readonly type: 'two-axis' };

/** Where the sun is taken for a step: at its timestamp, or (PVWatts v5) at the middle of the part of it the sun is up. */
export type SunPositionRule = 'timestamp' | 'sun-up-midpoint';

/** An array and its inverter; every optional field defaults to PVWatts' value, listed on it. */
export interface PvArray {
  readonly mounting: PvMounting;
  /** DC nameplate at STC (W); default 1000 W. Results per kWp do not depend on it. */
  readonly dcNameplateW?: number;
  /** Temperature coefficient of power γ (1/°C); default −0.0037. */
  readonly gammaPerC?: number;
  /** DC nameplate / AC nameplate (dimensionless); default 1.2. */
  readonly dcAcRatio?: number;
  /** Nominal inverter efficiency η_nom (dimensionless); default 0.96. */
  readonly inverterEfficiency?: number;
  /** System losses on DC; default the PVWatts categories of Dobos 2014 Table 2 (14.08 % combined). */
  readonly losses?: SystemLosses;
  /** Sky-diffuse transposition model; default 'perez'. */
  readonly transposition?: TranspositionModel;
  /** Incidence-angle modifier on the beam; default 'physical' (PVWatts' glass cover, n = 1.526). */
  readonly iamModel?: IamModel;
  readonly iamParams?: IamParams;
  /** Cell-temperature model and coefficients; default SAPM, open rack, glass/glass. */
  readonly temperature?: CellTemperatureParams;
  /** Ground albedo (0–1) where the weather has none; default 0.2. */
  readonly albedo?: number;
  /** Decomposition of GHI where the weather lacks DNI or DHI; default 'erbs'. */
  readonly decomposition?: DecompositionModel;
  /** PVWatts v5 module cover for the beam IAM (pvwatts-v5.ts); replaces `iamModel` when given. */
  readonly pvwattsCover?: PvwattsCover;
  /** Fuentes (1987) cell temperature with these inputs (fuentes.ts); replaces `temperature` when given. */
  readonly fuentes?: FuentesParams;
  /** Default 'timestamp'; 'sun-up-midpoint' treats sunrise and sunset hours as PVWatts v5 does (pvwatts-v5.ts). */
  readonly sunPosition?: SunPositionRule;
}

/** Hourly (or sub-hourly) weather; a `WeatherSeries` from src/weather satisfies it. */
export interface YieldWeather {
  /** Instants (s since 1970-01-01T00:00:00Z) at which to compute solar position, increasing. */
  readonly unixTimeS: Float64Array;
  /** Global horizontal irradiance (W/m²), mean over the step. */
  readonly ghiWm2: Float64Array;
  /** Direct normal irradiance (W/m²); NaN (or the column absent) where missing: then decomposed. */
  readonly dniWm2?: Float64Array;
  /** Diffuse horizontal irradiance (W/m²); NaN (or absent) where missing: then decomposed. */
  readonly dhiWm2?: Float64Array;
  /** Air temperature (°C). */
  readonly tempAirC: Float64Array;
  /** Wind speed (m/s) at the station's height. */
  readonly windSpeedMPerS: Float64Array;
  /** Station pressure (Pa); NaN or absent where missing: then from the altitude. */
  readonly pressurePa?: Float64Array;
  /** Ground albedo (0–1); NaN or absent where missing: then the array's. */
  readonly albedo?: Float64Array;
  /** Time step (h), 1 for hourly data. */
  readonly stepHours: number;
}

/** One PV system of a batch: where, what and under which weather. */
export interface YieldSystem {
  readonly site: PvSite;
  readonly array: PvArray;
  readonly weather: YieldWeather;
}

/** Inputs of {@link simulateYield}. */
export interface SimulateYieldInput extends YieldSystem {
  /** ΔT = TT − UT1 (s) for the SPA; default 67 s. */
  readonly deltaTS?: number;
  /** Also return the hourly series; default false. */
  readonly hourly?: boolean;
}

/** One step of the loss cascade: energy lost (kWh/kWp) and its share of the energy entering the step (0–1). */
export interface YieldLossStep {
  readonly kWhPerKWp: number;
  readonly frac: number;
}

/**
 * Losses by step, in chain order. `iam` is relative to the POA insolation (zero with the 'none' model);
 * `temperature` to the DC energy at STC efficiency (negative: a gain, in cold climates); `system` to the DC energy
 * before losses (it equals the configured total); `clipping` and `inverter` to the DC energy at the inverter input.
 */
export interface YieldLosses {
  readonly iam: YieldLossStep;
  readonly temperature: YieldLossStep;
  readonly system: YieldLossStep;
  readonly clipping: YieldLossStep;
  readonly inverter: YieldLossStep;
}

/** Hour-by-hour results (one entry per weather row); zeros where no light reaches the ground. */
export interface YieldHourly {
  readonly unixTimeS: Float64Array;
  /** Apparent (refracted) solar zenith (deg). */
  readonly solarZenithDeg: Float64Array;
  /** Solar azimuth (deg clockwise from north). */
  readonly solarAzimuthDeg: Float64Array;
  /** Absolute air mass (dimensionless, NaN below the horizon). */
  readonly airmassAbsolute: Float64Array;
  /** GHI, DNI and DHI used (W/m²): the weather's, or decomposed from GHI. */
  readonly ghiWm2: Float64Array;
  readonly dniWm2: Float64Array;
  readonly dhiWm2: Float64Array;
  readonly surfaceTiltDeg: Float64Array;
  readonly surfaceAzimuthDeg: Float64Array;
  /** Angle of incidence of the beam on the plane (deg). */
  readonly aoiDeg: Float64Array;
  readonly poaGlobalWm2: Float64Array;
  readonly poaBeamWm2: Float64Array;
  readonly poaSkyDiffuseWm2: Float64Array;
  readonly poaGroundDiffuseWm2: Float64Array;
  /** POA after the incidence-angle modifier (W/m²). */
  readonly poaEffectiveWm2: Float64Array;
  readonly cellTempC: Float64Array;
  /** DC power at the inverter input, after system losses (W). */
  readonly dcW: Float64Array;
  readonly acW: Float64Array;
  /** DC power the inverter could not use at its AC limit (W). */
  readonly clippedDcW: Float64Array;
}

/** Yield of one system over its weather series. Insolation per m², energy per kWp of DC nameplate. */
export interface YieldResult {
  /** AC energy / DC nameplate over the series (kWh/kWp; = full-load hours). */
  readonly annualKWhPerKWp: number;
  /** The same by local calendar month, January first (12 values summing to the annual). */
  readonly monthlyKWhPerKWp: readonly number[];
  /** AC energy of the array (kWh). */
  readonly acEnergyKWh: number;
  /** Plane-of-array insolation (kWh/m²) before the IAM. */
  readonly poaKWhPerM2: number;
  readonly monthlyPoaKWhPerM2: readonly number[];
  /** Global horizontal insolation (kWh/m²). */
  readonly ghiKWhPerM2: number;
  readonly monthlyGhiKWhPerM2: readonly number[];
  /** POA components (kWh/m²): beam, sky diffuse, ground reflected. */
  readonly poaBeamKWhPerM2: number;
  readonly poaSkyDiffuseKWhPerM2: number;
  readonly poaGroundDiffuseKWhPerM2: number;
  /** POA after the IAM (kWh/m²). */
  readonly poaEffectiveKWhPerM2: number;
  /** DC energy at the inverter input / DC nameplate (kWh/kWp). */
  readonly dcKWhPerKWp: number;
  /** Final yield / reference yield, Yf / (H_poa / 1 kW/m²) (IEC 61724-1). */
  readonly performanceRatioFrac: number;
  /** AC energy / (DC nameplate × hours of the series), PVWatts' convention. */
  readonly capacityFactorFrac: number;
  /** Hours covered by the series (rows × step). */
  readonly hours: number;
  readonly losses: YieldLosses;
  readonly hourly?: YieldHourly;
}

/** Everything the chain needs that depends only on time, shared by all sites of a batch. */
export interface YieldTimes {
  readonly unixTimeS: Float64Array;
  readonly spa: SpaTimeTermsBatch;
  /** Spencer extraterrestrial normal irradiance on the UTC day (W/m²). */
  readonly dniExtraWm2: Float64Array;
}

/**
 * The time-only part of the chain for a series of instants (s, UTC): SPA time terms (Reda & Andreas 2004) and
 * Spencer (1971) extraterrestrial irradiance on the UTC day of year, as pvlib's `get_extra_radiation`; ΔT in s.
 * With `lit` (see {@link litHours}), the SPA terms are finished only for the hours some system needs.
 */
export function prepareYieldTimes(unixTimeS: Float64Array, deltaTS: number = DEFAULT_DELTA_T_S, lit?: Uint8Array): YieldTimes {
  const n = unixTimeS.length;
  const dniExtraWm2 = new Float64Array(n);
  let day = Number.NaN;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(unixTimeS[i] / SECONDS_PER_DAY);
    if (d !== day) {
      day = d;
      value = extraterrestrialDniWm2(dayOfYearFromUnixTime(unixTimeS[i]));
    }
    dniExtraWm2[i] = value;
  }
  return { unixTimeS, spa: computeSpaTimeTermsBatch(unixTimeS, deltaTS, lit), dniExtraWm2 };
}

/**
 * Marks (1) the hours of a weather series in which some light reaches the ground (GHI, DNI or DHI above 0 W/m²) in
 * `out`, leaving its other entries as they are: the only hours where the chain has anything to compute.
 */
export function litHours(weather: YieldWeather, out: Uint8Array = new Uint8Array(weather.ghiWm2.length)): Uint8Array {
  const { ghiWm2, dniWm2, dhiWm2 } = weather;
  for (let i = 0; i < out.length; i++) {
    if (ghiWm2[i] > 0 || (dniWm2 !== undefined && dniWm2[i] > 0) || (dhiWm2 !== undefined && dhiWm2[i] > 0)) out[i] = 1;
  }
  return out;
}

/** An array's choices resolved once: the mount, the IAM function, the inverter and the loss factor. */
interface PreparedArray {
  readonly mount: Mount;
  readonly dcNameplateW: number;
  readonly gammaPerC: number;
  readonly lossFrac: number;
  readonly inverter: ReturnType<typeof pvwattsInverter>;
  readonly transposition: TranspositionModel;
  readonly beamIam: (cosAoi: number) => number;
  readonly temperature: CellTemperatureParams;
  readonly albedo: number;
  readonly decomposition: DecompositionModel;
  readonly fuentes: FuentesModel | undefined;
  readonly sunUpMidpoint: boolean;
}

function check(fn: string, ok: boolean, message: string): void {
  if (!ok) throw new Error(`${fn}: ${message}`);
}

function prepareArray(fn: string, array: PvArray): PreparedArray {
  const m = array.mounting;
  const mount =
    m.type === 'fixed'
      ? fixedMount(m.tiltDeg, m.azimuthDeg)
      : m.type === 'two-axis'
        ? TWO_AXIS_MOUNT
        : singleAxisMount({
          axisTiltDeg: m.axisTiltDeg ?? SINGLE_AXIS_DEFAULTS.axisTiltDeg,
          axisAzimuthDeg: m.axisAzimuthDeg ?? SINGLE_AXIS_DEFAULTS.axisAzimuthDeg,
          maxAngleDeg: m.maxAngleDeg ?? SINGLE_AXIS_DEFAULTS.maxAngleDeg,
          backtrack: m.backtrack ?? SINGLE_AXIS_DEFAULTS.backtrack,
          gcr: m.gcr ?? SINGLE_AXIS_DEFAULTS.gcr,
        });
  const dcNameplateW = array.dcNameplateW ?? DEFAULT_DC_NAMEPLATE_W;
  check(fn, dcNameplateW > 0 && Number.isFinite(dcNameplateW), `the DC nameplate must be a positive number of W, got ${dcNameplateW}`);
  const gammaPerC = array.gammaPerC ?? DEFAULT_GAMMA_PER_C;
  check(fn, Number.isFinite(gammaPerC) && Math.abs(gammaPerC) < 0.05, `γ must be a temperature coefficient in 1/°C such as -0.0037, got ${gammaPerC}`);
  const dcAcRatio = array.dcAcRatio ?? DEFAULT_DC_AC_RATIO;
  check(fn, dcAcRatio > 0 && Number.isFinite(dcAcRatio), `the DC/AC ratio must be positive, got ${dcAcRatio}`);
  const albedo = array.albedo ?? DEFAULT_ALBEDO;
  check(fn, albedo >= 0 && albedo <= 1, `the albedo must be within [0, 1], got ${albedo}`);
  const iamModel = array.iamModel ?? 'physical';
  return {
    mount,
    dcNameplateW,
    gammaPerC,
    lossFrac: systemLossFrac(array.losses ?? { kind: 'categories', categories: PVWATTS_DEFAULT_LOSSES_FRAC }),
    inverter: pvwattsInverter(dcNameplateW / dcAcRatio, array.inverterEfficiency ?? PVWATTS_ETA_INV_NOM),
    transposition: array.transposition ?? 'perez',
    beamIam: array.pvwattsCover !== undefined ? pvwattsV5BeamIam(array.pvwattsCover) : iamOfCosAoi(iamModel, array.iamParams ?? IAM_DEFAULTS),
    temperature: array.temperature ?? cellTemperatureParams('sapm'),
    albedo,
    decomposition: array.decomposition ?? 'erbs',
    fuentes: array.fuentes === undefined ? undefined : fuentesModel(array.fuentes),
    sunUpMidpoint: array.sunPosition === 'sun-up-midpoint',
  };
}

function checkWeather(fn: string, w: YieldWeather, unixTimeS: Float64Array): void {
  const n = unixTimeS.length;
  const columns: [string, Float64Array | undefined][] = [
    ['unixTimeS', w.unixTimeS],
    ['ghiWm2', w.ghiWm2],
    ['dniWm2', w.dniWm2],
    ['dhiWm2', w.dhiWm2],
    ['tempAirC', w.tempAirC],
    ['windSpeedMPerS', w.windSpeedMPerS],
    ['pressurePa', w.pressurePa],
    ['albedo', w.albedo],
  ];
  for (const [name, column] of columns) {
    if (column !== undefined && column.length !== n) throw new Error(`${fn}: weather.${name} has ${column.length} values for ${n} timestamps`);
  }
  check(fn, w.stepHours > 0 && Number.isFinite(w.stepHours), `weather.stepHours must be positive, got ${w.stepHours}`);
  if (w.unixTimeS !== unixTimeS) {
    for (let i = 0; i < n; i++) {
      if (w.unixTimeS[i] !== unixTimeS[i]) throw new Error(`${fn}: the weather's timestamp ${i} differs from the batch's shared timestamps`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(w.ghiWm2[i]) && Number.isFinite(w.tempAirC[i]) && Number.isFinite(w.windSpeedMPerS[i]))) {
      throw new Error(`${fn}: weather row ${i} lacks GHI, air temperature or wind speed (got ${w.ghiWm2[i]}, ${w.tempAirC[i]}, ${w.windSpeedMPerS[i]})`);
    }
  }
}

function hasMissing(column: Float64Array | undefined): boolean {
  if (column === undefined) return true;
  for (let i = 0; i < column.length; i++) if (Number.isNaN(column[i])) return true;
  return false;
}

/** What the chain learns once about a weather series, shared by every system of a batch that uses it. */
interface PreparedWeather {
  /** Hours with any light (see {@link litHours}). */
  readonly lit: Uint8Array;
  /** DNI or DHI missing somewhere: both are decomposed from GHI there. */
  readonly needsDecomposition: boolean;
  /** The file's pressure: 'absent' (no column), 'complete' (usable as is) or 'gaps' (filled per site). */
  readonly pressure: 'absent' | 'complete' | 'gaps';
}

function prepareWeather(fn: string, weather: YieldWeather, unixTimeS: Float64Array): PreparedWeather {
  checkWeather(fn, weather, unixTimeS);
  const p = weather.pressurePa;
  let pressure: PreparedWeather['pressure'] = p === undefined ? 'absent' : 'complete';
  if (p !== undefined) {
    for (let i = 0; i < p.length; i++) {
      if (!(p[i] > 0)) {
        pressure = 'gaps';
        break;
      }
    }
  }
  return { lit: litHours(weather), needsDecomposition: hasMissing(weather.dniWm2) || hasMissing(weather.dhiWm2), pressure };
}

/** Per-batch scratch arrays, allocated once and reused for every site. */
interface Scratch {
  readonly sun: SolarPositionBatchOut;
  readonly pressurePa: Float64Array;
  readonly decomposed: { readonly dniWm2: Float64Array; readonly dhiWm2: Float64Array };
}

function createScratch(n: number): Scratch {
  return {
    sun: createSolarPositionBatchOut(n, true),
    pressurePa: new Float64Array(n),
    decomposed: { dniWm2: new Float64Array(n), dhiWm2: new Float64Array(n) },
  };
}

function createHourly(unixTimeS: Float64Array): YieldHourly {
  const n = unixTimeS.length;
  const f = () => new Float64Array(n);
  return {
    unixTimeS,
    solarZenithDeg: f(),
    solarAzimuthDeg: f(),
    airmassAbsolute: f(),
    ghiWm2: f(),
    dniWm2: f(),
    dhiWm2: f(),
    surfaceTiltDeg: f(),
    surfaceAzimuthDeg: f(),
    aoiDeg: f(),
    poaGlobalWm2: f(),
    poaBeamWm2: f(),
    poaSkyDiffuseWm2: f(),
    poaGroundDiffuseWm2: f(),
    poaEffectiveWm2: f(),
    cellTempC: f(),
    dcW: f(),
    acW: f(),
    clippedDcW: f(),
  };
}

function lossStep(lostWhPerWp: number, enteringWhPerWp: number): YieldLossStep {
  return { kWhPerKWp: lostWhPerWp, frac: enteringWhPerWp !== 0 ? lostWhPerWp / enteringWhPerWp : 0 };
}

/**
 * Runs the chain for one system on prepared time terms and weather; `hourly` receives the series when given, and
 * `skipDark` computes the sun's position only in lit hours (the time terms must then cover them).
 */
function simulateOne(
  fn: string,
  times: YieldTimes,
  system: YieldSystem,
  prepared: PreparedWeather,
  scratch: Scratch,
  hourly: YieldHourly | undefined,
  skipDark: boolean,
): YieldResult {
  const { site, weather } = system;
  const n = times.unixTimeS.length;
  const array = prepareArray(fn, system.array);
  const altitudeM = site.altitudeM ?? 0;
  const standardPressurePa = pressureFromAltitudePa(altitudeM);
  const utcOffsetS = (site.utcOffsetHours ?? Math.round(site.longitudeDeg / DEGREES_OF_LONGITUDE_PER_HOUR)) * SECONDS_PER_HOUR;

  // Pressure per hour: the file's where valid, else the standard atmosphere at the site's altitude.
  let pressurePa: number | Float64Array = standardPressurePa;
  const filePressure = weather.pressurePa;
  if (filePressure !== undefined && prepared.pressure === 'complete') pressurePa = filePressure;
  else if (filePressure !== undefined) {
    pressurePa = scratch.pressurePa;
    for (let i = 0; i < n; i++) pressurePa[i] = filePressure[i] > 0 ? filePressure[i] : standardPressurePa;
  }
  const sunPosition = solarPositionBatch(
    times.spa,
    { latitudeDeg: site.latitudeDeg, longitudeDeg: site.longitudeDeg, altitudeM, pressurePa, temperatureC: weather.tempAirC },
    scratch.sun,
    skipDark ? prepared.lit : undefined,
  );

  // DNI/DHI: the weather's, or both decomposed from GHI at the true zenith wherever either is missing.
  const fileDni = weather.dniWm2;
  const fileDhi = weather.dhiWm2;
  if (prepared.needsDecomposition) {
    decomposeGhiBatch(array.decomposition, weather.ghiWm2, sunPosition.zenithDeg, times.unixTimeS, scratch.decomposed, pressurePa);
  }

  const direction = sunPosition.direction!;
  const stepHours = weather.stepHours;
  const p0 = array.dcNameplateW;
  const lossKept = 1 - array.lossFrac;
  const sun = createSunDirection();
  const plane = createMountOrientation();
  const poa = createPoaComponents();
  const sky: SkyIrradiance = { dniWm2: 0, ghiWm2: 0, dhiWm2: 0, dniExtraWm2: 0, airmassRelative: Number.NaN, albedo: array.albedo };
  const perez = array.transposition === 'perez';
  const fileAlbedo = weather.albedo;

  // Sums of hourly means (W/m², W), scaled to kWh/m² and kWh/kWp once at the end; monthly by local calendar month.
  const monthlyAc = new Float64Array(MONTHS_PER_YEAR);
  const monthlyPoa = new Float64Array(MONTHS_PER_YEAR);
  const monthlyGhi = new Float64Array(MONTHS_PER_YEAR);
  let poaBeam = 0;
  let poaSky = 0;
  let poaGround = 0;
  let poaEffective = 0;
  let dcRaw = 0;
  let dcNet = 0;
  let clipped = 0;
  let ac = 0;
  // The local day being summed, as [dayStartS, nextDayS): the month changes only when the day does.
  let dayStartS = Number.POSITIVE_INFINITY;
  let nextDayS = Number.NEGATIVE_INFINITY;
  let month = 0;
  // Columns and choices in locals: the loop body calls functions V8 cannot prove pure, so it would reload them.
  const unixTimeS = times.unixTimeS;
  const dniExtra = times.dniExtraWm2;
  const ghiColumn = weather.ghiWm2;
  const tempColumn = weather.tempAirC;
  const windColumn = weather.windSpeedMPerS;
  const decomposedDni = scratch.decomposed.dniWm2;
  const decomposedDhi = scratch.decomposed.dhiWm2;
  const apparentZenith = sunPosition.apparentZenithDeg;
  const azimuth = sunPosition.azimuthDeg;
  const { mount, transposition, beamIam, temperature, inverter, gammaPerC, fuentes, sunUpMidpoint } = array;
  const fuentesState = createFuentesState();
  const latitudeDeg = site.latitudeDeg;

  for (let i = 0; i < n; i++) {
    const t = unixTimeS[i];
    if (t >= nextDayS || t < dayStartS) {
      dayStartS = Math.floor((t + utcOffsetS) / SECONDS_PER_DAY) * SECONDS_PER_DAY - utcOffsetS;
      nextDayS = dayStartS + SECONDS_PER_DAY;
      month = monthFromUnixTime(t, utcOffsetS) - 1;
    }
    const ghi = ghiColumn[i];
    monthlyGhi[month] += ghi;
    let dni = fileDni === undefined ? Number.NaN : fileDni[i];
    let dhi = fileDhi === undefined ? Number.NaN : fileDhi[i];
    if (Number.isNaN(dni) || Number.isNaN(dhi)) {
      dni = decomposedDni[i];
      dhi = decomposedDhi[i];
    }
    const tempAirC = tempColumn[i];
    if (hourly !== undefined) {
      hourly.solarZenithDeg[i] = apparentZenith[i];
      hourly.solarAzimuthDeg[i] = azimuth[i];
      hourly.airmassAbsolute[i] = absoluteAirmass(relativeAirmass(apparentZenith[i]), typeof pressurePa === 'number' ? pressurePa : pressurePa[i]);
      hourly.ghiWm2[i] = ghi;
      hourly.dniWm2[i] = dni;
      hourly.dhiWm2[i] = dhi;
      hourly.cellTempC[i] = tempAirC;
    }
    // No light at all: every irradiance and power below is exactly zero (and the cells sit at air temperature).
    const dark = !(ghi > 0) && !(dni > 0) && !(dhi > 0);
    if (dark && hourly === undefined) continue;

    const apparentZenithDeg = apparentZenith[i];
    // The sun's direction from the SPA's own vectors: the same angles as sunDirection(), without four library calls.
    sun.apparentZenithDeg = apparentZenithDeg;
    sun.azimuthDeg = azimuth[i];
    sun.cosZenith = direction.cosApparentZenith[i];
    sun.sinZenith = direction.sinApparentZenith[i];
    sun.cosAzimuth = direction.cosAzimuth[i];
    sun.sinAzimuth = direction.sinAzimuth[i];
    // PVWatts v5: a step the sun never reaches produces nothing; one holding sunrise or sunset sees the sun of its up part.
    if (sunUpMidpoint && apparentZenithDeg > SUN_UP_CHECK_ZENITH_DEG && sunUpPartOfStep(latitudeDeg, sun, stepHours) === 0) {
      if (hourly !== undefined) {
        hourly.surfaceTiltDeg[i] = Number.NaN;
        hourly.surfaceAzimuthDeg[i] = Number.NaN;
        hourly.aoiDeg[i] = Number.NaN;
      }
      continue;
    }
    orientMount(mount, sun, plane);
    if (hourly !== undefined) {
      hourly.surfaceTiltDeg[i] = plane.surfaceTiltDeg;
      hourly.surfaceAzimuthDeg[i] = plane.surfaceAzimuthDeg;
      hourly.aoiDeg[i] = Math.acos(plane.cosAoi) * RAD_TO_DEG;
      if (dark) continue;
    }

    sky.dniWm2 = dni;
    sky.ghiWm2 = ghi;
    sky.dhiWm2 = dhi;
    sky.dniExtraWm2 = dniExtra[i];
    // Perez takes the relative air mass (Perez et al. 1990; pvlib's get_total_irradiance); only it needs one.
    sky.airmassRelative = perez ? relativeAirmass(sun.apparentZenithDeg) : Number.NaN;
    const albedoHere = fileAlbedo === undefined ? Number.NaN : fileAlbedo[i];
    sky.albedo = albedoHere >= 0 && albedoHere <= 1 ? albedoHere : array.albedo;
    poaComponentsFromGeometry(transposition, sky, sun, plane, poa);

    const effectiveWm2 = poa.poaDirectWm2 * beamIam(plane.cosAoi) + poa.poaSkyDiffuseWm2 + poa.poaGroundDiffuseWm2;
    const cellTempC =
      fuentes === undefined
        ? cellTemperatureC(temperature, poa.poaGlobalWm2, tempAirC, windColumn[i])
        : fuentesStep(fuentes, fuentesState, poa.poaGlobalWm2, tempAirC, windColumn[i], stepHours);
    const dcBeforeLossesW = pvwattsDcW(effectiveWm2, cellTempC, p0, gammaPerC);
    const dcW = dcBeforeLossesW * lossKept;
    const acW = pvwattsInverterAcW(dcW, inverter);
    const clippedDcW = pvwattsClippedDcW(dcW, inverter);

    monthlyPoa[month] += poa.poaGlobalWm2;
    monthlyAc[month] += acW;
    poaBeam += poa.poaDirectWm2;
    poaSky += poa.poaSkyDiffuseWm2;
    poaGround += poa.poaGroundDiffuseWm2;
    poaEffective += effectiveWm2;
    dcRaw += dcBeforeLossesW;
    dcNet += dcW;
    clipped += clippedDcW;
    ac += acW;

    if (hourly !== undefined) {
      hourly.poaGlobalWm2[i] = poa.poaGlobalWm2;
      hourly.poaBeamWm2[i] = poa.poaDirectWm2;
      hourly.poaSkyDiffuseWm2[i] = poa.poaSkyDiffuseWm2;
      hourly.poaGroundDiffuseWm2[i] = poa.poaGroundDiffuseWm2;
      hourly.poaEffectiveWm2[i] = effectiveWm2;
      hourly.cellTempC[i] = cellTempC;
      hourly.dcW[i] = dcW;
      hourly.acW[i] = acW;
      hourly.clippedDcW[i] = clippedDcW;
    }
  }

  // Σ W/m² × h → kWh/m², and Σ W × h / W of nameplate → kWh/kWp (full-load hours).
  const toKWhPerM2 = (sumWm2: number) => (sumWm2 * stepHours) / W_PER_KW;
  const toKWhPerKWp = (sumW: number) => (sumW * stepHours) / p0;
  // Annual figures are the sums of the monthly ones, so that annual = Σ monthly holds exactly.
  const monthlyKWhPerKWp = Array.from(monthlyAc, toKWhPerKWp);
  const monthlyPoaKWhPerM2 = Array.from(monthlyPoa, toKWhPerM2);
  const monthlyGhiKWhPerM2 = Array.from(monthlyGhi, toKWhPerM2);
  const annualKWhPerKWp = sum(monthlyKWhPerKWp);
  const poaKWhPerM2 = sum(monthlyPoaKWhPerM2);
  // At STC efficiency, E_eff/1000 W/m² per kW: numerically the effective insolation in kWh/m².
  const dcStcKWhPerKWp = toKWhPerM2(poaEffective) * (W_PER_KW / STC_IRRADIANCE_WM2);
  const dcRawKWhPerKWp = toKWhPerKWp(dcRaw);
  const dcNetKWhPerKWp = toKWhPerKWp(dcNet);
  const clippedKWhPerKWp = toKWhPerKWp(clipped);
  const hours = n * stepHours;
  return {
    annualKWhPerKWp,
    monthlyKWhPerKWp,
    acEnergyKWh: (annualKWhPerKWp * p0) / W_PER_KW,
    poaKWhPerM2,
    monthlyPoaKWhPerM2,
    ghiKWhPerM2: sum(monthlyGhiKWhPerM2),
    monthlyGhiKWhPerM2,
    poaBeamKWhPerM2: toKWhPerM2(poaBeam),
    poaSkyDiffuseKWhPerM2: toKWhPerM2(poaSky),
    poaGroundDiffuseKWhPerM2: toKWhPerM2(poaGround),
    poaEffectiveKWhPerM2: toKWhPerM2(poaEffective),
    dcKWhPerKWp: dcNetKWhPerKWp,
    performanceRatioFrac: poaKWhPerM2 > 0 ? annualKWhPerKWp / poaKWhPerM2 : 0,
    capacityFactorFrac: hours > 0 ? annualKWhPerKWp / hours : 0,
    hours,
    losses: {
      iam: lossStep(poaKWhPerM2 - toKWhPerM2(poaEffective), poaKWhPerM2),
      temperature: lossStep(dcStcKWhPerKWp - dcRawKWhPerKWp, dcStcKWhPerKWp),
      system: lossStep(dcRawKWhPerKWp - dcNetKWhPerKWp, dcRawKWhPerKWp),
      clipping: lossStep(clippedKWhPerKWp, dcNetKWhPerKWp),
      inverter: lossStep(dcNetKWhPerKWp - clippedKWhPerKWp - toKWhPerKWp(ac), dcNetKWhPerKWp),
    },
    ...(hourly === undefined ? {} : { hourly }),
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/**
 * Specific yield (kWh/kWp, monthly and annual), insolation (kWh/m²), performance ratio, capacity factor and losses
 * by step of one PV system over a weather series, by the chain in this module's comment (NREL SPA; Spencer;
 * Kasten–Young; Erbs/DISC; Perez 1990 or Hay–Davies or isotropic; De Soto/Martin–Ruiz IAM; SAPM/Faiman; PVWatts v5,
 * Dobos 2014, NREL/TP-6A20-62641). Optional `hourly: true` adds the hourly series.
 * @example simulateYield({ site: { latitudeDeg: 36.1, longitudeDeg: -79.95, altitudeM: 273, utcOffsetHours: -5 },
 *   array: { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 } }, weather }).annualKWhPerKWp // ≈ 1,400
 */
export function simulateYield(input: SimulateYieldInput): YieldResult {
  const fn = 'simulateYield';
  const unixTimeS = input.weather.unixTimeS;
  const prepared = prepareWeather(fn, input.weather, unixTimeS);
  // The hourly series reports the sun's position in dark hours too; otherwise only lit hours are computed.
  const hourly = input.hourly === true;
  const times = prepareYieldTimes(unixTimeS, input.deltaTS ?? DEFAULT_DELTA_T_S, hourly ? undefined : prepared.lit);
  return simulateOne(fn, times, input, prepared, createScratch(unixTimeS.length), hourly ? createHourly(unixTimeS) : undefined, !hourly);
}

/**
 * {@link simulateYield} for many systems whose weather shares one series of timestamps (s, UTC): the SPA time terms
 * and extraterrestrial irradiance are computed once for all, each weather series is checked once, scratch arrays are
 * allocated once per batch, nothing per hour. Throws when a system's timestamps differ from `unixTimeS`.
 */
export function simulateYieldBatch(unixTimeS: Float64Array, systems: readonly YieldSystem[], deltaTS: number = DEFAULT_DELTA_T_S): YieldResult[] {
  const fn = 'simulateYieldBatch';
  const n = unixTimeS.length;
  const preparedByWeather = new Map<YieldWeather, PreparedWeather>();
  const anyLit = new Uint8Array(n);
  for (const { weather } of systems) {
    if (preparedByWeather.has(weather)) continue;
    const prepared = prepareWeather(fn, weather, unixTimeS);
    preparedByWeather.set(weather, prepared);
    for (let i = 0; i < n; i++) anyLit[i] |= prepared.lit[i];
  }
  const times = prepareYieldTimes(unixTimeS, deltaTS, anyLit);
  const scratch = createScratch(n);
  return systems.map((system) => simulateOne(fn, times, system, preparedByWeather.get(system.weather)!, scratch, undefined, true));
}
