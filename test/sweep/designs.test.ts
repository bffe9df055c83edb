/**
 * The sample designs of sweeps: the Sobol sequence against SciPy's (which uses the same Joe & Kuo 2008 direction
 * numbers, new-joe-kuo-6.21201, unscrambled, Gray-code order), and the Latin hypercube's stratification.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../src/core/uncertainty/latin-hypercube.ts';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from '../../src/core/uncertainty/sobol.ts';

describe('sobolPoints', () => {
  it('matches SciPy point for point (points 1–8 in 6 dimensions)', () => {
    // python3 -c "from scipy.stats import qmc; print(qmc.Sobol(d=6, scramble=False).random(9)[1:])" (SciPy 1.17)
    const expected = [
      [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25, 0.25, 0.75, 0.75],
      [0.25, 0.75, 0.75, 0.75, 0.25, 0.25],
      [0.375, 0.375, 0.625, 0.875, 0.375, 0.125],
      [0.875, 0.875, 0.125, 0.375, 0.875, 0.625],
      [0.625, 0.125, 0.875, 0.625, 0.625, 0.875],
      [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
      [0.1875, 0.3125, 0.9375, 0.4375, 0.5625, 0.3125],
    ];
    expect(sobolPoints(6, 8)).toEqual(expected);
  });

  it('matches SciPy in all 21 dimensions at points 37 and 1000', () => {
    // python3 -c "from scipy.stats import qmc; p = qmc.Sobol(d=21, scramble=False).random(1024); print(p[37], p[1000])"
    const p37 = [0.921875, 0.640625, 0.578125, 0.921875, 0.765625, 0.296875, 0.171875, 0.796875, 0.609375, 0.171875, 0.015625, 0.078125, 0.578125, 0.859375, 0.109375, 0.484375, 0.796875, 0.421875, 0.046875, 0.140625, 0.953125];
    const p1000 = [0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625, 0.0458984375, 0.8994140625, 0.5009765625, 0.0693359375, 0.0849609375, 0.2548828125, 0.1611328125, 0.3837890625, 0.1435546875, 0.3701171875, 0.7197265625, 0.3447265625, 0.9912109375, 0.7255859375, 0.5224609375];
    const points = sobolPoints(SOBOL_MAX_DIMENSIONS, 1000);
    expect(points[36]).toEqual(p37);
    expect(points[999]).toEqual(p1000);
  });

  it('puts exactly one of the points 0 … 2^m − 1 in each elementary interval of width 2^-m, in every dimension', () => {
    const m = 7;
    const points = [new Array<number>(SOBOL_MAX_DIMENSIONS).fill(0), ...sobolPoints(SOBOL_MAX_DIMENSIONS, 2 ** m - 1)];
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const bins = new Set(points.map((p) => Math.floor(p[d]! * 2 ** m)));
      expect(bins.size).toBe(2 ** m);
    }
  });

  it('refuses dimensions beyond the table', () => {
    expect(() => sobolPoints(SOBOL_MAX_DIMENSIONS + 1, 4)).toThrow(/dimensions/);
  });
});

describe('latinHypercube', () => {
  it('has one point per stratum in every dimension, every coordinate in (0, 1), and is a function of its seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 200 }), (seed, dims, n) => {
        const points = latinHypercube(seed, dims, n);
        expect(points).toHaveLength(n);
        for (let d = 0; d < dims; d++) {
          const strata = points.map((p) => Math.floor(p[d]! * n)).sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
          for (const p of points) expect(p[d]! > 0 && p[d]! < 1).toBe(true);
        }
        expect(latinHypercube(seed, dims, n)).toEqual(points);
      }),
      { numRuns: 50 },
    );
  });

  it('differs between seeds', () => {
    expect(latinHypercube(1, 2, 50)).not.toEqual(latinHypercube(2, 2, 50));
  });
});
