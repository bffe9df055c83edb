/**
 * `pvplan sensitivity FILE`: which uncertain input moves an output most — a tornado (each input at its P10 and
 * P90, the others at their medians) and variance-based indices (Sobol first-order and total effect, Saltelli
 * 2010 / Jansen 1999 estimators; squared rank correlations beside them), ranked and drawn as text bar charts.
 */
import { Option, type Command } from 'commander';
import { compareMetrics, FINANCE_METRICS, metricByField, runningTotalOf, scalarMetricUnit } from '../../core/metrics/metrics.ts';
import type { McMetric } from '../../core/uncertainty/monte-carlo.ts';
import type { SensitivityOutput, TornadoBar } from '../../core/uncertainty/sensitivity.ts';
import { defaultSensitivityOutputs, MAX_SENSITIVITY_DRAWS, runSensitivity } from '../../mc/sensitivity.ts';
import { renderJson, renderSections, section, type Column, type Section } from '../../report/format.ts';
import type { SensitivityInput, SensitivityReport, SensitivityResult } from '../../report/mc.ts';
import { DISPLAY_UNITS, formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { loadScenario, type ResolvedScenario } from '../../scenario/resolve.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { metricLabel, t, type Lang } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { bar, formatInput, inputLines, inputUnit, wholeNumber, withProgressAndInterrupt } from './mc.ts';

/**
 * The metrics `--metric` accepts (the registry's compare metrics that the Monte Carlo summarises, those with a
 * running total first) and the McMetric each, and its running total, stands for.
 */
export const SENSITIVITY_METRICS: Readonly<Record<string, { readonly yearly: McMetric; readonly cumulative: McMetric | undefined }>> = Object.fromEntries(
  [...compareMetrics().filter((m) => m.monteCarlo && runningTotalOf(m)?.monteCarlo), ...compareMetrics().filter((m) => m.monteCarlo && !runningTotalOf(m)?.monteCarlo)].map((m) => [
    m.id,
    { yearly: m.field as McMetric, cumulative: runningTotalOf(m)?.field as McMetric | undefined },
  ]),
);
export type SensitivityMetricName = string;

/** Default base samples N (N·(k + 3) model runs: about half a second for the Wendeng scenario). */
export const DEFAULT_SENSITIVITY_DRAWS = 8192;
/** Characters of a full bar in the charts. */
const CHART_WIDTH = 30;

interface SensitivityCliOptions extends ReportOptions {
  readonly metric?: SensitivityMetricName;
  readonly cumulative?: boolean;
  readonly year?: number;
  readonly draws: number;
  readonly seed: number;
}

/** The outputs asked for on the command line (the defaults without --metric). */
export function outputsFor(resolved: ResolvedScenario, opts: Pick<SensitivityCliOptions, 'metric' | 'cumulative' | 'year'>): SensitivityOutput[] {
  const { plan } = resolved;
  if (opts.year !== undefined && (opts.year < plan.startYear || opts.year > plan.endYear)) throw new CliError(`--year: expected a year from ${plan.startYear} to ${plan.endYear} (the scenario's years), got ${opts.year}`);
  if (!opts.metric) {
    if (opts.cumulative) throw new CliError(`--cumulative needs --metric ${withRunningTotals()}`);
    return defaultSensitivityOutputs(resolved, opts.year);
  }
  const m = SENSITIVITY_METRICS[opts.metric];
  if (!m) throw new CliError(`--metric: expected one of ${Object.keys(SENSITIVITY_METRICS).join(', ')}, got ${opts.metric}`);
  const metric = opts.cumulative ? m.cumulative : m.yearly;
  if (!metric) throw new CliError(`--cumulative applies to ${withRunningTotals('and')}, not ${opts.metric}`);
  const t = plan.capacity.target?.year;
  const defaultYear = opts.cumulative ? plan.endYear : t !== undefined && t >= plan.startYear ? t : plan.endYear;
  return [{ metric, year: opts.year ?? defaultYear }];
}

/** The --metric names that have a running total, as prose: 'energy, coal or co2'. */
function withRunningTotals(conjunction: 'or' | 'and' = 'or'): string {
  const names = Object.entries(SENSITIVITY_METRICS).filter(([, m]) => m.cumulative !== undefined).map(([name]) => name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}` : names.join('');
}

const fixed = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

/** A tornado bar: a track of 2·CHART_WIDTH + 1 characters centred on the central value ('|'), filled between the two ends. */
function tornadoChart(atLow: number, atHigh: number, central: number, scale: number): string {
  const pos = (v: number) => CHART_WIDTH + (scale > 0 ? Math.round(((v - central) / scale) * CHART_WIDTH) : 0);
  const a = pos(Math.min(atLow, atHigh));
  const b = pos(Math.max(atLow, atHigh));
  let s = '';
  for (let i = 0; i <= 2 * CHART_WIDTH; i++) s += i >= a && i <= b && a !== b ? '█' : i === CHART_WIDTH ? '|' : ' ';
  return s.replace(/\s+$/, '');
}

function outputTitle(r: SensitivityResult, lang: Lang): string {
  const m = metricByField(r.metric);
  return t(lang, m.cumulativeOf !== undefined ? 'sens.to' : 'sens.in', { label: metricLabel(m, lang), year: r.year });
}

function sectionsFor(r: SensitivityResult, resolved: ResolvedScenario, units: UnitSystem, lang: Lang): Section[] {
  const { dimension } = metricByField(r.metric);
  const scale = Math.max(0, ...r.tornado.map((b) => Math.max(Math.abs(b.atLow - r.central), Math.abs(b.atHigh - r.central))));
  type Bar = SensitivityResult['tornado'][number];
  const tornadoColumns: Array<Column<Bar>> = [
    { header: t(lang, 'sens.input'), value: (b) => b.input },
    { header: 'P10 → P90', value: (b) => `${formatInput(b.lowInput, inputUnit(b.input, resolved), units)} → ${formatInput(b.highInput, inputUnit(b.input, resolved), units)}` },
    { header: t(lang, 'sens.atP10'), value: (b) => b.atLow, dimension },
    { header: t(lang, 'sens.atP90'), value: (b) => b.atHigh, dimension },
    { header: t(lang, 'sens.swing'), value: (b) => b.swing, dimension },
    { header: t(lang, 'sens.chartTornado'), value: (b) => tornadoChart(b.atLow, b.atHigh, r.central, scale) },
  ];
  const indexColumns: Array<Column<SensitivityInput>> = [
    { header: t(lang, 'sens.input'), value: (x) => x.input },
    { header: 'S1', value: (x) => fixed(x.firstOrder) },
    { header: '± se', value: (x) => fixed(x.firstOrderSe) },
    { header: 'ST', value: (x) => fixed(x.totalEffect) },
    { header: '± se', value: (x) => fixed(x.totalEffectSe) },
    { header: 'ρs', value: (x) => fixed(x.rankCorrelation) },
    { header: 'ρs²', value: (x) => fixed(x.rankCorrelationSquared) },
    { header: t(lang, 'sens.chartIndices'), value: (x) => `${bar(x.firstOrder ?? 0, CHART_WIDTH)}${'░'.repeat(Math.max(0, Math.round(Math.min(1, x.totalEffect ?? 0) * CHART_WIDTH) - bar(x.firstOrder ?? 0, CHART_WIDTH).length))}` },
  ];
  const title = outputTitle(r, lang);
  const central = formatQuantity(r.central, dimension, units, 6);
  return [
    section({ title: t(lang, 'sens.tornadoTitle', { title, central }), columns: tornadoColumns, rows: r.tornado }),
    section({
      title: t(lang, 'sens.indicesTitle', { title, mean: formatQuantity(r.mean, dimension, units, 6), sd: formatQuantity(r.sd, dimension, units, 4) }),
      columns: indexColumns,
      rows: r.inputs,
    }),
  ];
}

/** CSV: one row per (output, input) with the tornado and the indices. */
function csvSection(report: SensitivityReport, units: UnitSystem, lang: Lang): Section {
  interface Row {
    readonly r: SensitivityResult;
    readonly x: SensitivityInput;
    readonly t: SensitivityResult['tornado'][number] | undefined;
  }
  const rows: Row[] = report.outputs.flatMap((r) => r.inputs.map((x) => ({ r, x, t: r.tornado.find((b) => b.input === x.input) })));
  const shown = (row: Row, v: number | undefined) => (v === undefined ? '' : String(Number((v / DISPLAY_UNITS[units][metricByField(row.r.metric).dimension].divisor).toPrecision(12))));
  const num = (v: number | null) => (v === null ? '' : String(v));
  const columns: Array<Column<Row>> = [
    { header: t(lang, 'mc.metric'), value: (row) => (lang === 'zh' ? metricLabel(metricByField(row.r.metric), lang) : metricByField(row.r.metric).id) },
    { header: t(lang, 'year'), value: (row) => String(row.r.year) },
    { header: t(lang, 'mc.unit'), value: (row) => DISPLAY_UNITS[units][metricByField(row.r.metric).dimension].unit },
    { header: t(lang, 'sens.input'), value: (row) => row.x.input },
    { header: t(lang, 'sens.central'), value: (row) => shown(row, row.r.central) },
    { header: t(lang, 'sens.atP10'), value: (row) => shown(row, row.t?.atLow) },
    { header: t(lang, 'sens.atP90'), value: (row) => shown(row, row.t?.atHigh) },
    { header: t(lang, 'sens.swing'), value: (row) => shown(row, row.t?.swing) },
    { header: 'S1', value: (row) => num(row.x.firstOrder) },
    { header: 'S1 se', value: (row) => num(row.x.firstOrderSe) },
    { header: 'ST', value: (row) => num(row.x.totalEffect) },
    { header: 'ST se', value: (row) => num(row.x.totalEffectSe) },
    { header: t(lang, 'sens.rankCorrelation'), value: (row) => num(row.x.rankCorrelation) },
  ];
  return section({ columns, rows });
}

/** Renders a sensitivity report in the requested format. */
export function renderSensitivity(report: SensitivityReport, resolved: ResolvedScenario, opts: ReportOptions, lang: Lang = 'en'): string {
  if (opts.format === 'json') return renderJson(report);
  if (opts.format === 'csv') return renderSections([csvSection(report, opts.units, lang)], 'csv', opts.units);
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const correlated = report.inputs.correlations.length > 0;
  const header = [...inputLines(report, resolved, opts.units, t(lang, 'sens.runs', { n: report.draws.toLocaleString('en'), runs: report.evaluations.toLocaleString('en') }), lang), ''];
  const notes = [...t(lang, correlated ? 'sens.notesCorrelated' : 'sens.notes').split('\n'), ''];
  const body = report.outputs.map((r) => renderSections(sectionsFor(r, resolved, opts.units, lang), opts.format as 'table' | 'markdown', opts.units)).join('\n');
  const finance = report.financeTornado ? `\n${renderSections([financeTornadoSection(report.financeTornado, opts.units)], opts.format as 'table' | 'markdown', opts.units)}` : '';
  return `${md ? '## ' : ''}${lines(header)}\n${body}${finance}\n${lines(notes)}`;
}

/** The whole plan's LCOE with each input at its P10 and its P90 (the registry's label and unit). */
function financeTornadoSection(t: NonNullable<SensitivityReport['financeTornado']>, units: UnitSystem): Section {
  const lcoe = FINANCE_METRICS.find((m) => m.id === 'lcoe')!;
  const unit = scalarMetricUnit(lcoe, units);
  const columns: Array<Column<TornadoBar>> = [
    { header: 'input', value: (b) => b.input },
    { header: `${lcoe.header} at P10 (${unit})`, value: (b) => b.atLow.toFixed(4) },
    { header: `${lcoe.header} at P90 (${unit})`, value: (b) => b.atHigh.toFixed(4) },
    { header: `swing (${unit})`, value: (b) => b.swing.toFixed(4) },
  ];
  return section({ title: `Tornado of the whole plan's ${lcoe.label.en}, central ${t.central.toFixed(4)} ${unit}:`, columns, rows: t.tornado });
}

export function registerSensitivity(program: Command, io: CliIo): void {
  const cmd = program
    .command('sensitivity')
    .description('which uncertain input matters most: a tornado (P10/P90 swings) and variance-based (Sobol) indices, ranked')
    .argument('<file>', 'scenario file (YAML or JSON) with distributions (docs/uncertainty.md)')
    .addOption(new Option('-m, --metric <metric>', 'output to explain (default: energy in the target year and cumulative coal to the end year)').choices(Object.keys(SENSITIVITY_METRICS)))
    .option('-c, --cumulative', 'use the cumulative metric (energy, coal, co2) from years.start to --year')
    .option('-y, --year <year>', 'year of the output (default: the target year, or the end year for cumulative outputs)', wholeNumber(1000, 9999))
    .option('-n, --draws <n>', 'base samples N of the Sobol design (N·(inputs + 3) model runs)', wholeNumber(2, MAX_SENSITIVITY_DRAWS), DEFAULT_SENSITIVITY_DRAWS)
    .option('-s, --seed <n>', 'random seed', wholeNumber(0, Number.MAX_SAFE_INTEGER), 42);
  withReportOptions(cmd);
  withExample(cmd, 'pvplan sensitivity scenarios/wendeng-2025-uncertain.yaml', 'pvplan sensitivity scenarios/wendeng-2025-uncertain.yaml --metric coal --cumulative --year 2030', 'pvplan sensitivity scenarios/wendeng-2025-uncertain.yaml --format json > sensitivity.json');
  cmd.action(async (file: string, opts: SensitivityCliOptions) => {
    const resolved = loadScenario(file);
    const outputs = outputsFor(resolved, opts);
    if (resolved.uncertainty.parameters.length === 0 && resolved.uncertainty.interannualSdFrac === 0) {
      throw new CliError(`${file} has no uncertain inputs: give some fields as distributions (docs/uncertainty.md)`);
    }
    const report = await withProgressAndInterrupt(io, 'sensitivity', 'model runs', (onProgress, signal) => runSensitivity(resolved, { outputs, draws: opts.draws, seed: opts.seed, onProgress, signal }));
    io.stdout(renderSensitivity(report, resolved, opts, langOf(io)));
  });
}
