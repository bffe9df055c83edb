// Invariants of the angle of incidence and of the incidence-angle modifiers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aoiDeg,
  cosAoi,
  iam,
  IAM_DEFAULTS,
  IAM_MODELS,
  iamMartinRuizDiffuseGround,
  iamMartinRuizDiffuseSky,
  iamOfCosAoi,
  sunDirection,
  type IamParams,
} from '../../../src/core/pv/aoi.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const angle = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** Physically meaningful parameters: glass index 1.3–2, absorption depth K·L up to 0.1, AR index between air and glass. */
const paramsArbitrary: fc.Arbitrary<IamParams> = fc
  .record({
    refractiveIndex: angle(1.3, 2),
    extinctionPerM: angle(0, 50),
    glassThicknessM: angle(0, 0.002),
    arShare: fc.option(angle(0, 1), { nil: undefined }),
    martinRuizAR: angle(0.05, 0.3),
  })
  .map((r) => ({
    physical: {
      refractiveIndex: r.refractiveIndex,
      extinctionPerM: r.extinctionPerM,
      glassThicknessM: r.glassThicknessM,
      arCoatingRefractiveIndex: r.arShare === undefined ? undefined : 1 + r.arShare * (r.refractiveIndex - 1),
    },
    martinRuizAR: r.martinRuizAR,
  }));

describe('angle of incidence invariants', () => {
  it('is within [0°, 180°], symmetric in the azimuth difference, and equals the zenith on a horizontal plane', () => {
    fc.assert(
      fc.property(angle(0, 180), angle(0, 360), angle(0, 180), angle(0, 360), (tilt, surfaceAz, zenith, sunAz) => {
        const a = aoiDeg(tilt, surfaceAz, zenith, sunAz);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(180);
        expectClose(cosAoi(tilt, surfaceAz, zenith, sunAz), cosAoi(tilt, 2 * surfaceAz - sunAz, zenith, surfaceAz), { abs: 1e-12 }, 'mirror');
        expectClose(aoiDeg(0, surfaceAz, zenith, sunAz), zenith, { abs: 1e-6 }, 'horizontal');
      }),
    );
  });

  it('is 0° when the plane faces the sun (tilt = zenith, azimuth = solar azimuth)', () => {
    fc.assert(
      fc.property(angle(0, 90), angle(0, 360), (zenith, sunAz) => {
        expectClose(cosAoi(zenith, sunAz, zenith, sunAz), 1, { abs: 1e-12 }, 'facing');
      }),
    );
  });
});

describe('IAM invariants', () => {
  // De Soto et al. (2006) eq. 11–13 for bare glass, written with the angles themselves (θr = asin(sin θ / n)) and
  // Math.exp: the code works from cosines and evaluates Beer's law by its series where K·L/cos θr is small.
  const deSotoBareGlass = (aoiDegrees: number, n: number, kl: number) => {
    const tau = (theta: number) => {
      if (theta === 0) return Math.exp(-kl) * (1 - ((n - 1) / (n + 1)) ** 2);
      const thetaR = Math.asin(Math.sin(theta) / n);
      const s = Math.sin(thetaR - theta) ** 2 / Math.sin(thetaR + theta) ** 2;
      const p = Math.tan(thetaR - theta) ** 2 / Math.tan(thetaR + theta) ** 2;
      return Math.exp(-kl / Math.cos(thetaR)) * (1 - 0.5 * (s + p));
    };
    return tau((aoiDegrees * Math.PI) / 180) / tau(0);
  };

  it('physical IAM of cos θ is De Soto\'s formula to rounding, thin glass (series) or thick (Math.exp)', () => {
    fc.assert(
      fc.property(angle(0.01, 89.9), angle(1.3, 2), fc.oneof(angle(0, 0.012), angle(0.012, 0.1)), (aoi, n, kl) => {
        const beamIam = iamOfCosAoi('physical', { ...IAM_DEFAULTS, physical: { refractiveIndex: n, extinctionPerM: kl / 0.002, glassThicknessM: 0.002 } });
        expectClose(beamIam(Math.cos((aoi * Math.PI) / 180)), deSotoBareGlass(aoi, n, kl), { abs: 1e-13 }, `aoi ${aoi}, n ${n}, K·L ${kl}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('lies in [0, 1], is 1 at normal incidence and 0 from behind, for every model', () => {
    fc.assert(
      fc.property(paramsArbitrary, angle(-180, 180), (params, aoi) => {
        for (const model of IAM_MODELS) {
          const value = iam(model, aoi, params);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
          expectClose(iam(model, 0, params), 1, { abs: 1e-12 }, `${model} at 0°`);
          if (Math.abs(aoi) >= 90) expect(value).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never increases with |aoi| and is even in aoi, for every model', () => {
    fc.assert(
      fc.property(paramsArbitrary, angle(0, 90), angle(0, 90), (params, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const model of IAM_MODELS) {
          expect(iam(model, hi, params)).toBeLessThanOrEqual(iam(model, lo, params) + 1e-12);
          expect(iam(model, -a, params)).toBe(iam(model, a, params));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Martin–Ruiz diffuse modifiers lie in [0, 1] and sky(β) = ground(180° − β)', () => {
    fc.assert(
      fc.property(angle(0, 180), angle(0.05, 0.3), (tilt, aR) => {
        const sky = iamMartinRuizDiffuseSky(tilt, aR);
        const ground = iamMartinRuizDiffuseGround(tilt, aR);
        for (const v of [sky, ground]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expectClose(sky, iamMartinRuizDiffuseGround(180 - tilt, aR), { abs: 1e-12 }, 'complement');
      }),
      { numRuns: 300 },
    );
  });

  it('uses the defaults when no parameters are given', () => {
    fc.assert(
      fc.property(angle(-90, 90), (aoi) => {
        for (const model of IAM_MODELS) expect(iam(model, aoi)).toBe(iam(model, aoi, IAM_DEFAULTS));
      }),
      { numRuns: 50 },
    );
  });

  it('gives the same beam IAM from cos(aoi) (hourly path) as from the angle, for every model', () => {
    fc.assert(
      fc.property(paramsArbitrary, angle(-180, 180), (params, aoi) => {
        // cos 90° is 6e-17 in floating point, not 0: the angle form returns 0 at exactly ±90°, the cosine form sees a
        // sliver of the front (1 for 'none'); the beam it multiplies is DNI·6e-17, so only the comparison is excluded.
        fc.pre(Math.abs(Math.abs(aoi) - 90) > 1e-9);
        for (const model of IAM_MODELS) {
          const fromCos = iamOfCosAoi(model, params)(Math.cos((aoi * Math.PI) / 180));
          expectClose(fromCos, iam(model, aoi, params), { rel: 1e-12, abs: 1e-12 }, `${model} at ${aoi}°`);
        }
      }),
      { numRuns: 300, examples: [[IAM_DEFAULTS, 89.999], [IAM_DEFAULTS, -45], [IAM_DEFAULTS, 120]] },
    );
  });
});

describe('sun direction', () => {
  it('is a unit vector whose cosines match the angles', () => {
    fc.assert(
      fc.property(angle(0, 180), angle(0, 360), (zenith, azimuth) => {
        const sun = sunDirection(zenith, azimuth);
        const east = sun.sinZenith * sun.sinAzimuth;
        const north = sun.sinZenith * sun.cosAzimuth;
        expectClose(east * east + north * north + sun.cosZenith * sun.cosZenith, 1, { abs: 1e-12 }, 'unit');
        expectClose(sun.cosZenith, cosAoi(0, 0, zenith, azimuth), { abs: 1e-12 }, 'cos zenith');
        expect(sun.apparentZenithDeg).toBe(zenith);
        expect(sun.azimuthDeg).toBe(azimuth);
      }),
      { numRuns: 100 },
    );
  });
});
