/**
 * The Monte Carlo of a scenario with projects (src/mc/portfolio.ts): projects drawn with the plan's uncertain
 * inputs. The mean of the total capacity converges to the unnamed mean plus the risk-weighted named path; a
 * target nothing can reach is never met, one the unnamed plan alone reaches always is; same seed, same report.
 */
import { describe, expect, it } from 'vitest';
import { runPortfolioMonteCarlo } from '../../src/mc/portfolio.ts';
import { runReport } from '../../src/report/run.ts';
import { scenarioFromText } from './scenarios.ts';

const YAML = `
extends: wendeng-2025-uncertain.yaml
name: uncertain plan with projects
targets:
  - { name: unreachable, technologies: [pv-utility], capacity: 100 GW, year: 2025 }
  - { name: trivial, technologies: [pv-utility], capacity: 1 MW, year: 2025 }
  - { name: wind, technologies: [wind-onshore], capacity: 150 MW, year: 2027, counts: operating }
pipeline:
  correlation: { by: owner, rank: 0.6 }
projects:
  - { id: a, technology: pv-utility, capacity: 120 MW, stage: signed, constructionStart: 2023, commissioning: 2024, owner: X }
  - { id: b, technology: pv-utility, capacity: 80 MW, stage: approved, constructionStart: 2023-06, commissioning: 2024-06, owner: X }
  - { id: c, technology: wind-onshore, capacity: 100 MW, stage: prospect, constructionStart: 2024, commissioning: 2025 }
  - { id: d, technology: wind-onshore, capacity: 60 MW, stage: under-construction, constructionStart: 2023, commissioning: 2024-03, completionProbability: 90 % }
  - { id: e, technology: storage, capacity: 50 MW, energy: 100 MWh, stage: signed, constructionStart: 2024, commissioning: 2025 }
`;

describe('mc with projects', () => {
  const resolved = scenarioFromText(YAML, 'mc-portfolio');

  it('the mean total capacity converges to the unnamed mean + the risk-weighted named path', async () => {
    const draws = 20000;
    const report = await runPortfolioMonteCarlo(resolved, { draws, seed: 7, threads: 1 });
    const run = runReport(resolved);
    const p = report.portfolio!;
    expect(p.years.length).toBe(report.years.length);
    // The named generation in a draw lies in [0, 360 MW]; its sd is at most 180 MW whatever the correlation, so the
    // mean of 20 000 draws is within 4·180/√20000 ≈ 5.1 MW of its expectation but for a 6e-5 chance.
    const tol = (4 * 180) / Math.sqrt(draws);
    p.years.forEach((y, i) => {
      const namedMean = y.capacityMW.mean - report.years[i]!.capacityMW.mean;
      const expected = run.portfolio!.years[i]!.expected.named.capacityMW;
      expect(Math.abs(namedMean - expected)).toBeLessThan(tol);
      const namedOperating = y.operatingMW.mean - report.years[i]!.operatingMW.mean;
      expect(Math.abs(namedOperating - run.portfolio!.years[i]!.expected.named.operatingMW)).toBeLessThan(tol);
    });
  });

  it('reports each target: an unreachable one never met, a trivial one always, the year-first-met shares sum to 1', async () => {
    const report = await runPortfolioMonteCarlo(resolved, { draws: 2000, seed: 1, threads: 1 });
    const [unreachable, trivial, wind] = report.portfolio!.targets;
    expect(unreachable!.probabilityMet).toBe(0);
    expect(unreachable!.yearMetDistribution).toEqual([{ year: null, draws: 2000, probability: 1 }]);
    expect(trivial!.probabilityMet).toBe(1);
    expect(wind!.counts).toBe('operating');
    expect(wind!.probabilityMet).toBeGreaterThan(0);
    expect(wind!.probabilityMet).toBeLessThan(1);
    expect(wind!.yearMetDistribution.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic by seed, and a scenario without projects has no portfolio part', async () => {
    const a = await runPortfolioMonteCarlo(resolved, { draws: 3000, seed: 5, threads: 1 });
    const b = await runPortfolioMonteCarlo(resolved, { draws: 3000, seed: 5, threads: 1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const plain = await runPortfolioMonteCarlo(scenarioFromText('extends: wendeng-2025-uncertain.yaml\nname: plain\n', 'mc-plain'), { draws: 500, seed: 5, threads: 1 });
    expect(plain.portfolio).toBeUndefined();
  });
});
