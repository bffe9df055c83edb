// The PV model chain (src/core/pv-yield.ts): its wiring (one hour through the chain equals the component models
// composed by hand, for every transposition, IAM and temperature model), and the chain-level invariants the issue
// lists. Weather is built from the core's own clear-sky model (pv-yield.fixtures.ts) so each invariant is exact.
import { describe, expect, it } from 'vitest';
import { relativeAirmass } from '../../../src/core/pv/atmosphere.ts';
import { aoiDeg, IAM_MODELS, iam } from '../../../src/core/pv/aoi.ts';
import { decomposeErbs } from '../../../src/core/pv/decomposition.ts';
import { extraterrestrialDniAtUnixTimeWm2 } from '../../../src/core/pv/extraterrestrial.ts';
import { litHours, prepareYieldTimes, simulateYield, simulateYieldBatch, type PvArray, type YieldSystem } from '../../../src/core/pv/pv-yield.ts';
import { PVWATTS_DEFAULT_LOSSES_FRAC, combinedLossFrac, pvwattsDcW, pvwattsInverter, pvwattsInverterAcW } from '../../../src/core/pv/pvwatts.ts';
import { solarPosition } from '../../../src/core/pv/solar-position.ts';
import { cellTemperatureC, cellTemperatureParams, TEMPERATURE_MODELS } from '../../../src/core/pv/temperature.ts';
import { MOUNTING_TYPES } from '../../../src/core/pv/tracking.ts';
import { poaComponents, TRANSPOSITION_MODELS } from '../../../src/core/pv/transposition.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { clearSkyWeather, WENDENG } from './pv-yield.fixtures.ts';

const SOUTH_30: PvArray = { mounting: { type: 'fixed', tiltDeg: 30, azimuthDeg: 180 } };
/** Left-to-right sum, in the order the chain adds its months. */
function sum(xs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i]!;
  return total;
}

describe('one hour through the chain equals the component models composed by hand', () => {
  // 2025-06-21 04:30 UTC = 12:30 UTC+8 at Wendeng: a summer noon with a broken sky.
  const unixTimeS = Date.UTC(2025, 5, 21, 4, 30) / 1000;
  const weather = {
    unixTimeS: Float64Array.of(unixTimeS),
    ghiWm2: Float64Array.of(820),
    dniWm2: Float64Array.of(640),
    dhiWm2: Float64Array.of(210),
    tempAirC: Float64Array.of(27),
    windSpeedMPerS: Float64Array.of(3.5),
    pressurePa: Float64Array.of(100_800),
    albedo: Float64Array.of(0.25),
    stepHours: 1,
  };
  for (const transposition of TRANSPOSITION_MODELS) {
    for (const iamModel of IAM_MODELS) {
      for (const temperatureModel of TEMPERATURE_MODELS) {
        it(`${transposition}, ${iamModel} IAM, ${temperatureModel}`, () => {
          const array: PvArray = { ...SOUTH_30, transposition, iamModel, temperature: cellTemperatureParams(temperatureModel), dcAcRatio: 1.3, inverterEfficiency: 0.97, gammaPerC: -0.004 };
          const r = simulateYield({ site: WENDENG, array, weather, hourly: true });
          const h = r.hourly!;

          const sun = solarPosition({ unixTimeS, latitudeDeg: WENDENG.latitudeDeg, longitudeDeg: WENDENG.longitudeDeg, altitudeM: 40, pressurePa: 100_800, temperatureC: 27 });
          const poa = poaComponents(transposition, {
            surfaceTiltDeg: 30,
            surfaceAzimuthDeg: 180,
            solarZenithDeg: sun.apparentZenithDeg,
            solarAzimuthDeg: sun.azimuthDeg,
            dniWm2: 640,
            ghiWm2: 820,
            dhiWm2: 210,
            dniExtraWm2: extraterrestrialDniAtUnixTimeWm2(unixTimeS),
            airmassRelative: relativeAirmass(sun.apparentZenithDeg),
            albedo: 0.25,
          });
          const beamIam = iam(iamModel, aoiDeg(30, 180, sun.apparentZenithDeg, sun.azimuthDeg));
          const effective = poa.poaDirectWm2 * beamIam + poa.poaSkyDiffuseWm2 + poa.poaGroundDiffuseWm2;
          const cellTempC = cellTemperatureC(cellTemperatureParams(temperatureModel), poa.poaGlobalWm2, 27, 3.5);
          const dcW = pvwattsDcW(effective, cellTempC, 1000, -0.004) * (1 - combinedLossFrac(PVWATTS_DEFAULT_LOSSES_FRAC));
          const acW = pvwattsInverterAcW(dcW, pvwattsInverter(1000 / 1.3, 0.97));

          const tight = { rel: 1e-12, abs: 1e-9 };
          expectClose(h.poaGlobalWm2[0]!, poa.poaGlobalWm2, tight, 'POA global');
          expectClose(h.poaBeamWm2[0]!, poa.poaDirectWm2, tight, 'POA beam');
          expectClose(h.poaSkyDiffuseWm2[0]!, poa.poaSkyDiffuseWm2, tight, 'POA sky');
          expectClose(h.poaGroundDiffuseWm2[0]!, poa.poaGroundDiffuseWm2, tight, 'POA ground');
          expectClose(h.poaEffectiveWm2[0]!, effective, tight, 'POA after IAM');
          expectClose(h.cellTempC[0]!, cellTempC, tight, 'cell temperature');
          expectClose(h.dcW[0]!, dcW, tight, 'DC');
          expectClose(h.acW[0]!, acW, tight, 'AC');
          expectClose(r.annualKWhPerKWp, acW / 1000, tight, 'yield of the hour');
          expectClose(r.monthlyKWhPerKWp[5]!, acW / 1000, tight, 'June');
        });
      }
    }
  }
});

describe('chain invariants on a clear-sky year at Wendeng', () => {
  it('reproduces GHI as POA on a horizontal plane, hour by hour, for every transposition model', () => {
    // Exact while the sun is above 85°: Perez floors cos z at cos 85° (and Hay–Davies at cos 89°) in the circumsolar
    // ratio, as pvlib does, so for lower suns the horizontal circumsolar term is no longer DHI's share.
    const weather = clearSkyWeather(WENDENG, { maxZenithDeg: 85 });
    for (const transposition of TRANSPOSITION_MODELS) {
      const r = simulateYield({ site: WENDENG, array: { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 }, transposition }, weather, hourly: true });
      const h = r.hourly!;
      for (let i = 0; i < weather.ghiWm2.length; i++) expectClose(h.poaGlobalWm2[i]!, weather.ghiWm2[i]!, { rel: 1e-12, abs: 1e-9 }, `${transposition} hour ${i}`);
      expect(h.poaGroundDiffuseWm2.every((x) => x === 0)).toBe(true);
      expectClose(r.poaKWhPerM2, r.ghiKWhPerM2, { rel: 1e-12 }, `${transposition} annual`);
    }
  });

  it('makes the annual yield the sum of the months and of the hours, for both mountings', () => {
    const weather = clearSkyWeather(WENDENG, { scale: 0.7 });
    for (const type of MOUNTING_TYPES) {
      const array: PvArray = type === 'fixed' ? SOUTH_30 : { mounting: { type } };
      const r = simulateYield({ site: WENDENG, array, weather, hourly: true });
      expect(r.annualKWhPerKWp).toBe(sum(r.monthlyKWhPerKWp));
      // acW per 1000 W of nameplate × 1 h = kWh/kWp.
      expectClose(sum(r.hourly!.acW) / 1000, r.annualKWhPerKWp, { rel: 1e-12 }, `${type} Σ hourly`);
      expect(sum(r.monthlyPoaKWhPerM2)).toBe(r.poaKWhPerM2);
      expect(sum(r.monthlyGhiKWhPerM2)).toBe(r.ghiKWhPerM2);
      expect(r.monthlyKWhPerKWp.every((x) => x > 0)).toBe(true);
    }
  });

  it('scales energy linearly with the nameplate and leaves the specific yield unchanged', () => {
    const weather = clearSkyWeather(WENDENG, { scale: 0.8 });
    const small = simulateYield({ site: WENDENG, array: { ...SOUTH_30, dcNameplateW: 1000 }, weather });
    const large = simulateYield({ site: WENDENG, array: { ...SOUTH_30, dcNameplateW: 3.7e9 }, weather });
    expectClose(large.acEnergyKWh / small.acEnergyKWh, 3.7e6, { rel: 1e-12 }, 'energy ratio');
    expectClose(large.annualKWhPerKWp, small.annualKWhPerKWp, { rel: 1e-12 }, 'kWh/kWp');
    expectClose(small.acEnergyKWh, small.annualKWhPerKWp, { rel: 1e-15 }, '1 kWp makes kWh/kWp');
  });

  it('never puts AC above the inverter rating, and reports the clipping it causes', () => {
    // A DC/AC ratio of 1.6 on cool clear days drives the inverter into its limit at noon.
    const weather = clearSkyWeather(WENDENG, { tempAirC: 0, windSpeedMPerS: 5 });
    const array: PvArray = { ...SOUTH_30, dcAcRatio: 1.6, losses: { kind: 'total', totalFrac: 0.05 } };
    const r = simulateYield({ site: WENDENG, array, weather, hourly: true });
    const acRatingW = 1000 / 1.6;
    const h = r.hourly!;
    let clippedHours = 0;
    for (let i = 0; i < h.acW.length; i++) {
      expect(h.acW[i]).toBeLessThanOrEqual(acRatingW);
      if (h.clippedDcW[i]! > 0) {
        clippedHours++;
        expect(h.acW[i]).toBe(acRatingW);
      }
    }
    expect(clippedHours).toBeGreaterThan(100);
    expect(r.losses.clipping.kWhPerKWp).toBeGreaterThan(0);
    expectClose(r.losses.clipping.kWhPerKWp, sum(h.clippedDcW) / 1000, { rel: 1e-12 }, 'clipping = Σ clipped DC');
  });

  it('gives a single-axis tracker at least the POA beam of a horizontal plane in every clear hour', () => {
    const weather = clearSkyWeather(WENDENG);
    const flat = simulateYield({ site: WENDENG, array: { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 } }, weather, hourly: true }).hourly!;
    for (const backtrack of [true, false]) {
      for (const [gcr, maxAngleDeg] of [
        [0.3, 60],
        [0.5, 45],
      ] as const) {
        const tracker = simulateYield({ site: WENDENG, array: { mounting: { type: 'single-axis', backtrack, gcr, maxAngleDeg } }, weather, hourly: true }).hourly!;
        for (let i = 0; i < flat.poaBeamWm2.length; i++) {
          expect(tracker.poaBeamWm2[i]! + 1e-9 * flat.poaBeamWm2[i]!, `backtrack ${backtrack} gcr ${gcr} hour ${i}`).toBeGreaterThanOrEqual(flat.poaBeamWm2[i]!);
        }
        expect(sum(tracker.poaBeamWm2)).toBeGreaterThan(1.15 * sum(flat.poaBeamWm2));
      }
    }
  });

  it('closes the energy cascade: POA insolation − losses by step = AC yield; PR and CF follow', () => {
    const weather = clearSkyWeather(WENDENG, { scale: 0.75, tempAirC: 25 });
    for (const type of MOUNTING_TYPES) {
      const array: PvArray = type === 'fixed' ? { ...SOUTH_30, dcAcRatio: 1.4 } : { mounting: { type }, dcAcRatio: 1.4 };
      const r = simulateYield({ site: WENDENG, array, weather });
      const l = r.losses;
      const lost = l.iam.kWhPerKWp + l.temperature.kWhPerKWp + l.system.kWhPerKWp + l.clipping.kWhPerKWp + l.inverter.kWhPerKWp;
      expectClose(r.poaKWhPerM2 - lost, r.annualKWhPerKWp, { rel: 1e-9 }, `${type} cascade`);
      expectClose(r.performanceRatioFrac, r.annualKWhPerKWp / r.poaKWhPerM2, { rel: 1e-15 }, 'PR');
      expectClose(r.capacityFactorFrac, r.annualKWhPerKWp / 8760, { rel: 1e-15 }, 'CF');
      expectClose(l.system.frac, combinedLossFrac(PVWATTS_DEFAULT_LOSSES_FRAC), { rel: 1e-12 }, 'system loss = PVWatts default');
      expectClose(r.dcKWhPerKWp - l.clipping.kWhPerKWp - l.inverter.kWhPerKWp, r.annualKWhPerKWp, { rel: 1e-9 }, 'inverter side');
      // A two-axis tracker faces the sun (AOI 0, IAM 1): its IAM loss is 0 up to rounding, of either sign.
      if (type === 'two-axis') expect(Math.abs(l.iam.frac)).toBeLessThan(1e-12);
      else expect(l.iam.frac).toBeGreaterThan(0);
      expect(l.temperature.frac).toBeGreaterThan(0);
    }
  });

  it('reports no IAM loss with the none model', () => {
    const r = simulateYield({ site: WENDENG, array: { ...SOUTH_30, iamModel: 'none' }, weather: clearSkyWeather(WENDENG, { days: 30 }) });
    expect(r.losses.iam.kWhPerKWp).toBeCloseTo(0, 12);
    expectClose(r.poaEffectiveKWhPerM2, r.poaKWhPerM2, { rel: 1e-12 }, 'no IAM');
  });

  it('gives zero power in dark hours, with the cells at air temperature', () => {
    const weather = clearSkyWeather(WENDENG, { days: 3, tempAirC: 11 });
    const h = simulateYield({ site: WENDENG, array: SOUTH_30, weather, hourly: true }).hourly!;
    let dark = 0;
    for (let i = 0; i < h.acW.length; i++) {
      if (weather.ghiWm2[i] === 0) {
        dark++;
        expect([h.poaGlobalWm2[i], h.dcW[i], h.acW[i]]).toEqual([0, 0, 0]);
        expect(h.cellTempC[i]).toBe(11);
      }
    }
    expect(dark).toBeGreaterThan(24);
  });

  it('runs every combination of mounting, transposition, IAM and temperature model to a finite, plausible yield', () => {
    const weather = clearSkyWeather(WENDENG, { days: 60, scale: 0.7 });
    for (const type of MOUNTING_TYPES) {
      for (const transposition of TRANSPOSITION_MODELS) {
        for (const iamModel of IAM_MODELS) {
          for (const temperatureModel of TEMPERATURE_MODELS) {
            const array: PvArray = { mounting: type === 'fixed' ? { type, tiltDeg: 30, azimuthDeg: 180 } : { type }, transposition, iamModel, temperature: cellTemperatureParams(temperatureModel) };
            const r = simulateYield({ site: WENDENG, array, weather });
            const label = `${type} ${transposition} ${iamModel} ${temperatureModel}`;
            expect(Number.isFinite(r.annualKWhPerKWp), label).toBe(true);
            // 60 winter days of 70 % clear sky: PR between 0.7 and 0.95.
            expect(r.performanceRatioFrac, label).toBeGreaterThan(0.7);
            expect(r.performanceRatioFrac, label).toBeLessThan(0.95);
          }
        }
      }
    }
  });
});

describe('weather handling', () => {
  it('decomposes GHI with Erbs at the true zenith where DNI and DHI are missing', () => {
    const clear = clearSkyWeather(WENDENG, { days: 5, scale: 0.6 });
    const n = clear.ghiWm2.length;
    const weather = { ...clear, dniWm2: new Float64Array(n).fill(Number.NaN), dhiWm2: undefined };
    const h = simulateYield({ site: WENDENG, array: SOUTH_30, weather, hourly: true }).hourly!;
    for (let i = 0; i < n; i++) {
      if (!(clear.ghiWm2[i]! > 0)) continue;
      const t = clear.unixTimeS[i]!;
      const zenith = solarPosition({ unixTimeS: t, latitudeDeg: WENDENG.latitudeDeg, longitudeDeg: WENDENG.longitudeDeg, altitudeM: 40, temperatureC: 20 }).zenithDeg;
      const expected = decomposeErbs(clear.ghiWm2[i]!, zenith, extraterrestrialDniAtUnixTimeWm2(t));
      // The chain's interpolated SPA time terms agree with the single call within 2e-8° (α, δ, ν; bound 1e-7°), so its
      // zenith within ~1e-7°, i.e. 2e-9 rad; DNI divides by cos z, so at z = 88° (tan z ≈ 29) it moves by up to ~6e-8
      // of itself, hence the relative tolerance.
      expectClose(h.dniWm2[i]!, expected.dniWm2, { rel: 1e-7, abs: 1e-9 }, `DNI hour ${i}`);
      expectClose(h.dhiWm2[i]!, expected.dhiWm2, { rel: 1e-7, abs: 1e-9 }, `DHI hour ${i}`);
    }
  });

  it('takes pressure and albedo from the weather where present and falls back where they are NaN', () => {
    const clear = clearSkyWeather(WENDENG, { days: 10 });
    const n = clear.ghiWm2.length;
    const albedo = new Float64Array(n).fill(Number.NaN);
    const withAlbedo = simulateYield({ site: WENDENG, array: { ...SOUTH_30, albedo: 0.2 }, weather: { ...clear, albedo } });
    const plain = simulateYield({ site: WENDENG, array: { ...SOUTH_30, albedo: 0.2 }, weather: clear });
    expect(withAlbedo.annualKWhPerKWp).toBe(plain.annualKWhPerKWp);
    const snow = simulateYield({ site: WENDENG, array: { ...SOUTH_30, albedo: 0.2 }, weather: { ...clear, albedo: new Float64Array(n).fill(0.8) } });
    expectClose(snow.poaGroundDiffuseKWhPerM2, 4 * plain.poaGroundDiffuseKWhPerM2, { rel: 1e-12 }, 'ground ∝ albedo');
  });

  it('rejects weather it cannot simulate, naming the problem', () => {
    const clear = clearSkyWeather(WENDENG, { days: 1 });
    expect(() => simulateYield({ site: WENDENG, array: SOUTH_30, weather: { ...clear, tempAirC: new Float64Array(3) } })).toThrow(/tempAirC has 3 values for 24 timestamps/);
    const ghi = Float64Array.from(clear.ghiWm2);
    ghi[5] = Number.NaN;
    expect(() => simulateYield({ site: WENDENG, array: SOUTH_30, weather: { ...clear, ghiWm2: ghi } })).toThrow(/row 5 lacks GHI/);
    expect(() => simulateYield({ site: WENDENG, array: { ...SOUTH_30, dcAcRatio: 0 }, weather: clear })).toThrow(/DC\/AC ratio/);
    expect(() => simulateYield({ site: WENDENG, array: { mounting: { type: 'fixed', tiltDeg: -5, azimuthDeg: 180 } }, weather: clear })).toThrow(/tilt/);
  });
});

describe('batches of systems sharing one year of timestamps', () => {
  it('give exactly what each system gives on its own', () => {
    const weather = clearSkyWeather(WENDENG, { scale: 0.8 });
    const systems: YieldSystem[] = [
      { site: WENDENG, array: SOUTH_30, weather },
      { site: { ...WENDENG, latitudeDeg: 36.1, longitudeDeg: 120.4 }, array: { mounting: { type: 'single-axis', gcr: 0.4 } }, weather },
      { site: { ...WENDENG, latitudeDeg: 39.8, longitudeDeg: 116.5 }, array: { mounting: { type: 'fixed', tiltDeg: 35, azimuthDeg: 200 }, transposition: 'haydavies' }, weather: { ...weather, ghiWm2: weather.ghiWm2.map((x) => x * 0.9) } },
    ];
    const batch = simulateYieldBatch(weather.unixTimeS, systems);
    systems.forEach((system, k) => {
      const single = simulateYield(system);
      expect(batch[k]!.annualKWhPerKWp).toBe(single.annualKWhPerKWp);
      expect(batch[k]!.monthlyKWhPerKWp).toEqual(single.monthlyKWhPerKWp);
      expect(batch[k]!.losses).toEqual(single.losses);
    });
  });

  it('rejects a system whose timestamps differ from the shared ones', () => {
    const weather = clearSkyWeather(WENDENG, { days: 2 });
    const shifted = { ...weather, unixTimeS: weather.unixTimeS.map((t) => t + 60) };
    expect(() => simulateYieldBatch(weather.unixTimeS, [{ site: WENDENG, array: SOUTH_30, weather: shifted }])).toThrow(/timestamp 0 differs/);
  });

  it('computes the time terms only for hours some system has light in', () => {
    const weather = clearSkyWeather(WENDENG, { days: 2 });
    const lit = litHours(weather);
    const times = prepareYieldTimes(weather.unixTimeS, 67, lit);
    for (let i = 0; i < lit.length; i++) expect(Number.isNaN(times.spa.geocentricDeclinationDeg[i]!)).toBe(lit[i] === 0);
  });
});
