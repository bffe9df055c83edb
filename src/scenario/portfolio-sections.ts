/**
 * The portfolio sections of a scenario (`projects:`, `pipeline:`, `targets:`) as written → core Portfolio
 * objects, with the checks that span fields: duplicate ids, commissioning before construction start, storage
 * without energy, probabilities outside 0–100 %, negative delays, targets counting a technology nothing has, a
 * target giving both or neither of capacity and energy, an energy target counting plants under construction;
 * and the warning for a project commissioned before the baseline year (it is probably in the baseline already).
 * resolve.ts runs it as a step of resolving a scenario with projects; the aggregate plan becomes the unnamed path.
 */
import { validateDistribution, support, type Distribution } from '../core/uncertainty/distributions.ts';
import { DEFAULT_STAGE_ASSUMPTIONS } from '../core/portfolio/stages.ts';
import { TECHNOLOGY_DEFAULTS } from '../core/portfolio/technologies.ts';
import { fractionalYear, daysInMonth } from '../core/portfolio/dates.ts';
import type { Portfolio, PortfolioTarget, Project, Stage, StageAssumption, Technology } from '../core/portfolio/types.ts';
import { STAGES, TECHNOLOGIES } from '../core/portfolio/types.ts';
import { parseQuantity, QuantityError, type Dimension } from './quantity.ts';
import { WindChainFields, type DelayYearsSpec, type ProjectSpec, type Scenario } from './schema.ts';
import type { WindChainSpec } from './system-step.ts';
import type { ValidationIssue } from './validate.ts';

/** The portfolio sections resolved, with problems (errors) and warnings by field path. */
export interface PortfolioSections {
  readonly projects: Project[];
  readonly targets: PortfolioTarget[];
  readonly stageAssumptions: Readonly<Record<Stage, StageAssumption>>;
  readonly signedInvestmentYuan?: number;
  readonly correlation?: Portfolio['correlation'];
  readonly issues: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

const PV_TECHNOLOGIES: readonly Technology[] = TECHNOLOGIES.filter((t) => TECHNOLOGY_DEFAULTS[t].isPv);

const DATE = /^([12][0-9]{3})-([01][0-9])(?:-([0-3][0-9]))?$/;

/** A year or 'YYYY-MM(-DD)' as a fractional year (dates.ts), or an issue. */
function yearOrDate(value: number | string, path: string[], issues: ValidationIssue[]): number {
  if (typeof value === 'number') return fractionalYear(value);
  const m = DATE.exec(value);
  const month = m ? Number(m[2]) : 0;
  const day = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || month < 1 || month > 12 || (day !== undefined && (day < 1 || day > daysInMonth(Number(m[1]), month)))) {
    issues.push({ path, message: `expected a year such as 2024 or a date such as '2024-06-30', got '${value}'` });
    return Number.NaN;
  }
  return fractionalYear(Number(m[1]), month, day);
}

/** A delay as written → a distribution in years, checked to be valid and never negative. */
function delayOf(spec: DelayYearsSpec, path: string[], issues: ValidationIssue[]): Distribution | undefined {
  let dist: Distribution;
  if (typeof spec === 'number') dist = { kind: 'constant', value: spec };
  else if ('triangular' in spec) dist = { kind: 'triangular', ...spec.triangular };
  else if ('pert' in spec) dist = { kind: 'pert', ...spec.pert };
  else if ('uniform' in spec) dist = { kind: 'uniform', ...spec.uniform };
  else if ('lognormal' in spec) dist = { kind: 'lognormal', ...spec.lognormal };
  else {
    if (spec.discrete.values.length !== spec.discrete.weights.length) {
      issues.push({ path: [...path, 'discrete', 'weights'], message: `expected one weight per value (${spec.discrete.values.length}), got ${spec.discrete.weights.length}` });
      return undefined;
    }
    dist = { kind: 'discrete', values: spec.discrete.values, weights: spec.discrete.weights };
  }
  try {
    validateDistribution(dist);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    issues.push({ path: [...path, dist.kind], message: `invalid ${dist.kind} delay: ${e.message.replace(/^[a-zA-Z]+: /, '')}` });
    return undefined;
  }
  if (support(dist).lower < 0) {
    issues.push({ path, message: 'expected a non-negative delay: a project can slip, not come early' });
    return undefined;
  }
  return dist;
}

function quantity(value: unknown, dim: Dimension, path: string[], issues: ValidationIssue[]): number {
  try {
    return parseQuantity(value, dim);
  } catch (e) {
    if (!(e instanceof QuantityError)) throw e;
    issues.push({ path, message: e.message });
    return Number.NaN;
  }
}

function probability(value: unknown, path: string[], issues: ValidationIssue[]): number {
  const x = quantity(value, 'fraction', path, issues);
  if (x < 0 || x > 1) issues.push({ path, message: `expected a probability between 0 % and 100 %, got '${String(value)}'` });
  return x;
}

/** Full-load hours of a project's wind chain (windChainFullLoadHours with the scenario's folder and reader), or its problems. */
export type WindYield = (spec: WindChainSpec, at: string[]) => { fullLoadHours?: number; issues: ReadonlyArray<{ path: string[]; message: string }> };

/** The wind-chain fields a project's yield may carry (ProjectYieldSchema less fullLoadHours). */
const WIND_CHAIN_KEYS = Object.keys(WindChainFields) as Array<keyof WindChainSpec>;
const WIND_TECHNOLOGIES: readonly Technology[] = ['wind-onshore', 'wind-offshore'];
/** Most hours a year has (leap year). */
const HOURS_IN_LEAP_YEAR = 8784;

/**
 * A project's full-load hours from its `yield`: the hours as given, or for a wind project the wind chain
 * (windYield); undefined, with the problem in `issues` by field, when it cannot be had.
 */
function projectFullLoadHours(y: NonNullable<ProjectSpec['yield']>, technology: Technology, at: string[], issues: ValidationIssue[], windYield: WindYield | undefined): number | undefined {
  const chainKeys = WIND_CHAIN_KEYS.filter((k) => y[k] !== undefined);
  if (technology === 'storage') {
    issues.push({ path: at, message: 'storage generates no energy of its own: remove its yield' });
    return undefined;
  }
  if (chainKeys.length > 0) {
    if (y.fullLoadHours !== undefined) {
      issues.push({ path: [...at, 'fullLoadHours'], message: `give either 'fullLoadHours' or the wind chain (${chainKeys.join(', ')}), not both` });
      return undefined;
    }
    if (!WIND_TECHNOLOGIES.includes(technology)) {
      issues.push({ path: [...at, chainKeys[0]!], message: `the wind chain gives the yield of ${WIND_TECHNOLOGIES.join(' and ')} projects; a ${technology} project takes 'fullLoadHours'` });
      return undefined;
    }
    if (windYield === undefined) {
      issues.push({ path: at, message: 'the wind chain needs the scenario file (its weather file is read relative to it)' });
      return undefined;
    }
    const { fullLoadHours, issues: found } = windYield(y, at);
    for (const i of found) issues.push({ path: i.path, message: i.message });
    if (fullLoadHours === undefined) return undefined;
    if (!(fullLoadHours > 0)) {
      issues.push({ path: at, message: 'the wind chain gives 0 full-load hours: the hub wind never reaches the power curve (check hubHeight, the weather file and the turbine)' });
      return undefined;
    }
    return fullLoadHours;
  }
  if (y.fullLoadHours === undefined) {
    issues.push({ path: at, message: "expected 'fullLoadHours' (e.g. '1135 h') or, for a wind project, the wind chain (turbine, hubHeight, weather; docs/wind.md)" });
    return undefined;
  }
  const hours = quantity(y.fullLoadHours, 'duration', [...at, 'fullLoadHours'], issues);
  if (!(hours > 0 && hours <= HOURS_IN_LEAP_YEAR)) issues.push({ path: [...at, 'fullLoadHours'], message: `expected hours per year above 0 and at most ${HOURS_IN_LEAP_YEAR} h, got '${y.fullLoadHours}'` });
  return hours;
}

/**
 * Resolves the portfolio sections of a structurally valid scenario. `baseYear` and `years` come from the
 * aggregate plan (capacity.baseline.year, years.start/end); `baselineMW` says whether the plan has PV to count.
 */
export function resolvePortfolioSections(s: Scenario, baseYear: number, baselineMW: number, windYield?: WindYield): PortfolioSections {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const stageAssumptions = { ...DEFAULT_STAGE_ASSUMPTIONS } as Record<Stage, StageAssumption>;
  const written = s.pipeline?.stages as Partial<Record<Stage, { completionProbability?: string; delayYears?: DelayYearsSpec }>> | undefined;
  for (const stage of STAGES) {
    const o = written?.[stage];
    if (!o) continue;
    const path = ['pipeline', 'stages', stage];
    const p = o.completionProbability === undefined ? stageAssumptions[stage].completionProbabilityFrac : probability(o.completionProbability, [...path, 'completionProbability'], issues);
    const d = o.delayYears === undefined ? stageAssumptions[stage].delayYears : delayOf(o.delayYears, [...path, 'delayYears'], issues);
    if (stage === 'cancelled' && o.completionProbability !== undefined && p !== 0) issues.push({ path: [...path, 'completionProbability'], message: `a cancelled project is never built: expected 0 %, got '${o.completionProbability}'` });
    stageAssumptions[stage] = { completionProbabilityFrac: p, delayYears: d ?? stageAssumptions[stage].delayYears };
  }

  const seen = new Map<string, number>();
  const projects: Project[] = [];
  (s.projects ?? []).forEach((w, i) => {
    const path = ['projects', String(i)];
    const before = issues.length;
    const first = seen.get(w.id);
    if (first !== undefined) issues.push({ path: [...path, 'id'], message: `duplicate project id '${w.id}' (also projects.${first}); ids must be unique` });
    else seen.set(w.id, i);
    const capacityMW = quantity(w.capacity, 'power', [...path, 'capacity'], issues);
    if (capacityMW < 0) issues.push({ path: [...path, 'capacity'], message: `expected a non-negative power, got '${w.capacity}'` });
    let energyMWh: number | undefined;
    if (w.energy !== undefined) {
      energyMWh = quantity(w.energy, 'energy', [...path, 'energy'], issues);
      if (w.technology !== 'storage') issues.push({ path: [...path, 'energy'], message: `'energy' is the energy capacity of storage; a ${w.technology} project has only 'capacity'` });
      else if (energyMWh < 0) issues.push({ path: [...path, 'energy'], message: `expected a non-negative energy, got '${w.energy}'` });
    } else if (w.technology === 'storage') issues.push({ path: [...path, 'energy'], message: "missing required field 'energy' for storage (its energy capacity, e.g. '400 MWh')" });
    const constructionStartYear = yearOrDate(w.constructionStart, [...path, 'constructionStart'], issues);
    const commissioningYear = yearOrDate(w.commissioning, [...path, 'commissioning'], issues);
    if (commissioningYear < constructionStartYear) {
      issues.push({ path: [...path, 'commissioning'], message: `expected commissioning (${String(w.commissioning)}) not before the construction start (${String(w.constructionStart)})` });
    }
    if (Math.floor(commissioningYear) < baseYear && w.stage !== 'cancelled') {
      warnings.push({ path: [...path, 'commissioning'], message: `project '${w.id}' is commissioned before the baseline year ${baseYear}: it is probably in the baseline already (counted twice)` });
    }
    const investmentYuan = w.investment === undefined ? 0 : quantity(w.investment, 'money', [...path, 'investment'], issues);
    if (investmentYuan < 0) issues.push({ path: [...path, 'investment'], message: `expected a non-negative amount, got '${w.investment}'` });
    const stage = stageAssumptions[w.stage];
    let completionProbabilityFrac = w.completionProbability === undefined ? stage.completionProbabilityFrac : probability(w.completionProbability, [...path, 'completionProbability'], issues);
    if (w.stage === 'cancelled') completionProbabilityFrac = 0;
    const delayYears = w.delayYears === undefined ? stage.delayYears : delayOf(w.delayYears, [...path, 'delayYears'], issues);
    const tech = TECHNOLOGY_DEFAULTS[w.technology];
    let fullLoadHours = tech.fullLoadHours;
    if (w.yield) fullLoadHours = projectFullLoadHours(w.yield, w.technology, [...path, 'yield'], issues, windYield) ?? fullLoadHours;
    if (issues.length > before || delayYears === undefined) return;
    projects.push({
      id: w.id,
      name: w.name ?? w.id,
      technology: w.technology,
      capacityMW,
      ...(energyMWh === undefined ? {} : { energyMWh }),
      stage: w.stage,
      constructionStartYear,
      commissioningYear,
      investmentYuan,
      completionProbabilityFrac,
      delayYears,
      fullLoadHours,
      ...(w.location === undefined ? {} : { location: w.location }),
      ...(w.owner === undefined ? {} : { owner: w.owner }),
      ...(w.source === undefined ? {} : { source: w.source }),
    });
  });

  const present = new Set<Technology>((s.projects ?? []).map((p) => p.technology));
  const targets: PortfolioTarget[] = [];
  const { start, end } = s.years;
  (s.targets ?? []).forEach((t, i) => {
    const path = ['targets', String(i)];
    const energyTarget = t.energy !== undefined;
    if (t.capacity !== undefined && energyTarget) issues.push({ path: [...path, 'energy'], message: "give either 'capacity' (a power, e.g. '450万千瓦') or 'energy' (energy a year, e.g. '1.135亿 kWh'), not both: make two targets to track both" });
    if (t.capacity === undefined && !energyTarget) issues.push({ path, message: "expected 'capacity' (a power, e.g. '450万千瓦') or 'energy' (energy a year, e.g. '1.135亿 kWh')" });
    const capacityMW = t.capacity === undefined ? Number.NaN : quantity(t.capacity, 'power', [...path, 'capacity'], issues);
    if (capacityMW < 0) issues.push({ path: [...path, 'capacity'], message: `expected a non-negative power, got '${t.capacity}'` });
    const energyMWh = energyTarget ? quantity(t.energy, 'energy', [...path, 'energy'], issues) : Number.NaN;
    if (energyMWh < 0) issues.push({ path: [...path, 'energy'], message: `expected a non-negative energy a year, got '${t.energy}'` });
    if (energyTarget && t.counts === 'built-plus-under-construction') {
      issues.push({ path: [...path, 'counts'], message: "an energy target counts 'operating' plants only: a plant under construction produces no energy (remove 'counts', or set it to 'operating')" });
    }
    if (t.year < start || t.year > end) issues.push({ path: [...path, 'year'], message: `expected a year between years.start ${start} and years.end ${end}, got ${t.year}` });
    const countsPv = t.technologies.some((x) => PV_TECHNOLOGIES.includes(x));
    const includeUnnamed = t.includeUnnamed ?? countsPv;
    t.technologies.forEach((tech, j) => {
      const hasIt = present.has(tech) || (includeUnnamed && baselineMW > 0 && PV_TECHNOLOGIES.includes(tech));
      if (!hasIt) issues.push({ path: [...path, 'technologies', String(j)], message: `the target counts '${tech}', but no project${TECHNOLOGY_DEFAULTS[tech].isPv ? ' and no baseline' : ''} has it (technologies present: ${[...present].join(', ') || 'none'}${baselineMW > 0 ? '; the baseline is PV' : ''})` });
      if (tech === 'storage') issues.push({ path: [...path, 'technologies', String(j)], message: energyTarget ? 'storage produces no energy of its own: an energy target cannot count it (remove it)' : 'storage counts toward no generation target: remove it' });
    });
    if (includeUnnamed && !countsPv) issues.push({ path: [...path, 'includeUnnamed'], message: 'the unnamed capacity (baseline + growth) is PV: a target counting no PV technology cannot include it' });
    const base = { name: t.name ?? `${t.technologies.join(' + ')} ${t.year}${energyTarget ? ' energy' : ''}`, technologies: t.technologies, year: t.year, includeUnnamed };
    targets.push(energyTarget ? { ...base, kind: 'energy', counts: 'operating', energyMWh } : { ...base, kind: 'capacity', counts: t.counts ?? 'built-plus-under-construction', capacityMW });
  });
  // Today's single capacity target is a target on all PV, built + under construction, counting the baseline.
  if (targets.length === 0 && s.capacity.target?.capacity !== undefined) {
    const capacityMW = quantity(s.capacity.target.capacity, 'power', ['capacity', 'target', 'capacity'], issues);
    targets.push({ kind: 'capacity', name: `PV ${s.capacity.target.year}`, technologies: PV_TECHNOLOGIES, year: s.capacity.target.year, counts: 'built-plus-under-construction', capacityMW, includeUnnamed: true });
  }

  let signedInvestmentYuan: number | undefined;
  if (s.pipeline?.signedInvestment !== undefined) signedInvestmentYuan = quantity(s.pipeline.signedInvestment, 'money', ['pipeline', 'signedInvestment'], issues);
  const correlation = s.pipeline?.correlation;
  return { projects, targets, stageAssumptions, ...(signedInvestmentYuan === undefined ? {} : { signedInvestmentYuan }), ...(correlation ? { correlation } : {}), issues, warnings };
}


/** Whether a written scenario has a portfolio: named projects or targets by technology. */
export function hasPortfolio(s: Scenario): boolean {
  return (s.projects?.length ?? 0) > 0 || (s.targets?.length ?? 0) > 0;
}

/** The baseline capacity as written, MW (0 when it does not parse: resolving the plan reports that). */
export function writtenBaselineMW(s: Scenario): number {
  try {
    const mw = parseQuantity(s.capacity.baseline.capacity, 'power');
    return Number.isNaN(mw) ? 0 : mw;
  } catch {
    return 0;
  }
}
