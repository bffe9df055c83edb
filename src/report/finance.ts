/**
 * The finance report of a scenario (`pvplan finance FILE`, GET /api/scenarios/:id/finance): every named project,
 * each technology, the named portfolio, the aggregate path and the whole plan, with capex by year against the amount
 * signed. The JSON contract is in docs/finance.md ("Scenario finance").
 */
import { evaluatePlanFinance, type AssetFinance, type CombinedFinance, type PlanFinanceResult } from '../core/finance/plan-finance.ts';
import { FINANCE_METRICS, scalarMetricUnit, type ScalarMetric, type UnitSystem } from '../core/metrics/metrics.ts';
import { growthPath } from '../core/plan/growth.ts';
import { createPlanWorkspace, simulatePlanInto } from '../core/plan/simulate.ts';
import type { PlanInput } from '../core/plan/types.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import type { ScenarioWarning } from '../scenario/plausibility.ts';
import { PVPLAN_VERSION } from '../version.ts';
import { renderSections, section, type Column, type OutputFormat } from './format.ts';
import { formatQuantity } from '../scenario/quantity.ts';
import { t, type Lang, type MessageKey } from './messages.ts';
import { TECHNOLOGY_LABELS, type Technology } from '../core/portfolio/types.ts';

/** A scope's metrics (a project, a technology, the portfolio…) as the report shows them. */
export interface FinanceRow {
  readonly id: string;
  readonly label: string;
  readonly technology?: string;
  readonly capacityMW: number;
  /** Calendar year of year 0 (projects and cohorts). */
  readonly yearZero?: number;
  readonly totalCapexYuan: number;
  readonly lcoeYuanPerKWh: number | null;
  /** At the end of the reference year, 元. */
  readonly npvYuan: number;
  /** A project's NPV at the end of its own year 0 (what the quick form gives), 元. */
  readonly npvAtYearZeroYuan?: number;
  readonly irrFrac: number | null;
  readonly irrNote?: string;
  readonly paybackYears: number | null;
  readonly discountedPaybackYears: number | null;
  readonly abatementCostYuanPerTonneCo2: number | null;
  readonly abatementCostYuanPerTonneCoal: number | null;
  readonly capexYuanPerTonneCoalSaved: number | null;
  readonly lifetimeEnergyMWh: number;
}

export interface FinanceReport {
  readonly pvplanVersion: string;
  readonly scenario: { readonly id: string; readonly name: string; readonly hash: string };
  /** Everything is discounted to the end of this year and in its real money. */
  readonly referenceYear: number;
  readonly discountRateFrac: number;
  readonly inflationFrac: number;
  /** Construction capex by calendar year (real, 元): the named projects, the aggregate path, both. */
  readonly capexByYear: ReadonlyArray<{ readonly year: number; readonly namedYuan: number; readonly aggregateYuan: number; readonly totalYuan: number }>;
  readonly investment: { readonly namedYuan: number; readonly aggregateYuan: number; readonly totalYuan: number; readonly signedYuan?: number; readonly namedShareOfSignedFrac?: number };
  readonly projects: ReadonlyArray<FinanceRow & { readonly cashflows: AssetFinance['cashflows'] }>;
  readonly byTechnology: Readonly<Record<string, CombinedFinance>>;
  readonly portfolio: CombinedFinance;
  readonly aggregate: CombinedFinance;
  readonly total: CombinedFinance;
  readonly warnings: readonly ScenarioWarning[];
}

/** The plan's additions by year from the kernel (base year to end year), for the aggregate path's cohorts. */
export function planAdditions(plan: PlanInput): { firstYear: number; additionsMW: Float64Array } {
  const ws = createPlanWorkspace(plan);
  simulatePlanInto(plan, growthPath(plan), undefined, ws);
  return { firstYear: plan.capacity.baseYear, additionsMW: ws.additionsMW };
}

/** The finance of a resolved plan (which must have plan.finance). */
export function planFinanceOf(plan: PlanInput): PlanFinanceResult {
  if (!plan.finance) throw new RangeError('planFinanceOf: the plan has no finance section');
  return evaluatePlanFinance(plan.finance, plan, planAdditions(plan));
}

const sumConstruction = (c: CombinedFinance) => Object.values(c.capexByYearYuan).reduce((s, x) => s + x, 0);

/** The report of a resolved scenario with a finance section. */
export function financeReport(scenario: ResolvedScenario): FinanceReport {
  const f = planFinanceOf(scenario.plan);
  const terms = scenario.plan.finance!.terms;
  const years = [...new Set([...Object.keys(f.portfolio.capexByYearYuan), ...Object.keys(f.aggregate.capexByYearYuan)].map(Number))].sort((a, b) => a - b);
  const named = sumConstruction(f.portfolio);
  const aggregate = sumConstruction(f.aggregate);
  const signed = f.signedInvestmentYuan;
  return {
    pvplanVersion: PVPLAN_VERSION,
    scenario: { id: scenario.id, name: scenario.name, hash: scenario.hash },
    referenceYear: f.referenceYear,
    discountRateFrac: terms.discountRateFrac,
    inflationFrac: terms.inflationFrac,
    capexByYear: years.map((year) => {
      const n = f.portfolio.capexByYearYuan[String(year)] ?? 0;
      const a = f.aggregate.capexByYearYuan[String(year)] ?? 0;
      return { year, namedYuan: n, aggregateYuan: a, totalYuan: n + a };
    }),
    investment: {
      namedYuan: named,
      aggregateYuan: aggregate,
      totalYuan: named + aggregate,
      ...(signed === undefined ? {} : { signedYuan: signed, ...(signed > 0 ? { namedShareOfSignedFrac: named / signed } : {}) }),
    },
    projects: f.assets.filter((a) => a.technology !== 'aggregate').map((a) => ({ ...assetRow(a, terms.discountRateFrac, f.referenceYear), cashflows: a.cashflows })),
    byTechnology: f.byTechnology,
    portfolio: f.portfolio,
    aggregate: f.aggregate,
    total: f.total,
    warnings: scenario.warnings,
  };
}

/** A project's row; its NPV moved from the end of its year 0 to the end of the reference year: × (1+r)^−(year0 − ref). */
function assetRow(a: AssetFinance, discountRateFrac: number, referenceYear: number): FinanceRow {
  const m = a.metrics;
  return {
    id: a.id,
    label: a.name,
    technology: a.technology,
    capacityMW: a.capacityMW,
    yearZero: a.yearZero,
    totalCapexYuan: m.totalCapexYuan,
    lcoeYuanPerKWh: m.lcoeYuanPerKWh,
    npvYuan: m.npvYuan * Math.pow(1 + discountRateFrac, -(a.yearZero - referenceYear)),
    npvAtYearZeroYuan: m.npvYuan,
    irrFrac: m.irrFrac,
    ...(m.irrNote === undefined ? {} : { irrNote: m.irrNote }),
    paybackYears: m.paybackYears,
    discountedPaybackYears: m.discountedPaybackYears,
    abatementCostYuanPerTonneCo2: m.abatementCostYuanPerTonneCo2,
    abatementCostYuanPerTonneCoal: m.abatementCostYuanPerTonneCoal,
    capexYuanPerTonneCoalSaved: m.capexYuanPerTonneCoalSaved,
    lifetimeEnergyMWh: m.lifetimeEnergyMWh,
  };
}

function combinedRow(id: string, label: string, c: CombinedFinance): FinanceRow {
  return {
    id,
    label,
    capacityMW: c.capacityMW,
    totalCapexYuan: c.totalCapexYuan,
    lcoeYuanPerKWh: c.lcoeYuanPerKWh,
    npvYuan: c.npvYuan,
    irrFrac: c.irrFrac,
    ...(c.irrNote === undefined ? {} : { irrNote: c.irrNote }),
    paybackYears: c.paybackYears,
    discountedPaybackYears: c.discountedPaybackYears,
    abatementCostYuanPerTonneCo2: c.abatementCostYuanPerTonneCo2,
    abatementCostYuanPerTonneCoal: c.abatementCostYuanPerTonneCoal,
    capexYuanPerTonneCoalSaved: c.capexYuanPerTonneCoalSaved,
    lifetimeEnergyMWh: c.lifetimeEnergyMWh,
  };
}

/** A technology id as written, or its Chinese label (TECHNOLOGY_LABELS) when it has one. */
function technologyName(technology: string, lang: Lang): string {
  return lang === 'zh' && technology in TECHNOLOGY_LABELS ? TECHNOLOGY_LABELS[technology as Technology].zh : technology;
}

/** The summary rows: each technology, the named portfolio, the aggregate path and the whole plan. */
export function summaryRows(r: FinanceReport, lang: Lang = 'en'): FinanceRow[] {
  const rows = Object.entries(r.byTechnology)
    .filter(([tech]) => tech !== 'aggregate')
    .map(([tech, c]) => combinedRow(tech, technologyName(tech, lang), c));
  rows.push(combinedRow('portfolio', t(lang, 'finance.namedProjects'), r.portfolio));
  if (r.aggregate.assets > 0) rows.push(combinedRow('aggregate', t(lang, 'finance.aggregateUnnamed'), r.aggregate));
  rows.push(combinedRow('total', t(lang, 'finance.wholePlan'), r.total));
  return rows;
}

/** A column of a finance metric, with the registry's header and unit. */
function metricColumnIn(id: (typeof FINANCE_METRICS)[number]['id'], units: UnitSystem, lang: Lang): Column<FinanceRow> {
  const m: ScalarMetric = FINANCE_METRICS.find((x) => x.id === id)!;
  const field = m.field as keyof FinanceRow;
  // Chinese: the registry's label (LCOE → 平准化度电成本); English keeps the short header.
  const header = lang === 'zh' ? m.label.zh : m.header;
  if (m.dimension === 'years') return { header: `${header} (${scalarMetricUnit(m, lang === 'zh' ? 'cn' : units)})`, value: (r) => (r[field] === null ? null : (r[field] as number).toFixed(1)) };
  return { header, value: (r) => r[field] as number | null, dimension: m.dimension };
}

function rowColumns(units: UnitSystem, first: Column<FinanceRow>[], lang: Lang): Array<Column<FinanceRow>> {
  const metricColumn = (id: (typeof FINANCE_METRICS)[number]['id'], u: UnitSystem) => metricColumnIn(id, u, lang);
  return [
    ...first,
    { header: t(lang, 'pipeline.capacity'), value: (r) => r.capacityMW, dimension: 'power' },
    metricColumn('capex', units),
    metricColumn('lcoe', units),
    metricColumn('npv', units),
    metricColumn('irr', units),
    metricColumn('payback', units),
    metricColumn('abatementCo2', units),
    metricColumn('abatementCoal', units),
    metricColumn('capexPerCoal', units),
  ];
}

/** The yearly cash-flow columns a finance table may show: the row's field, its header and its dimension. */
const CASHFLOW_COLUMNS = {
  energyMWh: ['finance.energy', 'energy'],
  capexYuan: ['finance.capex', 'money'],
  opexYuan: ['finance.opex', 'money'],
  revenueYuan: ['finance.revenue', 'money'],
  taxYuan: ['finance.tax', 'money'],
  debtServiceYuan: ['finance.debtService', 'money'],
  netYuan: ['finance.net', 'money'],
  equityNetYuan: ['finance.equityNet', 'money'],
  cumulativeNetYuan: ['finance.cumNet', 'money'],
  coalTonnes: ['finance.coalSaved', 'mass'],
} as const satisfies Record<string, readonly [MessageKey, NonNullable<Column<unknown>['dimension']>]>;

export type CashflowField = keyof typeof CASHFLOW_COLUMNS;

/**
 * The yearly cash-flow table of a finance report (a quick-form project, `pvplan finance FILE`'s whole plan): the
 * year, then the given fields in order, each with its header and unit.
 */
export function cashflowColumns<Y extends { readonly year: number } & Partial<Record<CashflowField, number>>>(lang: Lang, fields: readonly CashflowField[]): Array<Column<Y>> {
  return [
    { header: t(lang, 'year'), value: (c) => String(c.year) },
    ...fields.map((field): Column<Y> => ({ header: t(lang, CASHFLOW_COLUMNS[field][0]), value: (c) => c[field], dimension: CASHFLOW_COLUMNS[field][1] })),
  ];
}

const capexColumns = (lang: Lang): ReadonlyArray<Column<FinanceReport['capexByYear'][number]>> => [
  { header: t(lang, 'year'), value: (c) => String(c.year) },
  { header: t(lang, 'finance.namedProjects'), value: (c) => c.namedYuan, dimension: 'money' },
  { header: t(lang, 'finance.aggregatePath'), value: (c) => c.aggregateYuan, dimension: 'money' },
  { header: t(lang, 'finance.total'), value: (c) => c.totalYuan, dimension: 'money' },
];

/** An IRR note of the finance core in Chinese (its two fixed texts; any other is kept as written). */
function irrNoteZh(note: string): string {
  if (note === 'no projects') return '无项目';
  if (note.startsWith('the cash flows never change sign')) return '现金流始终不变号，没有使净现值为零的收益率';
  return note;
}

/** Table, Markdown or CSV (CSV: the summary, or with `cashflows` the whole plan's yearly table). */
export function renderFinanceReport(r: FinanceReport, opts: { format: Exclude<OutputFormat, 'json'>; units: UnitSystem; cashflows?: boolean }, lang: Lang = 'en'): string {
  const u = opts.units;
  const projects = section({ title: t(lang, 'finance.projectsTitle'), columns: rowColumns(u, [{ header: t(lang, 'pipeline.id'), value: (x) => x.id }, { header: t(lang, 'pipeline.technology'), value: (x) => (x.technology === undefined ? '' : technologyName(x.technology, lang)) }, { header: t(lang, 'finance.yearZero'), value: (x) => String(x.yearZero) }], lang), rows: r.projects });
  const summary = section({ title: t(lang, 'finance.summaryTitle'), columns: rowColumns(u, [{ header: t(lang, 'finance.scope'), value: (x) => x.label }], lang), rows: summaryRows(r, lang) });
  const cash = section({ title: t(lang, 'finance.cashTitle', { year: r.referenceYear }), columns: cashflowColumns(lang, ['energyMWh', 'capexYuan', 'opexYuan', 'revenueYuan', 'taxYuan', 'netYuan', 'cumulativeNetYuan', 'coalTonnes']), rows: r.total.cashflows });
  if (opts.format === 'csv') return renderSections([opts.cashflows ? cash : summary], 'csv', u);
  const capex = section({ title: t(lang, 'finance.capexTitle'), columns: capexColumns(lang), rows: r.capexByYear });
  const money = (yuan: number) => formatQuantity(yuan, 'money', u, 6);
  const inv = r.investment;
  const md = opts.format === 'markdown';
  const head = `${md ? '## ' : ''}${r.scenario.name}  [${r.scenario.id}]${md ? '  ' : ''}\n${t(lang, 'finance.conventionsLine', { rate: (r.discountRateFrac * 100).toFixed(2), year: r.referenceYear })}\n`;
  const signed = inv.signedYuan === undefined ? '' : t(lang, 'finance.signedShare', { share: ((inv.namedShareOfSignedFrac ?? 0) * 100).toFixed(1), signed: money(inv.signedYuan) });
  const lines = [
    t(lang, 'finance.investmentLine', { named: money(inv.namedYuan), signed, aggregate: money(inv.aggregateYuan), total: money(inv.totalYuan) }),
    r.total.capexYuanPerTonneCoalSaved === null ? t(lang, 'finance.noCoal') : t(lang, 'finance.perCoal', { value: r.total.capexYuanPerTonneCoalSaved.toFixed(1), unit: u === 'cn' ? '元/吨' : 'CNY/t' }),
    ...[r.total, ...r.projects].flatMap((x) => ('irrNote' in x && x.irrNote ? [t(lang, 'finance.irrNote', { who: 'id' in x ? (x as { id: string }).id : t(lang, 'finance.wholePlan'), note: lang === 'zh' ? irrNoteZh(x.irrNote) : x.irrNote })] : [])),
  ];
  const sections = [projects, summary, capex, ...(opts.cashflows ? [cash] : [])];
  return `${head}\n${renderSections(sections, opts.format, u)}\n${lines.map((l) => (md ? `${l}  ` : l)).join('\n')}\n${opts.format === 'table' ? `\n${t(lang, 'finance.conventions')}\n` : ''}`;
}
