/**
 * `pvplan system`: the hourly energy system behind one grid connection — plant output, storage and the export
 * limit — dispatched by the greedy rule or the perfect-foresight LP, with curtailment, storage use and revenue.
 * Quick form from flags: a generation file, the limit and the storage; or `pvplan system FILE`: a scenario's
 * `system:` section (PV arrays, wind farms, given series, load, storage, limit), resolved by the scenario layer.
 */
import { Option, type Command } from 'commander';
import { LpSolveError, type LpSolver } from '../../core/storage/optimal.ts';
import { DISPATCH_STRATEGIES, runSystem, type DispatchStrategy, type SystemRun } from '../../core/storage/run.ts';
import type { StorageSpec } from '../../core/storage/system.ts';
import { renderJson, renderSections, section, type Column, type OutputFormat } from '../../report/format.ts';
import { DATA_FILE_MAX_BYTES, readRegularFileText } from '../../io/read-bounded.ts';
import { loadHighsSolver } from '../../scenario/lp-solver.ts';
import { loadScenario } from '../../scenario/resolve.ts';
import { systemRunInput } from '../../core/storage/system-yield.ts';
import { scenarioSystemJson, systemJson } from '../../report/system.ts';
import { formatQuantity, parseQuantity, QuantityError, type Dimension, type UnitSystem } from '../../scenario/quantity.ts';
import { parseGenerationCsv, parsePricesCsv, type HourlyColumn } from '../../scenario/system-series.ts';
import { formatIsoTimeWithOffset } from '../../weather/csv.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { CliError, CliExit, EXIT_INTERNAL, langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';

/** Options as commander hands them over: quantities still text, so each message can name its flag. */
interface SystemFlags extends ReportOptions {
  readonly generation?: string;
  readonly prices?: string;
  readonly exportLimit?: string;
  readonly storagePower: string;
  readonly storageEnergy: string;
  readonly roundTripEfficiency: string;
  readonly socMin: string;
  readonly socMax: string;
  readonly socInitial: string;
  readonly selfDischarge: string;
  readonly strategy: DispatchStrategy;
  readonly horizon?: string;
  readonly hourly?: string;
}

/** Defaults of the storage flags (those of the issue's example; docs/system.md). */
const DEFAULTS = {
  storagePower: '0 MW',
  storageEnergy: '0 MWh',
  roundTripEfficiency: '90 %',
  socMin: '10 %',
  socMax: '100 %',
  socInitial: '50 %',
  selfDischarge: '0 %/h',
} as const;

/** Significant digits of the values in the --hourly CSV (more than any input carries). */
const HOURLY_SIGNIFICANT_DIGITS = 10;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES_CN = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];

/** A quantity from a flag in internal units, or a CliError naming the flag. */
function quantityFlag(flag: string, text: string, dimension: Dimension): number {
  try {
    return parseQuantity(text, dimension);
  } catch (e) {
    if (e instanceof QuantityError) throw new CliError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** A percentage flag within [min, max] (0–1), `exclusiveMin` for (min, max]. */
function fractionFlag(flag: string, text: string, min: number, max: number, exclusiveMin = false): number {
  const x = quantityFlag(flag, text, 'fraction');
  if (!((exclusiveMin ? x > min : x >= min) && x <= max)) {
    throw new CliError(`${flag}: expected a percentage ${exclusiveMin ? 'above' : 'from'} ${min * 100} % ${exclusiveMin ? 'and at most' : 'to'} ${max * 100} %, got '${text}'`);
  }
  return x;
}

/** Storage from the flags, each checked with its flag's name (SOC bounds together). */
export function storageFromFlags(flags: SystemFlags): StorageSpec {
  const powerMW = quantityFlag('--storage-power', flags.storagePower, 'power');
  const energyMWh = quantityFlag('--storage-energy', flags.storageEnergy, 'energy');
  if (powerMW < 0) throw new CliError(`--storage-power: expected a power of at least 0 MW, got '${flags.storagePower}'`);
  if (energyMWh < 0) throw new CliError(`--storage-energy: expected an energy of at least 0 MWh, got '${flags.storageEnergy}'`);
  const roundTripEfficiencyFrac = fractionFlag('--round-trip-efficiency', flags.roundTripEfficiency, 0, 1, true);
  const socMinFrac = fractionFlag('--soc-min', flags.socMin, 0, 1);
  const socMaxFrac = fractionFlag('--soc-max', flags.socMax, 0, 1);
  if (socMinFrac > socMaxFrac) throw new CliError(`--soc-min: ${flags.socMin} is above --soc-max ${flags.socMax}; expected the minimum at or below the maximum`);
  const socInitialFrac = fractionFlag('--soc-initial', flags.socInitial, 0, 1);
  if (socInitialFrac < socMinFrac || socInitialFrac > socMaxFrac) {
    throw new CliError(`--soc-initial: expected a SOC within --soc-min ${flags.socMin} and --soc-max ${flags.socMax}, got '${flags.socInitial}'`);
  }
  const selfDischargeFracPerHour = fractionFlag('--self-discharge', flags.selfDischarge.replace(/\s*\/\s*h$/, ''), 0, 1);
  if (selfDischargeFracPerHour >= 1) throw new CliError(`--self-discharge: expected a loss per hour below 100 %/h, got '${flags.selfDischarge}'`);
  return { powerMW, energyMWh, roundTripEfficiencyFrac, socMinFrac, socMaxFrac, socInitialFrac, selfDischargeFracPerHour };
}

function readSeries(flag: string, path: string, parse: (text: string) => HourlyColumn): HourlyColumn {
  let text: string;
  try {
    text = readRegularFileText(path, DATA_FILE_MAX_BYTES);
  } catch (e) {
    throw new CliError(`${flag}: cannot read '${path}': ${(e as Error).message}`);
  }
  return parse(text);
}

const hourlyNumber = (v: number): string => String(Number(v.toPrecision(HOURLY_SIGNIFICANT_DIGITS)));

/** The step-by-step series as CSV: the time as read, then the flows (MW), the SOC (MWh and fraction) and the price. */
export function systemHourlyCsv(run: SystemRun, generation: HourlyColumn): string {
  const { system, hourly: h } = run;
  const price = system.priceYuanPerMWh;
  const energy = system.storage.energyMWh;
  const lines = [['time', 'generation_mw', 'charge_mw', 'discharge_mw', 'export_mw', 'curtailed_mw', 'soc_mwh', 'soc_frac', ...(price ? ['price_yuan_per_mwh'] : [])].join(',')];
  for (let t = 0; t < system.generationMW.length; t++) {
    const cells = [
      formatIsoTimeWithOffset(generation.unixTimeS[t]!, generation.utcOffsetHours),
      hourlyNumber(system.generationMW[t]!),
      hourlyNumber(h.chargeMW[t]!),
      hourlyNumber(h.dischargeMW[t]!),
      hourlyNumber(h.exportMW[t]!),
      hourlyNumber(h.curtailedMW[t]!),
      hourlyNumber(h.socMWh[t]!),
      hourlyNumber(energy > 0 ? h.socMWh[t]! / energy : 0),
    ];
    if (price) cells.push(String(price[t]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

interface MonthRow {
  readonly label: string;
  readonly generationMWh: number;
  readonly deliveredMWh: number;
  readonly curtailedMWh: number;
  readonly curtailmentFrac: number;
}

const monthColumns = (lang: Lang): ReadonlyArray<Column<MonthRow>> => [
  { header: t(lang, 'month'), value: (r) => r.label },
  { header: t(lang, 'system.generation'), value: (r) => r.generationMWh, dimension: 'energy' },
  { header: t(lang, 'system.delivered'), value: (r) => r.deliveredMWh, dimension: 'energy' },
  { header: t(lang, 'system.curtailed'), value: (r) => r.curtailedMWh, dimension: 'energy' },
  { header: t(lang, 'system.curtailment'), value: (r) => r.curtailmentFrac, dimension: 'fraction' },
];

/** The text, Markdown or CSV report: a summary, then curtailment by month (CSV: the monthly table only). */
export function renderSystem(run: SystemRun, generation: HourlyColumn, strategy: DispatchStrategy, format: Exclude<OutputFormat, 'json'>, units: UnitSystem, lang: Lang = 'en'): string {
  const { summary: s, monthly: m, system } = run;
  const zh = units === 'cn' || lang === 'zh';
  const names = format === 'csv' ? MONTH_NAMES.map((_, i) => String(i + 1)) : zh ? MONTH_NAMES_CN : MONTH_NAMES;
  const rows: MonthRow[] = names.map((label, i) => ({ label, generationMWh: m.generationMWh[i]!, deliveredMWh: m.deliveredMWh[i]!, curtailedMWh: m.curtailedMWh[i]!, curtailmentFrac: m.curtailmentFrac[i]! }));
  rows.push({ label: format === 'csv' ? 'year' : zh ? '全年' : 'year', generationMWh: s.generationMWh, deliveredMWh: s.deliveredMWh, curtailedMWh: s.curtailedMWh, curtailmentFrac: s.curtailmentFrac });
  const monthly = section<MonthRow>({ title: format === 'csv' ? undefined : t(lang, 'byMonth'), columns: monthColumns(lang), rows });
  if (format === 'csv') return renderSections([monthly], 'csv', units);
  const st = system.storage;
  const power = (x: number) => formatQuantity(x, 'power', units, 4);
  const energy = (x: number) => formatQuantity(x, 'energy', units, 4);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const storageText =
    st.energyMWh > 0
      ? t(lang, 'system.storageText', { power: power(st.powerMW), energy: energy(st.energyMWh), roundTrip: pct(st.roundTripEfficiencyFrac), socMin: pct(st.socMinFrac), socMax: pct(st.socMaxFrac), socInitial: pct(st.socInitialFrac), selfDischarge: (st.selfDischargeFracPerHour * 100).toPrecision(3) })
      : t(lang, 'none');
  const without = run.durationCurve.energyAboveLimitMWh;
  const head = [
    `${format === 'markdown' ? '## ' : ''}${t(lang, 'system.title', { strategy: t(lang, strategy === 'greedy' ? 'system.greedy' : 'system.optimal'), label: generation.label })}`,
    t(lang, 'system.steps', { steps: system.generationMW.length, step: generation.stepHours, limit: power(system.exportLimitMW), storage: storageText }),
    '',
    t(lang, 'system.energyLine', { generation: energy(s.generationMWh), delivered: energy(s.deliveredMWh), curtailed: energy(s.curtailedMWh), share: pct(s.curtailmentFrac), without: energy(without), withoutShare: pct(s.generationMWh > 0 ? without / s.generationMWh : 0) }),
    t(lang, 'system.storageLine', { charged: energy(s.chargedMWh), discharged: energy(s.dischargedMWh), losses: energy(s.storageLossMWh), cycles: s.equivalentFullCycles.toFixed(1), finalSoc: pct(s.finalSocFrac) }),
    ...(s.revenueYuan === undefined ? [] : [t(lang, 'system.revenue', { wan: (s.revenueYuan / 1e4).toFixed(2), yuan: s.revenueYuan.toFixed(0) })]),
    t(lang, 'system.aboveLimit', { steps: run.durationCurve.stepsAboveLimit }),
    '',
  ];
  const text = (format === 'markdown' ? head.map((x) => (x ? `${x}  ` : x)) : head).join('\n');
  return `${text}\n${renderSections([monthly], format, units)}`;
}

/** Registers `pvplan system` (quick form from flags) with its examples. */
export function registerSystem(program: Command, io: CliIo): void {
  const cmd = program
    .command('system')
    .argument('[file]', "a scenario file with a 'system:' section (instead of --generation and the other flags)")
    .description('hourly dispatch of plant output, storage and the export limit (greedy rule or perfect-foresight LP): curtailment, storage use, revenue')
    .option('--generation <file.csv>', 'plant output: CSV with the header time,generation_mw (MW; time ISO 8601 with offset, start of each step)')
    .option('--prices <file.csv>', 'energy prices: CSV with the header time,price_yuan_per_mwh, the same times as the generation')
    .option('--export-limit <power>', "export limit at the grid connection, e.g. '60MW'")
    .option('--storage-power <power>', 'storage charge/discharge power', DEFAULTS.storagePower)
    .option('--storage-energy <energy>', 'storage energy capacity', DEFAULTS.storageEnergy)
    .option('--round-trip-efficiency <percent>', 'round-trip efficiency η (split √η on charge and on discharge)', DEFAULTS.roundTripEfficiency)
    .option('--soc-min <percent>', 'lowest state of charge', DEFAULTS.socMin)
    .option('--soc-max <percent>', 'highest state of charge', DEFAULTS.socMax)
    .option('--soc-initial <percent>', 'state of charge at the start', DEFAULTS.socInitial)
    .option('--self-discharge <percent/h>', 'share of the energy above the SOC minimum lost per hour', DEFAULTS.selfDischarge)
    .addOption(new Option('--strategy <name>', 'greedy rule or perfect-foresight LP (HiGHS)').choices([...DISPATCH_STRATEGIES]).default('greedy'))
    .option('--horizon <hours>', "optimal only: rolling horizon, e.g. '48h' (keeps the first half of each window); default the whole series")
    .option('--hourly <file.csv>', 'also write the step-by-step dispatch to this CSV file (written atomically)');
  withReportOptions(cmd);
  withExample(
    cmd,
    'pvplan system --generation gen.csv --export-limit 60MW --storage-power 20MW --storage-energy 40MWh',
    'pvplan system scenarios/wendeng-multi-energy.yaml --format json',
    'pvplan system --generation gen.csv --prices prices.csv --export-limit 60MW --storage-power 20MW --storage-energy 40MWh --strategy optimal --format json',
    'pvplan system --generation gen.csv --export-limit 60MW --storage-power 20MW --storage-energy 40MWh --strategy optimal --horizon 48h --hourly dispatch.csv',
  );
  cmd.action(async (file: string | undefined, flags: SystemFlags) => {
    if (file !== undefined) {
      await runScenarioSystem(file, flags, io);
      return;
    }
    if (flags.generation === undefined) throw new CliError('--generation: required (a CSV with the header time,generation_mw), or give a scenario FILE with a system section');
    if (flags.exportLimit === undefined) throw new CliError("--export-limit: required, e.g. '60MW'");
    const exportLimitMW = quantityFlag('--export-limit', flags.exportLimit, 'power');
    if (exportLimitMW < 0) throw new CliError(`--export-limit: expected a power of at least 0 MW, got '${flags.exportLimit}'`);
    const storage = storageFromFlags(flags);
    if (flags.horizon !== undefined && flags.strategy !== 'optimal') throw new CliError('--horizon: applies to --strategy optimal');
    const generationPath = flags.generation;
    const generation = readSeries('--generation', generationPath, (text) => parseGenerationCsv(text, generationPath));
    const pricesPath = flags.prices;
    const prices = pricesPath === undefined ? undefined : readSeries('--prices', pricesPath, (text) => parsePricesCsv(text, pricesPath, generation));
    let horizonSteps: number | undefined;
    let horizonHours: number | undefined;
    if (flags.horizon !== undefined) {
      horizonHours = quantityFlag('--horizon', flags.horizon, 'duration');
      horizonSteps = horizonHours / generation.stepHours;
      if (!(Number.isInteger(horizonSteps) && horizonSteps >= 2)) {
        throw new CliError(`--horizon: expected a whole number of steps of ${generation.stepHours} h, at least 2, got '${flags.horizon}'`);
      }
    }
    let solve: LpSolver | undefined;
    if (flags.strategy === 'optimal') solve = await loadHighsSolver();
    let run: SystemRun;
    try {
      run = runSystem(
        {
          generators: [{ name: 'generation', kind: 'other', generationMW: generation.values }],
          unixTimeS: generation.unixTimeS,
          utcOffsetHours: generation.utcOffsetHours,
          stepHours: generation.stepHours,
          exportLimitMW,
          storage,
          ...(prices === undefined ? {} : { priceYuanPerMWh: prices.values }),
          strategy: flags.strategy,
          ...(horizonSteps === undefined ? {} : { horizonSteps }),
        },
        solve,
      );
    } catch (e) {
      if (e instanceof LpSolveError) {
        io.stderr(`error: ${e.message}\n`);
        throw new CliExit(EXIT_INTERNAL);
      }
      throw e;
    }
    const output = flags.format === 'json' ? renderJson(systemJson(run, generation, flags.strategy, horizonHours, formatIsoTimeWithOffset)) : renderSystem(run, generation, flags.strategy, flags.format, flags.units, langOf(io));
    if (flags.hourly !== undefined) {
      try {
        writeFileAtomic(flags.hourly, systemHourlyCsv(run, generation));
      } catch (e) {
        throw new CliError(`--hourly: cannot write '${flags.hourly}': ${(e as Error).message}`);
      }
    }
    io.stdout(output);
  });
}

/** Quick-form flags that a scenario's system section sets itself. */
const SECTION_FLAGS = ['generation', 'prices', 'exportLimit', 'horizon'] as const;

/** `pvplan system FILE`: resolves the scenario, dispatches its system by the section's strategy, prints like the quick form. */
async function runScenarioSystem(file: string, flags: SystemFlags, io: CliIo): Promise<void> {
  for (const key of SECTION_FLAGS) {
    if (flags[key] !== undefined) throw new CliError(`--${key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}: the scenario's system section sets it; give either a FILE or the flags`);
  }
  const resolved = loadScenario(file);
  const system = resolved.system;
  if (system === undefined) throw new CliError(`${file}: no 'system:' section (generators, exportLimit, storage; docs/system.md)`);
  const input = systemRunInput(system);
  const solve = system.strategy === 'optimal' ? await loadHighsSolver() : undefined;
  let run: SystemRun;
  try {
    run = runSystem(input, solve);
  } catch (e) {
    if (e instanceof LpSolveError) {
      io.stderr(`error: ${e.message}\n`);
      throw new CliExit(EXIT_INTERNAL);
    }
    throw e;
  }
  const column: HourlyColumn = { label: `${resolved.name} (${file})`, unixTimeS: system.unixTimeS, values: run.system.generationMW, stepHours: system.stepHours, utcOffsetHours: system.utcOffsetHours };
  const output = flags.format === 'json' ? renderJson(scenarioSystemJson(run, input, system, file, resolved.name, formatIsoTimeWithOffset)) : renderSystem(run, column, system.strategy, flags.format, flags.units, langOf(io));
  if (flags.hourly !== undefined) {
    try {
      writeFileAtomic(flags.hourly, systemHourlyCsv(run, column));
    } catch (e) {
      throw new CliError(`--hourly: cannot write '${flags.hourly}': ${(e as Error).message}`);
    }
  }
  io.stdout(output);
}
