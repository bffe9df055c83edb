/**
 * The physical yield model at the scenario edge: a scenario's `yield.site/array/weather` (as written) → settings in
 * internal units → weather series (file or synthetic year) → the core chain (`simulateYield`) → specific yield.
 * `pvplan yield` builds the same settings from command-line flags and runs them through `runPhysicalYield`.
 */
import { DATA_FILE_MAX_BYTES } from '../io/read-bounded.ts';
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { LRUCache } from 'lru-cache';
import { DEFAULT_ALBEDO, simulateYield, type PvArray, type PvSite, type SimulateYieldInput, type YieldResult } from '../core/pv/pv-yield.ts';
import { PVWATTS_DEFAULT_LOSSES_FRAC, type PvwattsLossesFrac, type SystemLosses } from '../core/pv/pvwatts.ts';
import { createStream } from '../core/uncertainty/random.ts';
import { cellTemperatureParams, type SapmMounting, type TemperatureModel } from '../core/pv/temperature.ts';
import type { IamModel } from '../core/pv/aoi.ts';
import type { DecompositionModel } from '../core/pv/decomposition.ts';
import type { TranspositionModel } from '../core/pv/transposition.ts';
import { pvwattsV5Array, type PvwattsArrayType, type PvwattsModuleType, type PvwattsV5Options } from '../core/pv/pvwatts-v5.ts';
import { parseWeatherText, type WeatherFileFormat } from '../weather/read.ts';
import { syntheticYear } from '../weather/synthetic.ts';
import { WeatherParseError, type WeatherSeries } from '../weather/types.ts';
import { readTextFromDisk, type ReadText, type ScenarioChain } from './load.ts';
import type { PhysicalYieldResolver } from './physical-step.ts';
import { parseQuantity, QuantityError } from './quantity.ts';
import type { PhysicalArraySpec, PhysicalSiteSpec, PhysicalWeatherSpec } from './schema.ts';

/** Where the weather comes from, in internal units. */
export type YieldWeatherSource =
  | {
      readonly kind: 'file';
      /** Path to read (absolute, or relative to the working directory). */
      readonly path: string;
      /** How messages name the file (the path as written). */
      readonly label: string;
      /** Ignore the file's DNI and DHI and decompose its GHI. */
      readonly decompose: boolean;
      /** Read the file as this format instead of detecting it. */
      readonly format?: WeatherFileFormat;
    }
  | {
      readonly kind: 'synthetic';
      readonly monthlyGhiKWhPerM2PerDay: readonly number[];
      readonly tempAirC?: number | readonly number[];
      readonly windSpeedMPerS?: number;
      readonly linkeTurbidity?: number | readonly number[];
      /** Coefficient of variation of the daily clearness (0 = none). */
      readonly variabilityCv?: number;
      readonly seed?: number;
      readonly label: string;
    };

/** A physical-yield run in internal units: the site (any field may come from the weather file), array and weather. */
export interface PhysicalYieldSettings {
  readonly site: Partial<PvSite>;
  /** The array; with a preset, the one {@link pvwattsV5Array} builds from it. */
  readonly array: PvArray;
  /** The PVWatts v5 inputs the array was built from, kept so that command-line flags can change them. */
  readonly preset?: PvwattsV5Options;
  readonly weather: YieldWeatherSource;
}

/** A problem with a physical-yield section: the field path (from the scenario's top level) and what was expected. */
export interface PhysicalYieldIssue {
  readonly path: readonly string[];
  readonly message: string;
}

/** The outcome of a run: the chain's result, the weather it used and the complete input (site filled in). */
export interface PhysicalYieldRun {
  readonly result: YieldResult;
  readonly weather: WeatherSeries;
  readonly input: SimulateYieldInput;
  /** The PVWatts v5 inputs, when the array came from the preset. */
  readonly preset?: PvwattsV5Options;
}

/** Stream id of the synthetic year's daily draws (any fixed number; named so that it is not a magic one). */
const SYNTHETIC_WEATHER_STREAM = 4;
/** Seed of the synthetic year's daily variability when none is given. */
export const DEFAULT_SYNTHETIC_SEED = 1;

const LOSS_CATEGORY_FIELDS: Readonly<Record<string, keyof PvwattsLossesFrac>> = {
  soiling: 'soilingFrac',
  shading: 'shadingFrac',
  snow: 'snowFrac',
  mismatch: 'mismatchFrac',
  wiring: 'wiringFrac',
  connections: 'connectionsFrac',
  lid: 'lightInducedDegradationFrac',
  nameplate: 'nameplateRatingFrac',
  age: 'ageFrac',
  availability: 'availabilityFrac',
};

/** The PVWatts default losses as a {@link SystemLosses}: 14.08 % combined (Dobos 2014, Table 2). */
export const PVWATTS_DEFAULT_SYSTEM_LOSSES: SystemLosses = { kind: 'categories', categories: PVWATTS_DEFAULT_LOSSES_FRAC };

/** A scenario's physical-yield section as written, with where its weather file (if any) was declared. */
export interface PhysicalYieldSpec {
  /** `yield.preset`: 'pvwatts-v5' builds the array from moduleType and arrayType (and array.tilt, …). */
  readonly preset?: 'pvwatts-v5';
  readonly moduleType?: PvwattsModuleType;
  readonly arrayType?: PvwattsArrayType;
  readonly site?: PhysicalSiteSpec;
  readonly array?: PhysicalArraySpec;
  readonly weather?: PhysicalWeatherSpec;
  /** Folder of the scenario file that declares `weather.file` (relative paths resolve against it). */
  readonly weatherBaseDir: string;
}

/**
 * Settings in internal units from a scenario's `yield` section (as written); every problem is returned with its field
 * path under `yield`. Percentages → fractions, degrees and metres as written.
 */
export function physicalSettingsFromSpec(spec: PhysicalYieldSpec): { settings?: PhysicalYieldSettings; issues: PhysicalYieldIssue[] } {
  const issues: PhysicalYieldIssue[] = [];
  const add = (path: string[], message: string) => issues.push({ path: ['yield', ...path], message });
  const fraction = (value: unknown, path: string[]): number => {
    try {
      return parseQuantity(value, 'fraction');
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      add(path, e.message);
      return Number.NaN;
    }
  };
  const withPreset = spec.preset === 'pvwatts-v5';
  const arrayType = spec.arrayType ?? 'fixed-open-rack';
  // A PVWatts tracker needs nothing from 'array' (its axis tilt defaults to 0°); every other array does.
  if (spec.array === undefined && !(withPreset && !arrayType.startsWith('fixed'))) {
    add(['array'], withPreset ? "missing required field 'array' with the tilt of a fixed PVWatts array (array: { tilt: 20 })" : "missing required field 'array' for the physical model (mounting, tilt, azimuth, …)");
  }
  if (spec.weather === undefined) add(['weather'], "missing required field 'weather' for the physical model ('file' or 'monthlyGhi')");
  if (issues.length > 0 || spec.weather === undefined) return { issues };

  const a: PhysicalArraySpec = spec.array ?? {};
  let preset: PvwattsV5Options | undefined;
  if (withPreset) {
    const presetOwns = ['mounting', 'gamma', 'temperatureModel', 'racking', 'transposition', 'aoiModel', 'decomposition', 'maxAngle', 'backtrack', 'axisAzimuth'] as const;
    for (const key of presetOwns) if (a[key] !== undefined) add(['array', key], `'${key}' is set by preset: pvwatts-v5 (choose yield.moduleType and yield.arrayType instead)`);
    if (a.gcr !== undefined && !arrayType.startsWith('one-axis')) add(['array', 'gcr'], `'gcr' applies to the one-axis array types only (arrayType is ${arrayType})`);
    preset = {
      moduleType: spec.moduleType ?? 'standard',
      arrayType,
      tiltDeg: a.tilt ?? (arrayType.startsWith('fixed') ? Number.NaN : 0),
      ...(a.azimuth === undefined ? {} : { azimuthDeg: a.azimuth }),
      ...(a.gcr === undefined ? {} : { gcr: a.gcr }),
    };
    if (Number.isNaN(preset.tiltDeg)) add(['array', 'tilt'], "missing required field 'tilt' for a fixed PVWatts array (degrees from horizontal, e.g. 20)");
  } else {
    for (const key of ['moduleType', 'arrayType'] as const) if (spec[key] !== undefined) add([key], `'${key}' applies to preset: pvwatts-v5 (add yield.preset: pvwatts-v5)`);
  }
  const mountingType = a.mounting ?? 'fixed';
  const trackerOnly = ['gcr', 'maxAngle', 'axisAzimuth', 'backtrack'] as const;
  let mounting: PvArray['mounting'];
  if (preset !== undefined) {
    mounting = { type: 'fixed', tiltDeg: 0, azimuthDeg: 180 };
  } else if (mountingType === 'two-axis') {
    for (const key of [...trackerOnly, 'tilt', 'azimuth'] as const) if (a[key] !== undefined) add(['array', key], `'${key}' does not apply to a two-axis tracker, which faces the sun`);
    mounting = { type: 'two-axis' };
  } else if (mountingType === 'fixed') {
    if (a.tilt === undefined) add(['array', 'tilt'], "missing required field 'tilt' for a fixed rack (degrees from horizontal, e.g. 30)");
    for (const key of trackerOnly) if (a[key] !== undefined) add(['array', key], `'${key}' applies to a single-axis tracker only (mounting: single-axis)`);
    mounting = { type: 'fixed', tiltDeg: a.tilt ?? Number.NaN, azimuthDeg: a.azimuth ?? 180 };
  } else {
    for (const key of ['tilt', 'azimuth'] as const) if (a[key] !== undefined) add(['array', key], `'${key}' applies to a fixed rack only; a tracker's orientation follows the sun`);
    mounting = {
      type: 'single-axis',
      ...(a.gcr === undefined ? {} : { gcr: a.gcr }),
      ...(a.maxAngle === undefined ? {} : { maxAngleDeg: a.maxAngle }),
      ...(a.axisAzimuth === undefined ? {} : { axisAzimuthDeg: a.axisAzimuth }),
      ...(a.backtrack === undefined ? {} : { backtrack: a.backtrack }),
    };
  }
  let losses: SystemLosses = PVWATTS_DEFAULT_SYSTEM_LOSSES;
  if (typeof a.losses === 'string') {
    const totalFrac = fraction(a.losses, ['array', 'losses']);
    if (!(totalFrac >= 0 && totalFrac < 1)) add(['array', 'losses'], `expected a total loss from 0 % to below 100 %, got '${a.losses}'`);
    losses = { kind: 'total', totalFrac };
  } else if (a.losses !== undefined) {
    const categories: Partial<Record<keyof PvwattsLossesFrac, number>> = {};
    for (const [key, value] of Object.entries(a.losses)) {
      const field = LOSS_CATEGORY_FIELDS[key];
      if (field === undefined || value === undefined) continue;
      const x = fraction(value, ['array', 'losses', key]);
      if (!(x >= 0 && x <= 1)) add(['array', 'losses', key], `expected a percentage between 0 % and 100 %, got '${String(value)}'`);
      categories[field] = x;
    }
    losses = { kind: 'categories', categories };
  }
  const gammaPerC = a.gamma === undefined ? undefined : fraction(a.gamma, ['array', 'gamma']);
  if (gammaPerC !== undefined && !(gammaPerC > -0.05 && gammaPerC <= 0.01)) add(['array', 'gamma'], `expected a temperature coefficient per °C such as '-0.37 %', got '${a.gamma}'`);
  const inverterEfficiency = a.inverterEfficiency === undefined ? undefined : fraction(a.inverterEfficiency, ['array', 'inverterEfficiency']);
  if (inverterEfficiency !== undefined && !(inverterEfficiency > 0.5 && inverterEfficiency <= 1)) {
    add(['array', 'inverterEfficiency'], `expected a nominal efficiency above 50 % and at most 100 %, got '${a.inverterEfficiency}'`);
  }
  if (preset !== undefined) {
    preset = {
      ...preset,
      ...(a.losses === undefined ? {} : { losses }),
      ...(a.dcAcRatio === undefined ? {} : { dcAcRatio: a.dcAcRatio }),
      ...(inverterEfficiency === undefined ? {} : { inverterEfficiency }),
      ...(a.albedo === undefined ? {} : { albedo: a.albedo }),
    };
  }
  const temperatureModel: TemperatureModel = a.temperatureModel ?? 'sapm';
  if (a.racking !== undefined && temperatureModel !== 'sapm') add(['array', 'racking'], "'racking' selects SAPM coefficients; it has no effect with temperatureModel: faiman");
  const array: PvArray = preset !== undefined && issues.length === 0 ? pvwattsV5Array(preset) : {
    mounting,
    losses,
    ...(gammaPerC === undefined ? {} : { gammaPerC }),
    ...(a.dcAcRatio === undefined ? {} : { dcAcRatio: a.dcAcRatio }),
    ...(inverterEfficiency === undefined ? {} : { inverterEfficiency }),
    temperature: cellTemperatureParams(temperatureModel, (a.racking ?? 'open-rack-glass-glass') as SapmMounting),
    transposition: (a.transposition ?? 'perez') as TranspositionModel,
    iamModel: (a.aoiModel ?? 'physical') as IamModel,
    decomposition: (a.decomposition ?? 'erbs') as DecompositionModel,
    albedo: a.albedo ?? DEFAULT_ALBEDO,
  };

  const w = spec.weather;
  const syntheticOnly = ['tempAir', 'windSpeed', 'linkeTurbidity', 'variability', 'seed'] as const;
  let weather: YieldWeatherSource | undefined;
  if ((w.file === undefined) === (w.monthlyGhi === undefined)) {
    add(['weather'], "expected exactly one of 'file' (a weather file) or 'monthlyGhi' (12 monthly means for a synthetic year)");
  } else if (w.file !== undefined) {
    for (const key of syntheticOnly) if (w[key] !== undefined) add(['weather', key], `'${key}' shapes a synthetic year (monthlyGhi) only; a weather file has its own`);
    weather = { kind: 'file', path: resolvePath(spec.weatherBaseDir, w.file), label: w.file, decompose: w.dniDhi === 'decompose', ...(w.format === undefined ? {} : { format: w.format }) };
  } else {
    if (w.format !== undefined) add(['weather', 'format'], "'format' applies to a weather file");
    if (w.dniDhi !== undefined) add(['weather', 'dniDhi'], "'dniDhi' applies to a weather file; a synthetic year always splits its GHI by the decomposition model");
    if (spec.site === undefined) add(['site'], "missing required field 'site' (lat, lon, …): a synthetic year has no file header to take it from");
    weather = {
      kind: 'synthetic',
      monthlyGhiKWhPerM2PerDay: w.monthlyGhi!,
      ...(w.tempAir === undefined ? {} : { tempAirC: w.tempAir }),
      ...(w.windSpeed === undefined ? {} : { windSpeedMPerS: w.windSpeed }),
      ...(w.linkeTurbidity === undefined ? {} : { linkeTurbidity: w.linkeTurbidity }),
      ...(w.variability === undefined ? {} : { variabilityCv: w.variability }),
      ...(w.seed === undefined ? {} : { seed: w.seed }),
      label: w.source ?? 'synthetic year from monthly GHI',
    };
  }
  const s = spec.site;
  const site: Partial<PvSite> =
    s === undefined
      ? {}
      : {
          latitudeDeg: s.lat,
          longitudeDeg: s.lon,
          ...(s.altitude === undefined ? {} : { altitudeM: s.altitude }),
          ...(s.timezone === undefined ? {} : { utcOffsetHours: s.timezone }),
        };
  if (issues.length > 0 || weather === undefined) return { issues };
  return { settings: { site, array, ...(preset === undefined ? {} : { preset }), weather }, issues };
}

/** The text of a weather file setting, read through `readText`; an unreadable file is an Error naming the path. */
function readWeatherText(source: Extract<YieldWeatherSource, { kind: 'file' }>, readText: ReadText): string {
  try {
    return readText(source.path, DATA_FILE_MAX_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (e as Error).message;
    throw new Error(`cannot read the weather file '${source.label}' (${source.path}): ${reason}`);
  }
}

/** A file's weather series from its text (format detected), with DNI and DHI dropped when asked to decompose. */
function weatherFromText(source: Extract<YieldWeatherSource, { kind: 'file' }>, text: string): WeatherSeries {
  const series = parseWeatherText(text, source.label, source.format === undefined ? {} : { format: source.format });
  if (!source.decompose) return series;
  const missing = () => new Float64Array(series.ghiWm2.length).fill(Number.NaN);
  return { ...series, dniWm2: missing(), dhiWm2: missing() };
}

/**
 * Reads or builds the weather series of a setting: the file through `readText` (EPW, TMY3 or CSV, detected), its DNI
 * and DHI dropped when asked to decompose; or a synthetic year at the site. Throws WeatherParseError (file and line)
 * on a malformed file and Error with the path on an unreadable one.
 */
export function loadYieldWeather(source: YieldWeatherSource, site: Partial<PvSite>, readText: ReadText): WeatherSeries {
  if (source.kind === 'file') return weatherFromText(source, readWeatherText(source, readText));
  if (site.latitudeDeg === undefined || site.longitudeDeg === undefined) throw new Error('a synthetic year needs the site latitude and longitude');
  const cv = source.variabilityCv ?? 0;
  return syntheticYear({
    latitudeDeg: site.latitudeDeg,
    longitudeDeg: site.longitudeDeg,
    ...(site.altitudeM === undefined ? {} : { altitudeM: site.altitudeM }),
    ...(site.utcOffsetHours === undefined ? {} : { utcOffsetHours: site.utcOffsetHours }),
    monthlyGhiKWhPerM2PerDay: source.monthlyGhiKWhPerM2PerDay,
    ...(source.tempAirC === undefined ? {} : { tempAirC: source.tempAirC }),
    ...(source.windSpeedMPerS === undefined ? {} : { windSpeedMPerS: source.windSpeedMPerS }),
    ...(source.linkeTurbidity === undefined ? {} : { linkeTurbidity: source.linkeTurbidity }),
    ...(cv > 0 ? { dailyVariability: { coefficientOfVariation: cv, uniforms: createStream(source.seed ?? DEFAULT_SYNTHETIC_SEED, SYNTHETIC_WEATHER_STREAM) } } : {}),
    label: source.label,
  });
}

/** Largest longitude difference between a site and its weather file's station (°): 7.5° is half an hour of solar time. */
export const MAX_WEATHER_LONGITUDE_SHIFT_DEG = 7.5;

/**
 * The site of a run: the settings' fields, the rest from the weather file's header. Throws when latitude or longitude
 * is unknown, or when the site lies so far east or west of the file's station that its hours no longer fit the sun.
 */
export function siteWithWeatherDefaults(site: Partial<PvSite>, weather: WeatherSeries): PvSite {
  const header = weather.site;
  const latitudeDeg = site.latitudeDeg ?? header.latitudeDeg;
  const longitudeDeg = site.longitudeDeg ?? header.longitudeDeg;
  if (latitudeDeg === undefined || longitudeDeg === undefined) {
    throw new Error(`the weather '${weather.label}' has no site in its header: give the latitude and longitude`);
  }
  // A file's irradiance follows the sun at the file's own longitude: moved far east or west, its daylight hours no
  // longer match the site's sun (Greensboro's year at Weihai gives ~40 kWh/kWp). Half an hour of solar time is 7.5°.
  if (header.longitudeDeg !== undefined) {
    const shiftDeg = Math.abs(((longitudeDeg - header.longitudeDeg + 540) % 360) - 180);
    if (shiftDeg > MAX_WEATHER_LONGITUDE_SHIFT_DEG) {
      throw new Error(
        `the weather '${weather.label}' was recorded at longitude ${header.longitudeDeg.toFixed(2)}°, ${shiftDeg.toFixed(1)}° from the site's ${longitudeDeg.toFixed(2)}°: its hours of sunshine would not line up with the site's sun (more than ${MAX_WEATHER_LONGITUDE_SHIFT_DEG}° is over half an hour of solar time); use the file's own site, or weather recorded near the site`,
      );
    }
  }
  const altitudeM = site.altitudeM ?? header.altitudeM;
  const utcOffsetHours = site.utcOffsetHours ?? header.utcOffsetHours;
  return {
    latitudeDeg,
    longitudeDeg,
    ...(altitudeM === undefined ? {} : { altitudeM }),
    ...(utcOffsetHours === undefined ? {} : { utcOffsetHours }),
  };
}

/** Runs kept for repeated resolves of the same scenario (the server re-resolves on every request for a what-if). */
const RUN_CACHE_SIZE = 8;
const runCache = new LRUCache<string, PhysicalYieldRun>({ max: RUN_CACHE_SIZE });

/**
 * Weather series parsed from files, by content and reading options: a what-if that changes the array or the site
 * (a slider on the page, or a client trying one tilt after another) parses its 8,760 rows once, not on every run.
 */
const WEATHER_CACHE_SIZE = 4;
const weatherCache = new LRUCache<string, WeatherSeries>({ max: WEATHER_CACHE_SIZE });

function settingsKey(settings: PhysicalYieldSettings, weatherHash: string | undefined, hourly: boolean): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  hash.update(hourly ? '\u0000hourly' : '\u0000summary');
  if (weatherHash !== undefined) hash.update(weatherHash);
  return hash.digest('hex');
}

/** The weather series of a file setting whose text is `text` (SHA-256 `textHash`), parsed once per content and options. */
function cachedWeatherFromText(source: Extract<YieldWeatherSource, { kind: 'file' }>, text: string, textHash: string): WeatherSeries {
  const key = JSON.stringify([textHash, source.label, source.format ?? null, source.decompose === true]);
  let series = weatherCache.get(key);
  if (series === undefined) weatherCache.set(key, (series = weatherFromText(source, text)));
  return series;
}

/**
 * Runs the physical chain for settings (weather read through `readText`); results are cached by the settings and the
 * weather file's content, so resolving the same scenario again costs reading and hashing the file, not a simulation.
 */
export function runPhysicalYield(settings: PhysicalYieldSettings, readText: ReadText, options: { readonly hourly?: boolean } = {}): PhysicalYieldRun {
  const hourly = options.hourly === true;
  const source = settings.weather;
  const text = source.kind === 'file' ? readWeatherText(source, readText) : undefined;
  const textHash = text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
  const key = settingsKey(settings, textHash, hourly);
  const hit = runCache.get(key);
  if (hit !== undefined) return hit;
  const weather = source.kind === 'file' ? cachedWeatherFromText(source, text!, textHash!) : loadYieldWeather(source, settings.site, readText);
  const input: SimulateYieldInput = { site: siteWithWeatherDefaults(settings.site, weather), array: settings.array, weather, hourly };
  const run: PhysicalYieldRun = { result: simulateYield(input), weather, input, ...(settings.preset === undefined ? {} : { preset: settings.preset }) };
  runCache.set(key, run);
  return run;
}

/**
 * First-year specific yield (kWh/kWp = full-load hours) of a scenario's physical-yield section, or the problems that
 * prevent it (each with its field path); weather files resolve against `spec.weatherBaseDir`.
 */
export function physicalFullLoadHours(spec: PhysicalYieldSpec, readText: ReadText): { fullLoadHours?: number; run?: PhysicalYieldRun; issues: PhysicalYieldIssue[] } {
  const { settings, issues } = physicalSettingsFromSpec(spec);
  if (settings === undefined) return { issues };
  try {
    const run = runPhysicalYield(settings, readText);
    return { fullLoadHours: run.result.annualKWhPerKWp, run, issues };
  } catch (e) {
    if (e instanceof WeatherParseError || (e instanceof Error && !(e instanceof TypeError) && !(e instanceof ReferenceError))) {
      const path = settings.weather.kind === 'file' ? ['yield', 'weather', 'file'] : ['yield', 'weather', 'monthlyGhi'];
      return { issues: [{ path, message: e.message }] };
    }
    throw e;
  }
}

/** The folder a weather path of `file` (a scenario file path) resolves against. */
export function weatherBaseDirOf(file: string): string {
  return dirname(resolvePath(file));
}

/**
 * The folder a chain's `yield.weather.file` resolves against: that of the file of the chain that writes it (the
 * child's value wins, so the first such file child-first), else the scenario's own.
 */
export function weatherBaseDirOfChain(chain: ScenarioChain): string {
  const declaring = chain.chain.find((d) => (d.data.yield as { weather?: { file?: unknown } } | undefined)?.weather?.file !== undefined);
  return weatherBaseDirOf(declaring?.file ?? chain.file);
}

/** The physical yield of a section resolved without a scenario file: there is no folder for a relative weather path to resolve against. */
export const defaultPhysicalYield: PhysicalYieldResolver = (section) => {
  const file = section.weather?.file;
  if (file !== undefined && !isAbsolute(file)) {
    return { issues: [{ path: ['yield', 'weather', 'file'], message: `'${file}' is relative to the scenario file: resolve the scenario with loadScenario or resolveChain` }] };
  }
  return physicalFullLoadHours({ ...section, weatherBaseDir: '/' }, readTextFromDisk);
};
