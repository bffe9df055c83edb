/**
 * The hourly system step of resolving a scenario (beside physical-step.ts): a `system:` section as written →
 * generators' hourly series (PV by the physical chain, wind farms by the wind chain, given files), the load, prices,
 * storage and limit in internal units → the core's {@link SystemYield}. The generators' series are the costly part
 * (reading weather, the PV and wind chains) and are cached by the section's generator settings and the content of
 * every file they read, so the server re-resolving a scenario for a what-if does not run the chains again.
 * Every problem names its field (system.generators.1.hubHeight …); a CSV's own line and column are in the message.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { LRUCache } from 'lru-cache';
import { checkPowerCurve, maxPowerKW, type PowerCurve } from '../core/wind/power-curve.ts';
import { findTurbine, TURBINES } from '../core/wind/turbines.ts';
import { simulateWindYear, DEFAULT_WIND_HEIGHT_M, type WindProfile, type WindWeather } from '../core/wind/wind-year.ts';
import { DEFAULT_ROUGHNESS_LENGTH_M } from '../core/wind/profile.ts';
export { deliveredFullLoadHours } from '../core/storage/system-yield.ts';
import { checkSystemYield, windFarmGenerationMW, type StorageSizing, type SystemYield, type SystemYieldGenerator } from '../core/storage/system-yield.ts';
import type { StorageSpec } from '../core/storage/system.ts';
import { fullLoadHoursFromCapacityFactor, HOURS_PER_YEAR } from '../core/units.ts';
import { DATA_FILE_MAX_BYTES } from '../io/read-bounded.ts';
import { detectWeatherFormat, parseWeatherText } from '../weather/read.ts';
import { WeatherParseError } from '../weather/types.ts';
import { parseWindCsv } from '../weather/wind-csv.ts';
import { ScenarioError } from './errors.ts';
import { readTextFromDisk, type ReadText, type ScenarioChain } from './load.ts';
import { physicalSettingsFromSpec, runPhysicalYield } from './physical-yield.ts';
import { parsePowerCurveCsv } from './power-curve-csv.ts';
import { Collector, to, type Setter } from './quantities.ts';
import type { ProjectSpec, SystemGeneratorSpec, SystemSpec } from './schema.ts';
import { GENERATION_COLUMN, LOAD_COLUMN, parseHourlyColumnCsv, PRICE_COLUMN } from './system-series.ts';
import { didYouMean } from './validate.ts';

/** Folders the section's relative paths resolve against: that of the file of the `extends` chain that writes each key. */
export interface SystemBaseDirs {
  readonly generators: string;
  readonly load: string;
  readonly prices: string;
}

/** Resolves a system section into `c` (its problems added there); undefined when it cannot be built. */
export type SystemResolver = (c: Collector, spec: SystemSpec, forPlan: boolean) => SystemYield | undefined;

/** Defaults of the storage fields (those of `pvplan system`, docs/system.md). */
export const SYSTEM_STORAGE_DEFAULTS = { roundTripEfficiency: '90 %', socMin: '10 %', socMax: '100 %', socInitial: '50 %', selfDischarge: '0 %' } as const;
/** A series of one year: 8760 h, or 8784 h in a leap year. */
const LEAP_YEAR_HOURS = 8784;
/** Generator series kept for repeated resolves (the server re-resolves a scenario per what-if). */
const GENERATOR_CACHE_SIZE = 8;

interface GeneratorSeries {
  readonly generators: SystemYieldGenerator[];
  readonly unixTimeS: Float64Array;
  readonly utcOffsetHours: number;
  readonly stepHours: number;
  readonly loadMW?: Float64Array;
  readonly priceYuanPerMWh?: Float64Array;
}

type Issue = { path: string[]; message: string };

const generatorCache = new LRUCache<string, GeneratorSeries>({ max: GENERATOR_CACHE_SIZE });

/** The folder of the file (child first) that writes `system.<key>`, else the scenario's own. */
export function systemBaseDirsOfChain(chain: ScenarioChain): SystemBaseDirs {
  const dirOf = (key: string) => {
    const declaring = chain.chain.find((d) => (d.data.system as Record<string, unknown> | undefined)?.[key] !== undefined);
    return resolvePath(declaring?.file ?? chain.file, '..');
  };
  return { generators: dirOf('generators'), load: dirOf('load'), prices: dirOf('prices') };
}

/** Reads files once per resolve, remembering their text for the cache key; unreadable files become issues. */
class FileReader {
  readonly texts = new Map<string, string>();
  constructor(private readonly readText: ReadText) {}
  read(path: string, label: string, at: string[], issues: Issue[]): string | undefined {
    const hit = this.texts.get(path);
    if (hit !== undefined) return hit;
    try {
      const text = this.readText(path, DATA_FILE_MAX_BYTES);
      this.texts.set(path, text);
      return text;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      issues.push({ path: at, message: `cannot read '${label}' (${path}): ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` });
      return undefined;
    }
  }
}

/** A file reader's problem as an issue at `at`: the file's own line and column stay in the message. */
function fileIssue(e: unknown, at: string[]): Issue {
  if (e instanceof ScenarioError || e instanceof WeatherParseError) return { path: at, message: e.message };
  throw e;
}

/** The wind series of a wind farm's weather file (EPW, TMY3 or wind CSV), its UTC offset and altitude. */
function windWeatherFromText(text: string, label: string, format: 'epw' | 'tmy3' | 'csv' | undefined): { series: WindWeather; utcOffsetHours: number; altitudeM?: number } {
  const f = format ?? detectWeatherFormat(label, text);
  if (f === 'csv') {
    const w = parseWindCsv(text, label);
    return { series: w, utcOffsetHours: w.utcOffsetHours ?? 0 };
  }
  const w = parseWeatherText(text, label, { format: f });
  return { series: w, utcOffsetHours: w.site.utcOffsetHours ?? 0, ...(w.site.altitudeM === undefined ? {} : { altitudeM: w.site.altitudeM }) };
}

/** A fraction from text with its problems, for fields with no uncertainty (the chain's own settings). */
function plainFraction(c: Collector, value: string | undefined, fallback: string, path: string[], min: number, max: number, exclusiveMin = false): number {
  const x = c.fraction(value ?? fallback, path, { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY });
  if (!((exclusiveMin ? x > min : x >= min) && x <= max)) {
    c.add(path, `expected a percentage ${exclusiveMin ? 'above' : 'from'} ${min * 100} % ${exclusiveMin ? 'and at most' : 'to'} ${max * 100} %, got '${value ?? fallback}'`);
  }
  return x;
}

/** A wind farm's generator: the chain run hourly, hub wind and (for the density correction) density kept. */
function windGenerator(c: Collector, g: Extract<SystemGeneratorSpec, { kind: 'wind' }>, at: string[], baseDir: string, files: FileReader, issues: Issue[]): { gen: WindFarmResult; clock?: Clock } | undefined {
  const windHeightM = g.weather.height ?? DEFAULT_WIND_HEIGHT_M;
  const before = issues.length;
  if (!(windHeightM > 0)) issues.push({ path: [...at, 'weather', 'height'], message: `expected a height of the wind data above 0 m, got ${windHeightM}` });
  if (!(g.hubHeight > 0)) issues.push({ path: [...at, 'hubHeight'], message: `expected a hub height above 0 m, got ${g.hubHeight}` });
  else if (g.hubHeight < windHeightM) {
    issues.push({ path: [...at, 'hubHeight'], message: `the hub height (${g.hubHeight} m) is below the height of the wind data (${windHeightM} m, weather.height); the profile is only carried upwards` });
  }
  if (g.roughness !== undefined && g.shearExponent !== undefined) issues.push({ path: [...at, 'shearExponent'], message: "give one of 'roughness' (log law) and 'shearExponent' (power law), not both" });
  let profile: WindProfile;
  if (g.shearExponent !== undefined) {
    if (!(g.shearExponent >= 0 && g.shearExponent <= 1)) issues.push({ path: [...at, 'shearExponent'], message: `expected a Hellmann exponent from 0 to 1, got ${g.shearExponent}` });
    profile = { model: 'hellman', exponent: g.shearExponent };
  } else {
    const z0 = g.roughness ?? DEFAULT_ROUGHNESS_LENGTH_M;
    if (!(z0 > 0)) issues.push({ path: [...at, 'roughness'], message: `expected a roughness length above 0 m, got ${z0}` });
    else if (!(z0 < windHeightM)) issues.push({ path: [...at, 'roughness'], message: `expected a roughness length below the height of the wind data (${windHeightM} m), got ${z0}` });
    profile = { model: 'logarithmic', roughnessLengthM: z0 };
  }
  let curve: PowerCurve | undefined;
  let ratedPowerKW = Number.NaN;
  if ((g.turbine === undefined) === (g.powerCurve === undefined)) {
    issues.push({ path: at, message: "give exactly one of 'turbine' (a library turbine, see pvplan wind --list-turbines) and 'powerCurve' (a CSV file or points)" });
  } else if (g.turbine !== undefined) {
    const t = findTurbine(g.turbine);
    if (t === undefined) {
      const ids = TURBINES.map((x) => x.id);
      const hint = didYouMean(g.turbine, ids);
      issues.push({ path: [...at, 'turbine'], message: `no turbine '${g.turbine}' in the library${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')}` });
    } else {
      curve = t.powerCurve;
      ratedPowerKW = t.ratedPowerKW;
    }
  } else if (typeof g.powerCurve === 'string') {
    const path = resolvePath(baseDir, g.powerCurve);
    const text = files.read(path, g.powerCurve, [...at, 'powerCurve'], issues);
    if (text !== undefined) {
      try {
        curve = parsePowerCurveCsv(text, g.powerCurve);
        ratedPowerKW = maxPowerKW(curve);
      } catch (e) {
        issues.push(fileIssue(e, [...at, 'powerCurve']));
      }
    }
  } else if (g.powerCurve !== undefined) {
    const points = g.powerCurve;
    const inline = { windSpeedsMPerS: points.map((p) => p.windSpeed), powerKW: points.map((p) => p.power) };
    const issue = checkPowerCurve(inline);
    if (issue !== undefined) issues.push({ path: [...at, 'powerCurve', String(Math.min(issue.index, points.length - 1)), issue.field === 'powerKW' ? 'power' : 'windSpeed'], message: issue.message });
    else {
      curve = inline;
      ratedPowerKW = maxPowerKW(inline);
    }
  }
  const lossFrac = plainFraction(c, g.losses, '0 %', [...at, 'losses'], 0, 1);
  const availabilityFrac = plainFraction(c, g.availability, '100 %', [...at, 'availability'], 0, 1);
  if ((g.count === undefined) === (g.capacity === undefined)) issues.push({ path: at, message: "give exactly one of 'count' (turbines) and 'capacity' (the farm's rated power)" });
  const weatherPath = resolvePath(baseDir, g.weather.file);
  const text = files.read(weatherPath, g.weather.file, [...at, 'weather', 'file'], issues);
  if (issues.length > before || curve === undefined || text === undefined) return undefined;
  let weather: ReturnType<typeof windWeatherFromText>;
  try {
    weather = windWeatherFromText(text, g.weather.file, g.weather.format);
  } catch (e) {
    issues.push(fileIssue(e, [...at, 'weather', 'file']));
    return undefined;
  }
  const capacityMW = g.count !== undefined ? (g.count * ratedPowerKW) / 1000 : c.quantity(g.capacity, 'power', [...at, 'capacity']);
  if (!(capacityMW > 0)) issues.push({ path: [...at, 'capacity'], message: `expected a capacity above 0 MW, got '${String(g.capacity)}'` });
  const result = simulateWindYear(weather.series, { ratedPowerKW, powerCurve: curve }, {
    hubHeightM: g.hubHeight,
    windHeightM,
    windProfile: profile,
    densityModel: g.densityModel ?? 'barometric',
    densityCorrection: g.densityCorrection === true,
    siteAltitudeM: weather.altitudeM ?? 0,
    utcOffsetHours: weather.utcOffsetHours,
    hourly: true,
  });
  const h = result.hourly!;
  return {
    gen: {
      kind: 'wind',
      name: g.name,
      capacityMW,
      hubWindSpeedMPerS: h.hubWindSpeedMPerS,
      ...(g.densityCorrection === true ? { airDensityKgPerM3: h.airDensityKgPerM3 } : {}),
      powerCurve: { windSpeedsMPerS: Array.from(curve.windSpeedsMPerS), powerKW: Array.from(curve.powerKW) },
      ratedPowerKW,
      netFrac: (1 - lossFrac) * availabilityFrac,
    },
    clock: { unixTimeS: weather.series.unixTimeS, utcOffsetHours: weather.utcOffsetHours, stepHours: weather.series.stepHours },
  };
}

type WindFarmResult = Extract<SystemYieldGenerator, { kind: 'wind' }>;
interface Clock {
  readonly unixTimeS: Float64Array;
  readonly utcOffsetHours: number;
  readonly stepHours: number;
}

/** A PV array's generator: the physical chain hourly, its AC output per kWp, optionally scaled to given full-load hours. */
function pvGenerator(c: Collector, g: Extract<SystemGeneratorSpec, { kind: 'pv' }>, at: string[], baseDir: string, readText: ReadText, issues: Issue[]): { gen: SystemYieldGenerator; clock: Clock } | undefined {
  const { settings, issues: own } = physicalSettingsFromSpec({ site: g.site, array: g.array, weather: g.weather, weatherBaseDir: baseDir });
  for (const i of own) issues.push({ path: [...at, ...i.path.slice(1)], message: i.message });
  const capacityMW = c.quantity(g.capacity, 'power', [...at, 'capacity']);
  if (!(capacityMW > 0)) issues.push({ path: [...at, 'capacity'], message: `expected a capacity above 0 MW, got '${g.capacity}'` });
  const targetHours = g.fullLoadHours === undefined ? undefined : c.quantity(g.fullLoadHours, 'duration', [...at, 'fullLoadHours']);
  if (targetHours !== undefined && !(targetHours > 0 && targetHours <= LEAP_YEAR_HOURS)) issues.push({ path: [...at, 'fullLoadHours'], message: `expected hours per year above 0 and at most 8784 h, got '${g.fullLoadHours}'` });
  if (settings === undefined) return undefined;
  let run: ReturnType<typeof runPhysicalYield>;
  try {
    run = runPhysicalYield(settings, readText, { hourly: true });
  } catch (e) {
    if (e instanceof TypeError || e instanceof ReferenceError || !(e instanceof Error)) throw e;
    issues.push({ path: [...at, 'weather', settings.weather.kind === 'file' ? 'file' : 'monthlyGhi'], message: e.message });
    return undefined;
  }
  const ac = run.result.hourly!.acW;
  const dt = run.weather.stepHours;
  let sum = 0;
  for (let t = 0; t < ac.length; t++) sum += Math.max(0, ac[t]!) * dt;
  const annual = targetHours ?? run.result.annualKWhPerKWp;
  const perMW = new Float64Array(ac.length);
  if (sum > 0) for (let t = 0; t < ac.length; t++) perMW[t] = (Math.max(0, ac[t]!) / sum) * annual;
  return { gen: { kind: 'pv', name: g.name, capacityMW, perMW }, clock: { unixTimeS: run.weather.unixTimeS, utcOffsetHours: run.input.site.utcOffsetHours ?? 0, stepHours: dt } };
}

/** A given generation file's generator: its MW over its nameplate, step by step. */
function otherGenerator(c: Collector, g: Extract<SystemGeneratorSpec, { kind: 'other' }>, at: string[], baseDir: string, files: FileReader, issues: Issue[]): { gen: SystemYieldGenerator; clock: Clock } | undefined {
  const capacityMW = c.quantity(g.capacity, 'power', [...at, 'capacity']);
  if (!(capacityMW > 0)) issues.push({ path: [...at, 'capacity'], message: `expected a capacity above 0 MW, got '${g.capacity}'` });
  const text = files.read(resolvePath(baseDir, g.file), g.file, [...at, 'file'], issues);
  if (text === undefined) return undefined;
  try {
    const col = parseHourlyColumnCsv(text, g.file, GENERATION_COLUMN);
    const perMW = new Float64Array(col.values.length);
    for (let t = 0; t < perMW.length; t++) perMW[t] = col.values[t]! / capacityMW;
    return { gen: { kind: 'other', name: g.name, capacityMW, perMW }, clock: { unixTimeS: col.unixTimeS, utcOffsetHours: col.utcOffsetHours, stepHours: col.stepHours } };
  } catch (e) {
    issues.push(fileIssue(e, [...at, 'file']));
    return undefined;
  }
}

/** A series file of the section (load, prices) checked against the generators' step count; its values or issues. */
function sideSeries(spec: typeof LOAD_COLUMN, file: string, at: string[], baseDir: string, files: FileReader, steps: number, issues: Issue[]): Float64Array | undefined {
  const text = files.read(resolvePath(baseDir, file), file, at, issues);
  if (text === undefined) return undefined;
  try {
    const col = parseHourlyColumnCsv(text, file, spec);
    if (col.values.length !== steps) {
      issues.push({ path: at, message: `${file}:${Math.min(col.values.length, steps) + 2}:1: rows: expected one row for each of the ${steps} steps of the generators, got ${col.values.length} rows` });
      return undefined;
    }
    return col.values;
  } catch (e) {
    issues.push(fileIssue(e, at));
    return undefined;
  }
}

/** The generators, clock, load and prices of a section (cached by settings and file contents). */
function generatorSeries(c: Collector, spec: SystemSpec, dirs: SystemBaseDirs, readText: ReadText): GeneratorSeries | undefined {
  const files = new FileReader(readText);
  const issues: Issue[] = [];
  // The key needs every file's content: read the section's own files first (the PV chain reads and caches its own).
  const keyHash = createHash('sha256');
  keyHash.update(JSON.stringify({ generators: spec.generators, load: spec.load, prices: spec.prices, dirs }));
  for (const [i, g] of spec.generators.entries()) {
    const at = ['system', 'generators', String(i)];
    const own = g.kind === 'wind' ? [g.weather.file, typeof g.powerCurve === 'string' ? g.powerCurve : undefined] : g.kind === 'other' ? [g.file] : [g.weather.file];
    for (const f of own) if (f !== undefined) keyHash.update(files.read(resolvePath(dirs.generators, f), f, [...at, g.kind === 'other' ? 'file' : 'weather'], []) ?? '\u0000missing');
  }
  for (const [f, dir] of [[spec.load, dirs.load], [spec.prices, dirs.prices]] as const) if (f !== undefined) keyHash.update(files.read(resolvePath(dir, f), f, [], []) ?? '\u0000missing');
  const key = keyHash.digest('hex');
  const hit = generatorCache.get(key);
  // Quantities are parsed again on a hit so that their problems and uncertain inputs are collected each time.
  if (hit !== undefined) {
    for (const [i, g] of spec.generators.entries()) if (g.capacity !== undefined) c.quantity(g.capacity, 'power', ['system', 'generators', String(i), 'capacity']);
    return hit;
  }

  const gens: SystemYieldGenerator[] = [];
  let clock: Clock | undefined;
  for (const [i, g] of spec.generators.entries()) {
    const at = ['system', 'generators', String(i)];
    const built = g.kind === 'pv' ? pvGenerator(c, g, at, dirs.generators, readText, issues) : g.kind === 'wind' ? windGenerator(c, g, at, dirs.generators, files, issues) : otherGenerator(c, g, at, dirs.generators, files, issues);
    if (built === undefined) continue;
    const steps = built.gen.kind === 'wind' ? built.gen.hubWindSpeedMPerS.length : built.gen.perMW.length;
    if (clock === undefined) clock = built.clock;
    else if (steps !== clock.unixTimeS.length || built.clock!.stepHours !== clock.stepHours) {
      issues.push({ path: at, message: `expected ${clock.unixTimeS.length} steps of ${clock.stepHours} h like the first generator (generators are aligned step by step), got ${steps} steps of ${built.clock!.stepHours} h` });
      continue;
    }
    gens.push(built.gen);
  }
  if (clock !== undefined && issues.length === 0) {
    const hours = clock.unixTimeS.length * clock.stepHours;
    if (!(hours >= HOURS_PER_YEAR - 1e-6 && hours <= LEAP_YEAR_HOURS + 1e-6)) {
      issues.push({ path: ['system', 'generators'], message: `expected the generators' series to cover one year (8760 or 8784 h), got ${hours} h` });
    }
  }
  const steps = clock?.unixTimeS.length ?? 0;
  const loadMW = spec.load === undefined || clock === undefined ? undefined : sideSeries(LOAD_COLUMN, spec.load, ['system', 'load'], dirs.load, files, steps, issues);
  const priceYuanPerMWh = spec.prices === undefined || clock === undefined ? undefined : sideSeries(PRICE_COLUMN, spec.prices, ['system', 'prices'], dirs.prices, files, steps, issues);
  for (const i of issues) c.add(i.path, i.message);
  if (issues.length > 0 || clock === undefined) return undefined;
  const series: GeneratorSeries = {
    generators: gens,
    unixTimeS: clock.unixTimeS,
    utcOffsetHours: clock.utcOffsetHours,
    stepHours: clock.stepHours,
    ...(loadMW === undefined ? {} : { loadMW }),
    ...(priceYuanPerMWh === undefined ? {} : { priceYuanPerMWh }),
  };
  generatorCache.set(key, series);
  return series;
}

/** The wind-chain fields of a portfolio project's yield (ProjectYieldSchema): a system wind farm's, without name, count and capacity. */
export type WindChainSpec = Omit<NonNullable<ProjectSpec['yield']>, 'fullLoadHours'>;
/** A project's wind-chain yield as a wind farm of a nominal 1 MW: full-load hours do not depend on the farm's size. */
const NOMINAL_FARM_CAPACITY = '1 MW';

/**
 * Full-load hours a year of a wind farm from the wind chain (docs/wind.md), for a portfolio project:
 * h = CF · 8760 h with CF = Σ_t P_t·Δt / (P_rated · Σ_t Δt), P_t the farm's net output (power curve, losses,
 * availability), so a series of any length gives hours per year (a typical year of 8760 h gives Σ_t P_t·Δt / P_rated).
 * The chain is windGenerator's, its series kept in the generators' cache by the settings and the files' content.
 * Problems are returned with their field path under `at` (projects.3.yield.hubHeight …).
 */
export function windChainFullLoadHours(spec: WindChainSpec, at: string[], baseDir: string, readText: ReadText = readTextFromDisk): { fullLoadHours?: number; issues: Issue[] } {
  if (spec.hubHeight === undefined || spec.weather === undefined) {
    const missing = spec.hubHeight === undefined ? 'hubHeight' : 'weather';
    return { issues: [{ path: [...at, missing], message: `missing required field '${missing}' of the wind chain (turbine or powerCurve, hubHeight, weather; docs/wind.md)` }] };
  }
  const farm = { ...spec, hubHeight: spec.hubHeight, weather: spec.weather, name: at.join('.'), kind: 'wind' as const, capacity: NOMINAL_FARM_CAPACITY };
  const files = new FileReader(readText);
  const keyHash = createHash('sha256');
  keyHash.update(JSON.stringify({ projectWind: spec, baseDir }));
  for (const f of [farm.weather.file, typeof farm.powerCurve === 'string' ? farm.powerCurve : undefined]) if (f !== undefined) keyHash.update(files.read(resolvePath(baseDir, f), f, at, []) ?? '\u0000missing');
  const key = keyHash.digest('hex');
  let series = generatorCache.get(key);
  if (series === undefined) {
    const c = new Collector();
    const issues: Issue[] = [];
    const built = windGenerator(c, farm, at, baseDir, files, issues);
    for (const i of c.issues) issues.push({ path: [...i.path], message: i.message });
    if (built === undefined || issues.length > 0) return { issues };
    const clock = built.clock!;
    series = { generators: [built.gen], unixTimeS: clock.unixTimeS, utcOffsetHours: clock.utcOffsetHours, stepHours: clock.stepHours };
    generatorCache.set(key, series);
  }
  const gen = series.generators[0]! as WindFarmResult;
  const outputMW = windFarmGenerationMW(gen, 1);
  let energyMWh = 0;
  for (let t = 0; t < outputMW.length; t++) energyMWh += outputMW[t]! * series.stepHours;
  const hours = outputMW.length * series.stepHours;
  return { fullLoadHours: hours > 0 ? fullLoadHoursFromCapacityFactor(energyMWh / (gen.capacityMW * hours)) : 0, issues: [] };
}

/** Storage of a section in internal units (defaults filled), with the sizing rule when written as ratio and hours. */
function storageOf(c: Collector, st: SystemSpec['storage'], forPlan: boolean): { storage: StorageSpec; sizing?: StorageSizing } {
  const at = ['system', 'storage'];
  const set = (field: Parameters<typeof to>[0]): Setter | undefined => (forPlan ? to(field) : undefined);
  const s = st ?? {};
  const byPower = s.power !== undefined || s.energy !== undefined;
  const byRatio = s.ratio !== undefined || s.hours !== undefined;
  if (byPower && byRatio) c.add(at, "give 'power' and 'energy', or 'ratio' and 'hours' (the sizing rule), not both");
  let powerMW = 0;
  let energyMWh = 0;
  let sizing: StorageSizing | undefined;
  if (byRatio) {
    if (s.ratio === undefined || s.hours === undefined) c.add(at, "the sizing rule needs both 'ratio' (e.g. '10 %') and 'hours' (e.g. '2 h')");
    const powerRatioFrac = s.ratio === undefined ? 0 : c.quantity(s.ratio, 'fraction', [...at, 'ratio'], set('yield.system.storageSizing.powerRatioFrac'), { min: 0 });
    const durationHours = s.hours === undefined ? 0 : c.quantity(s.hours, 'duration', [...at, 'hours'], set('yield.system.storageSizing.durationHours'), { min: 0 });
    if (!(powerRatioFrac >= 0)) c.add([...at, 'ratio'], `expected a ratio of at least 0 %, got '${String(s.ratio)}'`);
    if (!(durationHours >= 0)) c.add([...at, 'hours'], `expected a duration of at least 0 h, got '${String(s.hours)}'`);
    sizing = { powerRatioFrac, durationHours };
  } else if (byPower) {
    if (s.power === undefined || s.energy === undefined) c.add(at, "storage needs both 'power' (MW) and 'energy' (MWh)");
    powerMW = s.power === undefined ? 0 : c.quantity(s.power, 'power', [...at, 'power'], set('yield.system.storage.powerMW'), { min: 0 });
    energyMWh = s.energy === undefined ? 0 : c.quantity(s.energy, 'energy', [...at, 'energy'], set('yield.system.storage.energyMWh'), { min: 0 });
    if (!(powerMW >= 0)) c.add([...at, 'power'], `expected a power of at least 0 MW, got '${String(s.power)}'`);
    if (!(energyMWh >= 0)) c.add([...at, 'energy'], `expected an energy of at least 0 MWh, got '${String(s.energy)}'`);
  }
  const d = SYSTEM_STORAGE_DEFAULTS;
  const roundTripEfficiencyFrac = plainFraction(c, s.roundTripEfficiency, d.roundTripEfficiency, [...at, 'roundTripEfficiency'], 0, 1, true);
  const socMinFrac = plainFraction(c, s.socMin, d.socMin, [...at, 'socMin'], 0, 1);
  const socMaxFrac = plainFraction(c, s.socMax, d.socMax, [...at, 'socMax'], 0, 1);
  if (socMinFrac > socMaxFrac) c.add([...at, 'socMin'], `the SOC minimum (${s.socMin ?? d.socMin}) is above the maximum (${s.socMax ?? d.socMax}); expected the minimum at or below the maximum`);
  const socInitialFrac = plainFraction(c, s.socInitial, d.socInitial, [...at, 'socInitial'], 0, 1);
  if (socMinFrac <= socMaxFrac && (socInitialFrac < socMinFrac || socInitialFrac > socMaxFrac)) {
    c.add([...at, 'socInitial'], `expected a starting SOC within socMin ${s.socMin ?? d.socMin} and socMax ${s.socMax ?? d.socMax}, got '${s.socInitial ?? d.socInitial}'`);
  }
  const selfDischargeFracPerHour = plainFraction(c, s.selfDischarge, d.selfDischarge, [...at, 'selfDischarge'], 0, 1);
  if (selfDischargeFracPerHour >= 1) c.add([...at, 'selfDischarge'], `expected a loss per hour below 100 %, got '${s.selfDischarge}'`);
  return { storage: { powerMW, energyMWh, roundTripEfficiencyFrac, socMinFrac, socMaxFrac, socInitialFrac, selfDischargeFracPerHour }, ...(sizing === undefined ? {} : { sizing }) };
}

/**
 * Resolves a system section into the core's SystemYield (problems added to `c` with their field paths). `forPlan`:
 * the plan's yield comes from it, so distributions of its inputs become uncertain parameters of the plan.
 */
export function resolveSystem(c: Collector, spec: SystemSpec, forPlan: boolean, dirs: SystemBaseDirs, readText: ReadText): SystemYield | undefined {
  const set = (field: Parameters<typeof to>[0]): Setter | undefined => (forPlan ? to(field) : undefined);
  const issuesBefore = c.issues.length;
  const exportLimitMW = c.quantity(spec.exportLimit, 'power', ['system', 'exportLimit'], set('yield.system.exportLimitMW'), { min: 0 });
  if (!(exportLimitMW >= 0)) c.add(['system', 'exportLimit'], `expected a power of at least 0 MW, got '${String(spec.exportLimit)}'`);
  const { storage, sizing } = storageOf(c, spec.storage, forPlan);
  const windSpeedScaleFrac = spec.windSpeedScale === undefined ? 1 : c.quantity(spec.windSpeedScale, 'fraction', ['system', 'windSpeedScale'], set('yield.system.windSpeedScaleFrac'), { min: 0 });
  if (!(windSpeedScaleFrac >= 0)) c.add(['system', 'windSpeedScale'], `expected a scale of at least 0 %, got '${String(spec.windSpeedScale)}'`);
  const strategy = spec.strategy ?? 'greedy';
  let horizonSteps: number | undefined;
  const series = generatorSeries(c, spec, dirs, readText);
  if (spec.horizon !== undefined) {
    if (strategy !== 'optimal') c.add(['system', 'horizon'], "'horizon' applies to strategy: optimal");
    const hours = c.quantity(spec.horizon, 'duration', ['system', 'horizon']);
    if (series !== undefined) {
      horizonSteps = hours / series.stepHours;
      if (!(Number.isInteger(horizonSteps) && horizonSteps >= 2)) c.add(['system', 'horizon'], `expected a whole number of steps of ${series.stepHours} h, at least 2, got '${spec.horizon}'`);
    }
  }
  // A system with any problem is not built: the plan would dispatch what the file did not mean.
  if (series === undefined || c.issues.length > issuesBefore) return undefined;
  const system: SystemYield = {
    ...series,
    exportLimitMW,
    storage,
    ...(sizing === undefined ? {} : { storageSizing: sizing }),
    windSpeedScaleFrac,
    strategy,
    ...(horizonSteps === undefined ? {} : { horizonSteps }),
  };
  checkSystemYield(system);
  return system;
}

/** Without a scenario file there is no folder for relative paths: absolute paths only. */
export const defaultSystemResolver: SystemResolver = (c, spec, forPlan) => {
  const relative = [
    ...spec.generators.flatMap((g, i) => (g.kind === 'other' ? [[i, 'file', g.file]] : [[i, 'weather', g.weather.file]]) as Array<[number, string, string]>),
  ].find(([, , f]) => !isAbsolute(f));
  if (relative !== undefined) {
    c.add(['system', 'generators', String(relative[0]), relative[1]], `'${relative[2]}' is relative to the scenario file: resolve the scenario with loadScenario or resolveChain`);
    return undefined;
  }
  return resolveSystem(c, spec, forPlan, { generators: '/', load: '/', prices: '/' }, readTextFromDisk);
};
