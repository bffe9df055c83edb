/**
 * `pvplan finance`: the quick one-project form of issue 14. Capex, O&M, tariff, tax and debt from flags (quantities
 * with units and Chinese magnitudes: '3.3元/W', '1.5亿元', '45元/kW', '0.3949元/kWh') → LCOE, NPV, IRR, payback,
 * equity IRR, abatement cost and the yearly cash-flow table. `--presets` lists the published prices and costs.
 * Conventions and sources: docs/finance.md.
 */
import { Option, type Command } from 'commander';
import { PlanError } from '../../core/errors.ts';
import { evaluateProject, type ProjectFinanceInput, type ProjectFinanceResult, type Replacement } from '../../core/finance/project.ts';
import { FINANCE_PRESET_KINDS, listFinancePresets, SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH, type FinancePreset, type FinancePresetKind } from '../../core/finance/presets.ts';
import type { DegradationMode } from '../../core/plan/types.ts';
import { cashflowColumns } from '../../report/finance.ts';
import { renderJson, renderSections, section, type Column } from '../../report/format.ts';
import { DISPLAY_UNITS, tryParseQuantity, type Dimension, type UnitSystem } from '../../scenario/quantity.ts';
import { FINANCE_METRICS } from '../../core/metrics/metrics.ts';
import { PVPLAN_VERSION } from '../../version.ts';
import { CliError, langOf, type CliIo } from '../io.ts';
import { t, type Lang } from '../../report/messages.ts';
import { withExample, withReportOptions, type ReportOptions } from '../options.ts';
import { withStrictOption } from '../warnings.ts';
import { runScenarioFinance } from './finance-scenario.ts';

/** Flags of the quick form, which a scenario file replaces. */
const QUICK_FORM_FLAGS = ['presets', 'kind', 'capacity', 'energy', 'degradation', 'capex', 'constructionYears', 'opex', 'variableOpex', 'opexEscalation', 'replacement', 'tariff', 'tariffEscalation', 'subsidy', 'carbonPrice', 'co2Factor', 'coalFactor', 'counterfactual', 'discountRate', 'inflation', 'lifetime', 'incomeTax', 'depreciationYears', 'taxHoliday', 'debtFraction', 'debtRate', 'debtTenor'] as const;

/** Options as commander hands them over: quantities still text, so each message can name its flag. */
interface FinanceFlags extends ReportOptions {
  readonly presets?: boolean;
  readonly kind?: FinancePresetKind;
  readonly capacity?: string;
  readonly energy?: string;
  readonly degradation?: string;
  readonly degradationMode: 'compound' | 'compounding' | 'linear';
  readonly capex?: string;
  readonly constructionYears?: string;
  readonly opex?: string;
  readonly variableOpex?: string;
  readonly opexEscalation?: string;
  readonly replacement: string[];
  readonly tariff?: string;
  readonly tariffEscalation?: string;
  readonly subsidy?: string;
  readonly carbonPrice?: string;
  readonly co2Factor?: string;
  readonly coalFactor?: string;
  readonly counterfactual?: string;
  readonly discountRate?: string;
  readonly inflation?: string;
  readonly lifetime?: string;
  readonly incomeTax?: string;
  readonly depreciationYears?: string;
  readonly taxHoliday?: string;
  readonly debtFraction?: string;
  readonly debtRate?: string;
  readonly debtTenor?: string;
  readonly cashflows?: boolean;
}

/** W per MW: capex and O&M per W or per kW are multiplied by the capacity in W. */
const W_PER_MW = 1e6;
const PERCENT = 100;

/** The flag that sets each core input, so the core's own checks are reported in the user's words. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  firstYearEnergyMWh: '--energy',
  degradationFrac: '--degradation',
  capexYuan: '--capex',
  constructionYears: '--construction-years',
  lifetimeYears: '--lifetime',
  fixedOpexYuanPerYear: '--opex',
  variableOpexYuanPerMWh: '--variable-opex',
  opexEscalationFrac: '--opex-escalation',
  replacements: '--replacement',
  tariffYuanPerKWh: '--tariff',
  tariffEscalationFrac: '--tariff-escalation',
  subsidyYuanPerMWh: '--subsidy',
  carbonPriceYuanPerTonne: '--carbon-price',
  co2TonnesPerMWh: '--co2-factor',
  coalTonnesPerMWh: '--coal-factor',
  counterfactualYuanPerKWh: '--counterfactual',
  discountRateFrac: '--discount-rate',
  inflationFrac: '--inflation',
  incomeTaxFrac: '--income-tax',
  depreciationYears: '--depreciation-years',
  taxHolidayYears: '--tax-holiday',
  debtFrac: '--debt-fraction',
  debtRateFrac: '--debt-rate',
  debtTenorYears: '--debt-tenor',
};

/** A quantity of one of the given dimensions, or a CliError naming the flag and what it accepts. */
function quantityFlag(flag: string, text: string, dims: readonly Dimension[]): { value: number; dim: Dimension } {
  const messages: string[] = [];
  for (const dim of dims) {
    const r = tryParseQuantity(text, dim);
    if (typeof r === 'number') return { value: r, dim };
    messages.push(r);
  }
  throw new CliError(`${flag}: ${messages.join('; or ')}`);
}

function percentFlag(flag: string, text: string | undefined, what: string, min: number, max: number, minExclusive = false): number | undefined {
  if (text === undefined) return undefined;
  const r = tryParseQuantity(text, 'fraction');
  if (typeof r === 'string') throw new CliError(`${flag}: expected ${what} as a percentage such as '6%', got '${text}'`);
  if (!(minExclusive ? r > min : r >= min) || r > max) {
    throw new CliError(`${flag}: expected ${what} ${minExclusive ? 'above' : 'from'} ${min * PERCENT} %${Number.isFinite(max) ? ` ${minExclusive ? 'and at most' : 'to'} ${max * PERCENT} %` : ''}, got '${text}'`);
  }
  return r;
}

function wholeFlag(flag: string, text: string | undefined, what: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? Number.NaN : Number(text);
  if (!(Number.isInteger(x) && x >= min)) throw new CliError(`${flag}: expected ${what}, a whole number ≥ ${min}, got '${text}'`);
  return x;
}

/** Money per W (× capacity) or a total in 元; needs --capacity for the per-W form. */
function moneyFlag(flag: string, text: string, capacityMW: number | undefined, perPowerScale = 1): { yuan: number; yuanPerW?: number } {
  const q = quantityFlag(flag, text, ['moneyPerPower', 'money']);
  if (q.dim === 'money') return { yuan: q.value };
  if (capacityMW === undefined) throw new CliError(`${flag}: '${text}' is per unit of power; give --capacity (e.g. --capacity 100MW) or a total such as '3.3亿元'`);
  return { yuan: q.value * perPowerScale * capacityMW * W_PER_MW, yuanPerW: q.value };
}

/** Where a price per unit falls outside a plausible range, the warning says what was probably meant. */
function plausibility(flag: string, text: string, value: number, unit: string, low: number, high: number, what: string, warn: (m: string) => void): void {
  if (value === 0 || (value >= low && value <= high)) return;
  const guess = [1000, 1 / 1000].map((f) => value * f).find((v) => v >= low && v <= high);
  const shown = (v: number) => `${Number(v.toPrecision(6))} ${unit}`;
  warn(
    `${flag}: '${text}' is ${shown(value)}, implausibly ${value < low ? 'low' : 'high'} for ${what} (typically ${low}–${high} ${unit})` +
      (guess === undefined ? '' : `; did you mean ${shown(guess)}? (a kWh/MWh or W/kW mix-up is 1000×)`),
  );
}

/** Parses the flags into the core's input; throws CliError naming the flag for anything missing or malformed. */
export function financeInputFromFlags(flags: FinanceFlags, warn: (message: string) => void): { input: ProjectFinanceInput; capacityMW?: number } {
  const required = (flag: string, text: string | undefined, example: string): string => {
    if (text === undefined) throw new CliError(`${flag}: required (e.g. ${flag} ${example}); or --presets to list published prices and costs`);
    return text;
  };
  let capacityMW: number | undefined;
  if (flags.capacity !== undefined) {
    capacityMW = quantityFlag('--capacity', flags.capacity, ['power']).value;
    if (!(capacityMW > 0)) throw new CliError(`--capacity: expected a power above 0, got '${flags.capacity}'`);
  }
  const energyText = required('--energy', flags.energy, '113500MWh');
  const energy = quantityFlag('--energy', energyText, ['energy', 'duration']);
  let firstYearEnergyMWh = energy.value;
  if (energy.dim === 'duration') {
    if (capacityMW === undefined) throw new CliError(`--energy: '${energyText}' is full-load hours; give --capacity to turn it into energy, or an energy such as '113500MWh'`);
    firstYearEnergyMWh = energy.value * capacityMW;
  }
  if (!(firstYearEnergyMWh >= 0)) throw new CliError(`--energy: expected a delivered energy ≥ 0, got '${energyText}'`);

  const capexText = required('--capex', flags.capex, '3.3元/W');
  const capex = moneyFlag('--capex', capexText, capacityMW);
  if (!(capex.yuan >= 0)) throw new CliError(`--capex: expected a capital cost ≥ 0, got '${capexText}'`);
  if (capex.yuanPerW !== undefined) plausibility('--capex', capexText, capex.yuanPerW, '元/W', 0.3, 50, 'a capital cost per W', warn);

  let fixedOpexYuanPerYear: number | undefined;
  if (flags.opex !== undefined) {
    // Per kW per year ('45元/kW') or a yearly total ('450万元').
    const opex = moneyFlag('--opex', flags.opex, capacityMW);
    if (!(opex.yuan >= 0)) throw new CliError(`--opex: expected a yearly O&M cost ≥ 0, got '${flags.opex}'`);
    if (opex.yuanPerW !== undefined) plausibility('--opex', flags.opex, opex.yuanPerW * 1000, '元/kW per year', 1, 1000, 'fixed O&M', warn);
    fixedOpexYuanPerYear = opex.yuan;
  }

  const perMWh = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    // moneyPerEnergy is in 元/kWh; the core takes 元/MWh.
    return quantityFlag(flag, text, ['moneyPerEnergy']).value * 1000;
  };
  const variableOpexYuanPerMWh = perMWh('--variable-opex', flags.variableOpex);
  if (variableOpexYuanPerMWh !== undefined && !(variableOpexYuanPerMWh >= 0)) throw new CliError(`--variable-opex: expected a cost ≥ 0, got '${flags.variableOpex}'`);
  const subsidyYuanPerMWh = perMWh('--subsidy', flags.subsidy);

  let tariffYuanPerKWh = SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH;
  if (flags.tariff !== undefined) {
    tariffYuanPerKWh = quantityFlag('--tariff', flags.tariff, ['moneyPerEnergy']).value;
    plausibility('--tariff', flags.tariff, tariffYuanPerKWh, '元/kWh', 0.05, 5, 'an electricity price', warn);
  }
  let counterfactualYuanPerKWh: number | undefined;
  if (flags.counterfactual !== undefined) {
    counterfactualYuanPerKWh = quantityFlag('--counterfactual', flags.counterfactual, ['moneyPerEnergy']).value;
    plausibility('--counterfactual', flags.counterfactual, counterfactualYuanPerKWh, '元/kWh', 0.05, 5, 'a cost of electricity', warn);
  }
  let carbonPriceYuanPerTonne: number | undefined;
  if (flags.carbonPrice !== undefined) {
    carbonPriceYuanPerTonne = quantityFlag('--carbon-price', flags.carbonPrice, ['moneyPerMass']).value;
    if (!(carbonPriceYuanPerTonne >= 0)) throw new CliError(`--carbon-price: expected a price ≥ 0, got '${flags.carbonPrice}'`);
  }
  const factor = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const v = quantityFlag(flag, text, ['intensity']).value;
    if (!(v >= 0)) throw new CliError(`${flag}: expected a factor ≥ 0, got '${text}'`);
    return v;
  };
  const co2TonnesPerMWh = factor('--co2-factor', flags.co2Factor);
  const coalTonnesPerMWh = factor('--coal-factor', flags.coalFactor);
  if (carbonPriceYuanPerTonne !== undefined && carbonPriceYuanPerTonne > 0 && co2TonnesPerMWh === undefined) {
    throw new CliError("--carbon-price: needs --co2-factor, the CO2 avoided per MWh (e.g. --co2-factor 0.5703t/MWh; see 'pvplan factors --kind co2')");
  }

  const lifetimeYears = wholeFlag('--lifetime', required('--lifetime', flags.lifetime, '25'), 'the operating years', 1)!;
  const constructionYears = wholeFlag('--construction-years', flags.constructionYears, 'the construction years', 1);
  const degradationFrac = percentFlag('--degradation', flags.degradation, 'a yearly degradation', 0, 1, false);
  if (degradationFrac === 1) throw new CliError(`--degradation: expected a yearly degradation below 100 %, got '${flags.degradation}'`);
  const degradationMode: DegradationMode = flags.degradationMode === 'linear' ? 'linear' : 'compounding';
  const discountRateFrac = percentFlag('--discount-rate', required('--discount-rate', flags.discountRate, '6%'), 'a real discount rate', -1, Number.POSITIVE_INFINITY, true)!;
  const rateAboveMinus100 = (flag: string, text: string | undefined, what: string) => percentFlag(flag, text, what, -1, Number.POSITIVE_INFINITY, true);

  const debtFrac = percentFlag('--debt-fraction', flags.debtFraction, 'the debt share of capex', 0, 1);
  const debtRateFrac = rateAboveMinus100('--debt-rate', flags.debtRate, 'a debt interest rate');
  const debtTenorYears = wholeFlag('--debt-tenor', flags.debtTenor, 'the years of debt payments', 1);
  if (debtFrac !== undefined && debtFrac > 0 && (debtRateFrac === undefined || debtTenorYears === undefined)) {
    throw new CliError('--debt-fraction: needs --debt-rate and --debt-tenor (e.g. --debt-rate 4.5% --debt-tenor 15)');
  }
  if ((debtRateFrac !== undefined || debtTenorYears !== undefined) && debtFrac === undefined) throw new CliError('--debt-rate and --debt-tenor: give --debt-fraction too');
  if (debtTenorYears !== undefined && debtTenorYears > lifetimeYears) throw new CliError(`--debt-tenor: ${debtTenorYears} years is longer than --lifetime ${lifetimeYears}`);

  const replacements: Replacement[] = flags.replacement.map((text) => {
    const m = /^(.*)@\s*(\d+)\s*$/u.exec(text);
    if (!m) throw new CliError(`--replacement: expected COST@YEAR such as '0.1元/W@12' or '800万元@12', got '${text}'`);
    const year = Number(m[2]);
    if (!(year >= 1 && year <= lifetimeYears)) throw new CliError(`--replacement: year ${year} is outside the operating years 1–${lifetimeYears} in '${text}'`);
    const cost = moneyFlag('--replacement', m[1]!.trim(), capacityMW);
    if (!(cost.yuan >= 0)) throw new CliError(`--replacement: expected a cost ≥ 0 in '${text}'`);
    return { year, costYuan: cost.yuan };
  });

  const optional = <K extends keyof ProjectFinanceInput>(key: K, value: ProjectFinanceInput[K] | undefined) => (value === undefined ? {} : { [key]: value });
  const input: ProjectFinanceInput = {
    firstYearEnergyMWh,
    capexYuan: capex.yuan,
    lifetimeYears,
    tariffYuanPerKWh,
    discountRateFrac,
    degradationMode,
    ...optional('degradationFrac', degradationFrac),
    ...optional('constructionYears', constructionYears),
    ...optional('fixedOpexYuanPerYear', fixedOpexYuanPerYear),
    ...optional('variableOpexYuanPerMWh', variableOpexYuanPerMWh),
    ...optional('opexEscalationFrac', rateAboveMinus100('--opex-escalation', flags.opexEscalation, 'an O&M escalation')),
    ...optional('replacements', replacements.length > 0 ? replacements : undefined),
    ...optional('tariffEscalationFrac', rateAboveMinus100('--tariff-escalation', flags.tariffEscalation, 'a tariff escalation')),
    ...optional('subsidyYuanPerMWh', subsidyYuanPerMWh),
    ...optional('carbonPriceYuanPerTonne', carbonPriceYuanPerTonne),
    ...optional('co2TonnesPerMWh', co2TonnesPerMWh),
    ...optional('coalTonnesPerMWh', coalTonnesPerMWh),
    ...optional('counterfactualYuanPerKWh', counterfactualYuanPerKWh),
    ...optional('inflationFrac', rateAboveMinus100('--inflation', flags.inflation, 'an inflation rate')),
    ...optional('incomeTaxFrac', percentFlag('--income-tax', flags.incomeTax, 'an income tax rate', 0, 1)),
    ...optional('depreciationYears', wholeFlag('--depreciation-years', flags.depreciationYears, 'the depreciation years', 1)),
    ...optional('taxHolidayYears', wholeFlag('--tax-holiday', flags.taxHoliday, 'the tax-free operating years', 0)),
    ...optional('debtFrac', debtFrac),
    ...optional('debtRateFrac', debtRateFrac),
    ...optional('debtTenorYears', debtTenorYears),
  };
  return capacityMW === undefined ? { input } : { input, capacityMW };
}

/** The core's result with the core's field names reported as the flags that set them. */
function evaluate(input: ProjectFinanceInput): ProjectFinanceResult {
  try {
    return evaluateProject(input);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(`${(e.field && FLAG_OF_FIELD[e.field]) ?? e.field ?? 'finance'}: ${e.message}`);
    throw e;
  }
}

/** The JSON of a run (documented in docs/finance.md and the README): inputs in internal units, metrics, cash flows. */
export function financeJson(input: ProjectFinanceInput, capacityMW: number | undefined, result: ProjectFinanceResult): Record<string, unknown> {
  const { cashflows, ...metrics } = result;
  return {
    pvplanVersion: PVPLAN_VERSION,
    inputs: { ...(capacityMW === undefined ? {} : { capacityMW }), ...input },
    ...metrics,
    cashflows,
  };
}

interface MetricRow {
  readonly metric: string;
  readonly value: string;
  readonly unit: string;
}

/** The summary as rows (metric, value, unit): the text report and the CSV without --cashflows. */
function metricRows(input: ProjectFinanceInput, r: ProjectFinanceResult, units: UnitSystem, fullPrecision: boolean, lang: Lang = 'en'): MetricRow[] {
  const money = DISPLAY_UNITS[units].money;
  const num = (v: number | null, digits: number) => (v === null ? '' : fullPrecision ? String(v) : v.toFixed(digits));
  const pct = (v: number | null) => (v === null ? '' : fullPrecision ? String(v * PERCENT) : (v * PERCENT).toFixed(2));
  const yuan = (v: number | null) => (v === null ? '' : fullPrecision ? String(v / money.divisor) : (v / money.divisor).toFixed(units === 'cn' ? 2 : 0));
  const perKWh = units === 'cn' ? '元/千瓦时' : 'CNY/kWh';
  const perTonne = units === 'cn' ? '元/吨' : 'CNY/t';
  const years = lang === 'zh' ? '年' : 'years';
  // Chinese names of the registry's finance metrics (FINANCE_METRICS label.zh); English keeps the short names.
  const zh = (id: (typeof FINANCE_METRICS)[number]['id']) => FINANCE_METRICS.find((m) => m.id === id)!.label.zh;
  const name = (en: string, zhText: string) => (lang === 'zh' ? zhText : en);
  const fcr = (r.fixedChargeRateFrac * PERCENT).toFixed(3);
  const rate = (input.discountRateFrac * PERCENT).toFixed(2);
  const rows: MetricRow[] = [
    { metric: name('LCOE', zh('lcoe')), value: num(r.lcoeYuanPerKWh, 4), unit: perKWh },
    { metric: name(`LCOE, fixed-charge-rate form (FCR ${fcr} %)`, `${zh('lcoe')}，固定费用率法（FCR ${fcr} %）`), value: num(r.lcoeFcrYuanPerKWh, 4), unit: perKWh },
    { metric: name(`NPV at ${rate} %`, `${zh('npv')}（折现率 ${rate} %）`), value: yuan(r.npvYuan), unit: money.unit },
    { metric: name('IRR (real)', zh('irr')), value: pct(r.irrFrac), unit: '%' },
    { metric: name('payback', zh('payback')), value: num(r.paybackYears, 2), unit: years },
    { metric: name('discounted payback', zh('discountedPayback')), value: num(r.discountedPaybackYears, 2), unit: years },
    { metric: name('equity IRR (real)', '资本金内部收益率（实际）'), value: pct(r.equityIrrFrac), unit: '%' },
    { metric: name('equity NPV', '资本金净现值'), value: yuan(r.equityNpvYuan), unit: money.unit },
    { metric: name('total capex', zh('capex')), value: yuan(r.totalCapexYuan), unit: money.unit },
  ];
  if (r.abatementCostYuanPerTonneCo2 !== null) rows.push({ metric: name('abatement cost per t CO2', zh('abatementCo2')), value: num(r.abatementCostYuanPerTonneCo2, 1), unit: perTonne });
  if (r.abatementCostYuanPerTonneCoal !== null) rows.push({ metric: name('abatement cost per t coal', zh('abatementCoal')), value: num(r.abatementCostYuanPerTonneCoal, 1), unit: perTonne });
  if (r.capexYuanPerTonneCoalSaved !== null) rows.push({ metric: name('capex per t coal saved', zh('capexPerCoal')), value: num(r.capexYuanPerTonneCoalSaved, 1), unit: perTonne });
  return rows;
}

const metricColumns = (lang: Lang): ReadonlyArray<Column<MetricRow>> => [
  { header: t(lang, 'finance.metric'), value: (m) => m.metric },
  { header: t(lang, 'finance.value'), value: (m) => m.value },
  { header: t(lang, 'finance.unit'), value: (m) => m.unit },
];

/** The table, Markdown or CSV report. */
export function renderFinance(input: ProjectFinanceInput, r: ProjectFinanceResult, flags: Pick<FinanceFlags, 'format' | 'units' | 'cashflows'>, lang: Lang = 'en'): string {
  const format = flags.format === 'json' ? 'table' : flags.format;
  const cashflowSection = section({ title: t(lang, 'finance.cashflows'), columns: cashflowColumns(lang, ['energyMWh', 'capexYuan', 'opexYuan', 'revenueYuan', 'taxYuan', 'debtServiceYuan', 'netYuan', 'equityNetYuan', 'cumulativeNetYuan']), rows: r.cashflows });
  const metrics = section({ title: t(lang, 'finance.title'), columns: metricColumns(lang), rows: metricRows(input, r, flags.units, format === 'csv', lang) });
  if (format === 'csv') return renderSections([flags.cashflows ? cashflowSection : metrics], 'csv', flags.units);
  const irrLabel = lang === 'zh' ? '内部收益率' : 'IRR';
  const notes = [r.irrNote && `${irrLabel}: ${r.irrNote}`, r.equityIrrNote && r.equityIrrNote !== r.irrNote ? `${lang === 'zh' ? '资本金内部收益率' : 'equity IRR'}: ${r.equityIrrNote}` : undefined].filter((x): x is string => x !== undefined);
  const out = renderSections(flags.cashflows ? [metrics, cashflowSection] : [metrics], format, flags.units);
  return `${out}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}${format === 'table' ? `\n${t(lang, 'finance.conventions')}\n` : ''}`;
}

function renderPresets(presets: readonly FinancePreset[], flags: ReportOptions): string {
  if (flags.format === 'json') return renderJson(presets);
  const columns: ReadonlyArray<Column<FinancePreset>> = [
    { header: 'id', value: (p) => p.id },
    { header: 'kind', value: (p) => p.kind },
    { header: 'technology', value: (p) => p.technology },
    { header: 'value', value: (p) => `${p.value} ${p.unit}${p.kind === 'opex' ? ' per year' : ''}` },
    { header: 'year', value: (p) => `${p.year} (${p.basis})` },
    { header: flags.units === 'cn' ? '名称' : 'label', value: (p) => (flags.units === 'cn' ? p.labelZh : p.label) },
    { header: 'source', value: (p) => p.source },
  ];
  const out = renderSections([section({ columns, rows: presets })], flags.format, flags.units);
  return flags.format === 'table' ? `${out}\nSources, dates and what each value means: docs/finance.md\n` : out;
}

/** Registers `pvplan finance` with its flags and examples. */
export function registerFinance(program: Command, io: CliIo): void {
  const cmd = program
    .command('finance')
    .description('project finance of one project from flags: LCOE, NPV, IRR, payback, equity IRR, abatement cost and yearly cash flows; --presets lists published prices and costs')
    .option('--presets', 'list the finance presets (coal benchmark tariff, capex and O&M by technology) with values, years and sources')
    .addOption(new Option('--kind <kind>', 'with --presets: only this kind').choices([...FINANCE_PRESET_KINDS]))
    .option('--capacity <power>', "nameplate, e.g. '100MW' or '10万千瓦' (needed for per-W capex and per-kW O&M)")
    .option('--energy <energy>', "delivered energy in operating year 1, e.g. '113500MWh' or '1.135亿kWh' (or full-load hours '1135h' with --capacity)")
    .option('--degradation <percent>', 'yearly degradation of delivered energy; default 0%')
    .addOption(new Option('--degradation-mode <mode>', 'compound: E₁(1−d)^(t−1); linear: E₁(1−d(t−1))').choices(['compound', 'compounding', 'linear']).default('compound'))
    .option('--capex <cost>', "capital cost per W ('3.3元/W', '3300元/kW') or in total ('3.3亿元', '33000万元'), in year-0 money")
    .option('--construction-years <n>', 'construction years k; capex is spread evenly over years −(k−1)…0; default 1')
    .option('--opex <cost>', "fixed O&M per kW and year ('45元/kW') or a yearly total ('450万元'); default 0")
    .option('--variable-opex <price>', "variable O&M per energy, e.g. '5元/MWh'; default 0")
    .option('--opex-escalation <percent>', 'real yearly escalation of O&M; default 0%')
    .option('--replacement <cost@year>', "a replacement (inverter, battery augmentation), e.g. '0.1元/W@12' or '800万元@12'; repeatable", (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--tariff <price>', `tariff in operating year 1; default Shandong's coal benchmark ${SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH}元/kWh`)
    .option('--tariff-escalation <percent>', 'real yearly tariff escalation; default 0%')
    .option('--subsidy <price>', "subsidy or green-certificate income per energy, e.g. '10元/MWh'")
    .option('--carbon-price <price>', "carbon price per t CO2, e.g. '60元/t' (needs --co2-factor)")
    .option('--co2-factor <intensity>', "CO2 avoided per energy, e.g. '0.5703t/MWh' (carbon income, abatement cost per t CO2)")
    .option('--coal-factor <intensity>', "standard coal saved per energy, e.g. '300g/kWh' (abatement cost and capex per t coal)")
    .option('--counterfactual <price>', `the counterfactual's cost for the abatement cost; default ${SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH}元/kWh`)
    .option('--discount-rate <percent>', 'real discount rate, e.g. 6%')
    .option('--inflation <percent>', 'general inflation: cash flows become nominal, debt rate is nominal; default 0%')
    .option('--lifetime <years>', 'operating years N')
    .option('--income-tax <percent>', 'income tax rate on revenue − opex − depreciation − interest; default 0%')
    .option('--depreciation-years <n>', 'straight-line depreciation of capex from year 1; default the lifetime')
    .option('--tax-holiday <n>', 'first operating years without income tax; default 0')
    .option('--debt-fraction <percent>', 'debt share of capex')
    .option('--debt-rate <percent>', 'debt interest rate (nominal)')
    .option('--debt-tenor <years>', 'years of equal annual debt payments from year 1')
    .option('--cashflows', 'also print the yearly cash-flow table (JSON always has it)')
    .argument('[file]', "a scenario with a 'finance:' section: every project, technology, the portfolio, the aggregate path and the whole plan (docs/finance.md)");
  withReportOptions(cmd);
  withStrictOption(cmd);
  withExample(
    cmd,
    'pvplan finance --capacity 100MW --energy 113500MWh --degradation 0.5% --capex 3.3元/W --opex 45元/kW --opex-escalation 2% --tariff 0.3949元/kWh --discount-rate 6% --lifetime 25',
    'pvplan finance --capacity 100MW --energy 1135h --capex 3.3亿元 --discount-rate 6% --lifetime 25 --income-tax 25% --depreciation-years 20 --debt-fraction 70% --debt-rate 4.5% --debt-tenor 15 --cashflows',
    'pvplan finance --presets --kind capex',
    'pvplan finance scenarios/wendeng-portfolio-finance.yaml --units cn --cashflows',
  );
  cmd.action((file: string | undefined, flags: FinanceFlags & { strict?: boolean }) => {
    if (file !== undefined) {
      runScenarioFinance(io, file, flags, QUICK_FORM_FLAGS.filter((k) => flags[k] !== undefined && !(Array.isArray(flags[k]) && (flags[k] as unknown[]).length === 0)));
      return;
    }
    if (flags.presets) {
      io.stdout(renderPresets(listFinancePresets(flags.kind), flags));
      return;
    }
    if (flags.kind !== undefined) throw new CliError('--kind: applies to --presets');
    const lang = langOf(io);
    const { input, capacityMW } = financeInputFromFlags(flags, (message) => io.stderr(`${t(lang, 'warning')}${message}\n`));
    const result = evaluate(input);
    io.stdout(flags.format === 'json' ? renderJson(financeJson(input, capacityMW, result)) : renderFinance(input, result, flags, lang));
  });
}
