/**
 * Invariants of energy targets (issue 12), with the energy bookkeeping `run` uses (cohorts.ts: E_y(c) = P · h · f_op ·
 * (1 − d)^age, age = ⌊y − c⌋ completed years at the start of y).
 *
 * That bookkeeping makes a later plant younger, so a delay can RAISE a year's energy by the degradation it avoids:
 * a plant planned for mid-2023 that comes a year late gives 0.995² instead of 0.995³ of its rating in 2026 (the test
 * "a delay can raise a year's energy" shows it). So "expected never exceeds planned" and "a later date never raises
 * energy" hold exactly when the planned plant has no completed year of operation in the year (age 0: a target year no
 * later than the year after commissioning), and otherwise up to that avoided degradation:
 *   E_y(c + s) ≤ E_y(c) · (1 − d)^(−min(⌈s⌉, age(y; c)))   for y + 1 ≤ c + L (the year inside the planned life),
 * because f_op(y; c + s) ≤ f_op(y; c) there and age(y; c + s) ≥ age(y; c) − ⌈s⌉. The properties below state that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completedOperatingYears } from '../../../src/core/plan/cohorts.ts';
import { projectEnergyInYearMWh, targetEnergyMWh } from '../../../src/core/portfolio/energy-targets.ts';
import { simulatePortfolioDraws } from '../../../src/core/portfolio/monte-carlo.ts';
import { unnamedMWhAt } from '../../../src/core/portfolio/paths.ts';
import { generatesEnergy, TECHNOLOGY_DEFAULTS } from '../../../src/core/portfolio/technologies.ts';
import type { PortfolioEnergyTarget, Project } from '../../../src/core/portfolio/types.ts';
import { support } from '../../../src/core/uncertainty/distributions.ts';
import { flatUnnamed, NO_DELAY, portfolioOf, project, projectsArb } from './fixtures.ts';

const ALL = ['pv-utility', 'pv-distributed', 'pv-offshore', 'wind-onshore', 'wind-offshore'] as const;
const YEARS = 12;
const FIRST = 2022;
const EPS = 1e-9;
const unnamed = flatUnnamed(1000, YEARS, 1100);
const energyTarget = (year: number, energyMWh = 1.5e6, over: Partial<PortfolioEnergyTarget> = {}): PortfolioEnergyTarget => ({
  kind: 'energy',
  name: 'e',
  technologies: [...ALL],
  year,
  counts: 'operating',
  energyMWh,
  includeUnnamed: true,
  ...over,
});

/** (1 − d)^(−min(⌈s⌉, age(y; c))): the most a shift of s years can raise E_y by avoiding degradation. */
function avoidedDegradation(p: Project, year: number, shiftYears: number): number {
  const { annualDegradationFrac } = TECHNOLOGY_DEFAULTS[p.technology];
  return (1 - annualDegradationFrac) ** -Math.min(Math.ceil(shiftYears), completedOperatingYears(year, p.commissioningYear));
}

/** Whether year y lies inside the planned life: y + 1 ≤ c + L. */
const insideLife = (p: Project, year: number) => year + 1 <= p.commissioningYear + TECHNOLOGY_DEFAULTS[p.technology].lifetimeYears;

describe('energy targets: invariants', () => {
  it('expected energy never exceeds planned, up to the degradation a delay avoids (exactly when the plant is new in the year)', () => {
    fc.assert(
      fc.property(projectsArb(), fc.integer({ min: FIRST, max: FIRST + YEARS - 1 }), (projects, year) => {
        let bound = unnamedMWhAt(unnamed, year);
        for (const p of projects) {
          fc.pre(insideLife(p, year));
          const maxDelay = support(p.delayYears).upper;
          bound += projectEnergyInYearMWh(p, year, false) * avoidedDegradation(p, year, maxDelay);
          expect(projectEnergyInYearMWh(p, year, true)).toBeLessThanOrEqual(projectEnergyInYearMWh(p, year, false) * avoidedDegradation(p, year, maxDelay) * (1 + EPS) + EPS);
          if (completedOperatingYears(year, p.commissioningYear) === 0) expect(projectEnergyInYearMWh(p, year, true)).toBeLessThanOrEqual(projectEnergyInYearMWh(p, year, false) * (1 + EPS) + EPS);
        }
        const pf = portfolioOf(projects, { unnamed });
        expect(targetEnergyMWh(pf, energyTarget(year), true)).toBeLessThanOrEqual(bound * (1 + EPS) + EPS);
      }),
      { numRuns: 300 },
    );
  });

  it("a delay can raise a year's energy: the plant is younger (why the invariants above carry the avoided degradation)", () => {
    const onTime = project({ commissioningYear: 2023.5, delayYears: NO_DELAY });
    const late = project({ commissioningYear: 2023.5, delayYears: { kind: 'constant', value: 1 } });
    // 2026: on time age ⌊2.5⌋ = 2, a year late age ⌊1.5⌋ = 1: 100 · 1135 · 0.995 > 100 · 1135 · 0.995².
    expect(projectEnergyInYearMWh(late, 2026, true)).toBeCloseTo(100 * 1135 * 0.995, 6);
    expect(projectEnergyInYearMWh(onTime, 2026, true)).toBeCloseTo(100 * 1135 * 0.995 ** 2, 6);
  });

  it("raising a project's completion probability never lowers expected energy", () => {
    fc.assert(
      fc.property(projectsArb(), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: FIRST, max: FIRST + YEARS - 1 }), (projects, k, raise, year) => {
        fc.pre(projects.length > 0);
        const i = k % projects.length;
        const after = [...projects];
        after[i] = { ...projects[i]!, completionProbabilityFrac: projects[i]!.completionProbabilityFrac + raise * (1 - projects[i]!.completionProbabilityFrac) };
        const a = targetEnergyMWh(portfolioOf(projects, { unnamed }), energyTarget(year), true);
        const b = targetEnergyMWh(portfolioOf(after, { unnamed }), energyTarget(year), true);
        expect(b).toBeGreaterThanOrEqual(a - EPS * Math.max(1, a));
      }),
      { numRuns: 300 },
    );
  });

  it('raising a probability never lowers P(energy target met) under the same seed (fixed delays: the draw decides only whether it is built), correlated or not', () => {
    fc.assert(
      fc.property(
        projectsArb(5),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(undefined, { by: 'owner' as const, rank: 0.6 }, { by: 'stage' as const, rank: 0.9 }),
        fc.double({ min: 1.0e6, max: 3e6, noNaN: true }),
        (projects, k, raise, correlation, goal) => {
          fc.pre(projects.length > 0);
          const fixed = projects.map((p) => ({ ...p, delayYears: NO_DELAY }));
          const i = k % fixed.length;
          const after = [...fixed];
          after[i] = { ...fixed[i]!, completionProbabilityFrac: fixed[i]!.completionProbabilityFrac + raise * (1 - fixed[i]!.completionProbabilityFrac) };
          const extra = { unnamed, targets: [energyTarget(2027, goal)], ...(correlation ? { correlation } : {}) };
          const a = simulatePortfolioDraws(portfolioOf(fixed, extra), { seed: 3, draws: 400 });
          const b = simulatePortfolioDraws(portfolioOf(after, extra), { seed: 3, draws: 400 });
          expect(b.targets[0]!.distribution.probabilityMet).toBeGreaterThanOrEqual(a.targets[0]!.distribution.probabilityMet);
          expect(b.targets[0]!.energyInTargetYearMWh!.mean).toBeGreaterThanOrEqual(a.targets[0]!.energyInTargetYearMWh!.mean - EPS * a.targets[0]!.energyInTargetYearMWh!.mean);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('moving commissioning later never raises energy in any year, up to the degradation it avoids (exactly for a plant new in the year), planned and expected', () => {
    fc.assert(
      fc.property(projectsArb(), fc.nat(), fc.double({ min: 0, max: 5, noNaN: true }), (projects, k, shift) => {
        fc.pre(projects.length > 0);
        const p = projects[k % projects.length]!;
        const moved = { ...p, constructionStartYear: p.constructionStartYear + shift, commissioningYear: p.commissioningYear + shift };
        for (let year = FIRST; year < FIRST + YEARS; year++) {
          if (!insideLife(p, year)) continue;
          for (const expected of [false, true]) {
            const before = projectEnergyInYearMWh(p, year, expected);
            const after = projectEnergyInYearMWh(moved, year, expected);
            // The expected energy averages over the delay; every delayed date moves by the same shift.
            const slack = avoidedDegradation(p, year, shift + (expected ? support(p.delayYears).upper : 0));
            expect(after).toBeLessThanOrEqual(before * slack * (1 + EPS) + EPS);
            if (!expected && completedOperatingYears(year, p.commissioningYear) === 0) expect(after).toBeLessThanOrEqual(before * (1 + EPS) + EPS);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("cancelling every project leaves exactly the unnamed path's energy, planned, expected and in every draw", () => {
    fc.assert(
      fc.property(projectsArb(), fc.integer({ min: FIRST, max: FIRST + YEARS - 1 }), (projects, year) => {
        const cancelled = projects.map((p) => ({ ...p, stage: 'cancelled' as const, completionProbabilityFrac: 0 }));
        const pf = portfolioOf(cancelled, { unnamed, targets: [energyTarget(year)] });
        const only = unnamedMWhAt(unnamed, year);
        expect(targetEnergyMWh(pf, energyTarget(year), false)).toBe(only);
        expect(targetEnergyMWh(pf, energyTarget(year), true)).toBe(only);
        const mc = simulatePortfolioDraws(pf, { seed: 1, draws: 50 }).targets[0]!.energyInTargetYearMWh!;
        expect([mc.mean, mc.p10, mc.p90, mc.sd]).toEqual([only, only, only, 0]);
      }),
      { numRuns: 100 },
    );
  });

  it('the Monte Carlo mean energy converges to the risk-weighted expectation', () => {
    fc.assert(
      fc.property(projectsArb(4), fc.integer({ min: 2024, max: 2030 }), (projects, year) => {
        const draws = 4000;
        const pf = portfolioOf(projects, { unnamed, targets: [energyTarget(year)] });
        const mc = simulatePortfolioDraws(pf, { seed: 11, draws }).targets[0]!.energyInTargetYearMWh!;
        const expected = targetEnergyMWh(pf, energyTarget(year), true);
        // Five standard errors of the mean (the draws' own sd), and a continuous delay's expectation is a 32-node
        // midpoint rule, within 0.1 % of a year's rated energy per project (run-paths.ts).
        const rated = projects.filter((p) => generatesEnergy(p.technology)).map((p) => p.capacityMW * p.fullLoadHours);
        const quadrature = 0.002 * rated.reduce((s, e) => s + e, 0);
        expect(Math.abs(mc.mean - expected)).toBeLessThanOrEqual((5 * mc.sd) / Math.sqrt(draws) + quadrature + 1e-6);
      }),
      { numRuns: 50 },
    );
  });

  it('the Monte Carlo draws the delay: one certain project slipping 0 or 1 year (½ each) averages the two energies', () => {
    // Commissioned 2025.5 on time: 2026 at age 0, 100 · 1135 = 113 500 MWh; a year late (2026.5): half a year, 56 750 MWh.
    // Mean (113 500 + 56 750) / 2 = 85 125 MWh above the unnamed path, within 5 standard errors (sd 28 375 MWh).
    const p = project({ commissioningYear: 2025.5, delayYears: { kind: 'discrete', values: [0, 1], weights: [1, 1] } });
    const draws = 20000;
    const mc = simulatePortfolioDraws(portfolioOf([p], { unnamed, targets: [energyTarget(2026)] }), { seed: 2, draws }).targets[0]!.energyInTargetYearMWh!;
    expect(Math.abs(mc.mean - unnamedMWhAt(unnamed, 2026) - 85_125)).toBeLessThanOrEqual((5 * 28_375) / Math.sqrt(draws));
  });

  it('with no delays and independent projects, P(energy target met) matches enumeration over every outcome', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ mw: fc.integer({ min: 1, max: 500 }), p: fc.double({ min: 0.05, max: 0.95, noNaN: true }), c: fc.constantFrom(2024.5, 2025.25, 2026.75) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1_500_000 }),
        (spec, aboveMWh) => {
          const projects = spec.map((s, i) => project({ id: `p${i}`, capacityMW: s.mw, completionProbabilityFrac: s.p, stage: 'signed', commissioningYear: s.c, constructionStartYear: s.c - 1, delayYears: NO_DELAY }));
          const year = 2026;
          const base = unnamedMWhAt(unnamed, year);
          const goal = base + aboveMWh;
          // Each project, when built, gives its planned energy of 2026: P · 1135 h · f_op · 0.995^age.
          const energy = projects.map((p) => projectEnergyInYearMWh(p, year, false));
          let exact = 0;
          for (let mask = 0; mask < 1 << spec.length; mask++) {
            let mwh = base;
            let prob = 1;
            spec.forEach((s, i) => {
              const built = (mask >> i) & 1;
              mwh += built ? energy[i]! : 0;
              prob *= built ? s.p : 1 - s.p;
            });
            if (mwh >= goal * (1 - 1e-9)) exact += prob;
          }
          exact = Math.min(1, Math.max(0, exact));
          const draws = 20000;
          const mc = simulatePortfolioDraws(portfolioOf(projects, { unnamed, targets: [energyTarget(year, goal)] }), { seed: 7, draws });
          const pHat = mc.targets[0]!.distribution.probabilityMet;
          expect(Math.abs(pHat - exact)).toBeLessThanOrEqual(5 * Math.sqrt((exact * (1 - exact)) / draws) + 1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('an energy target counts storage never, and a capacity target in the same run keeps its own draws', () => {
    const projects = [project({ id: 's', technology: 'storage', capacityMW: 100, energyMWh: 200, fullLoadHours: 0 }), project({ id: 'a', completionProbabilityFrac: 0.5 })];
    const capacity = { kind: 'capacity' as const, name: 'c', technologies: ['pv-utility' as const], year: 2026, counts: 'built-plus-under-construction' as const, capacityMW: 1100, includeUnnamed: true };
    const both = simulatePortfolioDraws(portfolioOf(projects, { unnamed, targets: [capacity, energyTarget(2026, 1.2e6, { technologies: ['pv-utility', 'storage'] })] }), { seed: 5, draws: 2000 });
    const alone = simulatePortfolioDraws(portfolioOf(projects, { unnamed, targets: [capacity] }), { seed: 5, draws: 2000 });
    expect(both.targets[0]).toEqual(alone.targets[0]);
    expect(both.meanCapacityMW).toEqual(alone.meanCapacityMW);
    // The 100 MW PV project, when built, gives 100 · 1135 · 0.995² (commissioned 2023.5) in 2026; storage nothing.
    const built = 100 * 1135 * 0.995 ** 2;
    const e = both.targets[1]!.energyInTargetYearMWh!;
    expect([e.p10, e.p90]).toEqual([unnamedMWhAt(unnamed, 2026), unnamedMWhAt(unnamed, 2026) + built]);
  });
});
