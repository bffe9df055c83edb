/**
 * The portfolio of named projects (issue 12): technologies, pipeline stages, projects and targets, in internal
 * units (MW, MWh, yuan, years as fractional calendar years, fractions 0–1). The scenario layer builds these from
 * the written `projects:`, `pipeline:` and `targets:` sections; docs/portfolio.md describes the model.
 */
import type { Distribution } from '../uncertainty/distributions.ts';

/** Technologies a project can have. */
export type Technology = 'pv-utility' | 'pv-distributed' | 'pv-offshore' | 'wind-onshore' | 'wind-offshore' | 'storage';
export const TECHNOLOGIES: readonly Technology[] = ['pv-utility', 'pv-distributed', 'pv-offshore', 'wind-onshore', 'wind-offshore', 'storage'];

/** Pipeline stages in order of maturity, then `cancelled`: 在谈, 签约, 核准/备案, 在建, 在运, 取消. */
export type Stage = 'prospect' | 'signed' | 'approved' | 'under-construction' | 'operating' | 'cancelled';
export const STAGES: readonly Stage[] = ['prospect', 'signed', 'approved', 'under-construction', 'operating', 'cancelled'];

/**
 * Which date makes a project count: `built-plus-under-construction` (the article's 在建+在运) counts it from its
 * construction start, `operating` (在运) from its commissioning.
 */
export type CountedMetric = 'built-plus-under-construction' | 'operating';
export const COUNTED_METRICS: readonly CountedMetric[] = ['built-plus-under-construction', 'operating'];

/** Completion probability and delay assumed for a stage unless a project gives its own. */
export interface StageAssumption {
  /** Probability the project is ever built, 0–1. */
  readonly completionProbabilityFrac: number;
  /** Slip of both planned dates, years (non-negative). */
  readonly delayYears: Distribution;
}

/** One named project, resolved: every default filled. */
export interface Project {
  readonly id: string;
  readonly name: string;
  readonly technology: Technology;
  /** Rated power, MW (AC for PV as planners quote it). */
  readonly capacityMW: number;
  /** Storage only: energy capacity, MWh. */
  readonly energyMWh?: number;
  readonly stage: Stage;
  /** Planned construction start as a fractional calendar year (see dates.ts for the convention). */
  readonly constructionStartYear: number;
  /** Planned commissioning (start of operation) as a fractional calendar year. */
  readonly commissioningYear: number;
  /** Total investment, yuan (0 when not known). */
  readonly investmentYuan: number;
  /** Probability the project is built, 0–1 (0 for a cancelled project). */
  readonly completionProbabilityFrac: number;
  /** Slip of both dates, years, non-negative. */
  readonly delayYears: Distribution;
  /** Full-load hours a year of a new plant, h (= kWh/kW/yr); 0 for storage. */
  readonly fullLoadHours: number;
  readonly location?: string;
  readonly owner?: string;
  readonly source?: string;
}

/** How a target is named in reports: its kind, name, the technologies it counts, what it counts and its year. */
export interface TargetIdentity {
  readonly kind: 'capacity' | 'energy';
  readonly name: string;
  readonly technologies: readonly Technology[];
  readonly counts: CountedMetric;
  readonly year: number;
}

/** What every target has: the technologies it counts, its year, what it counts and whether the unnamed path counts. */
interface TargetBase {
  readonly name: string;
  readonly technologies: readonly Technology[];
  readonly year: number;
  readonly counts: CountedMetric;
  /** Whether the unnamed (aggregate plan) capacity, or its energy, counts toward it. */
  readonly includeUnnamed: boolean;
}

/** A capacity target on the sum of some technologies, in one year. */
export interface PortfolioCapacityTarget extends TargetBase {
  readonly kind: 'capacity';
  /** Capacity to reach, MW. */
  readonly capacityMW: number;
}

/**
 * An energy target: the energy the counted technologies produce in the target year. Energy comes from operating
 * plants only, so it always counts `operating`.
 */
export interface PortfolioEnergyTarget extends TargetBase {
  readonly kind: 'energy';
  readonly counts: 'operating';
  /** Energy to produce in the target year, MWh. */
  readonly energyMWh: number;
}

/** A target on the sum of some technologies, in one year: a capacity or an energy. */
export type PortfolioTarget = PortfolioCapacityTarget | PortfolioEnergyTarget;

/** Capacity outside the named list (the aggregate plan: baseline + growth model), MW by year. */
export interface UnnamedPath {
  /** Years covered: firstYear … firstYear + length − 1. */
  readonly firstYear: number;
  /** Base year of the plan: the capacity of that year is "today". */
  readonly baseYear: number;
  /** Built + under construction at the end of each year, MW. */
  readonly capacityMW: readonly number[];
  /** Operating at the end of each year, MW. */
  readonly operatingMW: readonly number[];
  /** Energy of each year, MWh: the aggregate plan's own (cohorts.ts), as `run` reports it. */
  readonly energyMWh: readonly number[];
}

/** How project draws are correlated in the Monte Carlo: by stage or by owner, with one Spearman rank within each group. */
export interface PortfolioCorrelation {
  readonly by: 'stage' | 'owner';
  /** Spearman rank correlation, 0–1, between the completion (and the delay) draws of two projects of one group. */
  readonly rank: number;
}

/** Everything the portfolio functions need. */
export interface Portfolio {
  readonly projects: readonly Project[];
  readonly targets: readonly PortfolioTarget[];
  readonly unnamed: UnnamedPath;
  /** Reported years: startYear … endYear. */
  readonly startYear: number;
  readonly endYear: number;
  /** Amount signed (e.g. at a signing ceremony) to compare investment with, yuan. */
  readonly signedInvestmentYuan?: number;
  readonly correlation?: PortfolioCorrelation;
}

/** Names of the stages and technologies in English and Chinese, for reports and the page (GET /api/scenarios/:id/portfolio serves them). */
export const STAGE_LABELS: Readonly<Record<Stage, { readonly en: string; readonly zh: string }>> = {
  prospect: { en: 'prospect', zh: '在谈' },
  signed: { en: 'signed', zh: '签约' },
  approved: { en: 'approved', zh: '核准/备案' },
  'under-construction': { en: 'under construction', zh: '在建' },
  operating: { en: 'operating', zh: '在运' },
  cancelled: { en: 'cancelled', zh: '取消' },
};
export const TECHNOLOGY_LABELS: Readonly<Record<Technology, { readonly en: string; readonly zh: string }>> = {
  'pv-utility': { en: 'utility PV', zh: '集中式光伏' },
  'pv-distributed': { en: 'rooftop PV', zh: '分布式光伏' },
  'pv-offshore': { en: 'offshore PV', zh: '海上光伏' },
  'wind-onshore': { en: 'onshore wind', zh: '陆上风电' },
  'wind-offshore': { en: 'offshore wind', zh: '海上风电' },
  storage: { en: 'storage', zh: '储能' },
};
