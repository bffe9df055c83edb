/** The PV yield ceiling by latitude: reference values of the yearly extraterrestrial irradiation and its invariants. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualExtraterrestrialHorizontalKWhPerM2, pvYieldCeilingKWhPerKWp } from '../../../src/core/pv/yield-ceiling.ts';
import { expectClose } from '../../helpers/expect-close.ts';

describe('yield ceiling', () => {
  it('yearly H0 matches Duffie & Beckman eq. 1.10.3 summed independently', () => {
    // python3: for n in 1..365: δ = 23.45° sin(360(284+n)/365); ωs = acos(−tanφ tanδ);
    // H0 = 24·3600·1366.1/π (1 + 0.033 cos(360n/365)) (cosφ cosδ sinωs + ωs sinφ sinδ) / 3.6e6; summed → 3651, 2967, 2385, 2047.
    expectClose(annualExtraterrestrialHorizontalKWhPerM2(0), 3651, { rel: 1e-3 });
    expectClose(annualExtraterrestrialHorizontalKWhPerM2(37), 2967, { rel: 1e-3 });
    expectClose(annualExtraterrestrialHorizontalKWhPerM2(52), 2385, { rel: 1e-3 });
    expectClose(annualExtraterrestrialHorizontalKWhPerM2(60), 2047, { rel: 1e-3 });
  });

  it('falls with distance from the equator and stays above every published yield', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 89, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true }), (lat, d) => {
        expect(pvYieldCeilingKWhPerKWp(Math.min(90, lat + d))).toBeLessThan(pvYieldCeilingKWhPerKWp(lat));
      }),
    );
    // The best fixed-tilt country average (Namibia, 1,965 kWh/kWp at ~22° S) and trackers in the Atacama (~2,600) lie below.
    expect(pvYieldCeilingKWhPerKWp(-22)).toBeGreaterThan(2600);
    // Beijing's measured-weather yield (~1,190 kWh/kWp, docs/pv-yield.md) is far below its ceiling.
    expect(pvYieldCeilingKWhPerKWp(39.8)).toBeGreaterThan(2 * 1190);
  });

  it('refuses a latitude beyond the poles', () => {
    expect(() => annualExtraterrestrialHorizontalKWhPerM2(91)).toThrow(RangeError);
  });
});
