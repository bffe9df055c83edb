import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWeatherCsv, parseWeatherCsv } from '../../src/weather/csv.ts';
import type { WeatherSeries } from '../../src/weather/types.ts';

// `x + 0` turns −0 into +0: the text "0" cannot carry the sign, and no weather quantity means −0.
const value = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((x) => x + 0);
const maybeMissing = (min: number, max: number) => fc.option(value(min, max), { nil: Number.NaN, freq: 4 });

const seriesArbitrary = fc
  .record({
    n: fc.integer({ min: 2, max: 40 }),
    // Integer seconds from 1970 to 2100, steps from 1 minute to 1 day, offsets in quarter hours from −12 h to +14 h.
    startS: fc.integer({ min: 0, max: 4_102_444_800 }),
    stepS: fc.constantFrom(60, 600, 900, 1800, 3600, 10_800, 86_400),
    offsetQuarterHours: fc.integer({ min: -48, max: 56 }),
    withPressure: fc.boolean(),
    withAlbedo: fc.boolean(),
  })
  .chain(({ n, startS, stepS, offsetQuarterHours, withPressure, withAlbedo }) =>
    fc.record({
      ghi: fc.array(value(0, 2000), { minLength: n, maxLength: n }),
      dni: fc.array(maybeMissing(0, 2000), { minLength: n, maxLength: n }),
      dhi: fc.array(maybeMissing(0, 2000), { minLength: n, maxLength: n }),
      temp: fc.array(value(-70, 70), { minLength: n, maxLength: n }),
      wind: fc.array(value(0, 40), { minLength: n, maxLength: n }),
      pressure: fc.array(maybeMissing(31_000, 120_000), { minLength: n, maxLength: n }),
      albedo: fc.array(maybeMissing(0, 1), { minLength: n, maxLength: n }),
    }).map((cols): WeatherSeries => ({
      format: 'csv',
      label: 'generated',
      unixTimeS: Float64Array.from({ length: n }, (_, i) => startS + i * stepS),
      ghiWm2: Float64Array.from(cols.ghi),
      dniWm2: Float64Array.from(cols.dni),
      dhiWm2: Float64Array.from(cols.dhi),
      tempAirC: Float64Array.from(cols.temp),
      windSpeedMPerS: Float64Array.from(cols.wind),
      ...(withPressure ? { pressurePa: Float64Array.from(cols.pressure) } : {}),
      ...(withAlbedo ? { albedo: Float64Array.from(cols.albedo) } : {}),
      stepHours: stepS / 3600,
      timeConvention: 'instant',
      site: { utcOffsetHours: offsetQuarterHours / 4 },
    })),
  );

describe('plain CSV round trip (property)', () => {
  it('parse(format(series)) reproduces every value, NaN included, and the time step', () => {
    fc.assert(
      fc.property(seriesArbitrary, (series) => {
        const back = parseWeatherCsv(formatWeatherCsv(series), 'round-trip.csv');
        expect(back.unixTimeS).toEqual(series.unixTimeS);
        expect(back.ghiWm2).toEqual(series.ghiWm2);
        expect(back.dniWm2).toEqual(series.dniWm2);
        expect(back.dhiWm2).toEqual(series.dhiWm2);
        expect(back.tempAirC).toEqual(series.tempAirC);
        expect(back.windSpeedMPerS).toEqual(series.windSpeedMPerS);
        expect(back.pressurePa).toEqual(series.pressurePa);
        expect(back.albedo).toEqual(series.albedo);
        expect(back.stepHours).toBe(series.stepHours);
        expect(back.site).toEqual(series.site);
      }),
      { numRuns: 200 },
    );
  });
});
