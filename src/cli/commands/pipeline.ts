/** `pvplan pipeline FILE`: the named projects, the planned and risk-weighted paths, and each target's waterfall and gap. */
import type { Command } from 'commander';
import type { PortfolioYear } from '../../core/portfolio/paths.ts';
import type { WaterfallStep } from '../../core/portfolio/waterfall.ts';
import { renderJson, renderSections, section, type Column, type Section } from '../../report/format.ts';
import { pipelineReport, type PipelineProjectRow, type PipelineReport, type PipelineTargetRow } from '../../report/pipeline.ts';
import { loadPortfolio } from '../../scenario/projects.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import type { CliIo } from '../io.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';
import { wholeNumber } from './mc.ts';

/** Largest --draws of the in-process pipeline Monte Carlo. */
const MAX_PIPELINE_DRAWS = 1_000_000;

const pct = (frac: number) => `${(frac * 100).toFixed(1)} %`;

const PROJECT_COLUMNS: ReadonlyArray<Column<PipelineProjectRow>> = [
  { header: 'id', value: (p) => p.id },
  { header: 'stage', value: (p) => p.stage },
  { header: 'technology', value: (p) => p.technology },
  { header: 'capacity', value: (p) => p.capacityMW, dimension: 'power' },
  { header: 'storage', value: (p) => p.energyMWh, dimension: 'energy' },
  { header: 'construction', value: (p) => String(p.constructionStartYear) },
  { header: 'commissioning', value: (p) => String(p.plannedCommissioningYear) },
  { header: 'expected', value: (p) => p.expectedCommissioningYear.toFixed(1) },
  { header: 'probability', value: (p) => p.completionProbabilityFrac, dimension: 'fraction' },
  { header: 'investment', value: (p) => p.investmentYuan, dimension: 'money' },
];

const YEAR_COLUMNS: ReadonlyArray<Column<PortfolioYear>> = [
  { header: 'year', value: (y) => String(y.year) },
  { header: 'planned', value: (y) => y.plannedCapacityMW, dimension: 'power' },
  { header: 'risk-weighted', value: (y) => y.expectedCapacityMW, dimension: 'power' },
  { header: 'unnamed', value: (y) => y.unnamedCapacityMW, dimension: 'power' },
  { header: 'operating planned', value: (y) => y.plannedOperatingMW, dimension: 'power' },
  { header: 'operating risk-weighted', value: (y) => y.expectedOperatingMW, dimension: 'power' },
  { header: 'storage planned', value: (y) => y.byTechnology.storage.plannedCapacityMW, dimension: 'power' },
];

const STEP_LABELS: Readonly<Record<WaterfallStep['step'], string>> = {
  today: 'today: baseline + operating projects',
  'under-construction': '+ under construction',
  approved: '+ approved',
  signed: '+ signed',
  prospect: '+ prospects',
};

interface WaterfallRow {
  readonly label: string;
  readonly plannedMW: number;
  readonly expectedMW: number;
}

function waterfallSection(t: PipelineTargetRow, baseYear: number): Section {
  const rows: WaterfallRow[] = [
    ...t.steps.map((s) => ({ label: STEP_LABELS[s.step], plannedMW: s.plannedMW, expectedMW: s.expectedMW })),
    { label: 'named total', plannedMW: t.plannedMW, expectedMW: t.expectedMW },
    { label: 'target', plannedMW: t.capacityMW, expectedMW: t.capacityMW },
    { label: 'gap (unnamed growth needed)', plannedMW: t.gapPlannedMW, expectedMW: t.gapExpectedMW },
    { label: `unnamed growth in the plan, ${baseYear}–${t.year}`, plannedMW: t.unnamedGrowthMW, expectedMW: t.unnamedGrowthMW },
    { label: 'still missing after it', plannedMW: t.remainingPlannedMW, expectedMW: t.remainingExpectedMW },
  ];
  const columns: Array<Column<WaterfallRow>> = [
    { header: 'step', value: (r) => r.label },
    { header: 'planned', value: (r) => r.plannedMW, dimension: 'power' },
    { header: 'risk-weighted', value: (r) => r.expectedMW, dimension: 'power' },
  ];
  const what = t.counts === 'operating' ? 'operating' : 'built + under construction';
  return section({ title: `${t.name}: ${t.technologies.join(' + ')}, ${what}, in ${t.year}`, columns, rows });
}

/** What a target's gap means, in words. */
function gapLines(t: PipelineTargetRow, units: UnitSystem): string[] {
  const q = (mw: number) => formatQuantity(mw, 'power', units, 4);
  const meaning = (label: string, gap: number, m: PipelineTargetRow['gapPlanned']) =>
    gap <= 0
      ? `${label}: the named projects reach the target`
      : `${label}: ${q(gap)} must come from unnamed growth: ${q(m.mwPerYear)} a year for ${m.years} years${m.growthRateFrac === null ? '' : `, ${pct(m.growthRateFrac)} a year on the unnamed baseline`}`;
  return [
    meaning('planned', t.gapPlannedMW, t.gapPlanned),
    meaning('risk-weighted', t.gapExpectedMW, t.gapExpected),
    ...(t.monteCarlo
      ? [
          `Monte Carlo (${t.monteCarlo.draws.toLocaleString('en')} draws, seed ${t.monteCarlo.seed}, unnamed growth included): target met in ${t.year} in ${pct(t.monteCarlo.probabilityMetFrac)} of draws; first met: ${t.monteCarlo.yearMetDistribution.map((r) => `${r.year ?? 'not by the end year'} ${pct(r.probability)}`).join(', ')}`,
        ]
      : []),
  ];
}

/** Renders a pipeline report in the requested format. */
export function renderPipeline(report: PipelineReport, opts: ReportOptions): string {
  if (opts.format === 'json') return renderJson(pipelineJson(report));
  const projects = section({ title: 'Projects:', columns: PROJECT_COLUMNS, rows: report.projects });
  if (opts.format === 'csv') return renderSections([projects], 'csv', opts.units);
  const u = opts.units;
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const inv = report.investmentYuan;
  const money = (yuan: number) => formatQuantity(yuan, 'money', u, 6);
  const out = [
    `${md ? '## ' : ''}${lines([`${report.scenario.name}  [${report.scenario.id}]`, `scenario ${report.scenario.hash.slice(0, 23)}… · expected commissioning = planned year + mean delay (display only)`, ''])}`,
    renderSections([projects, section({ title: 'Capacity by year (generation; unnamed = the aggregate plan, included in planned and risk-weighted):', columns: YEAR_COLUMNS, rows: report.years })], opts.format, u),
  ];
  for (const t of report.targets) {
    out.push(renderSections([waterfallSection(t, report.baseYear)], opts.format, u));
    out.push(`${lines(gapLines(t, u))}\n`);
  }
  out.push(
    `${lines([
      `investment: ${money(inv.total)} named (risk-weighted ${money(inv.expected)})${inv.signed === undefined ? '' : `, ${pct(inv.shareOfSignedFrac ?? 0)} of the ${money(inv.signed)} signed`}`,
      `by year: ${Object.entries(inv.byYear).map(([y, v]) => `${y} ${money(v)}`).join(', ') || 'none'}`,
      ...report.warnings.map((w) => `warning: ${w}`),
    ])}\n`,
  );
  return out.join('\n');
}

/** The documented JSON contract (docs/portfolio.md), plus the waterfall and gap details. */
export function pipelineJson(report: PipelineReport): unknown {
  return {
    scenario: report.scenario,
    projects: report.projects,
    years: report.years,
    targets: report.targets,
    investmentYuan: report.investmentYuan,
    warnings: report.warnings,
  };
}

export function registerPipeline(program: Command, io: CliIo): void {
  const cmd = program
    .command('pipeline')
    .description("a scenario's named projects: stages, planned and risk-weighted capacity, each target's waterfall and gap, investment")
    .argument('<file>', 'scenario file with projects (YAML or JSON)')
    .option('-n, --draws <n>', 'also run a Monte Carlo of completion and delay: P(target met) and the year first met', wholeNumber(1, MAX_PIPELINE_DRAWS))
    .option('-s, --seed <n>', 'random seed of --draws', wholeNumber(0, Number.MAX_SAFE_INTEGER), 42);
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(cmd, 'pvplan pipeline scenarios/wendeng-portfolio.yaml', 'pvplan pipeline scenarios/wendeng-portfolio.yaml --units cn --draws 10000', 'pvplan pipeline scenarios/wendeng-portfolio.yaml --format json > pipeline.json');
  cmd.action((file: string, opts: ReportOptions & { draws?: number; seed: number; strict?: boolean }) => {
    const loaded = loadPortfolio(file);
    reportWarnings(io, loaded.scenario.warnings, opts.strict);
    const report = pipelineReport(loaded, opts.draws === undefined ? undefined : { draws: opts.draws, seed: opts.seed });
    if (opts.format !== 'json') for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
    io.stdout(renderPipeline(report, opts));
  });
}
