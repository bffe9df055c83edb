// The SPA batch on evenly spaced timestamps advances the periodic terms by angle-addition recurrences (re-anchored
// every SPA_RECURRENCE_ANCHOR_STEPS steps) instead of evaluating ~200 cosines per timestamp. The single call
// (`spaTimeTerms`) evaluates every term; the two must agree to 1e-9° in positions (the brief's bound; the measured
// residue is 5e-11° in zenith and 2e-10° in azimuth, the single call's own rounding of a Julian day near 2.45e6, i.e. ~40 µs of time).
import { describe, expect, it } from 'vitest';
import {
  computeSpaTimeTermsBatch,
  createSolarPositionBatchOut,
  SPA_RECURRENCE_ANCHOR_STEPS,
  solarPositionBatch,
  solarPositionFromTimeTerms,
  spaTimeTerms,
} from '../../../src/core/pv/solar-position.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const POSITION_TOL = { abs: 1e-9 };
const SITES = [
  { latitudeDeg: 37.2, longitudeDeg: 122.05, altitudeM: 50, pressurePa: 100_700, temperatureC: 13 },
  { latitudeDeg: -33.9, longitudeDeg: 18.4, altitudeM: 0, pressurePa: 101_325, temperatureC: 18 },
  { latitudeDeg: 78.2, longitudeDeg: 15.6, altitudeM: 10, pressurePa: 101_000, temperatureC: -5 },
  { latitudeDeg: 0.3, longitudeDeg: -78.5, altitudeM: 2850, pressurePa: 72_000, temperatureC: 14 },
];

function evenlySpaced(startUnixS: number, stepS: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => startUnixS + i * stepS);
}

const wrapped = (aDeg: number, bDeg: number) => ((aDeg - bDeg + 540) % 360) - 180;

function compareWithSingleCalls(times: Float64Array, stride: number): void {
  const batch = computeSpaTimeTermsBatch(times, 67);
  for (const site of SITES) {
    const out = solarPositionBatch(batch, site);
    for (let i = 0; i < times.length; i += stride) {
      const terms = spaTimeTerms(times[i]!, 67);
      const single = solarPositionFromTimeTerms(terms, site.latitudeDeg, site.longitudeDeg, site.altitudeM, site.pressurePa, site.temperatureC);
      expectClose(out.zenithDeg[i]!, single.zenithDeg, POSITION_TOL, `zenith at ${i}`);
      expectClose(out.apparentZenithDeg[i]!, single.apparentZenithDeg, POSITION_TOL, `apparent zenith at ${i}`);
      expectClose(wrapped(out.azimuthDeg[i]!, single.azimuthDeg), 0, POSITION_TOL, `azimuth at ${i}`);
      expectClose(wrapped(batch.geocentricRightAscensionDeg[i]!, terms.geocentricRightAscensionDeg), 0, POSITION_TOL, `right ascension at ${i}`);
      expectClose(batch.geocentricDeclinationDeg[i]!, terms.geocentricDeclinationDeg, POSITION_TOL, `declination at ${i}`);
      // 1e-12 AU is 150 m: its effect on aberration and parallax is below 1e-12°.
      expectClose(batch.earthRadiusVectorAu[i]!, terms.earthRadiusVectorAu, { abs: 1e-12 }, `radius at ${i}`);
      expectClose(batch.equationOfTimeMin[i]!, terms.equationOfTimeMin, { abs: 4e-9 }, `equation of time (min, 1e-9° = 4e-9 min) at ${i}`);
    }
  }
}

describe('SPA batch by recurrence (evenly spaced timestamps)', () => {
  it('agrees with single calls over hourly years at both ends of 1900–2100 and now', () => {
    for (const year of [1900, 2001, 2024, 2100]) {
      const hours = year % 4 === 0 && year !== 1900 && year !== 2100 ? 8784 : 8760;
      compareWithSingleCalls(evenlySpaced(Date.UTC(year, 0, 1) / 1000 + 1800, 3600, hours), 7);
    }
  });

  it('agrees at sub-hourly and daily steps, and with a count that is not a multiple of the anchor period', () => {
    expect((8760 + 5) % SPA_RECURRENCE_ANCHOR_STEPS).not.toBe(0);
    compareWithSingleCalls(evenlySpaced(Date.UTC(2025, 5, 1) / 1000, 600, 3 * SPA_RECURRENCE_ANCHOR_STEPS + 5), 3);
    compareWithSingleCalls(evenlySpaced(Date.UTC(1990, 0, 1) / 1000, 86_400, 40 * 365 + 3), 11);
    compareWithSingleCalls(evenlySpaced(Date.UTC(2030, 0, 1) / 1000, -3600, 2000), 5);
  });

  it('computes only the timestamps asked for, and those exactly as without a mask', () => {
    const times = evenlySpaced(Date.UTC(2001, 0, 1) / 1000 + 1800, 3600, 2000);
    const needed = Uint8Array.from({ length: times.length }, (_, i) => (i % 24 >= 6 && i % 24 < 18 ? 1 : 0));
    const all = computeSpaTimeTermsBatch(times, 67);
    const some = computeSpaTimeTermsBatch(times, 67, needed);
    const site = SITES[0]!;
    const outAll = solarPositionBatch(all, site);
    const outSome = solarPositionBatch(some, site, undefined, needed);
    for (let i = 0; i < times.length; i++) {
      if (needed[i] === 1) {
        expect(some.geocentricDeclinationDeg[i]).toBe(all.geocentricDeclinationDeg[i]);
        expect(outSome.apparentZenithDeg[i]).toBe(outAll.apparentZenithDeg[i]);
        expect(outSome.azimuthDeg[i]).toBe(outAll.azimuthDeg[i]);
      } else {
        expect(some.geocentricDeclinationDeg[i]).toBeNaN();
        expect(outSome.apparentZenithDeg[i]).toBeNaN();
      }
    }
    expect(() => computeSpaTimeTermsBatch(times, 67, new Uint8Array(3))).toThrow(/needed has 3 entries/);
  });

  it('falls back to evaluating every term when the spacing is uneven, and then equals single calls bit for bit', () => {
    const times = Float64Array.from([0, 3600, 7300, 1e9, 1.7e9]);
    const batch = computeSpaTimeTermsBatch(times, 67);
    times.forEach((t, i) => {
      const terms = spaTimeTerms(t, 67);
      expect(batch.geocentricRightAscensionDeg[i]).toBe(terms.geocentricRightAscensionDeg);
      expect(batch.geocentricDeclinationDeg[i]).toBe(terms.geocentricDeclinationDeg);
      expect(batch.apparentSiderealTimeDeg[i]).toBe(terms.apparentSiderealTimeDeg);
    });
  });
});

describe('the sun direction of the batch', () => {
  it('equals the cosines and sines of the apparent zenith and azimuth it reports', () => {
    const times = evenlySpaced(Date.UTC(2001, 0, 1) / 1000 + 1800, 3600, 8760);
    const batch = computeSpaTimeTermsBatch(times, 67);
    for (const site of SITES) {
      const out = solarPositionBatch(batch, site, createSolarPositionBatchOut(times.length, true));
      const d = out.direction!;
      for (let i = 0; i < times.length; i += 3) {
        const z = (out.apparentZenithDeg[i]! * Math.PI) / 180;
        const a = (out.azimuthDeg[i]! * Math.PI) / 180;
        // The angles in degrees carry ~1e-14° of rounding; the vectors they came from carry less.
        expectClose(d.cosApparentZenith[i]!, Math.cos(z), { abs: 1e-13 }, `cos z at ${i}`);
        expectClose(d.sinApparentZenith[i]!, Math.sin(z), { abs: 1e-13 }, `sin z at ${i}`);
        expectClose(d.cosAzimuth[i]!, Math.cos(a), { abs: 1e-13 }, `cos azimuth at ${i}`);
        expectClose(d.sinAzimuth[i]!, Math.sin(a), { abs: 1e-13 }, `sin azimuth at ${i}`);
      }
    }
  });
});

