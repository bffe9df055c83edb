import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECOMPOSITION_MODELS } from '../../src/core/pv/decomposition.ts';
import { createStream } from '../../src/core/uncertainty/random.ts';
import { solarPosition } from '../../src/core/pv/solar-position.ts';
import { extraterrestrialDniAtUnixTimeWm2 } from '../../src/core/pv/extraterrestrial.ts';
import { syntheticYear, type SyntheticYearInput } from '../../src/weather/synthetic.ts';
import type { WeatherSeries } from '../../src/weather/types.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MID_MONTH_DAY_OF_YEAR = [17, 47, 75, 105, 135, 162, 198, 228, 258, 288, 318, 344];
const DEG = Math.PI / 180;

/**
 * Daily extraterrestrial irradiation on a horizontal plane (kWh/m²/day) on day `n`, Duffie & Beckman, Solar
 * Engineering of Thermal Processes (4th ed.), eq. 1.10.3 with Cooper's declination (eq. 1.6.1a) and the
 * recommended mid-month days of Table 1.6.1: an independent bound on what a month can receive.
 */
function extraterrestrialDailyKWhPerM2(latitudeDeg: number, n: number): number {
  const solarConstantKW = 1.367;
  const declination = 23.45 * Math.sin(DEG * (360 * (284 + n)) / 365);
  const x = -Math.tan(latitudeDeg * DEG) * Math.tan(declination * DEG);
  const sunsetHourAngle = Math.acos(Math.min(1, Math.max(-1, x)));
  return (
    (24 / Math.PI) *
    solarConstantKW *
    (1 + 0.033 * Math.cos((DEG * 360 * n) / 365)) *
    (Math.cos(latitudeDeg * DEG) * Math.cos(declination * DEG) * Math.sin(sunsetHourAngle) +
      sunsetHourAngle * Math.sin(latitudeDeg * DEG) * Math.sin(declination * DEG))
  );
}

/** Monthly GHI totals (kWh/m²) of an hourly series, months taken on the local clock via the JS Date API. */
function monthlyTotalsKWhPerM2(series: WeatherSeries): number[] {
  const totals = new Array<number>(12).fill(0);
  const offsetS = series.site.utcOffsetHours! * 3600;
  for (let i = 0; i < series.unixTimeS.length; i++) {
    const month = new Date((series.unixTimeS[i]! + offsetS) * 1000).getUTCMonth();
    totals[month] += (series.ghiWm2[i]! * series.stepHours) / 1000;
  }
  return totals;
}

const siteAndMonths = (maxLatitudeDeg: number, maxFractionOfExtraterrestrial: number) =>
  fc
    .record({
      latitudeDeg: fc.double({ min: -maxLatitudeDeg, max: maxLatitudeDeg, noNaN: true }),
      longitudeDeg: fc.double({ min: -180, max: 180, noNaN: true }),
      altitudeM: fc.double({ min: 0, max: 3000, noNaN: true }),
      fractions: fc.array(fc.double({ min: 0, max: maxFractionOfExtraterrestrial, noNaN: true }), { minLength: 12, maxLength: 12 }),
    })
    .map(({ latitudeDeg, longitudeDeg, altitudeM, fractions }) => ({
      latitudeDeg,
      longitudeDeg,
      altitudeM,
      monthlyGhiKWhPerM2PerDay: fractions.map((f, m) => f * extraterrestrialDailyKWhPerM2(latitudeDeg, MID_MONTH_DAY_OF_YEAR[m]!)),
    }));

const variability = fc.option(
  fc.record({ seed: fc.integer({ min: 0, max: 2 ** 40 }), coefficientOfVariation: fc.double({ min: 0, max: 1, noNaN: true }) }),
  { nil: undefined },
);

function build(base: Omit<SyntheticYearInput, 'dailyVariability'>, v: { seed: number; coefficientOfVariation: number } | undefined, model = DECOMPOSITION_MODELS[0]!): WeatherSeries {
  return syntheticYear({
    ...base,
    decomposition: model,
    ...(v === undefined ? {} : { dailyVariability: { coefficientOfVariation: v.coefficientOfVariation, uniforms: createStream(v.seed, 0) } }),
  });
}

describe('syntheticYear (properties)', () => {
  it('reproduces its 12 monthly GHI inputs within 1e-9 relative, for any site, seed and decomposition model', () => {
    fc.assert(
      fc.property(siteAndMonths(60, 0.7), variability, fc.constantFrom(...DECOMPOSITION_MODELS), (base, v, model) => {
        const series = build(base, v, model);
        const totals = monthlyTotalsKWhPerM2(series);
        base.monthlyGhiKWhPerM2PerDay.forEach((meanKWhPerM2PerDay, m) => {
          const expected = meanKWhPerM2PerDay * DAYS_IN_MONTH[m]!;
          expect(Math.abs(totals[m]! - expected)).toBeLessThanOrEqual(1e-9 * expected + 1e-12);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic for a seed, and a different seed gives a different year', () => {
    fc.assert(
      fc.property(siteAndMonths(50, 0.4), fc.integer({ min: 0, max: 2 ** 40 }), (base, seed) => {
        const v = { seed, coefficientOfVariation: 0.3 };
        const a = build(base, v);
        const b = build(base, v);
        expect(a.ghiWm2).toEqual(b.ghiWm2);
        expect(a.dniWm2).toEqual(b.dniWm2);
        expect(a.dhiWm2).toEqual(b.dhiWm2);
        const c = build(base, { seed: seed + 1, coefficientOfVariation: 0.3 });
        const anyMonthLit = base.monthlyGhiKWhPerM2PerDay.some((x) => x > 0.01);
        if (anyMonthLit) expect(c.ghiWm2).not.toEqual(a.ghiWm2);
      }),
      { numRuns: 10 },
    );
  });

  it('a coefficient of variation of 0 gives exactly the year without variability', () => {
    fc.assert(
      fc.property(siteAndMonths(60, 0.7), fc.integer({ min: 0, max: 1000 }), (base, seed) => {
        expect(build(base, { seed, coefficientOfVariation: 0 }).ghiWm2).toEqual(build(base, undefined).ghiWm2);
      }),
      { numRuns: 10 },
    );
  });

  it('GHI, DNI, DHI ≥ 0; GHI = 0 with the sun below the horizon; GHI ≤ I0·cos(apparent zenith); DHI + DNI·cos z = GHI', () => {
    fc.assert(
      fc.property(siteAndMonths(60, 0.8), variability, fc.constantFrom(...DECOMPOSITION_MODELS), (base, v, model) => {
        const series = build(base, v, model);
        // Collect the first violation of each kind (one expect per run keeps 8760-hour checks fast).
        const violations: string[] = [];
        for (let i = 0; i < series.unixTimeS.length; i++) {
          const ghi = series.ghiWm2[i]!;
          const dni = series.dniWm2[i]!;
          const dhi = series.dhiWm2[i]!;
          if (!(ghi >= 0 && dni >= 0 && dhi >= 0)) violations.push(`hour ${i}: negative component ${ghi} ${dni} ${dhi}`);
          const sun = solarPosition({ unixTimeS: series.unixTimeS[i]!, latitudeDeg: base.latitudeDeg, longitudeDeg: base.longitudeDeg, altitudeM: base.altitudeM, temperatureC: 15 });
          if (sun.apparentZenithDeg >= 90 && ghi !== 0) violations.push(`hour ${i}: GHI ${ghi} at night`);
          const horizontalExtraterrestrial = extraterrestrialDniAtUnixTimeWm2(series.unixTimeS[i]!) * Math.max(0, Math.cos(sun.apparentZenithDeg * DEG));
          if (ghi > horizontalExtraterrestrial * (1 + 1e-12)) violations.push(`hour ${i}: GHI ${ghi} above extraterrestrial ${horizontalExtraterrestrial}`);
          const closure = dhi + dni * Math.cos(sun.zenithDeg * DEG);
          if (Math.abs(closure - ghi) > 1e-9 * Math.max(1, ghi)) violations.push(`hour ${i}: DHI + DNI cos z = ${closure} ≠ GHI ${ghi}`);
          if (violations.length > 3) break;
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it('without variability and below clear sky, GHI scales linearly with the monthly inputs', () => {
    fc.assert(
      fc.property(siteAndMonths(45, 0.2), fc.double({ min: 0.1, max: 2, noNaN: true }), (base, factor) => {
        const a = build(base, undefined);
        const b = build({ ...base, monthlyGhiKWhPerM2PerDay: base.monthlyGhiKWhPerM2PerDay.map((x) => x * factor) }, undefined);
        for (let i = 0; i < a.ghiWm2.length; i++) {
          expect(Math.abs(b.ghiWm2[i]! - factor * a.ghiWm2[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, b.ghiWm2[i]!));
        }
      }),
      { numRuns: 10 },
    );
  });
});
