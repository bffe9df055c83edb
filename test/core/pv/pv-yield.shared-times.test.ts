// The remembered time terms (sharedYieldTimes) and the reused scratch arrays must not change a single bit: every
// result below is compared for exact equality (toEqual compares numbers with Object.is) with the result of the same
// system computed first, on an empty cache, by the plain per-site path (prepareYieldTimes with the site's own lit
// hours, fresh scratch), and again after other sites, other lit masks, hourly runs and batches have used the cache.
import { describe, expect, it } from 'vitest';
import { clearSharedYieldTimes, litHours, prepareYieldTimes, sharedYieldTimes } from '../../../src/core/pv/pv-yield-prepare.ts';
import { simulateYield, simulateYieldBatch, type PvArray, type YieldResult, type YieldSystem } from '../../../src/core/pv/pv-yield.ts';
import { pvwattsV5Array } from '../../../src/core/pv/pvwatts-v5.ts';
import { cellTemperatureParams } from '../../../src/core/pv/temperature.ts';
import { parseWeatherText } from '../../../src/weather/read.ts';
import type { WeatherSeries } from '../../../src/weather/types.ts';
import { BEIJING_EPW, GREENSBORO_TMY3, weatherPath, weatherText } from '../../weather/weather-files.ts';
import { clearSkyWeather, WENDENG } from './pv-yield.fixtures.ts';

const greensboro: WeatherSeries = parseWeatherText(weatherText(GREENSBORO_TMY3), weatherPath(GREENSBORO_TMY3));
const beijing: WeatherSeries = parseWeatherText(weatherText(BEIJING_EPW), weatherPath(BEIJING_EPW));

const ARRAYS: readonly PvArray[] = [
  { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 } },
  { mounting: { type: 'fixed', tiltDeg: 22, azimuthDeg: 200 }, transposition: 'haydavies', iamModel: 'martin-ruiz' },
  { mounting: { type: 'single-axis', gcr: 0.35 }, decomposition: 'disc' },
  { mounting: { type: 'two-axis' }, transposition: 'isotropic' },
  pvwattsV5Array({ moduleType: 'premium', arrayType: 'one-axis-backtracking', tiltDeg: 0 }),
  // Another SAPM mounting: its wind factors must be kept apart from the default mounting's of the first array.
  { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 }, temperature: cellTemperatureParams('sapm', 'close-mount-glass-glass') },
];

function systemsOn(weather: WeatherSeries): YieldSystem[] {
  const s = weather.site;
  return ARRAYS.map((array, k) => ({
    site: { latitudeDeg: s.latitudeDeg! + 0.37 * k, longitudeDeg: s.longitudeDeg! - 0.21 * k, altitudeM: s.altitudeM! + 40 * k, utcOffsetHours: s.utcOffsetHours! },
    array,
    // The third system decomposes its GHI (no DNI/DHI), which uses the scratch arrays for DNI and DHI.
    weather: k === 2 ? { ...weather, dniWm2: undefined, dhiWm2: undefined } : weather,
  }));
}

/** Each system's result on an empty cache, the first computation of its timestamps. */
function coldResults(systems: readonly YieldSystem[], hourly = false): YieldResult[] {
  return systems.map((system) => {
    clearSharedYieldTimes();
    return simulateYield({ ...system, hourly });
  });
}

describe('remembered time terms', () => {
  it('are, hour for hour, the terms the plain computation gives for the hours it finishes', () => {
    clearSharedYieldTimes();
    const weather = clearSkyWeather(WENDENG, { days: 40 });
    const lit = litHours(weather);
    const half = Uint8Array.from(lit, (x, i) => (i % 48 < 24 ? x : 0));
    const plain = prepareYieldTimes(weather.unixTimeS, 67, lit);
    // First a smaller set of hours, then the full one: the second call must extend the first, not reuse it as is.
    sharedYieldTimes(weather.unixTimeS, 67, half);
    const shared = sharedYieldTimes(weather.unixTimeS, 67, lit);
    for (const name of Object.keys(plain.spa) as (keyof typeof plain.spa)[]) {
      const a = plain.spa[name];
      const b = shared.spa[name];
      if (typeof a === 'number') expect(b).toBe(a);
      else for (let i = 0; i < lit.length; i++) if (lit[i]) expect(Object.is((b as Float64Array)[i], a[i])).toBe(true);
    }
    expect(shared.dniExtraWm2).toEqual(plain.dniExtraWm2);
    expect(sharedYieldTimes(weather.unixTimeS, 67, lit)).toBe(shared);
    // Another ΔT is another set of terms.
    expect(sharedYieldTimes(weather.unixTimeS, 69, lit)).not.toBe(shared);
  });

  it('add Michalsky’s terms to a series holding the SPA’s, and keep both, hour for hour, as the plain computation has them', () => {
    clearSharedYieldTimes();
    const weather = clearSkyWeather(WENDENG, { days: 40 });
    const lit = litHours(weather);
    const half = Uint8Array.from(lit, (x, i) => (i % 48 < 24 ? x : 0));
    const plain = prepareYieldTimes(weather.unixTimeS, 67, lit, true, true);
    // The SPA's terms for half the hours, then Michalsky's for the other half, then both for all lit hours.
    sharedYieldTimes(weather.unixTimeS, 67, half, true, false);
    const withMichalsky = sharedYieldTimes(weather.unixTimeS, 67, Uint8Array.from(lit, (x, i) => x & (half[i]! ^ 1)), false, true);
    expect(withMichalsky.michalsky).toBeDefined();
    const shared = sharedYieldTimes(weather.unixTimeS, 67, lit, true, true);
    expect(shared).toBe(withMichalsky);
    const michalsky = shared.michalsky!;
    for (const name of Object.keys(plain.michalsky!) as (keyof NonNullable<typeof plain.michalsky>)[]) {
      for (let i = 0; i < lit.length; i++) if (lit[i]) expect(Object.is(michalsky[name][i], plain.michalsky![name][i])).toBe(true);
    }
    for (let i = 0; i < lit.length; i++) if (lit[i]) expect(Object.is(shared.spa.geocentricDeclinationDeg[i], plain.spa.geocentricDeclinationDeg[i])).toBe(true);
    // A request for the SPA alone is served by the entry holding both.
    expect(sharedYieldTimes(weather.unixTimeS, 67, lit)).toBe(shared);
  });

  it('follow the timestamps’ content, not the array: a caller changing its array in place gets new terms', () => {
    clearSharedYieldTimes();
    const weather = clearSkyWeather(WENDENG, { days: 3 });
    const times = Float64Array.from(weather.unixTimeS);
    const first = sharedYieldTimes(times);
    expect(sharedYieldTimes(Float64Array.from(times))).toBe(first);
    times.forEach((t, i) => (times[i] = t + 86_400));
    const moved = sharedYieldTimes(times);
    expect(moved).not.toBe(first);
    expect(moved.unixTimeS).toEqual(times);
    expect(first.unixTimeS[0]).toBe(weather.unixTimeS[0]);
  });

  for (const [name, weather] of [['Greensboro TMY3', greensboro], ['Beijing EPW', beijing]] as const) {
    it(`${name}: single runs, batches and hourly runs on a warm cache give exactly the cold per-site results`, () => {
      const systems = systemsOn(weather);
      const cold = coldResults(systems);
      const coldHourly = coldResults(systems.slice(0, 2), true);
      clearSharedYieldTimes();
      // Warm the cache in an order that grows its lit mask, then ask again in reverse, as a batch and hourly.
      const warm = systems.map((system) => simulateYield(system));
      const reversed = [...systems].reverse().map((system) => simulateYield(system)).reverse();
      const batch = simulateYieldBatch(weather.unixTimeS, systems);
      const hourly = systems.slice(0, 2).map((system) => simulateYield({ ...system, hourly: true }));
      const afterHourly = systems.map((system) => simulateYield(system));
      expect(warm).toEqual(cold);
      expect(reversed).toEqual(cold);
      expect(batch).toEqual(cold);
      expect(afterHourly).toEqual(cold);
      expect(hourly).toEqual(coldHourly);
      // The hourly run walks every hour, the others only the lit ones: the sums must not differ by a bit.
      expect(hourly.map(({ hourly: _series, ...summary }) => summary)).toEqual(cold.slice(0, 2));
    });
  }

  it('array options at one site share its sun in a batch and still give exactly their cold single results', () => {
    const s = greensboro.site;
    const here = { latitudeDeg: s.latitudeDeg!, longitudeDeg: s.longitudeDeg!, altitudeM: s.altitudeM!, utcOffsetHours: s.utcOffsetHours! };
    const there = { ...here, latitudeDeg: here.latitudeDeg + 0.5 };
    const higher = { ...here, altitudeM: here.altitudeM + 500 };
    const decomposed = { ...greensboro, dniWm2: undefined, dhiWm2: undefined };
    // Refraction's air factor is kept per weather and pressure source: the file's, the standard atmosphere's at each
    // altitude (no pressure column), or filled hour by hour where the file has gaps.
    const standardAir = { ...greensboro, pressurePa: undefined };
    const gappyPressure = greensboro.pressurePa!.map((p, i) => (i % 7 === 3 ? 0 : p));
    const gappy = { ...greensboro, pressurePa: gappyPressure };
    // Runs of one site with different arrays, broken by another site, another altitude, another weather series and a
    // Michalsky array (another sun model) at the same site.
    const systems: YieldSystem[] = [
      ...ARRAYS.map((array) => ({ site: here, array, weather: greensboro })),
      { site: there, array: ARRAYS[0]!, weather: greensboro },
      { site: here, array: ARRAYS[1]!, weather: greensboro },
      { site: higher, array: ARRAYS[1]!, weather: greensboro },
      { site: here, array: ARRAYS[2]!, weather: decomposed },
      { site: here, array: ARRAYS[0]!, weather: decomposed },
      { site: here, array: ARRAYS[3]!, weather: greensboro },
      { site: here, array: ARRAYS[0]!, weather: standardAir },
      { site: higher, array: ARRAYS[0]!, weather: standardAir },
      { site: here, array: ARRAYS[1]!, weather: gappy },
      { site: higher, array: ARRAYS[0]!, weather: gappy },
    ];
    const cold = coldResults(systems);
    clearSharedYieldTimes();
    expect(simulateYieldBatch(greensboro.unixTimeS, systems)).toEqual(cold);
  });
});
