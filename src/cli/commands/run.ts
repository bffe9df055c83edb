/** `pvplan run FILE`: the per-year table and summary of one scenario. */
import type { Command } from 'commander';
import { runReport, type CoalConvention, type RunReport } from '../../report/run.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { loadScenario } from '../../scenario/resolve.ts';
import { renderJson, renderSections, section, yearColumns, type Column, type Section } from '../../report/format.ts';
import { portfolioCsvColumns, portfolioSections } from '../../report/portfolio-run.ts';
import type { CliIo } from '../io.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';


const pct = (frac: number) => `${(frac * 100).toFixed(2)} %`;

/** One line describing the growth model and its solved or fitted parameters. */
export function describeGrowth(report: RunReport, units: UnitSystem): string {
  const g = report.summary.growth;
  const p = g.parameters;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : Number.NaN);
  switch (g.model) {
    case 'cagr':
      return `cagr: ${pct(num('rateFrac'))} a year from ${p.fromYear} to ${p.untilYear}, then ${pct(num('afterRateFrac'))} a year`;
    case 'linear':
      return `linear: ${formatQuantity(num('additionsMWPerYear'), 'power', units, 6)} a year from ${p.fromYear} to ${p.untilYear}, then ${pct(num('afterRateFrac'))} a year`;
    case 'logistic':
      return `logistic: saturation ${formatQuantity(num('saturationMW'), 'power', units, 6)}, steepness ${num('steepnessPerYear').toFixed(4)}/yr, midpoint ${num('midpointYear').toFixed(2)}`;
    case 'trend':
      return p.fit === 'exponential'
        ? `trend (exponential fit to history): ${pct(num('rateFrac'))} a year, R² = ${g.rSquared?.toFixed(4)}`
        : `trend (logistic fit to history): saturation ${formatQuantity(num('saturationMW'), 'power', units, 6)}, steepness ${num('steepnessPerYear').toFixed(4)}/yr, R² = ${g.rSquared?.toFixed(4)}`;
    case 'formula':
      return `formula: ${String(p.expression)}`;
    default:
      return g.model;
  }
}

/** Plain-language summary lines (target, totals), shared by run and compare. */
export function targetLine(report: RunReport, units: UnitSystem): string {
  const t = report.target;
  if (!t) return 'target: none';
  const parts: string[] = [];
  if (t.capacityMW !== undefined) {
    const goal = `${formatQuantity(t.capacityMW, 'power', units, 6)} built + under construction in ${t.year}`;
    if (t.metInTargetYear) parts.push(`${goal}: met in ${t.metYear}`);
    else parts.push(`${goal}: missed by ${formatQuantity(t.shortfallMW ?? Number.NaN, 'power', units, 6)} (${formatQuantity(t.capacityInTargetYearMW ?? Number.NaN, 'power', units, 6)} in ${t.year}); ${t.metYear === null ? 'not met by the end year' : `first met in ${t.metYear}`}`);
  }
  if (t.energyMWh !== undefined) parts.push(`energy ${formatQuantity(t.energyMWh, 'energy', units, 6)} in ${t.year}: ${t.energyMet ? 'met' : `missed (${formatQuantity(t.energyInTargetYearMWh, 'energy', units, 6)})`}`);
  if (t.coalTonnes !== undefined) parts.push(`coal saved ${formatQuantity(t.coalTonnes, 'mass', units, 6)} in ${t.year}: ${t.coalMet ? 'met' : `missed (${formatQuantity(t.coalInTargetYearTonnes, 'mass', units, 6)})`}`);
  return `target: ${parts.join('; ')}`;
}

function conventionsSection(report: RunReport): Section {
  const ref = report.summary.referenceYear;
  const columns: Array<Column<CoalConvention>> = [
    { header: 'convention', value: (c) => c.preset },
    { header: `factor ${ref}`, value: (c) => c.tonnesPerMWh, dimension: 'intensity' },
    { header: `coal saved ${ref}`, value: (c) => c.coalTonnes, dimension: 'mass' },
    { header: `cum. coal ${report.summary.startYear}–${report.summary.endYear}`, value: (c) => c.cumulativeCoalTonnes, dimension: 'mass' },
    { header: 'source', value: (c) => c.label },
  ];
  return section({ title: `Coal saved under each convention (same energy, ${ref} as the reference year):`, columns, rows: report.summary.coalConventions });
}

/** Renders a run report in the requested format. */
export function renderRun(report: RunReport, opts: ReportOptions): string {
  if (opts.format === 'json') return renderJson(report);
  const years = section({ columns: yearColumns(), rows: report.years });
  const p = report.portfolio;
  if (opts.format === 'csv') return renderSections([p ? section({ columns: [...yearColumns(), ...portfolioCsvColumns(p)], rows: report.years }) : years], 'csv', opts.units);
  const s = report.summary;
  const u = opts.units;
  const header = [
    `${report.scenario.name}  [${report.scenario.id}]`,
    ...(report.scenario.region ? [`region: ${report.scenario.region}`] : []),
    `pvplan ${report.pvplanVersion} · scenario ${report.scenario.hash.slice(0, 23)}…`,
    `growth: ${describeGrowth(report, u)}`,
    `yield: ${report.summary.yield.fullLoadHoursStartYear.toFixed(1)} full-load hours of a new plant in ${s.startYear} (${report.summary.yield.model})`,
    ...(s.uncertainFields.length > 0 ? [`uncertain: ${s.uncertainFields.join(', ')} — this run uses their medians; \`pvplan mc\` gives the ranges`] : []),
    '',
  ];
  const summary = [
    '',
    targetLine(report, u),
    `end of ${s.endYear}: ${formatQuantity(s.capacityEndMW, 'power', u, 6)} built + under construction, ${formatQuantity(s.operatingEndMW, 'power', u, 6)} operating`,
    `totals ${s.startYear}–${s.endYear}: energy ${formatQuantity(s.totalEnergyMWh, 'energy', u, 6)}, coal saved ${formatQuantity(s.totalCoalTonnes, 'mass', u, 6)}, CO2 avoided ${formatQuantity(s.totalCo2Tonnes, 'mass', u, 6)}`,
    ...s.warnings.map((w) => `warning: ${w}`),
    '',
  ];
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const portfolio = p ? `\n${renderSections(portfolioSections(p), opts.format, u)}` : '';
  return `${md ? `## ` : ''}${lines(header)}\n${renderSections([years], opts.format, u)}${portfolio}${lines(summary)}\n${renderSections([conventionsSection(report)], opts.format, u)}`;
}

export function registerRun(program: Command, io: CliIo): void {
  const cmd = program
    .command('run')
    .description('run a scenario: capacity, operating capacity, energy, coal and CO2 by year, and a summary')
    .argument('<file>', 'scenario file (YAML or JSON)');
  withReportOptions(cmd);
  withExample(cmd, 'pvplan run scenarios/wendeng-2025.yaml', 'pvplan run scenarios/datang-100mw.yaml --units cn', 'pvplan run scenarios/wendeng-2025.yaml --format json > result.json');
  cmd.action((file: string, opts: ReportOptions) => {
    const report = runReport(loadScenario(file));
    io.stdout(renderRun(report, opts));
  });
}
