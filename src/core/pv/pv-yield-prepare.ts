/**
 * The once-per-run preparation of the PV model chain (pv-yield.ts): time terms shared by every site, the lit hours,
 * an array's choices resolved to functions and numbers, checks of the weather columns, and the scratch arrays reused
 * for every site of a batch.
 */

import { LRUCache } from 'lru-cache';
import { IAM_DEFAULTS, iamOfCosAoi } from './aoi.ts';
import { fuentesModel, type FuentesModel } from './fuentes.ts';
import { michalskyTimeTermsBatch } from './michalsky.ts';
import { pvwattsV5BeamIam } from './pvwatts-v5.ts';
import type { DecompositionModel } from './decomposition.ts';
import { extraterrestrialDniWm2 } from './extraterrestrial.ts';
import { computeSpaTimeTermsBatch, createSolarPositionBatchOut, DEFAULT_DELTA_T_S, type SolarPositionBatchOut } from './solar-position.ts';
import { cellTemperatureParams, type CellTemperatureParams } from './temperature.ts';
import { dayOfYearFromUnixTime, SECONDS_PER_DAY } from '../time.ts';
import { fixedMount, singleAxisMount, SINGLE_AXIS_DEFAULTS, TWO_AXIS_MOUNT, type Mount, type SingleAxisMount } from './tracking.ts';
import type { TranspositionModel } from './transposition.ts';
import { PVWATTS_DEFAULT_LOSSES_FRAC, PVWATTS_ETA_INV_NOM, pvwattsInverter, systemLossFrac } from './pvwatts.ts';
import {
  DEFAULT_ALBEDO,
  DEFAULT_DC_AC_RATIO,
  DEFAULT_DC_NAMEPLATE_W,
  DEFAULT_GAMMA_PER_C,
  type PvArray,
  type YieldHourly,
  type YieldTimes,
  type YieldWeather,
} from './pv-yield-types.ts';

/**
 * The time-only part of the chain for a series of instants (s, UTC): SPA time terms (Reda & Andreas 2004; interpolated
 * between exact anchors for a weather series, see `spa-time-interp.ts`), Michalsky's (1988) time terms when
 * `michalsky` is set, and
 * Spencer (1971) extraterrestrial irradiance on the UTC day of year, as pvlib's `get_extra_radiation`; ΔT in s.
 * With `lit` (see {@link litHours}), the SPA and Michalsky terms are finished only for the hours some system needs;
 * with `spa` false, no SPA terms are computed (an empty batch: for systems whose sun position is Michalsky's).
 */
export function prepareYieldTimes(unixTimeS: Float64Array, deltaTS: number = DEFAULT_DELTA_T_S, lit?: Uint8Array, spa = true, michalsky = false): YieldTimes {
  const n = unixTimeS.length;
  const dniExtraWm2 = new Float64Array(n);
  let day = Number.NaN;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(unixTimeS[i] / SECONDS_PER_DAY);
    if (d !== day) {
      day = d;
      value = extraterrestrialDniWm2(dayOfYearFromUnixTime(unixTimeS[i]));
    }
    dniExtraWm2[i] = value;
  }
  return {
    unixTimeS,
    spa: computeSpaTimeTermsBatch(spa ? unixTimeS : new Float64Array(0), deltaTS, spa ? lit : undefined, 'interpolation'),
    ...(michalsky ? { michalsky: michalskyTimeTermsBatch(unixTimeS, lit) } : {}),
    dniExtraWm2,
  };
}

/** A series' time terms as last computed: which hours are finished, and which kinds of sun terms were computed. */
interface SharedTimes {
  /** A private copy of the timestamps, compared on every hit (and what the terms were computed from). */
  readonly unixTimeS: Float64Array;
  readonly times: YieldTimes;
  readonly spa: boolean;
  readonly michalsky: boolean;
  /** The hours whose SPA and Michalsky terms are finished; undefined when all are. */
  readonly finished: Uint8Array | undefined;
}

/**
 * Time terms of the series seen last, by content: every site, array option and sweep case on the same weather year
 * reuses them (a year of SPA time terms costs more than a site's whole chain). Sixteen series of 8,760 hours hold
 * ~13 MB (~18 MB with Michalsky's terms too).
 */
const SHARED_TIMES_MAX_SERIES = 16;
const sharedTimesCache = new LRUCache<string, SharedTimes>({ max: SHARED_TIMES_MAX_SERIES });

/** FNV-1a (32-bit) over the bytes of the timestamps as 32-bit words: a cache key, checked against the stored copy on every hit. */
function timestampsKey(unixTimeS: Float64Array, deltaTS: number): string {
  const words = new Uint32Array(unixTimeS.buffer, unixTimeS.byteOffset, unixTimeS.length * 2);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 0x01000193);
  return `${deltaTS}:${unixTimeS.length}:${(hash >>> 0).toString(16)}`;
}

function sameTimestamps(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Whether stored terms serve a request: each kind of sun terms asked for, finished at least for the hours asked for. */
function covers(entry: SharedTimes, lit: Uint8Array | undefined, spa: boolean, michalsky: boolean): boolean {
  if ((spa && !entry.spa) || (michalsky && !entry.michalsky)) return false;
  if ((!spa && !michalsky) || entry.finished === undefined) return true;
  if (lit === undefined) return false;
  const finished = entry.finished;
  for (let i = 0; i < lit.length; i++) if (lit[i] !== 0 && finished[i] === 0) return false;
  return true;
}

/** Forgets every remembered series (for tests that compare a first computation with a remembered one). */
export function clearSharedYieldTimes(): void {
  sharedTimesCache.clear();
}

/**
 * {@link prepareYieldTimes}, remembered by the timestamps' content and ΔT (s) for the series seen last: a later call
 * on the same timestamps gets the same terms back, bit for bit, without recomputing them. Each hour's terms do not
 * depend on which other hours are finished, so a request for more lit hours (or another kind of sun terms) than stored
 * recomputes the union of both. The result is shared: read it, never write to it.
 */
export function sharedYieldTimes(unixTimeS: Float64Array, deltaTS: number = DEFAULT_DELTA_T_S, lit?: Uint8Array, spa = true, michalsky = false): YieldTimes {
  const key = timestampsKey(unixTimeS, deltaTS);
  const stored = sharedTimesCache.get(key);
  const hit = stored !== undefined && sameTimestamps(stored.unixTimeS, unixTimeS) ? stored : undefined;
  if (hit !== undefined && covers(hit, lit, spa, michalsky)) return hit.times;
  const withSpa = spa || hit?.spa === true;
  const withMichalsky = michalsky || hit?.michalsky === true;
  const hadTerms = hit !== undefined && (hit.spa || hit.michalsky);
  let finished: Uint8Array | undefined;
  if ((withSpa || withMichalsky) && lit !== undefined && !(hadTerms && hit.finished === undefined)) {
    finished = lit.slice();
    const earlier = hadTerms ? hit.finished : undefined;
    if (earlier !== undefined) for (let i = 0; i < finished.length; i++) finished[i] |= earlier[i];
  }
  const copy = hit?.unixTimeS ?? unixTimeS.slice();
  const times = prepareYieldTimes(copy, deltaTS, finished, withSpa, withMichalsky);
  sharedTimesCache.set(key, { unixTimeS: copy, times, spa: withSpa, michalsky: withMichalsky, finished });
  return times;
}

/**
 * Marks (1) the hours of a weather series in which some light reaches the ground (GHI, DNI or DHI above 0 W/m²) in
 * `out`, leaving its other entries as they are: the only hours where the chain has anything to compute.
 */
export function litHours(weather: YieldWeather, out: Uint8Array = new Uint8Array(weather.ghiWm2.length)): Uint8Array {
  const { ghiWm2, dniWm2, dhiWm2 } = weather;
  for (let i = 0; i < out.length; i++) if (ghiWm2[i] > 0) out[i] = 1;
  if (dniWm2 !== undefined) for (let i = 0; i < out.length; i++) if (dniWm2[i] > 0) out[i] = 1;
  if (dhiWm2 !== undefined) for (let i = 0; i < out.length; i++) if (dhiWm2[i] > 0) out[i] = 1;
  return out;
}

/** An array's choices resolved once: the mount, the IAM function, the inverter and the loss factor. */
export interface PreparedArray {
  readonly mount: Mount;
  readonly dcNameplateW: number;
  readonly gammaPerC: number;
  readonly lossFrac: number;
  readonly inverter: ReturnType<typeof pvwattsInverter>;
  readonly transposition: TranspositionModel;
  readonly beamIam: (cosAoi: number) => number;
  readonly temperature: CellTemperatureParams;
  readonly albedo: number;
  readonly decomposition: DecompositionModel;
  readonly fuentes: FuentesModel | undefined;
  readonly sunUpMidpoint: boolean;
  readonly michalsky: boolean;
  /** The tracker whose rows shade each other as PVWatts v5's one-axis arrays do, else undefined. */
  readonly selfShading: SingleAxisMount | undefined;
}

function check(fn: string, ok: boolean, message: string): void {
  if (!ok) throw new Error(`${fn}: ${message}`);
}

/** An array's choices resolved once (defaults filled, models turned into functions); throws on impossible values. */
export function prepareArray(fn: string, array: PvArray): PreparedArray {
  const m = array.mounting;
  const mount =
    m.type === 'fixed'
      ? fixedMount(m.tiltDeg, m.azimuthDeg)
      : m.type === 'two-axis'
        ? TWO_AXIS_MOUNT
        : singleAxisMount({
          axisTiltDeg: m.axisTiltDeg ?? SINGLE_AXIS_DEFAULTS.axisTiltDeg,
          axisAzimuthDeg: m.axisAzimuthDeg ?? SINGLE_AXIS_DEFAULTS.axisAzimuthDeg,
          maxAngleDeg: m.maxAngleDeg ?? SINGLE_AXIS_DEFAULTS.maxAngleDeg,
          backtrack: m.backtrack ?? SINGLE_AXIS_DEFAULTS.backtrack,
          gcr: m.gcr ?? SINGLE_AXIS_DEFAULTS.gcr,
        });
  const dcNameplateW = array.dcNameplateW ?? DEFAULT_DC_NAMEPLATE_W;
  check(fn, dcNameplateW > 0 && Number.isFinite(dcNameplateW), `the DC nameplate must be a positive number of W, got ${dcNameplateW}`);
  const gammaPerC = array.gammaPerC ?? DEFAULT_GAMMA_PER_C;
  check(fn, Number.isFinite(gammaPerC) && Math.abs(gammaPerC) < 0.05, `γ must be a temperature coefficient in 1/°C such as -0.0037, got ${gammaPerC}`);
  const dcAcRatio = array.dcAcRatio ?? DEFAULT_DC_AC_RATIO;
  check(fn, dcAcRatio > 0 && Number.isFinite(dcAcRatio), `the DC/AC ratio must be positive, got ${dcAcRatio}`);
  const albedo = array.albedo ?? DEFAULT_ALBEDO;
  check(fn, albedo >= 0 && albedo <= 1, `the albedo must be within [0, 1], got ${albedo}`);
  const iamModel = array.iamModel ?? 'physical';
  const selfShading = array.pvwattsSelfShading === true ? mount : undefined;
  check(fn, selfShading === undefined || selfShading.type === 'single-axis', `PVWatts self-shading applies to single-axis trackers, not to a ${m.type} mount`);
  return {
    mount,
    dcNameplateW,
    gammaPerC,
    lossFrac: systemLossFrac(array.losses ?? { kind: 'categories', categories: PVWATTS_DEFAULT_LOSSES_FRAC }),
    inverter: pvwattsInverter(dcNameplateW / dcAcRatio, array.inverterEfficiency ?? PVWATTS_ETA_INV_NOM),
    transposition: array.transposition ?? 'perez',
    beamIam: array.pvwattsCover !== undefined ? pvwattsV5BeamIam(array.pvwattsCover) : iamOfCosAoi(iamModel, array.iamParams ?? IAM_DEFAULTS),
    temperature: array.temperature ?? cellTemperatureParams('sapm'),
    albedo,
    decomposition: array.decomposition ?? 'erbs',
    fuentes: array.fuentes === undefined ? undefined : fuentesModel(array.fuentes),
    sunUpMidpoint: array.sunPosition === 'sun-up-midpoint',
    michalsky: array.solarPositionModel === 'michalsky',
    selfShading: selfShading as SingleAxisMount | undefined,
  };
}

function checkWeather(fn: string, w: YieldWeather, unixTimeS: Float64Array): void {
  const n = unixTimeS.length;
  const columns: [string, Float64Array | undefined][] = [
    ['unixTimeS', w.unixTimeS],
    ['ghiWm2', w.ghiWm2],
    ['dniWm2', w.dniWm2],
    ['dhiWm2', w.dhiWm2],
    ['tempAirC', w.tempAirC],
    ['windSpeedMPerS', w.windSpeedMPerS],
    ['pressurePa', w.pressurePa],
    ['albedo', w.albedo],
  ];
  for (const [name, column] of columns) {
    if (column !== undefined && column.length !== n) throw new Error(`${fn}: weather.${name} has ${column.length} values for ${n} timestamps`);
  }
  check(fn, w.stepHours > 0 && Number.isFinite(w.stepHours), `weather.stepHours must be positive, got ${w.stepHours}`);
  const ownTimes = w.unixTimeS;
  if (ownTimes !== unixTimeS) {
    for (let i = 0; i < n; i++) {
      if (ownTimes[i] !== unixTimeS[i]) throw new Error(`${fn}: the weather's timestamp ${i} differs from the batch's shared timestamps`);
    }
  }
  const { ghiWm2, tempAirC, windSpeedMPerS } = w;
  for (let i = 0; i < n; i++) {
    // x − x is 0 for a finite x and NaN for NaN or ±∞: one test per column instead of a call.
    if (ghiWm2[i] - ghiWm2[i] !== 0 || tempAirC[i] - tempAirC[i] !== 0 || windSpeedMPerS[i] - windSpeedMPerS[i] !== 0) {
      throw new Error(`${fn}: weather row ${i} lacks GHI, air temperature or wind speed (got ${ghiWm2[i]}, ${tempAirC[i]}, ${windSpeedMPerS[i]})`);
    }
  }
}

function hasMissing(column: Float64Array | undefined): boolean {
  if (column === undefined) return true;
  for (let i = 0; i < column.length; i++) if (Number.isNaN(column[i])) return true;
  return false;
}

/** The local calendar month (0 = January) of each step, and GHI (W/m²) summed over the steps of each month. */
export interface LocalMonths {
  readonly monthOfHour: Uint8Array;
  readonly monthlyGhiWm2: Float64Array;
}

/** What the chain learns once about a weather series, shared by every system of a batch that uses it. */
export interface PreparedWeather {
  /** Hours with any light (see {@link litHours}). */
  readonly lit: Uint8Array;
  /** The indices of those hours, in order. */
  readonly litIndex: Int32Array;
  /** Months of the steps by UTC offset (s), filled by the chain as systems in new time zones come. */
  readonly localMonths: Map<number, LocalMonths>;
  /**
   * Quantities of the lit hours that depend on the weather alone, by what they are: the refraction's air factor by
   * pressure source, SAPM's wind factor by mounting coefficients. Filled as systems that need new ones come.
   */
  readonly litHourSeries: Map<string, Float64Array>;
  /** DNI or DHI missing somewhere: both are decomposed from GHI there. */
  readonly needsDecomposition: boolean;
  /** The file's pressure: 'absent' (no column), 'complete' (usable as is) or 'gaps' (filled per site). */
  readonly pressure: 'absent' | 'complete' | 'gaps';
}

/** Checks a weather series against the run's timestamps and learns what the chain needs to know about it once. */
export function prepareWeather(fn: string, weather: YieldWeather, unixTimeS: Float64Array): PreparedWeather {
  checkWeather(fn, weather, unixTimeS);
  const p = weather.pressurePa;
  let pressure: PreparedWeather['pressure'] = p === undefined ? 'absent' : 'complete';
  if (p !== undefined) {
    for (let i = 0; i < p.length; i++) {
      if (!(p[i] > 0)) {
        pressure = 'gaps';
        break;
      }
    }
  }
  const lit = litHours(weather);
  let litCount = 0;
  for (let i = 0; i < lit.length; i++) litCount += lit[i];
  const litIndex = new Int32Array(litCount);
  for (let i = 0, j = 0; i < lit.length; i++) if (lit[i] !== 0) litIndex[j++] = i;
  return { lit, litIndex, localMonths: new Map(), litHourSeries: new Map(), needsDecomposition: hasMissing(weather.dniWm2) || hasMissing(weather.dhiWm2), pressure };
}

/** Per-batch scratch arrays, allocated once and reused for every site. */
export interface Scratch {
  readonly sun: SolarPositionBatchOut;
  readonly pressurePa: Float64Array;
  readonly decomposed: { readonly dniWm2: Float64Array; readonly dhiWm2: Float64Array };
}

/** Scratch arrays for a run of n steps. */
export function createScratch(n: number): Scratch {
  return {
    sun: createSolarPositionBatchOut(n, true),
    pressurePa: new Float64Array(n),
    decomposed: { dniWm2: new Float64Array(n), dhiWm2: new Float64Array(n) },
  };
}

// Every entry a run reads from its scratch is written by that run first, so one set serves each run in turn (runs are
// synchronous and never nest), as it serves every system of a batch: a run of 8,760 steps would otherwise allocate ~1 MB.
let reusableScratch: Scratch | undefined;

/** The scratch arrays for a run of n steps, reused from the previous run of the same length. */
export function scratchFor(n: number): Scratch {
  if (reusableScratch === undefined || reusableScratch.pressurePa.length !== n) reusableScratch = createScratch(n);
  return reusableScratch;
}

/** Zeroed hourly series for the given timestamps. */
export function createHourly(unixTimeS: Float64Array): YieldHourly {
  const n = unixTimeS.length;
  const f = () => new Float64Array(n);
  return {
    unixTimeS,
    solarZenithDeg: f(),
    solarAzimuthDeg: f(),
    airmassAbsolute: f(),
    ghiWm2: f(),
    dniWm2: f(),
    dhiWm2: f(),
    surfaceTiltDeg: f(),
    surfaceAzimuthDeg: f(),
    aoiDeg: f(),
    poaGlobalWm2: f(),
    poaBeamWm2: f(),
    poaSkyDiffuseWm2: f(),
    poaGroundDiffuseWm2: f(),
    poaEffectiveWm2: f(),
    cellTempC: f(),
    dcW: f(),
    acW: f(),
    clippedDcW: f(),
  };
}
