import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTION_KINDS,
  PERT_TABLE_TOLERANCE,
  cdf,
  centralValue,
  createSampler,
  erfc,
  inverseRegularizedIncompleteBeta,
  logGamma,
  lognormalFromLogParameters,
  lognormalLogParameters,
  mean,
  pertShapeParameters,
  quantile,
  regularizedIncompleteBeta,
  sample,
  standardNormalCdf,
  standardNormalQuantile,
  support,
  validateDistribution,
  variance,
  type Distribution,
  type DistributionKind,
} from '../../../src/core/uncertainty/distributions.ts';
import { expectClose } from '../../helpers/expect-close.ts';

// Reference values: mpmath 1.3.0 at 40 significant digits (mp.ncdf, mp.erfc, mp.loggamma, mp.betainc with
// regularized=True; inverses by 150–200 bisection steps of those functions at the exact double input), and
// scipy 1.17.1 scipy.stats (norm, lognorm, triang, beta) for the untruncated laws. Truncated laws: mean and
// variance by mp.quad of x·f(x) and (x − m)²·f(x) over [lower, upper] divided by the mass, CDF and quantiles
// from the definition F_T(x) = (F(x) − F(lower)) / (F(upper) − F(lower)) solved by bisection.

describe('standard normal special functions (mpmath 40 digits)', () => {
  it.each([
    [-37.5, 4.605353009581955e-308],
    [-10, 7.619853024160525e-24],
    [-5, 2.866515718791939e-7],
    [-1, 0.15865525393145705],
    [0, 0.5],
    [0.3, 0.6179114221889527],
    [1.96, 0.9750021048517795],
    [6, 0.9999999990134123],
  ])('Φ(%s) = mp.ncdf', (z, expected) => {
    expectClose(standardNormalCdf(z), expected, { rel: 2e-15 }, `Φ(${z})`);
  });

  it.each([
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [0.001, -3.0902323061678136],
    [0.02425, -1.972961051311885],
    [0.1, -1.2815515655446004],
    [0.6, 0.2533471031357997],
    [0.975, 1.9599639845400538],
    [0.999999, 4.753424308817087],
  ])('Φ⁻¹(%s) = bisection of mp.ncdf (Wichura AS 241 claims ~1e-16)', (p, expected) => {
    expectClose(standardNormalQuantile(p), expected, { rel: 2e-15 }, `Φ⁻¹(${p})`);
  });

  it('Φ⁻¹ is exact at ½ and infinite at 0 and 1, and rejects p outside [0, 1]', () => {
    expect(standardNormalQuantile(0.5)).toBe(0);
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
    expect(() => standardNormalQuantile(1.5)).toThrow(/standardNormalQuantile: p must be in \[0, 1\]/);
    expect(() => standardNormalQuantile(Number.NaN)).toThrow(/p must be in/);
  });

  it.each([
    [-3, 1.9999779095030015],
    [-0.5, 1.5204998778130465],
    [0.1, 0.887537083981715],
    [0.46875, 0.507386526782062],
    [0.5, 0.4795001221869535],
    [2, 0.004677734981047266],
    [4, 1.541725790028002e-8],
    [4.5, 1.9661604415428876e-10],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ])('erfc(%s) = mp.erfc (Cody 1969)', (x, expected) => {
    expectClose(erfc(x), expected, { rel: 2e-15 }, `erfc(${x})`);
  });
});

describe('gamma and incomplete beta (mpmath 40 digits)', () => {
  it.each([
    [1e-5, 11.512919692895826],
    [0.5, 0.5723649429247001],
    [1, 0],
    [1.5, -0.12078223763524522],
    [3.7, 1.428072326665388],
    [14.9, 24.924132002217277],
    [15, 25.19122118273868],
    [100.25, 360.28455963776423],
    [1e6, 12815504.569147611],
  ])('ln Γ(%s) = mp.loggamma', (x, expected) => {
    // Below 15 the recurrence subtracts ln(x(x+1)…) ≈ 25 from ln Γ(x + n): ~1e-14 absolute is the floor.
    expectClose(logGamma(x), expected, { rel: 1e-15, abs: 1e-14 }, `lnΓ(${x})`);
  });

  it.each([
    [0.5, 2, 3, 0.6875],
    [1e-6, 11 / 3, 7 / 3, 6.8508808586044e-22],
    [0.2, 11 / 3, 7 / 3, 0.014928707197488646],
    [0.95, 11 / 3, 7 / 3, 0.9909807563466765],
    [0.999, 1, 5, 0.999999999999999],
    [0.3, 0.5, 0.5, 0.36901011956554536],
    [0.7, 30, 12, 0.40104779034960975],
  ])('I_%s(%s, %s) = mp.betainc regularized', (x, a, b, expected) => {
    expectClose(regularizedIncompleteBeta(x, a, b), expected, { rel: 5e-14 }, `I_${x}(${a}, ${b})`);
  });

  it.each([
    [0.6875, 2, 3, 0.5],
    [1e-12, 11 / 3, 7 / 3, 0.0003157773315877317],
    [0.5, 11 / 3, 7 / 3, 0.624187492995879],
    [0.999999, 11 / 3, 7 / 3, 0.9990303725524163],
    [0.3, 0.5, 0.5, 0.20610737385376343],
    [0.01, 30, 12, 0.5416690467348463],
  ])('I⁻¹_%s(%s, %s) = bisection of mp.betainc', (p, a, b, expected) => {
    expectClose(inverseRegularizedIncompleteBeta(p, a, b), expected, { rel: 5e-14 }, `I⁻¹(${p}; ${a}, ${b})`);
  });

  it('rejects invalid shapes and arguments with the function name', () => {
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(/regularizedIncompleteBeta: shape parameters/);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(/x must be in \[0, 1\]/);
    expect(() => inverseRegularizedIncompleteBeta(-0.1, 2, 2)).toThrow(/inverseRegularizedIncompleteBeta: p must be in/);
    expect(() => logGamma(0)).toThrow(/logGamma: x must be a finite number > 0/);
  });
});

interface Reference {
  readonly dist: Distribution;
  readonly mean: number;
  readonly variance: number;
  readonly cdf: readonly (readonly [number, number])[];
  readonly quantiles: readonly (readonly [number, number])[];
  readonly source: string;
}

const REFERENCES: readonly Reference[] = [
  {
    source: 'scipy.stats.norm(1135, 60)',
    dist: { kind: 'normal', mean: 1135, sd: 60 },
    mean: 1135,
    variance: 3600,
    cdf: [[1000, 0.012224472655044703], [1200, 0.8606697525503779]],
    quantiles: [[0.1, 1058.106906067324], [0.5, 1135], [0.9, 1211.893093932676]],
  },
  {
    source: 'normal(1135, 60) truncated to [1050, 1300], mpmath quad + bisection',
    dist: { kind: 'normal', mean: 1135, sd: 60, truncation: { lower: 1050, upper: 1300 } },
    mean: 1143.9576080122602,
    variance: 2609.8950244780717,
    cdf: [[1100, 0.2193726696279649], [1250, 0.9731581833985314]],
    quantiles: [[0.1, 1077.7887699089133], [0.5, 1140.6716937134786], [0.9, 1213.6870431137254]],
  },
  {
    source: 'normal(1135, 60) truncated to [mean + 7 sd, ∞) (upper-tail precision), mpmath quad + bisection',
    dist: { kind: 'normal', mean: 1135, sd: 60, truncation: { lower: 1135 + 7 * 60 } },
    mean: 1563.2527367935902,
    variance: 65.74288210784003,
    cdf: [[1135 + 7.5 * 60, 0.9750675074396243]],
    quantiles: [[0.1, 1555.8847896036068], [0.5, 1560.788359338834], [0.9, 1573.944536582354]],
  },
  {
    source: 'scipy.stats.lognorm(s=σ, scale=e^μ) with σ² = ln(1 + 0.4²), μ = ln 0.05 − σ²/2',
    dist: { kind: 'lognormal', mean: 0.05, sd: 0.02 },
    mean: 0.05,
    variance: 0.0004,
    cdf: [[0.03, 0.1285396763863871], [0.08, 0.9211152259455215]],
    quantiles: [[0.1, 0.028334813270073776], [0.5, 0.046423834544262965], [0.9, 0.07606093582657628]],
  },
  {
    source: 'lognormal(mean 0.05, sd 0.02) truncated to [0.03, 0.08], mpmath quad + bisection',
    dist: { kind: 'lognormal', mean: 0.05, sd: 0.02, truncation: { lower: 0.03, upper: 0.08 } },
    mean: 0.049423657242999214,
    variance: 0.00015930258978629657,
    cdf: [[0.04, 0.27882720030750574], [0.07, 0.9188397087464881]],
    quantiles: [[0.1, 0.033926043632535235], [0.5, 0.04755105776776841], [0.9, 0.068298219180379]],
  },
  {
    source: 'scipy.stats.triang(c=2/3, loc=0.3, scale=0.3)',
    dist: { kind: 'triangular', min: 0.3, mode: 0.5, max: 0.6 },
    mean: 0.4666666666666667,
    variance: 0.0038888888888888888,
    cdf: [[0.4, 0.1666666666666668], [0.55, 0.916666666666667]],
    quantiles: [[0.1, 0.37745966692414834], [0.5, 0.4732050807568877], [0.9, 0.5452277442494834]],
  },
  {
    source: 'triangular(0.3, 0.5, 0.6) truncated to [0.35, 0.58], mpmath quad split at the mode + bisection',
    dist: { kind: 'triangular', min: 0.3, mode: 0.5, max: 0.6, truncation: { lower: 0.35, upper: 0.58 } },
    mean: 0.4708524397413286,
    variance: 0.0031042410125661805,
    cdf: [[0.4, 0.1322751322751324], [0.55, 0.9259259259259262]],
    quantiles: [[0.1, 0.3903880523078133], [0.5, 0.47564168070250296], [0.9, 0.5431229395977605]],
  },
  {
    source: 'scipy.stats.beta(11/3, 7/3, loc=0.3, scale=0.3) = PERT(0.3, 0.5, 0.6, λ=4)',
    dist: { kind: 'pert', min: 0.3, mode: 0.5, max: 0.6 },
    mean: 0.48333333333333334,
    variance: 0.0030555555555555557,
    cdf: [[0.4, 0.0814756042680984], [0.55, 0.8813248732463433]],
    quantiles: [[0.001, 0.3277272529264397], [0.1, 0.4066629907138259], [0.5, 0.48725624789876365], [0.9, 0.5540916918970562], [0.999, 0.594301776054585]],
  },
  {
    source: 'PERT(0.3, 0.5, 0.6) truncated to [0.4, 0.55], mpmath quad + bisection of mp.betainc',
    dist: { kind: 'pert', min: 0.3, mode: 0.5, max: 0.6, truncation: { lower: 0.4, upper: 0.55 } },
    mean: 0.4818873560419564,
    variance: 0.0015888818466267226,
    cdf: [[0.45, 0.246399174001979], [0.5, 0.6272864349585614]],
    quantiles: [[0.1, 0.4245246662448063], [0.5, 0.4843671356043357], [0.9, 0.5347347513658145]],
  },
  {
    source: 'scipy.stats.beta(1.5, 2.5, loc=0, scale=4) = PERT(0, 1, 4, λ=2)',
    dist: { kind: 'pert', min: 0, mode: 1, max: 4, lambda: 2 },
    mean: 1.5,
    variance: 0.75,
    cdf: [],
    quantiles: [[0.1, 0.4061493021900373], [0.5, 1.4098091195085238], [0.9, 2.738841286432037]],
  },
  {
    source: 'uniform(10, 20) truncated to [12, 30]: uniform(12, 20) by hand',
    dist: { kind: 'uniform', min: 10, max: 20, truncation: { lower: 12, upper: 30 } },
    mean: 16,
    variance: 64 / 12,
    cdf: [[11, 0], [14, 0.25], [20, 1]],
    quantiles: [[0.25, 14], [0.5, 16]],
  },
  {
    source: 'discrete lag of issue 5 by hand: mean 0·0.5 + 1·0.35 + 2·0.15, variance Σ w (v − mean)²',
    dist: { kind: 'discrete', values: [2, 0, 1], weights: [0.15, 0.5, 0.35] },
    mean: 0.65,
    variance: 0.5 * 0.65 ** 2 + 0.35 * 0.35 ** 2 + 0.15 * 1.35 ** 2,
    cdf: [[-1, 0], [0, 0.5], [0.5, 0.5], [1, 0.85], [2, 1]],
    quantiles: [[0.3, 0], [0.5, 0], [0.6, 1], [0.85, 1], [0.9, 2]],
  },
  {
    source: 'discrete truncated to [1, 2]: weights 0.35, 0.15 renormalised to 0.7, 0.3, by hand',
    dist: { kind: 'discrete', values: [0, 1, 2], weights: [0.5, 0.35, 0.15], truncation: { lower: 1 } },
    mean: 1.3,
    variance: 0.21,
    cdf: [[0, 0], [1, 0.7], [2, 1]],
    quantiles: [[0.5, 1], [0.75, 2]],
  },
];

describe('distribution reference values', () => {
  for (const ref of REFERENCES) {
    describe(ref.source, () => {
      const scale = Math.sqrt(ref.variance);
      it('mean and variance', () => {
        expectClose(mean(ref.dist), ref.mean, { rel: 1e-12, abs: 1e-12 * scale }, 'mean');
        expectClose(variance(ref.dist), ref.variance, { rel: 1e-9, abs: 1e-15 }, 'variance');
      });
      it('cdf', () => {
        for (const [x, expected] of ref.cdf) expectClose(cdf(ref.dist, x), expected, { rel: 1e-12, abs: 1e-14 }, `cdf(${x})`);
      });
      it('quantile, sample and the compiled sampler', () => {
        const draw = createSampler(ref.dist);
        for (const [p, expected] of ref.quantiles) {
          expectClose(quantile(ref.dist, p), expected, { rel: 1e-12, abs: 1e-12 * scale }, `quantile(${p})`);
          expectClose(sample(ref.dist, p), expected, { rel: 1e-12, abs: 1e-12 * scale }, `sample(${p})`);
          const samplerTolerance = ref.dist.kind === 'pert' ? PERT_TABLE_TOLERANCE * (ref.dist.max - ref.dist.min) : 1e-12 * scale;
          expectClose(draw(p), expected, { rel: 1e-12, abs: samplerTolerance }, `sampler(${p})`);
        }
      });
    });
  }
});

describe('closed forms', () => {
  it('PERT shape and mean follow Vose (2008): α = 1 + λ(mode − min)/range, mean = (min + λ·mode + max)/(λ + 2)', () => {
    expect(pertShapeParameters({ kind: 'pert', min: 0, mode: 1, max: 4 })).toEqual({ alpha: 2, beta: 4 });
    expectClose(mean({ kind: 'pert', min: 0, mode: 1, max: 4 }), 8 / 6, { rel: 1e-15 });
    expectClose(mean({ kind: 'pert', min: 0, mode: 1, max: 4, lambda: 2 }), 6 / 4, { rel: 1e-15 });
  });

  it('lognormal (mean, sd) ↔ (μ, σ) round trip (Johnson, Kotz & Balakrishnan 1994, ch. 14)', () => {
    const dist = lognormalFromLogParameters(Math.log(1135), 0.05);
    expectClose(dist.mean, 1135 * Math.exp(0.05 ** 2 / 2), { rel: 1e-15 });
    const { mu, sigma } = lognormalLogParameters(dist);
    expectClose(mu, Math.log(1135), { rel: 1e-14 });
    expectClose(sigma, 0.05, { rel: 1e-12 });
    // The median of a lognormal is e^μ.
    expectClose(centralValue(dist), 1135, { rel: 1e-13 });
    expect(lognormalFromLogParameters(0, 0.1, { upper: 2 }).truncation).toEqual({ upper: 2 });
    expect(() => lognormalFromLogParameters(0, -1)).toThrow(/sigma must be >= 0/);
  });

  it('triangular quantile inverts the CDF piecewise: F(mode) = (mode − min)/range = 1/4 for {0, 1, 4}', () => {
    const dist: Distribution = { kind: 'triangular', min: 0, mode: 1, max: 4 };
    expectClose(quantile(dist, 0.25), 1, { rel: 1e-15 });
    expectClose(cdf(dist, 1), 0.25, { rel: 1e-15 });
    expect(quantile(dist, 0)).toBe(0);
    expect(quantile(dist, 1)).toBe(4);
  });

  it('quantile at 0 and 1 gives the ends of the support; sample rejects u outside (0, 1)', () => {
    expect(quantile({ kind: 'normal', mean: 0, sd: 1 }, 0)).toBe(-Infinity);
    expect(quantile({ kind: 'normal', mean: 0, sd: 1, truncation: { upper: 2 } }, 1)).toBe(2);
    expect(quantile({ kind: 'lognormal', mean: 1, sd: 1 }, 0)).toBe(0);
    expect(() => sample({ kind: 'uniform', min: 0, max: 1 }, 0)).toThrow(/sample: u must be in the open interval/);
    expect(() => createSampler({ kind: 'uniform', min: 0, max: 1 })(1)).toThrow(/u must be in the open interval/);
    expect(() => quantile({ kind: 'uniform', min: 0, max: 1 }, 2)).toThrow(/quantile: p must be in \[0, 1\]/);
  });

  it('support reflects truncation', () => {
    expect(support({ kind: 'normal', mean: 0, sd: 1, truncation: { lower: 0 } })).toEqual({ lower: 0, upper: Infinity });
    expect(support({ kind: 'pert', min: 1, mode: 2, max: 3, truncation: { lower: 0, upper: 2.5 } })).toEqual({ lower: 1, upper: 2.5 });
    expect(support({ kind: 'discrete', values: [3, 1, 2], weights: [1, 1, 0] })).toEqual({ lower: 1, upper: 3 });
    expect(support({ kind: 'constant', value: 7 })).toEqual({ lower: 7, upper: 7 });
  });
});

describe('central value is the median', () => {
  const symmetric: Distribution[] = [
    { kind: 'normal', mean: 1135, sd: 60 },
    { kind: 'triangular', min: 30, mode: 45, max: 60 },
    { kind: 'uniform', min: 0.1, max: 0.3 },
    { kind: 'pert', min: 1, mode: 2, max: 3 },
  ];
  it.each(symmetric.map((d) => [d.kind, d] as const))('%s: symmetric, so median = mean', (_kind, dist) => {
    expectClose(centralValue(dist), mean(dist), { rel: 1e-13 });
  });

  it('skewed triangular {30, 50, 60}: F(mode) = 2/3 > ½, so median = 30 + √(½·30·20), between mean and mode', () => {
    const dist: Distribution = { kind: 'triangular', min: 30, mode: 50, max: 60 };
    expectClose(centralValue(dist), 30 + Math.sqrt(300), { rel: 1e-15 });
    expect(centralValue(dist)).toBeGreaterThan(mean(dist));
    expect(centralValue(dist)).toBeLessThan(50);
  });

  it('discrete lag {0, 1, 2} with weights {0.5, 0.35, 0.15}: a value of the distribution (0), not the mean 0.65', () => {
    expect(centralValue({ kind: 'discrete', values: [0, 1, 2], weights: [0.5, 0.35, 0.15] })).toBe(0);
    expect(centralValue({ kind: 'discrete', values: [0, 1, 2], weights: [0.4, 0.35, 0.25] })).toBe(1);
  });

  it('lognormal median = mean/√(1 + (sd/mean)²)', () => {
    expectClose(centralValue({ kind: 'lognormal', mean: 0.05, sd: 0.02 }), 0.05 / Math.sqrt(1 + 0.16), { rel: 1e-14 });
  });
});

/** A distribution of each kind with zero spread at `value`. */
function zeroSpread(kind: DistributionKind, value: number): Distribution {
  switch (kind) {
    case 'normal':
      return { kind, mean: value, sd: 0 };
    case 'lognormal':
      return { kind, mean: value, sd: 0 };
    case 'triangular':
      return { kind, min: value, mode: value, max: value };
    case 'uniform':
      return { kind, min: value, max: value };
    case 'pert':
      return { kind, min: value, mode: value, max: value };
    case 'discrete':
      return { kind, values: [value, value + 1], weights: [1, 0] };
    case 'constant':
      return { kind, value };
  }
}

describe('zero-spread distributions return their value exactly', () => {
  const values = [1135, 0.1 + 0.2, 1e-7, 123456789.123];
  for (const kind of DISTRIBUTION_KINDS) {
    it(kind, () => {
      for (const value of values) {
        const dist = zeroSpread(kind, value);
        const draw = createSampler(dist);
        for (const u of [2 ** -53, 0.1, 0.5, 0.9, 1 - 2 ** -53]) {
          expect(sample(dist, u)).toBe(value);
          expect(draw(u)).toBe(value);
        }
        expect(centralValue(dist)).toBe(value);
        expect(mean(dist)).toBe(value);
        expect(variance(dist)).toBe(0);
        expect(cdf(dist, value)).toBe(1);
        expect(cdf(dist, value * (1 - 1e-9))).toBe(0);
        // Truncation that keeps the value changes nothing; one that excludes it is an error.
        expect(centralValue({ ...dist, truncation: { lower: value, upper: value } })).toBe(value);
        expect(() => validateDistribution({ ...dist, truncation: { lower: value * 2 } })).toThrow(/leaves zero probability/);
      }
    });
  }
});

describe('guards name the parameter at fault', () => {
  const cases: [string, unknown, RegExp][] = [
    ['negative sd', { kind: 'normal', mean: 0, sd: -1 }, /normal\.sd must be >= 0, got -1/],
    ['NaN mean', { kind: 'normal', mean: Number.NaN, sd: 1 }, /normal\.mean must be a finite number/],
    ['lognormal mean ≤ 0', { kind: 'lognormal', mean: 0, sd: 1 }, /lognormal\.mean must be > 0/],
    ['lognormal sd < 0', { kind: 'lognormal', mean: 1, sd: -0.1 }, /lognormal\.sd must be >= 0/],
    ['triangular min > mode', { kind: 'triangular', min: 5, mode: 3, max: 10 }, /triangular needs min <= mode <= max, got min=5, mode=3, max=10/],
    ['pert mode > max', { kind: 'pert', min: 0, mode: 11, max: 10 }, /pert needs min <= mode <= max/],
    ['pert lambda < 0', { kind: 'pert', min: 0, mode: 1, max: 2, lambda: -1 }, /pert\.lambda must be >= 0/],
    ['uniform min > max', { kind: 'uniform', min: 2, max: 1 }, /uniform needs min <= max/],
    ['discrete weights sum to 0', { kind: 'discrete', values: [1, 2], weights: [0, 0] }, /discrete\.weights must sum to a finite number > 0/],
    ['discrete negative weight', { kind: 'discrete', values: [1, 2], weights: [1, -1] }, /discrete\.weights\[1\] must be >= 0/],
    ['discrete length mismatch', { kind: 'discrete', values: [1, 2], weights: [1] }, /discrete\.weights must have one weight per value/],
    ['discrete no values', { kind: 'discrete', values: [], weights: [] }, /discrete\.values must be a non-empty array/],
    ['constant infinite', { kind: 'constant', value: Infinity }, /constant\.value must be a finite number/],
    ['unknown kind', { kind: 'weibull', shape: 2 }, /unknown distribution kind "weibull"/],
    ['truncation lower > upper', { kind: 'normal', mean: 0, sd: 1, truncation: { lower: 2, upper: 1 } }, /truncation needs lower <= upper/],
    ['truncation outside support', { kind: 'uniform', min: 0, max: 1, truncation: { lower: 2 } }, /truncation to \[2, Infinity\] leaves zero probability under uniform/],
    ['lognormal truncated below 0', { kind: 'lognormal', mean: 1, sd: 1, truncation: { upper: -1 } }, /leaves zero probability/],
    ['zero-width continuous window', { kind: 'normal', mean: 0, sd: 1, truncation: { lower: 1, upper: 1 } }, /leaves zero probability/],
  ];
  it.each(cases)('%s', (_name, dist, message) => {
    expect(() => validateDistribution(dist as Distribution)).toThrow(message);
    expect(() => quantile(dist as Distribution, 0.5)).toThrow(/^quantile: /);
    expect(() => createSampler(dist as Distribution)).toThrow(/^createSampler: /);
  });
});
