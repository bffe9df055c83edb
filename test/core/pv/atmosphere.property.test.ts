// Invariants of the air-mass and pressure formulas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absoluteAirmass,
  pressureFromAltitudePa,
  RELATIVE_AIRMASS_MODELS,
  relativeAirmass,
  relativeAirmassOfCos,
} from '../../../src/core/pv/atmosphere.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const zenith = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('Kasten–Young air mass from its interpolated power term', () => {
  // The formula as published, evaluated with Math.pow: the code reads the power term from a quintic table.
  const published = (z: number) => 1 / (Math.cos((z * Math.PI) / 180) + 0.50572 * Math.pow(96.07995 - z, -1.6364));

  it('is the published formula within 1e-13 of the air mass over the whole range of zenith angles', () => {
    fc.assert(
      fc.property(zenith(-5, 90), (z) => {
        expectClose(relativeAirmass(z), published(z), { rel: 1e-13 }, `z ${z}`);
      }),
      { numRuns: 20000 },
    );
    // The table's knots (every 1/16°), the steps between them, and both ends.
    for (let k = 0; k <= 90 * 16; k++) {
      for (const z of [k / 16, (k + 0.5) / 16]) {
        if (z <= 90) expectClose(relativeAirmass(z), published(z), { rel: 1e-13 }, `z ${z}`);
      }
    }
  });
});

describe.each(RELATIVE_AIRMASS_MODELS)('relative air mass (%s)', (model) => {
  it('from a supplied cos z is, bit for bit, the air mass that computes cos z itself', () => {
    fc.assert(
      fc.property(zenith(-10, 180), (z) => {
        expect(relativeAirmassOfCos(z, Math.cos((z * Math.PI) / 180), model)).toBe(relativeAirmass(z, model));
      }),
    );
  });

  it('is at least ~1 and at most ~40 with the sun up, NaN with it below the horizon', () => {
    fc.assert(
      fc.property(zenith(0, 90), (z) => {
        const am = relativeAirmass(z, model);
        // Both fits give 0.9995–0.9998 overhead and 36–38 at the horizon.
        expect(am).toBeGreaterThan(0.999);
        expect(am).toBeLessThan(40);
      }),
    );
    fc.assert(
      fc.property(zenith(90, 180), (z) => {
        fc.pre(z > 90);
        expect(relativeAirmass(z, model)).toBeNaN();
      }),
    );
    expect(relativeAirmass(Number.NaN, model)).toBeNaN();
  });

  it('grows with the zenith angle, i.e. decreases toward the zenith', () => {
    // The fitted correction term makes both formulas dip by < 1e-7 within 0.03° of the zenith (their minimum is at
    // ~0.016° and ~0.022°), so strict monotonicity is asserted from 0.05° on and a 1e-7 band is allowed below it.
    fc.assert(
      fc.property(zenith(0.05, 90), zenith(0.05, 90), (a, b) => {
        fc.pre(a < b);
        // Non-decreasing for any pair (neighbouring doubles can round to the same value), strictly increasing for
        // pairs a thousandth of a degree apart.
        expect(relativeAirmass(b, model)).toBeGreaterThanOrEqual(relativeAirmass(a, model));
        if (b - a > 1e-3) expect(relativeAirmass(b, model)).toBeGreaterThan(relativeAirmass(a, model));
      }),
    );
    fc.assert(
      fc.property(zenith(0, 0.05), zenith(0, 0.05), (a, b) => {
        fc.pre(a < b);
        expect(relativeAirmass(b, model)).toBeGreaterThan(relativeAirmass(a, model) - 1e-7);
      }),
    );
  });

  it('approaches the plane-parallel sec z at small zenith angles', () => {
    fc.assert(
      fc.property(zenith(0, 60), (z) => {
        const secant = 1 / Math.cos((z * Math.PI) / 180);
        expect(Math.abs(relativeAirmass(z, model) - secant) / secant).toBeLessThan(0.005);
      }),
    );
  });
});

describe('absolute air mass and pressure', () => {
  it('absolute air mass is linear in pressure and in relative air mass', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 40, noNaN: true }),
        fc.double({ min: 30000, max: 110000, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (am, p, k) => {
          const base = absoluteAirmass(am, p);
          expect(Math.abs(absoluteAirmass(am, p * k) - k * base)).toBeLessThanOrEqual(1e-12 * k * base);
          expect(Math.abs(absoluteAirmass(am * k, p) - k * base)).toBeLessThanOrEqual(1e-12 * k * base);
        },
      ),
    );
  });

  it('pressure falls with altitude, by about 12% per kilometre near sea level', () => {
    fc.assert(
      fc.property(fc.double({ min: -400, max: 8000, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }), (h, dh) => {
        const p = pressureFromAltitudePa(h);
        expect(p).toBeGreaterThan(pressureFromAltitudePa(h + dh));
        expect(p).toBeGreaterThan(30000);
        expect(p).toBeLessThan(107000);
      }),
    );
    const perKm = 1 - pressureFromAltitudePa(1000) / pressureFromAltitudePa(0);
    expect(perKm).toBeGreaterThan(0.11);
    expect(perKm).toBeLessThan(0.12);
  });
});
