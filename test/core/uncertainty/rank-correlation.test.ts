import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { createSampler, type Distribution } from '../../../src/core/uncertainty/distributions.ts';
import { fillUniforms } from '../../../src/core/uncertainty/random.ts';
import {
  choleskyLower,
  createGaussianCopula,
  imanConover,
  normalCorrelationFromSpearman,
  validateCorrelationMatrix,
  type Matrix,
} from '../../../src/core/uncertainty/rank-correlation.ts';
import { expectClose } from '../../helpers/expect-close.ts';

/** Standard errors allowed (two-sided normal tail 5.7e-7 per check). */
const STANDARD_ERRORS = 5;
/** Kolmogorov–Smirnov significance level: √n·D exceeds √(ln(2/α)/2) with probability ≤ α (Massart 1990). */
const KS_ALPHA = 1e-6;

/**
 * Bound on |sample Spearman − population Spearman|: STANDARD_ERRORS standard errors, the standard error of
 * Spearman's ρ being at most 1/√(n − 1) (its exact value under independence, Kendall & Stuart 1979, The Advanced
 * Theory of Statistics vol. 2; it shrinks as |ρ| grows for bivariate normal scores).
 */
function spearmanTolerance(n: number): number {
  return STANDARD_ERRORS / Math.sqrt(n - 1);
}

const TARGET: Matrix = [
  [1, 0.6, -0.3],
  [0.6, 1, 0.2],
  [-0.3, 0.2, 1],
];

const MARGINALS: Distribution[] = [
  { kind: 'triangular', min: 0.3, mode: 0.5, max: 0.6 },
  { kind: 'lognormal', mean: 0.05, sd: 0.02 },
  { kind: 'pert', min: 0.005, mode: 0.007, max: 0.01 },
];

/** n independent draws of each marginal, from streams 0, 1, 2 of a fixed seed. */
function independentColumns(n: number, seed: number): Float64Array[] {
  return MARGINALS.map((dist, j) => {
    const sampler = createSampler(dist);
    const column = fillUniforms(seed, j, 0, new Float64Array(n));
    for (let i = 0; i < n; i++) column[i] = sampler(column[i]);
    return column;
  });
}

/** Index of the first element where the arrays differ (Object.is), or −1; −2 if the lengths differ. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function spearman(x: Float64Array, y: Float64Array): number {
  return sampleRankCorrelation(Array.from(x), Array.from(y));
}

describe('correlation matrix validation', () => {
  it.each([
    ['empty', [], /correlation matrix is empty/],
    ['not square', [[1, 0.5], [0.5]], /must be square \(2×2\); row 1 has 1 entries/],
    ['diagonal ≠ 1', [[1, 0.5], [0.5, 0.9]], /diagonal entry \[1\]\[1\] must be 1, got 0.9/],
    ['asymmetric', [[1, 0.5], [0.4, 1]], /not symmetric: \[1\]\[0\] = 0.4 but \[0\]\[1\] = 0.5/],
    ['out of range', [[1, 1.5], [1.5, 1]], /entry \[0\]\[1\] = 1.5 is outside \[-1, 1\]/],
    ['NaN', [[1, Number.NaN], [Number.NaN, 1]], /entry \[0\]\[1\] must be a finite number/],
    ['not positive definite', [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], /not positive definite/],
    ['perfectly correlated (singular)', [[1, 1], [1, 1]], /not positive definite/],
  ] as const)('%s is rejected with a clear message', (_name, matrix, message) => {
    expect(() => validateCorrelationMatrix(matrix as unknown as Matrix)).toThrow(message);
  });

  it('accepts a valid matrix', () => {
    expect(() => validateCorrelationMatrix(TARGET)).not.toThrow();
  });
});

describe('building blocks', () => {
  it('Cholesky of [[4, 2], [2, 2]] is [[2, 0], [1, 1]] (by hand: l₁₁ = √4, l₂₁ = 2/2, l₂₂ = √(2 − 1))', () => {
    expect(Array.from(choleskyLower([[4, 2], [2, 2]]))).toEqual([2, 0, 1, 1]);
  });

  it('L·Lᵀ reproduces the matrix', () => {
    const l = choleskyLower(TARGET);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i * 3 + k] * l[j * 3 + k];
        expectClose(sum, TARGET[i][j], { abs: 1e-15 }, `(L·Lᵀ)[${i}][${j}]`);
      }
    }
  });

  it('ρ = 2 sin(πρ_s/6): 0 ↦ 0, ±1 ↦ ±1, 0.5 ↦ 2 sin(15°) = (√6 − √2)/2', () => {
    expect(normalCorrelationFromSpearman(0)).toBe(0);
    expectClose(normalCorrelationFromSpearman(1), 1, { abs: 1e-15 });
    expectClose(normalCorrelationFromSpearman(-1), -1, { abs: 1e-15 });
    expectClose(normalCorrelationFromSpearman(0.5), (Math.sqrt(6) - Math.sqrt(2)) / 2, { rel: 1e-15 });
    expect(() => normalCorrelationFromSpearman(1.1)).toThrow(/spearman must be in \[-1, 1\]/);
  });
});

describe('Iman–Conover', () => {
  it.each([500, 5000, 100_000])('achieves the target Spearman within 5/√(n − 1) and keeps every marginal, n = %i', (n) => {
    const columns = independentColumns(n, 7);
    const copies = columns.map((c) => Float64Array.from(c));
    const result = imanConover(columns, TARGET);
    for (let j = 0; j < 3; j++) {
      expect(firstDifference(columns[j], copies[j]), `input column ${j} modified`).toBe(-1);
      // Same multiset of values: identical once sorted.
      expect(firstDifference(Float64Array.from(result[j]).sort(), Float64Array.from(columns[j]).sort()), `column ${j} marginal`).toBe(-1);
    }
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < a; b++) {
        const achieved = spearman(result[a], result[b]);
        expect(Math.abs(achieved - TARGET[a][b]), `pair (${a}, ${b}) at n = ${n}: ${achieved}`).toBeLessThanOrEqual(spearmanTolerance(n));
      }
    }
  });

  it('is deterministic and leaves a single column unchanged', () => {
    const columns = independentColumns(1000, 11);
    expect(imanConover(columns, TARGET)).toEqual(imanConover(columns, TARGET));
    expect(imanConover([columns[0]], [[1]])).toEqual([columns[0]]);
  });

  it('with the identity target it keeps the columns nearly independent', () => {
    const n = 20_000;
    const identity: Matrix = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const result = imanConover(independentColumns(n, 13), identity);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < a; b++) expect(Math.abs(spearman(result[a], result[b]))).toBeLessThanOrEqual(spearmanTolerance(n));
    }
  });

  it('rejects mismatched shapes and too few draws', () => {
    const columns = independentColumns(10, 1);
    expect(() => imanConover(columns, [[1, 0.5], [0.5, 1]])).toThrow(/imanConover: the correlation matrix is 2×2 but 3 columns were given/);
    expect(() => imanConover([columns[0], columns[1].subarray(0, 5)], [[1, 0.5], [0.5, 1]])).toThrow(/column 1 has 5 values, column 0 has 10/);
    expect(() => imanConover(columns.map((c) => c.subarray(0, 3)), TARGET)).toThrow(/needs more draws than columns/);
  });
});

describe('Gaussian copula', () => {
  const n = 100_000;

  function correlatedSample(spearmanTarget: Matrix, seed: number): Float64Array[] {
    const copula = createGaussianCopula(spearmanTarget);
    const k = copula.dimension;
    const columns = Array.from({ length: k }, (_, j) => fillUniforms(seed, j, 0, new Float64Array(n)));
    const draw = new Float64Array(k);
    const out = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) draw[j] = columns[j][i];
      copula.correlate(draw, out);
      for (let j = 0; j < k; j++) columns[j][i] = out[j];
    }
    return columns;
  }

  it('achieves the target Spearman within 5/√(n − 1) (ρ = 2 sin(πρ_s/6) is exact for the Gaussian copula)', () => {
    const u = correlatedSample(TARGET, 3);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < a; b++) {
        expect(Math.abs(spearman(u[a], u[b]) - TARGET[a][b]), `pair (${a}, ${b})`).toBeLessThanOrEqual(spearmanTolerance(n));
      }
    }
  });

  it(`keeps each marginal uniform: Kolmogorov–Smirnov distance below √(ln(2/α)/(2n)) at α = ${KS_ALPHA}`, () => {
    const u = correlatedSample(TARGET, 5);
    for (const column of u) {
      const sorted = Float64Array.from(column).sort();
      let d = 0;
      for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - sorted[i], sorted[i] - i / n);
      expect(d).toBeLessThan(Math.sqrt(Math.log(2 / KS_ALPHA) / (2 * n)));
      expect(sorted[0]).toBeGreaterThan(0);
      expect(sorted[n - 1]).toBeLessThan(1);
    }
  });

  it('is per-draw: each draw depends only on its own uniforms, in any order, and may work in place', () => {
    const copula = createGaussianCopula(TARGET);
    const draws = [0.1, 0.5, 0.9, 2 ** -53, 1 - 2 ** -53].map((v, i) => Float64Array.from([v, (i + 1) / 7, 1 - v]));
    const forward = draws.map((d) => {
      const out = new Float64Array(3);
      copula.correlate(d, out);
      return out;
    });
    const backward = [...draws].reverse().map((d) => {
      const inPlace = Float64Array.from(d);
      copula.correlate(inPlace, inPlace);
      return inPlace;
    });
    expect(backward.reverse()).toEqual(forward);
    for (const out of forward) for (const u of out) expect(u > 0 && u < 1).toBe(true);
  });

  it('passes uniforms through unchanged when a parameter is uncorrelated with the ones before it', () => {
    const copula = createGaussianCopula([[1, 0, 0], [0, 1, 0.5], [0, 0.5, 1]]);
    const u = Float64Array.from([0.123, 0.456, 0.789]);
    const out = new Float64Array(3);
    copula.correlate(u, out);
    expect(out[0]).toBe(0.123);
    expect(out[1]).toBe(0.456);
    expect(out[2]).not.toBe(0.789);
  });

  it('rejects wrong lengths and uniforms outside (0, 1)', () => {
    const copula = createGaussianCopula(TARGET);
    expect(() => copula.correlate(new Float64Array(2), new Float64Array(3))).toThrow(/expected arrays of length 3/);
    expect(() => copula.correlate(Float64Array.from([0.5, 1, 0.5]), new Float64Array(3))).toThrow(/uniforms\[1\] must be in \(0, 1\)/);
    expect(() => createGaussianCopula([[1, 2], [2, 1]])).toThrow(/createGaussianCopula: entry \[0\]\[1\] = 2 is outside/);
  });
});
