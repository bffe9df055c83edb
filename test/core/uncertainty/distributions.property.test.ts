import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTION_KINDS,
  PERT_TABLE_TOLERANCE,
  cdf,
  centralValue,
  createSampler,
  mean,
  quantile,
  sample,
  support,
  variance,
  type Distribution,
  type DistributionKind,
  type Truncation,
} from '../../../src/core/uncertainty/distributions.ts';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
/** Uniforms in (0, 1), including the extremes 2^-53 and 1 − 2^-53 that random.ts can produce. */
const uniform = fc.oneof(
  fc.double({ min: 2 ** -53, max: 1 - 2 ** -53, noNaN: true }),
  fc.constantFrom(2 ** -53, 1 - 2 ** -53, 0.5),
);

/** Three ordered values a ≤ b ≤ c with c − a ≥ 1e-6·(1 + |a|) so that the spread is not lost to rounding. */
const ordered3 = fc
  .tuple(finite(-1e4, 1e4), finite(0, 1), finite(1e-3, 1e3))
  .map(([min, modeFrac, range]) => [min, min + modeFrac * range, min + range] as const);

const arbitraries: Record<DistributionKind, fc.Arbitrary<Distribution>> = {
  normal: fc.record({ kind: fc.constant('normal' as const), mean: finite(-1e4, 1e4), sd: finite(1e-3, 1e3) }),
  // cv = sd/mean in [1e-3, 30]: a truncated lognormal's variance comes from raw moments, with relative error
  // ≈ ε/cv² (documented on `variance`), so cv ≥ 1e-3 keeps it below 1e-9.
  lognormal: fc
    .record({ kind: fc.constant('lognormal' as const), mean: finite(1e-3, 1e4), sd: finite(1e-4, 1e3) })
    .filter((d) => d.sd / d.mean >= 1e-3 && d.sd / d.mean < 30),
  triangular: ordered3.map(([min, mode, max]) => ({ kind: 'triangular' as const, min, mode, max })),
  uniform: ordered3.map(([min, , max]) => ({ kind: 'uniform' as const, min, max })),
  pert: fc.tuple(ordered3, fc.option(finite(0.5, 20), { nil: undefined })).map(([[min, mode, max], lambda]) =>
    lambda === undefined ? { kind: 'pert' as const, min, mode, max } : { kind: 'pert' as const, min, mode, max, lambda },
  ),
  discrete: fc
    .array(fc.tuple(fc.integer({ min: -20, max: 20 }), finite(0, 10)), { minLength: 1, maxLength: 8 })
    .filter((pairs) => pairs.some(([, w]) => w > 0.01))
    .map((pairs) => ({ kind: 'discrete' as const, values: pairs.map(([v]) => v), weights: pairs.map(([, w]) => w) })),
  constant: finite(-1e6, 1e6).map((value) => ({ kind: 'constant' as const, value })),
};

/** Adds a truncation window between two of the distribution's own quantiles, so that it has mass. */
function withTruncation(dist: Distribution, pLo: number, pHi: number, side: 'both' | 'lower' | 'upper'): Distribution {
  const lower = quantile(dist, Math.min(pLo, pHi));
  const upper = quantile(dist, Math.max(pLo, pHi));
  if (!(upper > lower)) return dist;
  const truncation: Truncation = side === 'both' ? { lower, upper } : side === 'lower' ? { lower } : { upper };
  return { ...dist, truncation };
}

const truncated = (kind: DistributionKind): fc.Arbitrary<Distribution> =>
  fc
    .tuple(arbitraries[kind], finite(0.01, 0.45), finite(0.55, 0.99), fc.constantFrom('both' as const, 'lower' as const, 'upper' as const))
    .map(([d, pLo, pHi, side]) => withTruncation(d, pLo, pHi, side));

const anyVersion = (kind: DistributionKind): fc.Arbitrary<Distribution> => fc.oneof(arbitraries[kind], truncated(kind));

/** Scale of a distribution for tolerances: its standard deviation, or 1 if it has none. */
function scaleOf(dist: Distribution): number {
  const sd = Math.sqrt(variance(dist));
  return sd > 0 ? sd : 1;
}

describe.each(DISTRIBUTION_KINDS.map((kind) => [kind]))('%s invariants', (kind) => {
  it('draws lie in the (truncated) support and sample(d, u) = quantile(d, u)', () => {
    fc.assert(
      fc.property(anyVersion(kind), uniform, (dist, u) => {
        const x = sample(dist, u);
        const { lower, upper } = support(dist);
        expect(x).toBeGreaterThanOrEqual(lower);
        expect(x).toBeLessThanOrEqual(upper);
        expect(Number.isFinite(x)).toBe(true);
        expect(x).toBe(quantile(dist, u));
        if (dist.truncation?.lower !== undefined) expect(x).toBeGreaterThanOrEqual(dist.truncation.lower);
        if (dist.truncation?.upper !== undefined) expect(x).toBeLessThanOrEqual(dist.truncation.upper);
      }),
    );
  });

  it('the compiled sampler reproduces sample() (PERT: within its documented table tolerance)', () => {
    fc.assert(
      fc.property(anyVersion(kind), fc.array(uniform, { minLength: 1, maxLength: 20 }), (dist, us) => {
        const draw = createSampler(dist);
        for (const u of us) {
          if (dist.kind === 'pert') {
            expect(Math.abs(draw(u) - sample(dist, u))).toBeLessThanOrEqual(PERT_TABLE_TOLERANCE * (dist.max - dist.min) * (1 + 1e-9));
          } else {
            expect(draw(u)).toBe(sample(dist, u));
          }
        }
      }),
      { numRuns: kind === 'pert' ? 30 : 100 },
    );
  });

  it('quantile is non-decreasing in p and cdf is non-decreasing in x, within [0, 1]', () => {
    fc.assert(
      fc.property(anyVersion(kind), uniform, uniform, (dist, p1, p2) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const xLo = quantile(dist, lo);
        const xHi = quantile(dist, hi);
        // Exact up to rounding: PERT's iterative inverse (and AS 241) may step back by an ulp or so.
        expect(xLo - xHi).toBeLessThanOrEqual(1e-13 * Math.max(Math.abs(xLo), Math.abs(xHi)));
        const fLo = cdf(dist, xLo);
        const fHi = cdf(dist, xHi);
        expect(fLo).toBeGreaterThanOrEqual(0);
        expect(fHi).toBeLessThanOrEqual(1);
        // The continued-fraction and erfc evaluations carry ~1e-15 of rounding noise.
        expect(fLo - fHi).toBeLessThanOrEqual(1e-13);
      }),
    );
  });

  it('cdf(quantile(p)) ≥ p, and quantile is the smallest x with F(x) ≥ p (generalised inverse)', () => {
    fc.assert(
      fc.property(anyVersion(kind), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (dist, p) => {
        const x = quantile(dist, p);
        // x is exact to a few ulps of itself (the nudge) and the continuous CDFs to ~1e-15 (the slack);
        // a discrete quantile and CDF are exact.
        const exact = kind === 'discrete' || kind === 'constant';
        const nudge = exact ? 0 : 8 * Number.EPSILON * Math.abs(x) + Number.MIN_VALUE;
        expect(cdf(dist, x + nudge)).toBeGreaterThanOrEqual(exact ? p : p - 1e-12);
        if (kind === 'discrete') {
          const { lower } = support(dist);
          if (x > lower) expect(cdf(dist, x - 1e-9 * Math.max(1, Math.abs(x)))).toBeLessThan(p);
        }
      }),
    );
  });

  if (kind !== 'discrete' && kind !== 'constant') {
    it('quantile(cdf(x)) = x for x inside the central 1 − 2e-6 of the law (tolerance from the conditioning 1/f)', () => {
      fc.assert(
        fc.property(anyVersion(kind), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (dist, p) => {
          const x = quantile(dist, p);
          const back = quantile(dist, cdf(dist, x));
          // An error δ in F moves x by δ/f(x); f ≳ 1e-6/scale here, and δ ≲ 1e-15 from rounding, so 1e-8·scale.
          expect(Math.abs(back - x)).toBeLessThanOrEqual(1e-8 * scaleOf(dist) + 1e-14 * Math.abs(x));
        }),
      );
    });
  }

  it('the central value is the median and lies in the support; the mean lies in the support', () => {
    fc.assert(
      fc.property(anyVersion(kind), (dist) => {
        const { lower, upper } = support(dist);
        const median = centralValue(dist);
        expect(median).toBe(quantile(dist, 0.5));
        expect(median).toBeGreaterThanOrEqual(lower);
        expect(median).toBeLessThanOrEqual(upper);
        const m = mean(dist);
        const tolerance = 1e-12 * Math.max(Math.abs(lower === -Infinity ? 0 : lower), Math.abs(upper === Infinity ? 0 : upper), Math.abs(m));
        expect(m).toBeGreaterThanOrEqual(lower - tolerance);
        expect(m).toBeLessThanOrEqual(upper + tolerance);
        expect(variance(dist)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  // Truncating a log-concave density never increases its variance (Bagnoli & Bergstrom 2005, Economic Theory
  // 26:445–469). Normal, uniform, triangular and PERT (α, β ≥ 1) are log-concave; the lognormal and discrete
  // laws are not (cutting the heavy side of a skewed law can widen it), so they are left out.
  if (kind === 'normal' || kind === 'uniform' || kind === 'triangular' || kind === 'pert') {
    it('truncation of this log-concave law never widens it: truncated variance ≤ untruncated', () => {
      fc.assert(
        fc.property(truncated(kind), (dist) => {
          const { truncation: _ignored, ...untruncated } = dist;
          expect(variance(dist)).toBeLessThanOrEqual(variance(untruncated as Distribution) * (1 + 1e-9));
        }),
      );
    });
  }
});

describe('location-scale invariance', () => {
  it('shifting and scaling the parameters of normal, triangular, uniform and PERT shifts and scales every quantile', () => {
    fc.assert(
      fc.property(ordered3, finite(-100, 100), finite(0.01, 100), uniform, ([min, mode, max], shift, factor, p) => {
        const pairs: [Distribution, Distribution][] = [
          [{ kind: 'normal', mean: mode, sd: max - min }, { kind: 'normal', mean: mode * factor + shift, sd: (max - min) * factor }],
          [{ kind: 'triangular', min, mode, max }, { kind: 'triangular', min: min * factor + shift, mode: mode * factor + shift, max: max * factor + shift }],
          [{ kind: 'uniform', min, max }, { kind: 'uniform', min: min * factor + shift, max: max * factor + shift }],
          [{ kind: 'pert', min, mode, max }, { kind: 'pert', min: min * factor + shift, mode: mode * factor + shift, max: max * factor + shift }],
        ];
        for (const [base, moved] of pairs) {
          const expected = quantile(base, p) * factor + shift;
          const scale = (max - min) * factor;
          expect(Math.abs(quantile(moved, p) - expected)).toBeLessThanOrEqual(1e-9 * scale + 1e-12 * (Math.abs(expected) + Math.abs(shift)) * (1 + factor));
        }
      }),
    );
  });
});
