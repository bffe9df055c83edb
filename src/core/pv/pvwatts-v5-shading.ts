/**
 * Row-to-row self-shading of PVWatts v5's one-axis trackers without backtracking (array type "1 axis, self-shaded").
 * PVWatts v5 models these as rows of width B = 1 at pitch R = B/GCR that shade each other whenever the sun is low
 * across the axis (Dobos 2014, after C. Deline et al., "A simplified model of uniform shading in large photovoltaic
 * arrays", Solar Energy 96 (2013) 274–282). NREL SSC's `cmod_pvwattsv5.cpp` (`powerout`) applies it as:
 * - the beam on the plane times (1 − f), f the shaded fraction of the row's width (geometry below);
 * - the sky diffuse times F_sky, the loss of sky the next row hides, averaged over the row's width;
 * - the ground-reflected diffuse times F_gnd, the loss of lit ground the rows see (Deline's view factors);
 * - the module cover's loss still taken on the unshaded beam: E_eff = E_poa − (1 − IAM)·DNI·cos θ.
 * F_sky and F_gnd are those of SSC since its pull request 280 (2019; the "PlantPredict" sky-diffuse view factor and
 * the corrected albedo term in `shared/lib_pvshade.cpp`, `diffuse_reduce` and `sssky_diffuse_table`), with which
 * SSC's PVWatts v5 test gives 8,601 kWh for the Phoenix one-axis case; SSC's 2014 version (mask angle of the lowest
 * point, derates above 1 ignored) gave 8,712 kWh. Written here from the geometry, in closed form, without SSC's
 * 3-row vertex model or its trigonometric loop: same values, a few square roots per hour.
 */

import type { SunDirection } from './aoi.ts';
import type { MountOrientation, SingleAxisMount } from './tracking.ts';
import type { PoaComponents } from './transposition.ts';

const DEG_TO_RAD = Math.PI / 180;
/** SSC evaluates the sky and ground derates for 1,000 rows, and the sky view at 1,000 points across the row. */
const ROWS = 1000;
const SKY_POINTS = 1000;
/** SSC skips the diffuse derates when the diffuse on the plane is under 0.1 W/m². */
const MIN_DIFFUSE_WM2 = 0.1;
/** SSC's floor on the distance Y₁ (in row widths) from a row's foot to its shadow's edge (Deline, 2012). */
const MIN_SHADOW_GAP = 0.00001;

/**
 * Fraction (0–1) of a one-axis row's width in its neighbour's shadow: in the plane across the axis, with the sun's
 * components z′ (normal to the plane of the axes) and the plane's cos θ (incidence on the rotated row), the shadow
 * covers f = 1 − z′ / (GCR · cos θ) of the width (rows of width 1 at pitch 1/GCR: the gap seen along the rays is
 * (1/GCR)·cos ψ, the row's width seen along them cos(ψ − ρ), ψ the sun's angle across the axis, ρ the rotation).
 * 0 when the sun is behind the row or the shadow misses it (f outside [0, 1]), as SSC's `shade_fraction_1x`.
 * For ψ = ρ = 75° at GCR 0.4 it is 1 − cos 75° / 0.4 = 0.353.
 */
export function oneAxisShadedFraction(mount: SingleAxisMount, sun: SunDirection, plane: MountOrientation): number {
  if (!(plane.cosAoi > 0)) return 0;
  const sunEast = sun.sinZenith * sun.sinAzimuth;
  const sunNorth = sun.sinZenith * sun.cosAzimuth;
  const sunZp = (sunEast * mount.sinAxisAzimuth + sunNorth * mount.cosAxisAzimuth) * mount.sinAxisTilt + sun.cosZenith * mount.cosAxisTilt;
  const f = 1 - sunZp / (mount.gcr * plane.cosAoi);
  return f > 0 && f <= 1 ? f : 0;
}

/**
 * Sky-diffuse derate F_sky (0–1) of a row tilted β (deg) among rows at ground coverage ratio GCR: the sky a point at
 * height x (0–1 of the row's width) sees past the next row, π(1 + |sin(β + a)|) with tan a = cot β − 1/(GCR sin β x),
 * over the sky of an unobstructed plane, π(1 + cos β), averaged over 1,000 points x = 1, 0.999, …, 0.001
 * (SSC `sssky_diffuse_table::compute`, which writes the same with γ = a − 90° and tan(β + γ)). 1 when flat. The
 * |·| makes it rise again beyond ~60° and pass 1 near 80° (SSC then leaves the sky diffuse alone, as
 * {@link applyOneAxisSelfShading} does); PVWatts' ±45° trackers stay below 50° of surface tilt.
 *
 * With q = cos β / GCR and r = sin β / GCR, sin(β + a) = (x − q)/D(x), D(x) = √((x − q)² + r²) (the distance, in row
 * widths, from the point to the next row's top edge), whose integral is ±D and derivative ±r²/D³. So when the sign
 * does not change over (0, 1] (q ≥ 1, i.e. cos β ≥ GCR, or q ≤ 0.001) the 1,000-point sum is taken by
 * Euler–Maclaurin, h Σ f = ∫ f + h/2 (f(h) + f(1)) + h²/12 (f′(1) − f′(h)), whose next term (h⁴/720 · f‴) is below
 * 1e-12 here; otherwise point by point.
 * @example skyDiffuseDerate(45, 0.4) // 0.9212
 */
export function skyDiffuseDerate(surfaceTiltDeg: number, gcr: number): number {
  const beta = surfaceTiltDeg * DEG_TO_RAD;
  const sinBeta = Math.sin(beta);
  if (!(sinBeta > 0)) return 1;
  const cosBeta = Math.cos(beta);
  const h = 1 / SKY_POINTS;
  const q = cosBeta / gcr;
  const r = sinBeta / gcr;
  const r2 = r * r;
  let sumTimesH: number;
  if (q >= 1 || q <= h) {
    // f(x) = sign·(q − x)/D(x) ≥ 0 on [h, 1].
    const sign = q >= 1 ? 1 : -1;
    const d1 = Math.sqrt((1 - q) * (1 - q) + r2);
    const dh = Math.sqrt((h - q) * (h - q) + r2);
    const integral = sign * (dh - d1);
    const ends = (sign * (q - 1)) / d1 + (sign * (q - h)) / dh;
    const slopes = -sign * r2 * (1 / (d1 * d1 * d1) - 1 / (dh * dh * dh));
    sumTimesH = integral + (h / 2) * ends + ((h * h) / 12) * slopes;
  } else {
    let sum = 0;
    for (let n = 0; n < SKY_POINTS; n++) {
      const x = 1 - n * h;
      sum += Math.abs(x - q) / Math.sqrt((x - q) * (x - q) + r2);
    }
    sumTimesH = sum * h;
  }
  return (1 + sumTimesH) / (1 + cosBeta);
}

/**
 * Ground-diffuse derate F_gnd of a row tilted β (deg) in a field of 1,000 rows at GCR, the sun at elevation α (deg):
 * the first row sees the whole lit ground, the others the part between rows, F₂ of the beam-lit and F₃ of the
 * diffuse-lit ground (view factors of the strip of width Y₁ = R − sin(α + β)/sin α, the shadow's end, and R):
 * F_gnd = [(1 + 999 F₂)·G_bh + (1 + 999 F₃)·G_dh] / (1000 (G_bh + G_dh)), F = ½(1 + Y − √(Y² + 2Y cos β + 1)),
 * G_bh = DNI cos z and G_dh the horizontal diffuse (SSC `diffuse_reduce`, where the albedo term cancels).
 */
export function groundDiffuseDerate(surfaceTiltDeg: number, solarElevationDeg: number, gcr: number, beamHorizontalWm2: number, dhiWm2: number): number {
  const horizontal = beamHorizontalWm2 + dhiWm2;
  if (!(horizontal > 0) || surfaceTiltDeg === 0) return 1;
  const beta = surfaceTiltDeg * DEG_TO_RAD;
  const alpha = solarElevationDeg * DEG_TO_RAD;
  const cosBeta = Math.cos(beta);
  const pitch = 1 / gcr;
  const y1 = Math.max(MIN_SHADOW_GAP, pitch - Math.sin(alpha + beta) / Math.sin(alpha));
  const f2 = 0.5 * (1 + y1 - Math.sqrt(y1 * y1 + 2 * y1 * cosBeta + 1));
  const f3 = 0.5 * (1 + pitch - Math.sqrt(pitch * pitch + 2 * pitch * cosBeta + 1));
  return ((1 + (ROWS - 1) * f2) * beamHorizontalWm2 + (1 + (ROWS - 1) * f3) * dhiWm2) / (ROWS * horizontal);
}

/**
 * Applies PVWatts v5's one-axis self-shading to `poa` in place (beam × (1 − f), sky × F_sky, ground × F_gnd, each
 * derate used only within [0, 1] as SSC does) for the hour's DNI and DHI (W/m²) and the sun and plane of the hour.
 */
export function applyOneAxisSelfShading(mount: SingleAxisMount, sun: SunDirection, plane: MountOrientation, dniWm2: number, dhiWm2: number, poa: PoaComponents): void {
  const beam = poa.poaDirectWm2 * (1 - oneAxisShadedFraction(mount, sun, plane));
  let sky = poa.poaSkyDiffuseWm2;
  let ground = poa.poaGroundDiffuseWm2;
  if (sky > 0 && sky + ground >= MIN_DIFFUSE_WM2) {
    const tiltDeg = plane.surfaceTiltDeg;
    const fSky = skyDiffuseDerate(tiltDeg, mount.gcr);
    const fGround = groundDiffuseDerate(tiltDeg, 90 - sun.apparentZenithDeg, mount.gcr, dniWm2 * sun.cosZenith, dhiWm2);
    if (fSky >= 0 && fSky <= 1) sky *= fSky;
    if (fGround >= 0 && fGround <= 1) ground *= fGround;
  }
  poa.poaDirectWm2 = beam;
  poa.poaSkyDiffuseWm2 = sky;
  poa.poaGroundDiffuseWm2 = ground;
  poa.poaDiffuseWm2 = sky + ground;
  poa.poaGlobalWm2 = beam + sky + ground;
}
