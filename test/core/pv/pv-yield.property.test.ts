// Invariants of the PV chain over random sites, layouts and skies (fast-check): bounds, conservation, scaling and the
// tracker-versus-horizontal beam order. Each run simulates ten clear-sky days built from the core's own models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IAM_MODELS } from '../../../src/core/pv/aoi.ts';
import { simulateYield, simulateYieldBatch, type PvArray, type PvSite } from '../../../src/core/pv/pv-yield.ts';
import { cellTemperatureParams, TEMPERATURE_MODELS } from '../../../src/core/pv/temperature.ts';
import { TRANSPOSITION_MODELS } from '../../../src/core/pv/transposition.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { clearSkyWeather } from './pv-yield.fixtures.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const site: fc.Arbitrary<PvSite> = fc.record({
  latitudeDeg: num(-60, 60),
  longitudeDeg: num(-180, 180),
  altitudeM: num(0, 3000),
  utcOffsetHours: fc.integer({ min: -12, max: 14 }),
});
const sky = fc.record({
  year: fc.integer({ min: 1990, max: 2060 }),
  linkeTurbidity: num(2, 6),
  scale: num(0.2, 1),
  tempAirC: num(-20, 40),
  windSpeedMPerS: num(0, 10),
});
const models = fc.record({
  transposition: fc.constantFrom(...TRANSPOSITION_MODELS),
  iamModel: fc.constantFrom(...IAM_MODELS),
  temperatureModel: fc.constantFrom(...TEMPERATURE_MODELS),
});
const fixed = fc.record({ tiltDeg: num(0, 90), azimuthDeg: num(0, 360) });
const tracker = fc.record({ gcr: num(0.1, 0.9), maxAngleDeg: num(20, 90), backtrack: fc.boolean() });
const electrical = fc.record({ dcAcRatio: num(0.8, 2), inverterEfficiency: num(0.9, 0.99), lossFrac: num(0, 0.3), gammaPerC: num(-0.006, 0) });
const DAYS = 10;
const RUNS = { numRuns: 25 };

describe('PV chain invariants', () => {
  it('keeps AC within [0, inverter rating], irradiance non-negative and the energy cascade closed', () => {
    fc.assert(
      fc.property(site, sky, models, fc.oneof(fixed, tracker), electrical, (s, k, m, layout, e) => {
        const weather = clearSkyWeather(s, { ...k, days: DAYS });
        const mounting: PvArray['mounting'] = 'tiltDeg' in layout ? { type: 'fixed', ...layout } : { type: 'single-axis', ...layout };
        const array: PvArray = {
          mounting,
          transposition: m.transposition,
          iamModel: m.iamModel,
          temperature: cellTemperatureParams(m.temperatureModel),
          dcAcRatio: e.dcAcRatio,
          inverterEfficiency: e.inverterEfficiency,
          gammaPerC: e.gammaPerC,
          losses: { kind: 'total', totalFrac: e.lossFrac },
        };
        const r = simulateYield({ site: s, array, weather, hourly: true });
        const h = r.hourly!;
        const ratingW = 1000 / e.dcAcRatio;
        for (let i = 0; i < h.acW.length; i++) {
          expect(h.acW[i]).toBeGreaterThanOrEqual(0);
          expect(h.acW[i]).toBeLessThanOrEqual(ratingW);
          for (const x of [h.poaGlobalWm2[i]!, h.poaBeamWm2[i]!, h.poaSkyDiffuseWm2[i]!, h.poaGroundDiffuseWm2[i]!, h.poaEffectiveWm2[i]!]) expect(x).toBeGreaterThanOrEqual(0);
          expect(h.poaEffectiveWm2[i]).toBeLessThanOrEqual(h.poaGlobalWm2[i]! * (1 + 1e-12));
        }
        const l = r.losses;
        const lost = l.iam.kWhPerKWp + l.temperature.kWhPerKWp + l.system.kWhPerKWp + l.clipping.kWhPerKWp + l.inverter.kWhPerKWp;
        expectClose(r.poaKWhPerM2 - lost, r.annualKWhPerKWp, { rel: 1e-9, abs: 1e-9 }, 'cascade');
        if (l.system.kWhPerKWp > 0) expectClose(l.system.frac, e.lossFrac, { rel: 1e-9 }, 'system loss = the configured total');
      }),
      RUNS,
    );
  });

  it('reproduces GHI as POA on a horizontal plane for every transposition model (sun above 85°)', () => {
    fc.assert(
      fc.property(site, sky, fc.constantFrom(...TRANSPOSITION_MODELS), (s, k, transposition) => {
        const weather = clearSkyWeather(s, { ...k, days: DAYS, maxZenithDeg: 85 });
        const r = simulateYield({ site: s, array: { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 }, transposition }, weather });
        expectClose(r.poaKWhPerM2, r.ghiKWhPerM2, { rel: 1e-12, abs: 1e-12 }, 'POA = GHI');
      }),
      RUNS,
    );
  });

  it('scales energy linearly with the DC nameplate', () => {
    fc.assert(
      fc.property(site, sky, fixed, num(1, 1e10), (s, k, layout, nameplateW) => {
        const weather = clearSkyWeather(s, { ...k, days: DAYS });
        const per = simulateYield({ site: s, array: { mounting: { type: 'fixed', ...layout } }, weather });
        const big = simulateYield({ site: s, array: { mounting: { type: 'fixed', ...layout }, dcNameplateW: nameplateW }, weather });
        expectClose(big.acEnergyKWh, (per.acEnergyKWh * nameplateW) / 1000, { rel: 1e-11, abs: 1e-12 }, 'energy ∝ nameplate');
      }),
      RUNS,
    );
  });

  it('never gives a single-axis tracker less POA beam than a horizontal plane under a clear sky', () => {
    fc.assert(
      fc.property(site, sky, tracker, (s, k, layout) => {
        const weather = clearSkyWeather(s, { ...k, days: DAYS });
        const flat = simulateYield({ site: s, array: { mounting: { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 } }, weather, hourly: true }).hourly!;
        const tracked = simulateYield({ site: s, array: { mounting: { type: 'single-axis', ...layout } }, weather, hourly: true }).hourly!;
        for (let i = 0; i < flat.poaBeamWm2.length; i++) expect(tracked.poaBeamWm2[i]! * (1 + 1e-12) + 1e-9).toBeGreaterThanOrEqual(flat.poaBeamWm2[i]!);
      }),
      RUNS,
    );
  });

  it('gives in a batch exactly what each system gives alone', () => {
    fc.assert(
      fc.property(fc.array(site, { minLength: 1, maxLength: 4 }), sky, fixed, (sites, k, layout) => {
        // One weather series (and so one set of timestamps) for all: that of the first site.
        const weather = clearSkyWeather(sites[0]!, { ...k, days: DAYS });
        const systems = sites.map((s) => ({ site: s, array: { mounting: { type: 'fixed' as const, ...layout } }, weather }));
        const batch = simulateYieldBatch(weather.unixTimeS, systems);
        systems.forEach((system, i) => expect(batch[i]!.annualKWhPerKWp).toBe(simulateYield(system).annualKWhPerKWp));
      }),
      { numRuns: 15 },
    );
  });
});
