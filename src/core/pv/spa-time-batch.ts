/**
 * SPA time terms for many timestamps at once (Reda & Andreas 2004, eq. 4–31 and A1–A2; see `spa-time.ts`). For
 * evenly spaced timestamps (a weather year) the ~260 periodic terms advance from one timestamp to the next by exact
 * angle-addition recurrences instead of being evaluated, block by block of SPA_RECURRENCE_ANCHOR_STEPS; or, with the
 * 'interpolation' method, only at anchors half a day apart, the slow results interpolated between them
 * (`spa-time-interp.ts`).
 */

import { SECONDS_PER_DAY } from '../time.ts';
import { EARTH_ROW_LENGTH, EARTH_SERIES, NUTATION_ROW_LENGTH, NUTATION_TERMS } from './spa-tables.ts';
import {
  anchorCount,
  createInterpolationGrid,
  interpolatedTimeTermsInto,
  interpolationStride,
  storeAnchor,
  type InterpolationGrid,
} from './spa-time-interp.ts';
import {
  CENTURIES_PER_MILLENNIUM,
  createSiteReady,
  createTimeTermsTarget,
  DAYS_PER_JULIAN_CENTURY,
  DEFAULT_DELTA_T_S,
  DEG_TO_RAD,
  earthSeriesSums,
  fillJulianScratch,
  fillTimeTerms,
  finishTimeTerms,
  JCE,
  JME,
  julianScratch,
  nutationArgumentsInto,
  nutationSums,
  siteReadyInto,
  type Mutable,
  type SpaTimeTerms,
} from './spa-time.ts';

/**
 * SPA time terms for many timestamps as a struct of arrays. The first five arrays are the SPA quantities; the
 * `site…` arrays hold the same information in the form the site part consumes (sines and cosines), so every
 * site reuses them instead of recomputing them.
 */
export interface SpaTimeTermsBatch {
  readonly length: number;
  /** ΔT = TT − UT1 (s) the terms were computed with. */
  readonly deltaTS: number;
  readonly apparentSiderealTimeDeg: Float64Array;
  readonly geocentricRightAscensionDeg: Float64Array;
  readonly geocentricDeclinationDeg: Float64Array;
  readonly earthRadiusVectorAu: Float64Array;
  readonly equationOfTimeMin: Float64Array;
  /** cos(ν − α), the Greenwich hour angle. */
  readonly siteCosGreenwichHourAngle: Float64Array;
  /** sin(ν − α). */
  readonly siteSinGreenwichHourAngle: Float64Array;
  /** sin δ. */
  readonly siteSinDeclination: Float64Array;
  /** cos δ. */
  readonly siteCosDeclination: Float64Array;
  /** sin ξ, the sun's equatorial horizontal parallax. */
  readonly siteSinParallax: Float64Array;
}

/**
 * Time steps between re-anchorings of the periodic-term recurrences in `computeSpaTimeTermsBatch` (a month of
 * hours): every anchor evaluates cos and sin exactly, so rounding in the rotations cannot accumulate past it. The
 * drift is far below what matters: measured against single calls on hourly years 1900–2100, zeniths agree within
 * 5e-11° and azimuths within 2e-10° whether the recurrences are re-anchored every 24 steps, every 720 or once a year (that residue is the single
 * call's own rounding of the Julian day, ~40 µs at JD 2.45e6, and of its 30-term sums).
 */
export const SPA_RECURRENCE_ANCHOR_STEPS = 720;

/** The constant step (s) of `unixTimesS` when there are at least two timestamps, all finite and evenly spaced; NaN otherwise. */
function evenStepS(unixTimesS: Float64Array): number {
  const n = unixTimesS.length;
  if (n < 2) return Number.NaN;
  const stepS = unixTimesS[1] - unixTimesS[0];
  if (!(Number.isFinite(stepS) && stepS !== 0)) return Number.NaN;
  for (let i = 2; i < n; i++) {
    if (unixTimesS[i] - unixTimesS[i - 1] !== stepS) return Number.NaN;
  }
  return stepS;
}

// The recurrences advance four phasors side by side: each rotation depends on the previous one, so a single phasor
// per loop would wait on its own multiply-add chain; four independent chains keep the FPU busy.
const PHASORS_PER_PASS = 4;
/** Number of Earth periodic-term tables (L0–L5, B0–B1, R0–R4). */
const EARTH_TABLE_COUNT = 13;

/** cos and sin of the constant step C·ΔJME of every Earth term, in EARTH_SERIES row order, for one time step. */
interface EarthSteps {
  readonly cosStep: Float64Array;
  readonly sinStep: Float64Array;
}

function earthSteps(stepJme: number): EarthSteps {
  let rows = 0;
  for (const table of EARTH_SERIES) rows += table.length / EARTH_ROW_LENGTH;
  const cosStep = new Float64Array(rows);
  const sinStep = new Float64Array(rows);
  let r = 0;
  for (const table of EARTH_SERIES) {
    for (let row = 0; row < table.length; row += EARTH_ROW_LENGTH, r++) {
      cosStep[r] = Math.cos(table[row + 2] * stepJme);
      sinStep[r] = Math.sin(table[row + 2] * stepJme);
    }
  }
  return { cosStep, sinStep };
}

/**
 * Σ A·cos(B + C·JME) of every Earth table (SPA eq. 9–10) for `count` evenly spaced steps from `jmeAtAnchor`, into
 * `out` (table k at k·stride + j). Each term is a phasor turning by the constant angle C·ΔJME per step: from its exact
 * value at the anchor it advances by the angle-addition identity, cos(x + δ) = cos x cos δ − sin x sin δ (likewise
 * sin), with no library call.
 */
function earthSeriesSumsByRecurrence(jmeAtAnchor: number, count: number, steps: EarthSteps, out: Float64Array, stride: number): void {
  out.fill(0);
  const phaseAtAnchor = new Float64Array(PHASORS_PER_PASS);
  const amplitude = new Float64Array(PHASORS_PER_PASS);
  const cosStep = new Float64Array(PHASORS_PER_PASS);
  const sinStep = new Float64Array(PHASORS_PER_PASS);
  let rowIndex = 0;
  for (let k = 0; k < EARTH_SERIES.length; k++) {
    const table = EARTH_SERIES[k]!;
    const rows = table.length / EARTH_ROW_LENGTH;
    for (let first = 0; first < rows; first += PHASORS_PER_PASS) {
      // Rows past the table's end get amplitude 0, so every pass turns exactly four phasors.
      for (let p = 0; p < PHASORS_PER_PASS; p++) {
        const present = first + p < rows;
        const row = (first + p) * EARTH_ROW_LENGTH;
        amplitude[p] = present ? table[row] : 0;
        phaseAtAnchor[p] = present ? table[row + 1] + table[row + 2] * jmeAtAnchor : 0;
        cosStep[p] = present ? steps.cosStep[rowIndex + first + p] : 1;
        sinStep[p] = present ? steps.sinStep[rowIndex + first + p] : 0;
      }
      accumulatePhasors(count, amplitude, phaseAtAnchor, cosStep, sinStep, out, k * stride);
    }
    rowIndex += rows;
  }
}

// Adds Σp amplitude[p]·cos(phaseAtAnchor[p] + j·step[p]) to out[offset + j] for j < count, four phasors per pass.
function accumulatePhasors(
  count: number,
  amplitude: Float64Array,
  phaseAtAnchor: Float64Array,
  cosStep: Float64Array,
  sinStep: Float64Array,
  out: Float64Array,
  offset: number,
): void {
  const a0 = amplitude[0];
  const a1 = amplitude[1];
  const a2 = amplitude[2];
  const a3 = amplitude[3];
  const cd0 = cosStep[0];
  const cd1 = cosStep[1];
  const cd2 = cosStep[2];
  const cd3 = cosStep[3];
  const sd0 = sinStep[0];
  const sd1 = sinStep[1];
  const sd2 = sinStep[2];
  const sd3 = sinStep[3];
  let c0 = Math.cos(phaseAtAnchor[0]);
  let s0 = Math.sin(phaseAtAnchor[0]);
  let c1 = Math.cos(phaseAtAnchor[1]);
  let s1 = Math.sin(phaseAtAnchor[1]);
  let c2 = Math.cos(phaseAtAnchor[2]);
  let s2 = Math.sin(phaseAtAnchor[2]);
  let c3 = Math.cos(phaseAtAnchor[3]);
  let s3 = Math.sin(phaseAtAnchor[3]);
  for (let j = 0; j < count; j++) {
    out[offset + j] += a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3;
    const n0 = c0 * cd0 - s0 * sd0;
    s0 = s0 * cd0 + c0 * sd0;
    c0 = n0;
    const n1 = c1 * cd1 - s1 * sd1;
    s1 = s1 * cd1 + c1 * sd1;
    c1 = n1;
    const n2 = c2 * cd2 - s2 * sd2;
    s2 = s2 * cd2 + c2 * sd2;
    c2 = n2;
    const n3 = c3 * cd3 - s3 * sd3;
    s3 = s3 * cd3 + c3 * sd3;
    c3 = n3;
  }
}

/**
 * The nutation sums Σ (a + b·JCE) sin φ and Σ (c + d·JCE) cos φ, φ = Σ Yj·Xj (SPA eq. 15–23), for `count` evenly
 * spaced JCE values in `jce`, into `out` (Δψ sums at j, Δε sums at stride + j). The arguments Xj are cubic in JCE, so
 * each φ advances along its chord from the anchor to `jceAtChordEnd`, `chordSteps` steps later (constant step,
 * angle-addition identity as above); over 720 hourly steps the cubic leaves the chord by under 1e-8°, which moves Δψ
 * and Δε by under 1e-13°.
 */
function nutationSumsByRecurrence(jce: Float64Array, count: number, jceAtChordEnd: number, chordSteps: number, out: Float64Array, stride: number): void {
  out.fill(0);
  const rows = NUTATION_TERMS.length / NUTATION_ROW_LENGTH;
  const startArgsDeg = new Float64Array(5);
  const endArgsDeg = new Float64Array(5);
  const startRad = new Float64Array(PHASORS_PER_PASS);
  const stepRad = new Float64Array(PHASORS_PER_PASS);
  const coefficients = new Float64Array(4 * PHASORS_PER_PASS);
  nutationArgumentsInto(jce[0], startArgsDeg, 0);
  nutationArgumentsInto(jceAtChordEnd, endArgsDeg, 0);
  for (let first = 0; first < rows; first += PHASORS_PER_PASS) {
    for (let p = 0; p < PHASORS_PER_PASS; p++) {
      const row = (first + p) * NUTATION_ROW_LENGTH;
      const present = first + p < rows;
      let startDeg = 0;
      let endDeg = 0;
      for (let j = 0; present && j < 5; j++) {
        startDeg += NUTATION_TERMS[row + j] * startArgsDeg[j];
        endDeg += NUTATION_TERMS[row + j] * endArgsDeg[j];
      }
      startRad[p] = startDeg * DEG_TO_RAD;
      stepRad[p] = chordSteps > 0 ? ((endDeg - startDeg) / chordSteps) * DEG_TO_RAD : 0;
      // Rows past the table's end get zero coefficients, so every pass turns exactly four phasors.
      for (let q = 0; q < 4; q++) coefficients[4 * p + q] = present ? NUTATION_TERMS[row + 5 + q] : 0;
    }
    accumulateNutationPhasors(jce, count, startRad, stepRad, coefficients, out, stride);
  }
}

// Adds four nutation rows' (a + b·JCE)·sin φ and (c + d·JCE)·cos φ to `out` for j < count, φ from its start by constant steps.
function accumulateNutationPhasors(
  jce: Float64Array,
  count: number,
  startRad: Float64Array,
  stepRad: Float64Array,
  k: Float64Array,
  out: Float64Array,
  stride: number,
): void {
  const cd0 = Math.cos(stepRad[0]);
  const sd0 = Math.sin(stepRad[0]);
  const cd1 = Math.cos(stepRad[1]);
  const sd1 = Math.sin(stepRad[1]);
  const cd2 = Math.cos(stepRad[2]);
  const sd2 = Math.sin(stepRad[2]);
  const cd3 = Math.cos(stepRad[3]);
  const sd3 = Math.sin(stepRad[3]);
  let c0 = Math.cos(startRad[0]);
  let s0 = Math.sin(startRad[0]);
  let c1 = Math.cos(startRad[1]);
  let s1 = Math.sin(startRad[1]);
  let c2 = Math.cos(startRad[2]);
  let s2 = Math.sin(startRad[2]);
  let c3 = Math.cos(startRad[3]);
  let s3 = Math.sin(startRad[3]);
  for (let j = 0; j < count; j++) {
    const x = jce[j];
    out[j] += (k[0] + k[1] * x) * s0 + (k[4] + k[5] * x) * s1 + (k[8] + k[9] * x) * s2 + (k[12] + k[13] * x) * s3;
    out[stride + j] += (k[2] + k[3] * x) * c0 + (k[6] + k[7] * x) * c1 + (k[10] + k[11] * x) * c2 + (k[14] + k[15] * x) * c3;
    const n0 = c0 * cd0 - s0 * sd0;
    s0 = s0 * cd0 + c0 * sd0;
    c0 = n0;
    const n1 = c1 * cd1 - s1 * sd1;
    s1 = s1 * cd1 + c1 * sd1;
    c1 = n1;
    const n2 = c2 * cd2 - s2 * sd2;
    s2 = s2 * cd2 + c2 * sd2;
    c2 = n2;
    const n3 = c3 * cd3 - s3 * sd3;
    s3 = s3 * cd3 + c3 * sd3;
    c3 = n3;
  }
}

/**
 * SPA time terms of evenly spaced timestamps (constant step `stepS`) by the periodic-term recurrences, block by block
 * of SPA_RECURRENCE_ANCHOR_STEPS: fills `t` for each timestamp i with needed[i] ≠ 0 (all without `needed`) and calls
 * `visit(i)`, else `skip(i)`. Reda & Andreas 2004, eq. 4–31 and A1–A2.
 */
function forEachTimeTermsByRecurrence(
  unixTimesS: Float64Array,
  stepS: number,
  deltaTS: number,
  needed: Uint8Array | undefined,
  t: Mutable<SpaTimeTerms>,
  visit: (i: number) => void,
  skip: (i: number) => void,
): void {
  const n = unixTimesS.length;
  const block = Math.min(SPA_RECURRENCE_ANCHOR_STEPS, n);
  const steps = earthSteps(stepS / (SECONDS_PER_DAY * DAYS_PER_JULIAN_CENTURY * CENTURIES_PER_MILLENNIUM));
  const jme = new Float64Array(block);
  const jce = new Float64Array(block);
  const earthSums = new Float64Array(EARTH_TABLE_COUNT * block);
  const nutation = new Float64Array(2 * block);
  for (let anchor = 0; anchor < n; anchor += block) {
    const count = Math.min(block, n - anchor);
    for (let j = 0; j < count; j++) {
      fillJulianScratch(unixTimesS[anchor + j], deltaTS);
      jme[j] = julianScratch[JME];
      jce[j] = julianScratch[JCE];
    }
    // The nutation chord ends at the next block's anchor (or at the last timestamp).
    const chordEnd = Math.min(anchor + block, n - 1);
    fillJulianScratch(unixTimesS[chordEnd], deltaTS);
    earthSeriesSumsByRecurrence(jme[0], count, steps, earthSums, block);
    nutationSumsByRecurrence(jce, count, julianScratch[JCE], chordEnd - anchor, nutation, block);
    for (let j = 0; j < count; j++) {
      const i = anchor + j;
      if (needed !== undefined && needed[i] === 0) {
        skip(i);
        continue;
      }
      fillJulianScratch(unixTimesS[i], deltaTS);
      for (let k = 0; k < EARTH_TABLE_COUNT; k++) earthSeriesSums[k] = earthSums[k * block + j];
      nutationSums[0] = nutation[j];
      nutationSums[1] = nutation[block + j];
      finishTimeTerms(t);
      visit(i);
    }
  }
}

/**
 * The interpolation grid of a series starting at `firstS` (unix s) with step `stepS` (s): `count` anchors every
 * `stride` steps from one interval before the first timestamp, their slowly varying terms evaluated exactly by the
 * recurrences (Reda & Andreas 2004, eq. 9–31).
 */
function interpolationGrid(firstS: number, stepS: number, stride: number, count: number, deltaTS: number): InterpolationGrid {
  const spacingS = stepS * stride;
  const anchorTimesS = new Float64Array(count);
  for (let m = 0; m < count; m++) anchorTimesS[m] = firstS + (m - 1) * spacingS;
  const grid = createInterpolationGrid(stride, stepS, count);
  const t = createTimeTermsTarget();
  forEachTimeTermsByRecurrence(anchorTimesS, spacingS, deltaTS, undefined, t, (m) => storeAnchor(grid, m, t), () => {});
  return grid;
}

/**
 * How a batch computes the time terms of an evenly spaced series: 'recurrence' evaluates every periodic term at every
 * timestamp (by exact angle-addition recurrences; agrees with `spaTimeTerms` to rounding), 'interpolation' evaluates
 * them at anchors half a day apart and interpolates the slowly varying results (`spa-time-interp.ts`; within 2e-8° of
 * `spaTimeTerms` in α, δ and ν, 5e-12 AU in R).
 */
export type SpaBatchMethod = 'recurrence' | 'interpolation';

/** The batch methods, for tests that run over every member. */
export const SPA_BATCH_METHODS: readonly SpaBatchMethod[] = ['recurrence', 'interpolation'];

/**
 * SPA time-only terms for every unix time (s, UTC) in `unixTimesS` with ΔT (s), computed once so that any number
 * of sites can reuse them through `solarPositionBatch`; allocates its arrays once per call, nothing per step.
 * Reda & Andreas 2004, eq. 4–31 and A1–A2. For evenly spaced timestamps (a weather year), with method 'recurrence'
 * the ~260 periodic terms are advanced by exact angle-addition recurrences, block by block of
 * SPA_RECURRENCE_ANCHOR_STEPS, instead of ~200 cosines per timestamp (see `earthSeriesSumsByRecurrence`); results then
 * agree with `spaTimeTerms` to rounding (zenith within 5e-11°, azimuth within 2e-10°, far inside the algorithm's
 * ±0.0003°). With 'interpolation', steps of at most 6 h over at least 1.5 days are interpolated between exact anchors
 * (Blanc & Wald 2012's SG2 approach; see `spa-time-interp.ts`), the rest as with 'recurrence'. Other timestamps take
 * the single-call path. With `needed`, only timestamps i with needed[i] ≠ 0 are finished (the others hold NaN): a
 * caller that knows which hours are dark skips them; the finished ones do not depend on which others are.
 */
export function computeSpaTimeTermsBatch(
  unixTimesS: Float64Array,
  deltaTS: number = DEFAULT_DELTA_T_S,
  needed?: Uint8Array,
  method: SpaBatchMethod = 'recurrence',
): SpaTimeTermsBatch {
  const n = unixTimesS.length;
  if (needed !== undefined && needed.length !== n) {
    throw new Error(`computeSpaTimeTermsBatch: needed has ${needed.length} entries for ${n} timestamps`);
  }
  const batch: SpaTimeTermsBatch = {
    length: n,
    deltaTS,
    apparentSiderealTimeDeg: new Float64Array(n),
    geocentricRightAscensionDeg: new Float64Array(n),
    geocentricDeclinationDeg: new Float64Array(n),
    earthRadiusVectorAu: new Float64Array(n),
    equationOfTimeMin: new Float64Array(n),
    siteCosGreenwichHourAngle: new Float64Array(n),
    siteSinGreenwichHourAngle: new Float64Array(n),
    siteSinDeclination: new Float64Array(n),
    siteCosDeclination: new Float64Array(n),
    siteSinParallax: new Float64Array(n),
  };
  const t = createTimeTermsTarget();
  const ready = createSiteReady();
  const store = (i: number): void => {
    batch.apparentSiderealTimeDeg[i] = t.apparentSiderealTimeDeg;
    batch.geocentricRightAscensionDeg[i] = t.geocentricRightAscensionDeg;
    batch.geocentricDeclinationDeg[i] = t.geocentricDeclinationDeg;
    batch.earthRadiusVectorAu[i] = t.earthRadiusVectorAu;
    batch.equationOfTimeMin[i] = t.equationOfTimeMin;
    siteReadyInto(t.apparentSiderealTimeDeg, t.geocentricRightAscensionDeg, t.geocentricDeclinationDeg, t.earthRadiusVectorAu, ready);
    batch.siteCosGreenwichHourAngle[i] = ready.cosGreenwichHourAngle;
    batch.siteSinGreenwichHourAngle[i] = ready.sinGreenwichHourAngle;
    batch.siteSinDeclination[i] = ready.sinDeclination;
    batch.siteCosDeclination[i] = ready.cosDeclination;
    batch.siteSinParallax[i] = ready.sinParallax;
  };
  const skip = (i: number): void => {
    batch.apparentSiderealTimeDeg[i] = Number.NaN;
    batch.geocentricRightAscensionDeg[i] = Number.NaN;
    batch.geocentricDeclinationDeg[i] = Number.NaN;
    batch.earthRadiusVectorAu[i] = Number.NaN;
    batch.equationOfTimeMin[i] = Number.NaN;
    batch.siteCosGreenwichHourAngle[i] = Number.NaN;
    batch.siteSinGreenwichHourAngle[i] = Number.NaN;
    batch.siteSinDeclination[i] = Number.NaN;
    batch.siteCosDeclination[i] = Number.NaN;
    batch.siteSinParallax[i] = Number.NaN;
  };

  const stepS = evenStepS(unixTimesS);
  if (Number.isNaN(stepS)) {
    for (let i = 0; i < n; i++) {
      if (needed !== undefined && needed[i] === 0) {
        skip(i);
        continue;
      }
      fillTimeTerms(unixTimesS[i], deltaTS, t);
      store(i);
    }
    return batch;
  }

  const stride = method === 'interpolation' ? interpolationStride(stepS, n) : 0;
  if (stride === 0) {
    forEachTimeTermsByRecurrence(unixTimesS, stepS, deltaTS, needed, t, store, skip);
    return batch;
  }
  const grid = interpolationGrid(unixTimesS[0], stepS, stride, anchorCount(n, stride), deltaTS);
  if (needed === undefined) {
    for (let i = 0; i < n; i++) {
      interpolatedTimeTermsInto(unixTimesS[i], deltaTS, i, grid, t);
      store(i);
    }
    return batch;
  }
  // A series' dark hours are whole nights: one fill beats a store per skipped timestamp.
  for (const key of Object.keys(batch) as (keyof SpaTimeTermsBatch)[]) {
    const column = batch[key];
    if (column instanceof Float64Array) column.fill(Number.NaN);
  }
  for (let i = 0; i < n; i++) {
    if (needed[i] === 0) continue;
    interpolatedTimeTermsInto(unixTimesS[i], deltaTS, i, grid, t);
    store(i);
  }
  return batch;
}
