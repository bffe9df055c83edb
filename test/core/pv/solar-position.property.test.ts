// Invariants of the NREL SPA implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atmosphericRefractionDeg,
  computeSpaTimeTermsBatch,
  createSolarPositionBatchOut,
  DEFAULT_ATMOS_REFRACT_DEG,
  SUN_RADIUS_DEG,
  solarPosition,
  solarPositionBatch,
  solarPositionFromTimeTerms,
  spaTimeTerms,
} from '../../../src/core/pv/solar-position.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
// 1900-01-01 … 2100-01-01 in unix seconds, whole and fractional.
const unixTime = num(-2_208_988_800, 4_102_444_800);
const site = fc.record({
  latitudeDeg: num(-90, 90),
  longitudeDeg: num(-180, 180),
  altitudeM: num(-400, 5000),
  pressurePa: num(50000, 110000),
  temperatureC: num(-50, 50),
});

describe('solar position invariants', () => {
  it('a batch without the azimuth angle gives every other output bit for bit, and NaN azimuths', () => {
    fc.assert(
      fc.property(fc.array(unixTime, { minLength: 1, maxLength: 30 }), site, (times, s) => {
        const batch = computeSpaTimeTermsBatch(Float64Array.from(times));
        const needed = Uint8Array.from(times, (_, i) => (i % 3 === 2 ? 0 : 1));
        const full = solarPositionBatch(batch, s, createSolarPositionBatchOut(times.length, true), needed);
        const lean = solarPositionBatch(batch, s, createSolarPositionBatchOut(times.length, true), needed, false);
        expect(Array.from(lean.azimuthDeg).every(Number.isNaN)).toBe(true);
        expect({ ...lean, azimuthDeg: full.azimuthDeg }).toEqual(full);
      }),
    );
  });

  it('keeps angles in range and refraction only ever lifts the sun (except within 0.11° of the zenith)', () => {
    fc.assert(
      fc.property(unixTime, site, num(60, 75), (t, s, deltaTS) => {
        const p = solarPosition({ unixTimeS: t, deltaTS, ...s });
        for (const angle of [p.zenithDeg, p.apparentZenithDeg]) {
          expect(angle).toBeGreaterThanOrEqual(0);
          expect(angle).toBeLessThanOrEqual(180);
        }
        expect(p.azimuthDeg).toBeGreaterThanOrEqual(0);
        expect(p.azimuthDeg).toBeLessThan(360);
        expectClose(p.elevationDeg + p.zenithDeg, 90, { abs: 1e-12 }, 'elevation + zenith');
        expectClose(p.apparentElevationDeg + p.apparentZenithDeg, 90, { abs: 1e-12 }, 'apparent elevation + zenith');
        const horizonDeg = -(SUN_RADIUS_DEG + DEFAULT_ATMOS_REFRACT_DEG);
        if (p.elevationDeg < horizonDeg) {
          expect(p.apparentZenithDeg).toBe(p.zenithDeg);
        } else if (p.zenithDeg > 0.11) {
          expect(p.apparentZenithDeg).toBeLessThanOrEqual(p.zenithDeg);
        } else {
          expect(p.apparentZenithDeg - p.zenithDeg).toBeLessThan(5e-5);
        }
        // The equation of time stays within about −14.3…+16.5 min in this era.
        expect(Math.abs(p.equationOfTimeMin)).toBeLessThan(17);
      }),
      { numRuns: 1000 },
    );
  });

  it('puts the geocentric declination within the obliquity and the Earth within 0.983–1.017 AU', () => {
    fc.assert(
      fc.property(unixTime, (t) => {
        const terms = spaTimeTerms(t);
        // β is below 1e-4°, so |δ| ≤ ε up to that.
        expect(Math.abs(terms.geocentricDeclinationDeg)).toBeLessThanOrEqual(terms.trueObliquityDeg + 1e-3);
        expect(terms.earthRadiusVectorAu).toBeGreaterThan(0.983);
        expect(terms.earthRadiusVectorAu).toBeLessThan(1.017);
        expect(terms.trueObliquityDeg).toBeGreaterThan(23.42);
        expect(terms.trueObliquityDeg).toBeLessThan(23.46);
      }),
    );
  });

  it('is symmetric under a shift of one day and 360° of longitude', () => {
    fc.assert(
      fc.property(unixTime, site, (t, s) => {
        const a = solarPosition({ unixTimeS: t, ...s });
        const b = solarPosition({ unixTimeS: t, ...s, longitudeDeg: s.longitudeDeg - 360 });
        expectClose(b.zenithDeg, a.zenithDeg, { abs: 1e-9 }, 'zenith');
        expectClose(b.apparentZenithDeg, a.apparentZenithDeg, { abs: 1e-9 }, 'apparent zenith');
      }),
    );
  });

  // Batches of evenly spaced timestamps (any two timestamps are) advance the SPA's periodic terms by angle-addition
  // recurrences instead of evaluating each cosine, which changes the last bits: the batch must agree with single
  // calls to 1e-9° (measured residue ≤ 2e-10°, the single call's own rounding of the Julian day), not bit for bit.
  it('batches agree with single calls to 1e-9°, with constant or per-step pressure and temperature', () => {
    fc.assert(
      fc.property(fc.array(unixTime, { minLength: 1, maxLength: 30 }), site, num(60, 75), (times, s, deltaTS) => {
        const batch = computeSpaTimeTermsBatch(Float64Array.from(times), deltaTS);
        const constant = solarPositionBatch(batch, s);
        const perStep = solarPositionBatch(
          batch,
          {
            ...s,
            pressurePa: new Float64Array(times.length).fill(s.pressurePa),
            temperatureC: new Float64Array(times.length).fill(s.temperatureC),
          },
          createSolarPositionBatchOut(times.length),
        );
        times.forEach((t, i) => {
          const single = solarPositionFromTimeTerms(
            spaTimeTerms(t, deltaTS),
            s.latitudeDeg,
            s.longitudeDeg,
            s.altitudeM,
            s.pressurePa,
            s.temperatureC,
          );
          const tol = { abs: 1e-9 };
          for (const out of [constant, perStep]) {
            expectClose(out.zenithDeg[i], single.zenithDeg, tol, 'zenith');
            expectClose(out.apparentZenithDeg[i], single.apparentZenithDeg, tol, 'apparent zenith');
            // Azimuths near 0°/360° are the same direction: compare the wrapped difference.
            expectClose(((out.azimuthDeg[i] - single.azimuthDeg + 540) % 360) - 180, 0, tol, 'azimuth');
            expectClose(out.elevationDeg[i], single.elevationDeg, tol, 'elevation');
            expectClose(out.apparentElevationDeg[i], single.apparentElevationDeg, tol, 'apparent elevation');
          }
          expectClose(batch.equationOfTimeMin[i], single.equationOfTimeMin, { abs: 1e-9 }, 'equation of time (min)');
        });
      }),
      { numRuns: 100 },
    );
  });

  it('rejects impossible sites and mismatched arrays', () => {
    const batch = computeSpaTimeTermsBatch(Float64Array.from([0, 3600]));
    expect(() => solarPositionBatch(batch, { latitudeDeg: 91, longitudeDeg: 0 })).toThrow(/latitude/);
    expect(() => solarPosition({ unixTimeS: 0, latitudeDeg: Number.NaN, longitudeDeg: 0 })).toThrow(/latitude/);
    expect(() =>
      solarPositionBatch(batch, { latitudeDeg: 0, longitudeDeg: 0, temperatureC: new Float64Array(3) }),
    ).toThrow(/temperatureC/);
    expect(() => solarPositionBatch(batch, { latitudeDeg: 0, longitudeDeg: 0 }, createSolarPositionBatchOut(1))).toThrow(
      /out\./,
    );
  });
});

describe('atmospheric refraction (SPA eq. 42)', () => {
  const conditions = fc.record({ pressurePa: num(50000, 110000), temperatureC: num(-50, 50) });
  const horizonDeg = -(SUN_RADIUS_DEG + DEFAULT_ATMOS_REFRACT_DEG);

  it('is zero below the refracted horizon, positive above it up to 89.89°, and tiny beyond', () => {
    fc.assert(
      fc.property(num(-90, 90), conditions, (e0, c) => {
        const de = atmosphericRefractionDeg(e0, c.pressurePa, c.temperatureC);
        if (e0 < horizonDeg) expect(de).toBe(0);
        else if (e0 < 89.89) expect(de).toBeGreaterThan(0);
        else expect(Math.abs(de)).toBeLessThan(5e-5);
        // About half a degree at the horizon under standard conditions, never more than ~1°.
        expect(de).toBeLessThan(1.1);
      }),
    );
  });

  // The SPA's eq. 42 as published, with a tangent call; the code takes tan(e0 + δ) by angle addition and a series.
  const publishedRefractionDeg = (e0: number, pressurePa: number, temperatureC: number) =>
    e0 < horizonDeg ? 0 : ((pressurePa / 100 / 1010) * (283 / (273 + temperatureC)) * 1.02) / (60 * Math.tan(((e0 + 10.3 / (e0 + 5.11)) * Math.PI) / 180));

  it('is eq. 42 as published, to rounding (tan(e0 + δ) by angle addition, tan δ by its series)', () => {
    fc.assert(
      fc.property(num(-2, 90), conditions, (e0, c) => {
        const expected = publishedRefractionDeg(e0, c.pressurePa, c.temperatureC);
        // Rounding of the tangent near 90° leaves ~1e-16 absolute; elsewhere a few ulps of a value ≤ 1°.
        expectClose(atmosphericRefractionDeg(e0, c.pressurePa, c.temperatureC), expected, { abs: 1e-15, rel: 1e-13 }, `e0 ${e0}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('shrinks as the sun rises and scales linearly with pressure', () => {
    fc.assert(
      fc.property(num(horizonDeg, 89), num(horizonDeg, 89), conditions, num(0.5, 1.5), (a, b, c, k) => {
        fc.pre(a < b);
        const da = atmosphericRefractionDeg(a, c.pressurePa, c.temperatureC);
        expect(atmosphericRefractionDeg(b, c.pressurePa, c.temperatureC)).toBeLessThanOrEqual(da);
        expectClose(atmosphericRefractionDeg(a, c.pressurePa * k, c.temperatureC), k * da, { rel: 1e-12 }, 'pressure');
      }),
    );
  });
});
