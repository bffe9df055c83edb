/**
 * Weather series for the PV chain tests, built from the core's own models so that every property is exact:
 * a clear-sky year (Ineichen–Perez at the chain's own apparent zenith, so DNI·cos z + DHI = GHI hour by hour) and
 * a uniform cloudy variant.
 */
import { absoluteAirmass, pressureFromAltitudePa, relativeAirmass } from '../../../src/core/pv/atmosphere.ts';
import { clearskyIneichen } from '../../../src/core/pv/clearsky.ts';
import { extraterrestrialDniAtUnixTimeWm2 } from '../../../src/core/pv/extraterrestrial.ts';
import type { PvSite, YieldWeather } from '../../../src/core/pv/pv-yield.ts';
import { computeSpaTimeTermsBatch, solarPositionBatch } from '../../../src/core/pv/solar-position.ts';

export const SECONDS_PER_HOUR = 3600;

/** Hourly mid-hour instants of `days` days from 1 January of `year` on the site's local standard time. */
export function hourlyTimes(site: PvSite, year = 2001, days = 365): Float64Array {
  const offsetS = (site.utcOffsetHours ?? 0) * SECONDS_PER_HOUR;
  const start = Date.UTC(year, 0, 1) / 1000 - offsetS + SECONDS_PER_HOUR / 2;
  return Float64Array.from({ length: days * 24 }, (_, i) => start + i * SECONDS_PER_HOUR);
}

export interface ClearSkyOptions {
  readonly year?: number;
  readonly days?: number;
  /** Linke turbidity; default 3. */
  readonly linkeTurbidity?: number;
  /** Air temperature (°C), constant; default 20. */
  readonly tempAirC?: number;
  /** Wind speed (m/s); default 2. */
  readonly windSpeedMPerS?: number;
  /** Hours with an apparent zenith above this (deg) are set dark; default 90. */
  readonly maxZenithDeg?: number;
  /** Factor on GHI, DNI and DHI (a uniformly dimmer sky); default 1. */
  readonly scale?: number;
}

/**
 * Clear-sky weather at a site: Ineichen–Perez GHI/DNI/DHI (Solar Energy 73 (2002) 151–157) at the apparent zenith the
 * chain computes for the same instants, pressure and temperature, so its components close exactly.
 */
export function clearSkyWeather(site: PvSite, options: ClearSkyOptions = {}): YieldWeather {
  const unixTimeS = hourlyTimes(site, options.year, options.days);
  const n = unixTimeS.length;
  const altitudeM = site.altitudeM ?? 0;
  const pressurePa = pressureFromAltitudePa(altitudeM);
  const tempAirC = new Float64Array(n).fill(options.tempAirC ?? 20);
  // The sun the chain sees (its time terms are interpolated, see prepareYieldTimes), so that the sky's components
  // close exactly at the chain's zenith.
  const sun = solarPositionBatch(computeSpaTimeTermsBatch(unixTimeS, undefined, undefined, 'interpolation'), {
    latitudeDeg: site.latitudeDeg,
    longitudeDeg: site.longitudeDeg,
    altitudeM,
    pressurePa,
    temperatureC: tempAirC,
  });
  const ghiWm2 = new Float64Array(n);
  const dniWm2 = new Float64Array(n);
  const dhiWm2 = new Float64Array(n);
  const scale = options.scale ?? 1;
  for (let i = 0; i < n; i++) {
    const z = sun.apparentZenithDeg[i]!;
    if (!(z < (options.maxZenithDeg ?? 90))) continue;
    const sky = clearskyIneichen(z, absoluteAirmass(relativeAirmass(z), pressurePa), options.linkeTurbidity ?? 3, altitudeM, extraterrestrialDniAtUnixTimeWm2(unixTimeS[i]!));
    ghiWm2[i] = sky.ghiWm2 * scale;
    dniWm2[i] = sky.dniWm2 * scale;
    dhiWm2[i] = sky.dhiWm2 * scale;
  }
  return {
    unixTimeS,
    ghiWm2,
    dniWm2,
    dhiWm2,
    tempAirC,
    windSpeedMPerS: new Float64Array(n).fill(options.windSpeedMPerS ?? 2),
    stepHours: 1,
  };
}

/** Wendeng (Weihai, Shandong), the district of the shipped scenarios: 37.19° N, 122.06° E, UTC+8. */
export const WENDENG: PvSite = { latitudeDeg: 37.19, longitudeDeg: 122.06, altitudeM: 40, utcOffsetHours: 8 };
