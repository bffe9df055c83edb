/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979, "A comparison of three methods for selecting values of
 * input variables in the analysis of output from a computer code", Technometrics 21:239–245, doi:10.2307/1268522):
 * n points in (0, 1)^d whose every one-dimensional projection has exactly one point in each of the n strata
 * [k/n, (k+1)/n). Randomness comes from the counter-based generator (random.ts), so the design is a pure function
 * of (seed, dimensions, count).
 */
import { uniformAt } from './random.ts';

/** Stream of the permutation draws of dimension d is 2d, of the in-stratum offsets 2d + 1. */
const STREAMS_PER_DIMENSION = 2;
/** The largest double below 1: (n − 1 + u)/n rounds to 1 for u near 1, and a quantile at 1 may be infinite. */
const BELOW_ONE = 1 - 2 ** -53;

/**
 * A Latin hypercube design: point i, coordinate d = (π_d(i) + u_{d,i}) / n, with π_d a uniformly random permutation
 * of 0 … n−1 (Fisher–Yates, Knuth TAOCP vol. 2 §3.4.2 Algorithm P) and u_{d,i} uniform in (0, 1); McKay et al. (1979).
 * Every coordinate lies in (0, 1). Same (seed, dimensions, count), same design.
 * @example latinHypercube(42, 2, 4) // 4 points; each column has one value in [0, ¼), [¼, ½), [½, ¾), [¾, 1)
 */
export function latinHypercube(seed: number, dimensions: number, count: number): number[][] {
  if (!(Number.isInteger(dimensions) && dimensions >= 1)) throw new RangeError(`latinHypercube: dimensions must be a whole number ≥ 1, got ${dimensions}`);
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`latinHypercube: count must be a whole number ≥ 0, got ${count}`);
  const points = Array.from({ length: count }, () => new Array<number>(dimensions));
  const strata = new Int32Array(count);
  for (let d = 0; d < dimensions; d++) {
    for (let i = 0; i < count; i++) strata[i] = i;
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(uniformAt(seed, STREAMS_PER_DIMENSION * d, i) * (i + 1));
      const t = strata[i]!;
      strata[i] = strata[j]!;
      strata[j] = t;
    }
    for (let i = 0; i < count; i++) points[i]![d] = Math.min((strata[i]! + uniformAt(seed, STREAMS_PER_DIMENSION * d + 1, i)) / count, BELOW_ONE);
  }
  return points;
}
