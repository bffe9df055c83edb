// Invariants of the wind chain on random wind series: hourly power within [0, max/rated]; losses and availability
// scale the energy linearly; monthly sums close to the annual; a calmer year never gives more on a monotone curve;
// bad input is refused by name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxPowerKW } from '../../../src/core/wind/power-curve.ts';
import { findTurbine, TURBINES } from '../../../src/core/wind/turbines.ts';
import { simulateWindYear, type WindWeather } from '../../../src/core/wind/wind-year.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const START_S = Date.UTC(2023, 0, 1) / 1000;

const weatherOf = (wind: readonly number[], temps?: readonly number[]): WindWeather => ({
  unixTimeS: Float64Array.from(wind, (_, i) => START_S + 1800 + i * 3600),
  windSpeedMPerS: Float64Array.from(wind),
  ...(temps === undefined ? {} : { tempAirC: Float64Array.from(wind, (_, i) => temps[i % temps.length]!) }),
  stepHours: 1,
});
const windArb = fc.array(num(0, 25), { minLength: 1, maxLength: 200 });

describe('simulateWindYear', () => {
  it('keeps hourly power within [0, max of the curve / rated] and annual = Σ monthly', () => {
    fc.assert(
      fc.property(windArb, fc.constantFrom(...TURBINES), num(30, 160), fc.boolean(), (wind, t, hub, correct) => {
        const r = simulateWindYear(weatherOf(wind, [-10, 0, 15, 30]), t, { hubHeightM: hub, densityCorrection: correct, hourly: true });
        const top = maxPowerKW(t.powerCurve) / t.ratedPowerKW;
        for (const p of r.hourly!.netKWPerKW) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(top);
        }
        expectClose(r.annualKWhPerKW, r.monthlyKWhPerKW.reduce((a, b) => a + b, 0), { rel: 1e-12, abs: 1e-12 }, 'Σ months');
        expect(r.capacityFactorFrac).toBeLessThanOrEqual(top);
      }),
    );
  });

  it('scales linearly with (1 − losses) and with availability', () => {
    fc.assert(
      fc.property(windArb, num(0, 1), num(0, 1), (wind, loss, avail) => {
        const w = weatherOf(wind);
        const t = findTurbine('V112/3075')!;
        const base = simulateWindYear(w, t, { hubHeightM: 94 });
        const r = simulateWindYear(w, t, { hubHeightM: 94, lossFrac: loss, availabilityFrac: avail });
        expectClose(r.annualKWhPerKW, base.annualKWhPerKW * (1 - loss) * avail, { rel: 1e-12, abs: 1e-9 }, 'net = gross × (1 − loss) × availability');
        expectClose(r.grossKWhPerKW, base.annualKWhPerKW, { rel: 1e-12, abs: 1e-12 }, 'gross unchanged');
      }),
    );
  });

  it('never gives more from a calmer year below the cut-out of a monotone curve', () => {
    fc.assert(
      fc.property(fc.array(num(0, 6), { minLength: 1, maxLength: 100 }), num(0, 1), (wind, k) => {
        const t = findTurbine('E-126/4200')!;
        const strong = simulateWindYear(weatherOf(wind), t, { hubHeightM: 99 });
        const calm = simulateWindYear(weatherOf(wind.map((v) => v * k)), t, { hubHeightM: 99 });
        expect(calm.annualKWhPerKW).toBeLessThanOrEqual(strong.annualKWhPerKW + 1e-9);
      }),
    );
  });

  it('is the same for the same input (no hidden state)', () => {
    fc.assert(
      fc.property(windArb, (wind) => {
        const t = findTurbine('SWT120/3600')!;
        expect(simulateWindYear(weatherOf(wind), t, { hubHeightM: 90, densityCorrection: true })).toEqual(simulateWindYear(weatherOf(wind), t, { hubHeightM: 90, densityCorrection: true }));
      }),
    );
  });

  it('refuses a hub below the data, roughness ≤ 0, fractions outside [0, 1] and a bad curve', () => {
    const w = weatherOf([5, 6, 7]);
    const t = findTurbine('V90/2000')!;
    expect(() => simulateWindYear(w, t, { hubHeightM: 8 })).toThrow(/hub height \(8 m\) is below the height of the wind data \(10 m\)/);
    expect(() => simulateWindYear(w, t, { hubHeightM: 80, windProfile: { model: 'logarithmic', roughnessLengthM: 0 } })).toThrow(/roughness length/);
    expect(() => simulateWindYear(w, t, { hubHeightM: 80, lossFrac: 1.5 })).toThrow(/losses/);
    expect(() => simulateWindYear(w, t, { hubHeightM: 80, availabilityFrac: -0.1 })).toThrow(/availability/);
    expect(() => simulateWindYear(w, { ratedPowerKW: 100, powerCurve: { windSpeedsMPerS: [3, 2], powerKW: [0, 100] } }, { hubHeightM: 80 })).toThrow(/point 2: .*strictly increasing/);
  });
});
