/**
 * Mounting geometry: the plane's orientation each hour for a fixed rack or a single-axis tracker.
 * Angles in degrees; azimuths clockwise from north. Tracker rotation θ follows pvlib's right-handed convention about
 * the axis: for an axis pointing south (azimuth 180°) θ < 0 faces east (morning) and θ > 0 faces west.
 *
 * A mount is prepared once per array (`fixedMount`, `singleAxisMount`: the layout's trigonometry is computed there);
 * `orientMount(mount, sun, out)` then runs each hour from the sun's precomputed direction (`sunDirection` in aoi.ts),
 * writes into a caller-owned {@link MountOrientation} and allocates nothing.
 */

import type { SunDirection } from './aoi.ts';

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;

/** Mounting types. */
export type MountingType = 'fixed' | 'single-axis' | 'two-axis';
export const MOUNTING_TYPES: readonly MountingType[] = ['fixed', 'single-axis', 'two-axis'];

/** Orientation of the plane for one time step; satisfies transposition's `PlaneGeometry`. */
export interface MountOrientation {
  /** Tracker rotation from horizontal (deg); 0 for a fixed rack. */
  trackerThetaDeg: number;
  surfaceTiltDeg: number;
  surfaceAzimuthDeg: number;
  cosSurfaceTilt: number;
  sinSurfaceTilt: number;
  /** cos(angle of incidence) of the beam on the plane, in [−1, 1]; the angle itself is acos(cosAoi). */
  cosAoi: number;
}

/** A {@link MountOrientation} to reuse as the `out` argument, not yet written (NaN: double fields from the start). */
export function createMountOrientation(): MountOrientation {
  const unset = Number.NaN;
  return { trackerThetaDeg: unset, surfaceTiltDeg: unset, surfaceAzimuthDeg: unset, cosSurfaceTilt: unset, sinSurfaceTilt: unset, cosAoi: unset };
}

/** Single-axis tracker layout. */
export interface SingleAxisTrackerParams {
  /** Tilt of the rotation axis from horizontal (deg); 0 for the usual horizontal axis. */
  readonly axisTiltDeg: number;
  /** Compass direction the axis points to (deg); 180 (or 0) for a north–south axis. */
  readonly axisAzimuthDeg: number;
  /** Rotation limit either side of horizontal (deg), in (0, 90]. */
  readonly maxAngleDeg: number;
  /** Rotate back from the ideal angle so rows never shade each other (Anderson & Mikofski 2020). */
  readonly backtrack: boolean;
  /** Ground coverage ratio: module width across the axis / row pitch, in (0, 1]. */
  readonly gcr: number;
}

/** Horizontal north–south axis, ±60° limit, backtracking at GCR 0.35 (a common utility-scale layout). */
export const SINGLE_AXIS_DEFAULTS: SingleAxisTrackerParams = Object.freeze({
  axisTiltDeg: 0,
  axisAzimuthDeg: 180,
  maxAngleDeg: 60,
  backtrack: true,
  gcr: 0.35,
});

/** A fixed rack with its trigonometry precomputed. */
export interface FixedMount {
  readonly type: 'fixed';
  readonly surfaceTiltDeg: number;
  readonly surfaceAzimuthDeg: number;
  readonly cosTilt: number;
  readonly sinTilt: number;
  readonly cosAzimuth: number;
  readonly sinAzimuth: number;
}

/** A single-axis tracker with its trigonometry precomputed. */
export interface SingleAxisMount extends SingleAxisTrackerParams {
  readonly type: 'single-axis';
  readonly cosAxisTilt: number;
  readonly sinAxisTilt: number;
  readonly cosAxisAzimuth: number;
  readonly sinAxisAzimuth: number;
  readonly cosMaxAngle: number;
  readonly sinMaxAngle: number;
}

/** A two-axis tracker: the plane faces the sun whenever it is up. */
export interface TwoAxisMount {
  readonly type: 'two-axis';
}

export type Mount = FixedMount | SingleAxisMount | TwoAxisMount;

/** The two-axis tracker (no parameters: it always faces the sun). */
export const TWO_AXIS_MOUNT: TwoAxisMount = Object.freeze({ type: 'two-axis' });

/** Prepare a fixed rack of tilt (deg, [0, 180]) and azimuth (deg clockwise from north). */
export function fixedMount(surfaceTiltDeg: number, surfaceAzimuthDeg: number): FixedMount {
  if (!(surfaceTiltDeg >= 0 && surfaceTiltDeg <= 180)) throw new Error(`fixedMount: tilt must be within [0, 180] degrees, got ${surfaceTiltDeg}`);
  const tiltRad = surfaceTiltDeg * DEG_TO_RAD;
  const azimuthRad = surfaceAzimuthDeg * DEG_TO_RAD;
  const mount = { type: 'fixed' as const, ...doubleFields(FIXED_MOUNT_NUMBERS) };
  mount.surfaceTiltDeg = surfaceTiltDeg;
  mount.surfaceAzimuthDeg = surfaceAzimuthDeg;
  mount.cosTilt = Math.cos(tiltRad);
  mount.sinTilt = Math.sin(tiltRad);
  mount.cosAzimuth = Math.cos(azimuthRad);
  mount.sinAzimuth = Math.sin(azimuthRad);
  return Object.freeze(mount);
}

/** Prepare a single-axis tracker; the ground coverage ratio must be within (0, 1] and the limit within (0°, 90°]. */
export function singleAxisMount(params: SingleAxisTrackerParams = SINGLE_AXIS_DEFAULTS): SingleAxisMount {
  if (!(params.gcr > 0 && params.gcr <= 1)) throw new Error(`singleAxisMount: the ground coverage ratio must be within (0, 1], got ${params.gcr}`);
  if (!(params.maxAngleDeg > 0 && params.maxAngleDeg <= 90)) {
    throw new Error(`singleAxisMount: the rotation limit must be within (0, 90] degrees, got ${params.maxAngleDeg}`);
  }
  const axisTiltRad = params.axisTiltDeg * DEG_TO_RAD;
  const axisAzimuthRad = params.axisAzimuthDeg * DEG_TO_RAD;
  const maxAngleRad = params.maxAngleDeg * DEG_TO_RAD;
  const mount = { type: 'single-axis' as const, backtrack: params.backtrack, ...doubleFields(SINGLE_AXIS_MOUNT_NUMBERS) };
  mount.axisTiltDeg = params.axisTiltDeg;
  mount.axisAzimuthDeg = params.axisAzimuthDeg;
  mount.maxAngleDeg = params.maxAngleDeg;
  mount.gcr = params.gcr;
  mount.cosAxisTilt = Math.cos(axisTiltRad);
  mount.sinAxisTilt = Math.sin(axisTiltRad);
  mount.cosAxisAzimuth = Math.cos(axisAzimuthRad);
  mount.sinAxisAzimuth = Math.sin(axisAzimuthRad);
  mount.cosMaxAngle = Math.cos(maxAngleRad);
  mount.sinMaxAngle = Math.sin(maxAngleRad);
  return Object.freeze(mount);
}

const FIXED_MOUNT_NUMBERS = ['surfaceTiltDeg', 'surfaceAzimuthDeg', 'cosTilt', 'sinTilt', 'cosAzimuth', 'sinAzimuth'] as const;
const SINGLE_AXIS_MOUNT_NUMBERS = [
  'axisTiltDeg',
  'axisAzimuthDeg',
  'maxAngleDeg',
  'gcr',
  'cosAxisTilt',
  'sinAxisTilt',
  'cosAxisAzimuth',
  'sinAxisAzimuth',
  'cosMaxAngle',
  'sinMaxAngle',
] as const;

/**
 * An object whose named number fields all start as NaN: V8 then stores them as doubles from the start, so every mount
 * of a kind shares one hidden class, whatever its values (a whole value such as cos 180° = −1 would otherwise make a
 * class of its own, and the hourly loop's compiled code would be thrown away each time such a mount comes).
 */
function doubleFields<K extends string>(names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) out[name] = Number.NaN;
  return out;
}

/**
 * Orientation of a prepared mount for the sun's direction, written to `out`: {@link orientFixed} or
 * {@link orientSingleAxis}.
 */
export function orientMount(mount: Mount, sun: SunDirection, out: MountOrientation = createMountOrientation()): MountOrientation {
  if (mount.type === 'fixed') return orientFixed(mount, sun, out);
  return mount.type === 'single-axis' ? orientSingleAxis(mount, sun, out) : orientTwoAxis(sun, out);
}

/**
 * Two-axis tracker: the plane's normal points at the sun, so tilt = apparent zenith, azimuth = solar azimuth and
 * cos(aoi) = 1 (Duffie & Beckman (2013) §1.7, the "continuous two-axis tracking" case: cos θ = 1). With the sun below
 * the horizon the plane lies flat facing south, as the single-axis tracker stows.
 */
export function orientTwoAxis(sun: SunDirection, out: MountOrientation): MountOrientation {
  const up = sun.apparentZenithDeg <= 90;
  out.trackerThetaDeg = 0;
  out.surfaceTiltDeg = up ? sun.apparentZenithDeg : 0;
  out.surfaceAzimuthDeg = up ? sun.azimuthDeg : 180;
  out.cosSurfaceTilt = up ? sun.cosZenith : 1;
  out.sinSurfaceTilt = up ? sun.sinZenith : 0;
  out.cosAoi = up ? 1 : sun.cosZenith;
  return out;
}

/**
 * Fixed rack: the surface keeps its tilt and azimuth; the beam's incidence is
 * cos θ = cos β cos z + sin β sin z cos(γs − γ) (Duffie & Beckman, Solar Engineering of Thermal Processes, 4th ed.
 * (2013), eq. 1.6.3), with cos(γs − γ) expanded so no trigonometric function is called; clipped to [−1, 1].
 */
export function orientFixed(mount: FixedMount, sun: SunDirection, out: MountOrientation): MountOrientation {
  const cosAzimuthDifference = sun.cosAzimuth * mount.cosAzimuth + sun.sinAzimuth * mount.sinAzimuth;
  const projection = mount.cosTilt * sun.cosZenith + mount.sinTilt * sun.sinZenith * cosAzimuthDifference;
  out.trackerThetaDeg = 0;
  out.surfaceTiltDeg = mount.surfaceTiltDeg;
  out.surfaceAzimuthDeg = mount.surfaceAzimuthDeg;
  out.cosSurfaceTilt = mount.cosTilt;
  out.sinSurfaceTilt = mount.sinTilt;
  out.cosAoi = projection > 1 ? 1 : projection < -1 ? -1 : projection;
  return out;
}

/**
 * Single-axis tracker orientation for the sun's direction, written to `out`. In the tracker frame (y' along the axis,
 * x' across it, 90° clockwise from the axis, z' normal to both; Anderson & Mikofski 2020 eq. 4) the ideal rotation is
 * θ_T = atan2(x', z'), which brings the sun into the plane holding the axis and the panel normal (Marion & Dobos,
 * "Rotation Angle for the Optimum Tracking of One-Axis Trackers", NREL/TP-6A20-58891 (2013), eq. 7). Backtracking
 * (if enabled) then turns back by −sign(θ_T)·arccos(|cos θ_T|/GCR) when |cos θ_T| < GCR, which puts each row's shadow
 * edge exactly on the next row's edge, GCR·cos(θ − θ_T) = |cos θ_T| (K. Anderson, M. Mikofski, "Slope-Aware
 * Backtracking for Single-Axis Trackers", NREL/TP-5K00-76626 (2020), eqs. 14–16 on level ground), and θ is clipped
 * to ±maxAngle. The panel normal n = sin θ x' + cos θ z' gives
 * surface tilt = atan2(|n_horizontal|, n_up) (= arccos(cos θ cos β_a), Marion & Dobos eq. 1), azimuth =
 * atan2(n_east, n_north) (their eqs. 2–4 without the arcsin's loss of digits near ±90°; γ_a + 90° when flat, as pvlib),
 * and cos(aoi) = sun·n. sin θ and cos θ come from the sun vector and the backtracking cosine by identities, so the
 * hourly cost is one atan2 (plus one acos when backtracking, and two atan2 for a tilted axis's surface angles).
 * With the sun below the horizon (apparent zenith > 90°) the tracker stows flat (θ = 0), where pvlib returns NaN:
 * every irradiance is 0 at night and NaN would poison sums.
 * @example orientSingleAxis(singleAxisMount({ ...SINGLE_AXIS_DEFAULTS, backtrack: false }), sunDirection(60, 120), createMountOrientation()).trackerThetaDeg // −56.31
 */
export function orientSingleAxis(mount: SingleAxisMount, sun: SunDirection, out: MountOrientation): MountOrientation {
  // Sun unit vector (east, north, up), then its components across the axis (x') and normal to the axis plane (z').
  const sunEast = sun.sinZenith * sun.sinAzimuth;
  const sunNorth = sun.sinZenith * sun.cosAzimuth;
  const sunUp = sun.cosZenith;
  const sunXp = sunEast * mount.cosAxisAzimuth - sunNorth * mount.sinAxisAzimuth;
  const sunZp = (sunEast * mount.sinAxisAzimuth + sunNorth * mount.cosAxisAzimuth) * mount.sinAxisTilt + sunUp * mount.cosAxisTilt;

  let thetaDeg = 0;
  let sinTheta = 0;
  let cosTheta = 1;
  if (sun.apparentZenithDeg <= 90) {
    const radius = Math.sqrt(sunXp * sunXp + sunZp * sunZp);
    if (radius > 0) {
      thetaDeg = Math.atan2(sunXp, sunZp) * RAD_TO_DEG;
      sinTheta = sunXp / radius;
      cosTheta = sunZp / radius;
      if (mount.backtrack) {
        const ratio = Math.abs(cosTheta) / mount.gcr;
        if (ratio < 1) {
          // θ = θ_T − sign(θ_T)·δ with cos δ = ratio: expand sin and cos of the difference.
          const sign = Math.sign(thetaDeg);
          const sinDelta = sign * Math.sqrt(1 - ratio * ratio);
          const sinBacktracked = sinTheta * ratio - cosTheta * sinDelta;
          const cosBacktracked = cosTheta * ratio + sinTheta * sinDelta;
          thetaDeg -= sign * Math.acos(ratio) * RAD_TO_DEG;
          sinTheta = sinBacktracked;
          cosTheta = cosBacktracked;
        }
      }
      if (thetaDeg > mount.maxAngleDeg) {
        thetaDeg = mount.maxAngleDeg;
        sinTheta = mount.sinMaxAngle;
        cosTheta = mount.cosMaxAngle;
      } else if (thetaDeg < -mount.maxAngleDeg) {
        thetaDeg = -mount.maxAngleDeg;
        sinTheta = -mount.sinMaxAngle;
        cosTheta = mount.cosMaxAngle;
      }
    }
  }

  // Panel normal in (east, north, up): x' = (cos γa, −sin γa, 0), z' = (sin βa sin γa, sin βa cos γa, cos βa).
  const normalEast = sinTheta * mount.cosAxisAzimuth + cosTheta * mount.sinAxisTilt * mount.sinAxisAzimuth;
  const normalNorth = -sinTheta * mount.sinAxisAzimuth + cosTheta * mount.sinAxisTilt * mount.cosAxisAzimuth;
  const normalUp = cosTheta * mount.cosAxisTilt;
  const horizontal = Math.sqrt(normalEast * normalEast + normalNorth * normalNorth);
  let surfaceTiltDeg: number;
  let azimuthDeg: number;
  if (mount.axisTiltDeg === 0) {
    // Horizontal axis: the surface tilts by |θ| toward the side of x' the sun is on.
    surfaceTiltDeg = Math.abs(thetaDeg);
    azimuthDeg = mount.axisAzimuthDeg + (thetaDeg < 0 ? -90 : 90);
  } else {
    surfaceTiltDeg = Math.atan2(horizontal, normalUp) * RAD_TO_DEG;
    azimuthDeg = horizontal === 0 ? mount.axisAzimuthDeg + 90 : Math.atan2(normalEast, normalNorth) * RAD_TO_DEG;
  }
  azimuthDeg %= 360;
  if (azimuthDeg < 0) azimuthDeg += 360;

  const projection = sunXp * sinTheta + sunZp * cosTheta;
  out.trackerThetaDeg = thetaDeg;
  out.surfaceTiltDeg = surfaceTiltDeg;
  out.surfaceAzimuthDeg = azimuthDeg;
  out.cosSurfaceTilt = normalUp;
  out.sinSurfaceTilt = horizontal;
  out.cosAoi = projection > 1 ? 1 : projection < -1 ? -1 : projection;
  return out;
}
