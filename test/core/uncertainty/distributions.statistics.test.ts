import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTION_KINDS,
  cdf,
  createSampler,
  mean,
  quantile,
  variance,
  type Distribution,
  type DistributionKind,
} from '../../../src/core/uncertainty/distributions.ts';
import { fillUniforms } from '../../../src/core/uncertainty/random.ts';

// Sampling tests: draws come from the counter-based generator with a fixed seed, so each run is
// deterministic; every tolerance is derived from the draw count n, not tuned to pass.

const DRAWS = 200_000;
/** Standard errors allowed: a two-sided normal tail of 5.7e-7 per check. */
const STANDARD_ERRORS = 5;
/** Kolmogorov–Smirnov significance level: √n·D exceeds √(ln(2/α)/2) with probability ≤ α (Massart 1990, Ann. Probab. 18(3):1269–1283). */
const KS_ALPHA = 1e-6;
const PROBABILITIES = [0.01, 0.1, 0.5, 0.9, 0.99];

const EXAMPLES: Record<DistributionKind, Distribution[]> = {
  normal: [
    { kind: 'normal', mean: 1135, sd: 60 },
    { kind: 'normal', mean: 1135, sd: 60, truncation: { lower: 1050, upper: 1300 } },
    { kind: 'normal', mean: 0.02, sd: 0.01, truncation: { lower: 0 } },
  ],
  lognormal: [
    { kind: 'lognormal', mean: 0.05, sd: 0.02 },
    { kind: 'lognormal', mean: 1, sd: 2, truncation: { upper: 3 } },
  ],
  triangular: [
    { kind: 'triangular', min: 0.3, mode: 0.5, max: 0.6 },
    { kind: 'triangular', min: 0, mode: 0, max: 1, truncation: { lower: 0.1, upper: 0.9 } },
  ],
  uniform: [
    { kind: 'uniform', min: -2, max: 5 },
    { kind: 'uniform', min: 0, max: 1, truncation: { lower: 0.25 } },
  ],
  pert: [
    { kind: 'pert', min: 0.3, mode: 0.5, max: 0.6 },
    { kind: 'pert', min: 0, mode: 0.05, max: 1, lambda: 10 },
    { kind: 'pert', min: 0.3, mode: 0.5, max: 0.6, truncation: { lower: 0.4, upper: 0.55 } },
  ],
  discrete: [
    { kind: 'discrete', values: [0, 1, 2], weights: [0.5, 0.35, 0.15] },
    { kind: 'discrete', values: [10, 20, 30, 40], weights: [1, 2, 3, 4], truncation: { upper: 30 } },
  ],
  constant: [{ kind: 'constant', value: 42 }],
};

function draw(dist: Distribution, stream: number): Float64Array {
  const sampler = createSampler(dist);
  const values = fillUniforms(20240605, stream, 0, new Float64Array(DRAWS));
  for (let i = 0; i < DRAWS; i++) values[i] = sampler(values[i]);
  return values;
}

describe.each(DISTRIBUTION_KINDS.map((kind) => [kind]))('%s sampling matches the analytic law', (kind) => {
  EXAMPLES[kind].forEach((dist, exampleIndex) => {
    const label = JSON.stringify(dist);
    const values = draw(dist, DISTRIBUTION_KINDS.indexOf(kind) * 10 + exampleIndex);
    const n = values.length;
    const sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (const v of values) sum += v;
    const sampleMean = sum / n;
    let m2 = 0;
    let m4 = 0;
    for (const v of values) {
      const d = v - sampleMean;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m4 /= n;

    it(`${label}: every draw lies in the support`, () => {
      const lo = quantile(dist, 0);
      const hi = quantile(dist, 1);
      expect(sorted[0]).toBeGreaterThanOrEqual(lo);
      expect(sorted[n - 1]).toBeLessThanOrEqual(hi);
    });

    it(`${label}: sample mean within ${STANDARD_ERRORS} standard errors σ/√n of the mean`, () => {
      const sd = Math.sqrt(variance(dist));
      const allowed = STANDARD_ERRORS * (sd / Math.sqrt(n)) + 1e-12 * Math.abs(mean(dist));
      expect(Math.abs(sampleMean - mean(dist))).toBeLessThanOrEqual(allowed);
    });

    it(`${label}: sample variance within ${STANDARD_ERRORS} standard errors √((μ₄ − σ⁴)/n) of the variance`, () => {
      const sigma2 = variance(dist);
      const standardError = Math.sqrt(Math.max(0, m4 - m2 * m2) / n);
      expect(Math.abs(m2 - sigma2)).toBeLessThanOrEqual(STANDARD_ERRORS * standardError + 1e-12 * sigma2);
    });

    it(`${label}: empirical CDF at the analytic P1…P99 within the binomial bound ${STANDARD_ERRORS}·√(F(1−F)/n)`, () => {
      for (const p of PROBABILITIES) {
        const x = quantile(dist, p);
        const f = cdf(dist, x);
        // Count of draws ≤ x by binary search in the sorted sample.
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (sorted[mid] <= x) lo = mid + 1;
          else hi = mid;
        }
        const empirical = lo / n;
        expect(Math.abs(empirical - f), `p=${p}, x=${x}`).toBeLessThanOrEqual(STANDARD_ERRORS * Math.sqrt((f * (1 - f)) / n) + 1 / n);
      }
    });

    if (kind !== 'discrete' && kind !== 'constant') {
      it(`${label}: Kolmogorov–Smirnov distance below √(ln(2/α)/(2n)) at α = ${KS_ALPHA}`, () => {
        let d = 0;
        for (let i = 0; i < n; i++) {
          const f = cdf(dist, sorted[i]);
          d = Math.max(d, (i + 1) / n - f, f - i / n);
        }
        expect(d).toBeLessThanOrEqual(Math.sqrt(Math.log(2 / KS_ALPHA) / (2 * n)));
      });
    }
  });
});
