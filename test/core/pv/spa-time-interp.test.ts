// The interpolated SPA time terms (spa-time-interp.ts; Blanc & Wald 2012's SG2 approach) against the exact evaluation
// of every term at every timestamp (`spaTimeTerms`, Reda & Andreas 2004): the acceptance bound is 1e-7° in α, δ and ν
// and 1e-10 AU in R, 3,000× inside the SPA's own ±0.0003°. The measured errors (docs/pv-yield.md) are ~2e-8° and
// ~5e-12 AU; the error of a 4-point cubic grows as the anchor spacing to the fourth power, so anchors a day apart
// instead of half a day fail these bounds (3e-7°, 2e-9 AU), which the last test checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSpaTimeTermsBatch, SPA_BATCH_METHODS } from '../../../src/core/pv/spa-time-batch.ts';
import {
  anchorCount,
  createInterpolationGrid,
  cubicWeights,
  interpolatedTimeTermsInto,
  interpolationStride,
  SPA_INTERPOLATION_MAX_SPACING_S,
  storeAnchor,
} from '../../../src/core/pv/spa-time-interp.ts';
import { createTimeTermsTarget, spaTimeTerms, type SpaTimeTerms } from '../../../src/core/pv/spa-time.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const ANGLE_BOUND_DEG = 1e-7;
const RADIUS_BOUND_AU = 1e-10;
// The equation of time is α in minutes of rotation (4 min a degree).
const EOT_BOUND_MIN = 4 * ANGLE_BOUND_DEG;
const DELTA_T_S = 67;

const wrapped = (aDeg: number, bDeg: number) => ((aDeg - bDeg + 540) % 360) - 180;

function evenlySpaced(startUnixS: number, stepS: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => startUnixS + i * stepS);
}

interface MaxErrors {
  alphaDeg: number;
  deltaDeg: number;
  nuDeg: number;
  radiusAu: number;
  eotMin: number;
}

/** The largest differences between the interpolating batch and single calls over every timestamp of `times`. */
function maxErrors(times: Float64Array, needed?: Uint8Array): MaxErrors {
  const batch = computeSpaTimeTermsBatch(times, DELTA_T_S, needed, 'interpolation');
  const e: MaxErrors = { alphaDeg: 0, deltaDeg: 0, nuDeg: 0, radiusAu: 0, eotMin: 0 };
  for (let i = 0; i < times.length; i++) {
    if (needed !== undefined && needed[i] === 0) continue;
    const exact = spaTimeTerms(times[i]!, DELTA_T_S);
    const alpha = batch.geocentricRightAscensionDeg[i]!;
    expect(alpha >= 0 && alpha < 360, `α in [0, 360) at ${i}: ${alpha}`).toBe(true);
    e.alphaDeg = Math.max(e.alphaDeg, Math.abs(wrapped(alpha, exact.geocentricRightAscensionDeg)));
    e.deltaDeg = Math.max(e.deltaDeg, Math.abs(batch.geocentricDeclinationDeg[i]! - exact.geocentricDeclinationDeg));
    e.nuDeg = Math.max(e.nuDeg, Math.abs(wrapped(batch.apparentSiderealTimeDeg[i]!, exact.apparentSiderealTimeDeg)));
    e.radiusAu = Math.max(e.radiusAu, Math.abs(batch.earthRadiusVectorAu[i]! - exact.earthRadiusVectorAu));
    e.eotMin = Math.max(e.eotMin, Math.abs(batch.equationOfTimeMin[i]! - exact.equationOfTimeMin));
  }
  return e;
}

function expectWithinBounds(e: MaxErrors, label: string): void {
  expect(e.alphaDeg, `${label}: α`).toBeLessThanOrEqual(ANGLE_BOUND_DEG);
  expect(e.deltaDeg, `${label}: δ`).toBeLessThanOrEqual(ANGLE_BOUND_DEG);
  expect(e.nuDeg, `${label}: ν`).toBeLessThanOrEqual(ANGLE_BOUND_DEG);
  expect(e.radiusAu, `${label}: R`).toBeLessThanOrEqual(RADIUS_BOUND_AU);
  expect(e.eotMin, `${label}: equation of time`).toBeLessThanOrEqual(EOT_BOUND_MIN);
}

const yearStartS = (year: number) => Date.UTC(year, 0, 1) / 1000;
const HOUR_S = 3600;

describe('interpolated SPA time terms against the exact evaluation (Reda & Andreas 2004)', () => {
  it('stay within 1e-7° (α, δ, ν) and 1e-10 AU (R) over whole hourly years 2000, 2022 and 2050', () => {
    for (const year of [2000, 2022, 2050]) {
      const hours = year === 2000 ? 8784 : 8760;
      const e = maxErrors(evenlySpaced(yearStartS(year) + HOUR_S / 2, HOUR_S, hours));
      expectWithinBounds(e, `${year} hourly`);
      // The interpolation did run: an exact path would agree to ~1e-10° or better.
      expect(e.alphaDeg, `${year}: the interpolated path ran`).toBeGreaterThan(1e-9);
    }
  });

  it('stay within the bounds over a 30-min and a 15-min year, and backwards in time', () => {
    expectWithinBounds(maxErrors(evenlySpaced(yearStartS(2022), 1800, 17_520)), '2022 30-min');
    expectWithinBounds(maxErrors(evenlySpaced(yearStartS(2022) + 450, 900, 35_040)), '2022 15-min');
    expectWithinBounds(maxErrors(evenlySpaced(yearStartS(2023), -HOUR_S, 2000)), '2022 hourly, backwards');
  });

  it('keep α continuous across its 360° wrap at the March equinox', () => {
    // α passes 0° near 2022-03-20 15:33 UTC; 10-min steps over 5 days around it.
    const times = evenlySpaced(Date.UTC(2022, 2, 18) / 1000, 600, 720);
    const batch = computeSpaTimeTermsBatch(times, DELTA_T_S, undefined, 'interpolation');
    let wraps = 0;
    for (let i = 1; i < times.length; i++) if (batch.geocentricRightAscensionDeg[i]! < batch.geocentricRightAscensionDeg[i - 1]!) wraps++;
    expect(wraps).toBe(1);
    expectWithinBounds(maxErrors(times), 'March equinox');
  });

  it('holds for random evenly spaced series within the SPA years −2000…6000 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 6000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 60, max: 6 * HOUR_S }),
        fc.integer({ min: 40, max: 400 }),
        fc.boolean(),
        (year, yearFrac, stepS, count, backwards) => {
          const startS = (year - 1970) * 365.2425 * 86_400 + yearFrac * 365 * 86_400;
          const times = evenlySpaced(Math.round(startS), backwards ? -stepS : stepS, count);
          expectWithinBounds(maxErrors(times), `year ${year}, step ${stepS} s, ${count} steps`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('give each timestamp the same terms whichever others are asked for (the lit-hours mask)', () => {
    const times = evenlySpaced(yearStartS(2022) + 1800, HOUR_S, 24 * 20);
    const all = computeSpaTimeTermsBatch(times, DELTA_T_S, undefined, 'interpolation');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: times.length, maxLength: times.length, min: 0, max: 1 }), (needed) => {
        const some = computeSpaTimeTermsBatch(times, DELTA_T_S, needed, 'interpolation');
        for (let i = 0; i < times.length; i++) {
          for (const column of ['apparentSiderealTimeDeg', 'geocentricRightAscensionDeg', 'geocentricDeclinationDeg', 'earthRadiusVectorAu', 'siteCosGreenwichHourAngle', 'siteSinParallax'] as const) {
            if (needed[i] === 1) expect(Object.is(some[column][i], all[column][i])).toBe(true);
            else expect(some[column][i]).toBeNaN();
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('leave short, coarse and uneven series to the exact path, bit for bit', () => {
    const cases = [
      evenlySpaced(yearStartS(2022), HOUR_S, 30), // spans fewer than three anchor intervals
      evenlySpaced(yearStartS(2022), 8 * HOUR_S, 400), // steps longer than half the anchor spacing
      Float64Array.from([0, 3600, 7300, 1e9, 1.7e9]), // uneven
    ];
    for (const times of cases) {
      const exact = computeSpaTimeTermsBatch(times, DELTA_T_S, undefined, 'recurrence');
      const other = computeSpaTimeTermsBatch(times, DELTA_T_S, undefined, 'interpolation');
      expect(other.geocentricRightAscensionDeg).toEqual(exact.geocentricRightAscensionDeg);
      expect(other.geocentricDeclinationDeg).toEqual(exact.geocentricDeclinationDeg);
      expect(other.earthRadiusVectorAu).toEqual(exact.earthRadiusVectorAu);
    }
    expect(interpolationStride(HOUR_S, 8760)).toBe(SPA_INTERPOLATION_MAX_SPACING_S / HOUR_S);
    expect(interpolationStride(HOUR_S, 30)).toBe(0);
    expect(interpolationStride(8 * HOUR_S, 8760)).toBe(0);
  });

  it('take every batch method through the same single-call path for uneven timestamps', () => {
    const times = Float64Array.from([1e9, 1e9 + 3600, 1e9 + 9000]);
    for (const method of SPA_BATCH_METHODS) {
      const batch = computeSpaTimeTermsBatch(times, DELTA_T_S, undefined, method);
      times.forEach((t, i) => expect(batch.geocentricDeclinationDeg[i]).toBe(spaTimeTerms(t, DELTA_T_S).geocentricDeclinationDeg));
    }
  });
});

describe('the 4-point cubic', () => {
  it('has weights summing to 1 that reproduce any cubic through anchors at −1, 0, 1, 2 (Lagrange)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 96 }), fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 4, maxLength: 4 }), (stride, c) => {
        const w = cubicWeights(stride);
        const p = (x: number) => c[0]! + x * (c[1]! + x * (c[2]! + x * c[3]!));
        for (let r = 0; r < stride; r++) {
          const u = r / stride;
          const sum = w[4 * r]! + w[4 * r + 1]! + w[4 * r + 2]! + w[4 * r + 3]!;
          expectClose(sum, 1, { abs: 1e-15 }, `Σw at r=${r}`);
          const interpolated = w[4 * r]! * p(-1) + w[4 * r + 1]! * p(0) + w[4 * r + 2]! * p(1) + w[4 * r + 3]! * p(2);
          expectClose(interpolated, p(u), { rel: 1e-12, abs: 1e-9 }, `cubic at u=${u}`);
        }
        // On an anchor (u = 0) the cubic returns the anchor's own value.
        expect(w[0] === 0 && w[1] === 1 && w[2] === 0 && w[3] === 0).toBe(true);
      }),
    );
  });

  it('would miss the bounds with anchors a day apart (the spacing is not arbitrary)', () => {
    // The same interpolation on anchors 24 h apart: the Moon's 29.5-day term in L and the nutation's 13.7- and 9.1-day
    // terms bend α more than a cubic follows over a day.
    const stepS = HOUR_S;
    const stride = 24;
    const start = yearStartS(2022) + 1800;
    const n = 24 * 60;
    const grid = createInterpolationGrid(stride, stepS, anchorCount(n, stride));
    const anchors: SpaTimeTerms[] = [];
    for (let m = 0; m < anchorCount(n, stride); m++) anchors.push(spaTimeTerms(start + (m - 1) * stride * stepS, DELTA_T_S));
    anchors.forEach((t, m) => storeAnchor(grid, m, t));
    const t = createTimeTermsTarget();
    let alphaErrorDeg = 0;
    for (let i = 0; i < n; i++) {
      interpolatedTimeTermsInto(start + i * stepS, DELTA_T_S, i, grid, t);
      alphaErrorDeg = Math.max(alphaErrorDeg, Math.abs(wrapped(t.geocentricRightAscensionDeg, spaTimeTerms(start + i * stepS, DELTA_T_S).geocentricRightAscensionDeg)));
      if (i % stride === 0) expect(t.geocentricRightAscensionDeg).toBeCloseTo(anchors[i / stride + 1]!.geocentricRightAscensionDeg, 10);
    }
    expect(alphaErrorDeg).toBeGreaterThan(ANGLE_BOUND_DEG);
  });
});
