/** `pvplan run FILE`: the per-year table and summary of one scenario. */
import type { Command } from 'commander';
import { runReport, type CoalConvention, type RunReport } from '../../report/run.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { loadScenarioWithSteps } from '../../scenario/resolve-steps.ts';
import { renderJson, renderSections, section, tableQuantity, yearColumns, type Column, type Section } from '../../report/format.ts';
import { langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { portfolioCsvColumns, portfolioSections } from '../../report/portfolio-run.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';


const pct = (frac: number) => `${(frac * 100).toFixed(2)} %`;

/** One line describing the growth model and its solved or fitted parameters. */
export function describeGrowth(report: RunReport, units: UnitSystem, lang: Lang = 'en'): string {
  const g = report.summary.growth;
  const p = g.parameters;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : Number.NaN);
  const power = (k: string) => formatQuantity(num(k), 'power', units, 6);
  switch (g.model) {
    case 'cagr':
      return t(lang, 'growth.cagr', { rate: pct(num('rateFrac')), from: String(p.fromYear), until: String(p.untilYear), after: pct(num('afterRateFrac')) });
    case 'linear':
      return t(lang, 'growth.linear', { additions: power('additionsMWPerYear'), from: String(p.fromYear), until: String(p.untilYear), after: pct(num('afterRateFrac')) });
    case 'logistic':
      return t(lang, 'growth.logistic', { saturation: power('saturationMW'), steepness: num('steepnessPerYear').toFixed(4), midpoint: num('midpointYear').toFixed(2) });
    case 'trend':
      return p.fit === 'exponential'
        ? t(lang, 'growth.trendExp', { rate: pct(num('rateFrac')), r2: String(g.rSquared?.toFixed(4)) })
        : t(lang, 'growth.trendLog', { saturation: power('saturationMW'), steepness: num('steepnessPerYear').toFixed(4), r2: String(g.rSquared?.toFixed(4)) });
    case 'formula':
      return t(lang, 'growth.formula', { expression: String(p.expression) });
    default:
      return g.model;
  }
}

/** Plain-language summary lines (target, totals), shared by run and compare. */
export function targetLine(report: RunReport, units: UnitSystem, lang: Lang = 'en'): string {
  const tg = report.target;
  if (!tg) return t(lang, 'target.none');
  const q = (x: number | undefined, d: 'power' | 'energy' | 'mass') => formatQuantity(x ?? Number.NaN, d, units, 6);
  // Computed figures (shortfall, values in the target year) as the table rounds them; the target itself as written.
  const r = (x: number | undefined, d: 'power' | 'energy' | 'mass') => tableQuantity(x ?? Number.NaN, d, units);
  const parts: string[] = [];
  if (tg.capacityMW !== undefined) {
    const goal = t(lang, 'target.goal', { capacity: q(tg.capacityMW, 'power'), year: tg.year });
    if (tg.metInTargetYear) parts.push(t(lang, 'target.met', { goal, metYear: String(tg.metYear) }));
    else {
      const when = tg.metYear === null || tg.metYear === undefined ? t(lang, 'target.neverMet') : t(lang, 'target.firstMet', { year: tg.metYear });
      parts.push(t(lang, 'target.missed', { goal, shortfall: r(tg.shortfallMW, 'power'), capacity: r(tg.capacityInTargetYearMW, 'power'), year: tg.year, when }));
    }
  }
  if (tg.energyMWh !== undefined) parts.push(t(lang, 'target.energy', { energy: q(tg.energyMWh, 'energy'), year: tg.year, outcome: tg.energyMet ? t(lang, 'met') : t(lang, 'missedWith', { value: r(tg.energyInTargetYearMWh, 'energy') }) }));
  if (tg.coalTonnes !== undefined) parts.push(t(lang, 'target.coal', { mass: q(tg.coalTonnes, 'mass'), year: tg.year, outcome: tg.coalMet ? t(lang, 'met') : t(lang, 'missedWith', { value: r(tg.coalInTargetYearTonnes, 'mass') }) }));
  return t(lang, 'target.prefix', { parts: parts.join(lang === 'zh' ? '；' : '; ') });
}

function conventionsSection(report: RunReport, lang: Lang): Section {
  const ref = report.summary.referenceYear;
  const columns: Array<Column<CoalConvention>> = [
    { header: t(lang, 'run.convention'), value: (c) => c.preset },
    { header: t(lang, 'run.factor', { year: ref }), value: (c) => c.tonnesPerMWh, dimension: 'intensity' },
    { header: t(lang, 'run.coalSaved', { year: ref }), value: (c) => c.coalTonnes, dimension: 'mass' },
    { header: t(lang, 'run.cumCoal', { from: report.summary.startYear, to: report.summary.endYear }), value: (c) => c.cumulativeCoalTonnes, dimension: 'mass' },
    { header: t(lang, 'source'), value: (c) => (lang === 'zh' ? c.labelZh : c.label) },
  ];
  return section({ title: t(lang, 'run.conventionsTitle', { year: ref }), columns, rows: report.summary.coalConventions });
}

/** Renders a run report in the requested format and language. */
export function renderRun(report: RunReport, opts: ReportOptions, lang: Lang = 'en'): string {
  if (opts.format === 'json') return renderJson(report);
  const years = section({ columns: yearColumns(lang), rows: report.years });
  const p = report.portfolio;
  if (opts.format === 'csv') return renderSections([p ? section({ columns: [...yearColumns(lang), ...portfolioCsvColumns(p)], rows: report.years }) : years], 'csv', opts.units);
  const s = report.summary;
  const u = opts.units;
  // Summary figures are rounded as the table shows them, so a total equals the table's last cumulative cell.
  const q = (x: number, d: 'power' | 'energy' | 'mass') => tableQuantity(x, d, u);
  const header = [
    `${report.scenario.name}  [${report.scenario.id}]`,
    ...(report.scenario.region ? [t(lang, 'region', { region: report.scenario.region })] : []),
    t(lang, 'scenarioLine', { version: report.pvplanVersion, hash: report.scenario.hash.slice(0, 23) }),
    t(lang, 'run.growth', { text: describeGrowth(report, u, lang) }),
    t(lang, 'run.yield', { hours: s.yield.fullLoadHoursStartYear.toFixed(1), year: s.startYear, model: s.yield.model }),
    ...(s.uncertainFields.length > 0 ? [t(lang, 'run.uncertain', { fields: s.uncertainFields.join(', ') })] : []),
    '',
  ];
  const summary = [
    '',
    targetLine(report, u, lang),
    t(lang, 'run.endOf', { year: s.endYear, capacity: q(s.capacityEndMW, 'power'), operating: q(s.operatingEndMW, 'power') }),
    t(lang, 'run.totals', { from: s.startYear, to: s.endYear, energy: q(s.totalEnergyMWh, 'energy'), coal: q(s.totalCoalTonnes, 'mass'), co2: q(s.totalCo2Tonnes, 'mass') }),
    ...s.warnings.map((w) => `${t(lang, 'warning')}${w}`),
    '',
  ];
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const portfolio = p ? `\n${renderSections(portfolioSections(p, lang), opts.format, u)}` : '';
  return `${md ? `## ` : ''}${lines(header)}\n${renderSections([years], opts.format, u)}${portfolio}${lines(summary)}\n${renderSections([conventionsSection(report, lang)], opts.format, u)}`;
}

export function registerRun(program: Command, io: CliIo): void {
  const cmd = program
    .command('run')
    .description('run a scenario: capacity, operating capacity, energy, coal and CO2 by year, and a summary')
    .argument('<file>', 'scenario file (YAML or JSON)');
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(cmd, 'pvplan run scenarios/wendeng-2025.yaml', 'pvplan run scenarios/datang-100mw.yaml --units cn', 'pvplan run scenarios/wendeng-2025.yaml --format json > result.json');
  cmd.action(async (file: string, opts: ReportOptions & { strict?: boolean }) => {
    const resolved = await loadScenarioWithSteps(file);
    reportWarnings(io, resolved.warnings, opts.strict);
    io.stdout(renderRun(runReport(resolved), opts, langOf(io)));
  });
}
