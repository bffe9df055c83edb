/**
 * `pvplan yield [FILE]`: the physical PV yield (kWh/kWp) of a site, an array and a weather year, from a scenario's
 * `yield` section (model: physical) or from flags, with PVWatts conventions for the flags. Flags given with a
 * scenario override its settings. Monthly and annual specific yield, insolation, PR, capacity factor, losses by step.
 */
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { PVWATTS_ETA_INV_NOM } from '../../core/pv/pvwatts.ts';
import { cellTemperatureParams, SAPM_MOUNTINGS, TEMPERATURE_MODELS, type SapmMounting, type TemperatureModel } from '../../core/pv/temperature.ts';
import { IAM_MODELS, type IamModel } from '../../core/pv/aoi.ts';
import { DECOMPOSITION_MODELS, type DecompositionModel } from '../../core/pv/decomposition.ts';
import { TRANSPOSITION_MODELS, type TranspositionModel } from '../../core/pv/transposition.ts';
import { MOUNTING_TYPES, SINGLE_AXIS_DEFAULTS, type MountingType } from '../../core/pv/tracking.ts';
import { DEFAULT_ALBEDO, DEFAULT_DC_AC_RATIO, DEFAULT_GAMMA_PER_C, type PvArray, type PvMounting, type YieldHourly } from '../../core/pv/pv-yield.ts';
import { systemLossFrac } from '../../core/pv/pvwatts.ts';
import { PVWATTS_ARRAY_TYPES, PVWATTS_MODULE_TYPES, pvwattsV5Array, type PvwattsArrayType, type PvwattsModuleType, type PvwattsV5Options } from '../../core/pv/pvwatts-v5.ts';
import { WEATHER_FILE_FORMATS, type WeatherFileFormat } from '../../weather/read.ts';
import { displayWidth, renderJson, type OutputFormat } from '../../report/format.ts';
import { loadScenarioChain, readTextFromDisk } from '../../scenario/load.ts';
import {
  physicalSettingsFromSpec,
  PVWATTS_DEFAULT_SYSTEM_LOSSES,
  runPhysicalYield,
  weatherBaseDirOfChain,
  type PhysicalYieldRun,
  type PhysicalYieldSettings,
} from '../../scenario/physical-yield.ts';
import type { UnitSystem } from '../../scenario/quantity.ts';
import { resolveChain } from '../../scenario/resolve.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { formatIsoTimeWithOffset } from '../../weather/csv.ts';
import { WeatherParseError } from '../../weather/types.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { numberFlag, withExample, withReportOptions, type ReportOptions } from '../options.ts';

/** Options as commander hands them over: numbers still text, so each message can name its flag. */
interface YieldFlags extends ReportOptions {
  readonly lat?: string;
  readonly lon?: string;
  readonly altitude?: string;
  readonly timezone?: string;
  readonly weather?: string;
  readonly decompose?: boolean;
  readonly tilt?: string;
  readonly azimuth?: string;
  readonly tracking?: MountingType;
  readonly gcr?: string;
  readonly maxAngle?: string;
  readonly backtrack: boolean;
  readonly albedo?: string;
  readonly transposition?: TranspositionModel;
  readonly aoiModel?: IamModel;
  readonly temperatureModel?: TemperatureModel;
  readonly racking?: SapmMounting;
  readonly decomposition?: DecompositionModel;
  readonly gamma?: string;
  readonly losses?: string;
  readonly dcAc?: string;
  readonly inverterEfficiency?: string;
  readonly hourly?: string;
  readonly preset?: 'pvwatts-v5';
  readonly moduleType?: PvwattsModuleType;
  readonly arrayType?: PvwattsArrayType;
  readonly weatherFormat?: WeatherFileFormat;
}

const PERCENT = 100;
/** Significant digits of the values in the --hourly CSV (more than any input carries). */
const HOURLY_SIGNIFICANT_DIGITS = 10;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES_CN = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

/** Settings from flags alone (no scenario): --weather is required, the site defaults to the file header. */
function settingsFromFlags(flags: YieldFlags): PhysicalYieldSettings {
  if (flags.weather === undefined) {
    throw new CliError('give a scenario file with a physical yield section, or --weather FILE (EPW, TMY3, SAM CSV, PVGIS TMY or weather CSV) and the array flags');
  }
  return applyFlags({ site: {}, array: { mounting: { type: 'fixed', tiltDeg: Number.NaN, azimuthDeg: 180 }, losses: PVWATTS_DEFAULT_SYSTEM_LOSSES }, weather: fileWeather(flags.weather, flags) }, flags);
}

function fileWeather(path: string, flags: YieldFlags): PhysicalYieldSettings['weather'] {
  return { kind: 'file', path, label: path, decompose: flags.decompose === true, ...(flags.weatherFormat === undefined ? {} : { format: flags.weatherFormat }) };
}

/** Flags the pvwatts-v5 preset decides itself, with the flag that chooses it instead. */
const PRESET_OWNED_FLAGS: ReadonlyArray<readonly [keyof YieldFlags, string]> = [
  ['tracking', '--tracking'],
  ['maxAngle', '--max-angle'],
  ['transposition', '--transposition'],
  ['aoiModel', '--aoi-model'],
  ['temperatureModel', '--temperature-model'],
  ['racking', '--racking'],
  ['decomposition', '--decomposition'],
  ['gamma', '--gamma'],
];

/** The PVWatts v5 inputs after the flags: module and array type, tilt, azimuth, GCR, DC/AC, η, losses, albedo. */
function presetWithFlags(base: PvwattsV5Options | undefined, flags: YieldFlags): PvwattsV5Options {
  for (const [key, flag] of PRESET_OWNED_FLAGS) {
    if (flags[key] !== undefined) throw new CliError(`${flag}: set by --preset pvwatts-v5 (choose --module-type and --array-type instead)`);
  }
  if (!flags.backtrack) throw new CliError('--no-backtrack: set by --preset pvwatts-v5 (--array-type one-axis does not backtrack, one-axis-backtracking does)');
  const arrayType = flags.arrayType ?? base?.arrayType ?? 'fixed-open-rack';
  const fixed = arrayType.startsWith('fixed');
  const tiltDeg = numberFlag('--tilt', flags.tilt, 'a tilt in degrees (trackers: the axis tilt)', 0, 90) ?? (base?.arrayType === arrayType ? base.tiltDeg : undefined) ?? (fixed ? undefined : 0);
  if (tiltDeg === undefined || Number.isNaN(tiltDeg)) throw new CliError('--tilt: required for a fixed PVWatts array (degrees from horizontal, e.g. --tilt 20)');
  const azimuthDeg = numberFlag('--azimuth', flags.azimuth, 'an azimuth in degrees clockwise from north (trackers: the axis azimuth)', 0, 360) ?? base?.azimuthDeg;
  const gcr = numberFlag('--gcr', flags.gcr, 'a ground coverage ratio', 0, 1, true) ?? base?.gcr;
  if (gcr !== undefined && !arrayType.startsWith('one-axis')) throw new CliError('--gcr: applies to --array-type one-axis and one-axis-backtracking');
  const lossPercent = numberFlag('--losses', flags.losses, 'total system losses in percent (PVWatts: 14.08)', 0, 99.999);
  const dcAcRatio = numberFlag('--dc-ac', flags.dcAc, 'a DC/AC ratio (PVWatts: 1.2)', 0, 5, true) ?? base?.dcAcRatio;
  const inverterEfficiency = numberFlag('--inverter-efficiency', flags.inverterEfficiency, 'a nominal inverter efficiency as a fraction (PVWatts: 0.96)', 0.5, 1, true) ?? base?.inverterEfficiency;
  const albedo = numberFlag('--albedo', flags.albedo, 'a ground albedo', 0, 1) ?? base?.albedo;
  const losses = lossPercent === undefined ? base?.losses : ({ kind: 'total', totalFrac: lossPercent / PERCENT } as const);
  return {
    moduleType: flags.moduleType ?? base?.moduleType ?? 'standard',
    arrayType,
    tiltDeg,
    ...(azimuthDeg === undefined ? {} : { azimuthDeg }),
    ...(gcr === undefined ? {} : { gcr }),
    ...(dcAcRatio === undefined ? {} : { dcAcRatio }),
    ...(inverterEfficiency === undefined ? {} : { inverterEfficiency }),
    ...(losses === undefined ? {} : { losses }),
    ...(albedo === undefined ? {} : { albedo }),
  };
}

/** Settings with every given flag applied over `base` (a fixed rack needs a tilt from one or the other). */
function applyFlags(base: PhysicalYieldSettings, flags: YieldFlags): PhysicalYieldSettings {
  const latitudeDeg = numberFlag('--lat', flags.lat, 'a latitude in degrees', -90, 90);
  const longitudeDeg = numberFlag('--lon', flags.lon, 'a longitude in degrees (east positive)', -180, 180);
  const altitudeM = numberFlag('--altitude', flags.altitude, 'an altitude in metres', -500, 9000);
  const utcOffsetHours = numberFlag('--timezone', flags.timezone, 'a UTC offset in hours', -12, 14);
  const site = {
    ...base.site,
    ...(latitudeDeg === undefined ? {} : { latitudeDeg }),
    ...(longitudeDeg === undefined ? {} : { longitudeDeg }),
    ...(altitudeM === undefined ? {} : { altitudeM }),
    ...(utcOffsetHours === undefined ? {} : { utcOffsetHours }),
  };
  let weather = base.weather;
  if (flags.weather !== undefined) weather = fileWeather(flags.weather, flags);
  else if (flags.decompose === true || flags.weatherFormat !== undefined) {
    if (weather.kind !== 'file') throw new CliError('--decompose and --weather-format: apply to a weather file, not a synthetic year');
    weather = { ...weather, ...(flags.decompose === true ? { decompose: true } : {}), ...(flags.weatherFormat === undefined ? {} : { format: flags.weatherFormat }) };
  }
  if (flags.preset !== undefined || base.preset !== undefined) {
    const preset = presetWithFlags(base.preset, flags);
    return { site, array: pvwattsV5Array(preset), preset, weather };
  }
  if (flags.moduleType !== undefined || flags.arrayType !== undefined) throw new CliError('--module-type and --array-type: apply to --preset pvwatts-v5');

  const tiltDeg = numberFlag('--tilt', flags.tilt, 'a tilt in degrees', 0, 90);
  const azimuthDeg = numberFlag('--azimuth', flags.azimuth, 'an azimuth in degrees clockwise from north', 0, 360);
  const gcr = numberFlag('--gcr', flags.gcr, 'a ground coverage ratio', 0, 1, true);
  const maxAngleDeg = numberFlag('--max-angle', flags.maxAngle, 'a rotation limit in degrees', 0, 90, true);
  const type = flags.tracking ?? base.array.mounting.type;
  let mounting: PvMounting;
  if (type === 'two-axis') {
    if (gcr !== undefined || maxAngleDeg !== undefined || !flags.backtrack || tiltDeg !== undefined || azimuthDeg !== undefined) {
      throw new CliError('--tilt, --azimuth, --gcr, --max-angle and --no-backtrack do not apply to --tracking two-axis, which faces the sun');
    }
    mounting = { type: 'two-axis' };
  } else if (type === 'fixed') {
    if (gcr !== undefined || maxAngleDeg !== undefined || !flags.backtrack) throw new CliError('--gcr, --max-angle and --no-backtrack apply to --tracking single-axis');
    const previous = base.array.mounting.type === 'fixed' ? base.array.mounting : undefined;
    const tilt = tiltDeg ?? previous?.tiltDeg;
    if (tilt === undefined || Number.isNaN(tilt)) throw new CliError('--tilt: required for a fixed rack (degrees from horizontal, e.g. --tilt 30)');
    mounting = { type: 'fixed', tiltDeg: tilt, azimuthDeg: azimuthDeg ?? previous?.azimuthDeg ?? 180 };
  } else {
    if (tiltDeg !== undefined || azimuthDeg !== undefined) throw new CliError("--tilt and --azimuth apply to a fixed rack; a tracker's orientation follows the sun");
    const previous = base.array.mounting.type === 'single-axis' ? base.array.mounting : {};
    mounting = {
      type: 'single-axis',
      ...previous,
      ...(gcr === undefined ? {} : { gcr }),
      ...(maxAngleDeg === undefined ? {} : { maxAngleDeg }),
      ...(flags.backtrack ? {} : { backtrack: false }),
    };
  }
  const gammaPerC = numberFlag('--gamma', flags.gamma, 'a temperature coefficient per °C (PVWatts: -0.0037)', -0.05, 0.01, true);
  const lossPercent = numberFlag('--losses', flags.losses, 'total system losses in percent (PVWatts: 14)', 0, 99.999);
  const dcAcRatio = numberFlag('--dc-ac', flags.dcAc, 'a DC/AC ratio (PVWatts: 1.2)', 0, 5, true);
  const inverterEfficiency = numberFlag('--inverter-efficiency', flags.inverterEfficiency, 'a nominal inverter efficiency as a fraction (PVWatts: 0.96)', 0.5, 1, true);
  const albedo = numberFlag('--albedo', flags.albedo, 'a ground albedo', 0, 1);
  const temperatureModel = flags.temperatureModel ?? base.array.temperature?.model ?? 'sapm';
  if (flags.racking !== undefined && temperatureModel !== 'sapm') throw new CliError('--racking: selects SAPM coefficients; it has no effect with --temperature-model faiman');
  const temperature =
    flags.temperatureModel !== undefined || flags.racking !== undefined
      ? cellTemperatureParams(temperatureModel, flags.racking ?? 'open-rack-glass-glass')
      : base.array.temperature;
  const array: PvArray = {
    ...base.array,
    mounting,
    ...(gammaPerC === undefined ? {} : { gammaPerC }),
    ...(lossPercent === undefined ? {} : { losses: { kind: 'total', totalFrac: lossPercent / PERCENT } }),
    ...(dcAcRatio === undefined ? {} : { dcAcRatio }),
    ...(inverterEfficiency === undefined ? {} : { inverterEfficiency }),
    ...(albedo === undefined ? {} : { albedo }),
    ...(flags.transposition === undefined ? {} : { transposition: flags.transposition }),
    ...(flags.aoiModel === undefined ? {} : { iamModel: flags.aoiModel }),
    ...(flags.decomposition === undefined ? {} : { decomposition: flags.decomposition }),
    ...(temperature === undefined ? {} : { temperature }),
  };
  return { site, array, weather };
}

/** Settings from a scenario's yield section, after the scenario validates (a ScenarioError otherwise). */
function settingsFromScenario(file: string): { settings: PhysicalYieldSettings; name: string } {
  const chain = loadScenarioChain(file);
  const resolved = resolveChain(chain);
  const y: Scenario['yield'] = resolved.written.yield;
  if (y.model !== 'physical') {
    throw new CliError(`${file}: yield.model is '${y.model}'; pvplan yield needs a physical yield section (yield.model: physical with site, array and weather), or flags such as --weather FILE --tilt 30`);
  }
  const { settings } = physicalSettingsFromSpec({ preset: y.preset, moduleType: y.moduleType, arrayType: y.arrayType, site: y.site, array: y.array, weather: y.weather, weatherBaseDir: weatherBaseDirOfChain(chain) });
  // resolveChain has already rejected every problem physicalSettingsFromSpec could report.
  return { settings: settings!, name: resolved.name };
}

/** The JSON of a run (documented in docs/pv-yield.md and the README). */
export function yieldJson(run: PhysicalYieldRun, title: string): Record<string, unknown> {
  const { result, weather, input } = run;
  const a = input.array;
  const mounting = a.mounting;
  return {
    ...(run.preset === undefined ? {} : { preset: { name: 'pvwatts-v5', ...run.preset } }),
    pvplanVersion: PVPLAN_VERSION,
    title,
    weather: { label: weather.label, format: weather.format, rows: weather.unixTimeS.length, stepHours: weather.stepHours, timeConvention: weather.timeConvention },
    site: input.site,
    array: {
      mounting:
        mounting.type !== 'single-axis'
          ? mounting
          : {
              type: 'single-axis',
              axisAzimuthDeg: mounting.axisAzimuthDeg ?? SINGLE_AXIS_DEFAULTS.axisAzimuthDeg,
              maxAngleDeg: mounting.maxAngleDeg ?? SINGLE_AXIS_DEFAULTS.maxAngleDeg,
              backtrack: mounting.backtrack ?? SINGLE_AXIS_DEFAULTS.backtrack,
              gcr: mounting.gcr ?? SINGLE_AXIS_DEFAULTS.gcr,
            },
      gammaPerC: a.gammaPerC ?? DEFAULT_GAMMA_PER_C,
      dcAcRatio: a.dcAcRatio ?? DEFAULT_DC_AC_RATIO,
      inverterEfficiency: a.inverterEfficiency ?? PVWATTS_ETA_INV_NOM,
      systemLossFrac: systemLossFrac(a.losses ?? PVWATTS_DEFAULT_SYSTEM_LOSSES),
      transposition: a.transposition ?? 'perez',
      aoiModel: a.pvwattsCover === undefined ? (a.iamModel ?? 'physical') : `pvwatts-v5 ${a.pvwattsCover === 'anti-reflective' ? 'anti-reflective glass' : 'glass'} cover`,
      temperature: a.fuentes === undefined ? (a.temperature ?? cellTemperatureParams('sapm')) : { model: 'fuentes', ...a.fuentes },
      sunPosition: a.sunPosition ?? 'timestamp',
      albedo: a.albedo ?? DEFAULT_ALBEDO,
      decomposition: a.decomposition ?? 'erbs',
    },
    annualKWhPerKWp: result.annualKWhPerKWp,
    monthlyKWhPerKWp: result.monthlyKWhPerKWp,
    poaKWhPerM2: result.poaKWhPerM2,
    monthlyPoaKWhPerM2: result.monthlyPoaKWhPerM2,
    ghiKWhPerM2: result.ghiKWhPerM2,
    monthlyGhiKWhPerM2: result.monthlyGhiKWhPerM2,
    poaBeamKWhPerM2: result.poaBeamKWhPerM2,
    poaSkyDiffuseKWhPerM2: result.poaSkyDiffuseKWhPerM2,
    poaGroundDiffuseKWhPerM2: result.poaGroundDiffuseKWhPerM2,
    poaEffectiveKWhPerM2: result.poaEffectiveKWhPerM2,
    dcKWhPerKWp: result.dcKWhPerKWp,
    performanceRatio: result.performanceRatioFrac,
    capacityFactor: result.capacityFactorFrac,
    hours: result.hours,
    losses: result.losses,
  };
}

/** Columns of the --hourly CSV: name (with unit) and the hourly array it comes from. Powers are per kWp (W per 1000 W). */
const HOURLY_COLUMNS: ReadonlyArray<readonly [string, keyof Omit<YieldHourly, 'unixTimeS'>]> = [
  ['solar_zenith_deg', 'solarZenithDeg'],
  ['solar_azimuth_deg', 'solarAzimuthDeg'],
  ['airmass_absolute', 'airmassAbsolute'],
  ['ghi_wm2', 'ghiWm2'],
  ['dni_wm2', 'dniWm2'],
  ['dhi_wm2', 'dhiWm2'],
  ['surface_tilt_deg', 'surfaceTiltDeg'],
  ['surface_azimuth_deg', 'surfaceAzimuthDeg'],
  ['aoi_deg', 'aoiDeg'],
  ['poa_global_wm2', 'poaGlobalWm2'],
  ['poa_beam_wm2', 'poaBeamWm2'],
  ['poa_sky_diffuse_wm2', 'poaSkyDiffuseWm2'],
  ['poa_ground_diffuse_wm2', 'poaGroundDiffuseWm2'],
  ['poa_effective_wm2', 'poaEffectiveWm2'],
  ['cell_temp_c', 'cellTempC'],
  ['dc_w_per_kwp', 'dcW'],
  ['ac_w_per_kwp', 'acW'],
  ['clipped_dc_w_per_kwp', 'clippedDcW'],
];

/** The hourly series as CSV: local standard time (ISO 8601 with offset) of the solar-position instant, then each column. */
export function hourlyCsv(run: PhysicalYieldRun): string {
  const h = run.result.hourly;
  if (h === undefined) throw new Error('hourlyCsv: the run has no hourly series');
  const offset = run.input.site.utcOffsetHours ?? 0;
  const lines = [['time', ...HOURLY_COLUMNS.map(([name]) => name)].join(',')];
  for (let i = 0; i < h.unixTimeS.length; i++) {
    const cells = [formatIsoTimeWithOffset(h.unixTimeS[i]!, offset)];
    for (const [, key] of HOURLY_COLUMNS) {
      const v = h[key][i]!;
      cells.push(Number.isFinite(v) ? String(Number(v.toPrecision(HOURLY_SIGNIFICANT_DIGITS))) : '');
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

interface Table {
  readonly title?: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Columns aligned right (numbers). */
  readonly numeric: readonly boolean[];
}

function renderTable(t: Table, format: Exclude<OutputFormat, 'json'>): string {
  if (format === 'csv') {
    const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return `${[t.header, ...t.rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
  }
  if (format === 'markdown') {
    const rule = `|${t.numeric.map((n) => (n ? '---:' : '---')).join('|')}|`;
    const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
    return `${t.title ? `### ${t.title}\n\n` : ''}${[line(t.header), rule, ...t.rows.map(line)].join('\n')}\n`;
  }
  const widths = t.header.map((h, i) => Math.max(displayWidth(h), ...t.rows.map((r) => displayWidth(r[i]!))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(s));
    return t.numeric[i] ? fill + s : s + fill;
  };
  const line = (r: readonly string[]) => r.map(pad).join('  ').replace(/\s+$/, '');
  return `${t.title ? `${t.title}\n` : ''}${[line(t.header), ...t.rows.map(line)].join('\n')}\n`;
}

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '');
const pct = (frac: number, digits = 2) => `${fixed(frac * PERCENT, digits)} %`;

function describeSite(run: PhysicalYieldRun, lang: Lang): string {
  const s = run.input.site;
  const zh = lang === 'zh';
  const ns = s.latitudeDeg >= 0 ? (zh ? '北纬' : 'N') : zh ? '南纬' : 'S';
  const ew = s.longitudeDeg >= 0 ? (zh ? '东经' : 'E') : zh ? '西经' : 'W';
  if (zh) return `${ns} ${Math.abs(s.latitudeDeg).toFixed(2)}°，${ew} ${Math.abs(s.longitudeDeg).toFixed(2)}°，海拔 ${fixed(s.altitudeM ?? 0, 0)} 米${s.utcOffsetHours === undefined ? '' : `，UTC${s.utcOffsetHours >= 0 ? '+' : '−'}${Math.abs(s.utcOffsetHours)}`}`;
  const tz = s.utcOffsetHours === undefined ? '' : `, UTC${s.utcOffsetHours >= 0 ? '+' : '−'}${Math.abs(s.utcOffsetHours)}`;
  return `${Math.abs(s.latitudeDeg).toFixed(2)}° ${ns} ${Math.abs(s.longitudeDeg).toFixed(2)}° ${ew}, ${fixed(s.altitudeM ?? 0, 0)} m${tz}`;
}

function describeArray(json: Record<string, unknown>, lang: Lang): string {
  const a = json.array as {
    mounting: PvMounting;
    gammaPerC: number;
    dcAcRatio: number;
    inverterEfficiency: number;
    systemLossFrac: number;
    transposition: string;
    aoiModel: string;
    temperature: { model: string };
  };
  const m = a.mounting;
  if (lang === 'zh') {
    const mountZh =
      m.type === 'fixed'
        ? `固定式，倾角 ${m.tiltDeg}°，方位角 ${m.azimuthDeg}°`
        : m.type === 'two-axis'
          ? '双轴跟踪'
          : `平单轴跟踪，轴倾角 ${m.axisTiltDeg ?? 0}°，轴方位角 ${m.axisAzimuthDeg}°，±${m.maxAngleDeg}°，GCR ${m.gcr}${m.backtrack ? '，逆跟踪' : ''}`;
    return `${mountZh}；容配比 ${a.dcAcRatio}，逆变器额定效率 ${pct(a.inverterEfficiency, 1)}，功率温度系数 ${fixed(a.gammaPerC * PERCENT, 2)} %/°C；${a.transposition} 天空散射模型，直射入射角修正 ${a.aoiModel}，电池温度模型 ${a.temperature.model}；系统损失 ${pct(a.systemLossFrac)}`;
  }
  const mount =
    m.type === 'fixed'
      ? `fixed, tilt ${m.tiltDeg}°, azimuth ${m.azimuthDeg}°`
      : m.type === 'two-axis'
        ? 'two-axis tracker'
        : `single-axis tracker, axis tilt ${m.axisTiltDeg ?? 0}°, axis azimuth ${m.axisAzimuthDeg}°, ±${m.maxAngleDeg}°, GCR ${m.gcr}${m.backtrack ? ', backtracking' : ''}`;
  return `${mount}; DC/AC ${a.dcAcRatio}, η_nom ${pct(a.inverterEfficiency, 1)}, γ ${fixed(a.gammaPerC * PERCENT, 2)} %/°C; ${a.transposition} sky, ${a.aoiModel} IAM on beam, ${a.temperature.model} cell temperature; system losses ${pct(a.systemLossFrac)}`;
}

/** The text, Markdown or CSV report of a run. */
export function renderYield(run: PhysicalYieldRun, title: string, format: Exclude<OutputFormat, 'json'>, units: UnitSystem, lang: Lang = 'en'): string {
  const r = run.result;
  const cn = units === 'cn' || lang === 'zh';
  const insolation = cn ? '千瓦时/平方米' : 'kWh/m²';
  const specific = cn ? '千瓦时/千瓦' : 'kWh/kWp';
  const months = cn ? MONTH_NAMES_CN : MONTH_NAMES;
  const monthlyPr = (m: number) => (r.monthlyPoaKWhPerM2[m]! > 0 ? r.monthlyKWhPerKWp[m]! / r.monthlyPoaKWhPerM2[m]! : Number.NaN);
  const csv = format === 'csv';
  const monthly: Table = {
    title: t(lang, 'byMonth'),
    header: csv ? [t(lang, 'month'), 'ghi_kwh_per_m2', 'poa_kwh_per_m2', 'yield_kwh_per_kwp', 'performance_ratio'] : [cn ? '月份' : 'month', `GHI (${insolation})`, `POA (${insolation})`, `${cn ? '发电量' : 'yield'} (${specific})`, 'PR'],
    rows: [
      ...months.map((name, m) =>
        csv
          ? [String(m + 1), String(r.monthlyGhiKWhPerM2[m]), String(r.monthlyPoaKWhPerM2[m]), String(r.monthlyKWhPerKWp[m]), String(monthlyPr(m))]
          : [name, fixed(r.monthlyGhiKWhPerM2[m]!, 1), fixed(r.monthlyPoaKWhPerM2[m]!, 1), fixed(r.monthlyKWhPerKWp[m]!, 1), pct(monthlyPr(m), 1)],
      ),
      csv
        ? ['year', String(r.ghiKWhPerM2), String(r.poaKWhPerM2), String(r.annualKWhPerKWp), String(r.performanceRatioFrac)]
        : [cn ? '全年' : 'year', fixed(r.ghiKWhPerM2, 1), fixed(r.poaKWhPerM2, 1), fixed(r.annualKWhPerKWp, 1), pct(r.performanceRatioFrac, 1)],
    ],
    numeric: [false, true, true, true, true],
  };
  if (csv) return renderTable(monthly, 'csv');
  const l = r.losses;
  const losses: Table = {
    title: t(lang, 'yield.losses'),
    header: [t(lang, 'yield.step'), specific, t(lang, 'yield.share')],
    rows: [
      [t(lang, 'yield.lossIam'), fixed(l.iam.kWhPerKWp, 1), pct(l.iam.frac)],
      [t(lang, 'yield.lossTemperature'), fixed(l.temperature.kWhPerKWp, 1), pct(l.temperature.frac)],
      [t(lang, 'yield.lossSystem'), fixed(l.system.kWhPerKWp, 1), pct(l.system.frac)],
      [t(lang, 'yield.lossClipping'), fixed(l.clipping.kWhPerKWp, 1), pct(l.clipping.frac)],
      [t(lang, 'yield.lossInverter'), fixed(l.inverter.kWhPerKWp, 1), pct(l.inverter.frac)],
    ],
    numeric: [false, true, true],
  };
  const json = yieldJson(run, title);
  const w = run.weather;
  const md = format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((x) => (x ? `${x}  ` : x)) : xs).join('\n');
  const head = [
    `${md ? '## ' : ''}${title}`,
    t(lang, 'yield.weather', { label: w.label, format: w.format, rows: w.unixTimeS.length, step: w.stepHours }),
    t(lang, 'yield.site', { text: describeSite(run, lang) }),
    t(lang, 'yield.array', { text: describeArray(json, lang) }),
    '',
  ];
  const summary = [
    '',
    t(lang, 'yield.annual', { value: fixed(r.annualKWhPerKWp, 1), unit: specific }),
    t(lang, 'yield.cf', { value: pct(r.capacityFactorFrac), hours: fixed(r.hours, 0) }),
    t(lang, 'yield.pr', { value: pct(r.performanceRatioFrac, 1) }),
    t(lang, 'yield.insolation', { ghi: fixed(r.ghiKWhPerM2, 1), unit: insolation, poa: fixed(r.poaKWhPerM2, 1), beam: fixed(r.poaBeamKWhPerM2, 1), sky: fixed(r.poaSkyDiffuseKWhPerM2, 1), ground: fixed(r.poaGroundDiffuseKWhPerM2, 1), effective: fixed(r.poaEffectiveKWhPerM2, 1) }),
    '',
  ];
  return `${lines(head)}\n${renderTable(monthly, format)}${lines(summary)}\n${renderTable(losses, format)}`;
}

/** Registers `pvplan yield [FILE]` with its flags (PVWatts conventions) and examples. */
export function registerYield(program: Command, io: CliIo): void {
  const cmd = program
    .command('yield')
    .description("physical PV yield (kWh/kWp) from a scenario's physical yield section or from flags: monthly and annual yield, insolation, PR, capacity factor, losses by step")
    .argument('[file]', 'scenario file whose yield section is physical (flags override its settings)')
    .option('--lat <deg>', 'latitude (°, north positive); default: the weather file header')
    .option('--lon <deg>', 'longitude (°, east positive); default: the weather file header')
    .option('--altitude <m>', 'altitude (m); default: the weather file header, else 0')
    .option('--timezone <hours>', 'local standard time ahead of UTC (h) for the monthly split; default: the file header')
    .option('--weather <file>', 'EPW, NREL TMY3, SAM CSV (NSRDB), PVGIS TMY (csv or json) or weather CSV (time,ghi[,dni,dhi],temp_air,wind_speed)')
    .addOption(new Option('--weather-format <format>', 'read the weather file as this format instead of detecting it').choices([...WEATHER_FILE_FORMATS]))
    .addOption(new Option('--preset <name>', "reproduce NREL's PVWatts v5 (Dobos 2014): --module-type and --array-type choose its models").choices(['pvwatts-v5']))
    .addOption(new Option('--module-type <type>', 'pvwatts-v5: module type; default standard').choices([...PVWATTS_MODULE_TYPES]))
    .addOption(new Option('--array-type <type>', 'pvwatts-v5: array type (trackers: --tilt is the axis tilt); default fixed-open-rack').choices([...PVWATTS_ARRAY_TYPES]))
    .option('--decompose', "ignore the file's DNI/DHI and split its GHI by the decomposition model")
    .option('--tilt <deg>', 'fixed rack: tilt from horizontal (°); required for a fixed rack without a scenario')
    .option('--azimuth <deg>', 'fixed rack: azimuth (° clockwise from north, 180 = south); default 180')
    .addOption(new Option('--tracking <type>', 'mounting').choices([...MOUNTING_TYPES]))
    .option('--gcr <ratio>', `tracker: ground coverage ratio; default ${SINGLE_AXIS_DEFAULTS.gcr}`)
    .option('--max-angle <deg>', `tracker: rotation limit (°); default ${SINGLE_AXIS_DEFAULTS.maxAngleDeg}`)
    .option('--no-backtrack', 'tracker: do not backtrack')
    .option('--albedo <fraction>', `ground albedo where the weather has none; default ${DEFAULT_ALBEDO}`)
    .addOption(new Option('--transposition <model>', 'sky-diffuse model; default perez').choices([...TRANSPOSITION_MODELS]))
    .addOption(new Option('--aoi-model <model>', 'incidence-angle modifier on the beam; default physical').choices([...IAM_MODELS]))
    .addOption(new Option('--temperature-model <model>', 'cell temperature; default sapm').choices([...TEMPERATURE_MODELS]))
    .addOption(new Option('--racking <type>', 'SAPM racking; default open-rack-glass-glass').choices([...SAPM_MOUNTINGS]))
    .addOption(new Option('--decomposition <model>', 'GHI decomposition where DNI/DHI are missing; default erbs').choices([...DECOMPOSITION_MODELS]))
    .option('--gamma <perC>', `temperature coefficient of power per °C (PVWatts convention); default ${DEFAULT_GAMMA_PER_C}`)
    .option('--losses <percent>', 'total system losses on DC in percent (PVWatts convention, e.g. 14); default the PVWatts categories, 14.08')
    .option('--dc-ac <ratio>', `DC/AC ratio: AC nameplate = DC nameplate / ratio; default ${DEFAULT_DC_AC_RATIO}`)
    .option('--inverter-efficiency <fraction>', `nominal inverter efficiency; inverter DC rating = AC nameplate / it; default ${PVWATTS_ETA_INV_NOM}`)
    .option('--hourly <file.csv>', 'also write the hourly series to this CSV file (written atomically)');
  withReportOptions(cmd);
  withExample(
    cmd,
    'pvplan yield scenarios/wendeng-2025-physical.yaml',
    'pvplan yield --weather scenarios/weather/723170TYA.CSV --tilt 30 --azimuth 180 --losses 14 --dc-ac 1.2',
    'pvplan yield --weather scenarios/weather/CHN_Beijing.Beijing.545110_CSWD.epw --tracking single-axis --gcr 0.4 --format json',
    'pvplan yield scenarios/wendeng-2025-physical.yaml --tilt 25 --hourly hourly.csv',
    'pvplan yield --weather tmy_36.600_114.500_2005_2020.csv --preset pvwatts-v5 --module-type standard --array-type fixed-open-rack --tilt 33',
  );
  cmd.action((file: string | undefined, flags: YieldFlags) => {
    let settings: PhysicalYieldSettings;
    let what: string;
    if (file === undefined) {
      settings = settingsFromFlags(flags);
      what = String(flags.weather);
    } else {
      const fromScenario = settingsFromScenario(file);
      settings = applyFlags(fromScenario.settings, flags);
      what = fromScenario.name;
    }
    // JSON keeps the English title (its contract); text output is in the chosen language.
    const title = t('en', 'yield.title', { what });
    let run: PhysicalYieldRun;
    try {
      run = runPhysicalYield(settings, readTextFromDisk, { hourly: flags.hourly !== undefined });
    } catch (e) {
      if (e instanceof WeatherParseError) throw new CliError(e.message);
      // Unreadable files, a site the file does not give, an impossible array: the chain names what is wrong.
      if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof ReferenceError)) throw new CliError(e.message);
      throw e;
    }
    const output = flags.format === 'json' ? renderJson(yieldJson(run, title)) : renderYield(run, t(langOf(io), 'yield.title', { what }), flags.format, flags.units, langOf(io));
    if (flags.hourly !== undefined) {
      try {
        writeFileAtomic(flags.hourly, hourlyCsv(run));
      } catch (e) {
        throw new CliError(`--hourly: cannot write '${flags.hourly}': ${(e as Error).message}`);
      }
    }
    io.stdout(output);
  });
}
