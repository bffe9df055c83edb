/**
 * A synthetic hourly year for a site with no weather file, from 12 monthly mean GHI values (pure, no I/O).
 *
 * Method:
 * 1. Hourly timestamps at the middle of each local-standard-time hour of `year` (default 2001, as re-dated
 *    typical-year files); solar position by the NREL SPA at those instants.
 * 2. Clear-sky GHI/DNI/DHI by Ineichen–Perez (Linke turbidity constant or monthly, Kasten–Young air mass at the
 *    pressure of the site's altitude, Spencer extraterrestrial irradiance).
 * 3. Each day j of month m is the clear-sky day scaled by one factor s_j = min(λ_m·d_j, cap_j): d_j is a daily
 *    clearness multiplier (1, or lognormal with mean 1 and the given coefficient of variation, drawn from the
 *    caller's uniform source in day order), and λ_m is solved exactly so the month's GHI equals
 *    (monthly mean kWh/m²/day) × (days in month). The cap is clear sky (cap_j = 1): no day is brighter than a
 *    cloudless one, so in bright months many days sit at clear sky and the realised spread is below the requested
 *    coefficient of variation. A month asking for more than its clear-sky total means the clear-sky model is too
 *    dim for the site (lower the Linke turbidity); its days may then rise above clear sky up to the
 *    extraterrestrial irradiance on the horizontal (I0·cos of the apparent zenith) in every hour, and a month
 *    asking for more than that is an error. Without variability and at or below clear sky this is plain scaling
 *    of the clear-sky month by one factor.
 * 4. DNI and DHI by a decomposition model (Erbs by default, or DISC), not by scaling the clear-sky split:
 *    scaling both components by one factor would keep the clear-sky diffuse fraction (~15 %) on overcast days,
 *    overstating beam and so the gain of tilted planes in cloudy months; Erbs raises the diffuse fraction as the
 *    clearness index falls, as measured hourly data do (Erbs, Klein & Duffie 1982).
 * 5. Air temperature: a constant or 12 monthly means, default 15 °C (the ISO 2533 standard atmosphere at sea
 *    level), with no daily cycle, so midday cell temperatures are underestimated by a few kelvin where days are
 *    much warmer than the daily mean: give monthly means of daytime temperature where known. Wind: a constant,
 *    default 1 m/s (a light breeze; SAPM/Faiman cell temperature falls ~1–2 K per m/s, so give a site mean when known).
 *    Pressure: the standard-atmosphere pressure at the altitude. No albedo column.
 */

import { absoluteAirmass, pressureFromAltitudePa, relativeAirmass } from '../core/pv/atmosphere.ts';
import { clearskyIneichen, type LinkeTurbidity, linkeTurbidityForMonth } from '../core/pv/clearsky.ts';
import { type DecompositionModel, decomposeGhiBatch } from '../core/pv/decomposition.ts';
import { standardNormalQuantile } from '../core/uncertainty/distributions.ts';
import { extraterrestrialDniAtUnixTimeWm2 } from '../core/pv/extraterrestrial.ts';
import type { UniformSource } from '../core/uncertainty/random.ts';
import { computeSpaTimeTermsBatch, solarPositionBatch } from '../core/pv/solar-position.ts';
import { isLeapYear, SECONDS_PER_HOUR } from '../core/time.ts';
import { HOURS_PER_YEAR } from '../core/units.ts';
import { daysInMonth } from './calendar.ts';
import { HOURS_PER_LEAP_YEAR, REFERENCE_YEAR } from './hour-ending.ts';
import type { WeatherSeries } from './types.ts';

/** Default air temperature (°C): the ISO 2533 standard atmosphere at sea level. */
export const DEFAULT_SYNTHETIC_TEMP_AIR_C = 15;
/** Default wind speed (m/s): a light breeze. */
export const DEFAULT_SYNTHETIC_WIND_SPEED_M_PER_S = 1;
/** Default Linke turbidity: a moderately turbid rural sky; it shapes the day but the monthly scaling removes its level. */
export const DEFAULT_SYNTHETIC_LINKE_TURBIDITY = 3;

const MONTHS_PER_YEAR = 12;
const HOURS_PER_DAY = 24;
const WH_PER_KWH = 1000;
const DEG_TO_RAD = Math.PI / 180;
const DEGREES_PER_HOUR_OF_LONGITUDE = 15;
const MS_PER_S = 1000;

/** Day-to-day variability of a synthetic year. */
export interface DailyVariability {
  /** Coefficient of variation (standard deviation / mean, ≥ 0) of the lognormal daily clearness multiplier. */
  readonly coefficientOfVariation: number;
  /** Uniforms in (0, 1), one drawn per day in date order (e.g. `createStream(seed, stream)` from core/random.ts). */
  readonly uniforms: UniformSource;
}

/** Inputs of {@link syntheticYear}; optional ones default as documented on each field. */
export interface SyntheticYearInput {
  readonly latitudeDeg: number;
  /** East positive. */
  readonly longitudeDeg: number;
  /** Altitude above sea level (m); default 0. */
  readonly altitudeM?: number;
  /** Local standard time ahead of UTC (h); default round(longitude / 15°), whose midnight is near solar midnight. */
  readonly utcOffsetHours?: number;
  /** Monthly mean daily GHI (kWh/m²/day), January first: the series reproduces each month's total exactly. */
  readonly monthlyGhiKWhPerM2PerDay: readonly number[];
  /** Linke turbidity, constant or 12 monthly values; default 3. */
  readonly linkeTurbidity?: LinkeTurbidity;
  /** Calendar year of the timestamps; default 2001 (8784 hours if a leap year is given). */
  readonly year?: number;
  /** Optional seeded day-to-day variability; without it every day of a month is the same fraction of clear sky. */
  readonly dailyVariability?: DailyVariability;
  /** GHI decomposition model for DNI/DHI; default 'erbs'. */
  readonly decomposition?: DecompositionModel;
  /** Air temperature (°C), constant or 12 monthly means; default 15 °C. */
  readonly tempAirC?: number | readonly number[];
  /** Wind speed (m/s); default 1 m/s. */
  readonly windSpeedMPerS?: number;
  /** Label of the series; default 'synthetic year'. */
  readonly label?: string;
}

function checkMonthly(values: readonly number[], name: string, min: number): void {
  if (values.length !== MONTHS_PER_YEAR) throw new Error(`syntheticYear: ${name} needs 12 monthly values, got ${values.length}`);
  values.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= min)) throw new Error(`syntheticYear: ${name}[${i}] must be a finite number ≥ ${min}, got ${v}`);
  });
}

function checkInput(input: SyntheticYearInput): void {
  const { latitudeDeg, longitudeDeg } = input;
  if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) throw new Error(`syntheticYear: latitudeDeg must be in [-90, 90], got ${latitudeDeg}`);
  if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) throw new Error(`syntheticYear: longitudeDeg must be in [-180, 180], got ${longitudeDeg}`);
  checkMonthly(input.monthlyGhiKWhPerM2PerDay, 'monthlyGhiKWhPerM2PerDay', 0);
  if (typeof input.linkeTurbidity === 'object') checkMonthly(input.linkeTurbidity, 'linkeTurbidity', 0);
  if (typeof input.tempAirC === 'object') checkMonthly(input.tempAirC, 'tempAirC', -Infinity);
  const cv = input.dailyVariability?.coefficientOfVariation;
  if (cv !== undefined && !(Number.isFinite(cv) && cv >= 0)) {
    throw new Error(`syntheticYear: dailyVariability.coefficientOfVariation must be a finite number ≥ 0, got ${cv}`);
  }
  const wind = input.windSpeedMPerS;
  if (wind !== undefined && !(Number.isFinite(wind) && wind >= 0)) throw new Error(`syntheticYear: windSpeedMPerS must be ≥ 0, got ${wind}`);
  const year = input.year;
  if (year !== undefined && !Number.isInteger(year)) throw new Error(`syntheticYear: year must be an integer, got ${year}`);
}

/**
 * Lognormal multiplier with mean 1 and coefficient of variation `cv` from a uniform u ∈ (0, 1):
 * exp(σ·Φ⁻¹(u) − σ²/2) with σ² = ln(1 + cv²) (the lognormal moments, e.g. Johnson, Kotz & Balakrishnan,
 * Continuous Univariate Distributions vol. 1, ch. 14).
 */
export function lognormalUnitMeanMultiplier(u: number, cv: number): number {
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  return Math.exp(sigma * standardNormalQuantile(u) - (sigma * sigma) / 2);
}

/** Relative slack when every day of a month ends at its cap: the target then equals Σ cap·C up to rounding. */
const ALL_CAPPED_RELATIVE_TOLERANCE = 1e-12;

/**
 * Solves Σ_j min(λ·d_j, c_j)·C_j = target for λ ≥ 0 and writes the day factors min(λ·d_j, c_j) into `scale`
 * (days `first`…`first + count − 1`): days hit their cap c_j in order of c_j/d_j, the rest share the remainder
 * in proportion to d_j·C_j. Throws when even every day at its cap cannot reach the target.
 */
function solveMonthScale(
  target: number,
  clearDay: Float64Array,
  multiplier: Float64Array,
  cap: Float64Array,
  first: number,
  count: number,
  scale: Float64Array,
  month: number,
): void {
  const days: number[] = [];
  for (let j = first; j < first + count; j++) {
    scale[j] = 0;
    if (clearDay[j]! > 0) days.push(j);
  }
  if (target === 0) return;
  days.sort((a, b) => cap[a]! / multiplier[a]! - cap[b]! / multiplier[b]!);
  let fixed = 0; // Σ c_j C_j of capped days
  let slope = 0; // Σ d_j C_j of uncapped days
  for (const j of days) slope += multiplier[j]! * clearDay[j]!;
  let lambda = Number.NaN;
  let capped = 0;
  for (; capped < days.length; capped++) {
    const j = days[capped]!;
    const candidate = (target - fixed) / slope;
    if (candidate <= cap[j]! / multiplier[j]!) {
      lambda = candidate;
      break;
    }
    fixed += cap[j]! * clearDay[j]!;
    slope -= multiplier[j]! * clearDay[j]!;
  }
  if (Number.isNaN(lambda) && !(fixed >= target * (1 - ALL_CAPPED_RELATIVE_TOLERANCE))) {
    throw new RangeError(
      `syntheticYear: month ${month} asks for ${target / WH_PER_KWH} kWh/m², more than the ${fixed / WH_PER_KWH} kWh/m² ` +
        'that reach the ground with every hour at the extraterrestrial irradiance',
    );
  }
  for (let i = 0; i < days.length; i++) {
    const j = days[i]!;
    scale[j] = i < capped ? cap[j]! : lambda * multiplier[j]!;
  }
}

/**
 * Hourly synthetic weather year (W/m², °C, m/s, Pa; timestamps at mid-hour) whose monthly GHI totals equal
 * `monthlyGhiKWhPerM2PerDay` × days exactly: Ineichen–Perez clear sky (Ineichen & Perez, Solar Energy 73 (2002)
 * 151–157) scaled day by day, optional seeded lognormal daily variability, Erbs or DISC decomposition (method in
 * the module comment). Throws when a month asks for more than the extraterrestrial irradiance can deliver.
 * @example syntheticYear({ latitudeDeg: 37.2, longitudeDeg: 122.1, monthlyGhiKWhPerM2PerDay: [2.5, 3.3, 4.4, 5.4, 5.9, 5.6, 4.8, 4.8, 4.6, 3.7, 2.7, 2.2] })
 */
export function syntheticYear(input: SyntheticYearInput): WeatherSeries {
  checkInput(input);
  const { latitudeDeg, longitudeDeg } = input;
  const altitudeM = input.altitudeM ?? 0;
  // `+ 0` turns the −0 of Math.round(−0.4) into 0.
  const utcOffsetHours = input.utcOffsetHours ?? Math.round(longitudeDeg / DEGREES_PER_HOUR_OF_LONGITUDE) + 0;
  const year = input.year ?? REFERENCE_YEAR;
  const leap = isLeapYear(year);
  const hours = leap ? HOURS_PER_LEAP_YEAR : HOURS_PER_YEAR;
  const dayCount = hours / HOURS_PER_DAY;
  const linkeTurbidity = input.linkeTurbidity ?? DEFAULT_SYNTHETIC_LINKE_TURBIDITY;
  const tempInput = input.tempAirC ?? DEFAULT_SYNTHETIC_TEMP_AIR_C;
  const pressurePa = pressureFromAltitudePa(altitudeM);

  // Calendar: first day (0-based day of year) and length of each month.
  const monthFirstDay = new Int32Array(MONTHS_PER_YEAR + 1);
  for (let m = 0; m < MONTHS_PER_YEAR; m++) {
    monthFirstDay[m + 1] = monthFirstDay[m]! + daysInMonth(m + 1, year);
  }
  const monthOfDay = new Int32Array(dayCount);
  for (let m = 0; m < MONTHS_PER_YEAR; m++) monthOfDay.fill(m, monthFirstDay[m]!, monthFirstDay[m + 1]!);

  const startS = Date.UTC(year, 0, 1) / MS_PER_S - utcOffsetHours * SECONDS_PER_HOUR;
  const unixTimeS = new Float64Array(hours);
  const tempAirC = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    unixTimeS[h] = startS + (h + 0.5) * SECONDS_PER_HOUR;
    const month = monthOfDay[Math.floor(h / HOURS_PER_DAY)]!;
    tempAirC[h] = typeof tempInput === 'number' ? tempInput : tempInput[month]!;
  }

  const sun = solarPositionBatch(computeSpaTimeTermsBatch(unixTimeS), { latitudeDeg, longitudeDeg, altitudeM, pressurePa, temperatureC: tempAirC });

  // Clear-sky GHI per hour, clear-sky energy per day (Wh/m²) and the largest scale factor that keeps each day's
  // hours at or below the extraterrestrial irradiance on the horizontal.
  const clearGhiWm2 = new Float64Array(hours);
  const clearDayWhPerM2 = new Float64Array(dayCount);
  const extraterrestrialCapOfDay = new Float64Array(dayCount).fill(Number.POSITIVE_INFINITY);
  for (let h = 0; h < hours; h++) {
    const day = Math.floor(h / HOURS_PER_DAY);
    const apparentZenithDeg = sun.apparentZenithDeg[h]!;
    const airmass = absoluteAirmass(relativeAirmass(apparentZenithDeg), pressurePa);
    const dniExtraWm2 = extraterrestrialDniAtUnixTimeWm2(unixTimeS[h]!);
    const tl = linkeTurbidityForMonth(linkeTurbidity, monthOfDay[day]! + 1);
    const ghi = clearskyIneichen(apparentZenithDeg, airmass, tl, altitudeM, dniExtraWm2).ghiWm2;
    clearGhiWm2[h] = ghi;
    clearDayWhPerM2[day] += ghi; // one-hour step: W/m² × 1 h = Wh/m²
    if (ghi > 0) {
      const horizontalExtraterrestrialWm2 = dniExtraWm2 * Math.cos(apparentZenithDeg * DEG_TO_RAD);
      extraterrestrialCapOfDay[day] = Math.min(extraterrestrialCapOfDay[day]!, horizontalExtraterrestrialWm2 / ghi);
    }
  }

  const multiplier = new Float64Array(dayCount).fill(1);
  const variability = input.dailyVariability;
  if (variability !== undefined) {
    for (let j = 0; j < dayCount; j++) multiplier[j] = lognormalUnitMeanMultiplier(variability.uniforms.next(), variability.coefficientOfVariation);
  }

  const dayScale = new Float64Array(dayCount);
  const capOfDay = new Float64Array(dayCount);
  for (let m = 0; m < MONTHS_PER_YEAR; m++) {
    const first = monthFirstDay[m]!;
    const count = monthFirstDay[m + 1]! - first;
    const targetWhPerM2 = input.monthlyGhiKWhPerM2PerDay[m]! * count * WH_PER_KWH;
    let clearMonthWhPerM2 = 0;
    for (let j = first; j < first + count; j++) clearMonthWhPerM2 += clearDayWhPerM2[j]!;
    const aboveClearSky = targetWhPerM2 > clearMonthWhPerM2;
    for (let j = first; j < first + count; j++) {
      capOfDay[j] = aboveClearSky ? extraterrestrialCapOfDay[j]! : Math.min(1, extraterrestrialCapOfDay[j]!);
    }
    solveMonthScale(targetWhPerM2, clearDayWhPerM2, multiplier, capOfDay, first, count, dayScale, m + 1);
  }

  const ghiWm2 = new Float64Array(hours);
  for (let h = 0; h < hours; h++) ghiWm2[h] = clearGhiWm2[h]! * dayScale[Math.floor(h / HOURS_PER_DAY)]!;

  const split = { dniWm2: new Float64Array(hours), dhiWm2: new Float64Array(hours) };
  decomposeGhiBatch(input.decomposition ?? 'erbs', ghiWm2, sun.zenithDeg, unixTimeS, split, pressurePa);

  return {
    format: 'synthetic',
    label: input.label ?? 'synthetic year',
    unixTimeS,
    ghiWm2,
    dniWm2: split.dniWm2,
    dhiWm2: split.dhiWm2,
    tempAirC,
    windSpeedMPerS: new Float64Array(hours).fill(input.windSpeedMPerS ?? DEFAULT_SYNTHETIC_WIND_SPEED_M_PER_S),
    pressurePa: new Float64Array(hours).fill(pressurePa),
    stepHours: 1,
    timeConvention: 'hour-ending-midpoint',
    site: { latitudeDeg, longitudeDeg, altitudeM, utcOffsetHours },
  };
}
