/** Energy targets of a portfolio: a hand-computed waterfall, agreement with `run`'s energy, and the gap as capacity. */
import { describe, expect, it } from 'vitest';
import { energyGapMeaning, energyTargetWaterfall, projectEnergyInYearMWh, targetEnergyMWh, targetValueInYear } from '../../../src/core/portfolio/energy-targets.ts';
import { portfolioRunPaths } from '../../../src/core/portfolio/run-paths.ts';
import type { PortfolioEnergyTarget } from '../../../src/core/portfolio/types.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { flatUnnamed, NO_DELAY, portfolioOf, project } from './fixtures.ts';

const PV = ['pv-utility', 'pv-distributed', 'pv-offshore'] as const;
const target = (over: Partial<PortfolioEnergyTarget> = {}): PortfolioEnergyTarget => ({ kind: 'energy', name: 'e', technologies: [...PV], year: 2026, counts: 'operating', energyMWh: 2e6, includeUnnamed: true, ...over });

/**
 * Hand case, target year 2026, unnamed path flat 1000 MW producing 1000 MW × 1000 h = 1 000 000 MWh every year
 * (base year 2022). Energy E_y(c) = P · h · f_op · 0.995^age (PV degrades 0.5 %/yr, compounding; age = ⌊y − c⌋):
 * - A, operating, 100 MW pv-utility at 1135 h, commissioned 2023.5, certain: f_op 1, age ⌊2.5⌋ = 2:
 *   100 · 1135 · 0.995² = 112 367.8375 MWh, planned and expected.
 * - B, signed, 200 MW pv-utility at 1000 h, commissioned 2026.25, p = 0.5, delay 0 or 1 year (½ each):
 *   planned f_op = 0.75, age 0: 150 000 MWh; expected 0.5 · (½ · 150 000 + ½ · 0) = 37 500 MWh (a year late it
 *   starts in 2027).
 * - E, prospect, 400 MW pv-offshore at 1250 h, commissioned 2025.0, p = 0.2, delay 0.5 year:
 *   planned age ⌊1.0⌋ = 1: 400 · 1250 · 0.995 = 497 500 MWh; expected at 2025.5, age 0: 0.2 · 500 000 = 100 000 MWh.
 * - a 50 MW wind project (approved) and 100 MW of storage: not counted by a PV energy target.
 * Waterfall, planned: today 1 000 000 + 112 367.8375 = 1 112 367.8375; signed 150 000; prospects 497 500; named
 * total 1 759 867.8375; gap to 2 000 000 = 240 132.1625 MWh = 240.1321625 MW at 1000 h, 60.033 040 625 MW a year
 * over 2022–2026, growth (1240.1321625 / 1000)^(1/4) − 1 = 0.055 278 263 6.
 * Risk-weighted: 1 112 367.8375 + 37 500 + 100 000 = 1 249 867.8375; gap 750 132.1625 MWh.
 * (Checked with python3: 100*1135*0.995**2, 400*1250*0.995, ((1000+240.1321625)/1000)**0.25-1.)
 */
describe('energy target waterfall (hand case)', () => {
  const projects = [
    project({ id: 'A', stage: 'operating', capacityMW: 100, fullLoadHours: 1135, constructionStartYear: 2022.5, commissioningYear: 2023.5 }),
    project({ id: 'B', stage: 'signed', capacityMW: 200, fullLoadHours: 1000, constructionStartYear: 2025.5, commissioningYear: 2026.25, completionProbabilityFrac: 0.5, delayYears: { kind: 'discrete', values: [0, 1], weights: [1, 1] } }),
    project({ id: 'E', stage: 'prospect', technology: 'pv-offshore', capacityMW: 400, fullLoadHours: 1250, constructionStartYear: 2024, commissioningYear: 2025, completionProbabilityFrac: 0.2, delayYears: { kind: 'constant', value: 0.5 } }),
    project({ id: 'W', stage: 'approved', technology: 'wind-onshore', capacityMW: 50, fullLoadHours: 2221, commissioningYear: 2025.5 }),
    project({ id: 'S', stage: 'approved', technology: 'storage', capacityMW: 100, energyMWh: 200, fullLoadHours: 0, commissioningYear: 2024.5 }),
  ];
  const pf = portfolioOf(projects, { targets: [target()], unnamed: flatUnnamed(1000, 12, 1000) });
  const w = energyTargetWaterfall(pf, target(), 1000);

  it('steps, totals and gaps', () => {
    const byStep = Object.fromEntries(w.steps.map((s) => [s.step, [s.plannedMWh, s.expectedMWh]]));
    expectClose(byStep.today![0]!, 1_112_367.8375, { rel: 1e-12 });
    expectClose(byStep.today![1]!, 1_112_367.8375, { rel: 1e-12 });
    expect(byStep['under-construction']).toEqual([0, 0]);
    expect(byStep.approved).toEqual([0, 0]);
    expectClose(byStep.signed![0]!, 150_000, { rel: 1e-12 });
    expectClose(byStep.signed![1]!, 37_500, { rel: 1e-12 });
    expectClose(byStep.prospect![0]!, 497_500, { rel: 1e-12 });
    expectClose(byStep.prospect![1]!, 100_000, { rel: 1e-12 });
    expectClose(w.plannedMWh, 1_759_867.8375, { rel: 1e-12 });
    expectClose(w.expectedMWh, 1_249_867.8375, { rel: 1e-12 });
    expectClose(w.gapPlannedMWh, 240_132.1625, { rel: 1e-9 });
    expectClose(w.gapExpectedMWh, 750_132.1625, { rel: 1e-9 });
    expect(w.unnamedGrowthMWh).toBe(0);
    expectClose(w.totalPlannedMWh, 1_759_867.8375, { rel: 1e-12 });
  });

  it('the gap as capacity at the given full-load hours', () => {
    expectClose(w.gapPlanned.capacityMW, 240.1321625, { rel: 1e-9 });
    expectClose(w.gapPlanned.mwPerYear, 60.033040625, { rel: 1e-9 });
    expect(w.gapPlanned.years).toBe(4);
    expectClose(w.gapPlanned.growthRateFrac!, 0.055278263634376934, { rel: 1e-9 });
    expect(w.gapPlanned.fullLoadHours).toBe(1000);
  });

  it('storage and uncounted technologies add nothing; a wind target counts the wind project alone', () => {
    const wind = target({ technologies: ['wind-onshore'], includeUnnamed: false });
    // 50 MW · 2221 h, commissioned 2025.5, in 2026 age 0: 111 050 MWh.
    expectClose(targetEnergyMWh(pf, wind, false), 111_050, { rel: 1e-12 });
    expect(projectEnergyInYearMWh(projects[4]!, 2026, false)).toBe(0);
  });

  it('targetValueInYear of an energy target is its energy', () => {
    expect(targetValueInYear(pf, target(), true)).toBe(targetEnergyMWh(pf, target(), true));
  });

  it('energyGapMeaning refuses non-positive hours', () => {
    expect(() => energyGapMeaning(1, 0, 1, 1)).toThrow(/fullLoadHours/);
  });
});

describe('energy targets agree with run', () => {
  it("a target on every generating technology with the unnamed path = run's portfolio energy, planned and risk-weighted, every year", () => {
    const projects = [
      project({ id: 'a', commissioningYear: 2024.3, completionProbabilityFrac: 0.7, delayYears: { kind: 'triangular', min: 0, mode: 0.5, max: 2 } }),
      project({ id: 'b', technology: 'wind-offshore', capacityMW: 300, fullLoadHours: 2800, stage: 'approved', commissioningYear: 2027, completionProbabilityFrac: 0.6, delayYears: { kind: 'uniform', min: 0, max: 1.5 } }),
      project({ id: 'c', technology: 'storage', capacityMW: 50, energyMWh: 100, fullLoadHours: 0 }),
      project({ id: 'd', stage: 'cancelled', completionProbabilityFrac: 0 }),
    ];
    const unnamed = { ...flatUnnamed(1000), energyMWh: Array.from({ length: 12 }, (_, i) => 1e6 + 5e4 * i) };
    const pf = portfolioOf(projects, { unnamed });
    const rows = unnamed.energyMWh.map((energyMWh, i) => ({ year: 2022 + i, capacityMW: 1000, operatingMW: 1000, energyMWh, coalTonnes: 0, co2Tonnes: 0 }));
    const run = portfolioRunPaths(pf, rows, { coalTonnesPerMWh: () => 0.3, co2TonnesPerMWh: () => 0.5 });
    const all = ['pv-utility', 'pv-distributed', 'pv-offshore', 'wind-onshore', 'wind-offshore'] as const;
    for (const r of run) {
      const t = target({ technologies: [...all], year: r.year });
      expectClose(targetEnergyMWh(pf, t, false), r.planned.total.energyMWh, { rel: 1e-12 });
      expectClose(targetEnergyMWh(pf, t, true), r.expected.total.energyMWh, { rel: 1e-12 });
    }
  });

  it('a project with no delay and certain completion: expected = planned', () => {
    const p = project({ id: 'x', commissioningYear: 2024.2, delayYears: NO_DELAY });
    for (let y = 2022; y < 2034; y++) expect(projectEnergyInYearMWh(p, y, true)).toBe(projectEnergyInYearMWh(p, y, false));
  });
});
