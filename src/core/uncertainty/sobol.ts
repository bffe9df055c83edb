/**
 * The Sobol low-discrepancy sequence in up to SOBOL_MAX_DIMENSIONS dimensions, with the direction numbers of
 * Joe & Kuo (2008), "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput.
 * 30:2635–2654, doi:10.1137/070709359 (table new-joe-kuo-6.21201, https://web.maths.unsw.edu.au/~fkuo/sobol/).
 * Points are generated in Gray-code order (Antonov & Saleev 1979), as in Joe & Kuo's own sobol.cc, with 32 bits.
 */

/** One row of the Joe–Kuo table: degree s of the primitive polynomial, its coefficients a (bits), initial m_1…m_s. */
interface DirectionRow {
  readonly s: number;
  readonly a: number;
  readonly m: readonly number[];
}

/** Dimensions 2–21 of new-joe-kuo-6.21201 (dimension 1 is the van der Corput sequence, all m_k = 1). */
const JOE_KUO: readonly DirectionRow[] = [
  { s: 1, a: 0, m: [1] },
  { s: 2, a: 1, m: [1, 3] },
  { s: 3, a: 1, m: [1, 3, 1] },
  { s: 3, a: 2, m: [1, 1, 1] },
  { s: 4, a: 1, m: [1, 1, 3, 3] },
  { s: 4, a: 4, m: [1, 3, 5, 13] },
  { s: 5, a: 2, m: [1, 1, 5, 5, 17] },
  { s: 5, a: 4, m: [1, 1, 5, 5, 5] },
  { s: 5, a: 7, m: [1, 1, 7, 11, 19] },
  { s: 5, a: 11, m: [1, 1, 5, 1, 1] },
  { s: 5, a: 13, m: [1, 1, 1, 3, 11] },
  { s: 5, a: 14, m: [1, 3, 5, 5, 31] },
  { s: 6, a: 1, m: [1, 3, 3, 9, 7, 49] },
  { s: 6, a: 13, m: [1, 1, 1, 15, 21, 21] },
  { s: 6, a: 16, m: [1, 3, 1, 13, 27, 49] },
  { s: 6, a: 19, m: [1, 1, 1, 15, 7, 5] },
  { s: 6, a: 22, m: [1, 3, 1, 15, 13, 25] },
  { s: 6, a: 25, m: [1, 1, 5, 5, 19, 61] },
  { s: 7, a: 1, m: [1, 3, 7, 11, 23, 15, 103] },
  { s: 7, a: 4, m: [1, 3, 7, 13, 13, 15, 69] },
];

/** Dimensions the table above covers. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;
/** Bits of each coordinate: points 0 … 2^32 − 1 are distinct. */
const BITS = 32;
const TWO_POW_32 = 4294967296;

/**
 * Direction numbers v_1…v_32 of one dimension (as unsigned 32-bit integers): v_k = m_k·2^(32−k), with
 * m_k = 2a_1 m_{k−1} ⊕ 4a_2 m_{k−2} ⊕ … ⊕ 2^s m_{k−s} ⊕ m_{k−s} for k > s (Joe & Kuo 2008, eq. 2.3; Bratley & Fox 1988).
 */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const { s, a, m } = JOE_KUO[dimension - 1]!;
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k]! * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let x = (v[k - s]! ^ (v[k - s]! >>> s)) >>> 0;
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) x = (x ^ v[k - j]!) >>> 0;
    v[k] = x;
  }
  return v;
}

/**
 * The first `count` points after the origin of the `dimensions`-dimensional Sobol sequence (points 1 … count in
 * Gray-code order), each coordinate in (0, 1): x_i = ⊕ v_k over the bits k of gray(i) = i ⊕ ⌊i/2⌋, divided by 2^32.
 * The origin is left out so that every coordinate can go through a quantile function. Joe & Kuo (2008).
 * @example sobolPoints(2, 3) // [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 */
export function sobolPoints(dimensions: number, count: number): number[][] {
  if (!(Number.isInteger(dimensions) && dimensions >= 1 && dimensions <= SOBOL_MAX_DIMENSIONS)) {
    throw new RangeError(`sobolPoints: dimensions must be a whole number from 1 to ${SOBOL_MAX_DIMENSIONS}, got ${dimensions}`);
  }
  if (!(Number.isInteger(count) && count >= 0 && count < TWO_POW_32)) throw new RangeError(`sobolPoints: count must be a whole number below 2^32, got ${count}`);
  const v = Array.from({ length: dimensions }, (_, d) => directionNumbers(d));
  const x = new Uint32Array(dimensions);
  const points: number[][] = [];
  // Gray-code order: point i differs from point i − 1 by v_c, c the index of the lowest zero bit of i − 1.
  for (let i = 1; i <= count; i++) {
    let c = 0;
    let n = i - 1;
    while (n & 1) {
      n = Math.floor(n / 2);
      c++;
    }
    const point = new Array<number>(dimensions);
    for (let d = 0; d < dimensions; d++) {
      x[d] = (x[d]! ^ v[d]![c]!) >>> 0;
      point[d] = x[d]! / TWO_POW_32;
    }
    points.push(point);
  }
  return points;
}
