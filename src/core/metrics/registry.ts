/**
 * The one registry of reported metrics, as data: each year-row quantity with its field, dimension, labels in
 * English and Chinese, which running total goes with which, and where it is shown; and the display units (SI
 * and Chinese magnitudes). The run and compare tables, CSV headers, the Monte Carlo and sensitivity outputs, the
 * server's schemas and GET /api/meta (hence the page) all read it, so a metric added here appears everywhere
 * without other edits. The functions that evaluate it are in metrics.ts.
 */

/** Dimensions of quantities, each with one internal unit: MW, MWh, h, t, t/MWh, 元, 元/W, 元/kWh, 元/t, 0–1 fraction. */
export type Dimension = 'power' | 'energy' | 'duration' | 'mass' | 'intensity' | 'money' | 'moneyPerPower' | 'moneyPerEnergy' | 'moneyPerMass' | 'fraction';
/** Dimensions shown with a display unit (fractions are shown as percent). */
export type DisplayDimension = Exclude<Dimension, 'fraction'>;

/** Unit systems for display: SI (MW, GWh, t, million CNY) or Chinese magnitudes (万千瓦, 亿千瓦时, 万吨, 亿元). */
export type UnitSystem = 'si' | 'cn';

/**
 * How a value is displayed in each system: divide the internal number by `divisor`, append `unit`; tables show
 * `decimals` digits after the point (CSV keeps full precision).
 */
export const DISPLAY_UNITS: Readonly<Record<UnitSystem, Readonly<Record<DisplayDimension, { readonly unit: string; readonly divisor: number; readonly decimals: number }>>>> = {
  si: {
    power: { unit: 'MW', divisor: 1, decimals: 1 },
    energy: { unit: 'GWh', divisor: 1e3, decimals: 2 },
    duration: { unit: 'h', divisor: 1, decimals: 0 },
    mass: { unit: 't', divisor: 1, decimals: 0 },
    intensity: { unit: 'g/kWh', divisor: 1e-3, decimals: 1 },
    // Amounts are shown in millions of yuan: a plant's capex in whole yuan is a ten-digit number nobody reads.
    money: { unit: 'M CNY', divisor: 1e6, decimals: 2 },
    moneyPerPower: { unit: 'CNY/W', divisor: 1, decimals: 3 },
    moneyPerEnergy: { unit: 'CNY/kWh', divisor: 1, decimals: 4 },
    moneyPerMass: { unit: 'CNY/t', divisor: 1, decimals: 1 },
  },
  cn: {
    // 1 万千瓦 = 10 MW; 1 亿千瓦时 = 100 GWh = 1e5 MWh; 1 万吨 = 1e4 t.
    power: { unit: '万千瓦', divisor: 10, decimals: 2 },
    energy: { unit: '亿千瓦时', divisor: 1e5, decimals: 4 },
    duration: { unit: '小时', divisor: 1, decimals: 0 },
    mass: { unit: '万吨', divisor: 1e4, decimals: 3 },
    intensity: { unit: '克/千瓦时', divisor: 1e-3, decimals: 1 },
    // 1 亿元 = 1e8 元 (investments are quoted in 亿元).
    money: { unit: '亿元', divisor: 1e8, decimals: 4 },
    moneyPerPower: { unit: '元/瓦', divisor: 1, decimals: 3 },
    moneyPerEnergy: { unit: '元/千瓦时', divisor: 1, decimals: 4 },
    moneyPerMass: { unit: '元/吨', divisor: 1, decimals: 1 },
  },
};

/** One magnitude of a display unit: divide the internal number by `divisor` to show it in `unit`. */
export interface Magnitude {
  readonly unit: string;
  readonly divisor: number;
}

/**
 * The natural magnitudes of each dimension in each system, smallest first, for reading at a glance (cards,
 * chart axes, tooltips): kt, Mt, GWh, TWh in SI; 万吨, 亿千瓦时, 万千瓦 in Chinese units. Tables keep the one
 * display unit of DISPLAY_UNITS (which is always one of these) and its decimals. A value is shown in the
 * largest magnitude it reaches (magnitudeFor in metrics.ts); the page gets this table from GET /api/meta.
 */
export const DISPLAY_MAGNITUDES: Readonly<Record<UnitSystem, Readonly<Record<DisplayDimension, readonly Magnitude[]>>>> = {
  si: {
    power: [
      { unit: 'MW', divisor: 1 },
      { unit: 'GW', divisor: 1e3 },
    ],
    energy: [
      { unit: 'MWh', divisor: 1 },
      { unit: 'GWh', divisor: 1e3 },
      { unit: 'TWh', divisor: 1e6 },
    ],
    duration: [{ unit: 'h', divisor: 1 }],
    mass: [
      { unit: 't', divisor: 1 },
      { unit: 'kt', divisor: 1e3 },
      { unit: 'Mt', divisor: 1e6 },
    ],
    intensity: [{ unit: 'g/kWh', divisor: 1e-3 }],
    money: [
      { unit: 'CNY', divisor: 1 },
      { unit: 'M CNY', divisor: 1e6 },
      { unit: 'bn CNY', divisor: 1e9 },
    ],
    moneyPerPower: [{ unit: 'CNY/W', divisor: 1 }],
    moneyPerEnergy: [{ unit: 'CNY/kWh', divisor: 1 }],
    moneyPerMass: [{ unit: 'CNY/t', divisor: 1 }],
  },
  cn: {
    // 万 = 1e4, 亿 = 1e8: 1 万千瓦 = 10 MW, 1 亿千瓦 = 1e5 MW; 1 万千瓦时 = 10 MWh, 1 亿千瓦时 = 1e5 MWh.
    power: [
      { unit: '万千瓦', divisor: 10 },
      { unit: '亿千瓦', divisor: 1e5 },
    ],
    energy: [
      { unit: '万千瓦时', divisor: 10 },
      { unit: '亿千瓦时', divisor: 1e5 },
    ],
    duration: [{ unit: '小时', divisor: 1 }],
    mass: [
      { unit: '吨', divisor: 1 },
      { unit: '万吨', divisor: 1e4 },
      { unit: '亿吨', divisor: 1e8 },
    ],
    intensity: [{ unit: '克/千瓦时', divisor: 1e-3 }],
    money: [
      { unit: '元', divisor: 1 },
      { unit: '万元', divisor: 1e4 },
      { unit: '亿元', divisor: 1e8 },
    ],
    moneyPerPower: [{ unit: '元/瓦', divisor: 1 }],
    moneyPerEnergy: [{ unit: '元/千瓦时', divisor: 1 }],
    moneyPerMass: [{ unit: '元/吨', divisor: 1 }],
  },
};

/** A text in English and Chinese. */
export interface Label {
  readonly en: string;
  readonly zh: string;
}

/**
 * A metric computed from two others of the same year, by field: a − b, a + b or a / b (NaN when b is 0).
 * Plain data, so it crosses threads and the API as it is.
 */
export interface DerivedMetric {
  readonly op: 'difference' | 'sum' | 'ratio';
  readonly of: readonly [string, string];
}

/** How the page charts a metric (metrics without it get no chart of their own). */
export interface MetricChart {
  readonly title: Label;
  /** Spans the page's width. */
  readonly wide?: boolean;
  /** A scenario with distributions gets its P10–P90 band here (needs `monteCarlo`). */
  readonly band?: boolean;
  /** Id of a metric drawn dashed on the same chart (operating capacity under built + under construction). */
  readonly dashed?: string;
}

export interface Metric {
  /** Short id: the value of `--metric`, of the API's `metric`, and the page's chart id. */
  readonly id: string;
  /** Field of a year row (`years[]` of run and Monte Carlo reports) holding it, in internal units. */
  readonly field: string;
  readonly dimension: DisplayDimension;
  /** Column header in tables and CSV, before its unit: 'cum. energy (GWh)'. ASCII, stable (CSV readers key on it). */
  readonly header: string;
  /** What it is called in prose: Monte Carlo and sensitivity titles, the page. */
  readonly label: Label;
  /** For a running total: id of the yearly metric it sums from years.start. */
  readonly cumulativeOf?: string;
  /** For a metric computed from others of the same year rather than by the simulation kernel. */
  readonly derive?: DerivedMetric;
  /** In a year row only when the scenario gives what it needs (SO2 and NOx need their factors); tables and the page show it only then. */
  readonly optional?: boolean;
  /** A column of the run table and CSV. */
  readonly table: boolean;
  /** A choice of `compare --metric`, `sensitivity --metric` (when also `monteCarlo`) and the API's `metric`. */
  readonly compare: boolean;
  /** Summarised by `pvplan mc` (mean, sd, quantiles by year). */
  readonly monteCarlo: boolean;
  /** Reported by `pvplan run` for a scenario with projects: planned and risk-weighted, by technology and in total (docs/portfolio.md). */
  readonly portfolio?: boolean;
  readonly chart?: MetricChart;
}

/** The two paths of a portfolio (docs/portfolio.md): every non-cancelled project on its planned dates, and the expectation over completion and delay. */
export const PORTFOLIO_PATHS = {
  planned: { header: 'planned', label: { en: 'planned', zh: '计划' } },
  expected: { header: 'risk-weighted', label: { en: 'risk-weighted', zh: '风险加权' } },
} as const satisfies Readonly<Record<string, { readonly header: string; readonly label: Label }>>;

/**
 * Every reported metric, in the order of a year row's fields (the JSON contract of `pvplan run --format json`,
 * README "JSON output contract"), which is also the order of table columns and Monte Carlo sections.
 */
export const METRICS = [
  {
    id: 'capacity',
    field: 'capacityMW',
    dimension: 'power',
    header: 'capacity',
    label: { en: 'capacity, built + under construction', zh: '在建+在运装机容量' },
    table: true,
    compare: true,
    monteCarlo: true,
    portfolio: true,
    chart: { title: { en: 'Capacity: built + under construction (solid) and operating (dashed)', zh: '装机容量：在建+在运（实线）与在运（虚线）' }, wide: true, band: true, dashed: 'operating' },
  },
  { id: 'operating', field: 'operatingMW', dimension: 'power', header: 'operating', label: { en: 'operating capacity', zh: '在运装机容量' }, table: true, compare: true, monteCarlo: true, portfolio: true },
  { id: 'additions', field: 'additionsMW', dimension: 'power', header: 'additions', label: { en: 'capacity entering construction', zh: '新开工容量' }, table: true, compare: false, monteCarlo: false },
  { id: 'retirements', field: 'retirementsMW', dimension: 'power', header: 'retirements', label: { en: 'retirements', zh: '退役容量' }, table: true, compare: false, monteCarlo: false },
  {
    id: 'energy',
    field: 'energyMWh',
    dimension: 'energy',
    header: 'energy',
    label: { en: 'energy', zh: '发电量' },
    table: true,
    compare: true,
    monteCarlo: true,
    portfolio: true,
    chart: { title: { en: 'Annual energy', zh: '年发电量' }, wide: true, band: true },
  },
  {
    id: 'coal',
    field: 'coalTonnes',
    dimension: 'mass',
    header: 'coal saved',
    label: { en: 'coal saved', zh: '节约标准煤' },
    table: true,
    compare: true,
    monteCarlo: true,
    portfolio: true,
    chart: { title: { en: 'Standard coal saved, annual', zh: '年节约标准煤' }, band: true },
  },
  {
    id: 'co2',
    field: 'co2Tonnes',
    dimension: 'mass',
    header: 'CO2 avoided',
    label: { en: 'CO2 avoided', zh: '减排二氧化碳' },
    table: true,
    compare: true,
    monteCarlo: true,
    portfolio: true,
    chart: { title: { en: 'CO₂ avoided, annual', zh: '年减排二氧化碳' }, band: true },
  },
  // Given only when the scenario sets savings.so2 / savings.nox: a table column, and a chart on the page, only then.
  {
    id: 'so2',
    field: 'so2Tonnes',
    dimension: 'mass',
    header: 'SO2 avoided',
    label: { en: 'SO2 avoided', zh: '减排二氧化硫' },
    optional: true,
    table: true,
    compare: false,
    monteCarlo: false,
    chart: { title: { en: 'SO₂ (solid) and NOx (dashed) avoided, annual', zh: '年减排二氧化硫（实线）与氮氧化物（虚线）' }, dashed: 'nox' },
  },
  { id: 'nox', field: 'noxTonnes', dimension: 'mass', header: 'NOx avoided', label: { en: 'NOx avoided', zh: '减排氮氧化物' }, optional: true, table: true, compare: false, monteCarlo: false },
  { id: 'energyCum', field: 'cumulativeEnergyMWh', dimension: 'energy', header: 'cum. energy', label: { en: 'cumulative energy', zh: '累计发电量' }, cumulativeOf: 'energy', table: true, compare: false, monteCarlo: true },
  {
    id: 'coalCum',
    field: 'cumulativeCoalTonnes',
    dimension: 'mass',
    header: 'cum. coal',
    label: { en: 'cumulative coal saved', zh: '累计节约标准煤' },
    cumulativeOf: 'coal',
    table: true,
    compare: false,
    monteCarlo: true,
    chart: { title: { en: 'Standard coal saved, cumulative', zh: '累计节约标准煤' }, band: true },
  },
  {
    id: 'co2Cum',
    field: 'cumulativeCo2Tonnes',
    dimension: 'mass',
    header: 'cum. CO2',
    label: { en: 'cumulative CO2 avoided', zh: '累计减排二氧化碳' },
    cumulativeOf: 'co2',
    table: true,
    compare: false,
    monteCarlo: true,
    chart: { title: { en: 'CO₂ avoided, cumulative', zh: '累计减排二氧化碳' }, band: true },
  },
] as const satisfies readonly Metric[];

/** A scalar metric of a whole plan or project (not a year row): finance (issue 14). */
export interface ScalarMetric {
  /** Short id: the page's card id and the sensitivity's `--metric`. */
  readonly id: string;
  /** Field of the finance results (`pvplan finance FILE --format json`, the Monte Carlo's `finance` block). */
  readonly field: string;
  /** 'fraction' is shown as percent; 'years' as a plain number of years. */
  readonly dimension: Dimension | 'years';
  /** Column header in tables and CSV, before its unit. ASCII, stable. */
  readonly header: string;
  readonly label: Label;
  /** Summarised by `pvplan mc` (P10/P50/P90) and offered to `pvplan sensitivity`. */
  readonly monteCarlo: boolean;
}

/** The finance metrics, in report order. */
export const FINANCE_METRICS = [
  { id: 'lcoe', field: 'lcoeYuanPerKWh', dimension: 'moneyPerEnergy', header: 'LCOE', label: { en: 'levelized cost of energy (LCOE)', zh: '平准化度电成本' }, monteCarlo: true },
  { id: 'npv', field: 'npvYuan', dimension: 'money', header: 'NPV', label: { en: 'net present value (NPV)', zh: '净现值' }, monteCarlo: true },
  { id: 'irr', field: 'irrFrac', dimension: 'fraction', header: 'IRR', label: { en: 'internal rate of return (IRR, real)', zh: '内部收益率（实际）' }, monteCarlo: true },
  { id: 'payback', field: 'paybackYears', dimension: 'years', header: 'payback', label: { en: 'payback', zh: '投资回收期' }, monteCarlo: false },
  { id: 'discountedPayback', field: 'discountedPaybackYears', dimension: 'years', header: 'disc. payback', label: { en: 'discounted payback', zh: '动态投资回收期' }, monteCarlo: false },
  { id: 'capex', field: 'totalCapexYuan', dimension: 'money', header: 'capex', label: { en: 'investment (capex and replacements)', zh: '投资（含更换）' }, monteCarlo: false },
  { id: 'abatementCo2', field: 'abatementCostYuanPerTonneCo2', dimension: 'moneyPerMass', header: 'abatement CO2', label: { en: 'abatement cost per t CO2', zh: '每吨二氧化碳减排成本' }, monteCarlo: false },
  { id: 'abatementCoal', field: 'abatementCostYuanPerTonneCoal', dimension: 'moneyPerMass', header: 'abatement coal', label: { en: 'abatement cost per t coal', zh: '每吨标准煤节约成本' }, monteCarlo: false },
  { id: 'capexPerCoal', field: 'capexYuanPerTonneCoalSaved', dimension: 'moneyPerMass', header: 'capex per t coal', label: { en: 'investment per t coal saved over the life', zh: '全寿命期每吨节煤投资' }, monteCarlo: false },
] as const satisfies readonly ScalarMetric[];

/** The unit label of a scalar metric: the display unit, '%' or 'years' / '年'. */
export function scalarMetricUnit(metric: ScalarMetric, system: UnitSystem): string {
  if (metric.dimension === 'years') return system === 'cn' ? '年' : 'years';
  if (metric.dimension === 'fraction') return '%';
  return DISPLAY_UNITS[system][metric.dimension].unit;
}
