import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iamPhysical, sunDirection } from '../../../src/core/pv/aoi.ts';
import { createFuentesState, FUENTES_PVWATTS_DEFAULTS, fuentesModel, fuentesStep } from '../../../src/core/pv/fuentes.ts';
import { simulateYield, type PvSite } from '../../../src/core/pv/pv-yield.ts';
import {
  PVWATTS_ARRAY_TYPES,
  PVWATTS_MODULE_TYPES,
  PVWATTS_V5_MODULES,
  pvwattsV5Array,
  pvwattsV5CoverIam,
  sunUpPartOfStep,
} from '../../../src/core/pv/pvwatts-v5.ts';
import { parseTmy3 } from '../../../src/weather/tmy3.ts';
import { GREENSBORO_TMY3, weatherText } from '../../weather/weather-files.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const ANGLES = [0, 20, 40, 60, 70, 80, 85, 89, 90];
// python3 test/fixtures/reference/pvwatts_v5_cover.py: PVWatts v5's cover (Dobos 2014 §3.2; Fresnel transmittance of
// unpolarised light, glass n = 1.526, AR layer n = 1.3 multiplied with the glass below it, no absorption,
// incidence clamped to [1°, 89°], normalised at 1°), evaluated from the equations.
const GLASS = [1.0, 0.9997113812, 0.9938225478, 0.9476278732, 0.8615735255, 0.6356866661, 0.4019070403, 0.0994824937, 0.0994824937];
const AR = [1.0, 0.9998104676, 0.9957811402, 0.9606758962, 0.8872932014, 0.6712977694, 0.4305065721, 0.1076184653, 0.1076184653];

describe('PVWatts v5 cover IAM', () => {
  it('matches the published model of standard and AR glass', () => {
    ANGLES.forEach((a, k) => {
      expectClose(pvwattsV5CoverIam(a, 'glass'), GLASS[k]!, { abs: 1e-9 }, `glass ${a}°`);
      expectClose(pvwattsV5CoverIam(a, 'anti-reflective'), AR[k]!, { abs: 1e-9 }, `AR ${a}°`);
    });
  });

  it("bare glass equals aoi.ts's physical model without absorption, renormalised at 1°", () => {
    for (const a of [10, 30, 50, 70, 85]) expectClose(pvwattsV5CoverIam(a, 'glass'), iamPhysical(a, 1.526, 0, 0.002) / iamPhysical(1, 1.526, 0, 0.002), { abs: 1e-12 });
  });

  it('lies in (0, 1], falls with the angle, and AR glass passes at least as much as bare glass', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 90, noNaN: true }), fc.double({ min: 0, max: 90, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        for (const cover of ['glass', 'anti-reflective'] as const) {
          const x = pvwattsV5CoverIam(lo, cover);
          expect(x).toBeGreaterThan(0);
          expect(x).toBeLessThanOrEqual(1 + 1e-12);
          expect(pvwattsV5CoverIam(hi, cover)).toBeLessThanOrEqual(x + 1e-12);
        }
        expect(pvwattsV5CoverIam(hi, 'anti-reflective')).toBeGreaterThanOrEqual(pvwattsV5CoverIam(hi, 'glass') - 1e-12);
      }),
    );
  });
});

describe('Fuentes properties (PVWatts geometry)', () => {
  const steady = (noct: number, poa: number, air: number, wind: number) => {
    const model = fuentesModel({ ...FUENTES_PVWATTS_DEFAULTS, noctInstalledC: noct });
    const state = createFuentesState();
    let t = 0;
    for (let i = 0; i < 4; i++) t = fuentesStep(model, state, poa, air, wind, 1);
    return t;
  };
  // Daylight worth producing in: below ~150 W/m² the sky's long-wave cooling can take a module under air temperature,
  // and then the better-coupled open rack is the warmer one.
  const poa = fc.double({ min: 200, max: 1200, noNaN: true });
  const air = fc.double({ min: -20, max: 45, noNaN: true });
  const wind = fc.double({ min: 0, max: 15, noNaN: true });

  it('rises with irradiance, falls with wind, and a roof mount (NOCT 49 °C) runs hotter than an open rack (45 °C)', () => {
    fc.assert(
      fc.property(poa, poa, air, wind, wind, (e1, e2, ta, w1, w2) => {
        const [eLo, eHi] = e1 < e2 ? [e1, e2] : [e2, e1];
        const [wLo, wHi] = w1 < w2 ? [w1, w2] : [w2, w1];
        expect(steady(45, eHi, ta, wLo)).toBeGreaterThanOrEqual(steady(45, eLo, ta, wLo) - 1e-9);
        expect(steady(45, eHi, ta, wHi)).toBeLessThanOrEqual(steady(45, eHi, ta, wLo) + 1e-9);
        expect(steady(49, eHi, ta, wLo)).toBeGreaterThan(steady(45, eHi, ta, wLo));
        expect(steady(45, eHi, ta, wLo)).toBeGreaterThan(ta);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sun for the up part of sunrise and sunset hours', () => {
  // Sun vector from latitude φ, declination δ and hour angle ω (Duffie & Beckman eq. 1.6.5 and its azimuth).
  const sunAt = (latDeg: number, decDeg: number, omegaDeg: number) => {
    const r = Math.PI / 180;
    const [p, d, w] = [latDeg * r, decDeg * r, omegaDeg * r];
    const up = Math.sin(p) * Math.sin(d) + Math.cos(p) * Math.cos(d) * Math.cos(w);
    const east = -Math.cos(d) * Math.sin(w);
    const north = Math.cos(p) * Math.sin(d) - Math.sin(p) * Math.cos(d) * Math.cos(w);
    const azimuth = ((Math.atan2(east, north) / r) + 360) % 360;
    return sunDirection(Math.acos(up) / r, azimuth);
  };

  it('at the equator at equinox (sunrise at 06:00, ω = −90°): the 05:30–06:30 hour is half up, its sun at 06:15', () => {
    const sun = sunAt(0, 0, -90);
    expectClose(sunUpPartOfStep(0, sun, 1), 0.5, { abs: 1e-9 });
    // 06:15 is ω = −86.25°: zenith 86.25° at the equator at equinox, in the east.
    expectClose(sun.apparentZenithDeg, 86.25, { abs: 1e-9 });
    expectClose(sun.azimuthDeg, 90, { abs: 1e-9 });
  });

  it('leaves hours with the sun up throughout alone and reports hours without sun as 0', () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -23, max: 23, noNaN: true }), fc.double({ min: -179, max: 179, noNaN: true }), (lat, dec, omega) => {
        const sun = sunAt(lat, dec, omega);
        const before = { ...sun };
        const frac = sunUpPartOfStep(lat, sun, 1);
        expect(frac).toBeGreaterThanOrEqual(0);
        expect(frac).toBeLessThanOrEqual(1);
        if (frac === 1) expect(sun).toEqual(before);
        if (frac > 0 && frac < 1) expect(sun.apparentZenithDeg).toBeLessThanOrEqual(90 + 1e-9);
        if (before.apparentZenithDeg > 90 + 8) expect(frac).toBe(0);
      }),
    );
  });
});

describe('pvwattsV5Array and the chain', () => {
  const weather = parseTmy3(weatherText(GREENSBORO_TMY3), GREENSBORO_TMY3);
  const site: PvSite = { latitudeDeg: weather.site.latitudeDeg!, longitudeDeg: weather.site.longitudeDeg!, altitudeM: weather.site.altitudeM!, utcOffsetHours: weather.site.utcOffsetHours! };
  const run = (array: ReturnType<typeof pvwattsV5Array>) => simulateYield({ site, array, weather });

  it('maps module types to γ and cover, and array types to mountings and installed NOCT', () => {
    for (const moduleType of PVWATTS_MODULE_TYPES) {
      const a = pvwattsV5Array({ moduleType, arrayType: 'fixed-open-rack', tiltDeg: 20 });
      expect(a.gammaPerC).toBe(PVWATTS_V5_MODULES[moduleType].gammaPerC);
      expect(a.pvwattsCover).toBe(moduleType === 'premium' ? 'anti-reflective' : 'glass');
    }
    const types = PVWATTS_ARRAY_TYPES.map((arrayType) => pvwattsV5Array({ moduleType: 'standard', arrayType, tiltDeg: 20 }));
    expect(types.map((a) => a.mounting.type)).toEqual(['fixed', 'fixed', 'single-axis', 'single-axis', 'two-axis']);
    expect(types.map((a) => a.fuentes?.noctInstalledC)).toEqual([45, 49, 45, 45, 45]);
    expect(types[2]!.mounting).toMatchObject({ axisTiltDeg: 20, maxAngleDeg: 45, backtrack: false, gcr: 0.4 });
    expect(types[3]!.mounting).toMatchObject({ backtrack: true });
  });

  it('premium never yields less than standard with the same temperature coefficient; roof below rack; two-axis above all', () => {
    const standard = run(pvwattsV5Array({ moduleType: 'standard', arrayType: 'fixed-open-rack', tiltDeg: 20 }));
    const premiumSameGamma = run({ ...pvwattsV5Array({ moduleType: 'premium', arrayType: 'fixed-open-rack', tiltDeg: 20 }), gammaPerC: PVWATTS_V5_MODULES.standard.gammaPerC });
    expect(premiumSameGamma.annualKWhPerKWp).toBeGreaterThanOrEqual(standard.annualKWhPerKWp);
    expect(premiumSameGamma.poaEffectiveKWhPerM2).toBeGreaterThanOrEqual(standard.poaEffectiveKWhPerM2);
    const roof = run(pvwattsV5Array({ moduleType: 'standard', arrayType: 'fixed-roof', tiltDeg: 20 }));
    expect(roof.annualKWhPerKWp).toBeLessThan(standard.annualKWhPerKWp);
    expect(roof.poaKWhPerM2).toBe(standard.poaKWhPerM2);
    const twoAxis = run(pvwattsV5Array({ moduleType: 'standard', arrayType: 'two-axis', tiltDeg: 0 }));
    const oneAxis = run(pvwattsV5Array({ moduleType: 'standard', arrayType: 'one-axis', tiltDeg: 0 }));
    expect(twoAxis.poaKWhPerM2).toBeGreaterThan(oneAxis.poaKWhPerM2);
    expect(oneAxis.poaKWhPerM2).toBeGreaterThan(standard.poaKWhPerM2);
    // Cascade closes: Yr − losses = Yf.
    const l = standard.losses;
    expectClose(standard.poaKWhPerM2 - l.iam.kWhPerKWp - l.temperature.kWhPerKWp - l.system.kWhPerKWp - l.clipping.kWhPerKWp - l.inverter.kWhPerKWp, standard.annualKWhPerKWp, { rel: 1e-9 });
  });
});
