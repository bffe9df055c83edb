/**
 * The page's portfolio view (GET /api/scenarios/:id/portfolio and POST /api/portfolio): the pipeline report
 * (docs/portfolio.md) with each project's dates as decimal years for the timeline, a Monte Carlo of completion and
 * delay for P(target met), and the names of stages and technologies in both languages.
 */
import { STAGE_LABELS, STAGES, TECHNOLOGIES, TECHNOLOGY_LABELS, type Stage, type Technology } from '../core/portfolio/types.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { portfolioOf } from '../scenario/projects.ts';
import { pipelineReport, type PipelineProjectRow, type PipelineReport } from './pipeline.ts';

/** Draws of the page's Monte Carlo: P(target met) to about ±1 percentage point (binomial sd ≤ 0.5/√2000 ≈ 1.1 %). */
export const VIEW_DRAWS = 2000;
export const VIEW_SEED = 42;

export interface PortfolioViewProject extends PipelineProjectRow {
  /** Planned construction start and commissioning as decimal years (a period's midpoint, dates.ts): the timeline's bar. */
  readonly constructionStartDecimalYear: number;
  readonly commissioningDecimalYear: number;
}

export interface PortfolioView extends Omit<PipelineReport, 'projects'> {
  readonly projects: readonly PortfolioViewProject[];
  readonly stages: readonly Stage[];
  readonly technologies: readonly Technology[];
  readonly labels: {
    readonly stages: Readonly<Record<Stage, { readonly en: string; readonly zh: string }>>;
    readonly technologies: Readonly<Record<Technology, { readonly en: string; readonly zh: string }>>;
  };
}

/** The view of a resolved scenario (with or without projects). */
export function portfolioView(resolved: ResolvedScenario): PortfolioView {
  const loaded = portfolioOf(resolved);
  const report = pipelineReport(loaded, { draws: VIEW_DRAWS, seed: VIEW_SEED });
  const byId = new Map(loaded.portfolio.projects.map((p) => [p.id, p]));
  return {
    ...report,
    projects: report.projects.map((row) => {
      const p = byId.get(row.id)!;
      return { ...row, constructionStartDecimalYear: p.constructionStartYear, commissioningDecimalYear: p.commissioningYear };
    }),
    stages: STAGES,
    technologies: TECHNOLOGIES,
    labels: { stages: STAGE_LABELS, technologies: TECHNOLOGY_LABELS },
  };
}
