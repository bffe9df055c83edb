// Invariants of the single-axis tracker: limits, optimality without backtracking, and no row-to-row shading with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosAoi, createSunDirection, sunDirection } from '../../../src/core/pv/aoi.ts';
import { createMountOrientation, orientSingleAxis, singleAxisMount, type SingleAxisTrackerParams } from '../../../src/core/pv/tracking.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const DEG_TO_RAD = Math.PI / 180;
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** Horizontal axis in any compass direction, any limit up to 90°, any GCR. */
const trackerArbitrary = (backtrack: boolean): fc.Arbitrary<SingleAxisTrackerParams> =>
  fc.record({
    axisTiltDeg: fc.constant(0),
    axisAzimuthDeg: num(0, 360),
    maxAngleDeg: num(1, 90),
    backtrack: fc.constant(backtrack),
    gcr: num(0.05, 1),
  });

const sun = createSunDirection();
/** Orient a tracker for a sun at apparent zenith / azimuth (deg) into `out`. */
function track(params: SingleAxisTrackerParams, zenithDeg: number, azimuthDeg: number, out = createMountOrientation()) {
  return orientSingleAxis(singleAxisMount(params), sunDirection(zenithDeg, azimuthDeg, sun), out);
}

describe('single-axis tracker invariants', () => {
  it('stays within its rotation limit and reports an orientation consistent with the angle of incidence', () => {
    const out = createMountOrientation();
    fc.assert(
      fc.property(fc.boolean().chain(trackerArbitrary), num(0, 45), num(0, 90), num(0, 360), (layout, axisTiltDeg, zenith, azimuth) => {
        for (const params of [layout, { ...layout, axisTiltDeg }]) {
          track(params, zenith, azimuth, out);
          expect(Math.abs(out.trackerThetaDeg)).toBeLessThanOrEqual(params.maxAngleDeg);
          // The surface tilt/azimuth must give, through the fixed-plane formula, the same cos θ as the tracker frame,
          // and the reported cos/sin of the tilt must match the tilt.
          expectClose(cosAoi(out.surfaceTiltDeg, out.surfaceAzimuthDeg, zenith, azimuth), out.cosAoi, { abs: 1e-9 }, 'cos aoi');
          expectClose(Math.cos(out.surfaceTiltDeg * DEG_TO_RAD), out.cosSurfaceTilt, { abs: 1e-12 }, 'cos tilt');
          expectClose(Math.sin(out.surfaceTiltDeg * DEG_TO_RAD), out.sinSurfaceTilt, { abs: 1e-12 }, 'sin tilt');
        }
        track(layout, zenith, azimuth, out);
        expectClose(out.surfaceTiltDeg, Math.abs(out.trackerThetaDeg), { abs: 1e-9 }, 'tilt = |θ| for a horizontal axis');
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same orientation on the horizontal-axis shortcut as on the general path with a vanishing axis tilt', () => {
    const flat = createMountOrientation();
    const general = createMountOrientation();
    fc.assert(
      // Zenith ≤ 89°: at the horizon z' = cos z is as small as the 1e-14 the axis tilt adds, so the two layouts differ.
      fc.property(fc.boolean().chain(trackerArbitrary), num(0, 89), num(0, 360), (params, zenith, azimuth) => {
        track(params, zenith, azimuth, flat);
        track({ ...params, axisTiltDeg: 1e-12 }, zenith, azimuth, general);
        expectClose(general.trackerThetaDeg, flat.trackerThetaDeg, { abs: 1e-9 }, 'theta');
        expectClose(general.surfaceTiltDeg, flat.surfaceTiltDeg, { abs: 1e-9 }, 'tilt');
        if (flat.surfaceTiltDeg > 1e-3) {
          const difference = Math.abs(((general.surfaceAzimuthDeg - flat.surfaceAzimuthDeg + 540) % 360) - 180);
          expect(difference).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('without backtracking, never sees less beam than a horizontal plane while the sun is up', () => {
    // For a horizontal axis, cos θ(R) = x' sin R + z' cos R = r cos(R − R_T) with r = sqrt(x'² + z'²) and
    // R_T = atan2(x', z') in (−90°, 90°) when z' = cos z > 0. On [−limit, limit] this is maximised by clip(R_T), and
    // R = 0 (horizontal, cos θ = cos z) lies in that interval, so cos θ(tracker) ≥ cos z. Checked here, and also
    // that no other rotation within the limit does better.
    const out = createMountOrientation();
    fc.assert(
      fc.property(trackerArbitrary(false), num(0, 89.999), num(0, 360), num(-1, 1), (params, zenith, azimuth, share) => {
        track(params, zenith, azimuth, out);
        expect(out.cosAoi).toBeGreaterThanOrEqual(Math.cos(zenith * DEG_TO_RAD) - 1e-12);
        // Any other rotation φ within the limit: a plane tilted |φ| toward the axis azimuth ± 90°.
        const phi = share * params.maxAngleDeg;
        const otherAzimuth = params.axisAzimuthDeg + (phi < 0 ? -90 : 90);
        expect(cosAoi(Math.abs(phi), otherAzimuth, zenith, azimuth)).toBeLessThanOrEqual(out.cosAoi + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it('with backtracking, rows never shade each other (Anderson & Mikofski 2020, level ground)', () => {
    // Geometry built independently of the rotation formula: rows of width 1 centred on parallel horizontal axes
    // 1/GCR apart. Take the panel edges from the returned surface tilt and azimuth, cast them along the sun's ray
    // onto the ground and measure the shadow across the axis; the next row's shadow is the same shifted by the pitch,
    // so the two do not overlap iff the shadow is no longer than the pitch.
    const out = createMountOrientation();
    fc.assert(
      fc.property(trackerArbitrary(true), num(0, 89.9), num(0, 360), (params, zenith, azimuth) => {
        track(params, zenith, azimuth, out);
        const z = zenith * DEG_TO_RAD;
        const a = azimuth * DEG_TO_RAD;
        const sun = [Math.sin(z) * Math.sin(a), Math.sin(z) * Math.cos(a), Math.cos(z)];
        const tilt = out.surfaceTiltDeg * DEG_TO_RAD;
        const surfaceAz = out.surfaceAzimuthDeg * DEG_TO_RAD;
        const normal = [Math.sin(tilt) * Math.sin(surfaceAz), Math.sin(tilt) * Math.cos(surfaceAz), Math.cos(tilt)];
        const ga = params.axisAzimuthDeg * DEG_TO_RAD;
        const axis = [Math.sin(ga), Math.cos(ga), 0];
        const across = [Math.cos(ga), -Math.sin(ga), 0];
        // In-plane direction perpendicular to the axis: axis × normal.
        const edge = [
          axis[1] * normal[2] - axis[2] * normal[1],
          axis[2] * normal[0] - axis[0] * normal[2],
          axis[0] * normal[1] - axis[1] * normal[0],
        ];
        const shadowAcross = (s: number): number => {
          const p = [s * 0.5 * edge[0], s * 0.5 * edge[1], 2 + s * 0.5 * edge[2]];
          const t = p[2] / sun[2];
          return (p[0] - t * sun[0]) * across[0] + (p[1] - t * sun[1]) * across[1];
        };
        const shadowLength = Math.abs(shadowAcross(1) - shadowAcross(-1));
        expect(shadowLength).toBeLessThanOrEqual((1 / params.gcr) * (1 + 1e-9));
      }),
      { numRuns: 1000 },
    );
  });

  it('with backtracking, turns no further than the ideal angle and in the same direction', () => {
    const tracked = createMountOrientation();
    const ideal = createMountOrientation();
    fc.assert(
      fc.property(trackerArbitrary(true), num(0, 90), num(0, 360), (params, zenith, azimuth) => {
        track(params, zenith, azimuth, tracked);
        track({ ...params, backtrack: false }, zenith, azimuth, ideal);
        expect(Math.abs(tracked.trackerThetaDeg)).toBeLessThanOrEqual(Math.abs(ideal.trackerThetaDeg) + 1e-9);
        expect(tracked.trackerThetaDeg * ideal.trackerThetaDeg).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
