/**
 * One project's finance: its yearly cash flows (capex, O&M, revenue, tax, debt service) and the metrics over them
 * (LCOE, NPV, IRR, payback, equity IRR, abatement cost), plus a batch form for many projects that reuses its buffers.
 * Conventions (docs/finance.md holds them, with sources): year 0 is the last construction year; a k-year build
 * spreads capex evenly over years −(k−1)…0; operation years are 1…N; flows at year ends; everything discounted to
 * year 0 with (1+r)^−t. Prices are real (year-0 money) and grow only by their escalation; with an inflation rate i,
 * every flow is inflated by (1+i)^t to nominal money, the debt rate is nominal, and flows are discounted at the
 * nominal rate (1+r)(1+i) − 1 (Fisher), so NPV and LCOE are in year-0 money and IRRs are reported real.
 */
import { PlanError } from '../errors.ts';
import { type DegradationMode } from '../plan/types.ts';
import { KWH_PER_MWH } from '../units.ts';
import { abatementCostYuanPerTonne, capexYuanPerTonneSaved } from './abatement.ts';
import { fixedChargeRateFrac, lcoeFixedChargeRateYuanPerKWh, levelizedCostYuanPerKWh } from './lcoe.ts';
import { capitalRecoveryFactor, internalRateOfReturn, npvAt, paybackYears, type IrrResult } from './metrics.ts';
import { SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH } from './presets.ts';

/** A replacement (inverter, battery augmentation): its real cost in year-0 money, paid at the end of an operating year. */
export interface Replacement {
  readonly year: number;
  readonly costYuan: number;
}

/** One project's inputs, in internal units. Optional fields default to 0 (none) unless said otherwise. */
export interface ProjectFinanceInput {
  /** Delivered energy in operating year 1 (after availability, curtailment and storage losses), MWh. */
  readonly firstYearEnergyMWh: number;
  /** Yearly degradation of delivered energy, 0–1. */
  readonly degradationFrac?: number;
  /** 'compounding': E_t = E₁(1−d)^(t−1); 'linear': E_t = E₁(1 − d(t−1)). Default 'compounding'. */
  readonly degradationMode?: DegradationMode;
  /** Total capital cost in year-0 money, 元. */
  readonly capexYuan: number;
  /** Construction years k ≥ 1 (capex spread evenly over years −(k−1)…0). Default 1. */
  readonly constructionYears?: number;
  /** Operating years N ≥ 1. */
  readonly lifetimeYears: number;
  /** Fixed O&M in operating year 1, 元/yr. */
  readonly fixedOpexYuanPerYear?: number;
  /** Variable O&M, 元/MWh delivered. */
  readonly variableOpexYuanPerMWh?: number;
  /** Real escalation of fixed and variable O&M: opex_t = opex₁(1+e)^(t−1). */
  readonly opexEscalationFrac?: number;
  readonly replacements?: readonly Replacement[];
  /** Tariff in operating year 1, 元/kWh. */
  readonly tariffYuanPerKWh: number;
  /** Real tariff escalation: tariff_t = tariff₁(1+g)^(t−1). */
  readonly tariffEscalationFrac?: number;
  /** A tariff for each operating year 1…N, 元/kWh (replaces tariffYuanPerKWh and its escalation). */
  readonly tariffByYearYuanPerKWh?: readonly number[];
  /** Subsidy or green-certificate income, 元/MWh delivered. */
  readonly subsidyYuanPerMWh?: number;
  /** Carbon price, 元/t CO2; needs co2TonnesPerMWh. */
  readonly carbonPriceYuanPerTonne?: number;
  /** CO2 avoided per MWh delivered, t/MWh: carbon income and the CO2 abatement cost. */
  readonly co2TonnesPerMWh?: number;
  /** Standard coal saved per MWh delivered, t/MWh: the coal abatement cost and capex per tonne of coal saved. */
  readonly coalTonnesPerMWh?: number;
  /** The counterfactual's cost for abatement, 元/kWh. Default: Shandong's coal benchmark, 0.3949. */
  readonly counterfactualYuanPerKWh?: number;
  /** Real discount rate, > −1. */
  readonly discountRateFrac: number;
  /** General inflation, > −1. Default 0 (all flows real). */
  readonly inflationFrac?: number;
  /** Income tax rate, 0–1. */
  readonly incomeTaxFrac?: number;
  /** Straight-line depreciation of the construction capex over this many years from year 1. Default: the lifetime. */
  readonly depreciationYears?: number;
  /** Operating years 1…H without income tax. */
  readonly taxHolidayYears?: number;
  /** Debt as a fraction of the construction capex, 0–1. */
  readonly debtFrac?: number;
  /** Nominal debt interest rate. */
  readonly debtRateFrac?: number;
  /** Years of equal annual debt payments from year 1, 1…N. */
  readonly debtTenorYears?: number;
}

/** One year of the cash-flow table, 元 (nominal when an inflation rate is given) and MWh. */
export interface CashFlowYear {
  readonly year: number;
  /** Construction capex and replacements. */
  readonly capexYuan: number;
  /** Fixed and variable O&M. */
  readonly opexYuan: number;
  /** Tariff, subsidy and carbon income. */
  readonly revenueYuan: number;
  readonly depreciationYuan: number;
  readonly interestYuan: number;
  readonly taxYuan: number;
  /** Interest plus principal. */
  readonly debtServiceYuan: number;
  /** Project flow: revenue − opex − capex − tax. */
  readonly netYuan: number;
  /** Equity flow: −capex·(1 − debt fraction) in construction; revenue − opex − replacements − tax − debt service after. */
  readonly equityNetYuan: number;
  readonly cumulativeNetYuan: number;
  readonly energyMWh: number;
}

/** The metrics of one project. Rates are real; money is in year-0 money. null where a metric does not exist. */
export interface ProjectFinanceMetrics {
  /** Σ(capex_t + opex_t)v^t / Σ E_t v^t, 元/kWh (real; taxes and financing excluded). */
  readonly lcoeYuanPerKWh: number | null;
  /** (FCR·capex + fixed O&M₁)/E₁ + variable O&M, 元/kWh, with FCR = CRF(r, N) (SAM's simple LCOE calculator). */
  readonly lcoeFcrYuanPerKWh: number | null;
  readonly fixedChargeRateFrac: number;
  /** Σ net_t v^t, 元. */
  readonly npvYuan: number;
  readonly irrFrac: number | null;
  readonly irrNote?: string;
  readonly paybackYears: number | null;
  readonly discountedPaybackYears: number | null;
  /** IRR of the equity flows (= the project IRR without debt). */
  readonly equityIrrFrac: number | null;
  readonly equityIrrNote?: string;
  /** Σ equityNet_t v^t at the project's discount rate, 元. */
  readonly equityNpvYuan: number;
  /** Construction capex plus replacements, real 元. */
  readonly totalCapexYuan: number;
  readonly lifetimeEnergyMWh: number;
  /** (LCOE − counterfactual) ÷ CO2 per MWh, 元/t CO2; null without a CO2 factor. */
  readonly abatementCostYuanPerTonneCo2: number | null;
  /** (LCOE − counterfactual) ÷ coal per MWh, 元/t standard coal; null without a coal factor. */
  readonly abatementCostYuanPerTonneCoal: number | null;
  /** Total capex ÷ coal saved over the life, 元/t standard coal; null without a coal factor. */
  readonly capexYuanPerTonneCoalSaved: number | null;
}

export interface ProjectFinanceResult extends ProjectFinanceMetrics {
  readonly cashflows: readonly CashFlowYear[];
}

/** The input with every default filled in. */
type Filled = Required<Omit<ProjectFinanceInput, 'tariffByYearYuanPerKWh' | 'co2TonnesPerMWh' | 'coalTonnesPerMWh'>> &
  Pick<ProjectFinanceInput, 'tariffByYearYuanPerKWh' | 'co2TonnesPerMWh' | 'coalTonnesPerMWh'>;

/** Every key written out (no spread), so all filled inputs share one object shape: the batch form's hot path. */
function fill(input: ProjectFinanceInput): Filled {
  return {
    firstYearEnergyMWh: input.firstYearEnergyMWh,
    capexYuan: input.capexYuan,
    lifetimeYears: input.lifetimeYears,
    tariffYuanPerKWh: input.tariffYuanPerKWh,
    discountRateFrac: input.discountRateFrac,
    tariffByYearYuanPerKWh: input.tariffByYearYuanPerKWh,
    co2TonnesPerMWh: input.co2TonnesPerMWh,
    coalTonnesPerMWh: input.coalTonnesPerMWh,
    degradationFrac: input.degradationFrac ?? 0,
    degradationMode: input.degradationMode ?? 'compounding',
    constructionYears: input.constructionYears ?? 1,
    fixedOpexYuanPerYear: input.fixedOpexYuanPerYear ?? 0,
    variableOpexYuanPerMWh: input.variableOpexYuanPerMWh ?? 0,
    opexEscalationFrac: input.opexEscalationFrac ?? 0,
    replacements: input.replacements ?? [],
    tariffEscalationFrac: input.tariffEscalationFrac ?? 0,
    subsidyYuanPerMWh: input.subsidyYuanPerMWh ?? 0,
    carbonPriceYuanPerTonne: input.carbonPriceYuanPerTonne ?? 0,
    counterfactualYuanPerKWh: input.counterfactualYuanPerKWh ?? SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH,
    inflationFrac: input.inflationFrac ?? 0,
    incomeTaxFrac: input.incomeTaxFrac ?? 0,
    depreciationYears: input.depreciationYears ?? input.lifetimeYears,
    taxHolidayYears: input.taxHolidayYears ?? 0,
    debtFrac: input.debtFrac ?? 0,
    debtRateFrac: input.debtRateFrac ?? 0,
    debtTenorYears: input.debtTenorYears ?? input.lifetimeYears,
  };
}

const isInt = (x: number) => Number.isInteger(x);

/**
 * Checks a project's inputs; throws PlanError naming the field (the ProjectFinanceInput key) and what was expected.
 * The CLI and the scenario layer check first with their own names; this is the core's guard.
 */
export function checkProjectFinanceInput(input: ProjectFinanceInput): void {
  checkFilled(fill(input));
}

function checkFilled(f: Filled): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new PlanError(`expected ${expected}, got ${String(got)}`, field);
  };
  const finiteAtLeast = (field: keyof Filled, min: number, what: string) => {
    const v = f[field] as number;
    if (!(Number.isFinite(v) && v >= min)) fail(field, what, v);
  };
  const rate = (field: keyof Filled) => {
    const v = f[field] as number;
    if (!(Number.isFinite(v) && v > -1)) fail(field, 'a rate above −100 %', v);
  };
  finiteAtLeast('firstYearEnergyMWh', 0, 'a delivered energy ≥ 0 MWh');
  finiteAtLeast('capexYuan', 0, 'a capital cost ≥ 0 元');
  if (!(isInt(f.constructionYears) && f.constructionYears >= 1)) fail('constructionYears', 'a whole number of construction years ≥ 1', f.constructionYears);
  if (!(isInt(f.lifetimeYears) && f.lifetimeYears >= 1)) fail('lifetimeYears', 'a whole number of operating years ≥ 1', f.lifetimeYears);
  if (!(f.degradationFrac >= 0 && f.degradationFrac < 1)) fail('degradationFrac', 'a yearly degradation from 0 to below 100 %', f.degradationFrac);
  if (f.degradationMode === 'linear' && f.degradationFrac * (f.lifetimeYears - 1) > 1) {
    fail('degradationFrac', `a linear degradation that keeps energy ≥ 0 over ${f.lifetimeYears} years (at most ${1 / (f.lifetimeYears - 1)})`, f.degradationFrac);
  }
  finiteAtLeast('fixedOpexYuanPerYear', 0, 'a fixed O&M ≥ 0 元/yr');
  finiteAtLeast('variableOpexYuanPerMWh', 0, 'a variable O&M ≥ 0 元/MWh');
  rate('opexEscalationFrac');
  rate('tariffEscalationFrac');
  rate('discountRateFrac');
  rate('inflationFrac');
  if (!Number.isFinite(f.tariffYuanPerKWh)) fail('tariffYuanPerKWh', 'a finite tariff in 元/kWh', f.tariffYuanPerKWh);
  if (f.tariffByYearYuanPerKWh !== undefined) {
    if (f.tariffByYearYuanPerKWh.length < f.lifetimeYears || !f.tariffByYearYuanPerKWh.every(Number.isFinite)) {
      fail('tariffByYearYuanPerKWh', `a finite tariff for each of the ${f.lifetimeYears} operating years`, `${f.tariffByYearYuanPerKWh.length} values`);
    }
  }
  if (!Number.isFinite(f.subsidyYuanPerMWh)) fail('subsidyYuanPerMWh', 'a finite income per MWh', f.subsidyYuanPerMWh);
  finiteAtLeast('carbonPriceYuanPerTonne', 0, 'a carbon price ≥ 0 元/t');
  if (f.co2TonnesPerMWh !== undefined && !(Number.isFinite(f.co2TonnesPerMWh) && f.co2TonnesPerMWh >= 0)) fail('co2TonnesPerMWh', 'a CO2 factor ≥ 0 t/MWh', f.co2TonnesPerMWh);
  if (f.coalTonnesPerMWh !== undefined && !(Number.isFinite(f.coalTonnesPerMWh) && f.coalTonnesPerMWh >= 0)) fail('coalTonnesPerMWh', 'a coal factor ≥ 0 t/MWh', f.coalTonnesPerMWh);
  if (f.carbonPriceYuanPerTonne > 0 && f.co2TonnesPerMWh === undefined) fail('co2TonnesPerMWh', 'a CO2 factor (t/MWh) to earn the carbon price on', 'none');
  if (!Number.isFinite(f.counterfactualYuanPerKWh)) fail('counterfactualYuanPerKWh', 'a finite cost in 元/kWh', f.counterfactualYuanPerKWh);
  if (!(f.incomeTaxFrac >= 0 && f.incomeTaxFrac <= 1)) fail('incomeTaxFrac', 'a tax rate from 0 to 100 %', f.incomeTaxFrac);
  if (!(isInt(f.depreciationYears) && f.depreciationYears >= 1)) fail('depreciationYears', 'a whole number of depreciation years ≥ 1', f.depreciationYears);
  if (!(isInt(f.taxHolidayYears) && f.taxHolidayYears >= 0)) fail('taxHolidayYears', 'a whole number of tax-free years ≥ 0', f.taxHolidayYears);
  if (!(f.debtFrac >= 0 && f.debtFrac <= 1)) fail('debtFrac', 'a debt fraction from 0 to 100 %', f.debtFrac);
  if (f.debtFrac > 0) {
    rate('debtRateFrac');
    if (!(isInt(f.debtTenorYears) && f.debtTenorYears >= 1 && f.debtTenorYears <= f.lifetimeYears)) {
      fail('debtTenorYears', `a whole number of years from 1 to the lifetime (${f.lifetimeYears})`, f.debtTenorYears);
    }
  }
  for (const r of f.replacements) {
    if (!(isInt(r.year) && r.year >= 1 && r.year <= f.lifetimeYears)) fail('replacements', `a replacement year from 1 to ${f.lifetimeYears}`, r.year);
    if (!(Number.isFinite(r.costYuan) && r.costYuan >= 0)) fail('replacements', 'a replacement cost ≥ 0 元', r.costYuan);
  }
}

/** Scratch arrays for the yearly flows, index i = t + k − 1; grown on demand and reused across projects. */
class FlowBuffers {
  length = 0;
  capex = new Float64Array(0);
  opex = new Float64Array(0);
  revenue = new Float64Array(0);
  depreciation = new Float64Array(0);
  interest = new Float64Array(0);
  tax = new Float64Array(0);
  debtService = new Float64Array(0);
  net = new Float64Array(0);
  equityNet = new Float64Array(0);
  energy = new Float64Array(0);
  /** Real capex + opex for the LCOE. */
  realCost = new Float64Array(0);
  replacement = new Float64Array(0);

  ensure(length: number): void {
    this.length = length;
    if (this.capex.length >= length) return;
    const size = Math.max(length, 2 * this.capex.length);
    this.capex = new Float64Array(size);
    this.opex = new Float64Array(size);
    this.revenue = new Float64Array(size);
    this.depreciation = new Float64Array(size);
    this.interest = new Float64Array(size);
    this.tax = new Float64Array(size);
    this.debtService = new Float64Array(size);
    this.net = new Float64Array(size);
    this.equityNet = new Float64Array(size);
    this.energy = new Float64Array(size);
    this.realCost = new Float64Array(size);
    this.replacement = new Float64Array(size);
  }
}

/**
 * Fills the buffers with a project's yearly flows (see the module comment and docs/finance.md for each equation).
 * Returns the construction years k (year 0 is at index k − 1).
 */
function computeFlows(f: Filled, b: FlowBuffers): number {
  const k = f.constructionYears;
  const n = f.lifetimeYears;
  const length = k + n;
  b.ensure(length);
  b.replacement.fill(0, 0, length);
  for (const r of f.replacements) b.replacement[r.year + k - 1]! += r.costYuan;

  const capexPerYear = f.capexYuan / k;
  let constructionCapexNominal = 0;
  for (let i = 0; i < k; i++) constructionCapexNominal += capexPerYear * Math.pow(1 + f.inflationFrac, i - (k - 1));
  const depreciationPerYear = constructionCapexNominal / f.depreciationYears;
  const debtYuan = f.debtFrac * constructionCapexNominal;
  const debtPayment = debtYuan > 0 ? debtYuan * capitalRecoveryFactor(f.debtRateFrac, f.debtTenorYears) : 0;
  let debtBalance = debtYuan;
  const opexYear1 = f.fixedOpexYuanPerYear;
  // Running products instead of a power per year: inflation (1+i)^t, and from year 1 on (1−d)^(t−1), (1+e)^(t−1), (1+g)^(t−1).
  let inflation = Math.pow(1 + f.inflationFrac, -(k - 1));
  let survival = 1;
  let escalation = 1;
  let tariffGrowth = 1;

  for (let i = 0; i < length; i++, inflation *= 1 + f.inflationFrac) {
    const t = i - (k - 1);
    if (t <= 0) {
      b.capex[i] = capexPerYear * inflation;
      b.realCost[i] = capexPerYear;
      b.opex[i] = 0;
      b.revenue[i] = 0;
      b.energy[i] = 0;
      b.depreciation[i] = 0;
      b.interest[i] = 0;
      b.tax[i] = 0;
      b.debtService[i] = 0;
      b.net[i] = -b.capex[i]!;
      b.equityNet[i] = -b.capex[i]! * (1 - f.debtFrac);
      continue;
    }
    if (t > 1) {
      survival *= 1 - f.degradationFrac;
      escalation *= 1 + f.opexEscalationFrac;
      tariffGrowth *= 1 + f.tariffEscalationFrac;
    }
    const energy = f.degradationMode === 'linear' ? f.firstYearEnergyMWh * (1 - f.degradationFrac * (t - 1)) : f.firstYearEnergyMWh * survival;
    const realOpex = (opexYear1 + f.variableOpexYuanPerMWh * energy) * escalation;
    const tariff = f.tariffByYearYuanPerKWh !== undefined ? f.tariffByYearYuanPerKWh[t - 1]! : f.tariffYuanPerKWh * tariffGrowth;
    const realRevenue = energy * (tariff * KWH_PER_MWH + f.subsidyYuanPerMWh + (f.co2TonnesPerMWh ?? 0) * f.carbonPriceYuanPerTonne);
    const realReplacement = b.replacement[i]!;
    const capex = realReplacement * inflation;
    const opex = realOpex * inflation;
    const revenue = realRevenue * inflation;
    const depreciation = t <= f.depreciationYears ? depreciationPerYear : 0;
    let interest = 0;
    let debtService = 0;
    if (t <= f.debtTenorYears && debtBalance > 0) {
      interest = debtBalance * f.debtRateFrac;
      debtService = debtPayment;
      debtBalance -= debtPayment - interest;
    }
    // Replacements are expensed for tax in their year (docs/finance.md).
    const taxable = revenue - opex - capex - depreciation - interest;
    const tax = t > f.taxHolidayYears && taxable > 0 ? f.incomeTaxFrac * taxable : 0;
    b.capex[i] = capex;
    b.realCost[i] = realReplacement + realOpex;
    b.opex[i] = opex;
    b.revenue[i] = revenue;
    b.energy[i] = energy;
    b.depreciation[i] = depreciation;
    b.interest[i] = interest;
    b.tax[i] = tax;
    b.debtService[i] = debtService;
    b.net[i] = revenue - opex - capex - tax;
    b.equityNet[i] = revenue - opex - capex - tax - debtService;
  }
  return k;
}

/** Nominal IRR → real: (1 + nominal)/(1 + inflation) − 1 (Fisher). */
function realRate(nominal: number | null, inflationFrac: number): number | null {
  return nominal === null ? null : (1 + nominal) / (1 + inflationFrac) - 1;
}

interface Computed {
  readonly metrics: ProjectFinanceMetrics;
  readonly k: number;
}

const discounted = { buffer: new Float64Array(0) };

function computeMetrics(f: Filled, b: FlowBuffers): Computed {
  const k = computeFlows(f, b);
  const length = b.length;
  const offset = k - 1;
  const nominalRate = (1 + f.discountRateFrac) * (1 + f.inflationFrac) - 1;
  const lcoe = levelizedCostYuanPerKWh(b.realCost, b.energy, f.discountRateFrac, offset, length);
  const fcr = fixedChargeRateFrac(f.discountRateFrac, f.lifetimeYears);
  const lcoeFcr = lcoeFixedChargeRateYuanPerKWh(fcr, f.capexYuan, f.fixedOpexYuanPerYear, f.firstYearEnergyMWh, f.variableOpexYuanPerMWh);
  const npv = npvAt(b.net, nominalRate, offset, length);
  const irr: IrrResult = internalRateOfReturn(b.net, length);
  const hasDebt = f.debtFrac > 0;
  const equityIrr: IrrResult = hasDebt ? internalRateOfReturn(b.equityNet, length) : irr;
  const equityNpv = hasDebt ? npvAt(b.equityNet, nominalRate, offset, length) : npv;
  if (discounted.buffer.length < length) discounted.buffer = new Float64Array(Math.max(length, 2 * discounted.buffer.length));
  const d = discounted.buffer;
  const x = 1 / (1 + nominalRate);
  let lifetimeEnergy = 0;
  let totalCapex = f.capexYuan;
  let factor = Math.pow(x, -offset);
  for (let i = 0; i < length; i++, factor *= x) {
    d[i] = b.net[i]! * factor;
    lifetimeEnergy += b.energy[i]!;
    if (i > offset) totalCapex += b.replacement[i]!;
  }
  const counterfactualGapYuanPerMWh = (lcoe - f.counterfactualYuanPerKWh) * KWH_PER_MWH;
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const metrics: ProjectFinanceMetrics = {
    lcoeYuanPerKWh: finite(lcoe),
    lcoeFcrYuanPerKWh: finite(lcoeFcr),
    fixedChargeRateFrac: fcr,
    npvYuan: npv,
    irrFrac: realRate(irr.rateFrac, f.inflationFrac),
    ...(irr.note === undefined ? {} : { irrNote: irr.note }),
    paybackYears: paybackYears(b.net, offset, length),
    discountedPaybackYears: paybackYears(d, offset, length),
    equityIrrFrac: realRate(equityIrr.rateFrac, f.inflationFrac),
    ...(equityIrr.note === undefined ? {} : { equityIrrNote: equityIrr.note }),
    equityNpvYuan: equityNpv,
    totalCapexYuan: totalCapex,
    lifetimeEnergyMWh: lifetimeEnergy,
    abatementCostYuanPerTonneCo2: f.co2TonnesPerMWh === undefined ? null : finite(abatementCostYuanPerTonne(counterfactualGapYuanPerMWh, f.co2TonnesPerMWh)),
    abatementCostYuanPerTonneCoal: f.coalTonnesPerMWh === undefined ? null : finite(abatementCostYuanPerTonne(counterfactualGapYuanPerMWh, f.coalTonnesPerMWh)),
    capexYuanPerTonneCoalSaved: f.coalTonnesPerMWh === undefined ? null : finite(capexYuanPerTonneSaved(totalCapex, lifetimeEnergy, f.coalTonnesPerMWh)),
  };
  return { metrics, k };
}

const sharedBuffers = new FlowBuffers();

/**
 * Finance of one project: its metrics and its yearly cash-flow table (years −(k−1)…N).
 * Throws PlanError naming the field when an input is impossible (checkProjectFinanceInput).
 * @example evaluateProject({ firstYearEnergyMWh: 113500, capexYuan: 3.3e8, lifetimeYears: 25, tariffYuanPerKWh: 0.3949, discountRateFrac: 0.06 }).lcoeYuanPerKWh
 */
export function evaluateProject(input: ProjectFinanceInput): ProjectFinanceResult {
  const f = fill(input);
  checkFilled(f);
  const b = sharedBuffers;
  const { metrics, k } = computeMetrics(f, b);
  const cashflows: CashFlowYear[] = [];
  let cumulative = 0;
  for (let i = 0; i < b.length; i++) {
    cumulative += b.net[i]!;
    cashflows.push({
      year: i - (k - 1),
      capexYuan: b.capex[i]!,
      opexYuan: b.opex[i]!,
      revenueYuan: b.revenue[i]!,
      depreciationYuan: b.depreciation[i]!,
      interestYuan: b.interest[i]!,
      taxYuan: b.tax[i]!,
      debtServiceYuan: b.debtService[i]!,
      netYuan: b.net[i]!,
      equityNetYuan: b.equityNet[i]!,
      cumulativeNetYuan: cumulative,
      energyMWh: b.energy[i]!,
    });
  }
  return { ...metrics, cashflows };
}

/** Metrics of many projects as columns (NaN where a metric does not exist), index j = project j. */
export interface ProjectFinanceBatch {
  readonly count: number;
  readonly lcoeYuanPerKWh: Float64Array;
  readonly npvYuan: Float64Array;
  readonly irrFrac: Float64Array;
  readonly paybackYears: Float64Array;
  readonly discountedPaybackYears: Float64Array;
  readonly equityIrrFrac: Float64Array;
  readonly totalCapexYuan: Float64Array;
  readonly lifetimeEnergyMWh: Float64Array;
}

/**
 * Finance of many projects (a portfolio, or the draws of a Monte Carlo run) without the per-year tables: the same
 * flows and metrics as evaluateProject, computed in reused buffers, returned as columns. Each input is checked.
 */
export function evaluateProjects(inputs: readonly ProjectFinanceInput[]): ProjectFinanceBatch {
  const count = inputs.length;
  const column = () => new Float64Array(count);
  const out = {
    count,
    lcoeYuanPerKWh: column(),
    npvYuan: column(),
    irrFrac: column(),
    paybackYears: column(),
    discountedPaybackYears: column(),
    equityIrrFrac: column(),
    totalCapexYuan: column(),
    lifetimeEnergyMWh: column(),
  };
  const nan = (v: number | null) => v ?? Number.NaN;
  for (let j = 0; j < count; j++) {
    const f = fill(inputs[j]!);
    checkFilled(f);
    const { metrics: m } = computeMetrics(f, sharedBuffers);
    out.lcoeYuanPerKWh[j] = nan(m.lcoeYuanPerKWh);
    out.npvYuan[j] = m.npvYuan;
    out.irrFrac[j] = nan(m.irrFrac);
    out.paybackYears[j] = nan(m.paybackYears);
    out.discountedPaybackYears[j] = nan(m.discountedPaybackYears);
    out.equityIrrFrac[j] = nan(m.equityIrrFrac);
    out.totalCapexYuan[j] = m.totalCapexYuan;
    out.lifetimeEnergyMWh[j] = m.lifetimeEnergyMWh;
  }
  return out;
}
