// Invariants of the transposition models (isotropic, Hay–Davies, Perez 1990).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSunDirection, sunDirection } from '../../../src/core/pv/aoi.ts';
import { relativeAirmass } from '../../../src/core/pv/atmosphere.ts';
import { createMountOrientation, fixedMount, orientFixed } from '../../../src/core/pv/tracking.ts';
import {
  PEREZ_EPSILON_BIN_LOWER,
  perezClearnessBin,
  createPoaComponents,
  HAYDAVIES_MIN_COS_ZENITH,
  poaComponents,
  poaComponentsFromGeometry,
  TRANSPOSITION_MODELS,
  type PoaInputs,
} from '../../../src/core/pv/transposition.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const DEG_TO_RAD = Math.PI / 180;

/** Sky and geometry with GHI built as DNI·cos z + DHI, as the reference cases do. */
function skyArbitrary(zenithMaxDeg: number, tilt: fc.Arbitrary<number>): fc.Arbitrary<PoaInputs> {
  return fc
    .record({
      surfaceTiltDeg: tilt,
      surfaceAzimuthDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      solarZenithDeg: fc.double({ min: 0, max: zenithMaxDeg, noNaN: true }),
      solarAzimuthDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      // DNI below the extraterrestrial value, so Hay–Davies' anisotropy index stays within [0, 1].
      dniWm2: fc.double({ min: 0, max: 1100, noNaN: true }),
      dhiWm2: fc.double({ min: 0, max: 600, noNaN: true }),
      dniExtraWm2: fc.double({ min: 1310, max: 1420, noNaN: true }),
      albedo: fc.double({ min: 0, max: 0.9, noNaN: true }),
    })
    .map((r) => ({
      ...r,
      ghiWm2: r.dniWm2 * Math.cos(r.solarZenithDeg * DEG_TO_RAD) + r.dhiWm2,
      airmassRelative: relativeAirmass(r.solarZenithDeg),
    }));
}

describe('Perez clearness bins', () => {
  it('is the last bin whose lower bound ε reaches (bin 0 below 1.065), as a scan of Table 1 finds it', () => {
    const scan = (epsilon: number) => {
      let bin = 0;
      PEREZ_EPSILON_BIN_LOWER.forEach((lower, k) => {
        if (k > 0 && epsilon >= lower) bin = k;
      });
      return bin;
    };
    fc.assert(fc.property(fc.double({ min: 0, max: 20, noNaN: true }), (epsilon) => {
      expect(perezClearnessBin(epsilon)).toBe(scan(epsilon));
    }), { numRuns: 5000 });
    for (const lower of PEREZ_EPSILON_BIN_LOWER) {
      for (const epsilon of [lower, lower - 1e-12, lower + 1e-12]) expect(perezClearnessBin(epsilon)).toBe(scan(epsilon));
    }
  });
});

describe('transposition invariants', () => {
  it('on a horizontal plane, POA global = GHI = DNI cos z + DHI for every model while z ≤ 85°', () => {
    // Proof for tilt β = 0 (cos β = 1, sin β = 0, cos θ = cos z ≥ 0, ground term (1 − cos β)/2 = 0):
    //   isotropic: DHI (1 + 1)/2 = DHI.
    //   Hay–Davies: DHI (1 − A) + DHI·A·cos z / max(cos z, 0.01745) = DHI when cos z ≥ 0.01745 (z ≤ 89.0°).
    //   Perez: DHI [(1 − F1) + F1 cos z / max(cos z, cos 85°) + F2·sin 0] = DHI when z ≤ 85°: the horizon term is
    //   F2·sin β (not a (1 − cos β) term), so it vanishes at β = 0 whatever F2 is.
    // Beam = DNI cos z, so the global is DNI cos z + DHI = GHI.
    const out = createPoaComponents();
    fc.assert(
      fc.property(skyArbitrary(85, fc.constant(0)), (inputs) => {
        for (const model of TRANSPOSITION_MODELS) {
          poaComponents(model, inputs, out);
          expectClose(out.poaGlobalWm2, inputs.ghiWm2, { rel: 1e-12, abs: 1e-9 }, `${model} global`);
          expectClose(out.poaSkyDiffuseWm2, inputs.dhiWm2, { rel: 1e-12, abs: 1e-9 }, `${model} sky`);
          expect(out.poaGroundDiffuseWm2).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('near the horizon the zenith floors make Hay–Davies and Perez see less than DHI on a horizontal plane', () => {
    // The documented exception to POA = GHI at tilt 0: Perez floors cos z at cos 85°, Hay–Davies at 0.01745, so the
    // circumsolar term F1·cos z/cos 85° (or A·cos z/0.01745) falls below F1 (or A). Isotropic stays exact.
    const out = createPoaComponents();
    fc.assert(
      fc.property(skyArbitrary(89.99, fc.constant(0)), (inputs) => {
        poaComponents('isotropic', inputs, out);
        expectClose(out.poaGlobalWm2, inputs.ghiWm2, { rel: 1e-12, abs: 1e-9 }, 'isotropic');
        for (const model of ['haydavies', 'perez'] as const) {
          poaComponents(model, inputs, out);
          expect(out.poaSkyDiffuseWm2).toBeLessThanOrEqual(inputs.dhiWm2 * (1 + 1e-12) + 1e-12);
        }
        if (Math.cos(inputs.solarZenithDeg * DEG_TO_RAD) >= HAYDAVIES_MIN_COS_ZENITH) {
          poaComponents('haydavies', inputs, out);
          expectClose(out.poaGlobalWm2, inputs.ghiWm2, { rel: 1e-12, abs: 1e-9 }, 'haydavies above 89°');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every reported total non-negative for any geometry (Perez parts excepted, see below)', () => {
    const out = createPoaComponents();
    fc.assert(
      fc.property(skyArbitrary(90, fc.double({ min: 0, max: 180, noNaN: true })), (inputs) => {
        for (const model of TRANSPOSITION_MODELS) {
          poaComponents(model, inputs, out);
          expect(out.poaGlobalWm2).toBeGreaterThanOrEqual(0);
          expect(out.poaDirectWm2).toBeGreaterThanOrEqual(0);
          expect(out.poaDiffuseWm2).toBeGreaterThanOrEqual(0);
          expect(out.poaSkyDiffuseWm2).toBeGreaterThanOrEqual(0);
          expect(out.poaGroundDiffuseWm2).toBeGreaterThanOrEqual(0);
          expect(out.poaCircumsolarWm2).toBeGreaterThanOrEqual(0);
          if (model !== 'perez') {
            expect(out.poaIsotropicWm2).toBeGreaterThanOrEqual(0);
            expect(out.poaHorizonWm2).toBe(0);
          }
          expectClose(out.poaGlobalWm2, out.poaDirectWm2 + out.poaSkyDiffuseWm2 + out.poaGroundDiffuseWm2, { rel: 1e-12, abs: 1e-12 }, 'sum');
          expectClose(
            out.poaSkyDiffuseWm2,
            out.poaIsotropicWm2 + out.poaCircumsolarWm2 + out.poaHorizonWm2,
            { rel: 1e-12, abs: 1e-9 },
            `${model} sky parts`,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('documents the Perez parts that may be negative: horizon (F2 < 0) and isotropic (F1 > 1)', () => {
    const base: PoaInputs = {
      surfaceTiltDeg: 40,
      surfaceAzimuthDeg: 180,
      solarZenithDeg: 10,
      solarAzimuthDeg: 180,
      dniWm2: 0,
      dhiWm2: 0,
      ghiWm2: 0,
      dniExtraWm2: 1361,
      airmassRelative: relativeAirmass(10),
      albedo: 0.2,
    };
    // Overcast bin 1: F2 = −0.06 + 0.072Δ − 0.022z < 0 for small Δ → negative horizon part.
    const overcast = poaComponents('perez', { ...base, dhiWm2: 100, ghiWm2: 100 });
    expect(overcast.poaHorizonWm2).toBeLessThan(0);
    expect(overcast.poaSkyDiffuseWm2).toBeGreaterThan(0);
    // Bin 6 (ε in [2.8, 4.5)): F1 = 1.132 − 1.237Δ − 0.412z > 1 for Δ = 15·1.015/1361 ≈ 0.011 and z = 0.175 rad,
    // so (1 − F1) < 0 and the isotropic part is negative; the circumsolar part more than makes up for it.
    const bright = poaComponents('perez', { ...base, dhiWm2: 15, dniWm2: 35, ghiWm2: 35 * Math.cos(10 * DEG_TO_RAD) + 15 });
    expect(bright.poaIsotropicWm2).toBeLessThan(0);
    expect(bright.poaSkyDiffuseWm2).toBeGreaterThan(0);
  });

  it('gives no beam from behind the plane and never more beam than DNI', () => {
    const out = createPoaComponents();
    fc.assert(
      fc.property(skyArbitrary(90, fc.double({ min: 0, max: 180, noNaN: true })), (inputs) => {
        poaComponents('isotropic', inputs, out);
        expect(out.poaDirectWm2).toBeLessThanOrEqual(inputs.dniWm2 + 1e-12);
        if (out.cosAoi <= 0) expect(out.poaDirectWm2).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('scales linearly with DNI, DHI and GHI together for the isotropic model', () => {
    const out = createPoaComponents();
    fc.assert(
      fc.property(skyArbitrary(90, fc.double({ min: 0, max: 90, noNaN: true })), fc.double({ min: 0, max: 10, noNaN: true }), (inputs, k) => {
        const one = poaComponents('isotropic', inputs, out).poaGlobalWm2;
        const scaled = poaComponents('isotropic', { ...inputs, dniWm2: k * inputs.dniWm2, dhiWm2: k * inputs.dhiWm2, ghiWm2: k * inputs.ghiWm2 }, out);
        expectClose(scaled.poaGlobalWm2, k * one, { rel: 1e-12, abs: 1e-9 }, 'scaled');
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same components from precomputed geometry (hourly path) as from degrees', () => {
    const byDegrees = createPoaComponents();
    const byGeometry = createPoaComponents();
    const sun = createSunDirection();
    const plane = createMountOrientation();
    fc.assert(
      fc.property(skyArbitrary(90, fc.double({ min: 0, max: 180, noNaN: true })), (inputs) => {
        sunDirection(inputs.solarZenithDeg, inputs.solarAzimuthDeg, sun);
        orientFixed(fixedMount(inputs.surfaceTiltDeg, inputs.surfaceAzimuthDeg), sun, plane);
        for (const model of TRANSPOSITION_MODELS) {
          poaComponents(model, inputs, byDegrees);
          poaComponentsFromGeometry(model, inputs, sun, plane, byGeometry);
          for (const key of Object.keys(byDegrees) as (keyof typeof byDegrees)[]) {
            expectClose(byGeometry[key], byDegrees[key], { rel: 1e-12, abs: 1e-9 }, `${model} ${key}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
