import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGaussianCopula, imanConover, validateCorrelationMatrix, type Matrix } from '../../../src/core/uncertainty/rank-correlation.ts';

/** Random correlation matrices of size 2–5: A·Aᵀ scaled to a unit diagonal is positive semi-definite. */
const correlationMatrix: fc.Arbitrary<number[][]> = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: k * k, maxLength: k * k }).map((entries) => {
    const a = Array.from({ length: k }, (_, i) => entries.slice(i * k, i * k + k).map((v, j) => (i === j ? v + 1.5 : v)));
    const c = a.map((ri) => a.map((rj) => ri.reduce((s, v, m) => s + v * rj[m], 0)));
    return c.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(c[i][i] * c[j][j]))));
  }),
);

function isUsable(matrix: Matrix, build: (m: Matrix) => unknown): boolean {
  try {
    validateCorrelationMatrix(matrix);
    build(matrix);
    return true;
  } catch {
    return false;
  }
}

describe('rank-correlation invariants', () => {
  it('Iman–Conover only permutes each column (the marginal multiset is unchanged) and is deterministic', () => {
    fc.assert(
      fc.property(
        correlationMatrix,
        // n ≥ 30: with fewer draws two independent rank permutations coincide (singular scores) too often.
        fc.integer({ min: 30, max: 90 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 300, maxLength: 300 }),
        (matrix, n, pool) => {
          const k = matrix.length;
          fc.pre(n > k && isUsable(matrix, createGaussianCopula));
          const columns = Array.from({ length: k }, (_, j) => Float64Array.from({ length: n }, (_, i) => pool[(i * 7 + j * 13) % pool.length]));
          const result = imanConover(columns, matrix);
          for (let j = 0; j < k; j++) {
            // Float64Array#sort orders −0 before +0, so the comparison also counts signed zeros.
            expect(Float64Array.from(result[j]).sort()).toEqual(Float64Array.from(columns[j]).sort());
          }
          expect(imanConover(columns, matrix)).toEqual(result);
        },
      ),
    );
  });

  it('the Gaussian copula maps (0, 1)^k into (0, 1)^k deterministically', () => {
    fc.assert(
      fc.property(correlationMatrix, fc.array(fc.double({ min: 2 ** -53, max: 1 - 2 ** -53, noNaN: true }), { minLength: 5, maxLength: 5 }), (matrix, us) => {
        fc.pre(isUsable(matrix, createGaussianCopula));
        const copula = createGaussianCopula(matrix);
        const u = Float64Array.from(us.slice(0, copula.dimension));
        const first = new Float64Array(copula.dimension);
        const second = new Float64Array(copula.dimension);
        copula.correlate(u, first);
        copula.correlate(u, second);
        expect(second).toEqual(first);
        for (const v of first) {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThan(1);
        }
        // The first parameter is never rotated: its uniform passes through.
        expect(first[0]).toBe(u[0]);
      }),
    );
  });
});
