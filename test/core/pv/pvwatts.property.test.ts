// Invariants of the PVWatts DC, loss and inverter models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combinedLossFrac,
  PVWATTS_LOSS_CATEGORIES,
  pvwattsClippedDcW,
  pvwattsDcW,
  pvwattsInverter,
  pvwattsInverterAcW,
  type PvwattsLossesFrac,
} from '../../../src/core/pv/pvwatts.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
/** Cell temperatures where 1 + γ(T − 25) stays positive for γ ≥ −0.006 /°C: up to 25 + 1/0.006 ≈ 191 °C. */
const cellTemp = num(-40, 120);
const gamma = num(-0.006, 0);

const lossesArbitrary: fc.Arbitrary<PvwattsLossesFrac> = fc
  .array(num(0, 0.99), { minLength: PVWATTS_LOSS_CATEGORIES.length, maxLength: PVWATTS_LOSS_CATEGORIES.length })
  .map((values) => Object.fromEntries(PVWATTS_LOSS_CATEGORIES.map((k, i) => [k, values[i]])) as unknown as PvwattsLossesFrac);

describe('PVWatts DC invariants', () => {
  it('rises with irradiance and falls with cell temperature for a negative coefficient', () => {
    fc.assert(
      fc.property(num(0, 1500), num(0, 1500), cellTemp, cellTemp, gamma, num(1, 1e6), (e1, e2, t1, t2, g, pdc0) => {
        const [eLo, eHi] = e1 <= e2 ? [e1, e2] : [e2, e1];
        const [tCool, tHot] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(pvwattsDcW(eHi, t1, pdc0, g)).toBeGreaterThanOrEqual(pvwattsDcW(eLo, t1, pdc0, g));
        expect(pvwattsDcW(e1, tHot, pdc0, g)).toBeLessThanOrEqual(pvwattsDcW(e1, tCool, pdc0, g));
        expect(pvwattsDcW(e1, t1, pdc0, g)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('scales linearly with nameplate and gives the nameplate at STC', () => {
    fc.assert(
      fc.property(num(0, 1500), cellTemp, gamma, num(1, 1e6), num(0, 1000), (e, t, g, pdc0, k) => {
        expectClose(pvwattsDcW(e, t, k * pdc0, g), k * pvwattsDcW(e, t, pdc0, g), { rel: 1e-12, abs: 1e-9 }, 'scale');
        expectClose(pvwattsDcW(1000, 25, pdc0, g), pdc0, { rel: 1e-15 }, 'STC');
      }),
      { numRuns: 300 },
    );
  });
});

describe('PVWatts loss invariants', () => {
  it('combines into [0, 1), at least the largest and at most the sum of the parts', () => {
    fc.assert(
      fc.property(lossesArbitrary, (losses) => {
        const total = combinedLossFrac(losses);
        const parts = PVWATTS_LOSS_CATEGORIES.map((k) => losses[k]);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThan(1);
        expect(total).toBeGreaterThanOrEqual(Math.max(...parts) - 1e-15);
        expect(total).toBeLessThanOrEqual(parts.reduce((a, b) => a + b, 0) + 1e-15);
      }),
      { numRuns: 500 },
    );
  });

  it('grows with any one category', () => {
    fc.assert(
      fc.property(lossesArbitrary, fc.integer({ min: 0, max: PVWATTS_LOSS_CATEGORIES.length - 1 }), num(0, 0.99), (losses, index, extra) => {
        const key = PVWATTS_LOSS_CATEGORIES[index];
        const worse = { ...losses, [key]: Math.max(losses[key], extra) };
        expect(combinedLossFrac(worse)).toBeGreaterThanOrEqual(combinedLossFrac(losses));
      }),
      { numRuns: 300 },
    );
  });
});

describe('PVWatts inverter invariants', () => {
  const inverterArbitrary = fc.record({ acRatingW: num(1, 1e8), etaInvNom: num(0.9, 0.99) });

  it('never exceeds the AC rating or the DC input, and is never negative', () => {
    fc.assert(
      fc.property(inverterArbitrary, num(-0.1, 3), ({ acRatingW, etaInvNom }, loadRatio) => {
        const inverter = pvwattsInverter(acRatingW, etaInvNom);
        const dcW = loadRatio * inverter.dcRatingW;
        const acW = pvwattsInverterAcW(dcW, inverter);
        expect(acW).toBeGreaterThanOrEqual(0);
        expect(acW).toBeLessThanOrEqual(acRatingW);
        expect(acW).toBeLessThanOrEqual(Math.max(dcW, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('rises (weakly) with DC input, and clips exactly above the threshold', () => {
    fc.assert(
      fc.property(inverterArbitrary, num(0, 3), num(0, 3), ({ acRatingW, etaInvNom }, r1, r2) => {
        const inverter = pvwattsInverter(acRatingW, etaInvNom);
        const [lo, hi] = (r1 <= r2 ? [r1, r2] : [r2, r1]).map((r) => r * inverter.dcRatingW);
        expect(pvwattsInverterAcW(hi, inverter)).toBeGreaterThanOrEqual(pvwattsInverterAcW(lo, inverter) * (1 - 1e-12));
        const clipped = pvwattsClippedDcW(hi, inverter);
        expect(clipped).toBeGreaterThanOrEqual(0);
        if (clipped > 0) {
          expectClose(pvwattsInverterAcW(hi, inverter), acRatingW, { rel: 1e-12 }, 'at rating when clipping');
          expectClose(hi - clipped, inverter.clippingThresholdDcW, { rel: 1e-9 }, 'usable DC');
        } else {
          expect(pvwattsInverterAcW(hi, inverter)).toBeLessThanOrEqual(acRatingW);
        }
      }),
      { numRuns: 500 },
    );
  });
});
