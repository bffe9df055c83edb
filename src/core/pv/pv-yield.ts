/**
 * The PV model chain: from a site, an array and a weather year to hourly AC power and specific yield (kWh/kWp), at
 * PVWatts v5 grade (A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641, 2014) with pvlib-python's model
 * chain conventions. Pure, typed arrays, no allocation per hour; docs/pv-yield.md walks through every step. The inputs
 * and outputs are declared in pv-yield-types.ts, the once-per-run preparation is in pv-yield-prepare.ts.
 *
 * Per hour, in this order:
 *  1. Solar position by the NREL SPA at the row's timestamp (readers stamp hour-ending rows at mid-hour), with
 *     refraction from the hour's pressure and air temperature; the Earth-centred part is shared by every site. Or,
 *     as PVWatts v5 does, by Michalsky's (1988) almanac algorithm (michalsky.ts).
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

import { absoluteAirmass, kastenYoungAirmassOfCos, pressureFromAltitudePa, relativeAirmass } from './atmosphere.ts';
import { createFuentesState, fuentesStep } from './fuentes.ts';
import { SUN_UP_CHECK_ZENITH_DEG, sunUpPartOfStep } from './pvwatts-v5.ts';
import { applyOneAxisSelfShading } from './pvwatts-v5-shading.ts';
import { decomposeGhiBatch } from './decomposition.ts';
import { michalskySolarPositionBatch } from './michalsky.ts';
import { createSolarPositionStep, createSolarPositionStepper, DEFAULT_DELTA_T_S, refractionScale, solarPositionBatch, solarPositionStepInto } from './solar-position.ts';
import { cellTemperatureC, sapmCellTempFromModuleC, sapmModuleTempFromWindFactorC, sapmWindFactor } from './temperature.ts';
import { monthFromUnixTime, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.ts';
import { createMountOrientation, orientMount } from './tracking.ts';
import { createPoaComponents, poaComponentsFromGeometry, type SkyIrradiance } from './transposition.ts';
import { pvwattsClippedDcW, pvwattsDcW, pvwattsInverterAcW, STC_IRRADIANCE_WM2 } from './pvwatts.ts';
import { W_PER_KW } from '../units.ts';
import { createHourly, prepareArray, prepareWeather, scratchFor, sharedYieldTimes, type LocalMonths, type PreparedWeather, type Scratch } from './pv-yield-prepare.ts';
import type { SimulateYieldInput, YieldHourly, YieldLossStep, YieldResult, YieldSystem, YieldTimes, YieldWeather } from './pv-yield-types.ts';

export * from './pv-yield-types.ts';
export { clearSharedYieldTimes, litHours, prepareYieldTimes, sharedYieldTimes } from './pv-yield-prepare.ts';

const MONTHS_PER_YEAR = 12;
const RAD_TO_DEG = 180 / Math.PI;
/** Degrees of longitude per hour of time zone, for the default UTC offset round(longitude / 15°). */
const DEGREES_OF_LONGITUDE_PER_HOUR = 15;


function lossStep(lostWhPerWp: number, enteringWhPerWp: number): YieldLossStep {
  return { kWhPerKWp: lostWhPerWp, frac: enteringWhPerWp !== 0 ? lostWhPerWp / enteringWhPerWp : 0 };
}

/**
 * Runs the chain for one system on prepared time terms and weather; `hourly` receives the series when given, and
 * `skipDark` computes the sun's position only in lit hours (the time terms must then cover them). With `sunReady`,
 * `scratch.sun` already holds this system's sun (see {@link sameSun}) and is used as it is; with `keepSun`, the sun
 * this run computes is left there for the next system.
 */
function simulateOne(
  fn: string,
  times: YieldTimes,
  system: YieldSystem,
  prepared: PreparedWeather,
  scratch: Scratch,
  hourly: YieldHourly | undefined,
  skipDark: boolean,
  sunReady = false,
  keepSun = false,
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
  // The SPA's sun is taken step by step in the loop below (and kept in scratch.sun when the next system shares it),
  // unless every hour needs it first: for the decomposition at the true zenith, or for the hourly series.
  const spaInLoop = !sunReady && !array.michalsky && !prepared.needsDecomposition && hourly === undefined;
  const sunPosition = sunReady || spaInLoop
    ? scratch.sun
    : array.michalsky
    ? michalskySolarPositionBatch(times.unixTimeS, site.latitudeDeg, site.longitudeDeg, scratch.sun, skipDark ? prepared.lit : undefined, times.michalsky)
    : solarPositionBatch(
        times.spa,
        { latitudeDeg: site.latitudeDeg, longitudeDeg: site.longitudeDeg, altitudeM, pressurePa, temperatureC: weather.tempAirC },
        scratch.sun,
        skipDark ? prepared.lit : undefined,
        // The azimuth as an angle goes only into the hourly series (and a two-axis plane's azimuth reported there).
        hourly !== undefined,
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
  const sun = createSolarPositionStep();
  // The refraction's air factor: shared by every system on this weather with the same pressure (the file's, or the
  // standard atmosphere's at one altitude); computed hour by hour where the file's gaps are filled for this site.
  const filePressurePa = pressurePa === filePressure ? filePressure : undefined;
  const airFactors = !spaInLoop
    ? undefined
    : typeof pressurePa === 'number'
      ? litHourSeries(prepared, `refraction ${pressurePa}`, (i) => refractionScale(pressurePa, weather.tempAirC[i]))
      : filePressurePa !== undefined
        ? litHourSeries(prepared, 'refraction file', (i) => refractionScale(filePressurePa[i], weather.tempAirC[i]))
        : undefined;
  const stepper = spaInLoop ? createSolarPositionStepper({ latitudeDeg: site.latitudeDeg, longitudeDeg: site.longitudeDeg, altitudeM }, false) : undefined;
  const plane = createMountOrientation();
  const poa = createPoaComponents();
  // Fields start as doubles (NaN), so the hourly writes keep one hidden class (see tracking.ts's doubleFields).
  const sky: SkyIrradiance = { dniWm2: Number.NaN, ghiWm2: Number.NaN, dhiWm2: Number.NaN, dniExtraWm2: Number.NaN, airmassRelative: Number.NaN, albedo: array.albedo };
  const perez = array.transposition === 'perez';
  const fileAlbedo = weather.albedo;

  // Sums of hourly means (W/m², W), scaled to kWh/m² and kWh/kWp once at the end; monthly by local calendar month.
  const { monthOfHour, monthlyGhiWm2: monthlyGhi } = localMonths(prepared, times.unixTimeS, weather.ghiWm2, utcOffsetS);
  const monthlyAc = new Float64Array(MONTHS_PER_YEAR);
  const monthlyPoa = new Float64Array(MONTHS_PER_YEAR);
  let poaBeam = 0;
  let poaSky = 0;
  let poaGround = 0;
  let poaEffective = 0;
  let dcRaw = 0;
  let dcNet = 0;
  let clipped = 0;
  let ac = 0;
  // Columns and choices in locals: the loop body calls functions V8 cannot prove pure, so it would reload them.
  const dniExtra = times.dniExtraWm2;
  const ghiColumn = weather.ghiWm2;
  const tempColumn = weather.tempAirC;
  const windColumn = weather.windSpeedMPerS;
  const decomposedDni = scratch.decomposed.dniWm2;
  const decomposedDhi = scratch.decomposed.dhiWm2;
  const apparentZenith = sunPosition.apparentZenithDeg;
  const azimuth = sunPosition.azimuthDeg;
  const { mount, transposition, beamIam, temperature, inverter, gammaPerC, fuentes, sunUpMidpoint, selfShading } = array;
  const fuentesState = createFuentesState();
  // SAPM's wind factor is shared by every array on this weather; it is kept for the lit hours, all a run without the
  // hourly series visits.
  const sapm = fuentes === undefined && temperature.model === 'sapm' && hourly === undefined ? temperature : undefined;
  const sapmFactors = sapm === undefined ? undefined : litHourSeries(prepared, `sapm ${sapm.a} ${sapm.bSPerM}`, (i) => sapmWindFactor(windColumn[i], sapm.a, sapm.bSPerM));
  const latitudeDeg = site.latitudeDeg;

  // Every hour for the hourly series; otherwise only the lit ones, as the others produce nothing.
  const steps = hourly === undefined ? prepared.litIndex : everyIndex(n);
  for (let j = 0; j < steps.length; j++) {
    const i = steps[j];
    const month = monthOfHour[i];
    const ghi = ghiColumn[i];
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

    // The sun's direction from the SPA's own vectors: the same angles as sunDirection(), without four library calls.
    if (stepper !== undefined) {
      solarPositionStepInto(times.spa, i, stepper, airFactors !== undefined ? airFactors[i] : refractionScale(typeof pressurePa === 'number' ? pressurePa : pressurePa[i], tempAirC), sun);
      if (keepSun) {
        apparentZenith[i] = sun.apparentZenithDeg;
        azimuth[i] = sun.azimuthDeg;
        direction.cosApparentZenith[i] = sun.cosZenith;
        direction.sinApparentZenith[i] = sun.sinZenith;
        direction.cosAzimuth[i] = sun.cosAzimuth;
        direction.sinAzimuth[i] = sun.sinAzimuth;
      }
    } else {
      sun.apparentZenithDeg = apparentZenith[i];
      sun.azimuthDeg = azimuth[i];
      sun.cosZenith = direction.cosApparentZenith[i];
      sun.sinZenith = direction.sinApparentZenith[i];
      sun.cosAzimuth = direction.cosAzimuth[i];
      sun.sinAzimuth = direction.sinAzimuth[i];
    }
    const apparentZenithDeg = sun.apparentZenithDeg;
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
    sky.airmassRelative = perez ? kastenYoungAirmassOfCos(apparentZenithDeg, sun.cosZenith) : Number.NaN;
    const albedoHere = fileAlbedo === undefined ? Number.NaN : fileAlbedo[i];
    sky.albedo = albedoHere >= 0 && albedoHere <= 1 ? albedoHere : array.albedo;
    poaComponentsFromGeometry(transposition, sky, sun, plane, poa);

    let effectiveWm2: number;
    if (selfShading === undefined) effectiveWm2 = poa.poaDirectWm2 * beamIam(plane.cosAoi) + poa.poaSkyDiffuseWm2 + poa.poaGroundDiffuseWm2;
    else {
      // PVWatts v5's self-shaded one-axis rows: the cover's loss stays that of the unshaded beam (SSC's powerout).
      const unshadedBeamWm2 = poa.poaDirectWm2;
      applyOneAxisSelfShading(selfShading, sun, plane, dni, dhi, poa);
      effectiveWm2 = Math.max(0, poa.poaGlobalWm2 - (1 - beamIam(plane.cosAoi)) * unshadedBeamWm2);
    }
    const cellTempC =
      fuentes !== undefined
        ? fuentesStep(fuentes, fuentesState, poa.poaGlobalWm2, tempAirC, windColumn[i], stepHours)
        : sapm !== undefined
          ? sapmCellTempFromModuleC(sapmModuleTempFromWindFactorC(poa.poaGlobalWm2, tempAirC, sapmFactors![i]), poa.poaGlobalWm2, sapm.deltaTC)
          : cellTemperatureC(temperature, poa.poaGlobalWm2, tempAirC, windColumn[i]);
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

/**
 * A quantity of every lit hour of a weather series that depends on the weather alone (and on what `key` names), other
 * hours 0: computed once for every system on that series.
 */
function litHourSeries(prepared: PreparedWeather, key: string, valueAt: (i: number) => number): Float64Array {
  const known = prepared.litHourSeries.get(key);
  if (known !== undefined) return known;
  const series = new Float64Array(prepared.lit.length);
  for (const i of prepared.litIndex) series[i] = valueAt(i);
  prepared.litHourSeries.set(key, series);
  return series;
}

/** 0, 1, …, n − 1. */
function everyIndex(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The local calendar month (0 = January) of every step on a clock `utcOffsetS` ahead of UTC, and the monthly sums of
 * GHI (W/m² summed over steps): what every system on this weather and time zone shares, computed once for them.
 */
function localMonths(prepared: PreparedWeather, unixTimeS: Float64Array, ghiWm2: Float64Array, utcOffsetS: number): LocalMonths {
  const known = prepared.localMonths.get(utcOffsetS);
  if (known !== undefined) return known;
  const n = unixTimeS.length;
  const monthOfHour = new Uint8Array(n);
  const monthlyGhiWm2 = new Float64Array(MONTHS_PER_YEAR);
  // The local day as [dayStartS, nextDayS): the month changes only when the day does.
  let dayStartS = Number.POSITIVE_INFINITY;
  let nextDayS = Number.NEGATIVE_INFINITY;
  let month = 0;
  for (let i = 0; i < n; i++) {
    const t = unixTimeS[i];
    if (t >= nextDayS || t < dayStartS) {
      dayStartS = Math.floor((t + utcOffsetS) / SECONDS_PER_DAY) * SECONDS_PER_DAY - utcOffsetS;
      nextDayS = dayStartS + SECONDS_PER_DAY;
      month = monthFromUnixTime(t, utcOffsetS) - 1;
    }
    monthOfHour[i] = month;
    monthlyGhiWm2[month] += ghiWm2[i];
  }
  const result = { monthOfHour, monthlyGhiWm2 };
  prepared.localMonths.set(utcOffsetS, result);
  return result;
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
  // Michalsky's algorithm needs none of the SPA's time terms, only its own.
  const michalsky = input.array.solarPositionModel === 'michalsky';
  const times = sharedYieldTimes(unixTimeS, input.deltaTS ?? DEFAULT_DELTA_T_S, hourly ? undefined : prepared.lit, !michalsky, michalsky);
  return simulateOne(fn, times, input, prepared, scratchFor(unixTimeS.length), hourly ? createHourly(unixTimeS) : undefined, !hourly);
}

/**
 * {@link simulateYield} for many systems whose weather shares one series of timestamps (s, UTC): the SPA time terms
 * and extraterrestrial irradiance are computed once for all (and kept for later calls on the same timestamps, see
 * `sharedYieldTimes`), each weather series is checked once, consecutive systems at one site share its sun, scratch
 * arrays are reused, nothing is allocated per hour. Throws when a system's timestamps differ from `unixTimeS`.
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
  const michalsky = systems.map((system) => system.array.solarPositionModel === 'michalsky');
  const times = sharedYieldTimes(unixTimeS, deltaTS, anyLit, michalsky.includes(false), michalsky.includes(true));
  const scratch = scratchFor(n);
  // Array options at one site (consecutive systems with the same site and weather) share the site's sun as well.
  let sunOf: YieldSystem | undefined;
  return systems.map((system, k) => {
    const sunReady = sunOf !== undefined && sameSun(sunOf, system);
    sunOf = undefined;
    const next = systems[k + 1];
    const keepSun = next !== undefined && sameSun(system, next);
    const result = simulateOne(fn, times, system, preparedByWeather.get(system.weather)!, scratch, undefined, true, sunReady, keepSun);
    sunOf = system;
    return result;
  });
}

/**
 * Whether two systems see the same sun hour by hour: the same weather series (timestamps, pressure and air temperature
 * for refraction, lit hours), the same coordinates and altitude, and the same sun-position model.
 */
function sameSun(a: YieldSystem, b: YieldSystem): boolean {
  return (
    a.weather === b.weather &&
    a.site.latitudeDeg === b.site.latitudeDeg &&
    a.site.longitudeDeg === b.site.longitudeDeg &&
    (a.site.altitudeM ?? 0) === (b.site.altitudeM ?? 0) &&
    (a.array.solarPositionModel === 'michalsky') === (b.array.solarPositionModel === 'michalsky')
  );
}
