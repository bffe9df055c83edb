/** Reference values of the portfolio model, worked by hand in each comment. */
import { describe, expect, it } from 'vitest';
import { fractionalYear } from '../../../src/core/portfolio/dates.ts';
import { countedShare, delayBelowProbability, expectedCommissioningYear, portfolioYears } from '../../../src/core/portfolio/paths.ts';
import { gapMeaning, targetWaterfall } from '../../../src/core/portfolio/waterfall.ts';
import { investmentTotals, spreadOverConstructionYears } from '../../../src/core/portfolio/investment.ts';
import { TECHNOLOGY_DEFAULTS } from '../../../src/core/portfolio/technologies.ts';
import { DEFAULT_STAGE_ASSUMPTIONS } from '../../../src/core/portfolio/stages.ts';
import { STAGES, TECHNOLOGIES, type PortfolioCapacityTarget } from '../../../src/core/portfolio/types.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { flatUnnamed, portfolioOf, project } from './fixtures.ts';

describe('dates as fractional years (a period counts as its middle)', () => {
  it('a year is its middle; a month and a day the middle of them', () => {
    expect(fractionalYear(2024)).toBe(2024.5);
    // July 2023: 181 days before it, 31 days in it → 2023 + (181 + 15.5)/365.
    expectClose(fractionalYear(2023, 7), 2023 + 196.5 / 365, { abs: 1e-12 });
    // 1 March 2024 (leap year): 31 + 29 days before, the middle of day 61 → 2024 + 60.5/366.
    expectClose(fractionalYear(2024, 3, 1), 2024 + 60.5 / 366, { abs: 1e-12 });
    expectClose(fractionalYear(2023, 12, 31), 2023 + 364.5 / 365, { abs: 1e-12 });
  });
});

describe('counting a project in a year', () => {
  it('P(D < x) of a triangular delay is its CDF: triangular(0, 1, 3) at 2.5 = 1 − 0.5²/(3·2) = 0.958333…', () => {
    expectClose(delayBelowProbability({ kind: 'triangular', min: 0, mode: 1, max: 3 }, 2.5), 1 - 0.25 / 6, { abs: 1e-12 });
  });

  it('a discrete delay landing exactly on 1 January counts in the new year (strictly below)', () => {
    const delay = { kind: 'discrete' as const, values: [0, 0.5], weights: [3, 1] };
    // Planned 2024.5 + 0.5 = 2025.0: in 2025, not 2024. P(D < 0.5) = 3/4.
    expect(delayBelowProbability(delay, 0.5)).toBe(0.75);
    expect(countedShare(project({ commissioningYear: 2024.5, delayYears: delay }), 'operating', 2024, true)).toBe(0.75);
    expect(countedShare(project({ commissioningYear: 2024.5, delayYears: delay }), 'operating', 2025, true)).toBe(1);
  });

  it('expected share = p · P(planned + delay < y + 1): signed 2023.5, p 0.5, triangular(0, 1, 3), in 2025 = 0.5 · 0.958333', () => {
    const p = project({ stage: 'signed', commissioningYear: 2023.5, completionProbabilityFrac: 0.5, delayYears: { kind: 'triangular', min: 0, mode: 1, max: 3 } });
    expectClose(countedShare(p, 'operating', 2025, true), 0.5 * (1 - 0.25 / 6), { abs: 1e-12 });
    expect(countedShare(p, 'operating', 2025, false)).toBe(1);
    expect(countedShare(p, 'operating', 2022, false)).toBe(0);
    // Not the capacity at the mean delay: 2023.5 + 4/3 = 2024.83 would count fully (× p) in 2024; the expectation is
    // 0.5 · P(D < 1.5) = 0.5 · (1 − 1.5²/6) = 0.5 · 0.625.
    expectClose(countedShare(p, 'operating', 2024, true), 0.5 * 0.625, { abs: 1e-12 });
    expectClose(expectedCommissioningYear(p), 2023.5 + 4 / 3, { abs: 1e-12 });
  });

  it('cancelled projects count nowhere; built + under construction counts from the construction start', () => {
    const p = project({ constructionStartYear: 2023.5, commissioningYear: 2025.5 });
    expect(countedShare(p, 'built-plus-under-construction', 2023, false)).toBe(1);
    expect(countedShare(p, 'operating', 2024, false)).toBe(0);
    expect(countedShare({ ...p, stage: 'cancelled' }, 'built-plus-under-construction', 2030, false)).toBe(0);
  });

  it('storage counts toward no generation total but is reported with its MWh', () => {
    const rows = portfolioYears([project({ technology: 'storage', capacityMW: 50, energyMWh: 100 })], flatUnnamed(0), 2022, 2024);
    expect(rows[2]!.plannedCapacityMW).toBe(0);
    expect(rows[2]!.byTechnology.storage).toEqual({ plannedCapacityMW: 50, expectedCapacityMW: 50, plannedEnergyMWh: 100, expectedEnergyMWh: 100 });
  });
});

describe('waterfall and gap', () => {
  it('gapMeaning(300 MW, 1000 MW, 3 years): 100 MW a year, 1.3^(1/3) − 1 = 9.1393 % a year (python3: 1.3**(1/3) - 1)', () => {
    const m = gapMeaning(300, 1000, 3);
    expect(m.mwPerYear).toBe(100);
    expectClose(m.growthRateFrac!, 0.091392883061, { abs: 1e-11 });
    expect(gapMeaning(300, 0, 3).growthRateFrac).toBeNull();
  });

  it('a hand-worked waterfall: baseline 1000, 100 MW under construction (p 0.95), 400 MW signed (p 0.5), target 2000', () => {
    const projects = [
      project({ id: 'uc', stage: 'under-construction', capacityMW: 100, completionProbabilityFrac: 0.95 }),
      project({ id: 's', stage: 'signed', capacityMW: 400, completionProbabilityFrac: 0.5, constructionStartYear: 2024.5, commissioningYear: 2025.5 }),
      project({ id: 'w', stage: 'signed', technology: 'wind-onshore', capacityMW: 999 }),
    ];
    const pf = portfolioOf(projects, { targets: [{ kind: 'capacity' as const, name: 't', technologies: ['pv-utility'], year: 2025, counts: 'built-plus-under-construction', capacityMW: 2000, includeUnnamed: true }], unnamed: { ...flatUnnamed(1000), capacityMW: [1000, 1050, 1100, 1150, 1200, 1250, 1300, 1350, 1400, 1450, 1500, 1550] } });
    const w = targetWaterfall(pf, pf.targets[0] as PortfolioCapacityTarget);
    // today 1000; + UC 100 (expected 95); + signed 400 (expected 200); wind not counted by a PV target.
    expect(w.steps.map((s) => [s.step, s.plannedMW, s.expectedMW])).toEqual([['today', 1000, 1000], ['under-construction', 100, 95], ['approved', 0, 0], ['signed', 400, 200], ['prospect', 0, 0]]);
    expect([w.plannedMW, w.expectedMW, w.gapPlannedMW, w.gapExpectedMW]).toEqual([1500, 1295, 500, 705]);
    // Unnamed growth 2022 → 2025: 1150 − 1000 = 150; still missing 500 − 150 = 350 planned, 705 − 150 = 555 expected.
    expect([w.unnamedGrowthMW, w.remainingPlannedMW, w.remainingExpectedMW]).toEqual([150, 350, 555]);
    expectClose(w.gapPlanned.mwPerYear, 500 / 3, { abs: 1e-12 });
  });
});

describe('investment', () => {
  it('spreads evenly over the calendar years of construction', () => {
    expect([...spreadOverConstructionYears(9e8, 2023.5, 2025.5)]).toEqual([[2023, 3e8], [2024, 3e8], [2025, 3e8]]);
    expect([...spreadOverConstructionYears(1e8, 2024.2, 2024.9)]).toEqual([[2024, 1e8]]);
  });

  it('totals by stage (cancelled kept apart), technology and year, against the amount signed', () => {
    const t = investmentTotals(
      [project({ id: 'a', investmentYuan: 6e8, constructionStartYear: 2023.5, commissioningYear: 2024.5, completionProbabilityFrac: 0.5, stage: 'signed' }), project({ id: 'b', investmentYuan: 2e8, stage: 'cancelled', completionProbabilityFrac: 0 })],
      1.2e9,
    );
    expect(t.total).toBe(6e8);
    expect(t.expected).toBe(3e8);
    expect(t.byStage.signed).toBe(6e8);
    expect(t.byStage.cancelled).toBe(2e8);
    expect(t.byYear).toEqual({ 2023: 3e8, 2024: 3e8 });
    expect(t.shareOfSignedFrac).toBe(0.5);
  });
});

describe('registries', () => {
  it('every technology has defaults with a source; storage generates nothing', () => {
    for (const t of TECHNOLOGIES) {
      const d = TECHNOLOGY_DEFAULTS[t];
      expect(d.source.length).toBeGreaterThan(20);
      expect(d.lifetimeYears).toBeGreaterThan(0);
      expect(d.fullLoadHours > 0).toBe(d.generates);
    }
  });

  it('stage probabilities rise with maturity, cancelled is 0 and operating is 1', () => {
    const p = STAGES.map((s) => DEFAULT_STAGE_ASSUMPTIONS[s].completionProbabilityFrac);
    expect(p).toEqual([0.2, 0.5, 0.8, 0.95, 1, 0]);
  });
});
