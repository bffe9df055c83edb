/**
 * Finance of a whole plan (issue 14): each named project and each yearly cohort of the aggregate path is a project
 * of its own (evaluateProject); their flows are then put on one calendar and summed, per technology, for the named
 * portfolio, for the aggregate path and for the whole plan. Conventions (docs/finance.md, "Scenario finance"):
 * - a named project's year 0 is its commissioning's calendar year; its capex is spread over its construction years
 *   (default ⌊commissioning⌋ − ⌊construction start⌋ + 1, the spread of the portfolio's investment by year);
 * - the aggregate path's new capacity of calendar year y (the plan's additions, MW entering construction) is a
 *   cohort built over max(1, construction lag) years from y, with capex = additions × capex per W of year y;
 *   the baseline standing at the base year is sunk and not counted;
 * - delivered energy in operating year 1 = capacity × full-load hours × availability × (1 − curtailment of that
 *   calendar year) × (1 − first-year degradation), then degraded by the plan's (cohort) or the technology's rate;
 * - sums over several projects are in real money of the reference year (the plan's base year): each project's
 *   flows are deflated by its own (1+i)^t and discounted at the real rate to the end of the reference year.
 * Everything here is plain data, so a drawn plan (Monte Carlo) crosses threads as it is.
 */
import type { DegradationMode, PlanInput } from '../plan/types.ts';
import { seriesValueAt, type YearSeries } from '../series.ts';
import { KWH_PER_MWH } from '../units.ts';
import { levelizedCostYuanPerKWh } from './lcoe.ts';
import { internalRateOfReturn, npvAt, paybackYears } from './metrics.ts';
import { evaluateProject, type CashFlowYear, type ProjectFinanceInput, type ProjectFinanceMetrics, type Replacement } from './project.ts';

/** W per MW: per-W capex and per-kW O&M times capacity. */
const W_PER_MW = 1e6;

/** The tariff: fixed (with real escalation), or a price for each calendar year (linear between years, flat outside). */
export type TariffRegime =
  | { readonly kind: 'fixed'; readonly yuanPerKWh: number; readonly escalationFrac: number }
  | { readonly kind: 'by-year'; readonly yuanPerKWh: YearSeries };

/** Terms every project of a plan shares: discounting, inflation, tax, debt and the counterfactual of the abatement cost. */
export interface FinanceTerms {
  /** Real discount rate, > −1. */
  readonly discountRateFrac: number;
  readonly inflationFrac: number;
  readonly incomeTaxFrac: number;
  /** Default: each project's lifetime. */
  readonly depreciationYears?: number;
  readonly taxHolidayYears: number;
  readonly debtFrac: number;
  readonly debtRateFrac: number;
  /** Default: each project's lifetime (capped at it). */
  readonly debtTenorYears?: number;
  /** 元/kWh. */
  readonly counterfactualYuanPerKWh: number;
}

/** Revenue other than the tariff and the tariff itself, per project or per technology. */
export interface FinanceRevenue {
  readonly tariff: TariffRegime;
  readonly subsidyYuanPerMWh: number;
  readonly carbonPriceYuanPerTonne: number;
}

/** Costs and life of an asset, in internal units. */
export interface FinanceCosts {
  readonly constructionYears: number;
  readonly fixedOpexYuanPerMWPerYear: number;
  readonly variableOpexYuanPerMWhDelivered: number;
  readonly opexEscalationFrac: number;
  /** Each replacement's cost per MW of the asset, in its operating year. */
  readonly replacementsYuanPerMW: readonly Replacement[];
  readonly lifetimeYears: number;
  readonly annualDegradationFrac: number;
}

/** A named project as finance sees it. */
export interface FinanceProject extends FinanceCosts, FinanceRevenue {
  readonly id: string;
  readonly name: string;
  readonly technology: string;
  readonly capacityMW: number;
  /** Calendar year of year 0 (the commissioning year). */
  readonly yearZero: number;
  /** Construction capex in real money, 元 (before the capex scale). */
  readonly capexYuan: number;
  /** Key into PlanFinance.capexScale (the uncertain multiplier of this capex), when the capex is uncertain. */
  readonly capexScaleKey?: string;
  /** Full-load hours of a new plant, before availability, curtailment and first-year degradation, h/yr; 0 for storage. */
  readonly fullLoadHours: number;
}

/** The aggregate path's cohorts: costs per MW and capex per W by calendar year of construction start. */
export interface FinanceCohorts extends Omit<FinanceCosts, 'lifetimeYears' | 'annualDegradationFrac'>, FinanceRevenue {
  readonly capexYuanPerW: YearSeries;
  readonly capexScaleKey?: string;
}

/** Everything finance needs beyond the plan itself (PlanInput.finance). */
export interface PlanFinance {
  readonly terms: FinanceTerms;
  /** The year everything is discounted to (end of year), and the money of which real prices are: the plan's base year. */
  readonly referenceYear: number;
  readonly projects: readonly FinanceProject[];
  /** Absent: the aggregate path is left out (a scenario that names no unnamed costs and has no PV capex default). */
  readonly cohorts?: FinanceCohorts;
  /** Uncertain capex multipliers by key (1 = as written); Monte Carlo draws set them. */
  readonly capexScale: Readonly<Record<string, number>>;
  /** Multiplier of every tariff of the plan (1 = as written): an uncertain tariff is drawn as drawn ÷ its median. */
  readonly tariffScale: number;
  /** The amount signed (e.g. 153.2亿元) to compare investment with, 元. */
  readonly signedInvestmentYuan?: number;
}

/** What of the plan the finance reads: yield conventions and savings factors (PlanInput's fields). */
export interface PlanYieldForFinance {
  readonly capacity: Pick<PlanInput['capacity'], 'baseYear' | 'constructionLagYears' | 'lifetimeYears'>;
  readonly yield: Pick<PlanInput['yield'], 'fullLoadHours' | 'firstYearDegradationFrac' | 'annualDegradationFrac' | 'degradationMode' | 'availabilityFrac' | 'curtailmentFrac'>;
  readonly savings: Pick<PlanInput['savings'], 'coalTonnesPerMWh' | 'co2TonnesPerMWh'>;
}

/** New capacity of the aggregate path by calendar year: additionsMW[i] entered construction in firstYear + i. */
export interface PathAdditions {
  readonly firstYear: number;
  readonly additionsMW: ArrayLike<number>;
}

/** One evaluated asset (a named project or a cohort of the aggregate path). */
export interface AssetFinance {
  readonly id: string;
  readonly name: string;
  /** Technology, or 'aggregate' for a cohort of the aggregate path. */
  readonly technology: string;
  readonly capacityMW: number;
  readonly yearZero: number;
  readonly input: ProjectFinanceInput;
  readonly metrics: ProjectFinanceMetrics;
  /** Years as calendar years; money as evaluateProject gives it (nominal with inflation). */
  readonly cashflows: readonly CashFlowYear[];
}

/** A year of a combined (summed) table, real money of the reference year. */
export interface CombinedYear {
  readonly year: number;
  readonly capexYuan: number;
  readonly opexYuan: number;
  readonly revenueYuan: number;
  readonly taxYuan: number;
  readonly netYuan: number;
  readonly cumulativeNetYuan: number;
  readonly energyMWh: number;
  readonly coalTonnes: number;
  readonly co2Tonnes: number;
}

/** Metrics of several assets together. */
export interface CombinedFinance {
  readonly assets: number;
  readonly capacityMW: number;
  /** Σ(capex + opex)v^y ÷ Σ E v^y, 元/kWh (real); null without energy. */
  readonly lcoeYuanPerKWh: number | null;
  /** At the end of the reference year, 元. */
  readonly npvYuan: number;
  readonly irrFrac: number | null;
  readonly irrNote?: string;
  /** Years from the end of the year before the first energy until cumulative real net cash reaches 0. */
  readonly paybackYears: number | null;
  readonly discountedPaybackYears: number | null;
  /** Construction capex and replacements, real, 元. */
  readonly totalCapexYuan: number;
  /** Construction capex only by calendar year, real, 元. */
  readonly capexByYearYuan: Readonly<Record<string, number>>;
  readonly lifetimeEnergyMWh: number;
  readonly lifetimeCoalTonnes: number;
  readonly lifetimeCo2Tonnes: number;
  /** (discounted cost − counterfactual × discounted energy) ÷ discounted tonnes, 元/t; null without tonnes. */
  readonly abatementCostYuanPerTonneCo2: number | null;
  readonly abatementCostYuanPerTonneCoal: number | null;
  /** Total capex ÷ lifetime coal saved (undiscounted), 元/t. */
  readonly capexYuanPerTonneCoalSaved: number | null;
  readonly cashflows: readonly CombinedYear[];
}

/** Operating-year-1 delivered energy of `capacityMW` at `fullLoadHours` commissioned for calendar year `firstOperatingYear`, MWh. */
export function firstYearDeliveredMWh(capacityMW: number, fullLoadHours: number, plan: PlanYieldForFinance, firstOperatingYear: number): number {
  const y = plan.yield;
  return capacityMW * fullLoadHours * y.availabilityFrac * (1 - seriesValueAt(y.curtailmentFrac, firstOperatingYear)) * (1 - y.firstYearDegradationFrac);
}

/** The tariff of each operating year 1…N for year 0 in calendar year `yearZero`, 元/kWh (by-year), or undefined (fixed). */
function tariffByYear(tariff: TariffRegime, yearZero: number, lifetimeYears: number, scale: number): number[] | undefined {
  if (tariff.kind === 'fixed') return undefined;
  return Array.from({ length: lifetimeYears }, (_, t) => seriesValueAt(tariff.yuanPerKWh, yearZero + t + 1) * scale);
}

/** The core's input for one asset. */
function assetInput(
  costs: FinanceCosts,
  revenue: FinanceRevenue,
  terms: FinanceTerms,
  tariffScale: number,
  capacityMW: number,
  capexYuan: number,
  firstYearEnergyMWh: number,
  degradationMode: DegradationMode,
  yearZero: number,
  factors: { coal: number; co2: number },
): ProjectFinanceInput {
  const byYear = tariffByYear(revenue.tariff, yearZero, costs.lifetimeYears, tariffScale);
  const lifetime = costs.lifetimeYears;
  return {
    firstYearEnergyMWh,
    degradationFrac: costs.annualDegradationFrac,
    degradationMode,
    capexYuan,
    constructionYears: costs.constructionYears,
    lifetimeYears: lifetime,
    fixedOpexYuanPerYear: costs.fixedOpexYuanPerMWPerYear * capacityMW,
    variableOpexYuanPerMWh: costs.variableOpexYuanPerMWhDelivered,
    opexEscalationFrac: costs.opexEscalationFrac,
    replacements: costs.replacementsYuanPerMW.filter((r) => r.year <= lifetime).map((r) => ({ year: r.year, costYuan: r.costYuan * capacityMW })),
    tariffYuanPerKWh: revenue.tariff.kind === 'fixed' ? revenue.tariff.yuanPerKWh * tariffScale : byYear![0]!,
    ...(revenue.tariff.kind === 'fixed' ? { tariffEscalationFrac: revenue.tariff.escalationFrac } : { tariffByYearYuanPerKWh: byYear! }),
    subsidyYuanPerMWh: revenue.subsidyYuanPerMWh,
    carbonPriceYuanPerTonne: revenue.carbonPriceYuanPerTonne,
    co2TonnesPerMWh: factors.co2,
    coalTonnesPerMWh: factors.coal,
    counterfactualYuanPerKWh: terms.counterfactualYuanPerKWh,
    discountRateFrac: terms.discountRateFrac,
    inflationFrac: terms.inflationFrac,
    incomeTaxFrac: terms.incomeTaxFrac,
    depreciationYears: terms.depreciationYears ?? lifetime,
    taxHolidayYears: terms.taxHolidayYears,
    debtFrac: terms.debtFrac,
    debtRateFrac: terms.debtRateFrac,
    debtTenorYears: Math.min(terms.debtTenorYears ?? lifetime, lifetime),
  };
}

/** The capex multiplier of a key (1 without one). */
function scaleOf(finance: PlanFinance, key: string | undefined): number {
  return key === undefined ? 1 : (finance.capexScale[key] ?? 1);
}

/** Savings factors of an asset's first operating year (t/MWh). */
function factorsAt(plan: PlanYieldForFinance, year: number): { coal: number; co2: number } {
  return { coal: seriesValueAt(plan.savings.coalTonnesPerMWh, year), co2: seriesValueAt(plan.savings.co2TonnesPerMWh, year) };
}

/** Each named project's core input, with its identity. */
export function projectInputs(finance: PlanFinance, plan: PlanYieldForFinance): Array<{ project: FinanceProject; input: ProjectFinanceInput }> {
  return finance.projects.map((p) => {
    const energy = p.fullLoadHours > 0 ? firstYearDeliveredMWh(p.capacityMW, p.fullLoadHours, plan, p.yearZero + 1) : 0;
    const input = assetInput(p, p, finance.terms, finance.tariffScale, p.capacityMW, p.capexYuan * scaleOf(finance, p.capexScaleKey), energy, plan.yield.degradationMode, p.yearZero, factorsAt(plan, p.yearZero + 1));
    return { project: p, input };
  });
}

/** Each cohort of the aggregate path (additions > 0 after the base year) with its core input. */
export function cohortInputs(finance: PlanFinance, plan: PlanYieldForFinance, path: PathAdditions): Array<{ year: number; capacityMW: number; yearZero: number; input: ProjectFinanceInput }> {
  const c = finance.cohorts;
  if (c === undefined) return [];
  const costs: FinanceCosts = { ...c, lifetimeYears: plan.capacity.lifetimeYears, annualDegradationFrac: plan.yield.annualDegradationFrac };
  const scale = scaleOf(finance, c.capexScaleKey);
  const out: Array<{ year: number; capacityMW: number; yearZero: number; input: ProjectFinanceInput }> = [];
  for (let i = 0; i < path.additionsMW.length; i++) {
    const year = path.firstYear + i;
    const mw = path.additionsMW[i]!;
    if (!(year > plan.capacity.baseYear && mw > 0)) continue;
    const yearZero = year + c.constructionYears - 1;
    const hours = seriesValueAt(plan.yield.fullLoadHours, yearZero + 1);
    const capex = mw * W_PER_MW * seriesValueAt(c.capexYuanPerW, year) * scale;
    const input = assetInput(costs, c, finance.terms, finance.tariffScale, mw, capex, firstYearDeliveredMWh(mw, hours, plan, yearZero + 1), plan.yield.degradationMode, yearZero, factorsAt(plan, yearZero + 1));
    out.push({ year, capacityMW: mw, yearZero, input });
  }
  return out;
}

/** Evaluates every asset of the plan: the named projects, then the aggregate path's cohorts by year. */
export function evaluateAssets(finance: PlanFinance, plan: PlanYieldForFinance, path: PathAdditions): AssetFinance[] {
  const out: AssetFinance[] = [];
  const add = (id: string, name: string, technology: string, capacityMW: number, yearZero: number, input: ProjectFinanceInput) => {
    const { cashflows, ...metrics } = evaluateProject(input);
    out.push({ id, name, technology, capacityMW, yearZero, input, metrics, cashflows: cashflows.map((r) => ({ ...r, year: r.year + yearZero })) });
  };
  for (const { project: p, input } of projectInputs(finance, plan)) add(p.id, p.name, p.technology, p.capacityMW, p.yearZero, input);
  for (const c of cohortInputs(finance, plan, path)) add(`aggregate-${c.year}`, `aggregate path, ${c.year} additions`, 'aggregate', c.capacityMW, c.yearZero, c.input);
  return out;
}

/**
 * Several assets as one: their real flows summed by calendar year (each deflated by its own (1+i)^t, t from its
 * year 0), then LCOE, NPV (to the end of the reference year), IRR, payback and abatement over the sums.
 */
export function combineAssets(assets: readonly AssetFinance[], terms: FinanceTerms, referenceYear: number): CombinedFinance {
  if (assets.length === 0) {
    return {
      assets: 0, capacityMW: 0, lcoeYuanPerKWh: null, npvYuan: 0, irrFrac: null, irrNote: 'no projects', paybackYears: null, discountedPaybackYears: null,
      totalCapexYuan: 0, capexByYearYuan: {}, lifetimeEnergyMWh: 0, lifetimeCoalTonnes: 0, lifetimeCo2Tonnes: 0,
      abatementCostYuanPerTonneCo2: null, abatementCostYuanPerTonneCoal: null, capexYuanPerTonneCoalSaved: null, cashflows: [],
    };
  }
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const a of assets) {
    first = Math.min(first, a.cashflows[0]!.year);
    last = Math.max(last, a.cashflows[a.cashflows.length - 1]!.year);
  }
  first = Math.min(first, referenceYear);
  const n = last - first + 1;
  const col = () => new Float64Array(n);
  const capex = col(), opex = col(), revenue = col(), tax = col(), net = col(), energy = col(), coal = col(), co2 = col(), constructionCapex = col();
  let capacityMW = 0;
  for (const a of assets) {
    capacityMW += a.capacityMW;
    const i1 = 1 + (a.input.inflationFrac ?? 0);
    for (const r of a.cashflows) {
      const k = r.year - first;
      const deflate = Math.pow(i1, -(r.year - a.yearZero));
      capex[k] += r.capexYuan * deflate;
      if (r.year <= a.yearZero) constructionCapex[k] += r.capexYuan * deflate;
      opex[k] += r.opexYuan * deflate;
      revenue[k] += r.revenueYuan * deflate;
      tax[k] += r.taxYuan * deflate;
      net[k] += r.netYuan * deflate;
      energy[k] += r.energyMWh;
      coal[k] += r.energyMWh * (a.input.coalTonnesPerMWh ?? 0);
      co2[k] += r.energyMWh * (a.input.co2TonnesPerMWh ?? 0);
    }
  }
  const r = terms.discountRateFrac;
  const offset = referenceYear - first;
  const cost = col();
  for (let k = 0; k < n; k++) cost[k] = capex[k]! + opex[k]!;
  const lcoe = levelizedCostYuanPerKWh(cost, energy, r, offset, n);
  const npv = npvAt(net, r, offset, n);
  const irr = internalRateOfReturn(net, n);
  let firstEnergy = 0;
  while (firstEnergy < n && !(energy[firstEnergy]! > 0)) firstEnergy++;
  const paybackOffset = Math.max(0, firstEnergy - 1);
  const discounted = col();
  for (let k = 0; k < n; k++) discounted[k] = net[k]! * Math.pow(1 + r, -(k - offset));
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const pv = (a: Float64Array) => npvAt(a, r, offset, n);
  const costGapYuan = pv(cost) - terms.counterfactualYuanPerKWh * KWH_PER_MWH * pv(energy);
  const totalCapex = sum(capex);
  const lifetimeCoal = sum(coal);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const capexByYearYuan: Record<string, number> = {};
  for (let k = 0; k < n; k++) if (constructionCapex[k]! !== 0) capexByYearYuan[String(first + k)] = constructionCapex[k]!;
  let cumulative = 0;
  const cashflows: CombinedYear[] = [];
  for (let k = 0; k < n; k++) {
    cumulative += net[k]!;
    cashflows.push({ year: first + k, capexYuan: capex[k]!, opexYuan: opex[k]!, revenueYuan: revenue[k]!, taxYuan: tax[k]!, netYuan: net[k]!, cumulativeNetYuan: cumulative, energyMWh: energy[k]!, coalTonnes: coal[k]!, co2Tonnes: co2[k]! });
  }
  const pvCo2 = pv(co2);
  const pvCoal = pv(coal);
  return {
    assets: assets.length,
    capacityMW,
    lcoeYuanPerKWh: finite(lcoe),
    npvYuan: npv,
    irrFrac: irr.rateFrac,
    ...(irr.note === undefined ? {} : { irrNote: irr.note }),
    paybackYears: paybackYears(net, paybackOffset, n),
    discountedPaybackYears: paybackYears(discounted, paybackOffset, n),
    totalCapexYuan: totalCapex,
    capexByYearYuan,
    lifetimeEnergyMWh: sum(energy),
    lifetimeCoalTonnes: lifetimeCoal,
    lifetimeCo2Tonnes: sum(co2),
    abatementCostYuanPerTonneCo2: pvCo2 > 0 ? costGapYuan / pvCo2 : null,
    abatementCostYuanPerTonneCoal: pvCoal > 0 ? costGapYuan / pvCoal : null,
    capexYuanPerTonneCoalSaved: lifetimeCoal > 0 ? totalCapex / lifetimeCoal : null,
    cashflows,
  };
}

/** A plan's finance: every asset, and the sums by technology, for the named portfolio, the aggregate path and the whole plan. */
export interface PlanFinanceResult {
  readonly referenceYear: number;
  readonly assets: readonly AssetFinance[];
  readonly byTechnology: Readonly<Record<string, CombinedFinance>>;
  readonly portfolio: CombinedFinance;
  readonly aggregate: CombinedFinance;
  readonly total: CombinedFinance;
  readonly signedInvestmentYuan?: number;
}

/**
 * Finance of a plan with a finance section: projects and the aggregate path's cohorts (from `path`, the plan's
 * additions by year), each evaluated on its own, then summed (combineAssets).
 * @example evaluatePlanFinance(plan.finance, plan, { firstYear: plan.capacity.baseYear, additionsMW: ws.additionsMW }).total.lcoeYuanPerKWh
 */
export function evaluatePlanFinance(finance: PlanFinance, plan: PlanYieldForFinance, path: PathAdditions): PlanFinanceResult {
  const assets = evaluateAssets(finance, plan, path);
  const ref = finance.referenceYear;
  const technologies = [...new Set(assets.map((a) => a.technology))];
  const byTechnology = Object.fromEntries(technologies.map((t) => [t, combineAssets(assets.filter((a) => a.technology === t), finance.terms, ref)]));
  return {
    referenceYear: ref,
    assets,
    byTechnology,
    portfolio: combineAssets(assets.filter((a) => a.technology !== 'aggregate'), finance.terms, ref),
    aggregate: combineAssets(assets.filter((a) => a.technology === 'aggregate'), finance.terms, ref),
    total: combineAssets(assets, finance.terms, ref),
    ...(finance.signedInvestmentYuan === undefined ? {} : { signedInvestmentYuan: finance.signedInvestmentYuan }),
  };
}

/** The whole plan's LCOE, NPV and IRR (NaN where none): what a Monte Carlo draw and a sensitivity run keep. */
export function planFinanceSummary(finance: PlanFinance, plan: PlanYieldForFinance, path: PathAdditions): { lcoeYuanPerKWh: number; npvYuan: number; irrFrac: number } {
  const t = combineAssets(evaluateAssets(finance, plan, path), finance.terms, finance.referenceYear);
  return { lcoeYuanPerKWh: t.lcoeYuanPerKWh ?? Number.NaN, npvYuan: t.npvYuan, irrFrac: t.irrFrac ?? Number.NaN };
}
