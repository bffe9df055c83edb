/**
 * `pvplan mc FILE`: Monte Carlo over the scenario's uncertain inputs — per year mean, sd and quantiles of every
 * metric, the probability of meeting the target and the distribution of the year it is first met.
 * Also the helpers `pvplan sensitivity` shares: option parsers, the progress bar and Ctrl-C handling.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { WEATHER_MULTIPLIER_UNIT, type InputUnit } from '../../core/uncertainty/parameters.ts';
import { WEATHER_INPUT } from '../../core/uncertainty/sensitivity.ts';
import { FINANCE_METRICS, metricByField, scalarMetricUnit } from '../../core/metrics/metrics.ts';
import { MC_METRICS, quantileKey, STANDARD_QUANTILES, type McMetric, type McStats } from '../../core/uncertainty/monte-carlo.ts';
import { McAbortError, MAX_DRAWS, MAX_THREADS } from '../../mc/run.ts';
import { runPortfolioMonteCarlo } from '../../mc/portfolio.ts';
import { renderJson, renderSections, section, tableQuantity, type Column, type Section } from '../../report/format.ts';
import type { McInput, McPortfolio, McReport, McYear } from '../../report/mc.ts';
import { DISPLAY_UNITS, formatQuantity, type Dimension, type UnitSystem } from '../../scenario/quantity.ts';
import { loadScenario, type ResolvedScenario } from '../../scenario/resolve.ts';
import { langOf, type CliIo } from '../io.ts';
import { metricLabel, t, type Lang } from '../../report/messages.ts';
import { TECHNOLOGY_LABELS } from '../../core/portfolio/types.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';

/** Exit status after Ctrl-C: 128 + SIGINT (2), the shell convention. */
export const EXIT_INTERRUPTED = 130;
/** A run shows its progress bar only once it has taken this long (ms), and only on a terminal. */
export const PROGRESS_DELAY_MS = 1000;

/** Commander parser for a whole number in [min, max]. */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const x = Number(text.replace(/[_,]/g, ''));
    if (!/^\s*[0-9][0-9_,]*\s*$/.test(text) || !Number.isSafeInteger(x) || x < min || x > max) throw new InvalidArgumentError(`expected a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`);
    return x;
  };
}

function threadsOption(text: string): 'auto' | number {
  if (text.trim() === 'auto') return 'auto';
  try {
    return wholeNumber(1, MAX_THREADS)(text);
  } catch {
    throw new InvalidArgumentError(`expected 'auto' or a whole number from 1 to ${MAX_THREADS}.`);
  }
}

function quantilesOption(text: string): number[] {
  const qs = text.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (qs.length === 0 || qs.some((q) => !(q >= 0 && q <= 1))) throw new InvalidArgumentError('expected comma-separated probabilities between 0 and 1, e.g. 0.05,0.95.');
  return qs;
}

/**
 * Runs `work` with a progress bar on stderr (only on a terminal, and only once the run passes PROGRESS_DELAY_MS)
 * and Ctrl-C handling: the first SIGINT aborts the work (workers are terminated) and exits with status 130
 * after clearing the bar, having printed nothing to stdout; a second one exits at once.
 */
export async function withProgressAndInterrupt<T>(io: CliIo, label: string, unit: string, work: (onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const progress = io.stderrIsTTY ? (await import('cli-progress')).default : undefined;
  const started = Date.now();
  let bar: InstanceType<NonNullable<typeof progress>['SingleBar']> | undefined;
  const onProgress = (done: number, total: number) => {
    if (!progress) return;
    if (!bar) {
      if (Date.now() - started < PROGRESS_DELAY_MS || done >= total) return;
      bar = new progress.SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true, fps: 5 }, progress.Presets.shades_classic);
      bar.start(total, done);
    } else bar.update(done);
  };
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(onProgress, controller.signal);
  } catch (e) {
    if (e instanceof McAbortError) {
      bar?.stop();
      io.stderr('interrupted: no output written\n');
      // The one direct exit of a command: status 130 tells the shell the run was interrupted, not failed.
      process.exit(EXIT_INTERRUPTED);
    }
    throw e;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
}

/** The unit of an input of a report, by name: an uncertain parameter's own, or the weather multiplier's. */
export function inputUnit(name: string, resolved: Pick<ResolvedScenario, 'uncertainty'>): InputUnit {
  const parameter = resolved.uncertainty.parameters.find((p) => p.name === name);
  if (parameter) return parameter.unit;
  if (name === WEATHER_INPUT) return WEATHER_MULTIPLIER_UNIT;
  throw new Error(`inputUnit: '${name}' is not an input of this scenario`);
}

/** One input value for display in its unit, e.g. '55.1 %', '1135 h', '1 yr'. */
export function formatInput(value: number, unit: InputUnit, units: UnitSystem): string {
  return unit.dimension === 'years' ? `${Number(value.toPrecision(4))} yr` : formatQuantity(value, unit.dimension, units, 4);
}

/** The header lines shared by mc and sensitivity: scenario, run and the uncertain inputs with their P10/P50/P90. */
export function inputLines(report: Pick<McReport, 'scenario' | 'pvplanVersion' | 'draws' | 'seed' | 'inputs'>, resolved: Pick<ResolvedScenario, 'uncertainty'>, units: UnitSystem, what: string, lang: Lang = 'en'): string[] {
  const { parameters, correlations, interannualSdFrac } = report.inputs;
  const width = Math.max(0, ...parameters.map((p) => p.name.length));
  const line = (p: McInput) => `  ${p.name.padEnd(width)}  ${p.distribution.kind.padEnd(10)}  ${[p.p10, p.p50, p.p90].map((v) => formatInput(v, inputUnit(p.name, resolved), units)).join(' / ')}`;
  return [
    `${report.scenario.name}  [${report.scenario.id}]`,
    `${t(lang, 'scenarioLine', { version: report.pvplanVersion, hash: report.scenario.hash.slice(0, 23) })} · ${what} · ${t(lang, 'mc.seed', { seed: report.seed })}`,
    t(lang, parameters.length > 0 ? 'mc.inputs' : 'mc.inputsNone'),
    ...parameters.map(line),
    ...(interannualSdFrac > 0 ? [t(lang, 'mc.weather', { sd: (interannualSdFrac * 100).toPrecision(3) })] : []),
    ...correlations.map((c) => t(lang, 'mc.correlation', { a: c.between[0], b: c.between[1], rank: c.rank })),
  ];
}

/** A horizontal bar of `fraction` (0–1) of `width` characters. */
export function bar(fraction: number, width: number): string {
  const n = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(n);
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Keys of the quantiles a report carries, P10/P50/P90 first. */
function quantileKeys(report: McReport): string[] {
  const first = report.years[0]?.capacityMW as McStats | undefined;
  const standard = STANDARD_QUANTILES.map(quantileKey);
  const extra = first ? Object.keys(first).filter((k) => k.startsWith('p') && !standard.includes(k as `p${string}`)) : [];
  return [...standard, ...extra].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

function metricSection(report: McReport, metric: McMetric, keys: readonly string[], lang: Lang): Section {
  const m = metricByField(metric);
  const { dimension } = m;
  const stat = (k: string) => (row: McYear) => (row[metric] as unknown as Record<string, number>)[k];
  const columns: Array<Column<McYear>> = [
    { header: t(lang, 'year'), value: (r) => String(r.year) },
    { header: t(lang, 'mc.mean'), value: stat('mean'), dimension },
    { header: t(lang, 'mc.sd'), value: stat('sd'), dimension },
    ...keys.map((k) => ({ header: k, value: stat(k), dimension })),
  ];
  return section({ title: `${metricLabel(m, lang)}${lang === 'zh' ? '：' : ':'}`, columns, rows: report.years });
}

interface TidyRow {
  readonly year: number;
  readonly metric: McMetric;
  readonly values: readonly number[];
}

/** CSV: one row per (year, metric), values in the display unit of the chosen system, full precision. */
function csvSection(report: McReport, keys: readonly string[], units: UnitSystem, lang: Lang): Section {
  const stats = ['mean', 'sd', ...keys];
  const rows: TidyRow[] = report.years.flatMap((y) =>
    MC_METRICS.map((m) => {
      const divisor = DISPLAY_UNITS[units][metricByField(m).dimension].divisor;
      const s = y[m] as unknown as Record<string, number>;
      return { year: y.year, metric: m, values: stats.map((k) => s[k]! / divisor) };
    }),
  );
  const columns: Array<Column<TidyRow>> = [
    { header: t(lang, 'year'), value: (r) => String(r.year) },
    // The metric's id ('energy') or Chinese name, not its field ('energyMWh'): the unit column says the unit of the values.
    { header: t(lang, 'mc.metric'), value: (r) => (lang === 'zh' ? metricLabel(metricByField(r.metric), lang) : metricByField(r.metric).id) },
    { header: t(lang, 'mc.unit'), value: (r) => DISPLAY_UNITS[units][metricByField(r.metric).dimension].unit },
    ...stats.map((k, i) => ({ header: k === 'mean' ? t(lang, 'mc.mean') : k === 'sd' ? t(lang, 'mc.sd') : k, value: (r: TidyRow) => String(Number(r.values[i]!.toPrecision(12))) })),
  ];
  return section({ columns, rows });
}

/** The target lines: probability of meeting it in its year, and the year it is first met as a bar chart. */
function targetLines(report: McReport, units: UnitSystem, lang: Lang): string[] {
  const tg = report.target;
  if (!tg) return [t(lang, 'mc.targetNone')];
  const lines = [
    t(lang, 'mc.target', { capacity: formatQuantity(tg.capacityMW, 'power', units, 6), year: tg.year, p: pct(tg.probabilityMet) }),
    ...(tg.probabilityEnergyMet === undefined ? [] : [t(lang, 'mc.energyTarget', { energy: formatQuantity(tg.energyMWh!, 'energy', units, 6), year: tg.year, p: pct(tg.probabilityEnergyMet) })]),
    ...(tg.probabilityCoalMet === undefined ? [] : [t(lang, 'mc.coalTarget', { mass: formatQuantity(tg.coalTonnes!, 'mass', units, 6), year: tg.year, p: pct(tg.probabilityCoalMet) })]),
    t(lang, 'mc.firstMet'),
  ];
  const top = Math.max(...tg.yearMetDistribution.map((r) => r.probability));
  for (const r of tg.yearMetDistribution) lines.push(`  ${(r.year === null ? t(lang, 'never') : String(r.year)).padEnd(5)}  ${pct(r.probability).padStart(7)}  ${bar(r.probability / top, 40)}`);
  return lines;
}

/** A scenario with projects: the total capacity by year across draws, and each target's odds and first year met. */
function portfolioParts(report: McReport, units: UnitSystem, lang: Lang = 'en'): { sections: Section[]; lines: string[] } {
  const p = report.portfolio;
  if (!p) return { sections: [], lines: [] };
  type Row = McPortfolio['years'][number];
  const capacity = metricByField('capacityMW');
  const capacityName = lang === 'zh' ? metricLabel(capacity, lang) : capacity.header;
  const stat = (k: 'mean' | 'p10' | 'p50' | 'p90', of: 'capacityMW' | 'operatingMW') => (r: Row) => r[of][k];
  const statName = (k: 'mean' | 'p10' | 'p50' | 'p90') => (k === 'mean' ? t(lang, 'mc.mean') : k);
  const columns: Array<Column<Row>> = [
    { header: t(lang, 'year'), value: (r) => String(r.year) },
    ...(['mean', 'p10', 'p50', 'p90'] as const).map((k) => ({ header: `${capacityName} ${statName(k)}`, value: stat(k, 'capacityMW'), dimension: capacity.dimension })),
    { header: t(lang, 'mc.operatingMean'), value: stat('mean', 'operatingMW'), dimension: capacity.dimension },
  ];
  const lines: string[] = [];
  for (const tg of p.targets) {
    const what = t(lang, tg.counts === 'operating' ? 'pipeline.operatingWhat' : 'pipeline.builtWhat');
    const technologies = tg.technologies.map((x) => (lang === 'zh' ? TECHNOLOGY_LABELS[x].zh : x)).join(' + ');
    const stats = tg.energyInTargetYearMWh ?? tg.capacityInTargetYearMW;
    const dimension = tg.kind === 'energy' ? 'energy' : 'power';
    const range = stats ? [stats.p10, stats.p50, stats.p90].map((v) => tableQuantity(v, dimension, units)).join(' / ') : '';
    if (tg.kind === 'energy') {
      lines.push(t(lang, 'mc.portfolioEnergyTarget', { name: tg.name, energy: formatQuantity(tg.energyMWh ?? Number.NaN, 'energy', units, 6), technologies, what: t(lang, 'energyTarget.what'), year: tg.year, p: pct(tg.probabilityMet), range }));
    } else lines.push(t(lang, 'mc.portfolioTarget', { name: tg.name, capacity: formatQuantity(tg.capacityMW ?? Number.NaN, 'power', units, 6), technologies, what, year: tg.year, p: pct(tg.probabilityMet), range }));
    lines.push(`  ${t(lang, 'mc.portfolioFirstMet')}`);
    const top = Math.max(...tg.yearMetDistribution.map((r) => r.probability));
    for (const r of tg.yearMetDistribution) lines.push(`    ${(r.year === null ? t(lang, 'never') : String(r.year)).padEnd(5)}  ${pct(r.probability).padStart(7)}  ${bar(r.probability / top, 40)}`);
  }
  return { sections: [section({ title: t(lang, 'mc.portfolioTitle'), columns, rows: p.years })], lines };
}

/** Renders a Monte Carlo report in the requested format. */
export function renderMc(report: McReport, resolved: Pick<ResolvedScenario, 'uncertainty'>, opts: ReportOptions, lang: Lang = 'en'): string {
  if (opts.format === 'json') return renderJson(report);
  const keys = quantileKeys(report);
  if (opts.format === 'csv') return renderSections([csvSection(report, keys, opts.units, lang)], 'csv', opts.units);
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const header = [
    ...inputLines(report, resolved, opts.units, t(lang, 'mc.draws', { n: report.draws.toLocaleString('en') }), lang),
    t(lang, 'mc.percentileNote'),
    '',
  ];
  const sections = MC_METRICS.map((m) => metricSection(report, m, keys, lang));
  const portfolio = portfolioParts(report, opts.units, lang);
  const portfolioText = portfolio.sections.length > 0 ? `${renderSections(portfolio.sections, opts.format, opts.units)}\n${lines([...portfolio.lines, ''])}\n` : '';
  return `${md ? '## ' : ''}${lines(header)}\n${renderSections(sections, opts.format, opts.units)}\n${lines([...targetLines(report, opts.units, lang), ...financeMcLines(report, opts.units), ''])}\n${portfolioText}`;
}

/** The finance block in words: P10/P50/P90 of LCOE, NPV and IRR with the registry's labels and units, and P(NPV > 0). */
function financeMcLines(report: McReport, units: UnitSystem): string[] {
  const f = report.finance;
  if (!f) return [];
  const line = (id: 'lcoe' | 'npv' | 'irr', stats: McStats | null) => {
    const m = FINANCE_METRICS.find((x) => x.id === id)!;
    if (stats === null) return `${m.label.en}: none in any draw`;
    const show = (v: number) => (m.dimension === 'fraction' ? (v * 100).toFixed(2) : m.dimension === 'money' ? (v / DISPLAY_UNITS[units].money.divisor).toFixed(units === 'cn' ? 3 : 0) : v.toFixed(4));
    return `${m.label.en}: p10 ${show(stats.p10)}, p50 ${show(stats.p50)}, p90 ${show(stats.p90)} ${scalarMetricUnit(m, units)}`;
  };
  return ['', 'Finance of the whole plan (docs/finance.md):', line('lcoe', f.lcoeYuanPerKWh), line('npv', f.npvYuan), `${line('irr', f.irrFrac)}${f.irrDraws < report.draws ? ` (${f.irrDraws} draws have an IRR)` : ''}`, `P(NPV > 0) = ${(f.probabilityNpvPositive * 100).toFixed(1)} %`];
}

interface McOptions extends ReportOptions {
  readonly draws: number;
  readonly seed: number;
  readonly threads: 'auto' | number;
  readonly quantiles?: number[];
  readonly strict?: boolean;
}

export function registerMc(program: Command, io: CliIo): void {
  const cmd = program
    .command('mc')
    .description('Monte Carlo over the uncertain inputs: P10/P50/P90 of every metric by year, and how likely the target is')
    .argument('<file>', 'scenario file (YAML or JSON) with distributions (docs/uncertainty.md)')
    .option('-n, --draws <n>', 'number of draws', wholeNumber(1, MAX_DRAWS), 10000)
    .option('-s, --seed <n>', 'random seed (same seed, same output, whatever the thread count)', wholeNumber(0, Number.MAX_SAFE_INTEGER), 42)
    .option('-t, --threads <n>', "worker threads: 'auto' (one for small runs, else every core) or a number", threadsOption, 'auto')
    .option('-q, --quantiles <list>', 'extra quantiles besides 0.1, 0.5, 0.9, e.g. 0.05,0.95', quantilesOption);
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(cmd, 'pvplan mc scenarios/wendeng-2025-uncertain.yaml', 'pvplan mc scenarios/wendeng-2025-uncertain.yaml --draws 100000 --quantiles 0.05,0.95 --units cn', 'pvplan mc scenarios/wendeng-2025-uncertain.yaml --format json > mc.json');
  cmd.action(async (file: string, opts: McOptions) => {
    const resolved = loadScenario(file);
    reportWarnings(io, resolved.warnings, opts.strict);
    const report = await withProgressAndInterrupt(io, 'mc', 'draws', (onProgress, signal) =>
      runPortfolioMonteCarlo(resolved, { draws: opts.draws, seed: opts.seed, threads: opts.threads, quantiles: opts.quantiles ?? [], onProgress, signal }),
    );
    io.stdout(renderMc(report, resolved, opts, langOf(io)));
  });
}
