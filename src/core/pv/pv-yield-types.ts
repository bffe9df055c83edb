/**
 * The inputs and outputs of the PV model chain (pv-yield.ts): site, array, weather, and the yield with its loss
 * cascade and hourly series; defaults are PVWatts' (A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641, 2014).
 */

import type { IamModel, IamParams } from './aoi.ts';
import type { DecompositionModel } from './decomposition.ts';
import type { FuentesParams } from './fuentes.ts';
import type { MichalskyTimeTerms } from './michalsky.ts';
import type { SystemLosses } from './pvwatts.ts';
import type { PvwattsCover } from './pvwatts-v5.ts';
import type { SpaTimeTermsBatch } from './solar-position.ts';
import type { CellTemperatureParams } from './temperature.ts';
import type { TranspositionModel } from './transposition.ts';


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
/** Solar position algorithm: the NREL SPA (solar-position.ts) or Michalsky's almanac algorithm as PVWatts v5 runs it (michalsky.ts). */
export type SolarPositionModel = 'spa' | 'michalsky';

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
  /** Default 'spa'; 'michalsky' as PVWatts v5 (refraction by Michalsky's formula, no pressure or temperature). */
  readonly solarPositionModel?: SolarPositionModel;
  /** PVWatts v5's row-to-row self-shading of one-axis trackers (pvwatts-v5-shading.ts); single-axis mounts only. */
  readonly pvwattsSelfShading?: boolean;
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
  /** Michalsky's time terms, for systems whose sun position is Michalsky's (absent when none asked for them). */
  readonly michalsky?: MichalskyTimeTerms;
  /** Spencer extraterrestrial normal irradiance on the UTC day (W/m²). */
  readonly dniExtraWm2: Float64Array;
}
