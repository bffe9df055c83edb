import { describe, expect, it } from 'vitest';
import { MAX_COUNTER, UNIFORM_BITS, createStream, fillUniforms, threefry2x32, uniformAt } from '../../../src/core/uncertainty/random.ts';

/** Kolmogorov–Smirnov significance level: P(√n·D > √(ln(2/α)/2)) ≤ α (Massart 1990, Ann. Probab. 18(3):1269–1283). */
const KS_ALPHA = 1e-6;
/** Standard-normal quantile at 1 − 1e-6 (mpmath: bisection of mp.ncdf to 40 digits), for one-sided bounds. */
const Z_ONE_IN_A_MILLION = 4.753424308817087;
/** Standard errors allowed for two-sided normal checks (tail probability 5.7e-7). */
const STANDARD_ERRORS = 5;

describe('threefry2x32 known-answer vectors (Random123 library, tests/kat_vectors, lines "threefry2x32 20 …")', () => {
  it.each([
    [[0, 0, 0, 0], [0x6b200159, 0x99ba4efe]],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0x1cb996fc, 0xbb002be7]],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xc4923a9c, 0x483df7a0]],
  ] as const)('counter/key %j', ([c0, c1, k0, k1], expected) => {
    expect(threefry2x32(c0, c1, k0, k1)).toEqual(expected);
  });
});

describe('uniformAt', () => {
  it('is a pure function of (seed, stream, index)', () => {
    const first = [uniformAt(42, 0, 0), uniformAt(42, 7, 123456), uniformAt(2 ** 53 - 1, MAX_COUNTER, MAX_COUNTER)];
    const second = [uniformAt(42, 0, 0), uniformAt(42, 7, 123456), uniformAt(2 ** 53 - 1, MAX_COUNTER, MAX_COUNTER)];
    expect(second).toEqual(first);
  });

  it(`returns (k + ½)·2^-${UNIFORM_BITS} for an integer k: strictly inside (0, 1) and 1 − u exact`, () => {
    const offLattice: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const u = uniformAt(7, 3, i);
      const k = u * 2 ** UNIFORM_BITS - 0.5;
      if (!(u > 0 && u < 1) || !Number.isInteger(k) || 1 - (1 - u) !== u) offLattice.push(u);
    }
    expect(offLattice).toEqual([]);
  });

  it('different seeds and different streams give different numbers', () => {
    const n = 2000;
    const seen = new Set<number>();
    for (const [seed, stream] of [[1, 0], [2, 0], [1, 1], [2 ** 32, 0], [2 ** 32 + 1, 0]] as const) {
      for (let i = 0; i < n; i++) seen.add(uniformAt(seed, stream, i));
    }
    // 10,000 values from 2^52 cells: a coincidence has probability ~1e-8, a shared stream gives 2,000.
    expect(seen.size).toBe(5 * n);
  });

  it('rejects seeds, streams and indices outside their ranges, naming them', () => {
    expect(() => uniformAt(-1, 0, 0)).toThrow(/uniformAt: seed must be an integer in \[0, 2\^53\)/);
    expect(() => uniformAt(1.5, 0, 0)).toThrow(/seed/);
    expect(() => uniformAt(1, -1, 0)).toThrow(/uniformAt: stream must be an integer/);
    expect(() => uniformAt(1, 0, MAX_COUNTER + 1)).toThrow(/uniformAt: index must be an integer in \[0, 2\^32 − 1\]/);
    expect(() => uniformAt(1, 0, 0.5)).toThrow(/index/);
    expect(() => threefry2x32(0, 0, 0, -1)).toThrow(/threefry2x32: key1/);
  });
});

describe('sequential access matches random access', () => {
  it('createStream(seed, stream, start).next() walks uniformAt(seed, stream, start + i)', () => {
    const stream = createStream(99, 5, 1000);
    for (let i = 0; i < 100; i++) {
      expect(stream.index).toBe(1000 + i);
      expect(stream.next()).toBe(uniformAt(99, 5, 1000 + i));
    }
  });

  it('fillUniforms gives the same numbers whatever the chunking', () => {
    const whole = fillUniforms(314, 2, 0, new Float64Array(10_000));
    for (const chunk of [1, 7, 1000, 4096]) {
      const pieces = new Float64Array(whole.length);
      for (let start = 0; start < whole.length; start += chunk) {
        const piece = fillUniforms(314, 2, start, new Float64Array(Math.min(chunk, whole.length - start)));
        pieces.set(piece, start);
      }
      expect(pieces).toEqual(whole);
    }
    expect(whole[1234]).toBe(uniformAt(314, 2, 1234));
  });

  it('a stream refuses to run past index 2^32 − 1', () => {
    const stream = createStream(1, 0, MAX_COUNTER);
    expect(stream.next()).toBe(uniformAt(1, 0, MAX_COUNTER));
    expect(() => stream.next()).toThrow(/exhausted after 2\^32 draws/);
    expect(() => fillUniforms(1, 0, MAX_COUNTER, new Float64Array(2))).toThrow(/fillUniforms: startIndex \+ out.length − 1/);
  });
});

describe('statistical quality (thresholds from n and a stated significance level)', () => {
  const n = 1_000_000;
  const u = fillUniforms(20240605, 0, 0, new Float64Array(n));

  it(`chi-square over 1000 equal bins is below its 1 − 1e-6 quantile (Wilson–Hilferty 1931)`, () => {
    const bins = 1000;
    const counts = new Float64Array(bins);
    for (const v of u) counts[Math.floor(v * bins)] += 1;
    const expected = n / bins;
    let chi2 = 0;
    for (const c of counts) chi2 += ((c - expected) * (c - expected)) / expected;
    const dof = bins - 1;
    // Wilson & Hilferty (1931) PNAS 17(12):684–688: (χ²/ν)^(1/3) is close to normal with mean 1 − 2/(9ν).
    const threshold = dof * (1 - 2 / (9 * dof) + Z_ONE_IN_A_MILLION * Math.sqrt(2 / (9 * dof))) ** 3;
    expect(chi2).toBeLessThan(threshold);
    // A generator that is too regular (e.g. a stratified grid) fails the lower tail just as surely.
    const lowerThreshold = dof * (1 - 2 / (9 * dof) - Z_ONE_IN_A_MILLION * Math.sqrt(2 / (9 * dof))) ** 3;
    expect(chi2).toBeGreaterThan(lowerThreshold);
  });

  it(`Kolmogorov–Smirnov distance to U(0, 1) below √(ln(2/α)/(2n)) at α = ${KS_ALPHA}`, () => {
    const sorted = Float64Array.from(u).sort();
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - sorted[i], sorted[i] - i / n);
    expect(d).toBeLessThan(Math.sqrt(Math.log(2 / KS_ALPHA) / (2 * n)));
  });

  it(`lag-1, cross-stream and cross-seed correlations within ${STANDARD_ERRORS}/√n of 0`, () => {
    const m = 200_000;
    const other = fillUniforms(20240605, 1, 0, new Float64Array(m));
    const otherSeed = fillUniforms(20240606, 0, 0, new Float64Array(m));
    const correlation = (x: (i: number) => number, y: (i: number) => number): number => {
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < m; i++) {
        const a = x(i) - 0.5;
        const b = y(i) - 0.5;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    const bound = STANDARD_ERRORS / Math.sqrt(m);
    expect(Math.abs(correlation((i) => u[i], (i) => u[i + 1]))).toBeLessThan(bound);
    expect(Math.abs(correlation((i) => u[i], (i) => other[i]))).toBeLessThan(bound);
    expect(Math.abs(correlation((i) => u[i], (i) => otherSeed[i]))).toBeLessThan(bound);
  });
});
