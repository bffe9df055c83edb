// Michalsky's (1988) almanac sun position as PVWatts v5 runs it (SSC solarpos): reference values and invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSolarPositionBatchOut, solarPosition } from '../../../src/core/pv/solar-position.ts';
import { michalskyRefractionDeg, michalskySolarPositionBatch, michalskyTimeTermsBatch } from '../../../src/core/pv/michalsky.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const at = (iso: string, latitudeDeg: number, longitudeDeg: number) => {
  const out = createSolarPositionBatchOut(1, true);
  michalskySolarPositionBatch(Float64Array.of(Date.parse(iso) / 1000), latitudeDeg, longitudeDeg, out);
  return out;
};

describe('michalskySolarPositionBatch', () => {
  // Expected values from a separate python3 transcription of the published algorithm in SSC's calendar form (Julian
  // day 32916.5 + 365(year − 1949) + ⌊(year − 1949)/4⌋ + day of year + UT/24, azimuth by Iqbal with the hour-angle
  // quadrant rule, Michalsky's refraction), written for this test, not derived from this code: (zenith, apparent
  // zenith, azimuth) in degrees.
  const CASES: readonly (readonly [string, number, number, number, number, number])[] = [
    ['2020-06-21T19:30:00Z', 33.45, -111.98, 10.016880583733098, 10.005674533406406, 180.13460580161745],
    ['2019-01-15T08:30:00Z', 33.433333, -112.016667, 163.06573804866247, 162.50573804866247, 46.83507900210371],
    ['2021-12-21T02:30:00Z', -33.87, 151.21, 13.187371817105856, 13.175728786485962, 319.90869184240535],
    ['2000-03-01T06:00:00Z', 39.74, -105.18, 143.80201509665216, 143.24201509665215, 328.25381575073226],
  ];
  for (const [iso, lat, lon, zenith, apparent, azimuth] of CASES) {
    it(`matches the published algorithm at ${iso}, ${lat}°, ${lon}°`, () => {
      const p = at(iso, lat, lon);
      expectClose(p.zenithDeg[0]!, zenith, { abs: 1e-8 }, 'zenith');
      expectClose(p.apparentZenithDeg[0]!, apparent, { abs: 1e-8 }, 'apparent zenith');
      expectClose(p.azimuthDeg[0]!, azimuth, { abs: 1e-8 }, 'azimuth');
    });
  }

  it("refraction: 0.56° at and below −0.56°, Michalsky's formula above (e = 0: 3.51561·0.1594 = 0.5604°)", () => {
    expect(michalskyRefractionDeg(-5)).toBe(0.56);
    expectClose(michalskyRefractionDeg(0), 3.51561 * 0.1594, { abs: 1e-15 });
    expect(michalskyRefractionDeg(45)).toBeLessThan(0.02);
  });

  it('agrees with the NREL SPA within 0.02° (its stated accuracy is 0.01°) in 1950–2050; direction matches the angles', () => {
    fc.assert(
      fc.property(fc.double({ min: -631_152_000, max: 2_524_608_000, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (t, lat, lon) => {
        const out = createSolarPositionBatchOut(1, true);
        michalskySolarPositionBatch(Float64Array.of(t), lat, lon, out);
        const spa = solarPosition({ unixTimeS: t, latitudeDeg: lat, longitudeDeg: lon });
        expectClose(out.zenithDeg[0]!, spa.zenithDeg, { abs: 0.02 }, 'zenith');
        // Azimuth is ill-defined near the zenith: compare it only where the sun is 1° or more away.
        if (spa.zenithDeg > 1) {
          const d = Math.abs(out.azimuthDeg[0]! - spa.azimuthDeg);
          expect(Math.min(d, 360 - d)).toBeLessThan(0.02 / Math.sin((spa.zenithDeg * Math.PI) / 180) + 1e-9);
        }
        const d = out.direction!;
        expectClose(d.cosApparentZenith[0]!, Math.cos((out.apparentZenithDeg[0]! * Math.PI) / 180), { abs: 1e-12 });
        expectClose(d.sinAzimuth[0]!, Math.sin((out.azimuthDeg[0]! * Math.PI) / 180), { abs: 1e-12 });
        expect(out.apparentZenithDeg[0]!).toBeLessThanOrEqual(out.zenithDeg[0]!);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the hours not needed as NaN', () => {
    const out = michalskySolarPositionBatch(Float64Array.of(0, 3600), 30, 100, undefined, Uint8Array.of(0, 1));
    expect(out.zenithDeg[0]).toBeNaN();
    expect(Number.isFinite(out.zenithDeg[1]!)).toBe(true);
  });
});

describe('michalskyTimeTermsBatch', () => {
  it('matches the published algorithm at 2020-06-21T12:00Z (α, sin δ, GMST)', () => {
    // python3, a transcription of Michalsky (1988) written for this test: n = t/86400 + 2440587.5 − 2451545,
    // L = (280.46 + 0.9856474n) mod 360, g = (357.528 + 0.9856003n) mod 360, λ = L + 1.915 sin g + 0.020 sin 2g,
    // ε = 23.439 − 4e-7 n, α = atan2(cos ε sin λ, cos λ), sin δ = sin ε sin λ, GMST = (6.697375 + 0.0657098242n + UT) mod 24.
    const terms = michalskyTimeTermsBatch(Float64Array.of(Date.UTC(2020, 5, 21, 12) / 1000));
    expectClose(terms.rightAscensionRad[0]!, 1.581678074304759, { rel: 1e-12, abs: 1e-12 });
    expectClose(terms.sinDeclination[0]!, 0.39770477881442823, { rel: 1e-12, abs: 1e-12 });
    expectClose(terms.cosDeclination[0]!, Math.cos((23.43477131434547 * Math.PI) / 180), { rel: 1e-12, abs: 1e-12 });
    expectClose(terms.gmstHours[0]!, 6.009730543400053, { rel: 1e-12, abs: 1e-12 });
  });

  it('one series of time terms serves every site: positions equal, bit for bit, those computed with the site’s own terms', () => {
    // A year of hours; the terms computed once for the hours any site needs, the positions per site for its own hours.
    const start = Date.UTC(2022, 0, 1) / 1000;
    const times = Float64Array.from({ length: 8760 }, (_, i) => start + 1800 + 3600 * i);
    const any = Uint8Array.from(times, (_, i) => (i % 24 >= 4 && i % 24 <= 21 ? 1 : 0));
    const shared = michalskyTimeTermsBatch(times, any);
    fc.assert(
      fc.property(fc.double({ min: -89.9, max: 89.9, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 1 }), (lat, lon, half) => {
        const needed = Uint8Array.from(any, (x, i) => (half === 1 && i % 2 === 0 ? 0 : x));
        const own = michalskySolarPositionBatch(times, lat, lon, createSolarPositionBatchOut(times.length, true), needed);
        const fromShared = michalskySolarPositionBatch(times, lat, lon, createSolarPositionBatchOut(times.length, true), needed, shared);
        expect(fromShared).toEqual(own);
      }),
      { numRuns: 12 },
    );
  });

  it('leaves the instants not needed as NaN and the others as the full series has them', () => {
    const times = Float64Array.of(0, 3600, 7200);
    const some = michalskyTimeTermsBatch(times, Uint8Array.of(0, 1, 0));
    const all = michalskyTimeTermsBatch(times);
    expect(some.gmstHours[0]).toBeNaN();
    expect(some.rightAscensionRad[2]).toBeNaN();
    expect(Object.is(some.sinDeclination[1], all.sinDeclination[1])).toBe(true);
    expect(Object.is(some.gmstHours[1], all.gmstHours[1])).toBe(true);
  });
});
