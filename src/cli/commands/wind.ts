/**
 * `pvplan wind`: the energy of one wind turbine over a weather year, per kW of rating (kWh/kW = full-load hours), by
 * windpowerlib's ModelChain conventions (docs/wind.md): hub-height wind by the log law or the power law, temperature by
 * the standard lapse rate, density barometric or ideal gas, the power curve (optionally density-corrected), then losses
 * and availability. The turbine comes from the library (`--turbine`, `--list-turbines`) or a CSV (`--power-curve`).
 */
import { DATA_FILE_MAX_BYTES, readRegularFileText } from '../../io/read-bounded.ts';
import { Option, type Command } from 'commander';
import { DEFAULT_HELLMAN_EXPONENT, DEFAULT_ROUGHNESS_LENGTH_M, DENSITY_MODELS, type DensityModel } from '../../core/wind/profile.ts';
import { maxPowerKW, type PowerCurve } from '../../core/wind/power-curve.ts';
import { findTurbine, TURBINES, type Turbine } from '../../core/wind/turbines.ts';
import {
  DEFAULT_PRESSURE_HEIGHT_M,
  DEFAULT_TEMPERATURE_HEIGHT_M,
  DEFAULT_WIND_HEIGHT_M,
  simulateWindYear,
  type WindChainOptions,
  type WindProfile,
  type WindWeather,
  type WindYearResult,
} from '../../core/wind/wind-year.ts';
import { renderJson, renderSections, section, type OutputFormat, type Section } from '../../report/format.ts';
import { parsePowerCurveCsv } from '../../scenario/power-curve-csv.ts';
import { didYouMean } from '../../scenario/validate.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { formatIsoTimeWithOffset } from '../../weather/csv.ts';
import { detectWeatherFormat, parseWeatherText } from '../../weather/read.ts';
import { WeatherParseError } from '../../weather/types.ts';
import { parseWindCsv } from '../../weather/wind-csv.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { numberFlag, withExample, withReportOptions, type ReportOptions } from '../options.ts';

/** Options as commander hands them over: numbers still text, so each message can name its flag. */
interface WindFlags extends ReportOptions {
  readonly weather?: string;
  readonly turbine?: string;
  readonly powerCurve?: string;
  readonly hubHeight?: string;
  readonly windHeight?: string;
  readonly roughness?: string;
  readonly shearExponent?: string;
  readonly densityModel?: DensityModel;
  readonly densityCorrection?: boolean;
  readonly losses?: string;
  readonly availability?: string;
  readonly altitude?: string;
  readonly hourly?: string;
  readonly listTurbines?: boolean;
}

const PERCENT = 100;
const HOURLY_SIGNIFICANT_DIGITS = 10;
const MAX_HEIGHT_M = 500;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES_CN = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

/** The weather as read: the chain's input plus what the report says about it. */
interface ReadWeather {
  readonly series: WindWeather;
  readonly label: string;
  readonly format: string;
  readonly utcOffsetHours: number;
  readonly altitudeM?: number;
}

/** A turbine as the run uses it: a library entry, or a custom curve with its file. */
type RunTurbine = { readonly kind: 'library'; readonly turbine: Turbine } | { readonly kind: 'custom'; readonly file: string; readonly powerCurve: PowerCurve; readonly ratedPowerKW: number };

/** Everything a run needs, flags parsed. */
export interface WindRun {
  readonly weather: ReadWeather;
  readonly turbine: RunTurbine;
  readonly options: WindChainOptions & Required<Pick<WindChainOptions, 'windHeightM' | 'windProfile' | 'densityModel' | 'densityCorrection' | 'lossFrac' | 'availabilityFrac' | 'siteAltitudeM'>>;
}

function readText(flag: string, path: string): string {
  try {
    return readRegularFileText(path, DATA_FILE_MAX_BYTES);
  } catch (e) {
    throw new CliError(`${flag}: cannot read '${path}': ${(e as Error).message}`);
  }
}

/** EPW and TMY3 through src/weather; a plain CSV as a wind series (`time,wind_speed[,temp_air][,pressure]`). */
function readWeather(path: string): ReadWeather {
  const text = readText('--weather', path);
  try {
    const format = detectWeatherFormat(path, text);
    if (format === 'csv') {
      const w = parseWindCsv(text, path);
      return { series: w, label: path, format: 'csv', utcOffsetHours: w.utcOffsetHours ?? 0 };
    }
    const w = parseWeatherText(text, path, { format });
    return { series: w, label: path, format, utcOffsetHours: w.site.utcOffsetHours ?? 0, ...(w.site.altitudeM === undefined ? {} : { altitudeM: w.site.altitudeM }) };
  } catch (e) {
    if (e instanceof WeatherParseError) throw new CliError(e.message);
    throw e;
  }
}

function turbineFromFlags(flags: WindFlags): RunTurbine {
  if ((flags.turbine === undefined) === (flags.powerCurve === undefined)) {
    throw new CliError('give exactly one of --turbine NAME (see --list-turbines) and --power-curve FILE.csv (header wind_speed_m_per_s,power_kw)');
  }
  if (flags.turbine !== undefined) {
    const turbine = findTurbine(flags.turbine);
    if (turbine === undefined) {
      const ids = TURBINES.map((t) => t.id);
      const hint = didYouMean(flags.turbine, ids);
      throw new CliError(`--turbine: no turbine '${flags.turbine}' in the library${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')}`);
    }
    return { kind: 'library', turbine };
  }
  const file = flags.powerCurve!;
  const powerCurve = parsePowerCurveCsv(readText('--power-curve', file), file);
  return { kind: 'custom', file, powerCurve, ratedPowerKW: maxPowerKW(powerCurve) };
}

/** Parses the flags into a run: weather read, turbine found, every number checked (CliError naming the flag otherwise). */
export function windRunFromFlags(flags: WindFlags): WindRun {
  if (flags.weather === undefined) throw new CliError('--weather: required (EPW, NREL TMY3, or a CSV with time,wind_speed[,temp_air][,pressure])');
  const hubHeightM = numberFlag('--hub-height', flags.hubHeight, 'a hub height in m', 0, MAX_HEIGHT_M, true);
  if (hubHeightM === undefined) throw new CliError('--hub-height: required (m above ground, e.g. --hub-height 90)');
  const windHeightM = numberFlag('--wind-height', flags.windHeight, 'a height of the wind data in m', 0, MAX_HEIGHT_M, true) ?? DEFAULT_WIND_HEIGHT_M;
  if (hubHeightM < windHeightM) {
    throw new CliError(`--hub-height: ${hubHeightM} m is below the height of the wind data (${windHeightM} m, --wind-height); the profile is only carried upwards`);
  }
  if (flags.roughness !== undefined && flags.shearExponent !== undefined) throw new CliError('--roughness and --shear-exponent: give one (log law or power law), not both');
  let windProfile: WindProfile;
  if (flags.shearExponent !== undefined) {
    windProfile = { model: 'hellman', exponent: numberFlag('--shear-exponent', flags.shearExponent, 'a Hellmann exponent', 0, 1)! };
  } else {
    const z0 = numberFlag('--roughness', flags.roughness, 'a roughness length in m', 0, windHeightM, true) ?? DEFAULT_ROUGHNESS_LENGTH_M;
    if (z0 >= windHeightM) throw new CliError(`--roughness: the roughness length (${z0} m) must be below the height of the wind data (${windHeightM} m)`);
    windProfile = { model: 'logarithmic', roughnessLengthM: z0 };
  }
  const lossPercent = numberFlag('--losses', flags.losses, 'wake and other losses in percent', 0, PERCENT) ?? 0;
  const availabilityPercent = numberFlag('--availability', flags.availability, 'an availability in percent', 0, PERCENT) ?? PERCENT;
  const altitudeFlag = numberFlag('--altitude', flags.altitude, 'a site altitude in m', -500, 9000);
  const turbine = turbineFromFlags(flags);
  const weather = readWeather(flags.weather);
  return {
    weather,
    turbine,
    options: {
      hubHeightM,
      windHeightM,
      windProfile,
      temperatureHeightM: DEFAULT_TEMPERATURE_HEIGHT_M,
      pressureHeightM: DEFAULT_PRESSURE_HEIGHT_M,
      densityModel: flags.densityModel ?? 'barometric',
      densityCorrection: flags.densityCorrection === true,
      lossFrac: lossPercent / PERCENT,
      availabilityFrac: availabilityPercent / PERCENT,
      siteAltitudeM: altitudeFlag ?? weather.altitudeM ?? 0,
      utcOffsetHours: weather.utcOffsetHours,
      hourly: flags.hourly !== undefined,
    },
  };
}

function turbineInput(t: RunTurbine): { ratedPowerKW: number; powerCurve: PowerCurve } {
  return t.kind === 'library' ? t.turbine : t;
}

/** Runs the chain on a parsed run. */
export function runWind(run: WindRun): WindYearResult {
  return simulateWindYear(run.weather.series, turbineInput(run.turbine), run.options);
}

function turbineJson(t: RunTurbine): Record<string, unknown> {
  if (t.kind === 'custom') return { id: 'custom', file: t.file, ratedPowerKW: t.ratedPowerKW, points: t.powerCurve.windSpeedsMPerS.length };
  const { powerCurve: _curve, ...rest } = t.turbine;
  return rest;
}

/** The JSON of a run (documented in docs/wind.md and the README). */
export function windJson(run: WindRun, result: WindYearResult, title: string): Record<string, unknown> {
  const o = run.options;
  const w = run.weather;
  return {
    pvplanVersion: PVPLAN_VERSION,
    title,
    weather: { label: w.label, format: w.format, rows: w.series.unixTimeS.length, stepHours: w.series.stepHours, utcOffsetHours: w.utcOffsetHours },
    turbine: turbineJson(run.turbine),
    chain: {
      hubHeightM: o.hubHeightM,
      windHeightM: o.windHeightM,
      windProfile: o.windProfile.model === 'logarithmic' ? { model: 'logarithmic', roughnessLengthM: o.windProfile.roughnessLengthM } : { model: 'hellman', exponent: o.windProfile.exponent ?? DEFAULT_HELLMAN_EXPONENT },
      temperatureModel: 'linear-gradient',
      temperatureHeightM: o.temperatureHeightM,
      pressureHeightM: o.pressureHeightM,
      densityModel: o.densityModel,
      densityCorrection: o.densityCorrection,
      lossFrac: o.lossFrac,
      availabilityFrac: o.availabilityFrac,
      siteAltitudeM: o.siteAltitudeM,
    },
    annualKWhPerKW: result.annualKWhPerKW,
    monthlyKWhPerKW: result.monthlyKWhPerKW,
    capacityFactorFrac: result.capacityFactorFrac,
    meanHubWindSpeedMPerS: result.meanHubWindSpeedMPerS,
    meanAirDensityKgPerM3: result.meanAirDensityKgPerM3,
    grossKWhPerKW: result.grossKWhPerKW,
    ratedPowerKW: result.ratedPowerKW,
    hours: result.hours,
  };
}

/** Columns of the --hourly CSV: name (with unit) and the hourly array it comes from. */
const HOURLY_COLUMNS = [
  ['hub_wind_speed_m_per_s', 'hubWindSpeedMPerS'],
  ['hub_temperature_c', 'hubTemperatureC'],
  ['air_density_kg_per_m3', 'airDensityKgPerM3'],
  ['gross_kw_per_kw', 'grossKWPerKW'],
  ['net_kw_per_kw', 'netKWPerKW'],
] as const;

/** The hourly series as CSV: the weather row's time (ISO 8601 on the file's clock), then each column. */
export function windHourlyCsv(run: WindRun, result: WindYearResult): string {
  const h = result.hourly;
  if (h === undefined) throw new Error('windHourlyCsv: the run has no hourly series');
  const lines = [['time', ...HOURLY_COLUMNS.map(([name]) => name)].join(',')];
  for (let i = 0; i < h.unixTimeS.length; i++) {
    const cells = [formatIsoTimeWithOffset(h.unixTimeS[i]!, run.weather.utcOffsetHours)];
    for (const [, key] of HOURLY_COLUMNS) cells.push(String(Number(h[key][i]!.toPrecision(HOURLY_SIGNIFICANT_DIGITS))));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '');

function describeTurbine(t: RunTurbine, lang: Lang): string {
  if (lang === 'zh') {
    if (t.kind === 'custom') return `自定义功率曲线 ${t.file}（${t.powerCurve.windSpeedsMPerS.length} 个点，额定 ${fixed(t.ratedPowerKW, 0)} kW = 其最高点）`;
    const x = t.turbine;
    return `${x.manufacturer} ${x.name} [${x.id}]，${fixed(x.ratedPowerKW, 0)} kW，风轮直径 ${x.rotorDiameterM} m，${x.siting === 'onshore' ? '陆上' : x.siting === 'offshore' ? '海上' : x.siting}`;
  }
  if (t.kind === 'custom') return `custom power curve ${t.file} (${t.powerCurve.windSpeedsMPerS.length} points, rated ${fixed(t.ratedPowerKW, 0)} kW = its highest point)`;
  const x = t.turbine;
  return `${x.manufacturer} ${x.name} [${x.id}], ${fixed(x.ratedPowerKW, 0)} kW, rotor ${x.rotorDiameterM} m, ${x.siting}`;
}

function describeChain(o: WindRun['options'], lang: Lang): string {
  if (lang === 'zh') {
    const profileZh = o.windProfile.model === 'logarithmic' ? `对数律，z0 ${o.windProfile.roughnessLengthM} m` : `幂律，α ${fixed(o.windProfile.exponent ?? DEFAULT_HELLMAN_EXPONENT, 3)}`;
    return `轮毂高度 ${o.hubHeightM} m，测风高度 ${o.windHeightM} m（${profileZh}）；空气密度 ${o.densityModel}${o.densityCorrection ? '，功率曲线按密度修正' : ''}；损失 ${fixed(o.lossFrac * PERCENT, 1)} %，可利用率 ${fixed(o.availabilityFrac * PERCENT, 1)} %`;
  }
  const profile = o.windProfile.model === 'logarithmic' ? `log law, z0 ${o.windProfile.roughnessLengthM} m` : `power law, α ${fixed(o.windProfile.exponent ?? DEFAULT_HELLMAN_EXPONENT, 3)}`;
  return `hub ${o.hubHeightM} m, wind data at ${o.windHeightM} m (${profile}); ${o.densityModel} density${o.densityCorrection ? ', density-corrected curve' : ''}; losses ${fixed(o.lossFrac * PERCENT, 1)} %, availability ${fixed(o.availabilityFrac * PERCENT, 1)} %`;
}

/** The text, Markdown or CSV report of a run. */
export function renderWind(run: WindRun, result: WindYearResult, title: string, format: Exclude<OutputFormat, 'json'>, units: ReportOptions['units'], lang: Lang = 'en'): string {
  const cn = units === 'cn' || lang === 'zh';
  const specific = cn ? '千瓦时/千瓦' : 'kWh/kW';
  const csv = format === 'csv';
  const names = cn ? MONTH_NAMES_CN : MONTH_NAMES;
  const rows = [...result.monthlyKWhPerKW.map((e, m) => ({ month: csv ? String(m + 1) : names[m]!, energy: e })), { month: csv ? 'year' : cn ? '全年' : 'year', energy: result.annualKWhPerKW }];
  const monthly: Section<{ month: string; energy: number }> = {
    title: t(lang, 'byMonth'),
    columns: [
      { header: csv ? t(lang, 'month') : cn ? '月份' : 'month', value: (r) => r.month },
      { header: csv ? 'energy_kwh_per_kw' : `${cn ? '发电量' : 'energy'} (${specific})`, value: (r) => (csv ? r.energy : fixed(r.energy, 1)) },
    ],
    rows,
  };
  if (csv) return renderSections([section(monthly)], 'csv', units);
  const md = format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((x) => (x ? `${x}  ` : x)) : xs).join('\n');
  const w = run.weather;
  const head = [
    `${md ? '## ' : ''}${title}`,
    t(lang, 'wind.weather', { label: w.label, format: w.format, rows: w.series.unixTimeS.length, step: w.series.stepHours }),
    t(lang, 'wind.turbine', { text: describeTurbine(run.turbine, lang) }),
    t(lang, 'wind.chain', { text: describeChain(run.options, lang) }),
    '',
  ];
  const summary = [
    '',
    t(lang, 'wind.annual', { value: fixed(result.annualKWhPerKW, 1), unit: specific, gross: fixed(result.grossKWhPerKW, 1) }),
    t(lang, 'wind.cf', { value: fixed(result.capacityFactorFrac * PERCENT, 2), rated: fixed(result.ratedPowerKW, 0), hours: fixed(result.hours, 0) }),
    t(lang, 'wind.mean', { speed: fixed(result.meanHubWindSpeedMPerS, 2), density: fixed(result.meanAirDensityKgPerM3, 3) }),
  ];
  return `${lines(head)}\n${renderSections([section(monthly)], format, units)}${lines(summary)}\n`;
}

/** The turbine library as a table (or JSON). */
function renderTurbines(format: OutputFormat, units: ReportOptions['units']): string {
  if (format === 'json') return renderJson(TURBINES.map(({ powerCurve, ...t }) => ({ ...t, powerCurve: { windSpeedsMPerS: Array.from(powerCurve.windSpeedsMPerS), powerKW: Array.from(powerCurve.powerKW) } })));
  const csv = format === 'csv';
  const table: Section<Turbine> = {
    title: csv ? undefined : 'Turbine library (OEDB via windpowerlib; docs/wind.md):',
    columns: [
      { header: 'id', value: (t) => t.id },
      { header: 'manufacturer', value: (t) => t.manufacturer },
      { header: 'name', value: (t) => t.name },
      { header: csv ? 'rated_power_kw' : 'rated (kW)', value: (t) => (csv ? t.ratedPowerKW : fixed(t.ratedPowerKW, 0)) },
      { header: csv ? 'rotor_diameter_m' : 'rotor (m)', value: (t) => (csv ? t.rotorDiameterM : String(t.rotorDiameterM)) },
      { header: csv ? 'hub_heights_m' : 'hub heights (m)', value: (t) => t.hubHeightsM.join(csv ? ';' : ', ') },
      { header: 'siting', value: (t) => t.siting },
    ],
    rows: TURBINES,
  };
  return renderSections([section(table)], format, units);
}

/** Registers `pvplan wind` with its flags (windpowerlib ModelChain conventions) and examples. */
export function registerWind(program: Command, io: CliIo): void {
  const cmd = program
    .command('wind')
    .description('wind energy of one turbine over a weather year (kWh/kW = full-load hours) by windpowerlib ModelChain conventions: hub-height wind, density, power curve, losses')
    .option('--weather <file>', 'EPW, NREL TMY3 (wind at 10 m, temperature at 2 m, pressure) or a CSV with time,wind_speed[,temp_air][,pressure]')
    .option('--turbine <id>', 'a turbine of the library (see --list-turbines), e.g. V112/3075')
    .option('--power-curve <file.csv>', 'a custom power curve: header wind_speed_m_per_s,power_kw; rated power = its highest point')
    .option('--hub-height <m>', 'hub height above ground (m); required')
    .option('--wind-height <m>', `height of the wind data above ground (m); default ${DEFAULT_WIND_HEIGHT_M}`)
    .option('--roughness <m>', `log law with this roughness length z0 (m); the default, with z0 = ${DEFAULT_ROUGHNESS_LENGTH_M}`)
    .option('--shear-exponent <alpha>', 'power law (Hellmann) with this exponent instead of the log law, e.g. 0.14')
    .addOption(new Option('--density-model <model>', 'air density at hub height; default barometric').choices([...DENSITY_MODELS]))
    .option('--density-correction', 'use the density-corrected power curve (IEC 61400-12-1 as in windpowerlib)')
    .option('--losses <percent>', 'wake and other losses in percent; default 0')
    .option('--availability <percent>', 'availability in percent; default 100')
    .option('--altitude <m>', 'site altitude (m) for hours without pressure; default the weather file header, else 0')
    .option('--hourly <file.csv>', 'also write the hourly series to this CSV file (written atomically)')
    .option('--list-turbines', 'list the turbine library and exit');
  withReportOptions(cmd);
  withExample(
    cmd,
    'pvplan wind --list-turbines',
    'pvplan wind --weather scenarios/weather/CHN_Beijing.Beijing.545110_CSWD.epw --turbine V112/3075 --hub-height 94',
    'pvplan wind --weather scenarios/weather/723170TYA.CSV --turbine E-126/4200 --hub-height 135 --shear-exponent 0.2 --losses 10 --availability 97 --format json',
    'pvplan wind --weather offshore.csv --wind-height 100 --power-curve my-turbine.csv --hub-height 110 --density-correction --hourly hourly.csv',
  );
  cmd.action((flags: WindFlags) => {
    if (flags.listTurbines === true) {
      io.stdout(renderTurbines(flags.format, flags.units));
      return;
    }
    const run = windRunFromFlags(flags);
    const result = runWind(run);
    const label = run.turbine.kind === 'library' ? run.turbine.turbine.id : run.turbine.file;
    // JSON keeps the English title (its contract); text output is in the chosen language.
    const titleIn = (lang: Lang) => t(lang, 'wind.title', { label, hub: run.options.hubHeightM, weather: run.weather.label });
    const output = flags.format === 'json' ? renderJson(windJson(run, result, titleIn('en'))) : renderWind(run, result, titleIn(langOf(io)), flags.format, flags.units, langOf(io));
    if (flags.hourly !== undefined) {
      try {
        writeFileAtomic(flags.hourly, windHourlyCsv(run, result));
      } catch (e) {
        throw new CliError(`--hourly: cannot write '${flags.hourly}': ${(e as Error).message}`);
      }
    }
    io.stdout(output);
  });
}
