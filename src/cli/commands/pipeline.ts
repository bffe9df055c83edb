/** `pvplan pipeline FILE`: the named projects, the planned and risk-weighted paths, and each target's waterfall and gap. */
import type { Command } from 'commander';
import type { PortfolioYear } from '../../core/portfolio/paths.ts';
import { TECHNOLOGY_LABELS, type Stage, type Technology } from '../../core/portfolio/types.ts';
import { renderJson, renderSections, section, type Column, type Section } from '../../report/format.ts';
import type { EnergyGapMeaning } from '../../core/portfolio/energy-targets.ts';
import { pipelineReport, type PipelineProjectRow, type PipelineReport, type PipelineTargetRow } from '../../report/pipeline.ts';
import { loadPortfolio } from '../../scenario/projects.ts';
import { formatQuantity, type UnitSystem } from '../../scenario/quantity.ts';
import { langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { reportWarnings, withStrictOption } from '../warnings.ts';
import { wholeNumber } from './mc.ts';

/** A project's stage as written (English) or in Chinese from the catalogue. */
const stageName = (stage: Stage, lang: Lang): string => (lang === 'zh' ? t(lang, `stage.${stage}`) : stage);
/** A technology's id (English, as in the files) or its Chinese label (TECHNOLOGY_LABELS). */
const technologyName = (technology: Technology, lang: Lang): string => (lang === 'zh' ? TECHNOLOGY_LABELS[technology].zh : technology);

/** Largest --draws of the in-process pipeline Monte Carlo. */
const MAX_PIPELINE_DRAWS = 1_000_000;

const pct = (frac: number) => `${(frac * 100).toFixed(1)} %`;

const projectColumns = (lang: Lang): ReadonlyArray<Column<PipelineProjectRow>> => [
  { header: t(lang, 'pipeline.id'), value: (p) => p.id },
  { header: t(lang, 'pipeline.stage'), value: (p) => stageName(p.stage, lang) },
  { header: t(lang, 'pipeline.technology'), value: (p) => technologyName(p.technology, lang) },
  { header: t(lang, 'pipeline.capacity'), value: (p) => p.capacityMW, dimension: 'power' },
  { header: t(lang, 'pipeline.storage'), value: (p) => p.energyMWh, dimension: 'energy' },
  { header: t(lang, 'pipeline.construction'), value: (p) => String(p.constructionStartYear) },
  { header: t(lang, 'pipeline.commissioning'), value: (p) => String(p.plannedCommissioningYear) },
  { header: t(lang, 'pipeline.expected'), value: (p) => p.expectedCommissioningYear.toFixed(1) },
  { header: t(lang, 'pipeline.probability'), value: (p) => p.completionProbabilityFrac, dimension: 'fraction' },
  { header: t(lang, 'pipeline.investment'), value: (p) => p.investmentYuan, dimension: 'money' },
];

const yearColumns = (lang: Lang): ReadonlyArray<Column<PortfolioYear>> => [
  { header: t(lang, 'year'), value: (y) => String(y.year) },
  { header: t(lang, 'pipeline.planned'), value: (y) => y.plannedCapacityMW, dimension: 'power' },
  { header: t(lang, 'pipeline.riskWeighted'), value: (y) => y.expectedCapacityMW, dimension: 'power' },
  { header: t(lang, 'pipeline.unnamed'), value: (y) => y.unnamedCapacityMW, dimension: 'power' },
  { header: t(lang, 'pipeline.operatingPlanned'), value: (y) => y.plannedOperatingMW, dimension: 'power' },
  { header: t(lang, 'pipeline.operatingRiskWeighted'), value: (y) => y.expectedOperatingMW, dimension: 'power' },
  { header: t(lang, 'pipeline.storagePlanned'), value: (y) => y.byTechnology.storage.plannedCapacityMW, dimension: 'power' },
];

interface WaterfallRow {
  readonly label: string;
  readonly planned: number;
  readonly expected: number;
}

/** A target's waterfall as a table: in power for a capacity target, in energy (a year) for an energy target. */
function waterfallSection(tg: PipelineTargetRow, baseYear: number, lang: Lang): Section {
  const energy = tg.kind === 'energy';
  const rows: WaterfallRow[] =
    tg.kind === 'energy'
      ? [
          ...tg.steps.map((s) => ({ label: t(lang, `step.${s.step}`), planned: s.plannedMWh, expected: s.expectedMWh })),
          { label: t(lang, 'pipeline.namedTotal'), planned: tg.plannedMWh, expected: tg.expectedMWh },
          { label: t(lang, 'pipeline.target'), planned: tg.energyMWh, expected: tg.energyMWh },
          { label: t(lang, 'pipeline.gap'), planned: tg.gapPlannedMWh, expected: tg.gapExpectedMWh },
          { label: t(lang, 'energyTarget.unnamedGrowth', { from: baseYear, to: tg.year }), planned: tg.unnamedGrowthMWh, expected: tg.unnamedGrowthMWh },
          { label: t(lang, 'pipeline.stillMissing'), planned: tg.remainingPlannedMWh, expected: tg.remainingExpectedMWh },
        ]
      : [
          ...tg.steps.map((s) => ({ label: t(lang, `step.${s.step}`), planned: s.plannedMW, expected: s.expectedMW })),
          { label: t(lang, 'pipeline.namedTotal'), planned: tg.plannedMW, expected: tg.expectedMW },
          { label: t(lang, 'pipeline.target'), planned: tg.capacityMW, expected: tg.capacityMW },
          { label: t(lang, 'pipeline.gap'), planned: tg.gapPlannedMW, expected: tg.gapExpectedMW },
          { label: t(lang, 'pipeline.unnamedGrowth', { from: baseYear, to: tg.year }), planned: tg.unnamedGrowthMW, expected: tg.unnamedGrowthMW },
          { label: t(lang, 'pipeline.stillMissing'), planned: tg.remainingPlannedMW, expected: tg.remainingExpectedMW },
        ];
  const dimension = energy ? 'energy' : 'power';
  const columns: Array<Column<WaterfallRow>> = [
    { header: t(lang, 'pipeline.step'), value: (r) => r.label },
    { header: t(lang, 'pipeline.planned'), value: (r) => r.planned, dimension },
    { header: t(lang, 'pipeline.riskWeighted'), value: (r) => r.expected, dimension },
  ];
  const what = t(lang, energy ? 'energyTarget.what' : tg.counts === 'operating' ? 'pipeline.operatingWhat' : 'pipeline.builtWhat');
  return section({ title: t(lang, 'pipeline.targetTitle', { name: tg.name, technologies: tg.technologies.map((x) => technologyName(x, lang)).join(' + '), what, year: tg.year }), columns, rows });
}

/** What a target's gap means, in words: unnamed growth in MW a year; for an energy target, first the capacity that would close it. */
function gapLines(tg: PipelineTargetRow, units: UnitSystem, lang: Lang): string[] {
  const q = (mw: number) => formatQuantity(mw, 'power', units, 4);
  const rate = (m: PipelineTargetRow['gapPlanned']) => (m.growthRateFrac === null ? '' : t(lang, 'pipeline.gapRate', { rate: pct(m.growthRateFrac) }));
  const meaning = (label: string, gap: number, m: PipelineTargetRow['gapPlanned']) =>
    gap <= 0 ? t(lang, 'pipeline.reached', { label }) : t(lang, 'pipeline.gapMeaning', { label, gap: q(gap), perYear: q(m.mwPerYear), years: m.years, rate: rate(m) });
  const energyMeaning = (label: string, gap: number, m: EnergyGapMeaning) =>
    gap <= 0
      ? t(lang, 'pipeline.reached', { label })
      : t(lang, 'energyTarget.gapMeaning', { label, gap: formatQuantity(gap, 'energy', units, 4), capacity: q(m.capacityMW), hours: Math.round(m.fullLoadHours), perYear: q(m.mwPerYear), years: m.years, rate: rate(m) });
  const mc = tg.monteCarlo;
  return [
    ...(tg.kind === 'energy'
      ? [energyMeaning(t(lang, 'pipeline.planned'), tg.gapPlannedMWh, tg.gapPlanned), energyMeaning(t(lang, 'pipeline.riskWeighted'), tg.gapExpectedMWh, tg.gapExpected)]
      : [meaning(t(lang, 'pipeline.planned'), tg.gapPlannedMW, tg.gapPlanned), meaning(t(lang, 'pipeline.riskWeighted'), tg.gapExpectedMW, tg.gapExpected)]),
    ...(mc
      ? [
          t(lang, 'pipeline.mc', {
            draws: mc.draws.toLocaleString('en'),
            seed: mc.seed,
            year: tg.year,
            p: pct(mc.probabilityMetFrac),
            dist: mc.yearMetDistribution.map((r) => `${r.year ?? t(lang, 'pipeline.notByEnd')} ${pct(r.probability)}`).join(', '),
          }),
        ]
      : []),
  ];
}

/** Renders a pipeline report in the requested format. */
export function renderPipeline(report: PipelineReport, opts: ReportOptions, lang: Lang = 'en'): string {
  if (opts.format === 'json') return renderJson(pipelineJson(report));
  const projects = section({ title: t(lang, 'pipeline.projects'), columns: projectColumns(lang), rows: report.projects });
  if (opts.format === 'csv') return renderSections([projects], 'csv', opts.units);
  const u = opts.units;
  const md = opts.format === 'markdown';
  const lines = (xs: string[]) => (md ? xs.map((l) => (l ? `${l}  ` : l)) : xs).join('\n');
  const inv = report.investmentYuan;
  const money = (yuan: number) => formatQuantity(yuan, 'money', u, 6);
  const out = [
    `${md ? '## ' : ''}${lines([`${report.scenario.name}  [${report.scenario.id}]`, t(lang, 'pipeline.note', { hash: report.scenario.hash.slice(0, 23) }), ''])}`,
    renderSections([projects, section({ title: t(lang, 'pipeline.byYear'), columns: yearColumns(lang), rows: report.years })], opts.format, u),
  ];
  for (const target of report.targets) {
    out.push(renderSections([waterfallSection(target, report.baseYear, lang)], opts.format, u));
    out.push(`${lines(gapLines(target, u, lang))}\n`);
  }
  out.push(
    `${lines([
      t(lang, 'pipeline.investmentLine', { total: money(inv.total), expected: money(inv.expected), signed: inv.signed === undefined ? '' : t(lang, 'pipeline.signedShare', { share: pct(inv.shareOfSignedFrac ?? 0), signed: money(inv.signed) }) }),
      t(lang, 'pipeline.byYearLine', { list: Object.entries(inv.byYear).map(([y, v]) => `${y} ${money(v)}`).join(', ') || t(lang, 'none') }),
      ...report.warnings.map((w) => `${t(lang, 'warning')}${w}`),
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
    const lang = langOf(io);
    if (opts.format !== 'json') for (const w of report.warnings) io.stderr(`${t(lang, 'warning')}${w}\n`);
    io.stdout(renderPipeline(report, opts, lang));
  });
}
