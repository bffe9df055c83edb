/**
 * The Monte Carlo of a scenario with projects: the plan's uncertain inputs drawn by runMonteCarlo (run.ts), and in
 * the same draws each project's completion and delay (core/portfolio/monte-carlo.ts) on top of that draw's unnamed
 * path. Draw d of the projects uses the same seed and draw index as draw d of the inputs, from streams above the
 * inputs' (PORTFOLIO_STREAM_BASE), so the two are independent and the run is deterministic by seed whatever the
 * thread count. The report adds `portfolio` to the Monte Carlo report (docs/portfolio.md).
 */
import { PORTFOLIO_STREAM_BASE, simulatePortfolioDraws } from '../core/portfolio/monte-carlo.ts';
import type { McReport } from '../report/mc.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { McOptionError, runMonteCarlo, type MonteCarloOptions } from './run.ts';

/** Most draws of a Monte Carlo with projects: every draw's path of every target is kept (draws × years × targets values). */
export const MAX_PORTFOLIO_DRAWS = 1_000_000;

/**
 * runMonteCarlo, plus for a scenario with projects the portfolio drawn with it (undefined `portfolio` otherwise).
 * @example const report = await runPortfolioMonteCarlo(loadScenario('scenarios/wendeng-portfolio.yaml'), { draws: 10000, seed: 42 });
 */
export async function runPortfolioMonteCarlo(resolved: ResolvedScenario, options: MonteCarloOptions): Promise<McReport> {
  const resolvedPortfolio = resolved.portfolio;
  if (!resolvedPortfolio) return runMonteCarlo(resolved, options);
  const { draws, seed } = options;
  if (draws > MAX_PORTFOLIO_DRAWS) throw new McOptionError(`draws must be at most ${MAX_PORTFOLIO_DRAWS.toLocaleString('en')} for a scenario with projects, got ${draws}`);
  const portfolio = resolvedPortfolio.portfolio;
  const nYears = portfolio.endYear - portfolio.startYear + 1;
  const capacityMW = new Float64Array(draws * nYears);
  const operatingMW = new Float64Array(draws * nYears);
  const energyMWh = new Float64Array(draws * nYears);
  const report = await runMonteCarlo(resolved, {
    ...options,
    onColumn: (column, values) => {
      const into = column.metric === 'capacityMW' ? capacityMW : column.metric === 'operatingMW' ? operatingMW : column.metric === 'energyMWh' ? energyMWh : undefined;
      if (into) for (let d = 0; d < draws; d++) into[d * nYears + column.yearIndex] = values[d]!;
      options.onColumn?.(column, values);
    },
  });
  const mc = simulatePortfolioDraws(portfolio, { seed, draws, streamBase: PORTFOLIO_STREAM_BASE, unnamedByDraw: { capacityMW, operatingMW, energyMWh }, yearStats: true });
  return {
    ...report,
    portfolio: {
      years: mc.years.map((year, y) => ({ year, capacityMW: mc.capacityStatsMW![y]!, operatingMW: mc.operatingStatsMW![y]! })),
      targets: mc.targets.map((t) => ({
        kind: t.target.kind,
        name: t.target.name,
        technologies: t.target.technologies,
        counts: t.target.counts,
        year: t.target.year,
        ...(t.target.kind === 'energy' ? { energyMWh: t.target.energyMWh } : { capacityMW: t.target.capacityMW }),
        probabilityMet: t.distribution.probabilityMet,
        yearMetDistribution: t.distribution.yearMetDistribution,
        ...(t.capacityInTargetYearMW ? { capacityInTargetYearMW: t.capacityInTargetYearMW } : {}),
        ...(t.energyInTargetYearMWh ? { energyInTargetYearMWh: t.energyInTargetYearMWh } : {}),
      })),
    },
  };
}
