/**
 * Rank correlation between uncertain parameters, imposed two ways on samples whose marginals are fixed:
 *
 * - `createGaussianCopula`: per draw. Independent uniforms → normal scores → multiplied by the Cholesky factor
 *   of the normal correlation → back to uniforms, which then go through each parameter's sampler. Each draw
 *   depends only on its own uniforms, so results do not depend on chunking or thread count. The normal
 *   correlation ρ = 2·sin(π·ρ_s/6) gives exactly the target Spearman ρ_s for continuous marginals
 *   (Pearson 1907; Kruskal 1958, JASA 53(284):814–861, eq. for the bivariate normal).
 * - `imanConover`: per sample. Rearranges whole columns so that their ranks follow van der Waerden scores
 *   with the target correlation (Iman & Conover 1982, Commun. Statist. Simul. Comput. B11(3):311–334); the
 *   marginal multiset of each column is unchanged and the sample rank correlation is close to the target
 *   even for small samples. Because it couples all draws of a sample, a Monte Carlo engine that wants
 *   draw-i reproducibility must apply it to fixed blocks of draws whose boundaries do not depend on the
 *   thread count (e.g. draws [kB, (k+1)B) for a constant B).
 *
 * Matrices are square arrays of rows (number[][]); they must be symmetric with a unit diagonal, entries in
 * [−1, 1], and positive definite.
 */
import { standardNormalCdf, standardNormalQuantile } from './distributions.ts';
import { uniformAt } from './random.ts';

/** A square matrix given as rows. */
export type Matrix = readonly (readonly number[])[];

/** Largest asymmetry |c_ij − c_ji| accepted in a correlation matrix (allows matrices written to 12 digits). */
export const SYMMETRY_TOLERANCE = 1e-12;
/** Smallest uniform the copula returns, 2^-53 (the smallest random.ts produces); 1 − this is the largest. */
const UNIFORM_FLOOR = 2 ** -53;

/**
 * Throws a RangeError naming the entry at fault unless `matrix` is a valid correlation matrix: square,
 * finite, symmetric (within SYMMETRY_TOLERANCE), unit diagonal, entries in [−1, 1] and positive definite.
 * @example validateCorrelationMatrix([[1, 0.5], [0.5, 1]]) // ok
 */
export function validateCorrelationMatrix(matrix: Matrix, caller = 'validateCorrelationMatrix'): void {
  const n = matrix.length;
  if (n === 0) throw new RangeError(`${caller}: correlation matrix is empty`);
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!row || row.length !== n) {
      throw new RangeError(`${caller}: correlation matrix must be square (${n}×${n}); row ${i} has ${row ? row.length : 0} entries`);
    }
    for (let j = 0; j < n; j++) {
      const c = row[j];
      if (typeof c !== 'number' || !Number.isFinite(c)) throw new RangeError(`${caller}: entry [${i}][${j}] must be a finite number, got ${String(c)}`);
      if (c < -1 || c > 1) throw new RangeError(`${caller}: entry [${i}][${j}] = ${c} is outside [-1, 1]`);
    }
    if (row[i] !== 1) throw new RangeError(`${caller}: diagonal entry [${i}][${i}] must be 1, got ${row[i]}`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(matrix[i][j] - matrix[j][i]) > SYMMETRY_TOLERANCE) {
        throw new RangeError(`${caller}: matrix is not symmetric: [${i}][${j}] = ${matrix[i][j]} but [${j}][${i}] = ${matrix[j][i]}`);
      }
    }
  }
  choleskyLower(matrix, caller);
}

/**
 * Lower-triangular Cholesky factor L with L·Lᵀ = matrix (Cholesky–Banachiewicz order; Golub & Van Loan 2013,
 * Matrix Computations 4th ed., §4.2), row-major in a Float64Array of n². Uses the lower triangle only;
 * throws if the matrix is not positive definite.
 * @example choleskyLower([[4, 2], [2, 2]]) // Float64Array [2, 0, 1, 1]
 */
export function choleskyLower(matrix: Matrix, caller = 'choleskyLower'): Float64Array {
  const n = matrix.length;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        // A pivot this small relative to the diagonal means the matrix is singular to working precision.
        if (!(sum > n * Number.EPSILON * Math.abs(matrix[i][i]))) {
          throw new RangeError(
            `${caller}: matrix is not positive definite (pivot ${i} is ${sum}); the correlations are mutually inconsistent — relax the strongest ones`,
          );
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/**
 * Pearson correlation of a bivariate normal whose Spearman rank correlation is `spearman`:
 * ρ = 2·sin(π·ρ_s/6), the inverse of ρ_s = (6/π)·arcsin(ρ/2) (Pearson 1907; Kruskal 1958, JASA 53:814–861).
 * @example normalCorrelationFromSpearman(1) // = 1
 */
export function normalCorrelationFromSpearman(spearman: number): number {
  if (!(spearman >= -1 && spearman <= 1)) {
    throw new RangeError(`normalCorrelationFromSpearman: spearman must be in [-1, 1], got ${spearman}`);
  }
  return 2 * Math.sin((Math.PI * spearman) / 6);
}

/** Elementwise ρ = 2·sin(π·ρ_s/6) off the diagonal; validates both the target and the result. */
function normalCorrelationMatrix(spearman: Matrix, caller: string): number[][] {
  validateCorrelationMatrix(spearman, caller);
  const n = spearman.length;
  const result = spearman.map((row, i) => row.map((c, j) => (i === j ? 1 : normalCorrelationFromSpearman(c))));
  // Keep the result exactly symmetric so that its Cholesky factor does not depend on which triangle is read.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) result[j][i] = result[i][j];
  try {
    choleskyLower(result, caller);
  } catch {
    throw new RangeError(`${caller}: the normal correlation 2·sin(π·ρ_s/6) of this Spearman matrix is not positive definite; relax the strongest correlations`);
  }
  return result;
}

/** Maps independent uniforms of one draw to uniforms with the copula's rank correlation. */
export interface GaussianCopula {
  /** Number of correlated parameters. */
  readonly dimension: number;
  /**
   * Writes into `out` the correlated uniforms for the independent uniforms `uniforms` (both of length
   * `dimension`, values in (0, 1); `out` may be `uniforms`). Allocates nothing.
   */
  correlate(uniforms: Float64Array, out: Float64Array): void;
}

/**
 * Gaussian copula with Spearman rank correlation `spearman` (k×k): u ↦ Φ(L·Φ⁻¹(u)), L the Cholesky factor of
 * the normal correlation 2·sin(π·ρ_s/6) (Nelsen 2006, An Introduction to Copulas, 2nd ed.; Kruskal 1958). Rows of
 * L equal to a unit vector pass their uniform through unchanged; results are clamped to [2^-53, 1 − 2^-53].
 * @example createGaussianCopula([[1, 0.6], [0.6, 1]]).correlate(u, out)
 */
export function createGaussianCopula(spearman: Matrix): GaussianCopula {
  const caller = 'createGaussianCopula';
  const normal = normalCorrelationMatrix(spearman, caller);
  const k = normal.length;
  const l = choleskyLower(normal, caller);
  const passThrough = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    let offDiagonal = false;
    for (let j = 0; j < i; j++) if (l[i * k + j] !== 0) offDiagonal = true;
    passThrough[i] = !offDiagonal && l[i * k + i] === 1 ? 1 : 0;
  }
  // A score Φ⁻¹(u) is needed only where a row that mixes uniforms reads it.
  const scoreNeeded = new Uint8Array(k);
  for (let i = 0; i < k; i++) if (passThrough[i] === 0) for (let j = 0; j <= i; j++) if (l[i * k + j] !== 0) scoreNeeded[j] = 1;
  const scores = new Float64Array(k);
  return {
    dimension: k,
    correlate(uniforms: Float64Array, out: Float64Array): void {
      if (uniforms.length !== k || out.length !== k) {
        throw new RangeError(`GaussianCopula.correlate: expected arrays of length ${k}, got ${uniforms.length} and ${out.length}`);
      }
      for (let i = 0; i < k; i++) {
        const u = uniforms[i];
        if (!(u > 0 && u < 1)) throw new RangeError(`GaussianCopula.correlate: uniforms[${i}] must be in (0, 1), got ${u}`);
        if (scoreNeeded[i] === 1) scores[i] = standardNormalQuantile(u);
      }
      for (let i = 0; i < k; i++) {
        if (passThrough[i] === 1) {
          out[i] = uniforms[i];
          continue;
        }
        let z = 0;
        for (let j = 0; j <= i; j++) z += l[i * k + j] * scores[j];
        const u = standardNormalCdf(z);
        out[i] = u < UNIFORM_FLOOR ? UNIFORM_FLOOR : u > 1 - UNIFORM_FLOOR ? 1 - UNIFORM_FLOOR : u;
      }
    },
  };
}

/** Seed of the fixed hash that orders tied values; any constant works, it only has to be the same every run. */
const TIE_BREAK_SEED = 0x1c0de;

/**
 * Indices 0…n−1 ordered by `values`. Ties (common with discrete marginals) are ordered by a fixed hash of
 * (column, row), so that tied columns still get independent score permutations — ordering ties by row
 * would give every tied column the same permutation and a singular score correlation — while the result
 * stays a pure function of the input. A native numeric sort plus a binary search per element is much
 * faster than a comparator sort of all indices.
 */
function orderOf(values: Float64Array, column: number): Uint32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  // nextSlot[p]: the next free rank among the run of equal values starting at position p.
  const nextSlot = new Uint32Array(n);
  for (let p = 0; p < n; p++) nextSlot[p] = p;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    order[nextSlot[lo]++] = i;
  }
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    if (end - start > 1) {
      const run = order.subarray(start, end);
      const keys = new Float64Array(run.length);
      for (let r = 0; r < run.length; r++) keys[r] = uniformAt(TIE_BREAK_SEED, column, run[r]);
      const byKey = Array.from(run.keys()).sort((a, b) => keys[a] - keys[b] || run[a] - run[b]);
      const shuffled = Uint32Array.from(byKey, (r) => run[r]);
      run.set(shuffled);
    }
    start = end;
  }
  return order;
}

/**
 * Iman–Conover rearrangement: returns new columns holding the same values as `columns` (each a sample of one
 * parameter, all of length n), reordered so that their Spearman rank correlation approximates `spearman`.
 * Steps (Iman & Conover 1982, Commun. Statist. B11(3):311–334): van der Waerden scores Φ⁻¹(i/(n+1)) laid out
 * in each column's own rank order (independent columns give independent permutations, so no extra
 * randomness is needed and the result is a pure function of the input; ties are ordered by a fixed hash of
 * (column, row)); E = correlation of the scores,
 * T = P·Q⁻¹ with P, Q the Cholesky factors of the normal target 2·sin(π·ρ_s/6) and of E; scores·Tᵀ then have
 * exactly the target correlation, and each column is rearranged to follow their ranks. Needs n > k.
 * @example imanConover([xs, ys], [[1, 0.7], [0.7, 1]]) // [xs', ys'] with rank correlation ≈ 0.7
 */
export function imanConover(columns: readonly Float64Array[], spearman: Matrix): Float64Array[] {
  const caller = 'imanConover';
  const k = columns.length;
  if (spearman.length !== k) {
    throw new RangeError(`${caller}: the correlation matrix is ${spearman.length}×${spearman.length} but ${k} columns were given`);
  }
  const target = normalCorrelationMatrix(spearman, caller);
  const n = k === 0 ? 0 : columns[0].length;
  for (let j = 0; j < k; j++) {
    if (columns[j].length !== n) throw new RangeError(`${caller}: column ${j} has ${columns[j].length} values, column 0 has ${n}`);
    const bad = columns[j].findIndex((v) => Number.isNaN(v));
    if (bad >= 0) throw new RangeError(`${caller}: column ${j} holds NaN at row ${bad}`);
  }
  if (n <= k) throw new RangeError(`${caller}: needs more draws than columns, got ${n} draws of ${k} columns`);

  const scoreValues = new Float64Array(n);
  for (let i = 0; i < n; i++) scoreValues[i] = standardNormalQuantile((i + 1) / (n + 1));

  // Score matrix R (n×k, row-major): column j carries the scores in the rank order of input column j.
  const orders = columns.map((column, j) => orderOf(column, j));
  const scores = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const order = orders[j];
    for (let rank = 0; rank < n; rank++) scores[order[rank] * k + j] = scoreValues[rank];
  }

  // E = correlation of the score columns (their means are 0 up to rounding, removed anyway).
  const means = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) means[j] += scores[i * k + j];
  for (let j = 0; j < k; j++) means[j] /= n;
  const covariance = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const da = scores[i * k + a] - means[a];
      for (let b = 0; b <= a; b++) covariance[a * k + b] += da * (scores[i * k + b] - means[b]);
    }
  }
  const sampleCorrelation: number[][] = [];
  for (let a = 0; a < k; a++) {
    sampleCorrelation.push([]);
    for (let b = 0; b < k; b++) {
      const ab = a >= b ? covariance[a * k + b] : covariance[b * k + a];
      sampleCorrelation[a].push(a === b ? 1 : ab / Math.sqrt(covariance[a * k + a] * covariance[b * k + b]));
    }
  }
  let q: Float64Array;
  try {
    q = choleskyLower(sampleCorrelation, caller);
  } catch {
    throw new RangeError(
      `${caller}: the rank scores of the ${k} columns are linearly dependent (two columns ranked identically or in reverse?); ${n} draws are too few or too degenerate — use more draws`,
    );
  }
  const p = choleskyLower(target, caller);

  // T = P·Q⁻¹ (lower triangular): solve T·Q = P row by row, by forward substitution over columns.
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j >= 0; j--) {
      let sum = p[i * k + j];
      for (let m = j + 1; m <= i; m++) sum -= t[i * k + m] * q[m * k + j];
      t[i * k + j] = sum / q[j * k + j];
    }
  }

  // Target-correlated scores R* = R·Tᵀ; each output column follows the ranks of its R* column.
  const result: Float64Array[] = [];
  const transformed = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let m = 0; m <= j; m++) sum += t[j * k + m] * scores[i * k + m];
      transformed[i] = sum;
    }
    const sortedValues = Float64Array.from(orders[j], (index) => columns[j][index]);
    const targetOrder = orderOf(transformed, j);
    const column = new Float64Array(n);
    for (let rank = 0; rank < n; rank++) column[targetOrder[rank]] = sortedValues[rank];
    result.push(column);
  }
  return result;
}
