/**
 * The wind chain for one turbine over a weather series, wiring the models of profile.ts and power-curve.ts the way
 * windpowerlib's ModelChain does (https://windpowerlib.readthedocs.io, `modelchain.ModelChain`): wind speed at hub
 * height, temperature at hub height, air density at hub height, power from the (optionally density-corrected) power
 * curve; then losses and availability, which windpowerlib leaves to the user. Defaults are ModelChain's:
 * logarithmic profile, linear temperature gradient, barometric density, no density correction.
 */
import { pressureFromAltitudePa } from '../pv/atmosphere.ts';
import { monthFromUnixTime, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.ts';
import {
  airDensityKgPerM3,
  DEFAULT_HELLMAN_EXPONENT,
  DEFAULT_ROUGHNESS_LENGTH_M,
  hellmanFactor,
  KELVIN_AT_0_C,
  linearGradientTemperatureK,
  logarithmicProfileFactor,
  STANDARD_TEMPERATURE_K,
  TEMPERATURE_GRADIENT_K_PER_M,
  type DensityModel,
} from './profile.ts';
import { checkPowerCurve, densityCorrectedPowerKW, powerCurveKW, type PowerCurve } from './power-curve.ts';

const MONTHS_PER_YEAR = 12;

/** Anemometer height of EPW and TMY3 files (m): the 10 m of WMO station practice. */
export const DEFAULT_WIND_HEIGHT_M = 10;
/** Screen height of air temperature in EPW and TMY3 files (m). */
export const DEFAULT_TEMPERATURE_HEIGHT_M = 2;
/** Height of the station pressure above ground (m): the station itself, as windpowerlib's examples assume. */
export const DEFAULT_PRESSURE_HEIGHT_M = 0;

/** The weather the chain reads: a {@link WeatherSeries} fits, and so does a wind-only series. */
export interface WindWeather {
  /** Time stamp of each row, s since 1970-01-01T00:00:00Z (months are counted on it). */
  readonly unixTimeS: Float64Array;
  /** Wind speed at the data height (m/s). */
  readonly windSpeedMPerS: Float64Array;
  /** Air temperature at the temperature height (°C); absent: the standard atmosphere at the site altitude. */
  readonly tempAirC?: Float64Array;
  /** Station pressure (Pa); absent, or NaN in a row: the standard-atmosphere pressure at the site altitude. */
  readonly pressurePa?: Float64Array;
  /** Length of each row (h). */
  readonly stepHours: number;
}

/** The wind profile and its parameter. */
export type WindProfile =
  | { readonly model: 'logarithmic'; readonly roughnessLengthM?: number }
  | { readonly model: 'hellman'; readonly exponent?: number };

/** What the chain needs besides the weather and the curve; every field but the hub height has windpowerlib's default. */
export interface WindChainOptions {
  readonly hubHeightM: number;
  /** Height of the wind data above ground (m); default 10. */
  readonly windHeightM?: number;
  /** Default: logarithmic, z0 = 0.1 m. */
  readonly windProfile?: WindProfile;
  /** Height of the temperature data (m); default 2. */
  readonly temperatureHeightM?: number;
  /** Height of the pressure data above ground (m); default 0. */
  readonly pressureHeightM?: number;
  /** Default barometric. */
  readonly densityModel?: DensityModel;
  /** Use the density-corrected power curve; default false. */
  readonly densityCorrection?: boolean;
  /** Wake and other losses, fraction of the curve's power (0–1); default 0. */
  readonly lossFrac?: number;
  /** Share of the time the turbine is available (0–1); default 1. */
  readonly availabilityFrac?: number;
  /** Site altitude above sea level (m) for missing pressure and temperature; default 0. */
  readonly siteAltitudeM?: number;
  /** Local standard time ahead of UTC (h) for the monthly sums; default 0. */
  readonly utcOffsetHours?: number;
  /** Keep the hourly series; default false. */
  readonly hourly?: boolean;
}

/** The turbine as the chain sees it: a curve and the rating the results are divided by. */
export interface WindTurbineInput {
  readonly ratedPowerKW: number;
  readonly powerCurve: PowerCurve;
}

/** Hourly series of a run, one entry per weather row. */
export interface WindHourly {
  readonly unixTimeS: Float64Array;
  readonly hubWindSpeedMPerS: Float64Array;
  readonly hubTemperatureC: Float64Array;
  readonly airDensityKgPerM3: Float64Array;
  /** Power from the curve before losses and availability, per kW of rating (kW/kW). */
  readonly grossKWPerKW: Float64Array;
  /** Power after losses and availability, per kW of rating (kW/kW). */
  readonly netKWPerKW: Float64Array;
}

/** The result of a run: energy per kW of rating (= full-load hours), its months, capacity factor and means. */
export interface WindYearResult {
  readonly annualKWhPerKW: number;
  /** By local calendar month, January first; sums to the annual exactly. */
  readonly monthlyKWhPerKW: readonly number[];
  /** Energy / (rating × hours of the series). */
  readonly capacityFactorFrac: number;
  readonly meanHubWindSpeedMPerS: number;
  readonly meanAirDensityKgPerM3: number;
  /** Energy from the curve before losses and availability (kWh/kW). */
  readonly grossKWhPerKW: number;
  readonly ratedPowerKW: number;
  /** Hours the series covers. */
  readonly hours: number;
  readonly hourly?: WindHourly;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`simulateWindYear: ${message}`);
}

/**
 * Energy of one turbine over a weather series, per kW of rating (kWh/kW, the same number as full-load hours), by
 * windpowerlib's ModelChain: v_hub by the log law v·ln(h_hub/z0)/ln(h_data/z0) or the power law v·(h_hub/h_data)^α;
 * T_hub = T − 0.0065·(h_hub − h_T); ρ_hub barometric or ideal gas; P from the power curve (linear, 0 outside), optionally
 * density-corrected (IEC 61400-12-1); P_net = P · (1 − losses) · availability. Heights in m, speeds m/s, power kW.
 * Throws a RangeError on impossible input (hub below the data, roughness ≤ 0, a bad curve, fractions outside [0, 1]).
 * @example simulateWindYear(weather, findTurbine('V112/3075')!, { hubHeightM: 94 }).annualKWhPerKW
 */
export function simulateWindYear(weather: WindWeather, turbine: WindTurbineInput, options: WindChainOptions): WindYearResult {
  const n = weather.unixTimeS.length;
  const hubHeightM = options.hubHeightM;
  const windHeightM = options.windHeightM ?? DEFAULT_WIND_HEIGHT_M;
  const temperatureHeightM = options.temperatureHeightM ?? DEFAULT_TEMPERATURE_HEIGHT_M;
  const pressureHeightM = options.pressureHeightM ?? DEFAULT_PRESSURE_HEIGHT_M;
  const profile = options.windProfile ?? { model: 'logarithmic' };
  const densityModel = options.densityModel ?? 'barometric';
  const lossFrac = options.lossFrac ?? 0;
  const availabilityFrac = options.availabilityFrac ?? 1;
  const altitudeM = options.siteAltitudeM ?? 0;
  const curve = turbine.powerCurve;
  const ratedKW = turbine.ratedPowerKW;

  check(weather.windSpeedMPerS.length === n, `the wind column has ${weather.windSpeedMPerS.length} rows, the times ${n}`);
  check(weather.stepHours > 0 && Number.isFinite(weather.stepHours), `weather.stepHours must be positive, got ${weather.stepHours}`);
  check(windHeightM > 0, `the wind data height must be above 0 m, got ${windHeightM}`);
  check(hubHeightM >= windHeightM, `the hub height (${hubHeightM} m) is below the height of the wind data (${windHeightM} m)`);
  check(ratedKW > 0 && Number.isFinite(ratedKW), `the rated power must be above 0 kW, got ${ratedKW}`);
  check(lossFrac >= 0 && lossFrac <= 1, `losses must be a fraction from 0 to 1, got ${lossFrac}`);
  check(availabilityFrac >= 0 && availabilityFrac <= 1, `availability must be a fraction from 0 to 1, got ${availabilityFrac}`);
  const issue = checkPowerCurve(curve);
  check(issue === undefined, `power curve point ${(issue?.index ?? 0) + 1}: ${issue?.message ?? ''}`);

  let speedFactor: number;
  if (profile.model === 'logarithmic') {
    const z0 = profile.roughnessLengthM ?? DEFAULT_ROUGHNESS_LENGTH_M;
    check(z0 > 0 && z0 < windHeightM, `the roughness length must be above 0 m and below the data height (${windHeightM} m), got ${z0}`);
    speedFactor = logarithmicProfileFactor(hubHeightM, windHeightM, z0);
  } else {
    const alpha = profile.exponent ?? DEFAULT_HELLMAN_EXPONENT;
    check(Number.isFinite(alpha) && alpha >= 0, `the shear exponent must be ≥ 0, got ${alpha}`);
    speedFactor = hellmanFactor(hubHeightM, windHeightM, alpha);
  }

  // Plain arrays of the curve, read in the loop without going through an interface's ArrayLike.
  const speeds = Float64Array.from(curve.windSpeedsMPerS as ArrayLike<number>);
  const powers = Float64Array.from(curve.powerKW as ArrayLike<number>);
  const typedCurve: PowerCurve = { windSpeedsMPerS: speeds, powerKW: powers };
  const netFactor = (1 - lossFrac) * availabilityFrac;
  const temp = weather.tempAirC;
  const pressure = weather.pressurePa;
  const fallbackPressurePa = pressureFromAltitudePa(altitudeM);
  const fallbackTemperatureK = STANDARD_TEMPERATURE_K - TEMPERATURE_GRADIENT_K_PER_M * (altitudeM + temperatureHeightM);
  const utcOffsetS = (options.utcOffsetHours ?? 0) * SECONDS_PER_HOUR;
  const correct = options.densityCorrection === true;

  const hourly: WindHourly | undefined =
    options.hourly === true
      ? {
          unixTimeS: weather.unixTimeS,
          hubWindSpeedMPerS: new Float64Array(n),
          hubTemperatureC: new Float64Array(n),
          airDensityKgPerM3: new Float64Array(n),
          grossKWPerKW: new Float64Array(n),
          netKWPerKW: new Float64Array(n),
        }
      : undefined;
  const monthlyGrossKW = new Float64Array(MONTHS_PER_YEAR);
  let sumSpeed = 0;
  let sumDensity = 0;
  // Months change only at day boundaries; recompute the month when the time leaves the current day.
  let month = 0;
  let dayEndS = Number.NEGATIVE_INFINITY;
  let dayStartS = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = weather.unixTimeS[i]!;
    if (t >= dayEndS || t < dayStartS) {
      month = monthFromUnixTime(t, utcOffsetS) - 1;
      dayStartS = Math.floor((t + utcOffsetS) / SECONDS_PER_DAY) * SECONDS_PER_DAY - utcOffsetS;
      dayEndS = dayStartS + SECONDS_PER_DAY;
    }
    const vHub = weather.windSpeedMPerS[i]! * speedFactor;
    const tK = temp === undefined ? fallbackTemperatureK : temp[i]! + KELVIN_AT_0_C;
    const tHubK = linearGradientTemperatureK(tK, temperatureHeightM, hubHeightM);
    const pRaw = pressure === undefined ? Number.NaN : pressure[i]!;
    const pPa = Number.isNaN(pRaw) ? fallbackPressurePa : pRaw;
    const rho = airDensityKgPerM3(densityModel, pPa, pressureHeightM, hubHeightM, tHubK);
    const grossKW = correct ? densityCorrectedPowerKW(vHub, typedCurve, rho) : powerCurveKW(vHub, typedCurve);
    monthlyGrossKW[month] += grossKW;
    sumSpeed += vHub;
    sumDensity += rho;
    if (hourly !== undefined) {
      hourly.hubWindSpeedMPerS[i] = vHub;
      hourly.hubTemperatureC[i] = tHubK - KELVIN_AT_0_C;
      hourly.airDensityKgPerM3[i] = rho;
      hourly.grossKWPerKW[i] = grossKW / ratedKW;
      hourly.netKWPerKW[i] = (grossKW * netFactor) / ratedKW;
    }
  }

  const toKWhPerKW = (sumKW: number) => (sumKW * weather.stepHours) / ratedKW;
  const monthlyKWhPerKW = Array.from(monthlyGrossKW, (s) => toKWhPerKW(s) * netFactor);
  const annualKWhPerKW = monthlyKWhPerKW.reduce((a, b) => a + b, 0);
  const hours = n * weather.stepHours;
  return {
    annualKWhPerKW,
    monthlyKWhPerKW,
    capacityFactorFrac: hours > 0 ? annualKWhPerKW / hours : 0,
    meanHubWindSpeedMPerS: n > 0 ? sumSpeed / n : Number.NaN,
    meanAirDensityKgPerM3: n > 0 ? sumDensity / n : Number.NaN,
    grossKWhPerKW: toKWhPerKW(monthlyGrossKW.reduce((a, b) => a + b, 0)),
    ratedPowerKW: ratedKW,
    hours,
    ...(hourly === undefined ? {} : { hourly }),
  };
}
