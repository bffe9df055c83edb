// Tests for mounting geometry. There are no pvlib reference cases for trackers in pvlib-cases.json, so the expected
// values are derived by hand from W. F. Marion, A. P. Dobos, "Rotation Angle for the Optimum Tracking of One-Axis
// Trackers", NREL/TP-6A20-58891 (2013), eq. 7 for a horizontal axis (β_a = 0):
//   tan R = tan z · sin(γs − γa),  cos θ = cos R cos z + sin R sin z sin(γs − γa),
// and from K. Anderson, M. Mikofski, NREL/TP-5K00-76626 (2020) eq. 14 for backtracking on level ground:
//   R_bt = R − sign(R) arccos(|cos R| / GCR) when |cos R| < GCR.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSunDirection, sunDirection } from '../../../src/core/pv/aoi.ts';
import {
  createMountOrientation,
  fixedMount,
  MOUNTING_TYPES,
  orientFixed,
  orientMount,
  orientSingleAxis,
  orientTwoAxis,
  SINGLE_AXIS_DEFAULTS,
  TWO_AXIS_MOUNT,
  singleAxisMount,
  type MountOrientation,
  type SingleAxisTrackerParams,
} from '../../../src/core/pv/tracking.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const ANGLE_TOL = { abs: 1e-9 };
const RAD_TO_DEG = 180 / Math.PI;
const noBacktrack: SingleAxisTrackerParams = { ...SINGLE_AXIS_DEFAULTS, backtrack: false };

/** Tracker orientation for a sun at apparent zenith / azimuth (deg), plus the angle of incidence in degrees. */
function track(zenithDeg: number, azimuthDeg: number, params: SingleAxisTrackerParams): MountOrientation & { aoiDeg: number } {
  const out = orientSingleAxis(singleAxisMount(params), sunDirection(zenithDeg, azimuthDeg), createMountOrientation());
  return { ...out, aoiDeg: Math.acos(out.cosAoi) * RAD_TO_DEG };
}

describe('single-axis tracker, horizontal N–S axis (hand-derived from Marion & Dobos 2013)', () => {
  it('sun at zenith 60°, azimuth 120°: R = −atan(tan60·sin60) = −atan(1.5), facing east', () => {
    // tan60 · sin(120 − 180) = 1.7320508 · (−0.8660254) = −1.5 → R = −56.3099324740202°.
    // cos θ = cos R cos z + sin R sin z sin(−60°) = (0.5547002·0.5) + (−0.8320503)(0.8660254)(−0.8660254) = sqrt(13)/4.
    const out = track(60, 120, noBacktrack);
    expectClose(out.trackerThetaDeg, -56.3099324740202, ANGLE_TOL, 'theta');
    expectClose(out.surfaceTiltDeg, 56.3099324740202, ANGLE_TOL, 'tilt');
    expectClose(out.surfaceAzimuthDeg, 90, ANGLE_TOL, 'azimuth');
    expectClose(out.cosAoi, Math.sqrt(13) / 4, { abs: 1e-12 }, 'cos aoi');
    expectClose(out.aoiDeg, 25.658906273255287, ANGLE_TOL, 'aoi');
  });

  it('sun at zenith 30°, azimuth 240°: R = atan(tan30·sin60) = atan(0.5), facing west', () => {
    // tan30 · sin60 = (1/√3)(√3/2) = 0.5; the sun lies in the rotated plane's normal plane, so
    // cos θ = sqrt((sin30 sin60)² + cos²30) = sqrt(0.1875 + 0.75) = sqrt(0.9375).
    const out = track(30, 240, noBacktrack);
    expectClose(out.trackerThetaDeg, 26.56505117707799, ANGLE_TOL, 'theta');
    expectClose(out.surfaceAzimuthDeg, 270, ANGLE_TOL, 'azimuth');
    expectClose(out.cosAoi, Math.sqrt(0.9375), { abs: 1e-12 }, 'cos aoi');
  });

  it('clips at the rotation limit: zenith 80°, azimuth 100° wants −79.85°, gets −60°', () => {
    // tan80 · sin(−80°) = −5.6713 · 0.98481 → R = −79.8489°, beyond 60°.
    // At −60°: cos θ = sin(−60) x' + cos(−60) z', x' = sin80 sin(−80) = −0.9698463, z' = cos80 = 0.1736482
    //   = 0.8399115 + 0.0868241 = 0.9267356.
    const out = track(80, 100, noBacktrack);
    expect(out.trackerThetaDeg).toBe(-60);
    expectClose(out.cosAoi, 0.9267356314003713, { abs: 1e-9 }, 'cos aoi');
  });

  it('goes to the limit for the sun on the horizon due east or west (no backtracking)', () => {
    expectClose(track(90, 90, noBacktrack).trackerThetaDeg, -60, ANGLE_TOL, 'east');
    expectClose(track(90, 270, noBacktrack).trackerThetaDeg, 60, ANGLE_TOL, 'west');
    expectClose(track(90, 90, { ...noBacktrack, maxAngleDeg: 45 }).trackerThetaDeg, -45, ANGLE_TOL, 'east, 45° limit');
  });

  it('lies flat for the sun overhead, and stows flat at night', () => {
    for (const backtrack of [false, true]) {
      const params = { ...SINGLE_AXIS_DEFAULTS, backtrack };
      expectClose(track(0, 180, params).trackerThetaDeg, 0, ANGLE_TOL, `overhead, backtrack ${backtrack}`);
      const night = track(120, 300, params);
      expect(night.trackerThetaDeg).toBe(0);
      expect(night.surfaceTiltDeg).toBe(0);
      expect(Number.isFinite(night.aoiDeg)).toBe(true);
    }
  });

  it('lies flat with the sun on the horizon when backtracking (|cos 90°| / GCR = 0 → correction of 90°)', () => {
    expectClose(track(90, 90, SINGLE_AXIS_DEFAULTS).trackerThetaDeg, 0, { abs: 1e-9 }, 'east');
    expectClose(track(90, 270, SINGLE_AXIS_DEFAULTS).trackerThetaDeg, 0, { abs: 1e-9 }, 'west');
  });

  it('backtracks at GCR 0.6 for zenith 60°, azimuth 120° (Anderson & Mikofski 2020 eq. 14)', () => {
    // |cos R| = 1/sqrt(3.25) = 0.5547002 < 0.6 → correction = arccos(0.5547002/0.6) = arccos(0.9245003) = 22.4068712°;
    // R_bt = −56.3099325 + 22.4068712 = −33.9030613°.
    // Then cos θ = r cos(R_bt − R) = r |cos R|/GCR = cos z / GCR = 0.5/0.6 (r cos R = z' = cos z).
    const out = track(60, 120, { ...SINGLE_AXIS_DEFAULTS, gcr: 0.6 });
    expectClose(out.trackerThetaDeg, -33.90306126908282, ANGLE_TOL, 'theta');
    expectClose(out.cosAoi, 5 / 6, { abs: 1e-12 }, 'cos aoi');
  });

  it('does not backtrack when rows cannot shade (|cos R| ≥ GCR)', () => {
    // Same sun, GCR 0.4: 0.5547 / 0.4 > 1.
    const out = track(60, 120, { ...SINGLE_AXIS_DEFAULTS, gcr: 0.4 });
    expectClose(out.trackerThetaDeg, -56.3099324740202, ANGLE_TOL, 'theta');
  });

  it('mirrors east and west about the N–S axis', () => {
    for (const [zenith, azimuth] of [[60, 120], [75, 80], [20, 160], [85, 60]]) {
      for (const backtrack of [false, true]) {
        const params = { ...SINGLE_AXIS_DEFAULTS, backtrack };
        const morning = track(zenith, azimuth, params);
        const afternoon = track(zenith, 360 - azimuth, params);
        expectClose(afternoon.trackerThetaDeg, -morning.trackerThetaDeg, ANGLE_TOL, `theta ${zenith}/${azimuth}`);
        expectClose(afternoon.aoiDeg, morning.aoiDeg, ANGLE_TOL, `aoi ${zenith}/${azimuth}`);
        expectClose(afternoon.surfaceAzimuthDeg, 360 - morning.surfaceAzimuthDeg, ANGLE_TOL, `azimuth ${zenith}/${azimuth}`);
      }
    }
  });

  it('gives the same surface with the axis named north instead of south (rotation sign flips)', () => {
    const south = track(55, 130, SINGLE_AXIS_DEFAULTS);
    const north = track(55, 130, { ...SINGLE_AXIS_DEFAULTS, axisAzimuthDeg: 0 });
    expectClose(north.trackerThetaDeg, -south.trackerThetaDeg, ANGLE_TOL, 'theta');
    expectClose(north.surfaceTiltDeg, south.surfaceTiltDeg, ANGLE_TOL, 'tilt');
    expectClose(north.surfaceAzimuthDeg, south.surfaceAzimuthDeg, ANGLE_TOL, 'azimuth');
  });

  it('tracks the sun about an east–west axis (axis azimuth 90°): the surface faces south or north', () => {
    // Sun due south at zenith 40°: the E–W axis tilts the panel 40° toward the south, aoi 0.
    const out = track(40, 180, { ...noBacktrack, axisAzimuthDeg: 90 });
    expectClose(out.surfaceTiltDeg, 40, ANGLE_TOL, 'tilt');
    expectClose(out.surfaceAzimuthDeg, 180, ANGLE_TOL, 'azimuth');
    expectClose(out.aoiDeg, 0, { abs: 1e-6 }, 'aoi');
  });

  it('rejects a ground coverage ratio outside (0, 1] or a rotation limit outside (0°, 90°]', () => {
    expect(() => singleAxisMount({ ...SINGLE_AXIS_DEFAULTS, gcr: 0 })).toThrow(/singleAxisMount/);
    expect(() => singleAxisMount({ ...SINGLE_AXIS_DEFAULTS, gcr: 1.5 })).toThrow(/singleAxisMount/);
    expect(() => singleAxisMount({ ...SINGLE_AXIS_DEFAULTS, maxAngleDeg: 120 })).toThrow(/singleAxisMount/);
  });
});

describe('tracker surface orientation (Marion & Dobos 2013 eqs. 1–4)', () => {
  it('tilts by |θ| toward east (θ < 0) or west (θ > 0) on a horizontal south axis, and lies flat facing γa + 90° at θ = 0', () => {
    const east = track(50, 100, noBacktrack);
    expect(east.trackerThetaDeg).toBeLessThan(0);
    expectClose(east.surfaceTiltDeg, -east.trackerThetaDeg, ANGLE_TOL, 'tilt east');
    expect(east.surfaceAzimuthDeg).toBe(90);
    const west = track(50, 260, noBacktrack);
    expect(west.surfaceAzimuthDeg).toBe(270);
    const flat = track(0, 0, noBacktrack);
    expect(flat.surfaceTiltDeg).toBe(0);
    expect(flat.surfaceAzimuthDeg).toBe(270);
  });

  it('for a tilted axis at θ = 0 faces the axis direction at the axis tilt', () => {
    // Axis tilted 20° toward the south, sun due south: x' = 0, so θ = 0.
    const out = track(10, 180, { ...noBacktrack, axisTiltDeg: 20 });
    expectClose(out.trackerThetaDeg, 0, ANGLE_TOL, 'theta');
    expectClose(out.surfaceTiltDeg, 20, ANGLE_TOL, 'tilt');
    expectClose(out.surfaceAzimuthDeg, 180, ANGLE_TOL, 'azimuth');
    expectClose(out.aoiDeg, 10, { abs: 1e-6 }, 'aoi');
  });

  it('for a tilted axis off the axis plane, tilt = arccos(cos θ cos β_a) (Marion & Dobos eq. 1)', () => {
    const out = track(40, 230, { ...noBacktrack, axisTiltDeg: 20 });
    const expected = Math.acos(Math.cos(out.trackerThetaDeg / RAD_TO_DEG) * Math.cos(20 / RAD_TO_DEG)) * RAD_TO_DEG;
    expectClose(out.surfaceTiltDeg, expected, ANGLE_TOL, 'tilt');
    expect(out.surfaceAzimuthDeg).toBeGreaterThan(180);
    expect(out.surfaceAzimuthDeg).toBeLessThan(270);
  });
});

describe('fixed mounting', () => {
  it('keeps its tilt and azimuth and reports the angle of incidence', () => {
    const out = orientFixed(fixedMount(30, 180), sunDirection(14, 180), createMountOrientation());
    expect(out.trackerThetaDeg).toBe(0);
    expect(out.surfaceTiltDeg).toBe(30);
    expect(out.surfaceAzimuthDeg).toBe(180);
    expectClose(out.cosSurfaceTilt, Math.cos(30 / RAD_TO_DEG), { abs: 1e-15 }, 'cos tilt');
    expectClose(Math.acos(out.cosAoi) * RAD_TO_DEG, 16, { abs: 1e-9 }, 'aoi');
  });

  it('rejects a tilt outside [0, 180]', () => {
    expect(() => fixedMount(-5, 180)).toThrow(/fixedMount/);
  });
});

describe('orientTwoAxis', () => {
  it('faces the sun: tilt = zenith, azimuth = solar azimuth, aoi 0; flat facing south at night', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 89.9, noNaN: true }), fc.double({ min: 0, max: 359.9, noNaN: true }), (zenith, azimuth) => {
        const o = orientTwoAxis(sunDirection(zenith, azimuth), createMountOrientation());
        expect(o.cosAoi).toBe(1);
        expect(o.surfaceTiltDeg).toBe(zenith);
        expect(o.surfaceAzimuthDeg).toBe(azimuth);
      }),
    );
    const night = orientTwoAxis(sunDirection(100, 300), createMountOrientation());
    expect([night.surfaceTiltDeg, night.surfaceAzimuthDeg]).toEqual([0, 180]);
  });
});

describe('orientMount', () => {
  it('dispatches every mounting type and reuses the output object', () => {
    const sun = sunDirection(35, 140, createSunDirection());
    const out = createMountOrientation();
    const mounts = { fixed: fixedMount(25, 180), 'single-axis': singleAxisMount(), 'two-axis': TWO_AXIS_MOUNT } as const;
    for (const type of MOUNTING_TYPES) {
      const mount = mounts[type];
      expect(mount.type).toBe(type);
      expect(orientMount(mount, sun, out)).toBe(out);
      const direct =
        type === 'fixed'
          ? orientFixed(mounts.fixed, sun, createMountOrientation())
          : type === 'single-axis'
            ? orientSingleAxis(mounts['single-axis'], sun, createMountOrientation())
            : orientTwoAxis(sun, createMountOrientation());
      expect(out).toEqual(direct);
    }
  });
});
