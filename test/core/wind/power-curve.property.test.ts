// Invariants of the power curve: output within [0, max of the curve]; non-decreasing in wind speed below cut-out for a
// monotone curve; the density correction is the identity at 1.225 kg/m³ and gives more power in denser air below rated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { densityCorrectedPowerKW, maxPowerKW, powerCurveKW, type PowerCurve } from '../../../src/core/wind/power-curve.ts';
import { TURBINES } from '../../../src/core/wind/turbines.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A monotone curve: increasing speeds from 0–5 m/s, power rising from 0 to a plateau. */
const monotoneCurve: fc.Arbitrary<PowerCurve> = fc
  .tuple(num(0, 5), fc.array(num(0.1, 3), { minLength: 2, maxLength: 30 }), fc.array(num(0, 500), { minLength: 2, maxLength: 30 }))
  .map(([start, steps, rises]) => {
    const n = Math.min(steps.length, rises.length);
    const speeds = [start];
    const power = [0];
    for (let i = 1; i < n; i++) {
      speeds.push(speeds[i - 1]! + steps[i]!);
      power.push(power[i - 1]! + rises[i]!);
    }
    if (power[n - 1] === 0) power[n - 1] = 1;
    return { windSpeedsMPerS: speeds, powerKW: power };
  });

describe('power curve', () => {
  it('stays within [0, max of the curve] for every library turbine and any wind speed, density and correction', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TURBINES), num(0, 60), num(0.7, 1.5), (t, v, rho) => {
        const max = maxPowerKW(t.powerCurve);
        for (const p of [powerCurveKW(v, t.powerCurve), densityCorrectedPowerKW(v, t.powerCurve, rho)]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(max);
        }
        expect(max).toBeLessThanOrEqual(t.ratedPowerKW * 1.01);
      }),
    );
  });

  it('is non-decreasing in wind speed up to the last point of a monotone curve', () => {
    fc.assert(
      fc.property(monotoneCurve, num(0, 1), num(0, 1), (curve, a, b) => {
        const last = curve.windSpeedsMPerS[curve.windSpeedsMPerS.length - 1]!;
        const first = curve.windSpeedsMPerS[0]!;
        const v1 = first + Math.min(a, b) * (last - first);
        const v2 = first + Math.max(a, b) * (last - first);
        expect(powerCurveKW(v2, curve)).toBeGreaterThanOrEqual(powerCurveKW(v1, curve) - 1e-9);
      }),
    );
  });

  it('passes through every point of the curve', () => {
    fc.assert(
      fc.property(monotoneCurve, (curve) => {
        for (let i = 0; i < curve.windSpeedsMPerS.length; i++) expect(powerCurveKW(curve.windSpeedsMPerS[i]!, curve)).toBeCloseTo(curve.powerKW[i]!, 9);
      }),
    );
  });

  it('density correction is the identity at 1.225 kg/m³', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TURBINES), num(0, 40), (t, v) => {
        expect(densityCorrectedPowerKW(v, t.powerCurve, 1.225)).toBeCloseTo(powerCurveKW(v, t.powerCurve), 9);
      }),
    );
  });

  it('gives at least as much power in denser air on a monotone curve below its last point', () => {
    fc.assert(
      fc.property(monotoneCurve, num(0, 1), num(0.8, 1.5), num(0.001, 0.3), (curve, a, rho, drho) => {
        const last = curve.windSpeedsMPerS[curve.windSpeedsMPerS.length - 1]!;
        // Stay well below the denser air's moved last point (≥ 0.75 × last at 1.8 kg/m³), where both curves still run.
        const v = a * last * 0.5;
        expect(densityCorrectedPowerKW(v, curve, rho + drho)).toBeGreaterThanOrEqual(densityCorrectedPowerKW(v, curve, rho) - 1e-9);
      }),
    );
  });
});
