/**
 * Invariants of the portfolio model (issue 12): the risk-weighted path never exceeds the planned one; a higher
 * probability never lowers expected capacity or P(target met); a later date never raises capacity; with every
 * project cancelled only the unnamed path is left; the Monte Carlo mean converges to the risk-weighted path; and
 * with no delays and independent projects P(target met) equals its exact value by enumeration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineUnnamedAndNamed, portfolioYears } from '../../../src/core/portfolio/paths.ts';
import { simulatePortfolioDraws } from '../../../src/core/portfolio/monte-carlo.ts';
import { COUNTED_METRICS, type Project } from '../../../src/core/portfolio/types.ts';
import { flatUnnamed, NO_DELAY, portfolioOf, project, projectsArb } from './fixtures.ts';

const YEARS = 12;
const FIRST = 2022;
const unnamed = flatUnnamed(1000, YEARS);
const EPS = 1e-9;

describe('portfolio paths', () => {
  it('the risk-weighted path never exceeds the planned one, for either metric', () => {
    fc.assert(
      fc.property(projectsArb(), (projects) => {
        for (const metric of COUNTED_METRICS) {
          const planned = combineUnnamedAndNamed(unnamed, projects, metric, FIRST, YEARS, false);
          const expected = combineUnnamedAndNamed(unnamed, projects, metric, FIRST, YEARS, true);
          for (let i = 0; i < YEARS; i++) expect(expected[i]!).toBeLessThanOrEqual(planned[i]! * (1 + EPS) + EPS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('raising a project\'s completion probability never lowers expected capacity', () => {
    fc.assert(
      fc.property(projectsArb(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (projects, k, raise) => {
        fc.pre(projects.length > 0);
        const i = k % projects.length;
        const before = projects[i]!;
        const after = [...projects];
        after[i] = { ...before, completionProbabilityFrac: before.completionProbabilityFrac + raise * (1 - before.completionProbabilityFrac) };
        for (const metric of COUNTED_METRICS) {
          const a = combineUnnamedAndNamed(unnamed, projects, metric, FIRST, YEARS, true);
          const b = combineUnnamedAndNamed(unnamed, after, metric, FIRST, YEARS, true);
          for (let y = 0; y < YEARS; y++) expect(b[y]!).toBeGreaterThanOrEqual(a[y]! - EPS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moving a project later never raises capacity in any year, planned or expected', () => {
    fc.assert(
      fc.property(projectsArb(), fc.nat(), fc.double({ min: 0, max: 5, noNaN: true }), (projects, k, shift) => {
        fc.pre(projects.length > 0);
        const i = k % projects.length;
        const after = [...projects];
        after[i] = { ...projects[i]!, constructionStartYear: projects[i]!.constructionStartYear + shift, commissioningYear: projects[i]!.commissioningYear + shift };
        for (const metric of COUNTED_METRICS) {
          for (const expected of [false, true]) {
            const a = combineUnnamedAndNamed(unnamed, projects, metric, FIRST, YEARS, expected);
            const b = combineUnnamedAndNamed(unnamed, after, metric, FIRST, YEARS, expected);
            for (let y = 0; y < YEARS; y++) expect(b[y]!).toBeLessThanOrEqual(a[y]! + EPS);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cancelling every project leaves exactly the unnamed path', () => {
    fc.assert(
      fc.property(projectsArb(), (projects) => {
        const cancelled = projects.map((p): Project => ({ ...p, stage: 'cancelled', completionProbabilityFrac: 0 }));
        for (const row of portfolioYears(cancelled, unnamed, FIRST, FIRST + YEARS - 1)) {
          expect(row.plannedCapacityMW).toBe(row.unnamedCapacityMW);
          expect(row.expectedCapacityMW).toBe(row.unnamedCapacityMW);
          expect(row.plannedOperatingMW).toBe(row.unnamedOperatingMW);
          expect(row.expectedOperatingMW).toBe(row.unnamedOperatingMW);
        }
        const mc = simulatePortfolioDraws(portfolioOf(cancelled), { seed: 1, draws: 50 });
        for (let y = 0; y < YEARS; y++) expect(mc.meanCapacityMW[y]).toBe(1000);
      }),
      { numRuns: 100 },
    );
  });
});

describe('portfolio Monte Carlo', () => {
  it('the mean of the draws converges to the risk-weighted path (independent projects: within 5 standard errors)', () => {
    fc.assert(
      fc.property(projectsArb(5), fc.integer({ min: 0, max: 1000 }), (projects, seed) => {
        const draws = 4000;
        const mc = simulatePortfolioDraws(portfolioOf(projects), { seed, draws });
        const rows = portfolioYears(projects, unnamed, FIRST, FIRST + YEARS - 1);
        // Var(Σ cap·Bernoulli) ≤ Σ cap²/4 for independent projects.
        const sdBound = Math.sqrt(projects.reduce((s, p) => s + p.capacityMW ** 2, 0) / 4);
        rows.forEach((r, y) => {
          expect(Math.abs(mc.meanCapacityMW[y]! - r.expectedCapacityMW)).toBeLessThanOrEqual((5 * sdBound) / Math.sqrt(draws) + 1e-6);
          expect(Math.abs(mc.meanOperatingMW[y]! - r.expectedOperatingMW)).toBeLessThanOrEqual((5 * sdBound) / Math.sqrt(draws) + 1e-6);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('with no delays and independent projects, P(target met) matches enumeration over every outcome', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mw: fc.integer({ min: 1, max: 500 }), p: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1500 }),
        (spec, targetAboveMW) => {
          const projects = spec.map((s, i) => project({ id: `p${i}`, capacityMW: s.mw, completionProbabilityFrac: s.p, stage: 'signed', delayYears: NO_DELAY }));
          const target = { kind: 'capacity' as const, name: 't', technologies: ['pv-utility' as const], year: 2026, counts: 'built-plus-under-construction' as const, capacityMW: 1000 + targetAboveMW, includeUnnamed: true };
          let exact = 0;
          for (let mask = 0; mask < 1 << spec.length; mask++) {
            let mw = 1000;
            let prob = 1;
            spec.forEach((s, i) => {
              const built = (mask >> i) & 1;
              mw += built ? s.mw : 0;
              prob *= built ? s.p : 1 - s.p;
            });
            if (mw >= target.capacityMW) exact += prob;
          }
          exact = Math.min(1, Math.max(0, exact));
          const draws = 20000;
          const mc = simulatePortfolioDraws(portfolioOf(projects, { targets: [target] }), { seed: 7, draws });
          const pHat = mc.targets[0]!.distribution.probabilityMet;
          expect(Math.abs(pHat - exact)).toBeLessThanOrEqual(5 * Math.sqrt((exact * (1 - exact)) / draws) + 1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('raising a project\'s probability never lowers P(target met) under the same seed, correlated or not', () => {
    fc.assert(
      fc.property(projectsArb(5), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(undefined, { by: 'owner' as const, rank: 0.6 }, { by: 'stage' as const, rank: 0.9 }), (projects, k, raise, correlation) => {
        fc.pre(projects.length > 0);
        const i = k % projects.length;
        const after = [...projects];
        after[i] = { ...projects[i]!, completionProbabilityFrac: projects[i]!.completionProbabilityFrac + raise * (1 - projects[i]!.completionProbabilityFrac) };
        const extra = correlation ? { correlation } : {};
        const a = simulatePortfolioDraws(portfolioOf(projects, extra), { seed: 3, draws: 500 });
        const b = simulatePortfolioDraws(portfolioOf(after, extra), { seed: 3, draws: 500 });
        expect(b.targets[0]!.distribution.probabilityMet).toBeGreaterThanOrEqual(a.targets[0]!.distribution.probabilityMet);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic by seed, and draws split in two chunks equal one run', () => {
    const projects = [project({ id: 'a', completionProbabilityFrac: 0.5, delayYears: { kind: 'uniform', min: 0, max: 2 }, owner: 'X' }), project({ id: 'b', capacityMW: 300, completionProbabilityFrac: 0.4, owner: 'X' })];
    const pf = portfolioOf(projects, { correlation: { by: 'owner', rank: 0.5 } });
    const one = simulatePortfolioDraws(pf, { seed: 9, draws: 200 });
    expect(simulatePortfolioDraws(pf, { seed: 9, draws: 200 })).toEqual(one);
    const first = simulatePortfolioDraws(pf, { seed: 9, draws: 100 });
    const second = simulatePortfolioDraws(pf, { seed: 9, draws: 100, fromDraw: 100 });
    for (let y = 0; y < YEARS; y++) expect((first.meanCapacityMW[y]! + second.meanCapacityMW[y]!) / 2).toBeCloseTo(one.meanCapacityMW[y]!, 9);
  });

  it('correlation by owner makes two projects succeed together more often (Spearman 0.9)', () => {
    const two = [project({ id: 'a', completionProbabilityFrac: 0.5, owner: 'X', stage: 'signed' }), project({ id: 'b', completionProbabilityFrac: 0.5, owner: 'X', stage: 'signed' })];
    const target = { kind: 'capacity' as const, name: 't', technologies: ['pv-utility' as const], year: 2026, counts: 'built-plus-under-construction' as const, capacityMW: 1200, includeUnnamed: true };
    const independent = simulatePortfolioDraws(portfolioOf(two, { targets: [target] }), { seed: 5, draws: 20000 }).targets[0]!.distribution.probabilityMet;
    const correlated = simulatePortfolioDraws(portfolioOf(two, { targets: [target], correlation: { by: 'owner', rank: 0.9 } }), { seed: 5, draws: 20000 }).targets[0]!.distribution.probabilityMet;
    // Both built: 0.25 when independent; for a Gaussian copula with normal ρ = 2 sin(0.9π/6) = 0.9080 it is
    // 1/4 + arcsin(ρ)/(2π) = 0.25 + 1.1385/6.2832 = 0.4312 (Sheppard's formula for the bivariate normal orthant).
    expect(Math.abs(independent - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(correlated - (0.25 + Math.asin(2 * Math.sin((0.9 * Math.PI) / 6)) / (2 * Math.PI)))).toBeLessThan(0.015);
  });
});
