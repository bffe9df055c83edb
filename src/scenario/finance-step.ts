/**
 * Resolving the `finance:` section (issue 14) into the core's PlanFinance: each written block (the section itself,
 * `technologies.<t>`, `projects.<id>`, `unnamed`) is parsed once, then every named project takes each field from the
 * most specific block that has it (project → technology → section), its capex by default from its `investment`.
 * Problems name the field where the value was written. A distribution on `discountRate`, `tariff` or a `capex`
 * becomes an uncertain parameter as plain data: the discount rate directly, a tariff or a capex as a multiplier
 * (drawn ÷ median) of what it sets, so one draw moves every project that shares it.
 */
import { getFinancePreset, listFinancePresets, SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH } from '../core/finance/presets.ts';
import type { FinanceCohorts, FinanceCosts, FinanceProject, FinanceRevenue, FinanceTerms, PlanFinance, TariffRegime } from '../core/finance/plan-finance.ts';
import type { Replacement } from '../core/finance/project.ts';
import type { PlanInput } from '../core/plan/types.ts';
import { TECHNOLOGY_DEFAULTS } from '../core/portfolio/technologies.ts';
import type { Technology } from '../core/portfolio/types.ts';
import type { YearSeries } from '../core/series.ts';
import { dispatchSystemGreedy, type SystemYield } from '../core/storage/system-yield.ts';
import { centralValue } from '../core/uncertainty/distributions.ts';
import { Collector, isMapping, to } from './quantities.ts';
import { tryParseQuantity, type Dimension } from './quantity.ts';
import type { FinanceSpec, Scenario } from './schema.ts';
import { resolvePortfolioSections } from './projects.ts';
import { didYouMean } from './validate.ts';

const W_PER_MW = 1e6;
const KWH_PER_MWH = 1000;
const YEAR_KEY = /^[12][0-9]{3}$/;

type Block = Partial<Pick<FinanceSpec, 'capex' | 'constructionYears' | 'opex' | 'variableOpex' | 'opexEscalation' | 'replacements' | 'lifetime' | 'degradation' | 'tariff' | 'tariffEscalation' | 'subsidy' | 'carbonPrice'>>;

/** A capex as written: per W (or per W by year), per Wh of storage, or a total. */
type Capex = { kind: 'per-w'; yuanPerW: YearSeries } | { kind: 'per-wh'; yuanPerWh: number } | { kind: 'total'; yuan: number };
/** A money amount per W of the asset or in total. */
type Amount = { kind: 'per-w'; yuanPerW: number } | { kind: 'total'; yuan: number };

/** One block parsed: each field with the path it was written at. */
interface Parsed {
  readonly path: string[];
  capex?: Capex;
  capexScaleKey?: string;
  constructionYears?: number;
  opex?: Amount;
  variableOpexYuanPerMWh?: number;
  opexEscalationFrac?: number;
  replacements?: Array<{ year: number; cost: Amount }>;
  lifetimeYears?: number;
  degradationFrac?: number;
  tariff?: TariffRegime;
  tariffEscalationFrac?: number;
  subsidyYuanPerMWh?: number;
  carbonPriceYuanPerTonne?: number;
}

/** Context of one resolution: the collector, the plan's horizon and the system's realised price. */
interface Ctx {
  readonly c: Collector;
  readonly horizonYears: number;
  readonly system?: SystemYield;
  tariffScaled: boolean;
}

/**
 * The export-weighted average of a system's hourly prices under greedy dispatch, 元/kWh:
 * Σ export_t·price_t ÷ Σ export_t (the energy sold at the connection; docs/finance.md).
 */
export function systemAveragePriceYuanPerKWh(system: SystemYield): number {
  const prices = system.priceYuanPerMWh;
  if (prices === undefined) return Number.NaN;
  const { hourly } = dispatchSystemGreedy(system);
  let energy = 0;
  let revenue = 0;
  for (let t = 0; t < hourly.exportMW.length; t++) {
    energy += hourly.exportMW[t]!;
    revenue += hourly.exportMW[t]! * prices[t]!;
  }
  return energy > 0 ? revenue / energy / KWH_PER_MWH : Number.NaN;
}

/** The first dimension a text parses in, or undefined. */
function dimensionOf(value: unknown, dims: readonly Dimension[]): Dimension | undefined {
  return dims.find((d) => typeof tryParseQuantity(value, d) === 'number');
}

const isYearSeries = (v: unknown): v is Record<string, unknown> => isMapping(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => YEAR_KEY.test(k));

/** A quantity that may be a distribution whose draws scale a plan field by drawn ÷ median. */
function scaledQuantity(ctx: Ctx, value: unknown, dim: Dimension, path: string[], field: `finance.${string}`): number {
  const { c } = ctx;
  const before = c.uncertain.length;
  const x = c.quantity(value, dim, path, to(field as never, 1), { min: 0, minExclusive: true });
  if (c.uncertain.length > before) {
    const p = c.uncertain[before]!;
    const median = centralValue(p.distribution);
    c.uncertain[before] = { ...p, planScale: 1 / median };
  }
  return x;
}

function parseCapex(ctx: Ctx, value: unknown, path: string[], out: Parsed): void {
  const { c } = ctx;
  if (isYearSeries(value)) {
    const series = c.series(value, 'moneyPerPower', path, (x, p, raw) => {
      if (x < 0) c.add(p, `expected a capital cost ≥ 0, got '${String(raw)}'`);
    });
    out.capex = { kind: 'per-w', yuanPerW: series };
    return;
  }
  if (isMapping(value)) {
    const key = path.slice(1, -1).join('/') || 'finance';
    const x = scaledQuantity(ctx, value, 'moneyPerPower', path, `finance.capexScale.${key}`);
    out.capex = { kind: 'per-w', yuanPerW: x };
    out.capexScaleKey = key;
    return;
  }
  const dim = dimensionOf(value, ['moneyPerPower', 'money', 'moneyPerEnergy']);
  const x = c.quantity(value, dim ?? 'moneyPerPower', path);
  if (Number.isNaN(x)) return;
  if (x < 0) c.add(path, `expected a capital cost ≥ 0, got '${String(value)}'`);
  out.capex = dim === 'money' ? { kind: 'total', yuan: x } : dim === 'moneyPerEnergy' ? { kind: 'per-wh', yuanPerWh: x * 1e-3 } : { kind: 'per-w', yuanPerW: x };
}

function parseAmount(c: Collector, text: unknown, path: string[], what: string): Amount | undefined {
  const dim = dimensionOf(text, ['moneyPerPower', 'money']);
  const x = c.quantity(text, dim ?? 'moneyPerPower', path);
  if (Number.isNaN(x)) return undefined;
  if (x < 0) c.add(path, `expected ${what} ≥ 0, got '${String(text)}'`);
  return dim === 'money' ? { kind: 'total', yuan: x } : { kind: 'per-w', yuanPerW: x };
}

function parseTariff(ctx: Ctx, value: unknown, path: string[], topLevel: boolean): TariffRegime | undefined {
  const { c } = ctx;
  if (value === 'system') {
    if (ctx.system?.priceYuanPerMWh === undefined) {
      c.add(path, "'system' takes the tariff from the system section's hourly prices: add system.prices (a CSV of time,price_yuan_per_mwh), or give a price such as '0.3949元/kWh'");
      return undefined;
    }
    return { kind: 'fixed', yuanPerKWh: systemAveragePriceYuanPerKWh(ctx.system), escalationFrac: 0 };
  }
  if (isMapping(value) && 'preset' in value) {
    const id = String(value.preset);
    const ids = listFinancePresets('tariff').map((p) => p.id);
    if (!ids.includes(id)) {
      const hint = didYouMean(id, ids);
      c.add([...path, 'preset'], `unknown tariff preset '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${ids.join(', ')} (see \`pvplan finance --presets --kind tariff\`)`);
      return undefined;
    }
    return { kind: 'fixed', yuanPerKWh: getFinancePreset(id).value, escalationFrac: 0 };
  }
  if (isYearSeries(value)) return { kind: 'by-year', yuanPerKWh: c.series(value, 'moneyPerEnergy', path) };
  if (isMapping(value)) {
    if (!topLevel) {
      c.add(path, "a tariff distribution goes on finance.tariff (it scales every tariff of the plan); give a single price here");
      return undefined;
    }
    ctx.tariffScaled = true;
    return { kind: 'fixed', yuanPerKWh: scaledQuantity(ctx, value, 'moneyPerEnergy', path, 'finance.tariffScale'), escalationFrac: 0 };
  }
  return { kind: 'fixed', yuanPerKWh: c.quantity(value, 'moneyPerEnergy', path), escalationFrac: 0 };
}

/** Parses one written block of cost, life and revenue fields. */
function parseBlock(ctx: Ctx, b: Block | undefined, path: string[], topLevel = false): Parsed {
  const { c } = ctx;
  const out: Parsed = { path };
  if (!b) return out;
  const at = (key: string) => [...path, key];
  if (b.capex !== undefined) parseCapex(ctx, b.capex, at('capex'), out);
  if (b.constructionYears !== undefined) {
    out.constructionYears = b.constructionYears;
    if (b.constructionYears > ctx.horizonYears) {
      c.add(at('constructionYears'), `a construction of ${b.constructionYears} years is longer than the plan (${ctx.horizonYears} years from the base year to years.end)`);
    }
  }
  if (b.opex !== undefined) out.opex = parseAmount(c, b.opex, at('opex'), 'a fixed O&M');
  const perMWh = (v: unknown, key: string, min?: number) => {
    const x = c.quantity(v, 'moneyPerEnergy', at(key)) * KWH_PER_MWH;
    if (min !== undefined && x < min) c.add(at(key), `expected a cost ≥ 0, got '${String(v)}'`);
    return x;
  };
  if (b.variableOpex !== undefined) out.variableOpexYuanPerMWh = perMWh(b.variableOpex, 'variableOpex', 0);
  const rate = (v: string, key: string) => {
    const x = c.fraction(v, at(key), {});
    if (x <= -1) c.add(at(key), `expected a rate above −100 %, got '${v}'`);
    return x;
  };
  if (b.opexEscalation !== undefined) out.opexEscalationFrac = rate(b.opexEscalation, 'opexEscalation');
  if (b.lifetime !== undefined) out.lifetimeYears = b.lifetime;
  if (b.degradation !== undefined) out.degradationFrac = c.fraction(b.degradation, at('degradation'), { min: 0, max: 0.99 });
  if (b.replacements !== undefined) {
    out.replacements = [];
    b.replacements.forEach((text, i) => {
      const p = [...path, 'replacements', String(i)];
      const m = /^(.*)@\s*(\d+)\s*$/u.exec(text);
      if (!m) {
        c.add(p, `expected COST@YEAR such as '0.1元/W@12' or '800万元@12', got '${text}'`);
        return;
      }
      const year = Number(m[2]);
      if (year < 1) c.add(p, `expected an operating year ≥ 1, got ${year} in '${text}'`);
      const cost = parseAmount(c, m[1]!.trim(), p, 'a replacement cost');
      if (cost) out.replacements!.push({ year, cost });
    });
  }
  if (b.tariff !== undefined) out.tariff = parseTariff(ctx, b.tariff, at('tariff'), topLevel);
  if (b.tariffEscalation !== undefined) out.tariffEscalationFrac = rate(b.tariffEscalation, 'tariffEscalation');
  if (b.subsidy !== undefined) out.subsidyYuanPerMWh = perMWh(b.subsidy, 'subsidy');
  if (b.carbonPrice !== undefined) {
    out.carbonPriceYuanPerTonne = c.quantity(b.carbonPrice, 'moneyPerMass', at('carbonPrice'));
    if (out.carbonPriceYuanPerTonne < 0) c.add(at('carbonPrice'), `expected a carbon price ≥ 0, got '${b.carbonPrice}'`);
  }
  return out;
}

/** The most specific block's value of a field, with that block. */
function pick<K extends keyof Parsed>(layers: readonly Parsed[], key: K): { value: NonNullable<Parsed[K]>; from: Parsed } | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const v = layers[i]![key];
    if (v !== undefined) return { value: v as NonNullable<Parsed[K]>, from: layers[i]! };
  }
  return undefined;
}

const DEFAULT_TARIFF: TariffRegime = { kind: 'fixed', yuanPerKWh: SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH, escalationFrac: 0 };

function revenueOf(layers: readonly Parsed[]): FinanceRevenue {
  const t = pick(layers, 'tariff')?.value ?? DEFAULT_TARIFF;
  const escalation = pick(layers, 'tariffEscalationFrac')?.value ?? 0;
  return {
    tariff: t.kind === 'fixed' ? { ...t, escalationFrac: escalation } : t,
    subsidyYuanPerMWh: pick(layers, 'subsidyYuanPerMWh')?.value ?? 0,
    carbonPriceYuanPerTonne: pick(layers, 'carbonPriceYuanPerTonne')?.value ?? 0,
  };
}

/** Per-MW cost of an amount for an asset of `capacityMW` (a total is divided by it). */
function perMW(a: Amount, capacityMW: number): number {
  return a.kind === 'per-w' ? a.yuanPerW * W_PER_MW : capacityMW > 0 ? a.yuan / capacityMW : 0;
}

function costsOf(ctx: Ctx, layers: readonly Parsed[], capacityMW: number, lifetimeYears: number, degradationFrac: number, constructionYears: number): FinanceCosts {
  const replacements: Replacement[] = [];
  const r = pick(layers, 'replacements');
  r?.value.forEach((x, i) => {
    if (x.year > lifetimeYears) ctx.c.add([...r.from.path, 'replacements', String(i)], `a replacement in operating year ${x.year} is after the lifetime of ${lifetimeYears} years`);
    replacements.push({ year: x.year, costYuan: perMW(x.cost, capacityMW) });
  });
  const opex = pick(layers, 'opex')?.value;
  return {
    constructionYears,
    fixedOpexYuanPerMWPerYear: opex === undefined ? 0 : perMW(opex, capacityMW),
    variableOpexYuanPerMWhDelivered: pick(layers, 'variableOpexYuanPerMWh')?.value ?? 0,
    opexEscalationFrac: pick(layers, 'opexEscalationFrac')?.value ?? 0,
    replacementsYuanPerMW: replacements,
    lifetimeYears,
    annualDegradationFrac: degradationFrac,
  };
}

function termsOf(ctx: Ctx, f: FinanceSpec): FinanceTerms {
  const { c } = ctx;
  const path = (k: string) => ['finance', k];
  const discountRateFrac = c.quantity(f.discountRate, 'fraction', path('discountRate'), to('finance.terms.discountRateFrac'), { min: -1, minExclusive: true });
  if (discountRateFrac <= -1) c.add(path('discountRate'), `expected a real discount rate above −100 %, got '${String(f.discountRate)}'`);
  const rate = (v: string | undefined, k: string, min: number, max: number, what: string) => {
    if (v === undefined) return 0;
    const x = c.fraction(v, path(k), {});
    if (!(x > min || (min === 0 && x === 0)) || x > max) c.add(path(k), `expected ${what}, got '${v}'`);
    return x;
  };
  const inflationFrac = rate(f.inflation, 'inflation', -1, Number.POSITIVE_INFINITY, 'an inflation rate above −100 %');
  const incomeTaxFrac = rate(f.incomeTax, 'incomeTax', 0, 1, 'a tax rate from 0 % to 100 %');
  const debtFrac = rate(f.debtFraction, 'debtFraction', 0, 1, 'a debt share from 0 % to 100 %');
  const debtRateFrac = rate(f.debtRate, 'debtRate', -1, Number.POSITIVE_INFINITY, 'a debt rate above −100 %');
  if (debtFrac > 0 && (f.debtRate === undefined || f.debtTenor === undefined)) c.add(path('debtFraction'), "needs debtRate and debtTenor (e.g. debtRate: 4.5 %, debtTenor: 15)");
  let counterfactualYuanPerKWh = SHANDONG_COAL_BENCHMARK_YUAN_PER_KWH;
  if (f.counterfactual !== undefined) counterfactualYuanPerKWh = c.quantity(f.counterfactual, 'moneyPerEnergy', path('counterfactual'));
  return {
    discountRateFrac,
    inflationFrac,
    incomeTaxFrac,
    ...(f.depreciationYears === undefined ? {} : { depreciationYears: f.depreciationYears }),
    taxHolidayYears: f.taxHoliday ?? 0,
    debtFrac,
    debtRateFrac,
    ...(f.debtTenor === undefined ? {} : { debtTenorYears: f.debtTenor }),
    counterfactualYuanPerKWh,
  };
}

/**
 * The finance of a scenario with a `finance:` section, or undefined without one. Named projects come from the
 * portfolio sections (their own problems are reported by `pvplan pipeline` and `pvplan finance`; invalid ones are
 * left out here); cancelled projects are left out.
 */
export function resolveFinance(c: Collector, s: Scenario, plan: PlanInput, system?: SystemYield): PlanFinance | undefined {
  const f = s.finance;
  if (f === undefined) return undefined;
  const ctx: Ctx = { c, horizonYears: plan.endYear - plan.capacity.baseYear, ...(system === undefined ? {} : { system }), tariffScaled: false };
  const terms = termsOf(ctx, f);
  const top = parseBlock(ctx, f, ['finance'], true);
  const techBlocks = new Map<string, Parsed>();
  for (const [t, b] of Object.entries(f.technologies ?? {})) techBlocks.set(t, parseBlock(ctx, b, ['finance', 'technologies', t]));
  const written = s.projects ?? [];
  const ids = new Set(written.map((p) => p.id));
  const projectBlocks = new Map<string, Parsed>();
  for (const [id, b] of Object.entries(f.projects ?? {})) {
    if (!ids.has(id)) {
      const hint = didYouMean(id, [...ids]);
      c.add(['finance', 'projects', id], `no project with id '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; ids: ${[...ids].join(', ') || 'none'}`);
      continue;
    }
    projectBlocks.set(id, parseBlock(ctx, b, ['finance', 'projects', id]));
  }

  const baselineMW = plan.capacity.baselineMW;
  const sections = written.length > 0 ? resolvePortfolioSections(s, plan.capacity.baseYear, baselineMW) : undefined;
  const projects: FinanceProject[] = [];
  for (const p of sections?.projects ?? []) {
    if (p.stage === 'cancelled') continue;
    const layers = [top, techBlocks.get(p.technology), projectBlocks.get(p.id)].filter((x): x is Parsed => x !== undefined);
    const tech = TECHNOLOGY_DEFAULTS[p.technology as Technology];
    const capex = pick(layers, 'capex');
    let capexYuan: number;
    if (capex === undefined) {
      if (!(p.investmentYuan > 0)) {
        c.add(['finance'], `no capital cost for project '${p.id}': give its investment, finance.projects.${p.id}.capex or finance.technologies.${p.technology}.capex`);
        continue;
      }
      capexYuan = p.investmentYuan;
    } else if (capex.value.kind === 'total') {
      capexYuan = capex.value.yuan;
    } else if (capex.value.kind === 'per-wh') {
      if (p.energyMWh === undefined) {
        c.add([...capex.from.path, 'capex'], `a capex per Wh needs an energy capacity; project '${p.id}' (${p.technology}) has none: give a capex per W or a total`);
        continue;
      }
      capexYuan = capex.value.yuanPerWh * p.energyMWh * W_PER_MW;
    } else {
      const perW = capex.value.yuanPerW;
      capexYuan = (typeof perW === 'number' ? perW : Number.NaN) * p.capacityMW * W_PER_MW;
      if (typeof perW !== 'number') c.add([...capex.from.path, 'capex'], 'a capex by year applies to the aggregate path only; give a named project one price');
    }
    const lifetimeYears = pick(layers, 'lifetimeYears')?.value ?? tech.lifetimeYears;
    const constructionYears = pick(layers, 'constructionYears')?.value ?? Math.floor(p.commissioningYear) - Math.floor(p.constructionStartYear) + 1;
    const costs = costsOf(ctx, layers, p.capacityMW, lifetimeYears, pick(layers, 'degradationFrac')?.value ?? (tech.generates ? tech.annualDegradationFrac : 0), constructionYears);
    projects.push({
      id: p.id,
      name: p.name,
      technology: p.technology,
      capacityMW: p.capacityMW,
      yearZero: Math.floor(p.commissioningYear),
      capexYuan,
      ...(capex?.from.capexScaleKey === undefined ? {} : { capexScaleKey: capex.from.capexScaleKey }),
      fullLoadHours: tech.generates ? p.fullLoadHours : 0,
      ...costs,
      ...revenueOf(layers),
    });
  }

  const unnamedBlock = f.unnamed === undefined ? undefined : parseBlock(ctx, f.unnamed, ['finance', 'unnamed']);
  if (f.unnamed?.lifetime !== undefined) c.add(['finance', 'unnamed', 'lifetime'], 'the aggregate path lives capacity.lifetimeYears: set it there');
  if (f.unnamed?.degradation !== undefined) c.add(['finance', 'unnamed', 'degradation'], 'the aggregate path degrades as yield.degradation says: set it there');
  const cohortLayers = [top, unnamedBlock].filter((x): x is Parsed => x !== undefined);
  const cohortCapex = pick(cohortLayers, 'capex');
  let cohorts: FinanceCohorts | undefined;
  if (cohortCapex !== undefined) {
    if (cohortCapex.value.kind !== 'per-w') {
      c.add([...cohortCapex.from.path, 'capex'], "the aggregate path's new capacity each year needs a capex per W (e.g. '3.3元/W', or by year), not a total or a price per Wh");
    } else {
      const construction = pick(cohortLayers, 'constructionYears')?.value ?? Math.max(1, plan.capacity.constructionLagYears);
      const { lifetimeYears: _l, annualDegradationFrac: _d, ...costs } = costsOf(ctx, cohortLayers, 1, plan.capacity.lifetimeYears, 0, construction);
      cohorts = { ...costs, ...revenueOf(cohortLayers), capexYuanPerW: cohortCapex.value.yuanPerW, ...(cohortCapex.from.capexScaleKey === undefined ? {} : { capexScaleKey: cohortCapex.from.capexScaleKey }) };
    }
  } else if (projects.length === 0) {
    c.add(['finance'], "no capex for the aggregate path: give finance.unnamed.capex (or finance.capex), e.g. '3.3元/W'");
  }

  const capexScale: Record<string, number> = {};
  for (const p of c.uncertain) if (p.field.startsWith('finance.capexScale.')) capexScale[p.field.slice('finance.capexScale.'.length)] = 1;
  let signedInvestmentYuan: number | undefined;
  if (s.pipeline?.signedInvestment !== undefined) {
    const x = tryParseQuantity(s.pipeline.signedInvestment, 'money');
    if (typeof x === 'number') signedInvestmentYuan = x;
  }
  return {
    terms,
    referenceYear: plan.capacity.baseYear,
    projects,
    ...(cohorts === undefined ? {} : { cohorts }),
    capexScale,
    tariffScale: 1,
    ...(signedInvestmentYuan === undefined ? {} : { signedInvestmentYuan }),
  };
}
