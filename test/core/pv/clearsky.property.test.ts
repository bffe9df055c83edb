// Invariants of the Ineichen–Perez clear-sky model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteAirmass, pressureFromAltitudePa, relativeAirmass } from '../../../src/core/pv/atmosphere.ts';
import { clearskyIneichen } from '../../../src/core/pv/clearsky.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const DEG_TO_RAD = Math.PI / 180;

// Physical inputs: Linke turbidity from the clean dry atmosphere (1) to very hazy (10), sites from sea level to 5 km.
const inputs = fc.record({
  zenithDeg: num(0, 180),
  linkeTurbidity: num(1, 10),
  altitudeM: num(0, 5000),
  dniExtraWm2: num(1300, 1420),
});

function ineichenAt(r: { zenithDeg: number; linkeTurbidity: number; altitudeM: number; dniExtraWm2: number }) {
  const airmass = absoluteAirmass(relativeAirmass(r.zenithDeg), pressureFromAltitudePa(r.altitudeM));
  return clearskyIneichen(r.zenithDeg, airmass, r.linkeTurbidity, r.altitudeM, r.dniExtraWm2);
}

describe('Ineichen–Perez invariants', () => {
  it('gives non-negative components, zero below the horizon, and closes GHI = DHI + DNI·cos z', () => {
    // The closure holds by construction in pvlib's formulation (DHI is defined as the remainder); with TL ≥ 1 the
    // empirical cap keeps DNI·cos z below GHI, hence DHI ≥ 0 (for TL < ln 2 it would not).
    fc.assert(
      fc.property(inputs, (r) => {
        const { ghiWm2, dniWm2, dhiWm2 } = ineichenAt(r);
        expect(ghiWm2).toBeGreaterThanOrEqual(0);
        expect(dniWm2).toBeGreaterThanOrEqual(0);
        expect(dhiWm2).toBeGreaterThanOrEqual(0);
        if (r.zenithDeg > 90) {
          expect([ghiWm2, dniWm2, dhiWm2]).toEqual([0, 0, 0]);
        } else {
          const cosZenith = Math.max(Math.cos(r.zenithDeg * DEG_TO_RAD), 0);
          expectClose(dhiWm2 + dniWm2 * cosZenith, ghiWm2, { rel: 1e-12, abs: 1e-9 }, 'closure');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps DNI below the extraterrestrial irradiance (b < 1 below 5.8 km)', () => {
    fc.assert(
      fc.property(inputs, (r) => {
        expect(ineichenAt(r).dniWm2).toBeLessThanOrEqual(r.dniExtraWm2);
      }),
    );
  });

  it('dims as the atmosphere gets more turbid', () => {
    fc.assert(
      fc.property(inputs, num(0, 5), (r, extra) => {
        const clear = ineichenAt(r);
        const hazy = ineichenAt({ ...r, linkeTurbidity: r.linkeTurbidity + extra });
        expect(hazy.ghiWm2).toBeLessThanOrEqual(clear.ghiWm2 * (1 + 1e-12));
        expect(hazy.dniWm2).toBeLessThanOrEqual(clear.dniWm2 * (1 + 1e-12));
      }),
    );
  });

  it('scales every component linearly with the extraterrestrial irradiance', () => {
    fc.assert(
      fc.property(inputs, num(0.5, 2), (r, k) => {
        const base = ineichenAt(r);
        const scaled = ineichenAt({ ...r, dniExtraWm2: r.dniExtraWm2 * k });
        const tol = { rel: 1e-12, abs: 1e-9 };
        expectClose(scaled.ghiWm2, k * base.ghiWm2, tol, 'GHI');
        expectClose(scaled.dniWm2, k * base.dniWm2, tol, 'DNI');
        expectClose(scaled.dhiWm2, k * base.dhiWm2, tol, 'DHI');
      }),
    );
  });
});

