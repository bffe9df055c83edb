/**
 * A portfolio's yearly paths for `pvplan run`: capacity (built + under construction), operating capacity, energy,
 * coal and CO2, planned and risk-weighted, by technology and in total (unnamed plan + named generation).
 *
 * Capacity and operating capacity are the pipeline's (paths.ts, countedShare): end-of-year stock counted from the delayed date,
 * retirement not applied. Energy follows each project as one cohort (cohorts.ts): commissioned at c + D, it produces
 *   E_y = P · h · f_op(y; c + D, L) · (1 − d)^age(y; c + D)
 * with h its full-load hours, d and L its technology's degradation and lifetime (technologies.ts), f_op the part of
 * year y inside [c + D, c + D + L) and age the completed years of operation at the start of y. The full-load hours of
 * the technology registry are net utilisation hours (NEA statistics), so neither availability nor curtailment is
 * applied again. Coal and CO2 avoided are energy × the scenario's factor of the year (emissions.ts).
 *
 * Risk-weighted energy is the expectation p · E_D[E_y(c + D)]: exact for a fixed or discrete delay (a sum over its
 * values), and for a continuous delay the midpoint rule in probability, (1/K) Σ E_y(c + Q((k + ½)/K)), with Q the
 * delay's quantile function and K = DELAY_QUADRATURE_NODES.
 */
import { completedOperatingYears, degradationFactor, operatingFractionOfYear } from '../plan/cohorts.ts';
import { avoidedTonnes } from '../plan/emissions.ts';
import { quantile, type Distribution } from '../uncertainty/distributions.ts';
import { countedShare } from './paths.ts';
import { generatesEnergy, TECHNOLOGY_DEFAULTS } from './technologies.ts';
import type { Portfolio, Project, Technology } from './types.ts';
import { TECHNOLOGIES } from './types.ts';

/** Quantile nodes of a continuous delay in the risk-weighted energy: the midpoint rule errs by at most of order h² = 1/1024 (0.1 %) of a year's energy near a kink (a year boundary or the end of life), h = 1/32. */
export const DELAY_QUADRATURE_NODES = 32;

/** The five quantities of a path in one year, in internal units. */
export interface PathMetrics {
  readonly capacityMW: number;
  readonly operatingMW: number;
  readonly energyMWh: number;
  readonly coalTonnes: number;
  readonly co2Tonnes: number;
}

/** A year's paths of one kind (planned or risk-weighted). */
export interface PathSet {
  /** Unnamed plan + named generation (storage left out, as in every generation total). */
  readonly total: PathMetrics;
  /** Named projects' generation alone. */
  readonly named: PathMetrics;
  /** The aggregate plan (the same in both kinds). */
  readonly unnamed: PathMetrics;
  /** Named projects of each technology present in the list (storage: capacity only, no energy). */
  readonly byTechnology: Readonly<Partial<Record<Technology, PathMetrics>>>;
}

export interface RunPathYear {
  readonly year: number;
  readonly planned: PathSet;
  readonly expected: PathSet;
}

/** What the unnamed plan gives in a year (a run's year row has these fields). */
export interface UnnamedYear {
  readonly year: number;
  readonly capacityMW: number;
  readonly operatingMW: number;
  readonly energyMWh: number;
  readonly coalTonnes: number;
  readonly co2Tonnes: number;
}

/** Factors of avoided mass by year, t/MWh. */
export interface AvoidedFactors {
  readonly coalTonnesPerMWh: (year: number) => number;
  readonly co2TonnesPerMWh: (year: number) => number;
}

/**
 * Energy of a project in calendar year `year` when it starts operating at `commissionedAtYear` (fractional year):
 * P · h · f_op · (1 − d)^age, MWh (0 for storage). Cohort bookkeeping of cohorts.ts, compounding degradation.
 * @example projectEnergyMWh({ capacityMW: 100, fullLoadHours: 1135, technology: 'pv-utility' }, 2025, 2024.5) // 100·1135·0.995
 */
export function projectEnergyMWh(project: Pick<Project, 'capacityMW' | 'fullLoadHours' | 'technology'>, year: number, commissionedAtYear: number): number {
  const tech = TECHNOLOGY_DEFAULTS[project.technology];
  if (!tech.generates) return 0;
  const fOp = operatingFractionOfYear(year, commissionedAtYear, tech.lifetimeYears);
  if (fOp === 0) return 0;
  return project.capacityMW * project.fullLoadHours * fOp * degradationFactor(completedOperatingYears(year, commissionedAtYear), 0, tech.annualDegradationFrac, 'compounding');
}

/**
 * Nodes and weights of E[f(D)] for a delay: its one value (constant), its values with normalised weights
 * (discrete), else K quantile midpoints Q((k + ½)/K) of weight 1/K.
 */
export function delayNodes(delay: Distribution, nodes: number = DELAY_QUADRATURE_NODES): { readonly values: Float64Array; readonly weights: Float64Array } {
  if (delay.kind === 'constant') return { values: Float64Array.of(delay.value), weights: Float64Array.of(1) };
  if (delay.kind === 'discrete') {
    const total = delay.weights.reduce((a, b) => a + b, 0);
    return { values: Float64Array.from(delay.values), weights: Float64Array.from(delay.weights, (w) => w / total) };
  }
  const values = new Float64Array(nodes);
  for (let k = 0; k < nodes; k++) values[k] = quantile(delay, (k + 0.5) / nodes);
  return { values, weights: new Float64Array(nodes).fill(1 / nodes) };
}

const NODES = new WeakMap<Distribution, ReturnType<typeof delayNodes>>();
/** (1 − d)^age for age 0 … lifetime of each technology: the same Math.pow values, looked up in the inner loop. */
const REMAINING = new Map<Technology, Float64Array>();

function remainingByAge(technology: Technology): Float64Array {
  let table = REMAINING.get(technology);
  if (table === undefined) {
    const { annualDegradationFrac, lifetimeYears } = TECHNOLOGY_DEFAULTS[technology];
    table = new Float64Array(Math.ceil(lifetimeYears) + 2);
    for (let age = 0; age < table.length; age++) table[age] = degradationFactor(age, 0, annualDegradationFrac, 'compounding');
    REMAINING.set(technology, table);
  }
  return table;
}

/**
 * Adds weight · projectEnergyMWh(project, year, c) for the years firstYear … firstYear + years − 1 into
 * out[offset …] (MWh; c the commissioning as a fractional year). The Monte Carlo adds a draw's row this way.
 */
export function addEnergyPath(out: Float64Array, project: Project, firstYear: number, c: number, weight: number, offset = 0, years = out.length - offset): void {
  const lifetime = TECHNOLOGY_DEFAULTS[project.technology].lifetimeYears;
  const remaining = remainingByAge(project.technology);
  const ratedMWh = weight * project.capacityMW * project.fullLoadHours;
  // Nothing before the commissioning year or after the end of life.
  const from = Math.max(0, Math.floor(c) - firstYear);
  const to = Math.min(years, Math.ceil(c + lifetime) - firstYear + 1);
  for (let i = from; i < to; i++) {
    const year = firstYear + i;
    const fOp = operatingFractionOfYear(year, c, lifetime);
    if (fOp === 0) continue;
    const age = completedOperatingYears(year, c);
    out[offset + i]! += ratedMWh * fOp * (age < remaining.length ? remaining[age]! : 0);
  }
}

/**
 * A project's energy by year, MWh, for years firstYear … firstYear + years − 1: planned (on its planned
 * commissioning; 0 when cancelled) or risk-weighted, p · E_D[E_y(c + D)]. Adds into `out` when given.
 */
export function projectEnergyPathMWh(project: Project, firstYear: number, years: number, expected: boolean, out: Float64Array = new Float64Array(years)): Float64Array {
  if (project.stage === 'cancelled' || !generatesEnergy(project.technology)) return out;
  if (!expected) {
    addEnergyPath(out, project, firstYear, project.commissioningYear, 1);
    return out;
  }
  const p = project.completionProbabilityFrac;
  if (p === 0) return out;
  let nodes = NODES.get(project.delayYears);
  if (nodes === undefined) NODES.set(project.delayYears, (nodes = delayNodes(project.delayYears)));
  for (let k = 0; k < nodes.values.length; k++) addEnergyPath(out, project, firstYear, project.commissioningYear + nodes.values[k]!, p * nodes.weights[k]!);
  return out;
}

function metrics(capacityMW: number, operatingMW: number, energyMWh: number, year: number, factors: AvoidedFactors): PathMetrics {
  return { capacityMW, operatingMW, energyMWh, coalTonnes: avoidedTonnes(energyMWh, factors.coalTonnesPerMWh(year)), co2Tonnes: avoidedTonnes(energyMWh, factors.co2TonnesPerMWh(year)) };
}

/** Capacity, operating capacity and energy by year: the named generation, and each technology present. */
interface Series {
  readonly capacity: Float64Array;
  readonly operating: Float64Array;
  readonly energy: Float64Array;
}

const newSeries = (n: number): Series => ({ capacity: new Float64Array(n), operating: new Float64Array(n), energy: new Float64Array(n) });

/** Each project's three paths computed once, added to the named total (generation only) and to its technology. */
function seriesOf(projects: readonly Project[], present: readonly Technology[], firstYear: number, years: number, expected: boolean): { named: Series; byTech: Map<Technology, Series> } {
  const named = newSeries(years);
  const byTech = new Map(present.map((t) => [t, newSeries(years)]));
  const energy = new Float64Array(years);
  for (const p of projects) {
    if (p.stage === 'cancelled') continue;
    energy.fill(0);
    projectEnergyPathMWh(p, firstYear, years, expected, energy);
    const tech = byTech.get(p.technology)!;
    const gen = generatesEnergy(p.technology);
    for (let i = 0; i < years; i++) {
      const cap = p.capacityMW * countedShare(p, 'built-plus-under-construction', firstYear + i, expected);
      const op = p.capacityMW * countedShare(p, 'operating', firstYear + i, expected);
      tech.capacity[i]! += cap;
      tech.operating[i]! += op;
      tech.energy[i]! += energy[i]!;
      if (gen) {
        named.capacity[i]! += cap;
        named.operating[i]! += op;
        named.energy[i]! += energy[i]!;
      }
    }
  }
  return { named, byTech };
}

/**
 * The portfolio's paths for each year of `unnamedRows` (the aggregate plan's run rows): planned and risk-weighted,
 * total = unnamed + named generation, and by technology present in the list.
 */
export function portfolioRunPaths(portfolio: Pick<Portfolio, 'projects'>, unnamedRows: readonly UnnamedYear[], factors: AvoidedFactors): RunPathYear[] {
  const n = unnamedRows.length;
  if (n === 0) return [];
  const first = unnamedRows[0]!.year;
  const { projects } = portfolio;
  const present = TECHNOLOGIES.filter((t) => projects.some((p) => p.technology === t));
  const kinds = [false, true].map((expected) => {
    const { named, byTech } = seriesOf(projects, present, first, n, expected);
    return { named, byTech: present.map((tech) => ({ tech, series: byTech.get(tech)! })) };
  });
  return unnamedRows.map((u, i) => {
    const year = u.year;
    // The plan's rows as it computed them; the named part uses the same factors of the year.
    const unnamedAsRun: PathMetrics = { capacityMW: u.capacityMW, operatingMW: u.operatingMW, energyMWh: u.energyMWh, coalTonnes: u.coalTonnes, co2Tonnes: u.co2Tonnes };
    const set = (k: (typeof kinds)[number]): PathSet => {
      const named = metrics(k.named.capacity[i]!, k.named.operating[i]!, k.named.energy[i]!, year, factors);
      const byTechnology: Partial<Record<Technology, PathMetrics>> = {};
      for (const t of k.byTech) byTechnology[t.tech] = metrics(t.series.capacity[i]!, t.series.operating[i]!, t.series.energy[i]!, year, factors);
      return {
        total: {
          capacityMW: unnamedAsRun.capacityMW + named.capacityMW,
          operatingMW: unnamedAsRun.operatingMW + named.operatingMW,
          energyMWh: unnamedAsRun.energyMWh + named.energyMWh,
          coalTonnes: unnamedAsRun.coalTonnes + named.coalTonnes,
          co2Tonnes: unnamedAsRun.co2Tonnes + named.co2Tonnes,
        },
        named,
        unnamed: unnamedAsRun,
        byTechnology,
      };
    };
    return { year, planned: set(kinds[0]!), expected: set(kinds[1]!) };
  });
}
