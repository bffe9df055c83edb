/**
 * The portfolio part of the run report (a scenario with projects): planned and risk-weighted paths of the
 * registry's portfolio metrics (capacity, operating, energy, coal, CO2), in total and by technology, and the
 * columns and sections that show them in tables, CSV and Markdown. docs/portfolio.md documents the JSON.
 */
import { PORTFOLIO_PATHS, portfolioMetrics, type Metric } from '../core/metrics/metrics.ts';
import { portfolioRunPaths, type PathMetrics, type PathSet, type RunPathYear } from '../core/portfolio/run-paths.ts';
import { targetMet, targetValueInYear } from '../core/portfolio/energy-targets.ts';
import { TECHNOLOGIES as TECHNOLOGIES_ORDER, type CountedMetric, type Portfolio, type TargetIdentity, type Technology } from '../core/portfolio/types.ts';
import type { YearResult } from '../core/plan/types.ts';
import { seriesValueAt } from '../core/series.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { section, type Column, type Section } from './format.ts';
import { t, type Lang } from './messages.ts';

/** `portfolio` of the run report. */
export interface RunPortfolio {
  /** Technologies of the named projects, in registry order (the keys of every byTechnology). */
  readonly technologies: readonly Technology[];
  /** One row per reported year: planned and risk-weighted (`expected`) paths. */
  readonly years: readonly RunPathYear[];
  /** Each target in its year: the counted value, planned and risk-weighted, and whether it meets the target. */
  readonly targets: readonly RunPortfolioTarget[];
}

/**
 * A portfolio target in its year: a capacity target has capacityMW, plannedMW and expectedMW; an energy target
 * (operating plants only) energyMWh, plannedMWh and expectedMWh. Values count the whole unnamed path when the target does.
 */
export interface RunPortfolioTarget extends TargetIdentity {
  readonly capacityMW?: number;
  readonly plannedMW?: number;
  readonly expectedMW?: number;
  readonly energyMWh?: number;
  readonly plannedMWh?: number;
  readonly expectedMWh?: number;
  readonly plannedMet: boolean;
  readonly expectedMet: boolean;
}

/** Every target of a portfolio in its year, planned and risk-weighted, met or not. */
export function runPortfolioTargets(portfolio: Pick<Portfolio, 'projects' | 'unnamed' | 'targets'>): RunPortfolioTarget[] {
  return portfolio.targets.map((target) => {
    const planned = targetValueInYear(portfolio, target, false);
    const expected = targetValueInYear(portfolio, target, true);
    const base = { kind: target.kind, name: target.name, technologies: target.technologies, counts: target.counts, year: target.year };
    const values =
      target.kind === 'energy' ? { energyMWh: target.energyMWh, plannedMWh: planned, expectedMWh: expected } : { capacityMW: target.capacityMW, plannedMW: planned, expectedMW: expected };
    return { ...base, ...values, plannedMet: targetMet(target, planned), expectedMet: targetMet(target, expected) };
  });
}

/** The portfolio part of a run of a scenario with projects (undefined without). */
export function runPortfolio(resolved: ResolvedScenario, years: readonly YearResult[]): RunPortfolio | undefined {
  const p = resolved.portfolio;
  if (!p) return undefined;
  const { savings } = resolved.plan;
  const rows = portfolioRunPaths(p.portfolio, years, {
    coalTonnesPerMWh: (year) => seriesValueAt(savings.coalTonnesPerMWh, year),
    co2TonnesPerMWh: (year) => seriesValueAt(savings.co2TonnesPerMWh, year),
  });
  const technologies = rows[0] ? (Object.keys(rows[0].planned.byTechnology) as Technology[]) : [];
  return { technologies, years: rows, targets: runPortfolioTargets(p.portfolio) };
}

type PathKind = keyof typeof PORTFOLIO_PATHS;
const KINDS: readonly PathKind[] = ['planned', 'expected'];

function valueOf(m: PathMetrics | undefined, metric: Metric): number | undefined {
  return m === undefined ? undefined : (m as unknown as Readonly<Record<string, number>>)[metric.field];
}

/** A column of one metric of one path (total or a technology), read from the portfolio row of the year. */
function pathColumn<Row extends { readonly year: number }>(p: RunPortfolio, metric: Metric, kind: PathKind, pick: (s: PathSet) => PathMetrics | undefined, prefix: string): Column<Row> {
  const byYear = new Map(p.years.map((y) => [y.year, y]));
  return {
    header: `${prefix}${metric.header} ${PORTFOLIO_PATHS[kind].header}`,
    value: (row) => {
      const y = byYear.get(row.year);
      return y ? valueOf(pick(y[kind]), metric) : undefined;
    },
    dimension: metric.dimension,
  };
}

/**
 * Columns the CSV adds after a run's year columns: 'portfolio <metric> planned' and '… risk-weighted' for every
 * portfolio metric, then '<technology> <metric> planned/risk-weighted' for each technology.
 */
export function portfolioCsvColumns<Row extends { readonly year: number }>(p: RunPortfolio): Array<Column<Row>> {
  const cols: Array<Column<Row>> = [];
  for (const m of portfolioMetrics()) for (const k of KINDS) cols.push(pathColumn<Row>(p, m, k, (s) => s.total, 'portfolio '));
  for (const t of p.technologies) for (const m of portfolioMetrics()) for (const k of KINDS) cols.push(pathColumn<Row>(p, m, k, (s) => s.byTechnology[t], `${t} `));
  return cols;
}

/** A scenario's targets as rows of a table (compare puts several scenarios' side by side). */
interface TargetRow {
  readonly scenario?: string;
  readonly target: RunPortfolioTarget;
}

/**
 * The targets table: one section for capacity targets (power) and one for energy targets (energy a year), each row
 * the goal, the planned and risk-weighted value in the target year, and whether each meets it.
 */
export function portfolioTargetSections(rows: readonly TargetRow[], lang: Lang = 'en'): Section[] {
  const yesNo = (met: boolean) => t(lang, met ? 'energyTarget.yes' : 'energyTarget.no');
  const withScenario = rows.some((r) => r.scenario !== undefined);
  const of = (kind: 'capacity' | 'energy'): Section | undefined => {
    const mine = rows.filter((r) => r.target.kind === kind);
    if (mine.length === 0) return undefined;
    const dimension = kind === 'energy' ? 'energy' : 'power';
    const pick = (r: TargetRow, which: 'goal' | 'planned' | 'expected') => {
      const x = r.target;
      if (kind === 'energy') return which === 'goal' ? x.energyMWh : which === 'planned' ? x.plannedMWh : x.expectedMWh;
      return which === 'goal' ? x.capacityMW : which === 'planned' ? x.plannedMW : x.expectedMW;
    };
    const columns: Array<Column<TargetRow>> = [
      ...(withScenario ? [{ header: t(lang, 'compare.scenario'), value: (r: TargetRow) => r.scenario ?? '' }] : []),
      { header: t(lang, 'energyTarget.name'), value: (r) => r.target.name },
      { header: t(lang, 'year'), value: (r) => String(r.target.year) },
      { header: t(lang, 'energyTarget.goal'), value: (r) => pick(r, 'goal'), dimension },
      { header: t(lang, 'pipeline.planned'), value: (r) => pick(r, 'planned'), dimension },
      { header: `${t(lang, 'energyTarget.met')} (${t(lang, 'pipeline.planned')})`, value: (r) => yesNo(r.target.plannedMet) },
      { header: t(lang, 'pipeline.riskWeighted'), value: (r) => pick(r, 'expected'), dimension },
      { header: `${t(lang, 'energyTarget.met')} (${t(lang, 'pipeline.riskWeighted')})`, value: (r) => yesNo(r.target.expectedMet) },
    ];
    return section<TargetRow>({ columns, rows: mine });
  };
  const sections = [of('capacity'), of('energy')].filter((x): x is Section => x !== undefined);
  return sections.map((x, i) => (i === 0 ? { ...x, title: t(lang, 'energyTarget.runTitle') } : x));
}

/**
 * Sections of the table and Markdown: the totals (unnamed + named generation), planned and risk-weighted, then one
 * section per portfolio metric by technology, then the targets met or not.
 */
export function portfolioSections(p: RunPortfolio, lang: Lang = 'en'): Section[] {
  const year: Column<RunPathYear> = { header: 'year', value: (r) => String(r.year) };
  const totals = section<RunPathYear>({
    title: `Portfolio: unnamed plan + named projects (${KINDS.map((k) => PORTFOLIO_PATHS[k].header).join(' and ')}; storage left out of the totals):`,
    columns: [year, ...portfolioMetrics().flatMap((m) => KINDS.map((k) => pathColumn<RunPathYear>(p, m, k, (s) => s.total, '')))],
    rows: p.years,
  });
  const byTech = portfolioMetrics()
    .filter((m) => m.id === 'capacity' || m.id === 'energy')
    .map((m) =>
      section<RunPathYear>({
        title: `Named projects by technology, ${m.label.en}:`,
        columns: [year, ...p.technologies.filter((t) => m.id === 'capacity' || t !== 'storage').flatMap((t) => KINDS.map((k) => pathColumn<RunPathYear>(p, m, k, (s) => s.byTechnology[t], `${t} `)))],
        rows: p.years,
      }),
    );
  return [totals, ...byTech, ...portfolioTargetSections(p.targets.map((target) => ({ target })), lang)];
}

/**
 * `compare` across scenarios with projects: the metric's total path, planned and risk-weighted, of each scenario
 * side by side, then the same for each technology any of them has. Empty when no report has a portfolio or the
 * metric is not a portfolio metric.
 */
export function portfolioCompareSections(reports: ReadonlyArray<{ readonly scenario: { readonly id: string }; readonly portfolio?: RunPortfolio }>, metric: Metric): Section[] {
  if (metric.portfolio !== true || !reports.some((r) => r.portfolio)) return [];
  const years = [...new Set(reports.flatMap((r) => r.portfolio?.years.map((y) => y.year) ?? []))].sort((a, b) => a - b);
  const rows = years.map((year) => ({ year }));
  const technologies = TECHNOLOGIES_ORDER.filter((t) => reports.some((r) => r.portfolio?.technologies.includes(t)));
  const columnsFor = (pick: (s: PathSet) => PathMetrics | undefined): Array<Column<{ readonly year: number }>> => [
    { header: 'year', value: (r) => String(r.year) },
    ...reports.flatMap((r) => (r.portfolio ? KINDS.map((k) => pathColumn<{ readonly year: number }>(r.portfolio!, metric, k, pick, `${r.scenario.id} `)) : [])),
  ];
  return [
    section({ title: `Portfolio ${metric.label.en}, unnamed plan + named projects (planned and risk-weighted):`, columns: columnsFor((s) => s.total), rows }),
    ...technologies.map((tech) => section({ title: `Named ${tech}, ${metric.label.en}:`, columns: columnsFor((s) => s.byTechnology[tech]), rows })),
  ];
}

/** `compare`: every portfolio target of every scenario, met or not (planned and risk-weighted); empty without portfolios. */
export function portfolioCompareTargetSections(reports: ReadonlyArray<{ readonly scenario: { readonly id: string }; readonly portfolio?: RunPortfolio }>, lang: Lang = 'en'): Section[] {
  return portfolioTargetSections(reports.flatMap((r) => (r.portfolio?.targets ?? []).map((target) => ({ scenario: r.scenario.id, target }))), lang);
}
